"""Judging a screendump: is it the board's content, and which rendered page does it look like."""

from PIL import Image, ImageStat

# Pictures are compared as grids of block averages: the masthead clock, the ticker's position
# and antialiasing change single glyphs, not whole blocks. Measured on the demo at 1280x800:
# a KMSDRM screendump against the render of the same page 0.7-0.8; two pages of one article
# 12.9, other pages of the demo 17-128; the standby screen 30 or more from every page.
GRID = (64, 40)
SAME_PAGE = 6.0


def blocks(img):
    return img.convert("RGB").resize(GRID, Image.BOX)


def distance(a, b):
    """Mean absolute difference of the block grids, 0-255 per channel."""
    pa, pb = blocks(a).getdata(), blocks(b).getdata()
    total = sum(abs(x - y) for p, q in zip(pa, pb) for x, y in zip(p, q))
    return total / (len(pa) * 3)


def is_blank(img):
    """Black or one flat colour: nothing drawn (no display yet, or a player that drew nothing)."""
    stat = ImageStat.Stat(img.convert("L"))
    return stat.stddev[0] < 4.0


class References:
    """The pages `newsboard render` made for the same playlists at the screen's size."""

    def __init__(self):
        self.pages = []  # (name, image)

    def add(self, name, path):
        with Image.open(path) as img:
            self.pages.append((name, img.convert("RGB")))

    def closest(self, shot):
        """(name, distance) of the page most like SHOT."""
        return min(((name, distance(shot, page)) for name, page in self.pages), key=lambda t: t[1])
