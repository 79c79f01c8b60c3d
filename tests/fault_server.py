"""A web server that misbehaves on purpose, for the sync tests (Python standard library only).

    python3 fault_server.py ROOT      serves ROOT on 127.0.0.1, on a port it prints first

It reads ROOT/.fault before every request; the first word there picks the fault:
  (none)  serve the file, with an ETag and 304s like an ordinary server
  500     answer "500 Internal Server Error"
  cut     announce the whole length, send half of the body, close the connection
  huge    announce a 2 GB Content-Length, send a little, close
  drip    announce the whole length, write ROOT/.dripping, then send the body one byte a second
  loop    redirect the request to itself, forever
  404     answer "404 Not Found"
  file    redirect to file:///etc/passwd (a client must refuse to follow)
  stall   read the request, write ROOT/.stalled, then say nothing for an hour
  etag    serve the file with an ETag that is not UTF-8 (the bytes "\xff\xfe" in quotes)
A POST is read and answered 200 with an empty body; with `loop`, redirected like a GET.
"""
import hashlib
import http.server
import os
import sys
import time

ROOT = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def fault(self):
        try:
            with open(os.path.join(ROOT, ".fault")) as f:
                return f.read().split()[0]
        except (OSError, IndexError):
            return ""

    def do_GET(self):
        fault = self.fault()
        if fault in ("500", "404"):
            self.send_response(int(fault))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if fault == "stall":
            open(os.path.join(ROOT, ".stalled"), "w").close()
            time.sleep(3600)
            return
        if fault == "file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if fault == "loop":
            self.send_response(302)
            self.send_header("Location", self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        path = os.path.normpath(os.path.join(ROOT, self.path.lstrip("/").split("?")[0]))
        if not path.startswith(os.path.abspath(ROOT)) or not os.path.isfile(path):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = open(path, "rb").read()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if fault == "huge":
            self.send_response(200)
            self.send_header("Content-Length", str(2 * 1024 ** 3))
            self.end_headers()
            self.wfile.write(body[:100])
            self.close_connection = True
            return
        if fault == "drip":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.flush()
            open(os.path.join(ROOT, ".dripping"), "w").close()
            try:
                for i in range(len(body)):
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                    time.sleep(1)  # the fault itself: a link that delivers a byte a second
            except OSError:
                pass  # the client gave up, as it should
            self.close_connection = True
            return
        if fault == "cut":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if fault == "etag":
            etag = '"\xff\xfe"'  # http.server writes headers as Latin-1: the bytes FF FE
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(302 if self.fault() == "loop" else 200)
        if self.fault() == "loop":
            self.send_header("Location", self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
