"""Real servers for the command-line tests, all on 127.0.0.1 at ephemeral ports: nginx in a
temporary prefix (no files outside it), and tests/fault_server.py for what nginx will not do."""
import ctypes
import os
import signal
import socket
import subprocess
import time

from nbtest import SOURCE_DIR


_HANDED_OUT = set()


def free_port():
    """A port free on 127.0.0.1 now, and never one this process was given before: the kernel
    may hand out a port again as soon as the probe's socket closes, and callers take two or
    three in a row for servers that start later (the fault matrix's https cell once got its
    TLS port as its plain http port too, and nginx refused the config)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _HANDED_OUT:
            _HANDED_OUT.add(port)
            return port


def die_with_parent():
    """In a server's child process: SIGKILL it when the test dies, so that a crashed test never
    leaves a server behind holding ctest's output pipe."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL), 0, 0, 0)


def stop_nginx(proc):
    """SIGKILL, not SIGTERM: nginx with master_process off can miss a SIGTERM that lands just
    before it goes back to an epoll_wait with no timer, and would then never exit."""
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def start_nginx(prefix, server_lines=""):
    """nginx serving PREFIX/www; `server_lines` go into its server block (gzip, locations)."""
    os.makedirs(os.path.join(prefix, "www"), exist_ok=True)
    os.makedirs(os.path.join(prefix, "tmp"), exist_ok=True)
    for _ in range(5):
        port = free_port()
        temps = "".join(f"  {k}_temp_path {prefix}/tmp/{k};\n" for k in ("client_body", "proxy", "fastcgi",
                                                                         "uwsgi", "scgi"))
        with open(os.path.join(prefix, "nginx.conf"), "w") as f:
            f.write(f"daemon off;\nmaster_process off;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
                    f"events {{ worker_connections 64; }}\nhttp {{\n  access_log {prefix}/access.log;\n{temps}"
                    "  types { application/json json; image/jpeg jpg; text/plain sig; }\n"
                    f"  server {{ listen 127.0.0.1:{port}; root {prefix}/www; etag on; {server_lines} }}\n}}\n")
        proc = subprocess.Popen(["/usr/sbin/nginx", "-p", prefix + "/", "-c", prefix + "/nginx.conf",
                                 "-e", prefix + "/error.log"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, preexec_fn=die_with_parent)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return proc, port
            except OSError:
                pass  # nginx is still starting: try again at once, until the deadline
        proc.kill()
        proc.wait()
    raise RuntimeError("nginx did not start")


class FaultServer:
    """tests/fault_server.py serving ROOT; set_fault() picks the misbehaviour of later requests."""

    def __init__(self, root):
        self.root = root
        os.makedirs(root, exist_ok=True)
        self.proc = subprocess.Popen(["/usr/bin/python3", os.path.join(SOURCE_DIR, "tests", "fault_server.py"), root],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, preexec_fn=die_with_parent)
        self.port = int(self.proc.stdout.readline())  # blocks until the server listens

    def url(self, path):
        return f"http://127.0.0.1:{self.port}/{path}"

    def set_fault(self, fault):
        with open(os.path.join(self.root, ".fault"), "w") as f:
            f.write(fault + "\n")

    def close(self):
        self.proc.kill()
        self.proc.wait()


def start_mosquitto(prefix, extra="", port=None):
    """A real Mosquitto on 127.0.0.1 with its own conf in `prefix` (no persistence, anonymous
    unless `extra` says otherwise), at `port` (a restart on the same one) or an ephemeral one.
    Returns (proc, port)."""
    import getpass
    from xvfb import patience
    os.makedirs(prefix, exist_ok=True)
    wanted = port
    for _ in range(5):
        port = wanted or free_port()
        conf = os.path.join(prefix, "mosquitto.conf")
        with open(conf, "w") as f:
            f.write(f"listener {port} 127.0.0.1\npersistence false\nlog_dest file {prefix}/mosquitto.log\n"
                    f"user {getpass.getuser()}\n" + (extra or "allow_anonymous true\n"))
        proc = subprocess.Popen(["/usr/sbin/mosquitto", "-c", conf], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=die_with_parent)
        deadline = time.monotonic() + 10 * patience()
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return proc, port
            except OSError:
                pass  # still starting: try again at once, until the deadline
        proc.kill()
        proc.wait()
    raise RuntimeError("mosquitto did not start")
