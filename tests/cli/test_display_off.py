"""display-off on a real X server: in the dark hours play shows black and says until when
(status file), presents nothing more and costs no CPU while systemd's watchdog is still fed,
and at the end of the range the content comes back. The wall clock is injected
(NEWSBOARD_CLOCK_START) in the board's zone (TZ), so the test does not depend on the hour.
Xvfb has no DPMS: the panel is "black" here; on a board (KMSDRM) it is "off", which the QEMU
boot test checks (deploy/boot-test/run.py)."""
import json
import os
import shutil
import signal
import socket
import subprocess
import time

from nbtest import BINARY, check, finish, notify_messages, status, stop, tempdir
from xvfb import Xvfb, wait_for

BLACK = (0, 0, 0)
NOTICE = (150, 14, 24)


def playlist(folder):
    path = os.path.join(folder, "board.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "id": "night", "updated": "2019-04-08T07:00:00+08:00",
                   "defaults": {"duration": 30}, "ticker": ["夜间"],
                   "items": [{"id": "one", "type": "notice", "text": "一"}]}, f, ensure_ascii=False)
    return path


def play(x, off, start):
    folder = tempdir()
    st = os.path.join(folder, "status.json")
    env = dict(x.env, TZ="Asia/Shanghai", NEWSBOARD_CLOCK_START=start)
    proc = subprocess.Popen([BINARY, "play", playlist(folder), "--size", "640x360", "--status", st,
                             "--display-off", off], env=env, stderr=subprocess.DEVNULL)
    return proc, st


def test_dark_hours(x):
    proc, st = play(x, "12:00-12:30, 23:00-06:00", "2026-11-28T23:30:00+08:00")
    try:
        check(wait_for(lambda: (status(st) or {}).get("display_off_until") == "06:00", 10),
              f"the status says the display is off until 06:00: {status(st)}")
        check(wait_for(lambda: x.screenshot().share(BLACK, tolerance=2) > 0.99, 20),
              "the screen is black in the dark hours, ticker and clock included")
        proc.send_signal(signal.SIGTERM)
        check(wait_for(lambda: proc.poll() is not None, 3, step=0.01), "SIGTERM ends a dark board at once")
        check(proc.returncode == 0, f"exit code 0 on SIGTERM, got {proc.returncode}")
    finally:
        stop(proc)


def test_lights_on(x):
    # Two seconds before the end of the range: black first, then the notice at 06:00.
    proc, st = play(x, "23:00-06:00", "2026-11-29T05:59:58+08:00")
    try:
        check(wait_for(lambda: (status(st) or {}).get("display_off_until") == "06:00", 10),
              f"off before 06:00: {status(st)}")
        check(wait_for(lambda: (lambda s: s and s.get("display_off_until") is None and s.get("item"))(status(st)), 10),
              f"the content is back after 06:00: {status(st)}")
        check(wait_for(lambda: x.screenshot().share(NOTICE) > 0.3, 20), "the notice is on screen again")
    finally:
        stop(proc)


def cpu_seconds(pid):
    """User plus system CPU time of the whole process so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def frames(log):
    with open(log) as f:
        return sum(1 for line in f if line.endswith("\n"))


def test_dark_costs_nothing(x):
    """Two minutes before 06:00 at 20 times the speed (6 s): after one black frame nothing is
    presented, the process sleeps, and the watchdog is fed all the same (no present needed);
    then the content comes back. WATCHDOG_USEC is on the loop's clock (20 s: a ping every 0.5 s)."""
    folder = tempdir()
    st = os.path.join(folder, "status.json")
    log = os.path.join(folder, "frames.log")
    sock_path = os.path.join(folder, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(sock_path)
    env = dict(x.env, TZ="Asia/Shanghai", NEWSBOARD_CLOCK_START="2026-11-29T05:58:00+08:00",
               NEWSBOARD_CLOCK_RATE="20", NEWSBOARD_FRAME_LOG=log, NOTIFY_SOCKET=sock_path,
               WATCHDOG_USEC="20000000")
    proc = subprocess.Popen([BINARY, "play", playlist(folder), "--size", "640x360", "--status", st,
                             "--display-off", "23:00-06:00"], env=env, stderr=subprocess.DEVNULL)
    try:
        check(wait_for(lambda: (status(st) or {}).get("panel") == "black", 10),
              f"the status says the panel is dark (black: Xvfb has no DPMS): {status(st)}")
        check(status(st)["display_off_until"] == "06:00", f"until 06:00: {status(st)}")
        sock.setblocking(False)  # the pings from before the dark hours do not count
        while True:
            try:
                sock.recv(4096)
            except BlockingIOError:
                break
        sock.setblocking(True)
        shown, cpu, start = frames(log), cpu_seconds(proc.pid), time.monotonic()
        got = notify_messages(sock, lambda got: sum("WATCHDOG=1" in m for m in got) >= 5, 6)
        elapsed = time.monotonic() - start
        used = cpu_seconds(proc.pid) - cpu
        dark = (status(st) or {}).get("display_off_until") == "06:00"
        print(f"dark for {elapsed:.2f} s: {frames(log) - shown} frames, CPU {used:.2f} s "
              f"({used / elapsed * 100:.1f} % of a core), {sum('WATCHDOG=1' in m for m in got)} watchdog pings")
        check(dark, f"still in the dark hours when measured: {status(st)}")
        check(sum("WATCHDOG=1" in m for m in got) >= 5, f"the watchdog is fed in the dark: {got}")
        check(frames(log) == shown, f"nothing is presented in the dark: {frames(log) - shown} frames")
        check(used < 0.05 * elapsed, f"a dark board sleeps: {used:.2f} s of CPU in {elapsed:.2f} s")
        check(wait_for(lambda: (lambda s: s and s.get("display_off_until") is None and s.get("item")
                                and s.get("panel") == "on")(status(st)), 15),
              f"the content is back after 06:00: {status(st)}")
        check(wait_for(lambda: x.screenshot().share(NOTICE) > 0.3, 20), "the notice is on screen again")
        check(frames(log) > shown, "and presented")
    finally:
        stop(proc)
        sock.close()
    shutil.rmtree(folder, ignore_errors=True)


def test_bad_range():
    code = subprocess.run([BINARY, "play", "x.json", "--display-off", "23:00-25:00"], capture_output=True,
                          timeout=30)
    check(code.returncode == 2, f"a bad display-off range is a usage error (2), got {code.returncode}")
    check(b"HH:MM-HH:MM" in code.stderr, f"and says the form: {code.stderr!r}")


test_bad_range()
if any(shutil.which(tool) is None for tool in ("Xvfb", "xwd")):
    check(False, "Xvfb and xwd are needed (scripts/deps.sh installs them)")
else:
    for test in (test_dark_hours, test_lights_on, test_dark_costs_nothing):
        server = Xvfb("640x360")
        try:
            test(server)
        finally:
            server.close()
finish("test_display_off")
