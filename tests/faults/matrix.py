"""The fault matrix: every fault a board meets, each against a live `newsboard play URL` on a
real X server (Xvfb), a real nginx and tests/fault_server.py, all on 127.0.0.1.

    python3 tests/faults/matrix.py BINARY              every cell (./test.sh runs them, in two shards)
    python3 tests/faults/matrix.py BINARY --shard 1/2  every other cell, from the first
    python3 tests/faults/matrix.py BINARY --long       every cell, the SIGKILL one with 20 kills, not 3
    python3 tests/faults/matrix.py BINARY --only dns,clock
    python3 tests/faults/matrix.py BINARY --markdown   the table in Markdown too, for the notes

Each cell starts a board on a good signed edition, injects its fault, watches, clears the
fault, publishes a newer edition and watches the board converge. For each it records:
  black      the screen was ever black while the board ran (xwd screenshots every ~0.2 s)
  crash      the process died, ended with a signal or a code other than the design's, or a
             sanitizer reported
  lost       the board stopped showing its last good content (another playlist, no item,
             the standby screen) or its cache did not bring it back after a restart
  recovered  it showed the newer edition once the fault cleared
prints a table and exits 1 on any bad cell.

As root, the whole run moves into its own network and mount namespaces first: only loopback
exists (a name that does not resolve cannot leak a query), /etc/hosts is a private copy the DNS
cell edits, and the small tmpfs caches of the disk cells vanish with the run. Without root
those three cells are skipped. The clock cell needs Debian's libfaketime.
"""
import argparse
import atexit
import ctypes
import fcntl
import functools
import glob
import hashlib
import json
import os
import random
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
from nbtest import DEMO, run, status, tempdir  # noqa: E402
from servers import FaultServer, die_with_parent, free_port, start_nginx, stop_nginx  # noqa: E402
from tls import make_ca, make_cert, start_tls_nginx  # noqa: E402
from xvfb import Xvfb, patience, wait_for  # noqa: E402

PHOTO = os.path.join(os.path.dirname(DEMO), "media", "garden.jpg")
FAKETIME = next(iter(sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1"))), "")  # Debian: libfaketime
HOST = "feed.newsboard.invalid"  # .invalid never resolves in public DNS (RFC 6761)
POLL = 1
SANITIZER_WORDS = ("AddressSanitizer", "LeakSanitizer", "runtime error:", "UndefinedBehaviorSanitizer")


# ---------------------------------------------------------------- isolation (root only)

def isolate():
    """Own network namespace (loopback only, up) and mount namespace (private): returns True
    when done. Called before any thread or child starts."""
    if os.geteuid() != 0:
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    CLONE_NEWNS, CLONE_NEWNET = 0x00020000, 0x40000000
    if libc.unshare(CLONE_NEWNS | CLONE_NEWNET) != 0:
        return False
    MS_REC, MS_PRIVATE = 0x4000, 1 << 18
    libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None)
    SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        flags = struct.unpack("16sH", fcntl.ioctl(s, SIOCGIFFLAGS, struct.pack("16sH22x", b"lo", 0))[:18])[1]
        fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH22x", b"lo", flags | IFF_UP))
    return True


class Hosts:
    """A private /etc/hosts (bind-mounted in our mount namespace) that names HOST or not."""

    def __init__(self, folder):
        with open("/etc/hosts") as f:
            self.base = f.read()
        self.path = os.path.join(folder, "hosts")
        self.set(True)
        subprocess.run(["mount", "--bind", self.path, "/etc/hosts"], check=True)

    def set(self, resolves):
        # In place: the bind mount holds this inode.
        with open(self.path, "w") as f:
            f.write(self.base + (f"\n127.0.0.1 {HOST}\n" if resolves else "\n"))


DISPLAYS = []  # every X server started, closed at exit whatever happened to its cell


def new_display(size="640x360"):
    DISPLAYS.append(Xvfb(size))
    return DISPLAYS[-1]


def close_displays():
    for x in DISPLAYS:
        if x.proc.poll() is None:
            x.proc.kill()
            x.proc.wait()


MOUNTS = []  # unmounted after each cell; the namespace would drop them at exit anyway


def mount_tmpfs(path, size):
    os.makedirs(path, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", path], check=True)
    MOUNTS.append(path)


def unmount_all():
    while MOUNTS:
        subprocess.run(["umount", "-l", MOUNTS.pop()], check=False)


def remount(path, options):
    subprocess.run(["mount", "-o", "remount," + options, path], check=True)


SERVICE = os.path.join(HERE, "..", "..", "deploy", "systemd", "newsboard.service")


def service_setting(name):
    """A setting of the board's systemd unit (MemoryMax=400M → "400M"): the cells test the
    figures the package ships."""
    with open(SERVICE) as f:
        for line in f:
            if line.startswith(name + "="):
                return line.split("=", 1)[1].strip()
    raise KeyError(name)


def to_bytes(size):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(size[:-1]) * units[size[-1]] if size[-1] in units else int(size)


class MemoryCage:
    """A memory cgroup that holds a process to `max_bytes` (and `high_bytes`) as systemd's
    MemoryMax (MemoryHigh) does: cgroup v2's memory.max (memory.high), else v1's
    memory.limit_in_bytes. Root only; None from make() where no memory controller is mounted."""

    V2 = "/sys/fs/cgroup"
    V1 = "/sys/fs/cgroup/memory"

    @classmethod
    def make(cls, name, max_bytes, high_bytes):
        try:
            with open(os.path.join(cls.V2, "cgroup.controllers")) as f:
                v2 = "memory" in f.read().split()
        except OSError:
            v2 = False
        if v2:
            # A child of the root cgroup: the root is the one cgroup that may hold processes
            # and hand the memory controller down at once.
            with open(os.path.join(cls.V2, "cgroup.subtree_control"), "w") as f:
                f.write("+memory")
            path = os.path.join(cls.V2, name)
        elif os.path.isdir(cls.V1):
            with open("/proc/self/cgroup") as f:
                own = next((line.split(":", 2)[2].strip() for line in f if line.split(":")[1] == "memory"), "/")
            path = os.path.join(cls.V1 + own, name)
        else:
            return None
        os.makedirs(path, exist_ok=True)
        cage = cls(path, v2)
        cage.write("memory.max" if v2 else "memory.limit_in_bytes", str(max_bytes))
        if v2:
            cage.write("memory.high", str(high_bytes))
        CAGES.append(cage)
        return cage

    def __init__(self, path, v2):
        self.path, self.v2 = path, v2

    def write(self, name, value):
        with open(os.path.join(self.path, name), "w") as f:
            f.write(value)

    def read(self, name):
        try:
            with open(os.path.join(self.path, name)) as f:
                return f.read()
        except OSError:
            return ""

    def enter(self):
        """In the child between fork and exec: move it into the cage."""
        self.write("cgroup.procs", str(os.getpid()))

    def peak_mib(self):
        """The largest memory use seen in the cage (v2 memory.peak needs Linux 5.19)."""
        value = self.read("memory.peak" if self.v2 else "memory.max_usage_in_bytes").strip()
        return int(value) / (1 << 20) if value else None

    def oom_kills(self):
        text = self.read("memory.events" if self.v2 else "memory.oom_control")
        return sum(int(line.split()[1]) for line in text.splitlines() if line.startswith("oom_kill "))

    def remove(self):
        for _ in range(50):  # the last process leaves the cgroup a moment after it is reaped
            try:
                os.rmdir(self.path)
                return
            except OSError:
                time.sleep(0.1)


CAGES = []  # removed after each cell


def remove_cages():
    while CAGES:
        CAGES.pop().remove()


# ---------------------------------------------------------------- content

def sha_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def noise_png(path, side, seed):
    """A PNG of random pixels: it does not compress, so its size is about 3 * side² bytes."""
    rnd = random.Random(seed)
    raw = b"".join(b"\0" + rnd.randbytes(3 * side) for _ in range(side))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))


class Site:
    """The staff's side: a web root, keys, signed editions published atomically."""

    def __init__(self, folder, www):
        self.www, self.folder = www, folder
        os.makedirs(os.path.join(www, "media"), exist_ok=True)
        shutil.copy(PHOTO, os.path.join(www, "media", "garden.jpg"))
        for name in ("staff", "other"):
            if not os.path.exists(os.path.join(folder, name + ".key")):
                code, _, err = run("keygen", os.path.join(folder, name))
                assert code == 0, err
        self.published = 0
        self.key = os.path.join(folder, "staff.key")
        self.pub = os.path.join(folder, "staff.pub")

    def edition(self, n, updated=None, picture="media/garden.jpg"):
        pin = sha_file(os.path.join(self.www, picture))
        return {"version": 1, "id": f"v{n}", "updated": updated or f"2026-09-{n:02d}T07:00:00+08:00",
                "defaults": {"duration": 1, "transition": "crossfade"}, "ticker": [],
                "items": [{"id": f"n{n}", "type": "notice", "text": f"第{n}版"},
                          {"id": f"p{n}", "type": "photo", "headline": "花园",
                           "image": {"src": picture, "sha256": pin}}]}

    def publish(self, playlist, key=None):
        """The signature goes up first, then the playlist by rename: never half a file."""
        path = os.path.join(self.www, "p.json")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(playlist, f, ensure_ascii=False)
        # nginx's ETag is mtime and length: two editions of one length within a second would
        # look unchanged (a 304). A second of its own for each keeps them apart.
        self.published += 1
        os.utime(path + ".tmp", (time.time() + self.published, time.time() + self.published))
        code, _, err = run("sign", path + ".tmp", "--key", key or self.key)
        assert code == 0, err
        os.replace(path + ".tmp.sig", path + ".sig")
        os.replace(path + ".tmp", path)


def field(path, *keys):
    """status[k0][k1]…, or None when a level is missing."""
    return functools.reduce(lambda v, k: v.get(k) if isinstance(v, dict) else None, keys, status(path))


# ---------------------------------------------------------------- the board and its watcher

class Board:
    """One `newsboard play URL` process with its log, cache and status file."""

    def __init__(self, binary, x, url, cache, st, pub, env=None, cage=None):
        self.binary, self.x, self.url, self.cache, self.st, self.pub = binary, x, url, cache, st, pub
        self.env = env or {}
        self.cage = cage  # a MemoryCage the process starts in, as under the unit's MemoryMax
        self.proc = None
        self.extra = []  # more options of the cell's (--cache-max, --ca-file)
        self.logs = []
        self.exits = []  # (returncode, how it ended: "sigterm" or "by itself")

    def start(self, x=None):
        self.x = x or self.x
        if os.path.exists(self.st):
            os.remove(self.st)
        log = self.st + f".{len(self.logs)}.log"
        self.logs.append(log)
        with open(log, "w") as f:
            self.proc = subprocess.Popen(
                [self.binary, "play", self.url, "--cache", self.cache, "--state", self.cache + ".state", "--status", self.st,
                 "--poll", str(POLL),
                 "--board-id", "matrix", "--trusted-key", self.pub, *self.extra], env=self.environment(), stderr=f,
                preexec_fn=self.cage.enter if self.cage else None)

    def environment(self):
        """The X server's environment plus the cell's; ASAN_OPTIONS are added to, not replaced."""
        env = dict(self.x.env)
        # An ASan build with leak checks on: only libdbus's buffer (SDL's D-Bus) is forgiven.
        env.setdefault("LSAN_OPTIONS", "suppressions=" + os.path.join(HERE, "..", "soak", "lsan.supp"))
        for k, v in self.env.items():
            env[k] = env[k] + ":" + v if k == "ASAN_OPTIONS" and env.get(k) else v
        return env

    def showing(self, playlist_id=None):
        if self.proc.poll() is not None:
            return False
        pid, item = field(self.st, "playlist", "id"), field(self.st, "item", "id")
        return item is not None and (playlist_id is None or pid == playlist_id)

    def wait_showing(self, playlist_id=None, deadline=20):
        return wait_for(lambda: self.showing(playlist_id), deadline, step=0.05)

    def wait_visible(self, playlist_id=None, deadline=40):
        """After a (re)start: showing, and the window on the screen. On a loaded machine the
        status can name the first slide a moment before X has mapped the window, and the
        watch must not count that moment as a black screen. The deadline ends a start that
        hangs; it does not time the start."""
        return wait_for(lambda: self.showing(playlist_id) and black_share(self.x) <= 0.5, deadline,
                        step=0.1)

    def sigkill(self):
        self.proc.kill()
        self.proc.wait()
        self.exits.append((self.proc.returncode, "sigkill"))

    def stop(self):
        """SIGTERM as systemd sends it; the design's answer is exit 0 within a second or so."""
        if self.proc.poll() is not None:
            self.exits.append((self.proc.returncode, "by itself"))
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.exits.append((self.proc.returncode, "sigterm"))

    def log_text(self):
        text = ""
        for path in self.logs:
            with open(path, encoding="utf-8", errors="replace") as f:
                text += f.read()
        return text

    def crash(self):
        """Why this board counts as crashed, or None."""
        text = self.log_text()
        for word in SANITIZER_WORDS:
            if word in text:
                return "sanitizer: " + word
        for code, how in self.exits:
            if how == "sigterm" and code != 0:
                return f"exit {code} on SIGTERM"
            if how == "by itself":
                return f"ended by itself with {code}"
        return None


class Watcher(threading.Thread):
    """Samples the screen and the status file every ~0.2 s while `active`: how often the
    screen was black, and every (playlist, item, standby) it saw."""

    def __init__(self, board):
        super().__init__(daemon=True)
        self.board = board
        self.active = True
        self.black = self.samples = 0
        self.seen = []  # (playlist id, item id, standby)
        self.done = False

    def run(self):
        while not self.done:
            proc = self.board.proc
            if self.active and proc.poll() is None:
                black = black_share(self.board.x) > 0.5
                seen = (field(self.board.st, "playlist", "id"), field(self.board.st, "item", "id"),
                        field(self.board.st, "standby"))
                # Counted only if the same board ran, watched, all through the sample: a cell
                # that restarts the board on purpose pauses the watch first.
                if self.active and self.board.proc is proc and proc.poll() is None:
                    self.samples += 1
                    self.black += black
                    self.seen.append(seen)
            time.sleep(0.2)

    def mark(self):
        return len(self.seen)

    def since(self, mark):
        return self.seen[mark:]

    def close(self):
        self.done = True
        self.join()


def black_share(x):
    """The share of near-black pixels in a screenshot of the root window (every 7th pixel).
    A screenshot that fails (the server busy, or resetting as its last client left) is taken
    again: read as no black at all, it once let a board that showed nothing pass as visible."""
    end = time.monotonic() + 20 * patience()
    while True:
        data = x.run("xwd", "-silent", "-root").stdout
        if len(data) >= 100:
            fields = struct.unpack(">25I", data[:100])
            header, width, height, bpl, ncolors = fields[0], fields[4], fields[5], fields[12], fields[19]
            start = header + ncolors * 12
            if len(data) >= start + bpl * height:
                break
        if time.monotonic() >= end:
            raise RuntimeError("xwd gave no complete screenshot of the root window")
        time.sleep(0.1)
    pixels = memoryview(data[start:start + bpl * height]).cast("I")
    sample = pixels[::7]
    dark = sum(1 for v in sample if (v & 0xF8F8F8) == 0)
    return dark / max(1, len(sample))


class Supervisor(threading.Thread):
    """What systemd does for the board's unit (Type=notify, WatchdogSec=, Restart=always),
    done here because a test machine's PID 1 need not be systemd: a notify socket the board
    reports READY=1 and WATCHDOG=1 to; when no WATCHDOG=1 comes for `watchdog_s` after READY,
    SIGABRT (systemd's watchdog signal), then a new start. The watch pauses from the kill
    until the new process shows a slide."""

    def __init__(self, board, watcher, folder, watchdog_s):
        super().__init__(daemon=True)
        self.board, self.watcher, self.watchdog_s = board, watcher, watchdog_s
        self.path = os.path.join(folder, "notify.sock")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.05)
        board.env.update(NOTIFY_SOCKET=self.path, WATCHDOG_USEC=str(int(watchdog_s * 1e6)))
        self.restarts = 0
        self.messages = []  # STATUS= lines, in order
        self.done = False

    def run(self):
        # The socket is read all the time, as systemd does: sd_notify() blocks on a full one.
        ready, last, restarting = False, time.monotonic(), None
        while not self.done:
            try:
                text = self.sock.recv(4096).decode(errors="replace")
                if "READY=1" in text:
                    ready = True
                if "WATCHDOG=1" in text:
                    last = time.monotonic()
                self.messages += [line for line in text.splitlines() if line.startswith("STATUS=")]
            except socket.timeout:
                pass
            if restarting and ((self.board.showing() and black_share(self.board.x) <= 0.5) or
                               time.monotonic() > restarting):
                self.watcher.active, restarting = True, None
            proc = self.board.proc
            # A board starved of CPU on a loaded test machine is slow, not stuck.
            if not ready or proc.poll() is not None or time.monotonic() - last < self.watchdog_s * patience():
                continue
            self.watcher.active = False
            proc.send_signal(signal.SIGABRT)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            self.board.exits.append((proc.returncode, "watchdog"))
            self.restarts += 1
            self.board.start()
            ready, last, restarting = False, time.monotonic(), time.monotonic() + 40 * patience()  # see wait_visible

    def close(self):
        self.done = True
        self.join()
        self.sock.close()


# ---------------------------------------------------------------- cells

class Cell:
    def __init__(self, name, fault, needs=None):
        self.name, self.fault, self.needs = name, fault, needs
        self.black = self.crash = self.lost = None
        self.recovered = None
        self.note = ""
        self.skipped = None
        self.seconds = 0.0

    def bad(self):
        return not self.skipped and (self.black or self.crash or self.lost or not self.recovered)


class Matrix:
    def __init__(self, binary, isolated):
        self.binary = binary
        self.isolated = isolated
        self.root = tempdir()
        self.hosts = Hosts(self.root) if isolated else None

    # A fresh world for one cell: Xvfb, nginx (or the fault server), a signed v1, a board.
    def setup(self, cell, server="nginx", cache=None, env=None, host="127.0.0.1", screen="640x360", cage=None,
              extra=()):
        folder = os.path.join(self.root, cell.name)
        os.makedirs(folder)
        self.folder = folder
        self.x = new_display(screen)
        scheme = "http"
        if server == "tls":  # nginx with TLS (tests/cli/tls.py), the board given its CA
            make_ca(folder, "ca")
            make_cert(folder, "good", "ca", "IP:127.0.0.1")
            self.port = free_port()
            self.nginx = start_tls_nginx(os.path.join(folder, "nginx"), {"good": self.port}, free_port())
            www = os.path.join(folder, "nginx", "www")
            self.fault_server, scheme = None, "https"
            extra = (*extra, "--ca-file", os.path.join(folder, "ca.pem"))
        elif server == "nginx":
            self.nginx, self.port = start_nginx(os.path.join(folder, "nginx"))
            www = os.path.join(folder, "nginx", "www")
            self.fault_server = None
        else:
            self.fault_server = FaultServer(os.path.join(folder, "www"))
            self.nginx, self.port, www = None, self.fault_server.port, self.fault_server.root
        self.site = Site(folder, www)
        self.site.publish(self.site.edition(1))
        cache = cache or os.path.join(folder, "cache")
        url = f"{scheme}://{host}:{self.port}/p.json"
        self.board = Board(self.binary, self.x, url, cache, os.path.join(folder, "status.json"), self.site.pub, env,
                           cage)
        self.board.extra = list(extra)
        self.board.start()
        if not self.board.wait_showing("v1"):
            raise RuntimeError(f"{cell.name}: the first edition did not reach the screen: {status(self.board.st)}")
        self.watcher = Watcher(self.board)
        self.watcher.start()

    def restart_nginx(self):
        """The same server again on the same port (its configuration names it)."""
        prefix = os.path.join(self.folder, "nginx")
        self.nginx = subprocess.Popen(["/usr/sbin/nginx", "-p", prefix + "/", "-c", prefix + "/nginx.conf",
                                       "-e", prefix + "/error.log"], stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, preexec_fn=die_with_parent)

    def error_named(self, words, deadline=15):
        return wait_for(lambda: any(w in (field(self.board.st, "sync", "error") or "") for w in words), deadline,
                        step=0.05)

    def judge(self, cell, during, allowed=("v1",), recovered_to=None, deadline=25):
        """The common end of a cell: what the board showed during the fault, then recovery."""
        bad = [s for s in during if s[0] not in allowed or s[1] is None or s[2]]
        cell.lost = bool(bad)
        if bad:
            cell.note += f" showed {bad[0]} during the fault;"
        t0 = time.monotonic()
        cell.recovered = bool(self.board.wait_showing(recovered_to, deadline))
        cell.note += f" recovered in {time.monotonic() - t0:.1f} s;" if cell.recovered else \
            f" status {status(self.board.st)};"

    # The classic shape: a fault, staff publish v2 meanwhile, the status names the fault,
    # v1 stays; the fault clears, staff publish v3, the board shows v3.
    def simple(self, cell, inject, clear, words, allowed=("v1",)):
        mark = self.watcher.mark()
        inject()
        named = self.error_named(words)
        cell.note += f" status: {(field(self.board.st, 'sync', 'error') or '')[:60]!r};" if named else \
            f" the status never named {words[0]!r}: {field(self.board.st, 'sync', 'error')!r};"
        time.sleep(0.5)  # the fault stands a moment longer: the board must not flinch
        during = self.watcher.since(mark)
        clear()
        self.site.publish(self.site.edition(3))
        self.judge(cell, during, allowed, "v3")
        if not named:
            cell.lost = True

    def server_fault(self, cell, fault, words):
        """tests/fault_server.py misbehaves (`fault`) while edition 2 is published; the status
        must name it with `words`."""
        self.setup(cell, server="fault")

        def inject():
            self.fault_server.set_fault(fault)
            self.site.publish(self.site.edition(2))
        self.simple(cell, inject, lambda: self.fault_server.set_fault("none"), words)

    def cell_5xx(self, cell):
        self.server_fault(cell, "500", ["HTTP 500"])

    def cell_truncated(self, cell):
        self.server_fault(cell, "cut", ["broke off"])

    def cell_drip(self, cell):
        self.setup(cell, server="fault")

        def inject():
            self.fault_server.set_fault("drip")
            self.site.publish(self.site.edition(2))
        # The low-speed limit (64 B/s for 30 s) ends the transfer; a byte a second never finishes.
        mark = self.watcher.mark()
        inject()
        named = self.error_named(["too slow"], deadline=60)
        cell.note += " status named 'too slow';" if named else " no 'too slow' in 60 s;"
        during = self.watcher.since(mark)
        self.fault_server.set_fault("none")
        self.site.publish(self.site.edition(3))
        self.judge(cell, during, ("v1",), "v3", deadline=40)
        cell.lost = cell.lost or not named

    def cell_server_down(self, cell):
        self.setup(cell)

        def inject():
            stop_nginx(self.nginx)
            self.site.publish(self.site.edition(2))
        self.simple(cell, inject, self.restart_nginx, ["nothing answers"])

    def cell_bad_signature(self, cell):
        self.setup(cell)
        self.simple(cell, lambda: self.site.publish(self.site.edition(2), os.path.join(self.folder, "other.key")),
                    lambda: None, ["does not match"])

    def cell_replay(self, cell):
        self.setup(cell)
        old = self.site.edition(0, updated="2026-08-01T07:00:00+08:00")
        self.simple(cell, lambda: self.site.publish(old), lambda: None, ["older than"])

    def cell_corrupt_image(self, cell):
        """A picture whose bytes match its pin but do not decode: either the sync refuses the
        edition, or it plays without that picture. Never black, never a crash."""
        self.setup(cell)
        bad = os.path.join(self.site.www, "media", "bad.jpg")
        with open(PHOTO, "rb") as f:
            head = f.read(600)
        with open(bad, "wb") as f:
            f.write(head + random.Random(6).randbytes(40000))  # a JPEG header, then noise
        mark = self.watcher.mark()
        self.site.publish(self.site.edition(2, picture="media/bad.jpg"))
        took = wait_for(lambda: field(self.board.st, "playlist", "id") == "v2" or
                        field(self.board.st, "sync", "error"), 15)
        wait_for(lambda: field(self.board.st, "last_error"), 5)
        time.sleep(2)  # a few slides of it: the notice, the broken picture skipped
        cell.note += f" took={field(self.board.st, 'playlist', 'id')}, last_error=" \
                     f"{(field(self.board.st, 'last_error') or field(self.board.st, 'sync', 'error') or '')[:50]!r};"
        during = self.watcher.since(mark)
        self.site.publish(self.site.edition(3))
        self.judge(cell, during, ("v1", "v2"), "v3")
        cell.lost = cell.lost or not took

    def cell_dns(self, cell):
        """The board boots while its server's name does not resolve: its cache shows at once,
        the status names DNS, and it converges once the name resolves again."""
        self.setup(cell, host=HOST)
        self.watcher.active = False
        self.board.stop()
        self.board.exits.clear()
        self.hosts.set(False)
        self.site.publish(self.site.edition(2))
        self.board.start()
        cached = self.board.wait_showing("v1", 15)
        self.watcher.active = True
        mark = self.watcher.mark()
        named = self.error_named(["does not resolve"])
        cell.note += f" cache shown on boot: {bool(cached)};" + (" status named DNS;" if named else "")
        time.sleep(0.5)
        during = self.watcher.since(mark)
        self.hosts.set(True)
        self.site.publish(self.site.edition(3))
        self.judge(cell, during, ("v1",), "v3", deadline=30)
        cell.lost = cell.lost or not cached or not named

    def cell_disk_full(self, cell):
        """The cache is a 1 MiB tmpfs: the next edition's 2.9 MB picture fills it mid-write."""
        cache = os.path.join(self.root, cell.name + "-cache")
        mount_tmpfs(cache, "1m")
        self.setup(cell, cache=cache)
        noise_png(os.path.join(self.site.www, "media", "big.png"), 990, 1)

        def inject():
            self.site.publish(self.site.edition(2, picture="media/big.png"))

        def clear():
            remount(cache, "size=64m")
            noise_png(os.path.join(self.site.www, "media", "big.png"), 990, 1)
        mark = self.watcher.mark()
        inject()
        named = self.error_named(["No space", "cannot write", "space"])
        cell.note += f" status: {(field(self.board.st, 'sync', 'error') or '')[:60]!r};"
        time.sleep(0.5)
        during = self.watcher.since(mark)
        clear()
        self.site.publish(self.site.edition(3, picture="media/big.png"))
        self.judge(cell, during, ("v1",), "v3")
        cell.lost = cell.lost or not named
        leftovers = glob.glob(os.path.join(cache, "**", "*.tmp.*"), recursive=True)
        if leftovers:
            cell.note += f" temp files left: {len(leftovers)};"

    def cell_read_only(self, cell):
        """The cache's file system turns read-only (a failing SD card does): root's chmod would
        not stop a write, a read-only remount does."""
        cache = os.path.join(self.root, cell.name + "-cache")
        mount_tmpfs(cache, "16m")
        self.setup(cell, cache=cache)
        noise_png(os.path.join(self.site.www, "media", "ro.png"), 300, 2)

        def inject():
            remount(cache, "ro")
            self.site.publish(self.site.edition(2, picture="media/ro.png"))
        self.simple(cell, inject, lambda: remount(cache, "rw"), ["Read-only", "cannot write", "read-only"])

    def cell_clock(self, cell):
        """The wall clock jumps a year and more back, then ten years forward (libfaketime; the
        monotonic clock stays true, as on a board whose RTC or NTP jumps)."""
        stamp = os.path.join(self.root, cell.name + "-faketime")
        with open(stamp, "w") as f:
            f.write("+0d\n")
        env = {"LD_PRELOAD": FAKETIME, "FAKETIME_TIMESTAMP_FILE": stamp, "FAKETIME_CACHE_DURATION": "1",
               "DONT_FAKE_MONOTONIC": "1", "ASAN_OPTIONS": "verify_asan_link_order=0"}  # ASan builds too
        self.setup(cell, env=env)
        mark = self.watcher.mark()
        years = []
        for offset in ("-400d", "+3650d"):
            with open(stamp, "w") as f:
                f.write(offset + "\n")
            target = time.gmtime(time.time() + int(offset[:-1]) * 86400).tm_year
            ok = wait_for(lambda: (field(self.board.st, "sync", "time") or "").startswith(str(target)), 15)
            years.append(f"{offset}: sync time {field(self.board.st, 'sync', 'time')} ({'ok' if ok else 'NOT SEEN'})")
            time.sleep(1.5)  # slides keep changing across the jump
            if not ok:
                cell.lost = True
        cell.note += " " + "; ".join(years) + ";"
        with open(stamp, "w") as f:
            f.write("+0d\n")
        during = self.watcher.since(mark)
        self.site.publish(self.site.edition(3))
        lost_before = bool(cell.lost)
        self.judge(cell, during, ("v1",), "v3")
        cell.lost = cell.lost or lost_before

    def cell_sigkill(self, cell, kills):
        """SIGKILL at random moments while the board takes new editions with a new picture each
        (downloads and cache writes), then a restart: the cache must bring a good edition back
        at once, and the board must converge."""
        self.setup(cell)
        rnd = random.Random(9)
        hit = 0
        n = 1
        for k in range(kills):
            n += 1
            pic = f"media/k{n}.png"
            noise_png(os.path.join(self.site.www, pic), 400, n)
            self.site.publish(self.site.edition(n, picture=pic))
            # Killed the moment a cache write shows (its temp file), else at a random moment.
            end = time.monotonic() + rnd.uniform(0.2, 1.6)
            while time.monotonic() < end and not self.writing():
                pass
            self.watcher.active = False
            self.board.sigkill()
            if self.writing():
                hit += 1
            self.board.start()
            # The watch pauses while the board starts again: a loaded CI machine was seen to
            # take over 15 s to the first slide, which is no fault of the cache.
            back = self.board.wait_visible(None)
            shown = field(self.board.st, "playlist", "id")
            self.watcher.active = True
            if not back or shown not in (f"v{n - 1}", f"v{n}"):
                cell.lost = True
                cell.note += f" after kill {k + 1}: {status(self.board.st)};"
            if not self.board.wait_showing(f"v{n}", 20):
                cell.recovered = False
                cell.note += f" v{n} never came after kill {k + 1};"
        self.board.exits = [e for e in self.board.exits if e[1] != "sigkill"]
        cell.lost = bool(cell.lost)
        if cell.recovered is None:
            cell.recovered = True
        cell.note += f" {kills} kills, {hit} left a temp file (a write cut off), every restart showed the cache;" \
            if not cell.lost else ""

    def writing(self):
        for sub in ("", "media", "playlists"):
            try:
                if any(".tmp." in name for name in os.listdir(os.path.join(self.board.cache, sub))):
                    return True
            except OSError:
                pass
        return False

    def cell_display_gone(self, cell):
        """The X server dies under the board. SDL cannot go on without its display: the board
        must end by itself (not hang, no signal, no sanitizer report) so its service restarts
        it; restarted on a new display it shows its cache at once and converges."""
        self.setup(cell)
        self.watcher.active = False
        self.x.proc.kill()
        self.x.proc.wait()
        ended = wait_for(lambda: self.board.proc.poll() is not None, 10)
        code = self.board.proc.poll()
        cell.note += f" ended with exit {code};" if ended else " still running 10 s after its display died;"
        if ended and code != 3:
            cell.crash = True  # the contract's runtime failure is 3; 1 is Xlib's default exit(1)
            cell.note += " expected exit 3 (runtime failure);"
        self.board.exits.append((code, "display gone"))
        self.site.publish(self.site.edition(3))
        self.x.close()
        self.x = new_display()
        t0 = time.monotonic()
        self.board.start(self.x)
        cached = self.board.wait_showing(None, 15)
        cell.note += f" restarted, the cache was on screen in {time.monotonic() - t0:.1f} s;"
        self.watcher.active = True
        self.judge(cell, [], ("v1",), "v3")
        cell.lost = not cached
        if not ended:
            cell.crash = True
            self.board.proc.kill()
        elif code is None or code < 0 or code == 0:
            cell.crash = True  # a signal is a crash; 0 would tell the service all is well

    def cell_50mp(self, cell):
        """A 50-megapixel photo (8640x5760 Adobe CMYK, the largest a playlist may hold) on a
        full-HD board held to the unit's MemoryMax and MemoryHigh in a memory cgroup: libjpeg
        decodes it scaled down, so the photo reaches the screen and nothing is OOM-killed."""
        limit, high = service_setting("MemoryMax"), service_setting("MemoryHigh")
        cage = MemoryCage.make(f"nb-matrix-{os.getpid()}", to_bytes(limit), to_bytes(high))
        if cage is None:
            raise RuntimeError("no memory cgroup controller (v1 or v2) is mounted")
        self.setup(cell, screen="1920x1080", cage=cage)
        photo = os.path.join(self.site.www, "media", "50mp.jpg")
        maker = os.path.join(os.path.dirname(self.binary), "tests", "newsboard_make_jpeg")
        subprocess.run([maker, photo, "8640", "5760", "adobe-cmyk"], check=True)
        mark = self.watcher.mark()
        self.site.publish(self.site.edition(2, picture="media/50mp.jpg"))
        shown = wait_for(lambda: self.board.proc.poll() is None and field(self.board.st, "item", "id") == "p2", 40)
        peak = cage.peak_mib()
        kills = cage.oom_kills()
        cell.note += (f" the photo was on screen: {bool(shown)}; MemoryMax={limit}, peak "
                      f"{'%.0f MiB' % peak if peak is not None else 'unknown'}, {kills} OOM kills;")
        during = self.watcher.since(mark)
        self.site.publish(self.site.edition(3))
        self.judge(cell, during, ("v1", "v2"), "v3")
        cell.lost = cell.lost or not shown
        cell.crash = bool(kills)

    def cell_non_utf8_header(self, cell):
        """The server answers with an ETag that is not UTF-8 (the bytes FF FE): the board once
        aborted on it at every start. It must take the edition and play on."""
        self.setup(cell, server="fault")
        mark = self.watcher.mark()
        self.fault_server.set_fault("etag")
        self.site.publish(self.site.edition(2))
        took = self.board.wait_showing("v2", 20)
        time.sleep(1)  # a few polls with the bad ETag
        cell.note += f" took v2 with the bad ETag: {bool(took)};"
        during = self.watcher.since(mark)
        self.fault_server.set_fault("none")
        self.site.publish(self.site.edition(3))
        self.judge(cell, during, ("v1", "v2"), "v3")
        cell.lost = cell.lost or not took

    def cell_equal_updated(self, cell):
        """A signed edition with the same "updated" as the one shown but other bytes (an
        edited file whose date nobody changed): refused, the board keeps what it shows."""
        self.setup(cell)
        same = self.site.edition(2, updated=self.site.edition(1)["updated"])
        self.simple(cell, lambda: self.site.publish(same), lambda: None, ["the bytes differ"])

    def cell_missing_updated(self, cell):
        """A signed edition without "updated": a board could not refuse it replayed later."""
        self.setup(cell)
        bare = self.site.edition(2)
        del bare["updated"]
        self.simple(cell, lambda: self.site.publish(bare), lambda: None, ["must carry"])

    def cell_future_updated(self, cell):
        """A signed edition whose "updated" has a typo'd year (2062) on a board whose clock is
        synchronised: refused, or it would block every later edition; the corrected one
        converges (the typo did not raise the board's mark)."""
        self.setup(cell, env={"NEWSBOARD_CLOCK_SYNCHRONISED": "1"})
        typo = self.site.edition(2, updated="2062-09-02T07:00:00+08:00")
        self.simple(cell, lambda: self.site.publish(typo), lambda: None, ["more than a day ahead"])

    def cell_replay_cache_loss(self, cell):
        """The board took v2; its cache is lost (a new SD card, a wipe) but not its state
        directory; the server then replays the older signed v1. The high-water mark in the
        state directory refuses it: the board waits on its standby screen, never shows v1."""
        self.setup(cell)
        v1 = self.site.edition(1)
        self.site.publish(self.site.edition(2))
        took = self.board.wait_showing("v2", 20)
        self.watcher.active = False
        self.board.stop()
        shutil.rmtree(self.board.cache)
        self.site.publish(v1)
        self.board.start()
        # Watched from its standby screen on: before its window exists the screen is black.
        standby = wait_for(lambda: self.board.proc.poll() is None and field(self.board.st, "standby")
                           and black_share(self.board.x) <= 0.5, 40, step=0.1)
        mark = self.watcher.mark()
        self.watcher.active = True
        named = self.error_named(["older than"], deadline=20)
        time.sleep(1)  # a few polls more: the replay must stay refused
        during = self.watcher.since(mark)
        replayed = [s for s in during if s[0] == "v1"]
        cell.note += f" took v2: {bool(took)}; the replay refused" + \
            (f" ({(field(self.board.st, 'sync', 'error') or '')[:50]!r});" if named else ": NOT NAMED;")
        if replayed:
            cell.note += f" showed the replayed v1 {len(replayed)} times;"
        self.site.publish(self.site.edition(3))
        self.judge(cell, [], ("v1",), "v3")
        cell.lost = bool(replayed) or not took or not named or not standby

    def cell_second_process(self, cell):
        """A second player started on the same cache (the unit started twice, someone at the
        console): it ends at once with exit 3, saying the cache is in use; the first board
        plays on untouched."""
        self.setup(cell)
        mark = self.watcher.mark()
        log = os.path.join(self.folder, "second.log")
        with open(log, "w") as f:
            second = subprocess.run([self.binary, "play", self.board.url, "--cache", self.board.cache,
                                     "--state", self.board.cache + ".state", "--trusted-key", self.site.pub,
                                     "--status", os.path.join(self.folder, "second.json")],
                                    env=self.board.environment(), stderr=f, timeout=60 * patience())
        with open(log, encoding="utf-8", errors="replace") as f:
            said = f.read()
        refused = second.returncode == 3 and "in use" in said
        cell.note += f" the second exited {second.returncode}: {said.strip()[:70]!r};"
        time.sleep(1)  # the first board keeps playing a moment longer, watched
        during = self.watcher.since(mark)
        self.site.publish(self.site.edition(3))
        self.judge(cell, during, ("v1",), "v3")
        cell.lost = cell.lost or not refused

    # The worker hooks of app/test_faults.h; NEWSBOARD_CLOCK_RATE=20 makes the loop's
    # deadline for a prepare (1 min) 3 s of real time.
    HOOK_RATE = "20"

    def cell_prepare_throws(self, cell):
        """Preparing one item of a new edition throws (a bug in a template): that item is
        skipped with a reason in the status, the rest of the edition plays, the board lives."""
        self.setup(cell, env={"NEWSBOARD_TEST_PREPARE": "throw:p2"})
        mark = self.watcher.mark()
        self.site.publish(self.site.edition(2))
        took = self.board.wait_showing("v2", 20)
        named = wait_for(lambda: "p2" in (field(self.board.st, "last_error") or ""), 15)
        time.sleep(2)  # a few turns of the edition: n2 plays, p2 stays out
        during = self.watcher.since(mark)
        shown_p2 = [s for s in during if s[1] == "p2"]
        cell.note += f" took v2: {bool(took)}; last_error: {(field(self.board.st, 'last_error') or '')[:60]!r};"
        self.site.publish(self.site.edition(3))
        self.judge(cell, during, ("v1", "v2"), "v3")
        cell.lost = cell.lost or not took or not named or bool(shown_p2)

    def cell_prepare_hangs(self, cell):
        """Preparing one item never ends (a decoder stuck on a device): the board keeps the slide
        it shows, stops feeding the watchdog after the worker's deadline, and the watchdog's
        restart brings it back; a new edition without that item plays."""
        self.setup(cell, env={"NEWSBOARD_TEST_PREPARE": "hang:p2", "NEWSBOARD_CLOCK_RATE": self.HOOK_RATE})
        self.hang_cell(cell, "the prepare worker made no progress")

    def hang_cell(self, cell, words):
        # The board from setup() runs without a watchdog; it starts again under one.
        self.watcher.active = False
        self.board.stop()
        supervisor = Supervisor(self.board, self.watcher, self.folder, 2.0)
        self.board.start()
        supervisor.start()
        try:
            back = self.board.wait_visible("v1")
            self.watcher.active = True
            mark = self.watcher.mark()
            self.site.publish(self.site.edition(2))
            restarted = wait_for(lambda: supervisor.restarts >= 1, 60)
            said = any(words in m for m in supervisor.messages) or words in self.board.log_text()
            during = self.watcher.since(mark)
            cell.note += f" the watchdog restarted it {supervisor.restarts}x; it said {words!r}: {said};"
            self.site.publish(self.site.edition(3))
            self.judge(cell, during, ("v1", "v2"), "v3", deadline=60)
            cell.lost = cell.lost or not back or not restarted or not said
        finally:
            supervisor.close()

    def cell_sync_hangs(self, cell):
        """The sync thread stops making progress (NEWSBOARD_TEST_SYNC=hang: stuck after its first
        sync): the board plays on, stops feeding the watchdog after the thread's deadline, and
        the watchdog's restart brings the newer edition."""
        self.setup(cell, env={"NEWSBOARD_TEST_SYNC": "hang", "NEWSBOARD_CLOCK_RATE": self.HOOK_RATE})
        self.hang_cell(cell, "the sync thread made no progress")

    def cell_https_downgrade(self, cell):
        """The https server (a proxy, a misconfigured CDN) redirects the playlist to http: the
        board never follows it down, names it, and keeps its edition."""
        self.setup(cell, server="tls")
        flag = os.path.join(self.site.www, "downgrade")

        def inject():
            open(flag, "w").close()
            self.site.publish(self.site.edition(2))
        self.simple(cell, inject, lambda: os.remove(flag), ["never down to http"])

    def cell_rotted_media(self, cell):
        """A bit of a cached picture flips on the SD card while the board is off: at start the
        picture no longer matches its pin, the rotten bytes are never shown, and the first sync
        fetches it again."""
        self.setup(cell)
        self.watcher.active = False
        self.board.stop()
        self.board.exits.clear()
        cached = [p for p in glob.glob(os.path.join(self.board.cache, "media", "*"))
                  if sha_file(os.path.join(self.site.www, "media", "garden.jpg")) == os.path.basename(p)]
        if cached:
            with open(cached[0], "r+b") as f:
                f.seek(os.path.getsize(cached[0]) // 2)
                byte = f.read(1)
                f.seek(-1, os.SEEK_CUR)
                f.write(bytes([byte[0] ^ 0x40]))
        self.board.start()
        # Watched from its first slide on: before its window exists the screen is black.
        back = self.board.wait_visible("v1")
        self.watcher.active = True
        noted = "no longer matches its sha256" in self.board.log_text()
        refetched = bool(cached) and sha_file(cached[0]) == os.path.basename(cached[0])
        cell.note += f" rotted a cached picture: {bool(cached)}; noted: {noted}; fetched again: {refetched};"
        self.site.publish(self.site.edition(3))
        self.judge(cell, [], ("v1",), "v3")
        cell.lost = not (back and noted and refetched)

    def cell_crash_loop(self, cell):
        """An edition crashes the player at once (NEWSBOARD_TEST_PREPARE=abort:p2, preparing its
        photo aborts), and Restart=always starts it again and again: after three crashes it is
        quarantined, the previous edition plays and the status says so; a new edition lifts it."""
        self.setup(cell, env={"NEWSBOARD_TEST_PREPARE": "abort:p2"})
        self.watcher.active = False  # the crashes themselves leave the screen without a window
        self.site.publish(self.site.edition(2))
        crashes = 0
        for _ in range(3):  # what systemd's Restart=always does
            try:
                self.board.proc.wait(timeout=60 * patience())
            except subprocess.TimeoutExpired:
                break
            self.board.exits.append((self.board.proc.returncode, "crash-loop"))
            crashes += self.board.proc.returncode < 0
            self.board.start()
        back = self.board.wait_visible("v1")
        self.watcher.active = True
        mark = self.watcher.mark()
        quarantined = wait_for(lambda: field(self.board.st, "sync", "quarantined"), 20)
        time.sleep(1)  # a few polls that still serve the crashing edition
        during = self.watcher.since(mark)
        cell.note += f" crashes: {crashes}; quarantined: {bool(quarantined)};" \
                     f" logged: {'quarantined' in self.board.log_text()};"
        self.site.publish(self.site.edition(3))
        self.judge(cell, during, ("v1",), "v3")
        cell.lost = cell.lost or crashes != 3 or not back or not quarantined or \
            field(self.board.st, "sync", "quarantined") is not None

    def cell_too_big(self, cell):
        """An edition whose pictures do not fit --cache-max (2 MiB, a 2.9 MB picture): refused as
        the download passes the limit, the board keeps what it shows."""
        self.setup(cell, extra=("--cache-max", "2"))
        noise_png(os.path.join(self.site.www, "media", "big.png"), 990, 3)
        self.simple(cell, lambda: self.site.publish(self.site.edition(2, picture="media/big.png")), lambda: None,
                    ["cache's limit"])

    # (name, fault, needs). Every cell runs in ./test.sh, in two shards (tests/CMakeLists.txt).
    CELLS = [
        ("server-down", "nginx gone, then back", None),
        ("dns", "the server's name does not resolve", "root"),
        ("5xx", "HTTP 500", None),
        ("drip", "a body at 1 byte/s", None),
        ("truncated", "the body cut in half", None),
        ("bad-signature", "signed by another key", None),
        ("replay", "an older edition, signed", None),
        ("corrupt-image", "a picture that does not decode", None),
        ("disk-full", "1 MiB tmpfs cache, 2.9 MB picture", "root"),
        ("read-only", "cache remounted read-only", "root"),
        ("clock", "wall clock -400 d, then +3650 d", "faketime"),
        ("sigkill", "SIGKILL while taking editions", None),
        ("display-gone", "Xvfb killed", None),
        ("50mp", "50 MP photo, the unit's MemoryMax", "root"),
        ("non-utf8-header", "an ETag of bytes FF FE, not UTF-8", None),
        ("equal-updated", "same updated, other bytes, signed", None),
        ("missing-updated", "a signed edition without updated", None),
        ("future-updated", "updated in 2062, clock synchronised", None),
        ("replay-cache-loss", "cache wiped, then v1 replayed", None),
        ("second-process", "a second player on the same cache", None),
        ("prepare-throws", "preparing one item throws", None),
        ("prepare-hangs", "preparing one item never ends", None),
        ("sync-hangs", "the sync thread stuck after a sync", None),
        ("https-downgrade", "https redirected to http", None),
        ("rotted-media", "a cached picture rotted while off", None),
        ("crash-loop", "an edition aborts the player, 3 times", None),
        ("too-big", "an edition over --cache-max", None),
    ]

    def run_cell(self, cell, long_run):
        if cell.needs == "root" and not self.isolated:
            cell.skipped = "needs root (namespaces, mounts)"
            return
        if cell.needs == "faketime" and not os.path.exists(FAKETIME):
            cell.skipped = "needs libfaketime"
            return
        t0 = time.monotonic()
        self.watcher = self.board = self.nginx = self.fault_server = self.x = None
        try:
            method = getattr(self, "cell_" + cell.name.replace("-", "_"))
            if cell.name == "sigkill":
                method(cell, 20 if long_run else 3)
            else:
                method(cell)
        except Exception as e:  # a cell that cannot run is a bad cell, with the reason
            cell.note += f" {type(e).__name__}: {e};"
            cell.recovered = False
        finally:
            if self.watcher:
                self.watcher.close()
                cell.black = self.watcher.black > 0
                if cell.black:
                    cell.note += f" black in {self.watcher.black} of {self.watcher.samples} screenshots;"
            if self.board:
                self.board.stop()
                why = self.board.crash()
                cell.crash = bool(cell.crash or why)
                if why:
                    cell.note += f" {why};"
            if self.nginx:
                stop_nginx(self.nginx)
            if self.fault_server:
                self.fault_server.close()
            if self.x:
                self.x.close()
            unmount_all()
            remove_cages()
            cell.seconds = time.monotonic() - t0


def yes_no(v, good=False):
    if v is None:
        return "-"
    return "yes" if v else "no"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--long", action="store_true", help="the slow variants: 20 kills in the SIGKILL cell")
    ap.add_argument("--only", default="", help="comma-separated cell names")
    ap.add_argument("--markdown", action="store_true", help="also print the table in Markdown")
    ap.add_argument("--shard", default="1/1", help="K/N: the K-th of N interleaved shares of the cells")
    args = ap.parse_args()
    isolated = isolate()
    m = Matrix(os.path.abspath(args.binary), isolated)
    only = [c for c in args.only.split(",") if c]
    k, n = (int(v) for v in args.shard.split("/"))
    cells = [Cell(name, f, needs) for i, (name, f, needs) in enumerate(Matrix.CELLS)
             if (name in only if only else i % n == k - 1)]
    t0 = time.monotonic()
    atexit.register(close_displays)
    for cell in cells:
        m.run_cell(cell, args.long)
        print(f"  {cell.name}: {'skipped' if cell.skipped else 'BAD' if cell.bad() else 'ok'} "
              f"({cell.seconds:.1f} s){cell.note}", flush=True)
    print()
    print(f"{'cell':18s} {'fault':36s} {'black':>5s} {'crash':>5s} {'lost':>5s} {'recov':>5s} {'secs':>5s}  verdict")
    for c in cells:
        if c.skipped:
            print(f"{c.name:18s} {c.fault:36s} {'':>5s} {'':>5s} {'':>5s} {'':>5s} {'':>5s}  skipped: {c.skipped}")
            continue
        print(f"{c.name:18s} {c.fault:36s} {yes_no(c.black):>5s} {yes_no(c.crash):>5s} {yes_no(c.lost):>5s} "
              f"{yes_no(c.recovered):>5s} {c.seconds:5.1f}  {'BAD' if c.bad() else 'ok'}")
    if args.markdown:  # the same table for the project's notes
        print("\n| cell | fault | black | crash | lost | recovered | s | verdict |\n|---|---|---|---|---|---|---|---|")
        for c in cells:
            verdict = f"skipped: {c.skipped}" if c.skipped else "BAD" if c.bad() else "ok"
            print(f"| {c.name} | {c.fault} | {yes_no(c.black)} | {yes_no(c.crash)} | {yes_no(c.lost)} | "
                  f"{yes_no(c.recovered)} | {c.seconds:.0f} | {verdict} |")
    bad = [c.name for c in cells if c.bad()]
    print(f"\nfault matrix: {len(cells)} cells in {time.monotonic() - t0:.0f} s, "
          f"{'isolated (netns + mount ns)' if isolated else 'not isolated'}; "
          + (f"BAD: {', '.join(bad)}" if bad else "all good"))
    if not bad:
        shutil.rmtree(m.root, ignore_errors=True)
    else:
        print(f"logs and status files are in {m.root}", file=sys.stderr)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
