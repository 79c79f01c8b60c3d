"""Failures inside the player are contained (issue 11), shown with the test hooks of
app/test_faults.h on SDL's offscreen driver (which, like KMSDRM on a board, the loop sleeps on
through its own eventfd):
- a slide whose next item is still being prepared costs no CPU while the board waits for it;
- an item whose prepare throws is skipped with a cool-down, and the rest plays;
- a prepare worker that hangs stops the systemd watchdog's pings, though frames still present;
- before NTP sets the clock, an expired notice does not come back (show/schedule_clock.h)."""
import json
import os
import shutil
import socket
import subprocess
import time

from nbtest import BINARY, check, finish, notify_messages, status, stop, tempdir
from xvfb import wait_for


def playlist(folder, items):
    path = os.path.join(folder, "board.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "id": "contain", "updated": "2019-04-08T07:00:00+08:00",
                   "defaults": {"duration": 1, "transition": "cut"}, "ticker": [], "items": items}, f,
                  ensure_ascii=False)
    return path


def item_id(st):
    s = status(st)
    return s and s["item"] and s["item"]["id"]


def cpu_seconds(pid):
    """User plus system CPU time of the whole process so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def play(folder, path, extra_env, stderr=subprocess.DEVNULL):
    st = os.path.join(folder, "status.json")
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", **extra_env)
    proc = subprocess.Popen([BINARY, "play", path, "--size", "640x360", "--status", st], env=env, stderr=stderr)
    return proc, st


def test_slow_prepare_costs_no_cpu():
    folder = tempdir()
    path = playlist(folder, [{"id": "one", "type": "notice", "text": "一"},
                             {"id": "slow", "type": "notice", "text": "慢"}])
    proc, st = play(folder, path, {"NEWSBOARD_TEST_PREPARE": "hang:slow"})
    try:
        check(wait_for(lambda: item_id(st) == "one", 15), f"the first slide: {status(st)}")
        # "one" is due after 1 s; from then on the loop waits for "slow", which never comes.
        before = cpu_seconds(proc.pid)
        time.sleep(3)  # the measuring window, not a wait for something
        used = cpu_seconds(proc.pid) - before
        print(f"CPU while the next item is being prepared: {used:.2f} s in 3 s ({used / 3 * 100:.0f} %)")
        check(used < 0.5, f"waiting for a prepare does not spin: {used:.2f} s of CPU in 3 s")
        check(item_id(st) == "one", f"the slide stays on screen meanwhile: {status(st)}")
    finally:
        stop(proc)
    shutil.rmtree(folder, ignore_errors=True)


def test_prepare_that_throws():
    folder = tempdir()
    path = playlist(folder, [{"id": "one", "type": "notice", "text": "一"},
                             {"id": "bad", "type": "notice", "text": "坏"},
                             {"id": "two", "type": "notice", "text": "二"}])
    log = os.path.join(folder, "stderr")
    with open(log, "w") as err:
        proc, st = play(folder, path, {"NEWSBOARD_TEST_PREPARE": "throw:bad"}, stderr=err)
        try:
            check(wait_for(lambda: item_id(st) == "one", 15), f"the first slide: {status(st)}")
            check(wait_for(lambda: item_id(st) == "two", 10), f"the item that throws is skipped: {status(st)}")
            seen = set()
            wait_for(lambda: seen.add(item_id(st)) or len(seen) >= 2 and item_id(st) == "one", 10, step=0.02)
            check("bad" not in seen, f"it is not tried again within its cool-down: {seen}")
            err_text = (status(st) or {}).get("last_error") or ""
            check("bad" in err_text and "NEWSBOARD_TEST_PREPARE=throw" in err_text,
                  f"the status names the item and the error: {err_text!r}")
            check(proc.poll() is None, "the player goes on")
        finally:
            stop(proc)
    with open(log, encoding="utf-8", errors="replace") as f:
        text = f.read()
    check("bad: cannot be prepared: NEWSBOARD_TEST_PREPARE=throw" in text, f"one log line names it: {text}")
    check(text.count("NEWSBOARD_TEST_PREPARE=throw") == 1, f"logged once: {text}")
    shutil.rmtree(folder, ignore_errors=True)


def test_watchdog_sees_a_hung_prepare():
    """The loop still presents frames, but the prepare worker has had a job for longer than its
    deadline (1 min, 3 s here at 20 times the speed): the pings stop, so systemd restarts us."""
    folder = tempdir()
    path = playlist(folder, [{"id": "one", "type": "notice", "text": "一", "duration": 20},
                             {"id": "stuck", "type": "notice", "text": "卡"}])
    sock_path = os.path.join(folder, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(sock_path)
    log = os.path.join(folder, "stderr")
    with open(log, "w") as err:
        proc, st = play(folder, path, {"NEWSBOARD_TEST_PREPARE": "hang:stuck", "NEWSBOARD_CLOCK_RATE": "20",
                                       "NOTIFY_SOCKET": sock_path, "WATCHDOG_USEC": "2000000"}, stderr=err)
        try:
            first = notify_messages(sock, lambda got: sum("WATCHDOG=1" in m for m in got) >= 3, 15)
            check(sum("WATCHDOG=1" in m for m in first) >= 3, f"pings while every thread moves: {first}")
            stuck = notify_messages(sock, lambda got: any("made no progress" in m for m in got), 15)
            check(any("STATUS=the prepare worker made no progress" in m for m in stuck),
                  f"the stuck worker is named in STATUS=: {stuck}")
            after = notify_messages(sock, lambda got: any("WATCHDOG=1" in m for m in got), 1.5)
            check(not any("WATCHDOG=1" in m for m in after), f"no ping once it is stuck: {after}")
            check(item_id(st) == "one", f"the board still shows its slide: {status(st)}")
        finally:
            stop(proc)
            sock.close()
    with open(log, encoding="utf-8", errors="replace") as f:
        text = f.read()
    check("the prepare worker made no progress within its deadline" in text, f"the journal says why: {text}")
    shutil.rmtree(folder, ignore_errors=True)


def test_expired_notice_after_a_power_cut():
    """fake-hwclock brings the board up a day before a notice expired, and NTP has not
    answered: the playlist it holds was published after the notice expired, so the notice
    must not come back."""
    folder = tempdir()
    path = os.path.join(folder, "board.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "id": "cut", "updated": "2026-03-03T07:00:00+08:00", "timezone": "Asia/Shanghai",
                   "defaults": {"duration": 1, "transition": "cut"}, "ticker": [],
                   "items": [{"id": "expired", "type": "notice", "text": "旧", "schedule": {"until": "2026-03-02"}},
                             {"id": "current", "type": "notice", "text": "新"}]}, f, ensure_ascii=False)
    proc, st = play(folder, path, {"NEWSBOARD_CLOCK_START": "2026-03-01T08:00:00+08:00",
                                   "NEWSBOARD_CLOCK_SYNCHRONISED": "0"})
    try:
        check(wait_for(lambda: item_id(st) == "current", 10), f"the current notice shows: {status(st)}")
        # Two turns of a rotation of 1 s slides: the expired one would have come back by now.
        seen = set()
        wait_for(lambda: seen.add(item_id(st)) or False, 2.5, step=0.02)
        check("expired" not in seen, f"the expired notice does not come back: {seen}")
    finally:
        stop(proc)
    shutil.rmtree(folder, ignore_errors=True)


test_expired_notice_after_a_power_cut()
test_slow_prepare_costs_no_cpu()
test_prepare_that_throws()
test_watchdog_sees_a_hung_prepare()
finish("test_containment")
