"""A board whose config file lost its `source =` line (misspelt, commented out) plays on from
its cache, against a real nginx on 127.0.0.1 with signed content (`play --headless`): the cached
edition shows at once, the status file's `warnings` name the config line, and with a trusted
key the board keeps syncing from the URL its cache recorded; without one it takes nothing new.
With no edition in the cache, and without a config file at all, it is still exit 2."""
import os
import shutil
import signal
import subprocess

from nbtest import BINARY, DEMO, check, field, finish, publish, run, status, stop, tempdir
from servers import start_nginx, stop_nginx
from xvfb import wait_for

PHOTO = os.path.join(os.path.dirname(DEMO), "media", "garden.jpg")


def edition(n):
    """Each a different size: nginx's ETag (mtime in seconds, size) must tell two apart that are
    published within one second."""
    return {"version": 1, "id": "lobby", "updated": f"2026-09-{n:02d}T07:00:00+08:00",
            "defaults": {"duration": 1, "transition": "cut"}, "ticker": [],
            "items": [{"id": f"n{n}", "type": "notice", "text": f"第{n}版" + "。" * n}]}


def write_conf(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))


def start_board(conf, st):
    log = open(st + ".log", "w")
    return subprocess.Popen([BINARY, "play", "--headless", "--size", "320x180", "--status", st, "--config", conf],
                            stderr=log)


def end_board(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    finally:
        stop(proc)


def shown(st, n):
    return field(st, "item", "id") == f"n{n}"


def shows(proc, st, n, deadline=20):
    """Edition n on screen within the deadline; false at once if the board exits (exit 2 on main)."""
    wait_for(lambda: shown(st, n) or proc.poll() is not None, deadline)
    return shown(st, n) and proc.poll() is None


def fresh(st):
    if os.path.exists(st):
        os.remove(st)


def warning_at(st, where):
    return [w for w in (field(st, "warnings") or []) if w.startswith(where) and "source" in w]


def test_lost_source():
    folder = tempdir()
    os.chdir(folder)
    code, _, err = run("keygen", "staff")
    check(code == 0, f"keygen: {err}")
    nginx, port = start_nginx(os.path.join(folder, "nginx"))
    www = os.path.join(folder, "nginx", "www")
    url = f"http://127.0.0.1:{port}/p.json"
    conf, st = os.path.join(folder, "newsboard.conf"), os.path.join(folder, "status.json")
    rest = [f"trusted-key = {folder}/staff.pub", f"cache = {folder}/cache", f"state = {folder}/state", "poll = 1",
            "board-id = lobby-1"]
    proc = None
    try:
        publish(www, edition(1), "staff.key")
        write_conf(conf, [f"source = {url}", *rest])
        proc = start_board(conf, st)
        check(shows(proc, st, 1), f"the first edition syncs and shows: {status(st)}")
        sha1 = field(st, "playlist", "sha256")
        check(sha1, f"the status names the edition's sha256: {status(st)}")
        end_board(proc)

        # Someone edits the file and misspells the source line: the cached edition plays on,
        # the warning names the line, and the board still syncs from the cache's URL.
        fresh(st)
        write_conf(conf, [f"sorce = {url}", *rest])
        proc = start_board(conf, st)
        check(shows(proc, st, 1), f"sorce: the cached edition shows: {status(st)}")
        check(field(st, "playlist", "sha256") == sha1, f"sorce: the same edition (sha256): {status(st)}")
        check(warning_at(st, conf + ":1:1: "), f"sorce: the status's warnings name {conf}:1:1: {status(st)}")
        check(field(st, "source") == url, f"sorce: the status names the cache's URL: {status(st)}")
        publish(www, edition(2), "staff.key")
        check(shows(proc, st, 2), f"sorce: a new signed edition still arrives: {status(st)}")
        end_board(proc)
        with open(st + ".log", encoding="utf-8") as f:
            log = f.read()
        check(conf + ":1:1: warning: no `source =` line" in log, f"sorce: the journal has the located warning: {log}")

        # Commented out, and no trusted key either: the signed cached edition plays, nothing new
        # is taken (no key to check it with).
        fresh(st)
        write_conf(conf, [f"# source = {url}", *rest[1:]])
        proc = start_board(conf, st)
        check(shows(proc, st, 2), f"no source, no key: the cached edition shows: {status(st)}")
        check(warning_at(st, conf + ": "), f"no source, no key: the warning names the file: {status(st)}")
        publish(www, edition(3), "staff.key")
        check(wait_for(lambda: field(st, "sync", "result") == "failed", 20) and
              "no trusted key" in (field(st, "sync", "error") or ""),
              f"no source, no key: each sync is refused and says why: {status(st)}")
        check(shown(st, 2) and field(st, "playlist", "id") == "lobby", f"no source, no key: edition 2 stays: {status(st)}")
        end_board(proc)
        proc = None

        # No edition in the cache: today's usage error, exit 2.
        write_conf(conf, [f"sorce = {url}", f"trusted-key = {folder}/staff.pub", f"cache = {folder}/empty-cache",
                          f"state = {folder}/state"])
        code, _, err = run("play", "--headless", "--config", conf, timeout=60)
        check(code == 2 and "missing SOURCE" in err and conf + ":1:1:" in err,
              f"no cached edition: exit 2 with the located line: {code} {err}")
        code, _, err = run("play", "--headless", timeout=60)
        check(code == 2 and "missing SOURCE" in err, f"no config file at all: exit 2: {code} {err}")
        write_conf(conf, [f"sorce = {url}", *rest])  # a cache with an edition does not matter here
        code, _, err = run("check", "--config", conf, timeout=60)
        check(code == 2 and "missing SOURCE" in err, f"check without a source: exit 2: {code} {err}")
    finally:
        if proc:
            stop(proc)
        stop_nginx(nginx)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    test_lost_source()
    finish("test_lost_source")
