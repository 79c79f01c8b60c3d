"""The first slide on an X server without a GPU goes to the server in strips over the socket,
and the same frame through shared memory later (platform/x11_first_frame.h). Whatever the
screen shows from the player's launch on is the black window or that slide in its right
colours: never a frame in the wrong byte order, sheared by a wrong pitch, or torn between two
frames. The screen is read a pixel at a time at four points, as fast as the server answers,
from before the window exists until the slide has stood well past the shared-memory copy."""
import ctypes
import ctypes.util
import json
import os
import shutil
import struct
import subprocess
import time
import zlib

from nbtest import BINARY, check, finish, status, stop, tempdir
from x_record import GRAB_SERVER, PUT_IMAGE, UNGRAB_SERVER, RequestLog
from xvfb import on_xvfb, patience, wait_for

# Four quadrants, no two channels alike in any, so a swapped byte order or a shifted row shows.
QUADRANTS = [[(230, 120, 20), (20, 90, 210)], [(150, 20, 200), (60, 200, 110)]]
POINTS = {(160, 120): QUADRANTS[0][0], (480, 120): QUADRANTS[0][1], (160, 250): QUADRANTS[1][0],
          (480, 250): QUADRANTS[1][1]}


def quadrant_png(w, h):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    rows = b""
    for y in range(h):
        top = QUADRANTS[0 if y < h // 2 else 1]
        rows += b"\x00" + b"".join(bytes(top[0 if x < w // 2 else 1]) for x in range(w))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


class Pixels:
    """The root window's pixels one at a time through libX11 (ctypes): well under a millisecond
    each, where an xwd screenshot takes ~100 ms."""

    def __init__(self, display):
        self.x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x11.XGetImage.restype = ctypes.c_void_p
        self.x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                                       ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        self.x11.XGetPixel.restype = ctypes.c_ulong
        self.x11.XGetPixel.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
        self.x11.XDestroyImage.argtypes = [ctypes.c_void_p]
        self.x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.display = self.x11.XOpenDisplay(display.encode())
        check(self.display, f"the test reads the screen of {display}")
        self.root = self.x11.XDefaultRootWindow(self.display)

    def at(self, x, y):
        image = self.x11.XGetImage(self.display, self.root, x, y, 1, 1, 0xFFFFFFFF, 2)  # ZPixmap
        value = self.x11.XGetPixel(image, 0, 0)
        self.x11.XDestroyImage(image)
        return ((value >> 16) & 255, (value >> 8) & 255, value & 255)

    def close(self):
        self.x11.XCloseDisplay(self.display)


def near(a, b, tolerance=12):
    return all(abs(p - q) <= tolerance for p, q in zip(a, b))


def quadrants_board():
    """A folder with a board of one full-screen picture of the four quadrants: (folder,
    playlist, status file)."""
    folder = tempdir()
    os.makedirs(os.path.join(folder, "media"))
    with open(os.path.join(folder, "media", "quadrants.png"), "wb") as f:
        f.write(quadrant_png(64, 36))
    path = os.path.join(folder, "board.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "id": "quadrants", "updated": "2019-04-08T07:00:00+08:00", "ticker": [],
                   "defaults": {"duration": 60, "transition": "cut"},
                   "items": [{"id": "q", "type": "image", "image": "media/quadrants.png"}]}, f)
    return folder, path, os.path.join(folder, "status.json")


def test_the_first_frame_is_right_from_its_first_pixel(x):
    folder, path, st = quadrants_board()
    pixels = Pixels(x.display)
    seen = {point: [] for point in POINTS}  # the distinct colours each point showed, in order
    proc = subprocess.Popen([BINARY, "play", path, "--size", "640x360", "--status", st], env=x.env,
                            stderr=subprocess.DEVNULL)
    try:
        # Until the slide has stood 2 s (the shared-memory copy comes a few turns after it).
        end = time.monotonic() + 30 * patience()
        stood_since = None
        while time.monotonic() < end:
            whole = True
            for point, want in POINTS.items():
                colour = pixels.at(*point)
                if not seen[point] or seen[point][-1] != colour:
                    seen[point].append(colour)
                whole = whole and near(colour, want)
            if not whole:
                stood_since = None
            elif stood_since is None:
                stood_since = time.monotonic()
            elif time.monotonic() - stood_since > 2 and status(st):
                break
        print("colours seen: " + "; ".join(f"{p}: {c}" for p, c in seen.items()))
        for point, want in POINTS.items():
            wrong = [c for c in seen[point] if not near(c, (0, 0, 0)) and not near(c, want)]
            check(not wrong, f"{point} showed only black and {want}: also {wrong}")
            check(near(seen[point][-1], want), f"{point} shows {want} in the end: {seen[point][-1]}")
    finally:
        stop(proc)
        pixels.close()
    shutil.rmtree(folder, ignore_errors=True)


def test_no_client_is_served_between_two_strips_of_the_first_frame(x):
    """The strips of the first frame go with the server grabbed: between the first and the last
    no other client is served, so none (the side-by-side harness's poller, a compositor, a
    screenshot) sees the slide's top over the black window. Proved from the order in which the
    server executed the requests (RECORD), while this test reads the screen as fast as the
    server answers, as the harness's poller does."""
    folder, path, st = quadrants_board()
    pixels = Pixels(x.display)
    log = RequestLog(x.display)
    log.start()
    proc = subprocess.Popen([BINARY, "play", path, "--size", "640x360", "--status", st], env=x.env,
                            stderr=subprocess.DEVNULL)

    def sent():
        pixels.at(160, 120)  # a client asking for the screen all along
        log.poll()
        players = {client for client, op in log.requests if op == PUT_IMAGE}
        return status(st) and players and any(client in players and op == UNGRAB_SERVER
                                               for client, op in log.requests)
    try:
        wait_for(sent, 20, step=0)
    finally:
        stop(proc)
        log.stop()
        pixels.close()
    players = {client for client, op in log.requests if op == PUT_IMAGE}
    check(len(players) == 1, f"one client (the player) sent pictures: {len(players)} did")
    if len(players) == 1:
        player = players.pop()
        # The player's requests, with where each stands among everyone's. Its strips are its
        # longest run of PutImage (SDL's blank cursor is one PutImage on a pixmap before them).
        mine = [(i, op) for i, (client, op) in enumerate(log.requests) if client == player]
        runs, start = [], None
        for k, (_, op) in enumerate(mine + [(None, None)]):
            if op == PUT_IMAGE and start is None:
                start = k
            elif op != PUT_IMAGE and start is not None:
                runs.append((start, k - 1))
                start = None
        first, last = max(runs, key=lambda r: r[1] - r[0])
        before = mine[first - 1][1] if first > 0 else None
        after = mine[last + 1][1] if last + 1 < len(mine) else None
        print(f"the player's first frame: {last - first + 1} strips, after request {before}, before {after}; "
              f"{len(log.requests)} requests recorded")
        check(before == GRAB_SERVER and after == UNGRAB_SERVER,
              f"the strips went between a grab ({GRAB_SERVER}) and its ungrab ({UNGRAB_SERVER}): {before}, {after}")
        others = [op for client, op in log.requests[mine[first][0]:mine[last][0] + 1] if client != player]
        check(not others, f"no other client was served between the first strip and the last: {others}")
    shutil.rmtree(folder, ignore_errors=True)


on_xvfb("640x360", test_the_first_frame_is_right_from_its_first_pixel,
        test_no_client_is_served_between_two_strips_of_the_first_frame)
finish("test_first_frame")
