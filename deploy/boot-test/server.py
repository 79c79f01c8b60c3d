"""The playlist server of the boot test: nginx on the host's 127.0.0.1 only, in a temp prefix."""

import os
import socket
import subprocess
import time

# Files whose name starts with this are sent slowly, so a power cut can fall inside their download.
SLOW_PREFIX = "slow-"
SLOW_RATE = "100k"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """Serves PREFIX/www. The access log names each request with its status and bytes sent."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.www = os.path.join(prefix, "www")
        self.access_log = os.path.join(prefix, "access.log")
        os.makedirs(self.www, exist_ok=True)
        os.makedirs(os.path.join(prefix, "tmp"), exist_ok=True)
        self.proc = None
        self.port = None

    def _config(self, port):
        temps = "".join(f"  {k}_temp_path {self.prefix}/tmp/{k};\n"
                        for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        return (f"daemon off;\nmaster_process off;\npid {self.prefix}/nginx.pid;\n"
                f"error_log {self.prefix}/error.log;\nevents {{ worker_connections 64; }}\nhttp {{\n{temps}"
                "  log_format bt '$msec $status $body_bytes_sent \"$request\"';\n"
                f"  access_log {self.access_log} bt;\n"
                "  types { application/json json; image/jpeg jpg; text/plain sig; }\n"
                f"  server {{\n    listen 127.0.0.1:{port};\n    root {self.www};\n    etag on;\n"
                f"    location ~ /{SLOW_PREFIX} {{ limit_rate {SLOW_RATE}; }}\n  }}\n}}\n")

    def start(self):
        conf = os.path.join(self.prefix, "nginx.conf")
        for _ in range(5):  # a port picked free may be taken before nginx binds it
            port = _free_port()
            with open(conf, "w") as f:
                f.write(self._config(port))
            self.proc = subprocess.Popen(["/usr/sbin/nginx", "-p", self.prefix + "/", "-c", conf,
                                          "-e", os.path.join(self.prefix, "error.log")],
                                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.proc.poll() is None:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    self.port = port
                    return port
                except OSError:
                    time.sleep(0.05)  # nginx is still starting
            self.stop()
        raise RuntimeError("nginx did not start")

    def stop(self):
        if self.proc:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def requests(self):
        """The access log so far: (time, status, body bytes, request line) tuples."""
        if not os.path.exists(self.access_log):
            return []
        rows = []
        with open(self.access_log) as f:
            for line in f:
                when, status, size, request = line.rstrip("\n").split(" ", 3)
                rows.append((float(when), int(status), int(size), request.strip('"')))
        return rows
