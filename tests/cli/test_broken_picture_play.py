"""A board that meets a picture SDL_image cannot decode (a BMP cut short) skips that item, plays
the rest, and still ends cleanly on SIGTERM: exit 0, and under ./test.sh --asan no leak (SDL's
per-thread error message, set on the prepare worker, was never freed: LeakSanitizer failed the
exit)."""
import json
import os
import signal
import struct
import subprocess
import time

from nbtest import BINARY, check, finish, status, stop, tempdir


def bmp(w, h):
    """An uncompressed 24-bit BMP of one colour."""
    row = (b"\x20\x40\xc0" * w).ljust((w * 3 + 3) // 4 * 4, b"\0")
    pixels = row * h
    header = struct.pack("<2sIHHI", b"BM", 54 + len(pixels), 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, w, h, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return header + info + pixels


folder = tempdir()
with open(os.path.join(folder, "cut.bmp"), "wb") as f:
    f.write(bmp(64, 64)[:2000])  # the header reads; the rows stop after a fifth
playlist = {"version": 1, "id": "broken-picture", "ticker": [],
            "defaults": {"duration": 1, "transition": "cut"},
            "items": [{"id": "photo", "type": "photo", "image": "cut.bmp", "headline": "半张图"},
                      {"id": "notice", "type": "notice", "headline": "通知"}]}
path = os.path.join(folder, "p.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(playlist, f, ensure_ascii=False)

status_file = os.path.join(folder, "status.json")
with open(os.path.join(folder, "stderr"), "wb") as err:
    proc = subprocess.Popen([BINARY, "play", path, "--headless", "--status", status_file], stderr=err)
try:
    # The notice on screen, and the photo reported, within a generous deadline.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        with open(os.path.join(folder, "stderr"), encoding="utf-8", errors="replace") as f:
            log = f.read()
        shown = status(status_file)
        if "cut.bmp" in log and shown and shown.get("item") and shown["item"].get("id") == "notice":
            break
        time.sleep(0.05)
    check(proc.poll() is None, "the player ended by itself")
    check("cut.bmp" in log, f"the broken picture is not reported: {log!r}")
    check(shown and shown.get("item") and shown["item"].get("id") == "notice", f"the notice is not shown: {shown}")
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=60)
    with open(os.path.join(folder, "stderr"), encoding="utf-8", errors="replace") as f:
        log = f.read()
    check(code == 0, f"play exited {code} on SIGTERM: {log[-2000:]}")
    check("LeakSanitizer" not in log, "a leak at exit")
finally:
    stop(proc)

finish("broken_picture_play")
