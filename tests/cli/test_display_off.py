"""display-off on a real X server: in the dark hours play shows black and says until when
(status file), and at the end of the range the content comes back. The wall clock is injected
(NEWSBOARD_CLOCK_START) in the board's zone (TZ), so the test does not depend on the hour."""
import json
import os
import shutil
import signal
import subprocess

from nbtest import BINARY, check, finish, status, stop, tempdir
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


def test_bad_range():
    code = subprocess.run([BINARY, "play", "x.json", "--display-off", "23:00-25:00"], capture_output=True,
                          timeout=30)
    check(code.returncode == 2, f"a bad display-off range is a usage error (2), got {code.returncode}")
    check(b"HH:MM-HH:MM" in code.stderr, f"and says the form: {code.stderr!r}")


test_bad_range()
if any(shutil.which(tool) is None for tool in ("Xvfb", "xwd")):
    check(False, "Xvfb and xwd are needed (scripts/deps.sh installs them)")
else:
    for test in (test_dark_hours, test_lights_on):
        server = Xvfb("640x360")
        try:
            test(server)
        finally:
            server.close()
finish("test_display_off")
