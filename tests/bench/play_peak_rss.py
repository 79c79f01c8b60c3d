#!/usr/bin/python3
"""The peak memory of `newsboard play` showing the demo (playlists/jining-gaoxin-p03.json) plus
a 50-megapixel photo item (8640x5760, the largest a playlist may hold) for a minute on a
1920x1080 Xvfb: VmHWM (peak RSS), and where the memory is at the end (memory_map.py). Issue
14's goal is a peak under 64 MiB. Figures, not pass/fail; the load average is printed.

    tests/bench/play_peak_rss.py BUILD_DIR [SECONDS]

It plays SECONDS (default 60), and on until the photo has been on screen and the item after it
is (the demo's first article stands 80 s: in one minute the photo was never even decoded), and
prints the peak of the first SECONDS and of the whole run.

BUILD_DIR has newsboard and tests/newsboard_make_jpeg."""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
from xvfb import Xvfb  # noqa: E402

import memory_map  # noqa: E402


def status_kib(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    build = os.path.abspath(sys.argv[1])
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60.0
    folder = tempfile.mkdtemp(prefix="nb-play-rss-")
    try:
        shutil.copytree(os.path.join(SOURCE, "playlists", "media"), os.path.join(folder, "media"))
        photo = os.path.join(folder, "media", "big.jpg")
        subprocess.run([os.path.join(build, "tests", "newsboard_make_jpeg"), photo, "8640", "5760"], check=True)
        with open(os.path.join(SOURCE, "playlists", "jining-gaoxin-p03.json")) as f:
            playlist = json.load(f)
        playlist.pop("$schema", None)
        with open(photo, "rb") as f:
            sha = hashlib.sha256(f.read()).hexdigest()
        playlist["items"].insert(2, {"id": "big", "type": "photo", "headline": "五千万像素",
                                     "image": {"src": "media/big.jpg", "sha256": sha}, "duration": 8})
        path = os.path.join(folder, "play.json")
        with open(path, "w") as f:
            json.dump(playlist, f, ensure_ascii=False)
        print(f"== load average before: {open('/proc/loadavg').read().split()[:3]}, {os.cpu_count()} cores; "
              f"{os.path.getsize(photo) / 1e6:.1f} MB JPEG")
        x = Xvfb("1920x1080")
        env = dict(x.env, NEWSBOARD_FONT_DIR=os.path.join(SOURCE, "fonts"))
        status = os.path.join(folder, "status.json")
        proc = subprocess.Popen([os.path.join(build, "newsboard"), "play", path, "--status", status], env=env,
                                stderr=subprocess.DEVNULL)
        try:
            start = time.monotonic()
            end = start + seconds
            give_up = end + 180  # the photo comes at about 80 s
            samples = []
            top = None  # (RSS, breakdown, large blocks) of the highest sample: where the peak goes
            photo = {}  # when the photo came on screen and left, s from the start
            hwm_first = None
            while proc.poll() is None:
                now = time.monotonic()
                if now >= end and hwm_first is None:
                    hwm_first = status_kib(proc.pid, "VmHWM")
                if (now >= end and "left" in photo) or now >= give_up:
                    break
                time.sleep(0.25)  # a sampling interval, not a wait for anything
                rss = status_kib(proc.pid, "VmRSS")
                samples.append(rss)
                if top is None or rss > top[0]:
                    blocks = []
                    top = (rss, memory_map.breakdown(proc.pid, blocks), blocks)
                try:
                    with open(status) as f:
                        item = (json.load(f).get("item") or {}).get("id")
                except (OSError, ValueError):
                    continue  # not written yet, or being replaced
                if item == "big":
                    photo.setdefault("on", time.monotonic() - start)
                elif "on" in photo:
                    photo.setdefault("left", time.monotonic() - start)
            if proc.poll() is not None:
                sys.exit(f"the player exited with {proc.returncode}")
            hwm = status_kib(proc.pid, "VmHWM")
            print(f"peak RSS (VmHWM) over the first {seconds:.0f} s: {(hwm_first or hwm) / 1024:.1f} MiB; "
                  f"over {time.monotonic() - start:.0f} s, the 50 MP photo on screen from "
                  f"{photo.get('on', -1):.0f} s to {photo.get('left', -1):.0f} s: {hwm / 1024:.1f} MiB (goal < 64); "
                  f"RSS sampled 4 times a second: max {max(samples) / 1024:.1f}, last {samples[-1] / 1024:.1f} MiB")
            print(f"== at the highest sample (RSS {top[0] / 1024:.1f} MiB):")
            memory_map.report(proc.pid, rows=top[1], blocks=top[2])
            print("== at the end:")
            memory_map.report(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            x.close()
        print(f"== load average after: {open('/proc/loadavg').read().split()[:3]}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
