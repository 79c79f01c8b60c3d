"""The peak memory (RSS) of `newsboard render` of a playlist with one 50-megapixel photo, the
largest a playlist may hold (8640x5760), at 1920x1080. Prints figures; not a timed test.

    python3 tests/bench/jpeg_rss.py BUILD_DIR [NEWSBOARD ...]

BUILD_DIR has newsboard and tests/newsboard_make_jpeg; any further binaries (an older build)
are measured on the same files too.
"""
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time


def peak_rss_mib(cmd):
    """Runs cmd; returns (exit code, its peak RSS in MiB, seconds). One child at a time, so
    RUSAGE_CHILDREN's maximum is this child's once it is larger than every earlier one: each
    run goes in a fresh Python process instead."""
    probe = ("import resource,subprocess,sys,time;t=time.monotonic();"
             "c=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL).returncode;"
             "print(c,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,time.monotonic()-t)")
    out = subprocess.run([sys.executable, "-c", probe] + cmd, capture_output=True, text=True, check=True).stdout
    code, kib, secs = out.split()
    return int(code), int(kib) / 1024, float(secs)


def main():
    build = sys.argv[1]
    binaries = [os.path.join(build, "newsboard")] + sys.argv[2:]
    folder = tempfile.mkdtemp(prefix="nb-jpeg-rss-")
    try:
        os.makedirs(os.path.join(folder, "media"))
        for ink in ("rgb", "adobe-cmyk"):
            photo = os.path.join(folder, "media", f"big-{ink}.jpg")
            subprocess.run([os.path.join(build, "tests", "newsboard_make_jpeg"), photo, "8640", "5760", ink], check=True)
            with open(photo, "rb") as f:
                pin = hashlib.sha256(f.read()).hexdigest()
            playlist = os.path.join(folder, f"{ink}.json")
            with open(playlist, "w") as f:
                json.dump({"version": 1, "id": "big", "items": [
                    {"id": "big", "type": "photo", "headline": "50 MP",
                     "image": {"src": f"media/big-{ink}.jpg", "sha256": pin}}]}, f)
            size = os.path.getsize(photo) / 1e6
            for binary in binaries:
                out = os.path.join(folder, "out")
                code, mib, secs = peak_rss_mib([binary, "render", playlist, "-o", out, "--size", "1920x1080"])
                shutil.rmtree(out, ignore_errors=True)
                print(f"{binary}: 8640x5760 {ink} JPEG ({size:.1f} MB): peak RSS {mib:.0f} MiB, "
                      f"{secs:.1f} s, exit {code}", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
