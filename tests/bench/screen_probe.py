"""Watches the X screen for the first slide, the same way for every player: a few one-pixel
rows read with XGetImage (through ctypes, no extra package) and judged by colour. xwd takes
~100 ms a picture at 1920x1080 here, too coarse for a 150 ms target; a row takes well under 1 ms."""
import ctypes
import ctypes.util
import time

_x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
_x11.XOpenDisplay.restype = ctypes.c_void_p
_x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
_x11.XDefaultRootWindow.restype = ctypes.c_ulong
_x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
_x11.XCloseDisplay.argtypes = [ctypes.c_void_p]


class _XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.POINTER(ctypes.c_ubyte)), ("byte_order", ctypes.c_int),
                ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int),
                ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int),
                ("red_mask", ctypes.c_ulong), ("green_mask", ctypes.c_ulong), ("blue_mask", ctypes.c_ulong),
                ("obdata", ctypes.c_void_p), ("create_image", ctypes.c_void_p),
                ("destroy_image", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p))]


_x11.XGetImage.restype = ctypes.POINTER(_XImage)
_x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                           ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
_ZPIXMAP = 2
_ALL_PLANES = 0xFFFFFFFF

# The colours both pages share (render/theme.h): paper, the masthead's red, and ink.
PAPER, RED = (247, 243, 234), (178, 20, 32)


def _near(p, c, tol):
    return abs(p[0] - c[0]) <= tol and abs(p[1] - c[1]) <= tol and abs(p[2] - c[2]) <= tol


class Screen:
    def __init__(self, display, width, height):
        self.dpy = _x11.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError("cannot open " + display)
        self.root = _x11.XDefaultRootWindow(self.dpy)
        self.width, self.height = width, height

    def close(self):
        _x11.XCloseDisplay(self.dpy)

    def row(self, y, step=8):
        """Pixels (r, g, b) of row y, every `step`-th one (Xvfb: 32 bits a pixel, BGRX)."""
        img = _x11.XGetImage(self.dpy, self.root, 0, y, self.width, 1, _ALL_PLANES, _ZPIXMAP)
        raw = ctypes.string_at(img.contents.data, self.width * 4)
        img.contents.destroy_image(img)
        return [(raw[i + 2], raw[i + 1], raw[i]) for i in range(0, len(raw), 4 * step)]

    def shows_article(self):
        """An article page with its text drawn: mostly paper, a red masthead, and some ink."""
        pixels = [p for y in range(10, self.height, 80) for p in self.row(y)]
        n = len(pixels)
        paper = sum(_near(p, PAPER, 24) for p in pixels) / n
        red = sum(_near(p, RED, 40) for p in pixels) / n
        ink = sum(max(p) < 100 for p in pixels) / n
        return paper > 0.25 and red > 0.02 and ink > 0.005

    def wait_for_article(self, t0, deadline=30):
        """Seconds from t0 (time.monotonic()) until the first article page is on screen, or None."""
        end = t0 + deadline
        while time.monotonic() < end:
            if self.shows_article():
                return time.monotonic() - t0
            time.sleep(0.002)
        return None
