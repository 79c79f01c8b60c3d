#!/usr/bin/python3
"""The fleet at scale (issue 13): N `play --headless` boards (default 500) against one real
Mosquitto and one real nginx on 127.0.0.1, started here. Prints figures; asserts nothing about
speed (ctest label `long`, bounded by --minutes):

  - publish → each board's status file showing the new sha256 with the doorbell (p50/p99/max),
  - the same with the broker stopped (the boards fall back to polling at --poll),
  - memory per headless board (RSS and PSS),
  - bytes per board per idle hour (nginx and MQTT), broker and nginx CPU,
  - the boards' own CPU for one edition switch (milliseconds per board; the machine's load
    average does not change it, so it compares runs on a shared machine),
  - proof-of-play records lost across the broker's restart (gaps in each board's journal),
  - with --desk-binary: every board also uploads its plays to a real desk (`newsboard-desk
    serve`, the boards approved in its database beforehand), which is restarted mid-run; the
    records lost are the gaps in what the desk and the journals hold together.

  tests/fleet/scale.py build/newsboard [--desk-binary build/desk/newsboard-desk] [--boards 500]
                       [--poll 60] [--idle 120] [--minutes 20] [--tmpfs]

The boards' folders are on /tmp's disk by default: 500 boards then share one disk's fsyncs,
which a fleet never does (each board has its own SD card). --tmpfs puts them in /dev/shm, so
the figure is what the CPU allows; every row carries the load average it was measured at.
"""
import argparse
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
from servers import die_with_parent, free_port, start_mosquitto  # noqa: E402

GROUP = "park"


def edition(n, urgent):
    items = [{"id": f"a{n}", "type": "notice", "text": f"第{n}版 甲" + "。" * n},
             {"id": f"b{n}", "type": "notice", "text": f"第{n}版 乙"}]
    if urgent:
        items.insert(0, {"id": f"u{n}", "type": "notice", "text": f"更正 {n}", "priority": "urgent"})
    return {"version": 1, "id": GROUP, "updated": f"2026-09-{n:02d}T07:00:00+08:00",
            "defaults": {"duration": 10, "transition": "cut"}, "ticker": [], "items": items}


def cpu_s(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def board_cpu_s(pids):
    """CPU seconds of every thread of these processes, to the nanosecond (schedstat)."""
    total = 0
    for pid in pids:
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                    total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total / 1e9


def load():
    return "load %.1f" % os.getloadavg()[0]


def memory_kib(pid):
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def pct(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


class Rig:
    def __init__(self, a):
        self.a = a
        self.binary = os.path.abspath(a.binary)
        self.folder = a.folder or "%s/nbscale-%d" % ("/dev/shm" if a.tmpfs else "/tmp", os.getpid())
        shutil.rmtree(self.folder, ignore_errors=True)
        os.makedirs(self.folder)
        self.www = os.path.join(self.folder, "www")
        os.makedirs(self.www)
        self.key = os.path.join(self.folder, "desk")
        subprocess.run([self.binary, "keygen", self.key], check=True, capture_output=True)
        self.start_nginx()
        self.mqtt_dir = os.path.join(self.folder, "mqtt")
        self.broker, self.mqtt_port = start_mosquitto(self.mqtt_dir, "allow_anonymous true\nsys_interval 5\n"
                                                                       "max_connections -1\n")
        self.boards = []
        self.desk = None
        if a.desk_binary:
            self.init_desk()

    def init_desk(self):
        """A desk folder with every board approved in its database (enrolment and approval are
        tested in tests/desk/; 500 enrolments from one address would meet its rate limit)."""
        self.desk_dir = os.path.join(self.folder, "desk")
        subprocess.run([self.a.desk_binary, "init", self.desk_dir, "--group", GROUP], check=True, capture_output=True)
        self.desk_port = free_port()
        serve = subprocess.Popen([self.a.desk_binary, "serve", self.desk_dir, "--listen", f"127.0.0.1:{self.desk_port}"],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, preexec_fn=die_with_parent)
        serve.stdout.readline()  # its tables made
        serve.kill()  # nothing to lose yet (a SIGTERM this early was once seen lost: the desk never ended)
        serve.wait()
        rows = []
        for i in range(self.a.boards):
            key = os.path.join(self.folder, "keys", "b%04d" % i)
            os.makedirs(os.path.dirname(key), exist_ok=True)
            subprocess.run([self.binary, "keygen", key], check=True, capture_output=True)
            with open(key + ".pub") as f:
                rows.append(("b%04d" % i, GROUP, f.read().splitlines()[1], "approved", int(time.time())))
        db = sqlite3.connect(os.path.join(self.desk_dir, "desk.db"))
        db.executemany("INSERT INTO boards(id, group_id, key, state, enrolled_at) VALUES (?, ?, ?, ?, ?)", rows)
        db.commit()
        db.close()
        self.start_desk()

    def start_desk(self):
        self.desk_log = open(os.path.join(self.folder, "desk.log"), "ab")
        self.desk = subprocess.Popen([self.a.desk_binary, "serve", self.desk_dir, "--listen",
                                      f"127.0.0.1:{self.desk_port}"], stdout=subprocess.PIPE, stderr=self.desk_log,
                                     preexec_fn=die_with_parent)
        line = self.desk.stdout.readline().decode()
        assert "listening on" in line, line

    def desk_plays(self):
        """uuid → play, as the desk holds them."""
        db = sqlite3.connect(f"file:{os.path.join(self.desk_dir, 'desk.db')}?mode=ro", uri=True)
        out = {}
        for uuid, board, start, duration in db.execute("SELECT uuid, board, start, duration_ms FROM plays"):
            out[uuid] = {"uuid": uuid, "board": board, "start": start, "duration_ms": duration}
        db.close()
        return out

    def start_nginx(self):
        prefix = os.path.join(self.folder, "nginx")
        os.makedirs(os.path.join(prefix, "tmp"), exist_ok=True)
        self.port = free_port()
        conns = max(1024, 4 * self.a.boards)
        with open(os.path.join(prefix, "nginx.conf"), "w") as f:
            f.write(f"daemon off;\nmaster_process off;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
                    f"worker_rlimit_nofile {conns * 2};\nevents {{ worker_connections {conns}; }}\nhttp {{\n"
                    "  log_format sizes '$request_length $bytes_sent $request';\n"
                    f"  access_log {prefix}/access.log sizes;\n"
                    + "".join(f"  {k}_temp_path {prefix}/tmp/{k};\n" for k in ("client_body", "proxy", "fastcgi",
                                                                               "uwsgi", "scgi")) +
                    "  types { application/json json; text/plain sig; }\n"
                    f"  server {{ listen 127.0.0.1:{self.port}; root {self.www}; etag on; }}\n}}\n")
        self.nginx = subprocess.Popen(["/usr/sbin/nginx", "-p", prefix + "/", "-c", prefix + "/nginx.conf"],
                                      stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)
        self.access_log = os.path.join(prefix, "access.log")

    def publish(self, n, urgent):
        path = os.path.join(self.www, "park.json")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(edition(n, urgent), f, ensure_ascii=False)
        subprocess.run([self.binary, "sign", path + ".tmp", "--key", self.key + ".key"], check=True,
                       capture_output=True)
        os.replace(path + ".tmp.sig", path + ".sig")
        os.replace(path + ".tmp", path)
        import hashlib
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()

    def doorbell(self, n, sha):
        """The signed doorbell for edition n: made with the edition, as the desk does in-process
        when it publishes (not timed: a `newsboard sign` start would be a cost no desk has)."""
        updated = edition(n, True)["updated"]
        msg = os.path.join(self.folder, "bell")
        with open(msg, "w") as f:
            f.write(f"newsboard-doorbell-v1\n{GROUP}\n{GROUP}\n{n}\n{sha}\n{updated}")
        subprocess.run([self.binary, "sign", msg, "--key", self.key + ".key"], check=True, capture_output=True)
        with open(msg + ".sig") as f:
            sig = f.read().splitlines()[1]
        return json.dumps({"v": 1, "group": GROUP, "playlist_id": GROUP, "edition": n, "sha256": sha,
                           "updated": updated, "sig": sig})

    def ring(self, bell):
        subprocess.run(["mosquitto_pub", "-p", str(self.mqtt_port), "-q", "1", "-t",
                        f"newsboard/group/{GROUP}/doorbell", "-m", bell], check=True)

    def start_boards(self):
        url = f"http://127.0.0.1:{self.port}/park.json"
        for i in range(self.a.boards):
            d = os.path.join(self.folder, "b%04d" % i)
            os.makedirs(d)
            log = open(os.path.join(d, "log"), "w")
            desk = ["--desk", f"http://127.0.0.1:{self.desk_port}", "--board-key",
                    os.path.join(self.folder, "keys", "b%04d.key" % i)] if self.desk else []
            p = subprocess.Popen([self.binary, "play", url, "--headless", "--size", "320x180", *desk,
                                  "--cache", d + "/cache", "--state", d + "/state", "--status", d + "/status.json",
                                  "--journal", d + "/plays", "--poll", str(self.a.poll), "--board-id", "b%04d" % i,
                                  "--playlist-id", GROUP, "--trusted-key", self.key + ".pub",
                                  "--broker", f"mqtt://127.0.0.1:{self.mqtt_port}"],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                                 preexec_fn=die_with_parent)
            self.boards.append((p, d))
            if i % 20 == 19:
                time.sleep(0.2)  # a gentler start: 100 boards a second at most

    def status(self, d):
        try:
            with open(d + "/status.json") as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def wait_showing(self, sha, item, deadline, t0):
        """Seconds from t0 until each board's status shows `item` of `sha` (None: never). A
        status file is read again only when it changed: 500 reads and parses every tenth of a
        second would take the boards' CPU in the very seconds measured."""
        took = {}
        seen = {}
        end = time.monotonic() + deadline
        while len(took) < len(self.boards) and time.monotonic() < end:
            for p, d in self.boards:
                if d in took:
                    continue
                try:
                    st = os.stat(d + "/status.json")
                except OSError:
                    continue
                stamp = (st.st_mtime_ns, st.st_ino)
                if seen.get(d) == stamp:
                    continue
                seen[d] = stamp
                s = self.status(d) or {}
                pl, it = s.get("playlist") or {}, s.get("item") or {}
                if pl.get("sha256") == sha and (item is None or it.get("id") == item):
                    took[d] = time.monotonic() - t0
            time.sleep(0.1)
        return [took.get(d) for _, d in self.boards]

    def nginx_bytes(self):
        total = 0
        try:
            with open(self.access_log) as f:
                for line in f:
                    parts = line.split(" ", 2)
                    total += int(parts[0]) + int(parts[1])
        except (OSError, ValueError, IndexError):
            pass
        return total

    def mqtt_bytes(self):
        p = subprocess.run(["mosquitto_sub", "-p", str(self.mqtt_port), "-v", "-C", "2", "-W", "15",
                            "-t", "$SYS/broker/bytes/received", "-t", "$SYS/broker/bytes/sent"],
                           capture_output=True, text=True)
        total = 0
        for line in p.stdout.splitlines():
            total += int(line.split()[1])
        return total

    def restart_broker(self):
        conf = os.path.join(self.mqtt_dir, "mosquitto.conf")
        self.broker = subprocess.Popen(["/usr/sbin/mosquitto", "-c", conf], stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       preexec_fn=die_with_parent)

    def online(self):
        p = subprocess.run(["mosquitto_sub", "-p", str(self.mqtt_port), "-t", "newsboard/board/+/status",
                            "--retained-only", "-W", "5"], capture_output=True, text=True)
        n = 0
        for line in p.stdout.splitlines():
            try:
                n += json.loads(line).get("online") is True
            except ValueError:
                pass
        return n

    def close(self):
        for p, _ in self.boards:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        codes = [p.wait(timeout=60) for p, _ in self.boards]
        for p in (self.broker, self.nginx) + ((self.desk,) if self.desk else ()):
            if p.poll() is None:
                p.kill()
            p.wait()
        return codes


def journal_gaps(d, tolerance_s=3.0, uploaded=()):
    """(plays, gaps) in one board's journal and what it `uploaded` (the desk's copies): a gap is
    a play that does not start where the one before ended (one is expected at the start)."""
    plays = {p["uuid"]: p for p in uploaded}
    folder = d + "/plays"
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        with open(os.path.join(folder, name), errors="replace") as f:
            for line in f:
                try:
                    p = json.loads(line)
                    plays[p["uuid"]] = p
                except (ValueError, KeyError, TypeError):
                    pass
    plays = sorted(plays.values(), key=lambda p: p["start"])
    gaps = 0
    for a, b in zip(plays, plays[1:]):
        ta = datetime.fromisoformat(a["start"].replace("Z", "+00:00")).timestamp() + a["duration_ms"] / 1000
        tb = datetime.fromisoformat(b["start"].replace("Z", "+00:00")).timestamp()
        gaps += abs(tb - ta) > tolerance_s
    return len(plays), gaps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--boards", type=int, default=500)
    ap.add_argument("--poll", type=int, default=60)
    ap.add_argument("--idle", type=int, default=120, help="seconds of the idle window")
    ap.add_argument("--minutes", type=float, default=20, help="the whole run's bound")
    ap.add_argument("--folder")
    ap.add_argument("--desk-binary", help="newsboard-desk: the boards also upload their plays to it")
    ap.add_argument("--tmpfs", action="store_true", help="the boards' folders in /dev/shm, not on /tmp's disk")
    a = ap.parse_args()
    bound = time.monotonic() + a.minutes * 60
    left = lambda: max(10, bound - time.monotonic())  # noqa: E731
    rig = Rig(a)
    rows = []
    try:
        sha1 = rig.publish(1, urgent=False)
        t0 = time.monotonic()
        rig.start_boards()
        started = rig.wait_showing(sha1, None, min(left(), 600), t0)
        up = [t for t in started if t is not None]
        rows.append(("boards started, showing edition 1",
                     f"{len(up)}/{a.boards}, all within {max(up or [0]):.1f} s ({load()})"))

        mem = [memory_kib(p.pid) for p, _ in rig.boards if p.poll() is None]
        rows.append(("memory per headless board, RSS median / max",
                     f"{statistics.median(m[0] for m in mem) / 1024:.1f} / {max(m[0] for m in mem) / 1024:.1f} MiB"))
        rows.append(("memory per headless board, PSS median", f"{statistics.median(m[1] for m in mem) / 1024:.1f} MiB"))

        # Idle: polls (304), status heartbeats, MQTT keepalives.
        n0, m0 = rig.nginx_bytes(), rig.mqtt_bytes()
        c0 = (cpu_s(rig.broker.pid), cpu_s(rig.nginx.pid))
        b0 = board_cpu_s(p.pid for p, _ in rig.boards)
        w0 = time.monotonic()
        time.sleep(min(a.idle, max(10, left() - 240)))  # a measuring window, not a wait for something
        window = time.monotonic() - w0
        n1, m1 = rig.nginx_bytes(), rig.mqtt_bytes()
        c1 = (cpu_s(rig.broker.pid), cpu_s(rig.nginx.pid))
        idle_ms = (board_cpu_s(p.pid for p, _ in rig.boards) - b0) / window / a.boards * 1000
        per_hour = 3600 / window / a.boards
        rows.append((f"bytes per board per idle hour (--poll {a.poll}): nginx / MQTT",
                     f"{(n1 - n0) * per_hour / 1024:.1f} / {(m1 - m0) * per_hour / 1024:.1f} KiB"))
        rows.append(("idle CPU: Mosquitto / nginx", f"{(c1[0] - c0[0]) / window * 100:.2f} % / "
                                                    f"{(c1[1] - c0[1]) / window * 100:.2f} % of a core"))
        rows.append(("idle CPU per board", f"{idle_ms:.3f} ms a second ({idle_ms * a.boards / 10:.1f} % of a core "
                                           f"for {a.boards}; {load()})"))

        sha2 = rig.publish(2, urgent=True)
        bell = rig.doorbell(2, sha2)
        c0 = (cpu_s(rig.broker.pid), cpu_s(rig.nginx.pid))
        b0 = board_cpu_s(p.pid for p, _ in rig.boards)
        load_before = load()
        t0 = time.monotonic()
        rig.ring(bell)
        took = rig.wait_showing(sha2, "u2", min(left(), 120), t0)
        ok = [t for t in took if t is not None]
        c1 = (cpu_s(rig.broker.pid), cpu_s(rig.nginx.pid))
        # The boards' CPU in that window, less what they spend idle in as long (heartbeats).
        window = time.monotonic() - t0
        switch_ms = ((board_cpu_s(p.pid for p, _ in rig.boards) - b0) / a.boards * 1000 - idle_ms * window)
        rows.append(("publish → showing, doorbell: p50 / p99 / max",
                     f"{pct(ok, 50):.2f} / {pct(ok, 99):.2f} / {max(ok or [float('nan')]):.2f} s "
                     f"({len(ok)}/{a.boards} boards; {load_before}, after: {load()})"))
        rows.append(("boards' CPU for that edition switch", f"{switch_ms:.2f} ms per board"))
        rows.append(("CPU for that edition: Mosquitto / nginx", f"{c1[0] - c0[0]:.2f} / {c1[1] - c0[1]:.2f} s"))

        rig.broker.kill()
        rig.broker.wait()
        sha3 = rig.publish(3, urgent=True)
        t0 = time.monotonic()
        took = rig.wait_showing(sha3, "u3", min(left(), a.poll * 2 + 60), t0)
        ok = [t for t in took if t is not None]
        rows.append((f"publish → showing, broker stopped (--poll {a.poll}): p50 / p99 / max",
                     f"{pct(ok, 50):.2f} / {pct(ok, 99):.2f} / {max(ok or [float('nan')]):.2f} s "
                     f"({len(ok)}/{a.boards} boards; {load()})"))

        t0 = time.monotonic()
        rig.restart_broker()
        back = 0
        while time.monotonic() - t0 < min(left(), 120):
            back = rig.online()
            if back >= a.boards:
                break
        rows.append(("broker restarted: boards online again", f"{back}/{a.boards} in {time.monotonic() - t0:.1f} s"))

        if rig.desk:
            before = len(rig.desk_plays())
            rig.desk.kill()  # a crash, the harder case
            rig.desk.wait()
            down = min(a.poll * 1.5, max(10, left() - 120))
            time.sleep(down)  # the desk is away for this long: a measuring window
            rig.start_desk()
            time.sleep(min(a.poll * 2.5, max(10, left() - 90)))  # uploads resume (boards back off after a failure)
            rows.append((f"desk killed for {down:.0f} s and restarted: plays on the desk before / after",
                         f"{before} / {len(rig.desk_plays())}"))
    finally:
        codes = rig.close()
        rows.append(("clean exits (SIGTERM → 0)", f"{codes.count(0)}/{len(codes)}"))
        uploaded = {}
        if rig.desk:
            for p in rig.desk_plays().values():
                uploaded.setdefault(p["board"], []).append(p)
        plays = gaps = 0
        for i, (_, d) in enumerate(rig.boards):
            p, g = journal_gaps(d, uploaded=uploaded.get("b%04d" % i, ()))
            plays += p
            gaps += g
        what = "the broker's and the desk's restarts" if rig.desk else "the broker's restart"
        rows.append((f"proof of play across {what}: plays / gaps (lost records)", f"{plays} / {gaps}"))
    print(f"\nfleet scale test: {a.boards} headless boards, 1 Mosquitto, 1 nginx, {os.cpu_count()} cores, "
          f"boards' folders on {'tmpfs' if a.tmpfs else 'disk'}")
    print("| measure | value |\n|---|---|")
    for k, v in rows:
        print(f"| {k} | {v} |")
    if not a.folder:
        shutil.rmtree(rig.folder, ignore_errors=True)


if __name__ == "__main__":
    main()
