"""A real X server for the on-screen tests: Xvfb on a display number it picks itself
(-displayfd), screenshots with xwd read by a small XWD reader, keys with xdotool."""
import os
import shutil
import struct
import subprocess
import time


class Xvfb:
    def __init__(self, size="800x600", number=None):
        """`number`: that display (one a player already waits for), else the first free one."""
        r, w = os.pipe()
        where = [":" + str(number)] if number is not None else []
        # -noreset: an X server resets when its last client leaves (the player killed, xwd and
        # xdotool done), and X.Org 21.1 can hold a client that connects during that reset
        # unanswered until its 60 s connection timeout (-to) drops it: a player's XOpenDisplay
        # then fails a minute late (seen in the sigkill cell; the player asks again, see
        # app/video_driver.h). A board's console has no X server; a desktop's does not reset
        # under a running session. tests/cli/test_video_driver.py tests an absent server.
        self.proc = subprocess.Popen(["Xvfb", *where, "-displayfd", str(w), "-noreset", "-screen", "0", size + "x24",
                                      "-nolisten", "tcp"],
                                     pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        number = b""
        with os.fdopen(r, "rb") as f:
            while not number.endswith(b"\n"):
                c = f.read(1)
                if not c:
                    raise RuntimeError("Xvfb did not start")
                number += c
        self.display = ":" + number.decode().strip()
        self.env = dict(os.environ, DISPLAY=self.display)
        # A test's X server has no session bus. Without an address, libdbus "autolaunches" one
        # for SDL's video start: it forks the player to exec dbus-launch. Under ASan that child
        # can spin for ever on a sanitizer lock the prepare worker held at the fork, and the
        # preview waits on it without a window (cli.test_show, 2026-12-06: the child found
        # spinning in StaticSpinMutex::LockSlow an hour later). A kiosk sets this itself
        # (app/show_command.cpp); a preview keeps a desktop's bus, and this is the desktop.
        self.env.setdefault("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/newsboard-test/no-session-bus")
        # Under ./test.sh --asan: SDL's X11 stack (dbus, libdecor, the GL driver it dlopens)
        # leaves a few allocations at exit that LeakSanitizer cannot attribute. Address and
        # UB errors still abort; our own code's leaks are covered by the headless [show] tests.
        if "ASAN_OPTIONS" in self.env:
            self.env["ASAN_OPTIONS"] += ":detect_leaks=0"

        self.wm = None

    def start_window_manager(self):
        """openbox, for what only a window manager does (full screen on request, as on any
        desktop); returns when it has announced itself on the root window."""
        # openbox was seen, under load, to exit before it took the screen (a CI run failed on
        # it): a manager that died is started again, a few times, before the test gives up.
        for _ in range(3):
            self.wm = subprocess.Popen(["openbox", "--sm-disable"], env=self.env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            wait_for(lambda: self.wm.poll() is not None or self.wm_announced(), 20)
            if self.wm.poll() is None and self.wm_announced():
                return True
            if self.wm.poll() is None:
                return False  # running but silent for the whole deadline: a real failure
        return False

    def wm_announced(self):
        """Whether a window manager has put its check window on the root window."""
        try:
            return b"window id" in self.run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK").stdout
        except subprocess.TimeoutExpired:
            return False

    def geometry(self, wid):
        """(width, height) of a window, as the X server has it."""
        out = self.run("xwininfo", "-id", wid).stdout.decode()
        size = {k: int(line.split(":")[1]) for line in out.splitlines() for k in ("Width", "Height")
                if line.strip().startswith(k + ":")}
        return size.get("Width"), size.get("Height")

    def close(self):
        if getattr(self, "xev", None):
            self.xev.terminate()
            self.xev.wait(timeout=10)
        if self.wm:
            self.wm.terminate()
            self.wm.wait(timeout=10)
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def run(self, *args):
        return subprocess.run(list(args), env=self.env, capture_output=True, timeout=20)

    def window(self, name, deadline=15):
        # A deadline for a start that hangs, not a timing (the late starts of 2026-12-04 were
        # players on SDL's offscreen driver: tests/cli/test_video_driver.py).
        end = time.monotonic() + deadline * patience()
        while time.monotonic() < end:
            out = self.run("xdotool", "search", "--name", name).stdout.split()
            if out:
                return out[0].decode()
            time.sleep(0.05)
        return None

    def watch_windows(self):
        """Starts counting the windows mapped on the root window from now on (xev on the root's
        substructure); returns a function that gives the number mapped so far."""
        log = open(os.path.join(os.environ.get("TMPDIR", "/tmp"), f"xev-{os.getpid()}-{id(self)}.txt"), "w+b")
        self.xev = subprocess.Popen(["stdbuf", "-oL", "xev", "-root", "-event", "substructure", "-event", "property"],
                                    env=self.env, stdout=log, stderr=subprocess.DEVNULL)
        # Ready when it reports a change of our own making: no sleep, no lost first window.
        read = lambda: open(log.name, "rb").read()
        if not wait_for(lambda: self.run("xprop", "-root", "-f", "NB_PROBE", "8s", "-set", "NB_PROBE", "1")
                        and b"NB_PROBE" in read(), 10):
            raise RuntimeError("xev did not start watching the root window")
        return lambda: read().count(b"MapNotify event")

    def key(self, wid, key):
        self.run("xdotool", "windowfocus", "--sync", wid)
        self.run("xdotool", "key", key)

    def viewable(self, wid):
        return b"IsViewable" in self.run("xwininfo", "-id", wid).stdout

    def screenshot(self, wid="root", deadline=20):
        """The root window or one window, whole. Under load xwd was seen to return nothing (a
        window not yet mapped, or a server slow to answer): this waits for the window to be
        viewable and tries again until xwd gives a complete picture or `deadline` passes."""
        args = ["xwd", "-silent", "-root"] if wid == "root" else ["xwd", "-silent", "-id", wid]
        end = time.monotonic() + deadline * patience()
        why = "no attempt"
        while True:
            try:
                if wid == "root" or self.viewable(wid):
                    r = self.run(*args)
                    picture = read_xwd(r.stdout)
                    if picture:
                        return picture
                    why = f"xwd exit {r.returncode}, {len(r.stdout)} bytes, {r.stderr.decode(errors='replace')[:200]!r}"
                else:
                    why = f"window {wid} is not viewable"
            except subprocess.TimeoutExpired:
                why = "xwd did not answer in 20 s"
            if time.monotonic() >= end:
                raise RuntimeError(f"no screenshot of {wid} in {deadline} s: {why}")
            time.sleep(0.1)


class Picture:
    def __init__(self, w, h, pixels):
        self.w, self.h, self.pixels = w, h, pixels  # pixels: list of (r, g, b) rows

    def at(self, x, y):
        return self.pixels[y][x]

    def share(self, color, box=None, tolerance=24):
        """The fraction of pixels within `tolerance` of `color` in box (x0, y0, x1, y1)."""
        x0, y0, x1, y1 = box or (0, 0, self.w, self.h)
        hits = total = 0
        for y in range(y0, y1, 2):
            row = self.pixels[y]
            for x in range(x0, x1, 2):
                p = row[x]
                total += 1
                if all(abs(p[i] - color[i]) <= tolerance for i in range(3)):
                    hits += 1
        return hits / max(1, total)

    def differs(self, other, box=None):
        """Mean absolute difference per channel over box."""
        x0, y0, x1, y1 = box or (0, 0, self.w, self.h)
        diff = n = 0
        for y in range(y0, y1, 3):
            for x in range(x0, x1, 3):
                a, b = self.pixels[y][x], other.pixels[y][x]
                diff += abs(a[0] - b[0]) + abs(a[1] - b[1]) + abs(a[2] - b[2])
                n += 3
        return diff / max(1, n)


def read_xwd(data):
    """A ZPixmap XWD file of depth 24/32 (what xwd writes for Xvfb's TrueColor visual), or
    None when `data` is not a whole one."""
    if len(data) < 100:
        return None
    fields = struct.unpack(">25I", data[:100])
    header_size, _version, pixmap_format, depth, width, height = fields[:6]
    byte_order, bits_per_pixel, bytes_per_line = fields[7], fields[11], fields[12]
    red_mask, green_mask, blue_mask = fields[14], fields[15], fields[16]
    ncolors = fields[19]
    assert pixmap_format == 2 and bits_per_pixel == 32, (pixmap_format, bits_per_pixel, depth)
    start = header_size + ncolors * 12
    if len(data) < start + bytes_per_line * height:
        return None
    fmt = ("<" if byte_order == 0 else ">") + "%dI" % width

    def shift(mask):
        s = 0
        while mask and not mask & 1:
            mask >>= 1
            s += 1
        return s

    rs, gs, bs = shift(red_mask), shift(green_mask), shift(blue_mask)
    rows = []
    for y in range(height):
        off = start + y * bytes_per_line
        values = struct.unpack(fmt, data[off:off + 4 * width])
        rows.append([((v & red_mask) >> rs, (v & green_mask) >> gs, (v & blue_mask) >> bs) for v in values])
    return Picture(width, height, rows)


def patience():
    """How much longer than on an idle machine things may take now: the load average per core,
    from 1 up to 8. A deadline ends a test that hangs; it does not time the player. CI was seen
    with a load of 18 on two cores (ctest -j2 beside a build), where a board took over 15 s to
    its first slide."""
    try:
        per_core = os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:
        return 1.0
    return min(8.0, max(1.0, per_core))


def wait_for(condition, deadline, step=0.05):
    """Polls `condition` until it returns something true or `deadline` seconds pass, stretched
    by patience() on a loaded machine; returns the last value."""
    end = time.monotonic() + deadline * patience()
    while True:
        value = condition()
        if value or time.monotonic() >= end:
            return value
        time.sleep(step)


def on_xvfb(size, *tests):
    """Runs each test(display) on one fresh Xvfb of `size`; a missing Xvfb is a failure."""
    from nbtest import check
    if shutil.which("Xvfb") is None:
        check(False, "Xvfb is needed (scripts/deps.sh installs it)")
        return
    display = Xvfb(size)
    try:
        for test in tests:
            test(display)
    finally:
        display.close()
