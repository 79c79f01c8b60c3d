"""`play URL` end to end on a real X server (Xvfb), against a real nginx and the fault server on
127.0.0.1: an edit on the server reaches the status file within one poll and then the screen;
a poll of an unchanged playlist costs a few hundred bytes; through every fault (server gone,
500, a cut body, a 2 GB promise, a redirect loop, a bad signature, a replayed older playlist,
media that do not match their pin) the board keeps its last good playlist on screen, the
status file names the error, and the board converges once the fault clears; a board killed
with SIGKILL starts from its cache at once with no server; with an empty cache and no server
it stands by and keeps trying."""
import hashlib
import json
import os
import shutil
import subprocess
import time

from nbtest import BINARY, DEMO, check, field, finish, publish, run, status, stop, tempdir
from servers import FaultServer, free_port, start_nginx, stop_nginx
from xvfb import Xvfb, wait_for

PHOTO = os.path.join(os.path.dirname(DEMO), "media", "garden.jpg")
BLACK = (0, 0, 0)
POLL = 1  # seconds: --poll for every board here


def photo_sha():
    with open(PHOTO, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def edition(n, updated=None, pin=None):
    """Playlist number n: a notice and the photo, items named after the edition."""
    return {"version": 1, "id": f"v{n}", "updated": updated or f"2026-09-{n:02d}T07:00:00+08:00",
            "defaults": {"duration": 1, "transition": "crossfade"}, "ticker": [],
            "items": [{"id": f"n{n}", "type": "notice", "text": f"第{n}版"},
                      {"id": f"p{n}", "type": "photo", "headline": "花园",
                       "image": {"src": "media/garden.jpg", "sha256": pin or photo_sha()}}]}


def start_play(x, url, cache, st, *extra):
    """Without a --trusted-key among `extra`, with --allow-unsigned. The state beside the cache."""
    log = open(st + ".log", "w")
    signed = "--trusted-key" in extra
    return subprocess.Popen([BINARY, "play", url, "--cache", cache, "--state", cache + ".state", "--status", st,
                             "--poll", str(POLL), "--board-id", "test-board",
                             *([] if signed else ["--allow-unsigned"]), *extra], env=x.env, stderr=log)


def not_black(x):
    return x.screenshot().share(BLACK, tolerance=8) < 0.5


def test_nginx(x):
    folder = tempdir()
    nginx, port = start_nginx(os.path.join(folder, "nginx"))
    www = os.path.join(folder, "nginx", "www")
    os.makedirs(os.path.join(www, "media"))
    shutil.copy(PHOTO, os.path.join(www, "media", "garden.jpg"))
    # A minute old: validators from the second a file changed are not sent back (the next poll
    # would be a whole GET, sync/revalidation.h), and the first later poll here is to be a 304.
    publish(www, edition(1), mtime=int(time.time()) - 60)
    url = f"http://127.0.0.1:{port}/p.json"
    cache, st = os.path.join(folder, "cache"), os.path.join(folder, "status.json")
    proc = start_play(x, url, cache, st)
    try:
        check(wait_for(lambda: field(st, "item", "id") in ("n1", "p1"), 15), f"the first edition on screen: {status(st)}")
        check(field(st, "sync", "validator"), f"the status names the validator (ETag): {status(st)}")
        check(not_black(x), "the screen shows the slide, not black")

        check(wait_for(lambda: field(st, "sync", "result") == "unchanged", 10), f"a later poll: {status(st)}")
        cost = field(st, "sync", "bytes")
        print(f"a poll of an unchanged playlist (HTTP 304) received {cost} bytes")
        check(cost is not None and cost < 1024, f"a 304 poll costs under 1 KiB: {cost}")

        t0 = time.monotonic()
        publish(www, edition(2))
        in_status = wait_for(lambda: field(st, "sync", "playlist", "id") == "v2", POLL + 5, step=0.02)
        t_status = time.monotonic() - t0
        on_screen = wait_for(lambda: field(st, "item", "id") in ("n2", "p2"), 5, step=0.02)
        t_screen = time.monotonic() - t0
        print(f"an upload reached the status file in {t_status:.2f} s and the screen in {t_screen:.2f} s "
              f"(--poll {POLL}, 1 s slides)")
        check(in_status, f"an edit on nginx reaches the status file within one poll: {status(st)}")
        check(on_screen, f"the new edition reaches the screen at the next slide: {status(st)}")

        stop_nginx(nginx)
        check(wait_for(lambda: "nothing answers" in (field(st, "sync", "error") or ""), 10),
              f"server gone: the status names the error with a hint: {status(st)}")
        check(field(st, "playlist", "id") == "v2" and field(st, "item", "id"), f"server gone: v2 stays: {status(st)}")
        check(field(st, "sync", "last_success"), "the status keeps the time of the last success")
        check(not_black(x) and proc.poll() is None, "server gone: still showing, still running")

        # Power cut: SIGKILL, then a start with no server at all shows the cached edition.
        proc.kill()
        proc.wait()
        os.remove(st)
        t0 = time.monotonic()
        proc = start_play(x, url, cache, st)
        shown = wait_for(lambda: field(st, "item", "id") in ("n2", "p2"), 15, step=0.02)
        print(f"after SIGKILL, with no server, the cached edition was on screen {time.monotonic() - t0:.2f} s "
              "after start")
        check(shown, f"restart without network: the cached edition shows: {status(st)}")
        check(wait_for(lambda: field(st, "sync", "result") == "failed", 10), f"…and the sync says why: {status(st)}")
    finally:
        stop(proc)
        stop_nginx(nginx)
    shutil.rmtree(folder, ignore_errors=True)


def test_faults(x):
    folder = tempdir()
    os.chdir(folder)
    for name in ("staff", "other"):
        code, _, err = run("keygen", name)
        check(code == 0, f"keygen {name}: {err}")
    server = FaultServer(os.path.join(folder, "www"))
    www = server.root
    os.makedirs(os.path.join(www, "media"))
    shutil.copy(PHOTO, os.path.join(www, "media", "garden.jpg"))
    publish(www, edition(1), "staff.key")
    cache, st = os.path.join(folder, "cache"), os.path.join(folder, "status.json")
    proc = start_play(x, server.url("p.json"), cache, st, "--trusted-key", "staff.pub")
    try:
        check(wait_for(lambda: field(st, "playlist", "id") == "v1" and field(st, "item", "id"), 15),
              f"the signed first edition on screen: {status(st)}")
        check(field(st, "sync", "authenticated") is True, "the status says content is authenticated")
        good = 1
        # (fault server mode, what staff publish meanwhile, what the status must name)
        faults = [
            ("500", "good", "HTTP 500"),
            ("cut", "good", "broke off"),
            ("huge", "good", "more than the limit"),
            ("loop", "good", "redirected too many times"),
            ("none", "signed by another key", "does not match"),
            ("none", "an older edition", "older than"),
            ("none", "a wrong pin", "the playlist pins"),
        ]
        results = []
        for mode, content, expected in faults:
            n = good + 1
            if content == "good":
                publish(www, edition(n), "staff.key")
            elif content == "signed by another key":
                publish(www, edition(n), "other.key")
            elif content == "an older edition":
                publish(www, edition(n, updated="2026-08-01T07:00:00+08:00"), "staff.key")
            else:
                publish(www, edition(n, pin="0" * 64), "staff.key")
            server.set_fault(mode)
            named = wait_for(lambda: expected in (field(st, "sync", "error") or ""), 15, step=0.05)
            kept = field(st, "playlist", "id") == f"v{good}" and field(st, "item", "id") is not None
            showing = not_black(x) and proc.poll() is None
            # The fault clears: staff publish a good, newer edition and the server behaves.
            server.set_fault("none")
            publish(www, edition(n), "staff.key")
            converged = wait_for(lambda: field(st, "playlist", "id") == f"v{n}", 15, step=0.05)
            good = n
            results.append((f"{mode}/{content}", named, kept, showing, converged))
            check(named, f"{mode}/{content}: the status names '{expected}': {field(st, 'sync', 'error')}")
            check(kept, f"{mode}/{content}: the last good playlist stays on screen: {status(st)}")
            check(showing, f"{mode}/{content}: not black, still running")
            check(converged, f"{mode}/{content}: converges once the fault clears: {status(st)}")
        print("fault                             named  kept  shown  converged")
        for name, *cells in results:
            print(f"{name:33s} " + "  ".join(f"{'yes' if c else 'NO':>5s}" for c in cells))
    finally:
        stop(proc)
        server.close()
    shutil.rmtree(folder, ignore_errors=True)


def test_empty_cache_offline(x):
    folder = tempdir()
    cache, st = os.path.join(folder, "cache"), os.path.join(folder, "status.json")
    proc = start_play(x, f"http://127.0.0.1:{free_port()}/p.json", cache, st)
    try:
        check(wait_for(lambda: field(st, "standby") is True, 10), f"empty cache, no server: standby ({status(st)})")
        first = wait_for(lambda: field(st, "sync", "time"), 10)
        check(first and "nothing answers" in (field(st, "sync", "error") or ""), f"the sync says why: {status(st)}")
        # Backoff starts at about a second: a later attempt shows it keeps trying.
        check(wait_for(lambda: field(st, "sync", "time") != first, 10), "it keeps trying")
        check(not_black(x), "the standby screen is not black")
    finally:
        stop(proc)
    shutil.rmtree(folder, ignore_errors=True)


if shutil.which("Xvfb") is None or shutil.which("xwd") is None or not os.path.exists("/usr/sbin/nginx"):
    check(False, "Xvfb, xwd and nginx are needed (scripts/deps.sh installs them)")
else:
    for test in (test_nginx, test_faults, test_empty_cache_offline):
        display = Xvfb("640x360")
        try:
            test(display)
        finally:
            display.close()
finish("test_play_sync")
