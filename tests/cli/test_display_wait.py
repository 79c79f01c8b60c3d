"""The kiosk on KMSDRM with no display connected (the TV off at boot): it says once that it
waits, tells systemd (STATUS, and EXTEND_TIMEOUT_USEC instead of READY), stops at once on
SIGTERM, and goes on when a display is connected; the --status file says why nothing is shown.
The DRM connectors are a fake sysfs tree (NEWSBOARD_DRM_SYSFS, a test hook); SDL's KMSDRM
itself cannot run here (the boot test does)."""
import os
import signal
import socket
import subprocess
import time

from nbtest import BINARY, DEMO, check, finish, status, tempdir
from xvfb import wait_for


def connector(root, entry, status):
    os.makedirs(os.path.join(root, entry), exist_ok=True)
    with open(os.path.join(root, entry, "status.tmp"), "w") as f:
        f.write(status + "\n")
    os.replace(os.path.join(root, entry, "status.tmp"), os.path.join(root, entry, "status"))


def start(sysfs, sock_path, log, extra=()):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(SDL_VIDEODRIVER="kmsdrm", NEWSBOARD_DRM_SYSFS=sysfs, NOTIFY_SOCKET=sock_path)
    return subprocess.Popen([BINARY, "play", DEMO, *extra], env=env, stderr=log)


def read_log(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def messages(sock):
    got = []
    sock.setblocking(False)
    while True:
        try:
            got.append(sock.recv(4096).decode())
        except BlockingIOError:
            return got


folder = tempdir()
sysfs = os.path.join(folder, "drm")
connector(sysfs, "card0-Writeback-1", "connected")
connector(sysfs, "card0-HDMI-A-1", "disconnected")
sock_path = os.path.join(folder, "notify.sock")
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(sock_path)

# No display: it waits, says so once, and a SIGTERM ends it at once with 0.
log_path = os.path.join(folder, "wait.log")
status_path = os.path.join(folder, "status.json")
with open(log_path, "w") as log:
    proc = start(sysfs, sock_path, log, ["--status", status_path, "--board-id", "lobby-3"])
try:
    check(wait_for(lambda: "waiting for a display" in read_log(log_path), 10), "it says it waits")
    check(wait_for(lambda: status(status_path) is not None, 5), "a status file is written while it waits")
    seen = status(status_path)
    check(seen["last_error"] == "waiting for a display: card0-HDMI-A-1 disconnected"
          and seen["mode"] == "play" and seen["board_id"] == "lobby-3" and seen["item"] is None
          and seen["standby"] is True, f"the fleet monitor sees why the board shows nothing: {seen}")
    notes = []
    check(wait_for(lambda: (notes.extend(messages(sock)), any("EXTEND_TIMEOUT_USEC" in m for m in notes))[1], 5),
          f"it pushes systemd's start timeout on while it waits: {notes}")
    check(proc.poll() is None, "it is still running, not crash-looping")
    check(any("STATUS=waiting for a display: card0-HDMI-A-1 disconnected" in m for m in notes),
          f"systemctl status says why (the writeback connector is no display): {notes}")
    check(not any("READY=1" in m for m in notes), "no READY before anything is shown")
    check(read_log(log_path).count("waiting for a display") == 1, "the wait is logged once")
    t0 = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    ended = wait_for(lambda: proc.poll() is not None, 3, step=0.01)
    took = time.monotonic() - t0
    check(ended and took < 1.0 and proc.returncode == 0, f"SIGTERM ends the wait with 0 at once: {took:.3f} s, "
                                                           f"exit {proc.returncode}")
    print(f"SIGTERM while waiting for a display: exit in {took * 1000:.0f} ms")
finally:
    if proc.poll() is None:
        proc.kill()
    proc.wait()

# The TV is switched on during the wait: it goes on within about a second (SDL's KMSDRM then
# fails here, with no /dev/dri: that part is the boot test's).
log_path = os.path.join(folder, "on.log")
with open(log_path, "w") as log:
    proc = start(sysfs, sock_path, log)
try:
    check(wait_for(lambda: "waiting for a display" in read_log(log_path), 10), "it waits again")
    t0 = time.monotonic()
    connector(sysfs, "card0-HDMI-A-1", "connected")
    seen = wait_for(lambda: "a display is connected: card0-HDMI-A-1 connected" in read_log(log_path), 5, step=0.01)
    check(seen, f"the display is taken when it comes: {read_log(log_path)}")
    print(f"display connected → noticed in {(time.monotonic() - t0) * 1000:.0f} ms")
finally:
    if proc.poll() is None:
        proc.kill()
    proc.wait()
finish("test_display_wait")
