"""Servers and addresses the other sync tests never met, against the real binary: nginx on
127.0.0.1 configured as sites are out there (a playlist URL with a query or a fragment,
pre-compressed files served with `gzip_static always`, `gzip on`, basic auth with the password
in the URL, header buffers too small for a long ETag, 429/503 with Retry-After, a picture name
with a space), and a socket that answers with something other than HTTP. A signed board must
take what is really there, keep its last good edition through the rest, and name what is really
wrong."""
import email.utils
import gzip
import hashlib
import json
import os
import shutil
import socket
import subprocess
import threading
import time

from nbtest import BINARY, DEMO, check, field, finish, publish, run, stop, tempdir
from servers import free_port, start_nginx, stop_nginx
from xvfb import Xvfb, wait_for

PHOTO = os.path.join(os.path.dirname(DEMO), "media", "garden.jpg")


def signed_site(folder, server_lines=""):
    """nginx with a signed edition at p.json (a notice and the pinned photo); returns the
    process, its port and the public key's path."""
    nginx, port = start_nginx(os.path.join(folder, "nginx"), server_lines)
    www = os.path.join(folder, "nginx", "www")
    os.makedirs(os.path.join(www, "media"), exist_ok=True)
    shutil.copy(PHOTO, os.path.join(www, "media", "garden.jpg"))
    with open(PHOTO, "rb") as f:
        pin = hashlib.sha256(f.read()).hexdigest()
    run("keygen", os.path.join(folder, "staff"))
    publish(www, {"version": 1, "id": "v1", "updated": "2026-09-01T07:00:00+08:00", "ticker": [],
                  "items": [{"id": "n1", "type": "notice", "text": "第1版"},
                            {"id": "p1", "type": "photo", "headline": "花园",
                             "image": {"src": "media/garden.jpg", "sha256": pin}}]},
            key=os.path.join(folder, "staff.key"))
    return nginx, port, os.path.join(folder, "staff.pub")


def test_query_and_fragment():
    """PLAYLIST.sig is beside the playlist's path, not inside its query (a board's name, a
    token, a cache buster): `p.json?board=b1` is signed by `p.json.sig?board=b1`. Its pictures
    are beside the path too, whatever slashes the query holds."""
    folder = tempdir()
    nginx, port, key = signed_site(folder)
    try:
        for tail in ("?board=b1", "?from=a/b/c", "#top", "?board=b1#top"):
            url = f"http://127.0.0.1:{port}/p.json{tail}"
            code, _, err = run("check", url, "--trusted-key", key)
            check(code == 0, f"a signed playlist at {url} passes: {code} {err[-500:]}")
    finally:
        stop_nginx(nginx)
    shutil.rmtree(folder, ignore_errors=True)


def test_content_encoding():
    """A site that keeps its files compressed (`gzip_static always`: the .gz served to every
    client, as CDNs and buckets with a Content-Encoding do) and one that compresses on the fly
    (`gzip on`, for clients that ask): the board takes the bytes that were signed and pinned,
    as a browser shows them, and a compressed stream that is broken is named as such."""
    folder = tempdir()
    nginx, port, key = signed_site(folder, "gzip on; gzip_min_length 1; gzip_types application/json text/plain; "
                                           "location /gz/ { gzip_static always; }")
    www = os.path.join(folder, "nginx", "www")
    try:
        os.makedirs(os.path.join(www, "gz", "media"))
        for name in ("p.json", "p.json.sig", "media/garden.jpg"):
            with open(os.path.join(www, name), "rb") as f:
                packed = gzip.compress(f.read())
            with open(os.path.join(www, "gz", name + ".gz"), "wb") as f:
                f.write(packed)
        for url in (f"http://127.0.0.1:{port}/gz/p.json", f"http://127.0.0.1:{port}/p.json"):
            code, _, err = run("check", url, "--trusted-key", key)
            check(code == 0, f"a signed playlist served compressed at {url} passes: {code} {err[-500:]}")

        with open(os.path.join(www, "gz", "broken.json.gz"), "wb") as f:
            f.write(b"\x1f\x8b\x08\x00" + b"not deflate at all" * 20)
        code, _, err = run("check", f"http://127.0.0.1:{port}/gz/broken.json")
        check(code == 3 and "compress" in err and "server" in err,
              f"a broken compressed answer is a runtime failure that names the compression: {code} {err[-500:]}")
    finally:
        stop_nginx(nginx)
    shutil.rmtree(folder, ignore_errors=True)


class Speaker(threading.Thread):
    """A socket on 127.0.0.1 that answers every connection with the same bytes, then closes."""

    def __init__(self, answer):
        super().__init__(daemon=True)
        self.answer = answer
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.start()

    def run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return  # closed: the test is over
            with conn:
                conn.settimeout(5)
                try:
                    conn.recv(65536)
                    conn.sendall(self.answer)
                except OSError:
                    pass  # the client gave up first


def test_answers_that_are_not_http():
    """A URL at a port where something else listens (a TLS-only service, SSH, the fleet's
    broker), a header line too long for curl, a redirect to nowhere, a 304 never asked for: each
    is named for what it is, not as a forbidden protocol, this board running out of memory or
    an unexpected answer."""
    tls_alert = b"\x15\x03\x01\x00\x02\x02\x46"  # what a TLS server says to a plain request
    cases = [(tls_alert, "not HTTP"),
             (b"SSH-2.0-OpenSSH_9.2p1\r\n", "not HTTP"),
             (b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 300000 + b"\r\nContent-Length: 0\r\n\r\n", "header"),
             (b"HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n", "without a Location"),
             (b"HTTP/1.1 304 Not Modified\r\n\r\n", "caching settings")]
    for answer, words in cases:
        speaker = Speaker(answer)
        url = f"http://127.0.0.1:{speaker.port}/p.json"
        code, _, err = run("check", url)
        speaker.sock.close()
        check(code == 3 and words in err and "only http:// and https://" not in err,
              f"{answer[:12]!r}: a runtime failure that says \"{words}\": {code} {err[-400:]}")
    code, _, err = run("check", "http://127.0.0.1:9/a\tb.json")
    check(code == 3 and "not a well-formed URL" in err, f"a URL curl cannot read is named so: {code} {err[-300:]}")


def htpasswd(path, user, password):
    hashed = subprocess.run(["openssl", "passwd", "-apr1", password], capture_output=True, text=True,
                            check=True).stdout.strip()
    with open(path, "w") as f:
        f.write(f"{user}:{hashed}\n")


def test_credentials_stay_private():
    """A board whose URL carries a user and password (`http://board:PASSWORD@host/p.json`,
    nginx's auth_basic) syncs with them, its pictures too, but never writes the password where
    others read: the journal, the status file (and with it the fleet's status), what `check`
    prints, preview's window title."""
    folder = tempdir()
    secret = "s3cret-Pw0rd"
    nginx, port, _ = signed_site(folder, f"auth_basic board; auth_basic_user_file {folder}/htpasswd;")
    www = os.path.join(folder, "nginx", "www")
    htpasswd(os.path.join(folder, "htpasswd"), "board", secret)
    st = os.path.join(folder, "status.json")
    log_path = os.path.join(folder, "play.log")
    url = f"http://board:{secret}@127.0.0.1:{port}/p.json"
    # `check URL` prints where each problem is, and its verdict: the URL without its password.
    with open(os.path.join(www, "broken.json"), "w") as f:
        f.write('{"version": 1, "id": "x",\n  "items": [}\n')
    for name, expected, keys in (("p.json", 0, ["--trusted-key", os.path.join(folder, "staff.pub")]),
                                 ("broken.json", 1, [])):
        code, _, err = run("check", f"http://board:{secret}@127.0.0.1:{port}/{name}", *keys)
        check(code == expected and secret not in err and f"127.0.0.1:{port}/{name}" in err,
              f"check {name}: its output names the URL without the password: {code} {err[-400:]}")
    # Nor does preview's window title, which is on screen, in task bars and screen shares.
    x = Xvfb("640x360")
    preview = subprocess.Popen([BINARY, "preview", url, "--size", "320x180", "--cache", os.path.join(folder, "pcache"),
                                "--trusted-key", os.path.join(folder, "staff.pub")], env=x.env,
                               stderr=subprocess.DEVNULL)
    try:
        wid = x.window("Newsboard preview")
        title = x.run("xdotool", "getwindowname", wid).stdout.decode("utf-8", "replace") if wid else ""
        check(secret not in title and f"127.0.0.1:{port}/p.json" in title,
              f"preview's window title names the URL without the password: {title!r}")
    finally:
        stop(preview)
        x.close()
    proc = subprocess.Popen([BINARY, "play", url, "--headless", "--size", "320x180", "--cache",
                             os.path.join(folder, "cache"), "--state", os.path.join(folder, "state"), "--status", st,
                             "--poll", "1", "--trusted-key", os.path.join(folder, "staff.pub")],
                            stderr=open(log_path, "w"))
    try:
        check(wait_for(lambda: field(st, "item", "id") in ("n1", "p1"), 20),
              f"the board syncs with the URL's credentials: {field(st, 'sync', 'error')}")
        htpasswd(os.path.join(folder, "htpasswd"), "board", "another-password")  # the server's changed
        publish(www, {"version": 1, "id": "v2", "updated": "2026-09-02T07:00:00+08:00", "ticker": [],
                      "items": [{"id": "n2", "type": "notice", "text": "第2版"}]}, key=os.path.join(folder, "staff.key"))
        check(wait_for(lambda: "HTTP 401" in (field(st, "sync", "error") or ""), 20),
              f"a refused password is a sync error: {field(st, 'sync')}")
        check(field(st, "item", "id") in ("n1", "p1"), "the last good edition stays on screen")
    finally:
        stop(proc)
        stop_nginx(nginx)
    with open(st, encoding="utf-8") as f:
        status_text = f.read()
    with open(log_path, encoding="utf-8", errors="replace") as f:
        log = f.read()
    check(secret not in status_text, f"the status file keeps the password to itself: {status_text}")
    check(secret not in log, f"the journal keeps the password to itself: {log[-600:]}")
    check(f"127.0.0.1:{port}/p.json" in status_text, "the status file still names the source")
    shutil.rmtree(folder, ignore_errors=True)


def test_redirected_playlist():
    """A playlist URL that redirects (a board's address sent on to its group's folder, a site
    moved): its relative pictures are beside the file the redirect led to, as browsers and curl
    resolve them, not beside the address asked. On the same origin they are asked with the URL's
    user and password, as curl asks the playlist there; on another origin never. A board
    restarted without the server shows the edition from its cache."""
    folder = tempdir()
    secret = "s3cret-Pw0rd"
    htpasswd(os.path.join(folder, "htpasswd"), "board", secret)
    nginx, port = start_nginx(os.path.join(folder, "nginx"),
                              f"location / {{ auth_basic board; auth_basic_user_file {folder}/htpasswd; }} "
                              "location = /board/p.json { return 302 /editions/park/p.json; } "
                              "location = /board/p.json.sig { return 302 /editions/park/p.json.sig; } "
                              "location = /away/p.json { return 302 http://localhost:$server_port/open/p.json; } "
                              "location = /away/p.json.sig "
                              "{ return 302 http://localhost:$server_port/open/p.json.sig; } "
                              "location /open/ { } "
                              "location = /gone/p.json { return 302 /editions/none/p.json; }")
    www = os.path.join(folder, "nginx", "www")
    run("keygen", os.path.join(folder, "staff"))
    key = os.path.join(folder, "staff.pub")
    with open(PHOTO, "rb") as f:
        pin = hashlib.sha256(f.read()).hexdigest()
    for where in ("editions/park", "open"):
        os.makedirs(os.path.join(www, where, "media"))
        shutil.copy(PHOTO, os.path.join(www, where, "media", "garden.jpg"))
        publish(os.path.join(www, where),
                {"version": 1, "id": "v1", "updated": "2026-09-01T07:00:00+08:00", "ticker": [],
                 "items": [{"id": "p1", "type": "photo", "headline": "花园",
                            "image": {"src": "media/garden.jpg", "sha256": pin}}]},
                key=os.path.join(folder, "staff.key"))
    board = f"http://board:{secret}@127.0.0.1:{port}/board/p.json"
    cache, state, st = (os.path.join(folder, n) for n in ("cache", "state", "status.json"))
    play = [BINARY, "play", board, "--headless", "--size", "320x180", "--cache", cache, "--state", state,
            "--status", st, "--poll", "1", "--trusted-key", key]
    try:
        code, _, err = run("check", board, "--trusted-key", key)
        check(code == 0, f"the pictures beside the file the redirect led to are found: {code} {err[-400:]}")
        code, _, err = run("check", f"http://board:{secret}@127.0.0.1:{port}/away/p.json", "--trusted-key", key)
        check(code == 0, f"and on another origin: {code} {err[-400:]}")
        with open(os.path.join(folder, "nginx", "access.log"), encoding="utf-8", errors="replace") as f:
            asked = [line for line in f if "/open/" in line]
        check(asked and all(" - - [" in line for line in asked),
              f"another origin is never given the URL's credentials: {asked}")
        code, _, err = run("check", f"http://board:{secret}@127.0.0.1:{port}/gone/p.json", "--trusted-key", key)
        check(code == 3 and f"redirected to http://127.0.0.1:{port}/editions/none/p.json): HTTP 404" in err,
              f"a failure after a redirect names where it led: {code} {err[-400:]}")

        proc = subprocess.Popen(play, stderr=open(os.path.join(folder, "play.log"), "w"))
        try:
            check(wait_for(lambda: field(st, "item", "id") == "p1", 20),
                  f"a board shows the redirected edition: {field(st, 'sync', 'error')}")
        finally:
            stop(proc)
    finally:
        stop_nginx(nginx)
    os.remove(st)
    proc = subprocess.Popen(play, stderr=open(os.path.join(folder, "play2.log"), "w"))
    try:
        check(wait_for(lambda: field(st, "sync", "result") == "failed" and field(st, "item", "id") == "p1", 20),
              f"restarted without the server, it shows the edition from its cache: {field(st, 'item')}")
    finally:
        stop(proc)
    shutil.rmtree(folder, ignore_errors=True)


def test_desk_credentials_stay_private():
    """A board whose --desk URL carries a user and password (a desk behind a proxy's basic
    auth) never writes the password in the journal when an upload to it fails."""
    folder = tempdir()
    secret = "s3cret-Pw0rd"
    run("keygen", os.path.join(folder, "board"))
    playlist = os.path.join(folder, "p.json")
    with open(playlist, "w", encoding="utf-8") as f:
        json.dump(notice_edition(1), f, ensure_ascii=False)
    log_path = os.path.join(folder, "play.log")
    proc = subprocess.Popen([BINARY, "play", playlist, "--headless", "--size", "320x180", "--board-id", "b1",
                             "--group", "park", "--desk", f"http://board:{secret}@127.0.0.1:{free_port()}",
                             "--board-key", os.path.join(folder, "board.key"), "--journal",
                             os.path.join(folder, "plays"), "--state", os.path.join(folder, "state"), "--poll", "1"],
                            stderr=open(log_path, "w"))

    def log():
        with open(log_path, encoding="utf-8", errors="replace") as f:
            return f.read()
    try:
        check(wait_for(lambda: "proof of play:" in log(), 20), f"the failed upload is logged: {log()[-600:]}")
    finally:
        stop(proc)
    check(secret not in log() and "127.0.0.1" in log(), f"the journal keeps the password to itself: {log()[-600:]}")
    shutil.rmtree(folder, ignore_errors=True)


def notice_edition(n):
    return {"version": 1, "id": f"v{n}", "updated": f"2026-09-{n:02d}T07:00:00+08:00", "ticker": [],
            "items": [{"id": f"n{n}", "type": "notice", "text": f"第{n}版"}]}


def test_validators_the_server_refuses():
    """A server that cannot take its own validators back: an ETag of 3000 bytes that its header
    buffers (nginx's large_client_header_buffers) refuse in If-None-Match, and one that answers
    400 to any conditional request. Each conditional poll was refused for ever, the board stuck
    on its edition; now the next poll after a refusal is a whole GET, and so long an ETag is not
    kept (it costs bandwidth, never the edition)."""
    folder = tempdir()
    tag = '"' + "e" * 3000 + '"'
    nginx, port, _ = signed_site(folder, "large_client_header_buffers 4 2k; "
                                         f"location = /long.json {{ etag off; add_header ETag '{tag}'; }} "
                                         "location = /picky.json { if ($http_if_none_match) { return 400; } }")
    www = os.path.join(folder, "nginx", "www")
    key = os.path.join(folder, "staff.key")
    an_old_mtime = time.time() - 100  # validators are kept only for a file older than its answer
    try:
        for name in ("long.json", "picky.json"):
            publish(www, notice_edition(1), key=key, name=name, mtime=an_old_mtime)
            board = os.path.join(folder, name)
            st = os.path.join(board, "status.json")
            os.makedirs(board)
            proc = subprocess.Popen([BINARY, "play", f"http://127.0.0.1:{port}/{name}", "--headless", "--size",
                                     "320x180", "--cache", os.path.join(board, "cache"), "--state",
                                     os.path.join(board, "state"), "--status", st, "--poll", "1", "--trusted-key",
                                     os.path.join(folder, "staff.pub")], stderr=open(os.path.join(board, "log"), "w"))
            try:
                check(wait_for(lambda: field(st, "item", "id") == "n1", 20), f"{name}: the first edition shows")
                # Two polls after it: conditional ones, when the validators were kept.
                syncs = field(st, "sync", "time")
                check(wait_for(lambda: field(st, "sync", "time") not in (None, syncs), 10), f"{name}: polls go on")
                publish(www, notice_edition(2), key=key, name=name, mtime=an_old_mtime + 1)
                check(wait_for(lambda: field(st, "item", "id") == "n2", 20),
                      f"{name}: the next edition arrives: {field(st, 'item')} {field(st, 'sync', 'error')}")
            finally:
                stop(proc)
    finally:
        stop_nginx(nginx)
    shutil.rmtree(folder, ignore_errors=True)


def test_retry_after():
    """A server that says when to come back (429 Too Many Requests, 503 in maintenance, with
    Retry-After in seconds or as a date): the board waits that long, up to its backoff's cap of
    5 minutes, instead of knocking again within seconds, and says why."""
    folder = tempdir()
    later = email.utils.formatdate(time.time() + 200, usegmt=True)
    nginx, port, key = signed_site(folder, "location = /busy.json { add_header Retry-After 120 always; return 429; } "
                                           f"location = /down.json {{ add_header Retry-After '{later}' always; "
                                           "return 503; } "
                                           "location = /forever.json { add_header Retry-After 86400 always; "
                                           "return 503; }")
    try:
        for name, least, words in (("busy.json", 100, "asks this board to wait"), ("down.json", 150, "HTTP 503"),
                                   ("forever.json", 300, "HTTP 503")):
            board = os.path.join(folder, name)
            st = os.path.join(board, "status.json")
            os.makedirs(board)
            proc = subprocess.Popen([BINARY, "play", f"http://127.0.0.1:{port}/{name}", "--headless", "--size",
                                     "320x180", "--cache", os.path.join(board, "cache"), "--state",
                                     os.path.join(board, "state"), "--status", st, "--poll", "1",
                                     "--trusted-key", key], stderr=open(os.path.join(board, "log"), "w"))
            try:
                check(wait_for(lambda: field(st, "sync", "result") == "failed", 20), f"{name}: the sync fails")
                wait, error = field(st, "sync", "next_in_s"), field(st, "sync", "error") or ""
                check(wait is not None and least <= wait <= 300 and words in error,
                      f"{name}: the next try is as the server asked, at most 5 min later: {wait} s, {error}")
            finally:
                stop(proc)
    finally:
        stop_nginx(nginx)
    shutil.rmtree(folder, ignore_errors=True)


def test_picture_names():
    """A relative picture `src` names a file (playlists/README.md): one whose name has a space
    (as cameras and staff name them), or '#', '?' and '%' (a "#2", a "?" typed for "unknown", a
    "100%"): `check` passes the playlist beside it, so the board must fetch that file from the
    server too, not a shorter name with a query or fragment after it. And "%2e%2e" in a name is
    no way out of the playlist's folder on the server, as it is none beside a local copy."""
    folder = tempdir()
    nginx, port, key = signed_site(folder)
    www = os.path.join(folder, "nginx", "www")
    with open(PHOTO, "rb") as f:
        pin = hashlib.sha256(f.read()).hexdigest()
    try:
        for n, name in enumerate(("media/花园 1 月.jpg", "media/花园#2 ?.jpg", "media/100%25 花园%.jpg")):
            shutil.copy(PHOTO, os.path.join(www, name))
            playlist = f"named{n}.json"
            publish(www, {"version": 1, "id": "v1", "updated": "2026-09-01T07:00:00+08:00", "ticker": [],
                          "items": [{"id": "p1", "type": "photo", "headline": "花园",
                                     "image": {"src": name, "sha256": pin}}]},
                    key=os.path.join(folder, "staff.key"), name=playlist)
            code, _, err = run("check", os.path.join(www, playlist))
            check(code == 0, f"{name}: check passes the playlist beside its picture: {code} {err[-300:]}")
            code, _, err = run("check", f"http://127.0.0.1:{port}/{playlist}", "--trusted-key", key)
            check(code == 0, f"{name}: and from the server: {code} {err[-400:]}")

        # The playlist in sub/, a file outside it where the server would take "%2e%2e" to lead.
        os.makedirs(os.path.join(www, "sub", "media"))
        shutil.copy(PHOTO, os.path.join(www, "outside.jpg"))
        publish(os.path.join(www, "sub"),
                {"version": 1, "id": "v1", "updated": "2026-09-01T07:00:00+08:00", "ticker": [],
                 "items": [{"id": "p1", "type": "photo", "headline": "花园",
                            "image": {"src": "media/%2e%2e/%2e%2e/outside.jpg", "sha256": pin}}]},
                key=os.path.join(folder, "staff.key"), name="out.json")
        code, _, err = run("check", os.path.join(www, "sub", "out.json"))
        check(code == 1 and "no such file" in err, f"check finds no such name beside the playlist: {code} {err[-300:]}")
        code, _, err = run("check", f"http://127.0.0.1:{port}/sub/out.json", "--trusted-key", key)
        check(code != 0 and "HTTP 404" in err, f"nor does the board on the server: {code} {err[-400:]}")
        with open(os.path.join(folder, "nginx", "access.log"), encoding="utf-8", errors="replace") as f:
            log = f.read()
        check("/%2e%2e/" not in log, f"the server was never asked for ../outside.jpg: {log[-600:]}")
    finally:
        stop_nginx(nginx)
    shutil.rmtree(folder, ignore_errors=True)


test_query_and_fragment()
test_answers_that_are_not_http()
test_credentials_stay_private()
test_redirected_playlist()
test_desk_credentials_stay_private()
test_validators_the_server_refuses()
test_retry_after()
test_picture_names()
test_content_encoding()
finish("test_strange_servers")
