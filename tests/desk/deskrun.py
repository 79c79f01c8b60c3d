"""Runs a real `newsboard-desk` for a test: a fresh DIR, staff users, `serve` on an ephemeral
127.0.0.1 port (the port is read from the line the desk prints), and a small HTTP client that
keeps the session cookie and sends the CSRF token like the web page does."""
import http.client
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
import nbtest  # noqa: E402  (check, finish, stop)
import servers  # noqa: E402  (die_with_parent, start_nginx)

DESK = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/desk/newsboard-desk")
PLAYER = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "build/newsboard")
PASSWORD = "correct horse battery"


def run(*args, stdin=None):
    p = subprocess.run([DESK, *args], input=stdin, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


class Desk:
    """A desk folder with users, and its server once start() is called."""

    def __init__(self, groups=("park=公园", "lobby=大厅"), users=(("ed", "editor"), ("pat", "publisher"), ("ada", "admin"))):
        self.dir = tempfile.mkdtemp(prefix="nbdesk-")
        args = ["init", self.dir]
        for g in groups:
            args += ["--group", g]
        code, out, err = run(*args)
        assert code == 0, err
        for name, role in users:
            code, out, err = run("user", "add", self.dir, name, "--role", role, stdin=(PASSWORD + "\n").encode())
            assert code == 0, err
        self.proc = None
        self.port = None

    def start(self, *extra):
        # The request log goes to a file: a pipe nobody reads would block the desk once full.
        self.log_path = os.path.join(self.dir, "serve.log")
        self.log = open(self.log_path, "ab")
        # Under ASan: SDL (which the previews' renderer initialises) keeps 156 bytes of its own
        # until exit, which LeakSanitizer reports; only stacks inside libSDL2 are spared, so a
        # leak of the desk's own still fails the clean-stop check.
        env = dict(os.environ)
        if "ASAN_OPTIONS" in env:
            env["LSAN_OPTIONS"] = "suppressions=" + os.path.join(os.path.dirname(os.path.abspath(__file__)), "lsan.supp")
        self.proc = subprocess.Popen([DESK, "serve", self.dir, "--listen", "127.0.0.1:0", *extra], env=env,
                                     stdout=subprocess.PIPE, stderr=self.log, preexec_fn=servers.die_with_parent)
        line = self.proc.stdout.readline().decode()
        assert "listening on http://127.0.0.1:" in line, line + self.read_log()
        self.port = int(line.rsplit(":", 1)[1])
        return self

    def stop(self):
        if self.proc:
            self.proc.terminate()
            try:
                code = self.proc.wait(timeout=30)
            finally:
                nbtest.stop(self.proc)
            # Under ASan a leak or a late error shows only in the exit code.
            nbtest.check(code == 0, f"the desk stops cleanly on SIGTERM (exit {code}): {self.read_log()[-3000:]}")
            self.proc.stdout.close()
            self.log.close()
            self.proc = None

    def read_log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def client(self, name=None, password=PASSWORD):
        c = Client(self.port)
        if name:
            status, body = c.login(name, password)
            assert status == 200, (status, body)
        return c


class Client:
    """One browser: a cookie jar of one cookie, the CSRF token, and the desk's own Origin."""

    def __init__(self, port):
        self.port = port
        self.cookie = None
        self.csrf = None
        self.origin = f"http://127.0.0.1:{port}"

    def request(self, method, path, body=None, headers=None, csrf=True, origin=True, raw=False):
        h = {}
        if self.cookie:
            h["Cookie"] = self.cookie
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            h["X-CSRF-Token"] = self.csrf
        if origin and method not in ("GET", "HEAD"):
            h["Origin"] = self.origin
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        elif isinstance(body, str):
            body = body.encode()
        h.update(headers or {})
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request(method, path, body=body, headers=h)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie" and v.startswith("nbdesk="):
                value = v.split(";", 1)[0]
                self.cookie = None if value == "nbdesk=" else value
        self.last_headers = {k.lower(): v for k, v in resp.getheaders()}
        if raw:
            return resp.status, data
        try:
            return resp.status, json.loads(data) if data else None
        except ValueError:
            return resp.status, data

    def login(self, name, password=PASSWORD, **extra):
        status, body = self.request("POST", "/api/login", {"user": name, "password": password, **extra})
        if status == 200:
            self.csrf = body["csrf"]
        return status, body

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body, **kw)
