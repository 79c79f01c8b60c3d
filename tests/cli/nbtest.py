"""Small helpers shared by the command-line tests: run the real binary, read PNG headers."""
import atexit
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib

BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/newsboard")
SOURCE_DIR = os.environ.get("NEWSBOARD_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
DEMO = os.path.join(SOURCE_DIR, "playlists", "jining-gaoxin-p03.json")
DATA = os.path.join(SOURCE_DIR, "tests", "data")

failures = []

# Each test process has its own default state and cache folders: a player started without
# --state or --cache must not count another test's players as crashes of its edition
# (sync/crash_loop.h), share a high-water mark, or find the default cache locked.
_DEFAULTS = tempfile.mkdtemp(prefix="nbtest-defaults-")
os.environ["XDG_STATE_HOME"] = os.path.join(_DEFAULTS, "state")
os.environ["XDG_CACHE_HOME"] = os.path.join(_DEFAULTS, "cache")
atexit.register(shutil.rmtree, _DEFAULTS, True)


def run(*args, timeout=240):
    p = subprocess.run([BINARY, *args], capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message, file=sys.stderr)
    return condition


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path + " is not a PNG"
    return struct.unpack(">II", head[16:24])


def tempdir():
    return tempfile.mkdtemp(prefix="nbtest-")


def finish(name):
    if failures:
        print(f"{name}: {len(failures)} failed", file=sys.stderr)
        sys.exit(1)
    print(f"{name}: all passed")


def status(path):
    """The --status JSON, or None while it does not exist or is being replaced."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def stop(proc):
    """Ends a process a test started (kill if still running) and reaps it."""
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def field(path, *keys):
    """status(path)[k0][k1]…, or None when any level is missing or null."""
    v = status(path)
    for k in keys:
        if not isinstance(v, dict):
            return None
        v = v.get(k)
    return v


def publish(www, playlist, key=None, name="p.json", mtime=None):
    """Write then rename, as staff are told to: a board never fetches half a file. With a key,
    the signature goes up first so the playlist never appears without it. `mtime` (seconds since
    the epoch) is the playlist's before it appears: nginx's ETag and Last-Modified are made of it."""
    path = os.path.join(www, name)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(playlist, f, ensure_ascii=False)
    if mtime is not None:
        os.utime(path + ".tmp", (mtime, mtime))
    if key:
        code, _, err = run("sign", path + ".tmp", "--key", key)
        assert code == 0, err
        os.replace(path + ".tmp.sig", path + ".sig")
    os.replace(path + ".tmp", path)


def notify_messages(sock, until, deadline):
    """Datagrams (systemd notify messages) received on `sock` until `until(list)` holds or
    `deadline` seconds pass."""
    got = []
    end = time.monotonic() + deadline
    while not until(got) and time.monotonic() < end:
        sock.settimeout(max(0.01, end - time.monotonic()))
        try:
            got.append(sock.recv(4096).decode())
        except socket.timeout:
            break
    return got


def solid_png(w, h, color):
    """A PNG of one colour, written with the standard library."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    rows = b"".join(b"\x00" + bytes(color) * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
