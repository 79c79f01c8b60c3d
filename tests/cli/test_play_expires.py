"""`play FILE` takes an edition off screen at its "expires", as `play URL` does: a notice for a
closed road copied onto a board as a file must not outlive the closure either. Played headless
with a status file (the board's own account of what is on screen): an edition already expired
shows the standby screen at once with the located reason; one that expires a few seconds after
the start shows, then leaves for the standby screen; the file's next edition, without
"expires", shows again. Before, a file's "expires" was read and never looked at."""
import datetime
import json
import os
import shutil
import subprocess

from nbtest import BINARY, check, field, finish, stop, tempdir
from servers import start_nginx, stop_nginx
from xvfb import wait_for


def stamp(seconds_from_now):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds_from_now)
    return t.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def write(path, expires):
    edition = {"version": 1, "id": "roads", "updated": stamp(-3600),
               "defaults": {"duration": 1, "transition": "cut"}, "ticker": [],
               "items": [{"id": "closed", "type": "notice", "headline": "洸河路封闭施工"}]}
    if expires:
        edition["expires"] = expires
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(edition, f, ensure_ascii=False)
    os.replace(tmp, path)


def board(folder, path, st, *extra):
    log = open(os.path.join(folder, "board.log"), "w")
    return subprocess.Popen([BINARY, "play", path, "--headless", "--size", "320x180", "--status", st, *extra],
                            stderr=log)


def standby_because_expired(st):
    error = field(st, "last_error") or ""
    return field(st, "standby") is True and field(st, "item") is None and "expired at" in error


def on_screen(st):
    return field(st, "item", "id") == "closed"


def test_play_expires():
    folder = tempdir()
    path, st = os.path.join(folder, "roads.json"), os.path.join(folder, "status.json")
    proc = None
    try:
        # Expired before the board starts: the standby screen, never the notice.
        past = stamp(-60)
        write(path, past)
        proc = board(folder, path, st)
        check(wait_for(lambda: standby_because_expired(st) or proc.poll() is not None, 20) and proc.poll() is None,
              f"an expired file shows the standby screen and says why: {field(st, 'last_error')!r}, "
              f"item {field(st, 'item')}")
        check(past in (field(st, "last_error") or ""), f"the reason names the time: {field(st, 'last_error')!r}")

        # The next edition, without "expires": on screen again, within seconds (the standby
        # screen asks a file each second; it used to wait for the next minute).
        write(path, None)
        check(wait_for(lambda: on_screen(st), 10), f"the next edition shows: item {field(st, 'item')}")
        stop(proc)

        # Expiring while on screen: shown first, then the standby screen.
        os.remove(st)
        write(path, stamp(4))
        proc = board(folder, path, st)
        check(wait_for(lambda: on_screen(st) or standby_because_expired(st), 20) and on_screen(st),
              f"before its expiry the notice shows: item {field(st, 'item')}, {field(st, 'last_error')!r}")
        check(wait_for(lambda: standby_because_expired(st), 30),
              f"at its expiry it leaves the screen: item {field(st, 'item')}, {field(st, 'last_error')!r}")
        stop(proc)

        # A URL's edition expiring while on screen.
        os.remove(st)
        nginx, port = start_nginx(os.path.join(folder, "nginx"))
        try:
            write(os.path.join(folder, "nginx", "www", "roads.json"), stamp(4))
            proc = board(folder, f"http://127.0.0.1:{port}/roads.json", st, "--allow-unsigned", "--cache",
                         os.path.join(folder, "cache"), "--state", os.path.join(folder, "state"))
            check(wait_for(lambda: on_screen(st) or standby_because_expired(st), 20) and on_screen(st),
                  f"URL: before its expiry the notice shows: item {field(st, 'item')}, {field(st, 'last_error')!r}")
            check(wait_for(lambda: standby_because_expired(st), 30),
                  f"URL: at its expiry it leaves the screen: item {field(st, 'item')}, {field(st, 'last_error')!r}")
        finally:
            stop_nginx(nginx)
    finally:
        if proc:
            stop(proc)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    test_play_expires()
    finish("test_play_expires")
