"""The player opens the video driver it means to, never SDL's silent "offscreen": a player
that could not reach its X server for a moment (not up yet at boot, or resetting because its
last client left, as Xorg and Xvfb do) waits for it and then shows its window, instead of
playing to no screen at all with a black board (the late starts of 2026-12-04: libwayland's
"XDG_RUNTIME_DIR is invalid" line from SDL's probe, then SDL's offscreen driver); with
no display server the console (KMSDRM) is chosen, and the log says which driver and why."""
import os
import random
import signal
import subprocess
import time

from nbtest import BINARY, DEMO, check, finish, status, stop, tempdir
from xvfb import Xvfb, wait_for

PROBE = "XDG_RUNTIME_DIR"  # libwayland's line: SDL went probing past x11


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def free_display_number():
    """A display number no X server holds now (lock file and socket absent)."""
    while True:
        n = random.randrange(300, 900)
        if not os.path.exists(f"/tmp/.X{n}-lock") and not os.path.exists(f"/tmp/.X11-unix/X{n}"):
            return n


def base_env():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    if "ASAN_OPTIONS" in env:  # as xvfb.Xvfb: SDL's X11 stack leaves allocations LSan cannot attribute
        env["ASAN_OPTIONS"] += ":detect_leaks=0"
    return env


def test_server_comes_late():
    """The X server is not there when the player starts (a reset, or boot): the player waits
    for it, then maps its window, and says so. Its first slide is prepared meanwhile
    (show/stage.h), not after the window: the server's arrival is all it waits for."""
    folder = tempdir()
    n = free_display_number()
    log, st = os.path.join(folder, "play.log"), os.path.join(folder, "status.json")
    env = dict(base_env(), DISPLAY=f":{n}", NEWSBOARD_STARTUP_LOG=str(time.time_ns()))
    with open(log, "w") as f:
        proc = subprocess.Popen([BINARY, "play", DEMO, "--size", "640x360", "--status", st], env=env, stderr=f)
    x = None
    try:
        # Refused once (it says so), or (before the fix) already playing to "offscreen".
        check(wait_for(lambda: "refused" in read(log) or status(st) or proc.poll() is not None, 20),
              f"the player tried the absent server: {read(log)!r}")
        check(proc.poll() is None, f"it waits, it does not exit: {read(log)!r}")
        check(wait_for(lambda: "ms first page prepared" in read(log), 20),
              f"the first page is prepared while it waits for the server: {read(log)!r}")
        x = Xvfb("640x360", number=n)
        wid = x.window("^Newsboard$", deadline=20)
        check(wid is not None, f"its window appears once the server is up: {read(log)!r}")
        text = read(log)
        check(f"video: x11 (DISPLAY=:{n})" in text, f"the log names the driver and why: {text!r}")
        check(PROBE not in text, f"no probe of other drivers: {text!r}")
        proc.send_signal(signal.SIGTERM)
        check(proc.wait(timeout=15) == 0, "SIGTERM ends it cleanly")
    finally:
        stop(proc)
        if x:
            x.close()


def test_console_without_a_server():
    """No DISPLAY, no WAYLAND_DISPLAY: KMSDRM, the board's console, and nothing else (SDL's
    KMSDRM cannot run here, so the player says it has no display and exits for the service to
    start it again; it never plays to "offscreen")."""
    folder = tempdir()
    sysfs = os.path.join(folder, "drm")
    os.makedirs(os.path.join(sysfs, "card0-HDMI-A-1"))
    with open(os.path.join(sysfs, "card0-HDMI-A-1", "status"), "w") as f:
        f.write("connected\n")
    log, st = os.path.join(folder, "play.log"), os.path.join(folder, "status.json")
    with open(log, "w") as f:
        proc = subprocess.Popen([BINARY, "play", DEMO, "--status", st],
                                env=dict(base_env(), NEWSBOARD_DRM_SYSFS=sysfs), stderr=f)
    try:
        ended = wait_for(lambda: proc.poll() is not None or (status(st) or {}).get("item"), 30)
        text = read(log)
        check(proc.poll() is not None and proc.returncode == 3, f"no display: exit 3 ({proc.poll()}): {text!r}")
        check("no display on kmsdrm (neither DISPLAY nor WAYLAND_DISPLAY is set" in text,
              f"the log names kmsdrm and why: {text!r}")
        check(PROBE not in text and ended, f"no probe of other drivers: {text!r}")
    finally:
        stop(proc)


test_server_comes_late()
test_console_without_a_server()
finish("test_video_driver")
