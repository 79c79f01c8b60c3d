"""Signing in, sessions, CSRF, Origin, rate limits, TOTP, body limits and the security
headers — against a real `newsboard-desk serve` (docs/desk-api.md)."""
import base64
import hashlib
import hmac
import os
import re
import select
import socket
import struct
import subprocess
import tempfile
import threading
import time

import deskrun
import nbtest
from deskrun import Client, Desk
from nbtest import check, finish

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
}


def totp_code(secret_b32, at=None):
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    counter = int((at or time.time()) // 30)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    o = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)


def raw_request(port, head, chunks=(), read_between=True):
    """Sends a request head and then body chunks, stopping when the desk answers early.
    Returns (status line or None, bytes of body sent)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    sent = 0
    answer = b""
    try:
        s.sendall(head)
        for chunk in chunks:
            if read_between and select.select([s], [], [], 0)[0]:
                break
            s.sendall(chunk)
            sent += len(chunk)
        while True:
            data = s.recv(65536)
            if not data:
                break
            answer += data
    except (BrokenPipeError, ConnectionResetError):
        pass
    finally:
        s.close()
    line = answer.split(b"\r\n", 1)[0].decode() if answer else None
    return line, sent, answer


def test_login_me_logout(desk):
    c = Client(desk.port)
    status, body = c.get("/api/me")
    check(status == 401, f"logged out, /api/me is 401 (got {status})")
    check(body == {"error": "please sign in", "code": "signed_out"}, f"the 401 says what to do: {body}")
    for k, v in SECURITY_HEADERS.items():
        check(c.last_headers.get(k) == v, f"{k} on an error response: {c.last_headers.get(k)}")
    check("frame-ancestors 'none'" in c.last_headers.get("content-security-policy", ""), "CSP with frame-ancestors none")

    status, body = c.login("ed")
    check(status == 200 and body["role"] == "editor" and len(body["csrf"]) == 43, f"login: {status} {body}")
    cookie = c.last_headers.get("set-cookie", "")
    check("HttpOnly" in cookie and "SameSite=Strict" in cookie, f"cookie flags: {cookie}")
    check("Secure" not in cookie, "no Secure flag over plain http on 127.0.0.1")
    status, me = c.get("/api/me")
    check(status == 200 and me["user"] == "ed" and me["csrf"] == c.csrf, f"/api/me: {me}")

    status, body = c.post("/api/logout", csrf=False)
    check(status == 403 and "X-CSRF-Token" in body["error"], f"logout without the token is 403: {status} {body}")
    token = c.csrf
    c.csrf = "x" * 43
    status, body = c.post("/api/logout")
    check(status == 403, f"logout with a wrong token is 403: {status}")
    c.csrf = token
    status, body = c.post("/api/logout", origin=False, headers={"Origin": "https://evil.example"})
    check(status == 403 and "another site" in body["error"], f"a cross-site Origin is 403: {status} {body}")
    old_cookie = c.cookie
    status, body = c.post("/api/logout")
    check(status == 200, f"logout: {status} {body}")
    c.cookie = old_cookie
    status, body = c.get("/api/me")
    check(status == 401, f"the old cookie is dead after logout: {status}")


def test_planted_cookie(desk):
    """A second nbdesk cookie before the desk's own (set for the parent domain by a sibling
    site, say) does not shadow the session: the first token with a live session counts."""
    c = desk.client("ed")
    planted = Client(desk.port)
    planted.cookie = "nbdesk=" + "A" * 43 + "; " + c.cookie
    status, me = planted.get("/api/me")
    check(status == 200 and me["user"] == "ed", f"a planted cookie first does not sign ed out: {status} {me}")


def test_wrong_password_and_rate_limit(desk):
    c = Client(desk.port)
    status, body = c.login("ed", "wrong password!")
    check(status == 401 and body.get("at") == "password", f"wrong password: {status} {body}")
    status, body = c.login("nobody'; DROP TABLE users; --", "wrong password!")
    check(status == 401, f"an SQL-looking user name is just a wrong name: {status} {body}")
    for _ in range(4):
        c.login("ed", "wrong password!")
    status, body = c.login("ed")
    check(status == 429, f"after 5 failures even the right password waits: {status} {body}")
    check(int(c.last_headers.get("retry-after", "0")) > 0, "429 says when to retry")
    status, body = Client(desk.port).login("pat")
    check(status == 200, f"another account is not locked out: {status} {body}")
    # The table is still there.
    check(Client(desk.port).login("ada")[0] == 200, "users table intact")


def test_concurrent_guesses_are_limited(desk_dir):
    """Twenty wrong passwords sent at once: the limit holds for a burst as for a sequence (each
    guess counts from the moment it is let in, not once its slow hash is done)."""
    desk = desk_dir.start()
    try:
        statuses = []
        ready = threading.Barrier(20)

        def guess():
            c = Client(desk.port)
            ready.wait()
            statuses.append(c.login("ed", "wrong password!")[0])

        threads = [threading.Thread(target=guess) for _ in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check(sorted(set(statuses)) == [401, 429], f"a burst is answered 401 then 429: {sorted(statuses)}")
        check(statuses.count(401) <= 5, f"at most 5 of 20 concurrent guesses were tried ({statuses.count(401)})")
        status, body = Client(desk.port).login("ed")
        check(status == 429, f"after the burst even the right password waits: {status} {body}")
        status, body = Client(desk.port).login("pat")
        check(status == 200, f"a sign-in that succeeds is not counted against the address: {status} {body}")
        status, log = desk.client("ada").get("/api/audit?limit=1000")
        limited = [e for e in log["entries"] if e["action"] == "login.limited"]
        check(len(limited) == 1 and limited[0]["target"] == "ed",
              f"16 refused sign-ins of one lockout leave one audit line, not one each: {len(limited)}")
    finally:
        desk.stop()


def test_burst_of_connections(desk):
    """A page asks for many pictures at once, one connection each: the desk's listen queue
    holds a burst (cpp-httplib's own backlog of 5 dropped connections; a client whose last
    handshake ACK was dropped waited for an answer that never came)."""
    out = subprocess.run(["ss", "-ltnH", f"sport = :{desk.port}"], capture_output=True, text=True).stdout.split()
    check(len(out) >= 3 and int(out[2]) >= 64, f"the listening socket's backlog is at least 64: {out}")
    statuses = []
    ready = threading.Barrier(64)

    def ask():
        c = Client(desk.port)
        ready.wait()
        statuses.append(c.get("/api/me")[0])

    threads = [threading.Thread(target=ask) for _ in range(64)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(statuses == [401] * 64, f"64 requests at once are all answered: {sorted(statuses)}")


def test_slow_clients_are_cut(desk):
    """Slowloris: 40 connections each sending one header byte every 2 s once held all 32
    workers, and nobody else was answered. A head not in within 5 s is cut; while as many
    heads are coming as there are workers, within 1 s, so staff wait a second or two, not the
    20 s they waited before (tests/bench/desk_slowloris.py measures it)."""
    # A head that comes in two parts, 2 s apart, alone: slow, but well within its deadline.
    s = socket.create_connection(("127.0.0.1", desk.port), timeout=60)
    try:
        s.sendall(b"GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        threading.Event().wait(2)  # the slow client's own pace
        s.sendall(b"\r\n")
        line = s.recv(4096).split(b"\r\n", 1)[0]
    finally:
        s.close()
    check(b" 401 " in line, f"a head sent in two parts 2 s apart is answered: {line}")
    slow = []
    for _ in range(40):
        s = socket.create_connection(("127.0.0.1", desk.port), timeout=60)
        s.sendall(b"GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        slow.append(s)
    stop = threading.Event()

    def drip():
        while not stop.wait(2):  # the slow client's own pace, not a wait for the desk
            for s in slow:
                try:
                    s.sendall(b"a")
                except OSError:
                    pass

    dripper = threading.Thread(target=drip)
    dripper.start()
    try:
        started = time.monotonic()
        try:
            status = Client(desk.port).get("/api/me")[0]
        except OSError as e:
            status = repr(e)
        waited = time.monotonic() - started
        check(status == 401, f"a request is answered while slow clients dribble their heads: {status}")
        # Queued behind 40 slow heads: it waits for the crowded deadline (about 2 s with the
        # sweeps), never for the 20 s it took when each slow head kept its worker that long.
        check(waited < 10, f"and within 10 s: {waited:.1f} s")
        # Closed by the desk: each reads as the end of the stream (or a reset) within a deadline.
        open_, deadline = set(slow), time.monotonic() + 30
        while open_ and time.monotonic() < deadline:
            for s in select.select(list(open_), [], [], 1)[0]:
                try:
                    data = s.recv(4096)
                except OSError:
                    data = b""
                if not data:
                    open_.discard(s)
        check(not open_, f"the slow connections were closed by the desk ({len(open_)} of 40 still open)")
        check(re.search(r"cut: no request head within 1 s \(\d+ heads still coming\)", desk.read_log()),
              "the log says why: the crowded deadline")
    finally:
        stop.set()
        dripper.join()
        for s in slow:
            s.close()


def test_dribbled_body_is_cut(desk):
    """A body sent a byte a second (the read timeout is per byte) held its worker for ever:
    after 20 s a body must come at 16 KiB/s on average, or the desk answers 408."""
    c = desk.client("pat")  # ed is locked out by the rate-limit test before
    head = (f"PUT /api/groups/park/draft HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {c.cookie}\r\n"
            f"X-CSRF-Token: {c.csrf}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n").encode()
    s = socket.create_connection(("127.0.0.1", desk.port), timeout=60)
    answer, deadline = b"", time.monotonic() + 120
    try:
        s.sendall(head)
        while time.monotonic() < deadline:
            if select.select([s], [], [], 1)[0]:  # the slow client's pace: a byte a second
                data = s.recv(65536)
                answer += data
                if not data or b"\r\n\r\n" in answer:
                    break
            else:
                s.sendall(b" ")
    except OSError:
        pass
    finally:
        s.close()
    line = answer.split(b"\r\n", 1)[0].decode() if answer else None
    check(line is None or " 408 " in line, f"a dribbled body: 408 or closed ({line})")
    check("PUT /api/groups/park/draft 408" in desk.read_log(), "the desk gave up on the dribbled body (log: 408)")


def test_port_taken(desk):
    """A second desk on the port of a running one ends with exit 3 (docs/desk-api.md) instead of
    sharing the port and taking half of the first one's requests."""
    other = Desk(users=())
    second = subprocess.Popen([deskrun.DESK, "serve", other.dir, "--listen", f"127.0.0.1:{desk.port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        code = second.wait(timeout=30)
        said = second.stderr.read().decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        code, said = None, "still running"
    finally:
        nbtest.stop(second)
        second.stdout.close()
        second.stderr.close()
    check(code == 3 and "cannot listen" in said, f"a second desk on a taken port: exit {code}: {said.strip()}")
    check(Client(desk.port).get("/api/me")[0] == 401, "the first desk still answers")


def test_origin_behind_tls_proxy(desk_dir):
    desk = desk_dir.start("--trusted-proxy", "127.0.0.1")
    try:
        c = Client(desk.port)
        proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "desk.example.cn", "X-Real-IP": "203.0.113.9"}
        c.origin = "https://desk.example.cn"
        status, body = c.post("/api/login", {"user": "ed", "password": deskrun.PASSWORD}, headers=proxy)
        check(status == 200, f"login through the proxy with the public Origin: {status} {body}")
        check("Secure" in c.last_headers.get("set-cookie", ""), "Secure cookie behind TLS")
        c.csrf = body["csrf"]
        status, body = c.post("/api/logout", headers=proxy, origin=False)  # no Origin: a script
        check(status == 200, f"logout through the proxy: {status}")
        c.origin = f"http://127.0.0.1:{desk.port}"
        status, body = c.post("/api/login", {"user": "ed", "password": deskrun.PASSWORD}, headers=proxy)
        check(status == 403, f"the internal origin is not the public one behind the proxy: {status} {body}")
    finally:
        desk.stop()


def test_forwarded_headers_not_trusted_by_default(desk):
    c = Client(desk.port)
    c.origin = "https://desk.example.cn"
    status, body = c.post("/api/login", {"user": "ed", "password": deskrun.PASSWORD},
                          headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "desk.example.cn"})
    check(status == 403, f"X-Forwarded-* from an untrusted peer is ignored: {status} {body}")


def test_body_limits(desk):
    port = desk.port
    # A Content-Length over the limit is refused from the headers alone: no body is sent.
    head = (b"POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 10000000000\r\n\r\n")
    line, sent, _ = raw_request(port, head)
    check(line is not None and " 413 " in line, f"10 GB Content-Length: 413 before any body ({line})")
    # Chunked: read only up to the limit (64 KiB for a login), then refused.
    head = (b"POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"4000\r\n" + b"x" * 0x4000 + b"\r\n"
    line, sent, _ = raw_request(port, head, [chunk] * 640)  # 10 MiB offered
    # The 413 may be lost to the reset of a connection closed with unread data; the log has it.
    check(line is None or " 413 " in line, f"chunked login body over 64 KiB: 413 or cut ({line})")
    check("POST /api/login 413" in desk.read_log(), "the desk logged the chunked login as 413")
    check(sent < 4 * 1024 * 1024, f"the desk stopped reading a chunked body early ({sent} bytes sent)")
    # No route takes PATCH or PRI: 404 before the body is read, as for any unknown route
    # (cpp-httplib read up to 64 MiB of it into memory first, from anyone).
    for method in ("PATCH", "PRI"):
        head = f"{method} /api/groups/park/draft HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 62914560\r\n\r\n"
        line, sent, _ = raw_request(port, head.encode(), [b"x" * 0x10000] * 960)
        check(line is None or " 404 " in line, f"{method}: 404 ({line})")
        check(f"{method} /api/groups/park/draft 404" in desk.read_log(), f"the desk logged the {method} as 404")
        check(sent < 4 * 1024 * 1024, f"the desk read no {method} body ({sent >> 20} MiB sent)")
    # Compressed bodies are refused outright.
    c = Client(port)
    status, body = c.post("/api/login", b"\x1f\x8b", headers={"Content-Encoding": "gzip"})
    check(status == 415, f"gzip body: 415 ({status} {body})")
    # A body where none belongs.
    c = c if c.cookie else deskrun.Client(port)
    c.login("ed")
    status, body = c.post("/api/logout", b"x" * 100)
    check(status == 413, f"logout with a body: 413 ({status})")
    check(Client(port).login("ed")[0] == 200, "the desk still answers after hostile bodies")


def test_static_files_and_path_tricks(desk):
    c = Client(desk.port)
    for path in ["/../keys/desk.key", "/%2e%2e/keys/desk.key", "/..%2fkeys%2fdesk.key", "/.hidden",
                 "/keys/desk.key", "/desk.db", "//etc/passwd", "/api/../keys/desk.key"]:
        status, body = c.get(path, raw=True)
        check(status in (400, 404) and b"newsboard-ed25519-secret" not in body and b"SQLite" not in body,
              f"{path}: {status}")
    status, body = c.get("/api/nothing-here")
    check(status == 404 and "error" in body, f"unknown API: JSON 404 ({status} {body})")
    status, body = c.get("/", raw=True)
    check(status == 200 and b"<html" in body.lower(), f"the page: {status}")
    # A file the page does not have is a plain not-found, not "the web page is not installed".
    for path in ["/js/nothing.js", "/nothing.html", "/js/app.js.txt", "/css/none.css"]:
        status, body = c.get(path)
        check(status == 404 and isinstance(body, dict) and body.get("code") == "no_such_page",
              f"{path}: 404 no_such_page ({status} {body})")
    # Without the page's files at all, every one of them says so.
    bare = Desk(users=())
    bare.start("--web", tempfile.mkdtemp(prefix="nbdesk-noweb-"))
    try:
        for path in ["/", "/index.html", "/js/app.js"]:
            status, body = Client(bare.port).get(path)
            check(status == 404 and isinstance(body, dict) and body.get("code") == "web_not_installed",
                  f"no web files, {path}: 404 web_not_installed ({status} {body})")
    finally:
        bare.stop()


def test_totp(desk_dir):
    code, out, err = deskrun.run("user", "totp", desk_dir.dir, "pat")
    check(code == 0 and "otpauth://totp/" in out, f"user totp prints a provisioning URI: {code} {out} {err}")
    secret = out.split("secret: ", 1)[1].split()[0]
    desk = desk_dir.start("--require-totp")
    try:
        c = Client(desk.port)
        status, body = c.login("pat")
        check(status == 401 and body.get("at") == "totp", f"a publisher with TOTP is asked for the code: {status} {body}")
        status, body = c.login("pat", totp="000000" if totp_code(secret) != "000000" else "111111")
        check(status == 401 and body.get("at") == "totp", f"a wrong code is refused: {status} {body}")
        good = totp_code(secret)
        status, body = c.login("pat", totp=good)
        check(status == 200, f"the right code signs in: {status} {body}")
        status, body = Client(desk.port).login("pat", totp=good)
        check(status == 401, f"the same code cannot be used twice: {status} {body}")
        status, body = Client(desk.port).login("ada")
        check(status == 403 and "newsboard-desk user totp" in body["error"],
              f"an admin without TOTP is refused when the desk requires it: {status} {body}")
        status, body = Client(desk.port).login("ed")
        check(status == 200, f"an editor needs no second factor: {status}")
    finally:
        desk.stop()


def main():
    d = Desk().start()
    try:
        test_login_me_logout(d)
        test_forwarded_headers_not_trusted_by_default(d)
        test_static_files_and_path_tricks(d)
        test_planted_cookie(d)
        test_body_limits(d)
        test_wrong_password_and_rate_limit(d)
        test_burst_of_connections(d)
        test_port_taken(d)
        test_slow_clients_are_cut(d)
        test_dribbled_body_is_cut(d)
    finally:
        d.stop()
    test_origin_behind_tls_proxy(Desk())
    test_totp(Desk())
    test_concurrent_guesses_are_limited(Desk())
    finish("desk auth")


if __name__ == "__main__":
    main()
