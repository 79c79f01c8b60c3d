#!/usr/bin/env python3
"""The sync on the wire (figures, not pass/fail): `play URL --poll 5` under Xvfb against a real
nginx on 127.0.0.1 serving the demo playlist. Prints what a poll of an unchanged playlist
costs (bytes received and time, from the board's own status file) and the time from a staff
upload (write, then rename) to the new playlist in the status file and on screen, over
several uploads. Usage: sync_bench.py BINARY [--quick]"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
from nbtest import DEMO, status  # noqa: E402
from servers import start_nginx, stop_nginx  # noqa: E402
from xvfb import Xvfb, wait_for  # noqa: E402

BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/newsboard")
UPLOADS = 2 if "--quick" in sys.argv else 5
POLL = 5


def field(path, *keys):
    v = status(path)
    for k in keys:
        v = v.get(k) if isinstance(v, dict) else None
    return v


def upload(www, n):
    with open(DEMO, encoding="utf-8") as f:
        p = json.load(f)
    p["id"] = f"edition-{n}"
    p["items"][0]["id"] = f"meeting-{n}"  # the first item is new in each edition
    tmp = os.path.join(www, "p03.json.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(p, f, ensure_ascii=False)
    os.replace(tmp, os.path.join(www, "p03.json"))


def main():
    folder = tempfile.mkdtemp(prefix="nbsyncbench-")
    nginx, port = start_nginx(os.path.join(folder, "nginx"))
    www = os.path.join(folder, "nginx", "www")
    shutil.copytree(os.path.join(os.path.dirname(DEMO), "media"), os.path.join(www, "media"))
    upload(www, 0)
    # A minute old, so the polls measured are 304s: validators from the second a file changed
    # are not sent back (sync/revalidation.h), and the first poll would be a whole GET.
    old = time.time() - 60
    os.utime(os.path.join(www, "p03.json"), (old, old))
    x = Xvfb("1920x1080")
    st = os.path.join(folder, "status.json")
    env = dict(x.env, NEWSBOARD_FONT_DIR=os.path.join(HERE, "..", "..", "fonts"))
    proc = subprocess.Popen([BINARY, "play", f"http://127.0.0.1:{port}/p03.json", "--poll", str(POLL),
                             "--cache", os.path.join(folder, "cache"), "--state", os.path.join(folder, "state"),
                             "--allow-unsigned", "--status", st], env=env,
                            stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: field(st, "playlist", "id") == "edition-0", 30)
        polls = []
        for _ in range(3):
            before = field(st, "sync", "time")
            wait_for(lambda: field(st, "sync", "time") != before and field(st, "sync", "result") == "unchanged",
                     POLL + 5)
            polls.append((field(st, "sync", "bytes"), field(st, "sync", "elapsed_ms")))
        to_status, to_screen = [], []
        for n in range(1, UPLOADS + 1):
            t0 = time.monotonic()
            upload(www, n)
            wait_for(lambda: field(st, "sync", "playlist", "id") == f"edition-{n}", POLL + 10, step=0.02)
            to_status.append(time.monotonic() - t0)
            # The board takes a new playlist at the end of the page on screen: up to its duration.
            wait_for(lambda: field(st, "playlist", "id") == f"edition-{n}", 60, step=0.02)
            to_screen.append(time.monotonic() - t0)
        print(f"== sync (nginx on 127.0.0.1, demo playlist, --poll {POLL})")
        for b, ms in polls:
            print(f"poll of an unchanged playlist (HTTP 304): {b} bytes received, {ms} ms")
        print(f"upload -> synced (status file's sync.playlist): median {statistics.median(to_status):.2f} s, "
              f"max {max(to_status):.2f} s over {UPLOADS} uploads")
        print(f"upload -> on screen (status file's playlist): median {statistics.median(to_screen):.2f} s, "
              f"max {max(to_screen):.2f} s (a new playlist waits for the page on screen to end: 12-40 s here)")
    finally:
        proc.terminate()
        proc.wait()
        stop_nginx(nginx)
        x.close()
        shutil.rmtree(folder, ignore_errors=True)


main()
