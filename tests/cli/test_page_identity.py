"""What is on screen is what the status file names (issue 11). The frame loop keeps each page
drawn once in a texture; it knew them by the address of their pages' vector, which a later
item's pages can get once the earlier ones are freed (tests/show.tests.cpp shows that
deterministically). Here, end to end: three full-screen pictures of different colours cycle,
and every screenshot taken while the status names one shows its colour."""
import json
import math
import os
import shutil
import subprocess
import time

from nbtest import BINARY, check, finish, solid_png, status, stop, tempdir
from xvfb import on_xvfb, patience, wait_for

COLOURS = {"red": (220, 40, 40), "green": (40, 180, 60), "blue": (40, 80, 220)}


def item_id(st):
    s = status(st)
    return s and s["item"] and s["item"]["id"]


def test_pictures_match_the_status(x):
    folder = tempdir()
    os.makedirs(os.path.join(folder, "media"))
    items = []
    for name, colour in COLOURS.items():
        with open(os.path.join(folder, "media", name + ".png"), "wb") as f:
            f.write(solid_png(64, 36, colour))
        items.append({"id": name, "type": "image", "image": f"media/{name}.png"})
    path = os.path.join(folder, "board.json")
    st = os.path.join(folder, "status.json")
    # A sample is a screenshot taken within one slide (the status names the same item before and
    # after it), so a slide must outlast a screenshot: 1 s on an idle machine, longer where xwd
    # is slow (under a load of 17 on two cores every screenshot spanned a 1 s slide, and the
    # test got no sample at all).
    started = time.monotonic()
    x.screenshot()
    duration = min(10, max(1, math.ceil(4 * (time.monotonic() - started))))
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "id": "colours", "updated": "2019-04-08T07:00:00+08:00", "ticker": [],
                   "defaults": {"duration": duration, "transition": "cut"}, "items": items}, f)
    proc = subprocess.Popen([BINARY, "play", path, "--size", "640x360", "--status", st], env=x.env,
                            stderr=subprocess.DEVNULL)
    try:
        check(wait_for(lambda: item_id(st), 15), f"play shows a picture: {status(st)}")
        samples, wrong = 0, []
        end = time.monotonic() + (12 * duration + 2) * patience()
        while time.monotonic() < end and samples < 12:
            before = item_id(st)
            shot = x.screenshot()
            after = item_id(st)
            if before != after or before not in COLOURS:
                continue  # the slide changed during the screenshot: no sample
            samples += 1
            centre = shot.share(COLOURS[before], (280, 140, 360, 220))
            if centre < 0.9:
                shown = [n for n, c in COLOURS.items() if shot.share(c, (280, 140, 360, 220)) >= 0.9]
                wrong.append(f"status {before}, screen {shown or shot.at(320, 180)}")
            # The next slide: sample each one once.
            wait_for(lambda: item_id(st) != before, duration + 2, step=0.02)
        print(f"{samples} screenshots compared with the status (slides of {duration} s)")
        check(samples >= 6, f"enough slides were sampled: {samples}")
        check(not wrong, f"the screen shows what the status names: {wrong}")
    finally:
        stop(proc)
    shutil.rmtree(folder, ignore_errors=True)


on_xvfb("640x360", test_pictures_match_the_status)
finish("test_page_identity")
