"""What a board takes from the network, and what it refuses, end to end against the real binary
and real servers on 127.0.0.1 (tests/fault_server.py, nginx): a response header that is not
UTF-8 costs nothing but a validator (it once aborted `play URL`, exit 134, at every start); a
URL without a trusted key does not start; a second player keeps off a cache in use."""
import hashlib
import json
import os
import shutil
import subprocess

from nbtest import BINARY, check, field, finish, publish, run, status, stop, tempdir
from servers import FaultServer, start_nginx, stop_nginx
from xvfb import patience, wait_for

POLL = 1


def notice_playlist(n):
    return {"version": 1, "id": f"v{n}", "updated": f"2026-09-{n:02d}T07:00:00+08:00",
            "defaults": {"duration": 1}, "ticker": [], "items": [{"id": f"n{n}", "type": "notice", "text": f"第{n}版"}]}


def start_play(url, folder, *extra):
    """`play URL` on SDL's offscreen driver: the whole player, no display needed (url None: a
    config file in `extra` names it)."""
    st = os.path.join(folder, "status.json")
    log = open(os.path.join(folder, "play.log"), "w")
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
    signed = "--trusted-key" in extra or "--config" in extra  # a test's config file names its keys
    proc = subprocess.Popen([BINARY, "play", *([url] if url else []), "--size", "640x360", "--cache", os.path.join(folder, "cache"),
                             "--state", os.path.join(folder, "state"), "--status", st, "--poll", str(POLL),
                             *([] if signed else ["--allow-unsigned"]), *extra], env=env, stderr=log)
    return proc, st


def log_of(folder):
    with open(os.path.join(folder, "play.log"), encoding="utf-8", errors="replace") as f:
        return f.read()


def test_non_utf8_etag():
    folder = tempdir()
    server = FaultServer(os.path.join(folder, "www"))
    publish(server.root, notice_playlist(1))
    server.set_fault("etag")
    try:
        code, _, err = run("check", server.url("p.json"))
        check(code == 0, f"check URL with a non-UTF-8 ETag passes: {code} {err[-400:]}")

        proc, st = start_play(server.url("p.json"), folder)
        try:
            shown = wait_for(lambda: field(st, "item", "id") == "n1", 15)
            check(shown, f"play URL shows the playlist despite the ETag: {status(st)} {log_of(folder)[-400:]}")
            check(wait_for(lambda: field(st, "sync", "result") == "unchanged" or proc.poll() is not None, 10)
                  and proc.poll() is None,
                  f"later polls sync normally (unchanged), still running: {proc.poll()} {log_of(folder)[-400:]}")
            validators = status(os.path.join(folder, "cache", "validators.json")) or {}
            check(validators.get("etag") == "", f"the unusable ETag is not kept: {validators}")
            publish(server.root, notice_playlist(2))
            check(wait_for(lambda: field(st, "item", "id") == "n2", 15), f"a new edition still arrives: {status(st)}")
        finally:
            stop(proc)
    finally:
        server.close()
    shutil.rmtree(folder, ignore_errors=True)


def test_signed_by_default():
    """play URL without --trusted-key refuses to start (exit 2, before any display or network),
    and says what to do; --allow-unsigned is the explicit way out."""
    folder = tempdir()
    server = FaultServer(os.path.join(folder, "www"))
    publish(server.root, notice_playlist(1))
    try:
        for command in ("play", "preview"):
            code, _, err = run(command, server.url("p.json"), "--cache", os.path.join(folder, "cache"),
                               "--state", os.path.join(folder, "state"), timeout=30)
            check(code == 2 and "--trusted-key" in err and "--allow-unsigned" in err,
                  f"{command} URL without a key refuses to start: {code} {err[-300:]}")
        code, _, err = run("check", server.url("p.json"))
        check(code == 0, f"check URL still looks at unsigned content: {code} {err[-300:]}")
    finally:
        server.close()
    shutil.rmtree(folder, ignore_errors=True)


def test_one_process_per_cache():
    folder = tempdir()
    server = FaultServer(os.path.join(folder, "www"))
    publish(server.root, notice_playlist(1))
    first, st = start_play(server.url("p.json"), folder)
    try:
        check(wait_for(lambda: field(st, "item", "id") == "n1", 15), f"the first board plays: {status(st)}")
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
        # Under ASan: the refused player exits with the GL driver SDL dlopened still holding
        # allocations LeakSanitizer cannot attribute (as in xvfb.py); the exit code is the test.
        if "ASAN_OPTIONS" in env:
            env["ASAN_OPTIONS"] += ":detect_leaks=0"
        second = subprocess.run([BINARY, "play", server.url("p.json"), "--allow-unsigned", "--size", "640x360",
                                 "--cache", os.path.join(folder, "cache"), "--state", os.path.join(folder, "state2")],
                                env=env, capture_output=True, timeout=30)
        err = second.stderr.decode("utf-8", "replace")
        check(second.returncode == 3 and "in use" in err and f"process {first.pid}" in err,
              f"a second player on the same cache stops with a clear error: {second.returncode} {err[-300:]}")
        # Before its display opens: on a board, its window would cover the first one's until it
        # exits (the fault matrix's second-process cell saw the screen black).
        check("newsboard: video:" not in err, f"the refused player opened no display: {err[-300:]}")
        check(first.poll() is None and field(st, "item", "id") == "n1", "the first board plays on")
    finally:
        stop(first)
        server.close()
    shutil.rmtree(folder, ignore_errors=True)


def test_check_honours_state():
    """`check URL --state DIR` judges a replay by the board's own high-water mark, as the board
    would; without --state the mark lives in memory only."""
    folder = tempdir()
    server = FaultServer(os.path.join(folder, "www"))
    try:
        code, _, err = run("keygen", os.path.join(folder, "staff"))
        check(code == 0, err)
        key, pub, state = (os.path.join(folder, n) for n in ("staff.key", "staff.pub", "state"))
        publish(server.root, notice_playlist(2), key)
        code, _, err = run("check", server.url("p.json"), "--trusted-key", pub, "--state", state)
        check(code == 0, f"check takes v2 and raises the mark: {code} {err[-300:]}")
        publish(server.root, notice_playlist(1), key)
        code, _, err = run("check", server.url("p.json"), "--trusted-key", pub, "--state", state)
        check(code == 1 and "older than" in err, f"check with --state refuses the replayed v1: {code} {err[-300:]}")
        code, _, err = run("check", server.url("p.json"), "--trusted-key", pub)
        check(code == 0, f"without --state it has no mark: {code} {err[-300:]}")
    finally:
        server.close()
    shutil.rmtree(folder, ignore_errors=True)


def crash_three_times(proc, start, folder):
    """As systemd's Restart=always would: `start()` again after each crash of `proc` (v2 aborts
    the player); checks there were three, and returns the fourth start's process."""
    crashes = 0
    for _ in range(3):
        try:
            proc.wait(timeout=60 * patience())
        except subprocess.TimeoutExpired:
            break
        crashes += 1 if proc.returncode < 0 else 0
        proc = start()
    check(crashes == 3, f"v2 crashed the player three times: {crashes}, {proc.returncode} {log_of(folder)[-300:]}")
    return proc


def test_crash_loop_quarantine():
    """An edition that crashes the player (the NEWSBOARD_TEST_PREPARE=abort hook: preparing n2
    aborts) is quarantined after three crashes within minutes: the next start plays the previous
    edition, the status says `quarantined`, the process stays up; a new edition lifts it."""
    folder = tempdir()
    server = FaultServer(os.path.join(folder, "www"))
    code, _, err = run("keygen", os.path.join(folder, "staff"))
    check(code == 0, err)
    key, pub = os.path.join(folder, "staff.key"), os.path.join(folder, "staff.pub")
    os.environ["NEWSBOARD_TEST_PREPARE"] = "abort:n2"
    proc = None
    try:
        publish(server.root, notice_playlist(1), key)
        proc, st = start_play(server.url("p.json"), folder, "--trusted-key", pub)
        check(wait_for(lambda: field(st, "item", "id") == "n1", 20), f"v1 plays: {status(st)} {log_of(folder)[-300:]}")
        publish(server.root, notice_playlist(2), key)
        proc = crash_three_times(proc, lambda: start_play(server.url("p.json"), folder, "--trusted-key", pub)[0],
                                 folder)
        check(wait_for(lambda: field(st, "sync", "quarantined") and field(st, "item", "id") == "n1"
                       or proc.poll() is not None, 30),
              f"the fourth start plays v1 and says quarantined: {status(st)} {log_of(folder)[-400:]}")
        check(wait_for(lambda: "quarantined" in (field(st, "sync", "error") or "") or proc.poll() is not None, 15),
              f"the sync refuses the served v2 as quarantined: {status(st)}")
        check(proc.poll() is None and "quarantined" in log_of(folder), f"it stays up and logs it: {log_of(folder)[-300:]}")
        publish(server.root, notice_playlist(3), key)
        check(wait_for(lambda: field(st, "item", "id") == "n3" or proc.poll() is not None, 20),
              f"a new edition lifts the quarantine: {status(st)}")
        check(field(st, "sync", "quarantined") is None and field(st, "quarantined") is None,
              f"no longer quarantined: {status(st)}")
    finally:
        del os.environ["NEWSBOARD_TEST_PREPARE"]
        if proc:
            stop(proc)
        server.close()
    shutil.rmtree(folder, ignore_errors=True)


def write_playlist(path, n):
    """As staff or a sync script put a file on a board: whole, by rename."""
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(notice_playlist(n), f, ensure_ascii=False)
    os.replace(path + ".tmp", path)
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_crash_loop_quarantine_local_file():
    """`play FILE` on a board (--state, or the unit's StateDirectory): a playlist file that crashes
    the player three times within minutes gives way to the file's edition before it (kept in the
    state directory: the file itself now holds the crashing one), the status and the journal say
    `quarantined`, and the file's next edition lifts it. Before, only a URL had the quarantine:
    the file crashed the player at every start."""
    folder = tempdir()
    path = os.path.join(folder, "board.json")
    st = os.path.join(folder, "status.json")

    def start():
        log = open(os.path.join(folder, "play.log"), "a")
        return subprocess.Popen([BINARY, "play", path, "--size", "640x360", "--state", os.path.join(folder, "state"),
                                 "--status", st], env=dict(os.environ, SDL_VIDEODRIVER="offscreen"), stderr=log)

    os.environ["NEWSBOARD_TEST_PREPARE"] = "abort:n2"
    proc = None
    try:
        write_playlist(path, 1)
        proc = start()
        check(wait_for(lambda: field(st, "item", "id") == "n1", 20), f"v1 plays: {status(st)} {log_of(folder)[-300:]}")
        crashing = write_playlist(path, 2)
        proc = crash_three_times(proc, start, folder)
        check(wait_for(lambda: field(st, "quarantined") == crashing and field(st, "item", "id") == "n1"
                       or proc.poll() is not None, 30),
              f"the fourth start plays v1 and says quarantined: {proc.poll()} {status(st)} {log_of(folder)[-400:]}")
        check(proc.poll() is None and "quarantined" in log_of(folder) and "quarantined" in (field(st, "last_error") or ""),
              f"it stays up, and the journal and the status say why: {status(st)} {log_of(folder)[-300:]}")
        write_playlist(path, 3)
        check(wait_for(lambda: field(st, "item", "id") == "n3" or proc.poll() is not None, 20),
              f"the file's next edition lifts the quarantine: {status(st)}")
        check(field(st, "quarantined") is None, f"no longer quarantined: {status(st)}")
        stop(proc)
        proc = start()  # and it stays lifted across a restart
        check(wait_for(lambda: field(st, "item", "id") == "n3" or proc.poll() is not None, 20)
              and field(st, "quarantined") is None, f"v3 plays after a restart: {status(st)}")
    finally:
        del os.environ["NEWSBOARD_TEST_PREPARE"]
        if proc:
            stop(proc)
    shutil.rmtree(folder, ignore_errors=True)


def test_config_playlist_id_fails_closed():
    """A config file whose playlist-id cannot be read (a malformed value, a misspelt name) makes
    the board take no edition, not any group's: another group's validly signed edition on a real
    nginx stays off the screen, and the mistake is a located warning on stderr and in the status
    file. (After df948ec the line was ignored, so the board took every group's edition.)"""
    folder = tempdir()
    nginx, port = start_nginx(os.path.join(folder, "nginx"))
    try:
        code, _, err = run("keygen", os.path.join(folder, "staff"))
        check(code == 0, err)
        lobby = dict(notice_playlist(1), id="lobby")
        publish(os.path.join(folder, "nginx", "www"), lobby, os.path.join(folder, "staff.key"))
        url = f"http://127.0.0.1:{port}/p.json"
        for n, line in enumerate(("playlist-id = news room", "playlist_id = news")):
            board = os.path.join(folder, f"board{n}")
            os.makedirs(board)
            conf = os.path.join(board, "newsboard.conf")
            with open(conf, "w") as f:
                f.write(f"poll = {POLL}\n{line}\n")
            proc, st = start_play(url, board, "--trusted-key", os.path.join(folder, "staff.pub"), "--config", conf)
            try:
                judged = wait_for(lambda: field(st, "item", "id") == "n1"
                                  or "no valid playlist-id" in (field(st, "sync", "error") or ""), 20)
                check(judged and field(st, "item", "id") != "n1",
                      f"`{line}`: another group's signed edition is refused, not shown: {status(st)}")
                check(proc.poll() is None, f"`{line}`: the board plays on: {proc.poll()}")
                where = f"{conf}:2:1: warning:"
                check(any(w.startswith(where) for w in field(st, "warnings") or []),
                      f"`{line}`: the status file's warnings locate the line: {field(st, 'warnings')}")
                check(where in log_of(board), f"`{line}`: so does stderr: {log_of(board)[-400:]}")
            finally:
                stop(proc)
    finally:
        stop_nginx(nginx)
    shutil.rmtree(folder, ignore_errors=True)


def play_judged(url, board, conf, line, *extra):
    """`play URL --config conf` whose line `line` names a key that cannot be read, started with
    no status file from an earlier run: the process and its status once the first sync has been
    refused (or an edition was shown, or the process ended), and the line's location."""
    where = f"{conf}:{line}:1:"
    if os.path.exists(os.path.join(board, "status.json")):
        os.remove(os.path.join(board, "status.json"))
    proc, st = start_play(url, board, "--config", conf, *extra)
    wait_for(lambda: (field(st, "sync", "error") or "").startswith(where) or field(st, "item", "id")
             or proc.poll() is not None, 20)
    return proc, st, where


def check_trusts_nothing(proc, st, board, where, what):
    """The board plays on, its sync refused with the located error, the line a located warning
    in the status file and on stderr."""
    check(proc.poll() is None, f"{what}: the board plays on: {proc.poll()} {log_of(board)[-400:]}")
    error = field(st, "sync", "error") or ""
    check(error.startswith(where) and "trusted key" in error,
          f"{what}: the sync is refused, naming the config line: {status(st)} {log_of(board)[-400:]}")
    check(any(w.startswith(where + " warning:") for w in field(st, "warnings") or []),
          f"{what}: the status file's warnings locate the line: {field(st, 'warnings')}")
    check(where + " warning:" in log_of(board), f"{what}: so does stderr: {log_of(board)[-400:]}")


def signed_nginx(folder):
    """A real nginx on 127.0.0.1 and the staff's key pair from `newsboard keygen`: (nginx, port,
    its www folder, staff.key, staff.pub)."""
    nginx, port = start_nginx(os.path.join(folder, "nginx"))
    code, _, err = run("keygen", os.path.join(folder, "staff"))
    if code != 0:
        stop_nginx(nginx)
    check(code == 0, err)
    return (nginx, port, os.path.join(folder, "nginx", "www"), os.path.join(folder, "staff.key"),
            os.path.join(folder, "staff.pub"))


def test_lasting_refusal_is_one_line():
    """A refusal that lasts (here a config's trusted-key line whose key cannot be read) is one
    journal line when it starts, not one at every poll; the status file has each poll. (It was a
    line a poll: 1,440 a day at the default --poll 60, burying what changed.)"""
    folder = tempdir()
    nginx, port, www, key, _ = signed_nginx(folder)
    try:
        publish(www, notice_playlist(1), key)
        conf = os.path.join(folder, "newsboard.conf")
        with open(conf, "w") as f:
            f.write(f"poll = {POLL}\ntrusted-key = /missing.pub\n")
        proc, st = start_play(f"http://127.0.0.1:{port}/p.json", folder, "--config", conf)
        times = set()

        def polls():
            t = field(st, "sync", "time")
            if t and field(st, "sync", "result") == "failed":
                times.add(t)
            return len(times) >= 4 or proc.poll() is not None
        try:
            check(wait_for(polls, 30) and proc.poll() is None,
                  f"the board polls on, refused each time: {sorted(times)} {status(st)} {log_of(folder)[-400:]}")
        finally:
            stop(proc)
        lines = [line for line in log_of(folder).splitlines() if "sync: failed" in line]
        check(len(lines) == 1 and "trusted key" in lines[0],
              f"{len(times)} refused polls, one line: {lines}")
    finally:
        stop_nginx(nginx)
    shutil.rmtree(folder, ignore_errors=True)


def test_config_unreadable_key_fails_closed():
    """A config file's `trusted-key` line whose key cannot be read (no such file, not a key, or
    one of two lines), or a line meant for trusted-key that cannot be read (a misspelt name), makes the board trust nothing and play on: it takes no edition (a validly
    signed one on a real nginx stays off the screen; with an empty cache it stands by), keeps a
    signed edition it has, never one it took unsigned, and the line is a located warning. (It was
    exit 2, dark for good under the unit's RestartPreventExitStatus=2.)"""
    folder = tempdir()
    nginx, port, www, key, pub = signed_nginx(folder)
    try:
        garbage = os.path.join(folder, "garbage.pub")
        with open(garbage, "w") as f:
            f.write("not a key\n")
        publish(www, notice_playlist(1), key)
        url = f"http://127.0.0.1:{port}/p.json"

        def config_lines(board, lines):
            conf = os.path.join(board, "newsboard.conf")
            with open(conf, "w") as f:
                f.write(f"poll = {POLL}\n" + "".join(text + "\n" for text in lines))
            return conf

        def config(board, *keys):
            return config_lines(board, [f"trusted-key = {k}" for k in keys])

        # An empty cache: the standby screen, not the signed edition. Also for a line meant for
        # trusted-key that cannot be read (a misspelt name, no `=`), alone or beside a good key:
        # the key it meant is unknown, so the board trusts none. (Alone it was exit 2, a URL
        # without a key; beside a good key, the good key alone was trusted.)
        variants = (("a missing file", ["trusted-key = /missing.pub"], 2),
                    ("not a key", [f"trusted-key = {garbage}"], 2),
                    ("a good key and a missing one", [f"trusted-key = {pub}", "trusted-key = /missing.pub"], 3),
                    ("a misspelt name", [f"trusted_key = {pub}"], 2),
                    ("a line without `=`", [f"trusted-key {pub}"], 2),
                    ("a good key and a misspelt line", [f"trusted-key = {pub}", f"trustedkey = {pub}"], 3))
        for n, (what, lines, line) in enumerate(variants):
            board = os.path.join(folder, f"board{n}")
            os.makedirs(board)
            proc, st, where = play_judged(url, board, config_lines(board, lines), line)
            try:
                check_trusts_nothing(proc, st, board, where, what)
                check(field(st, "item", "id") is None and field(st, "standby") is True,
                      f"{what}: nothing is shown, the board stands by: {status(st)}")
            finally:
                stop(proc)

        # A signed edition in the cache, taken with a good key: it plays on, v2 is not taken.
        board = os.path.join(folder, "cached")
        os.makedirs(board)
        proc, st = start_play(url, board, "--config", config(board, pub))
        try:
            check(wait_for(lambda: field(st, "item", "id") == "n1", 20), f"v1 plays with the key: {status(st)}")
        finally:
            stop(proc)
        publish(www, notice_playlist(2), key)
        proc, st, where = play_judged(url, board, config(board, "/missing.pub"), 2)
        try:
            check_trusts_nothing(proc, st, board, where, "a cached signed edition")
            check(wait_for(lambda: field(st, "item", "id") == "n1", 20),
                  f"the cached signed edition plays on: {status(st)} {log_of(board)[-400:]}")
            check(field(st, "sync", "playlist", "id") == "v1" and field(st, "sync", "authenticated") is True,
                  f"v2 is not taken: {status(st)}")
        finally:
            stop(proc)

        # An edition the board took unsigned (--allow-unsigned) is not trusted now.
        publish(www, notice_playlist(3), name="u.json")
        board = os.path.join(folder, "unsigned")
        os.makedirs(board)
        unsigned_url = f"http://127.0.0.1:{port}/u.json"
        proc, st = start_play(unsigned_url, board)
        try:
            check(wait_for(lambda: field(st, "item", "id") == "n3", 20), f"v3 plays unsigned: {status(st)}")
        finally:
            stop(proc)
        proc, st, where = play_judged(unsigned_url, board, config(board, "/missing.pub"), 2)
        try:
            check_trusts_nothing(proc, st, board, where, "a cached unsigned edition")
            check(field(st, "item", "id") is None and field(st, "standby") is True,
                  f"an edition taken unsigned is not shown: {status(st)}")
        finally:
            stop(proc)
    finally:
        stop_nginx(nginx)
    shutil.rmtree(folder, ignore_errors=True)


def test_config_unreadable_file_is_retried():
    """A --config file that cannot be read (not there yet, a directory) makes `play` exit 3, which
    the unit's Restart=always retries, not 2, which RestartPreventExitStatus=2 would keep dark for
    good; stderr and the status file say why. Once the file can be read, the next start plays.
    `check`, which a person runs, still calls it a usage error."""
    folder = tempdir()
    nginx, port = start_nginx(os.path.join(folder, "nginx"))
    try:
        code, _, err = run("keygen", os.path.join(folder, "staff"))
        check(code == 0, err)
        publish(os.path.join(folder, "nginx", "www"), notice_playlist(1), os.path.join(folder, "staff.key"))
        conf = os.path.join(folder, "etc", "newsboard.conf")
        st = os.path.join(folder, "status.json")
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen")
        for what, path in (("a missing file", conf), ("a directory", folder)):
            board = subprocess.run([BINARY, "play", "--status", st, "--config", path], env=env,
                                   capture_output=True, timeout=30)
            err = board.stderr.decode("utf-8", "replace")
            check(board.returncode == 3 and "--config: " in err and path in err,
                  f"{what}: play exits 3 for the service to retry, saying why: {board.returncode} {err[-400:]}")
            check(path in (field(st, "last_error") or "") and field(st, "standby") is True,
                  f"{what}: the status file says why: {status(st)}")
            code, _, err = run("check", "--config", path)
            check(code == 2 and path in err, f"{what}: check calls it a usage error: {code} {err[-300:]}")
        os.makedirs(os.path.dirname(conf))
        with open(conf, "w") as f:
            f.write(f"source = http://127.0.0.1:{port}/p.json\ntrusted-key = {os.path.join(folder, 'staff.pub')}\n"
                    f"poll = {POLL}\n")
        if os.path.exists(st):
            os.remove(st)
        proc, st = start_play(None, folder, "--config", conf)
        try:
            check(wait_for(lambda: field(st, "item", "id") == "n1" or proc.poll() is not None, 20)
                  and proc.poll() is None, f"the file there, the next start plays: {status(st)} {log_of(folder)[-300:]}")
        finally:
            stop(proc)
    finally:
        stop_nginx(nginx)
    shutil.rmtree(folder, ignore_errors=True)


test_config_unreadable_file_is_retried()
test_config_unreadable_key_fails_closed()
test_config_playlist_id_fails_closed()
test_check_honours_state()
test_crash_loop_quarantine()
test_crash_loop_quarantine_local_file()
test_non_utf8_etag()
test_signed_by_default()
test_one_process_per_cache()
finish("test_trust")
