"""A gallery picture's slow pan-and-zoom on a real X server: with a GPU renderer (SDL's OpenGL
renderer, on Mesa's llvmpipe under Xvfb) the picture moves while its caption stands still.
Where pictures stand (software, --still-pictures, "motion": "still") is unit-tested ([drift]);
this proves the painter really draws."""
import json
import os
import shutil
import subprocess

from nbtest import BINARY, SOURCE_DIR, check, finish, status, stop, tempdir
from xvfb import Xvfb, wait_for

W, H = 640, 360


def gallery_board(folder):
    shutil.copytree(os.path.join(SOURCE_DIR, "playlists", "media"), os.path.join(folder, "media"))
    with open(os.path.join(SOURCE_DIR, "playlists", "gallery.json"), encoding="utf-8") as f:
        p = json.load(f)
    p["ticker"] = []  # nothing else moves
    p["items"] = [dict(i, duration=900) for i in p["items"] if i["type"] == "gallery"]
    path = os.path.join(folder, "gallery.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(p, f, ensure_ascii=False)
    return path


def first_picture(st):
    s = status(st) or {}
    return (s.get("item") or {}).get("id") == "tulips" and (s.get("item") or {}).get("page") == 1


def play(x, path, st):
    env = dict(x.env, SDL_RENDER_DRIVER="opengl")
    return subprocess.Popen([BINARY, "play", path, "--size", f"{W}x{H}", "--status", st], env=env,
                            stderr=subprocess.DEVNULL)


def test_drifts_on_gpu(x):
    folder = tempdir()
    path = gallery_board(folder)
    st = os.path.join(tempdir(), "status.json")
    proc = play(x, path, st)
    try:
        check(wait_for(lambda: first_picture(st), 30), f"the gallery's first picture is on screen: {status(st)}")
        picture = (0, 40, W * 6 // 10, H - 40)  # the picture's part of a landscape photo page
        words = (W * 7 // 10, 40, W - 4, H - 40)  # its caption column
        first = x.screenshot()
        moved = wait_for(lambda: x.screenshot().differs(first, picture) > 2, 30)
        check(moved and first_picture(st), f"on a GPU renderer the picture pans and zooms: {status(st)}")
        later = x.screenshot()
        check(later.differs(first, words) < 1, f"its caption stands still ({later.differs(first, words):.2f})")
        check(proc.poll() is None, "play keeps running")
    finally:
        stop(proc)


if any(shutil.which(tool) is None for tool in ("Xvfb", "xwd")):
    check(False, "Xvfb and xwd are needed (scripts/deps.sh installs them)")
else:
    for test in (test_drifts_on_gpu,):
        server = Xvfb(f"{W}x{H}")
        try:
            test(server)
        finally:
            server.close()
finish("test_drift")
