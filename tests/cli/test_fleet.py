"""The fleet's board side (docs/fleet.md) against a real Mosquitto and a real nginx on
127.0.0.1, with `play --headless` boards: a signed doorbell brings a new edition on screen in
seconds although the board polls once an hour; forged, unsigned, replayed and foreign doorbells
make no request at all; with no broker the board still takes new editions by polling; the
retained status says what is on screen, and the last will marks a board killed with SIGKILL
offline, as a clean exit does by itself. Two editions of one size published within one second
(nginx's ETag and Last-Modified the same) still reach the screen, by doorbell and by polling."""
import json
import os
import signal
import subprocess
import time

from nbtest import BINARY, check, field, finish, publish, run, status, stop, tempdir
from servers import free_port, start_mosquitto, start_nginx, stop_nginx
from xvfb import wait_for

GROUP = "park"


def edition(n):
    return {"version": 1, "id": GROUP, "updated": f"2026-09-{n:02d}T07:00:00+08:00",
            "defaults": {"duration": 1, "transition": "cut"}, "ticker": [],
            "items": [{"id": f"n{n}", "type": "notice", "text": f"第{n}版" + "。" * n}]}  # lengths differ: nginx's ETag is mtime + length


def twin(n):
    """Editions 1 to 9 all of one byte size: nginx tells them apart by their mtime only."""
    return {**edition(n), "items": [{"id": f"n{n}", "type": "notice", "text": f"第{n}版"}]}


def sha_of(path):
    import hashlib
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Fleet:
    """nginx with signed editions, Mosquitto, the desk's key pair, and a helper to ring."""

    def __init__(self, broker=True):
        self.folder = tempdir()
        self.nginx, port = start_nginx(os.path.join(self.folder, "nginx"))
        self.www = os.path.join(self.folder, "nginx", "www")
        self.url = f"http://127.0.0.1:{port}/p.json"
        self.key = os.path.join(self.folder, "desk")
        code, _, err = run("keygen", self.key)
        assert code == 0, err
        self.broker, self.port = (start_mosquitto(os.path.join(self.folder, "mqtt")) if broker
                                  else (None, free_port()))
        self.boards = []

    def publish(self, n, make=edition, mtime=None):
        publish(self.www, make(n), key=self.key + ".key", mtime=mtime)
        return sha_of(os.path.join(self.www, "p.json"))

    def sign(self, text):
        path = os.path.join(self.folder, "bell")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        code, _, err = run("sign", path, "--key", self.key + ".key")
        assert code == 0, err
        with open(path + ".sig", encoding="utf-8") as f:
            return f.read().splitlines()[1]

    def doorbell(self, n, sha, group=GROUP, playlist_id=GROUP, updated=None, sig="sign", topic_group=GROUP):
        updated = updated or edition(n)["updated"]
        body = {"v": 1, "group": group, "playlist_id": playlist_id, "edition": n, "sha256": sha, "updated": updated}
        if sig == "sign":
            body["sig"] = self.sign(f"newsboard-doorbell-v1\n{group}\n{playlist_id}\n{n}\n{sha}\n{updated}")
        elif sig:
            body["sig"] = sig
        subprocess.run(["mosquitto_pub", "-p", str(self.port), "-q", "1", "-t",
                        f"newsboard/group/{topic_group}/doorbell", "-m", json.dumps(body)], check=True, timeout=30)

    def board(self, name, poll, trust=None):
        """`trust`: the options that name the board's key (default: --trusted-key, the desk's)."""
        d = os.path.join(self.folder, name)
        os.makedirs(d, exist_ok=True)
        log = open(os.path.join(d, "log"), "w")
        proc = subprocess.Popen([BINARY, "play", self.url, "--headless", "--size", "320x180", "--cache",
                                 os.path.join(d, "cache"), "--state", os.path.join(d, "state"), "--status",
                                 os.path.join(d, "status.json"), "--poll", str(poll), "--board-id", name,
                                 "--playlist-id", GROUP, *(trust or ("--trusted-key", self.key + ".pub")),
                                 "--broker", f"mqtt://127.0.0.1:{self.port}"], stderr=log)
        self.boards.append(proc)
        return proc, os.path.join(d, "status.json"), os.path.join(d, "log")

    def retained(self, board):
        """The board's retained status as the broker holds it now, or None."""
        p = subprocess.run(["mosquitto_sub", "-p", str(self.port), "-t", f"newsboard/board/{board}/status",
                            "-C", "1", "-W", "2", "--retained-only"], capture_output=True, timeout=30)
        try:
            return json.loads(p.stdout.decode())
        except ValueError:
            return None

    def playlist_gets(self):
        with open(os.path.join(self.folder, "nginx", "access.log")) as f:
            return sum(1 for line in f if "GET /p.json " in line)

    def close(self):
        for p in self.boards:
            stop(p)
        if self.broker:
            stop(self.broker)
        stop_nginx(self.nginx)


def shows(st, n):
    return field(st, "item", "id") == f"n{n}"


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def test_doorbell():
    f = Fleet()
    try:
        sha1 = f.publish(1)
        proc, st, log = f.board("b1", poll=3600)
        check(wait_for(lambda: shows(st, 1), 20), f"the first edition on screen: {status(st)}")
        check(wait_for(lambda: (f.retained("b1") or {}).get("showing", {}) and
                       f.retained("b1")["showing"]["sha256"] == sha1, 20),
              f"the retained status names the sha256 on screen: {f.retained('b1')}")
        before = f.playlist_gets()

        # None of these may make the board fetch anything. A forged one names a real new sha.
        upcoming = "ab" * 32
        f.doorbell(2, upcoming, sig="A" * 86 + "==")                   # forged: a bad signature
        f.doorbell(2, upcoming, sig=None)                               # unsigned
        f.doorbell(1, sha1)                                             # replayed: the edition it has
        f.doorbell(0, "cd" * 32, updated="2026-08-01T07:00:00+08:00")   # replayed: an older edition
        f.doorbell(2, upcoming, group="lobby")                          # signed for another group
        f.doorbell(2, upcoming, playlist_id="lobby")                    # for another playlist
        f.doorbell(2, upcoming, group="lobby", playlist_id="lobby", topic_group="lobby")  # not its topic
        for why in ("bad signature", "unsigned", "names the edition the board has", "(replay)",
                    "for another group", "for another playlist"):
            check(wait_for(lambda: why in read(log), 20), f"the board ignored a doorbell ({why}): {read(log)}")

        sha2 = f.publish(2)
        t0 = time.monotonic()
        f.doorbell(2, sha2)
        on = wait_for(lambda: shows(st, 2), 20, step=0.02)
        took = time.monotonic() - t0
        print(f"a doorbell brought edition 2 on screen in {took:.2f} s (--poll 3600, 1 s slides)")
        check(on, f"a signed doorbell brings the new edition although the board polls hourly: {status(st)}")
        gets = f.playlist_gets() - before
        check(gets == 1, f"only the genuine doorbell made the board fetch the playlist: {gets} GETs")
        check(wait_for(lambda: ((f.retained("b1") or {}).get("showing") or {}).get("sha256") == sha2, 20),
              f"the retained status follows the screen: {f.retained('b1')}")
    finally:
        f.close()


def test_no_broker_polls():
    f = Fleet(broker=False)  # --broker names a port where nothing listens
    try:
        f.publish(1)
        proc, st, log = f.board("b2", poll=1)
        check(wait_for(lambda: shows(st, 1), 20), f"no broker: the first edition on screen: {status(st)}")
        f.publish(2)
        check(wait_for(lambda: shows(st, 2), 20), f"no broker: a new edition comes by polling: {status(st)}")
    finally:
        f.close()


def served(f, status_code):
    """How many GETs of the playlist nginx answered with `status_code`."""
    with open(os.path.join(f.folder, "nginx", "access.log")) as log:
        return sum(1 for line in log if f'"GET /p.json HTTP/1.1" {status_code} ' in line)


def test_same_second_doorbell():
    """A doorbell names an edition whose validators are those of the edition the board holds (one
    size, one mtime second): the board fetches it whole instead of trusting the 304. (It got
    304 and kept the old edition until the next publish.) The mtime is an hour back, so the
    validators look trustworthy to polling; only the doorbell knows the bytes changed."""
    f = Fleet()
    try:
        second = int(time.time()) - 3600
        f.publish(1, make=twin, mtime=second)
        proc, st, log = f.board("b1", poll=3600)
        check(wait_for(lambda: shows(st, 1), 20), f"the first edition on screen: {status(st)}")
        whole = served(f, 200)
        sha2 = f.publish(2, make=twin, mtime=second)
        size = len(json.dumps(twin(1), ensure_ascii=False).encode())
        check(os.path.getsize(os.path.join(f.www, "p.json")) == size, "the two editions are of one size")
        f.doorbell(2, sha2)
        check(wait_for(lambda: shows(st, 2), 20),
              f"the doorbell's edition on screen although nginx's validators did not change: {status(st)} "
              f"{read(log)[-400:]}")
        check(served(f, 200) == whole + 1 and served(f, 304) == 0,
              f"the doorbell's GET was whole: {served(f, 200) - whole} more 200, {served(f, 304)} 304")
    finally:
        f.close()


def test_same_second_polling():
    """Without a broker: an edition modified within the second it was served (here an hour after
    nginx's Date, which os.utime makes certain) may change again with the same validators, so
    the next poll is a whole GET and a second edition of the same size and second comes on
    screen. (It got 304 for ever.)"""
    f = Fleet(broker=False)
    try:
        second = int(time.time()) + 3600
        f.publish(1, make=twin, mtime=second)
        proc, st, log = f.board("b3", poll=1)
        check(wait_for(lambda: shows(st, 1), 20), f"no broker: the first edition on screen: {status(st)}")
        f.publish(2, make=twin, mtime=second)
        check(wait_for(lambda: shows(st, 2), 20),
              f"no broker: the second edition of one size and second comes by polling: {status(st)} "
              f"{read(log)[-400:]}")
    finally:
        f.close()


def test_last_will():
    f = Fleet()
    try:
        sha1 = f.publish(1)
        proc, st, _ = f.board("b3", poll=3600)
        check(wait_for(lambda: ((f.retained("b3") or {}).get("showing") or {}).get("sha256") == sha1, 30),
              f"online with what it shows: {f.retained('b3')}")
        s = f.retained("b3") or {}
        check(s.get("online") is True and s.get("board") == "b3" and s.get("item") == "n1" and
              s.get("sync", {}).get("result") == "ok", f"the status's fields: {s}")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        check(wait_for(lambda: (f.retained("b3") or {}).get("online") is False, 30),
              f"SIGKILL: the last will marks the board offline: {f.retained('b3')}")

        proc, st, _ = f.board("b4", poll=3600)
        check(wait_for(lambda: (f.retained("b4") or {}).get("online") is True, 30), "b4 online")
        proc.send_signal(signal.SIGTERM)
        check(proc.wait(timeout=30) == 0, "a clean exit")
        check((f.retained("b4") or {}).get("online") is False,
              f"a clean exit publishes offline itself: {f.retained('b4')}")
    finally:
        f.close()


def test_shipped_acl():
    """deploy/mosquitto as shipped (its conf with this test's paths and port, its ACL, boards
    added by add-board.sh): a board signs in with its own password and publishes its status;
    it cannot write another board's status or ring a doorbell; a wrong password gets nothing."""
    from nbtest import SOURCE_DIR
    shipped = os.path.join(SOURCE_DIR, "deploy", "mosquitto")
    folder = tempdir()
    mq = os.path.join(folder, "mqtt")
    os.makedirs(mq)
    with open(os.path.join(shipped, "newsboard.acl")) as f, open(os.path.join(mq, "newsboard.acl"), "w") as g:
        g.write(f.read())
    for board in ("b5", "b6"):
        p = subprocess.run(["sh", os.path.join(shipped, "add-board.sh"), board, GROUP, "--dir", mq, "--out", mq],
                           capture_output=True, text=True, timeout=60)
        check(p.returncode == 0, f"add-board.sh {board}: {p.stderr}")
    subprocess.run(["mosquitto_passwd", "-b", os.path.join(mq, "newsboard.passwd"), "desk", "desk-password"],
                   check=True, timeout=60)
    with open(os.path.join(shipped, "newsboard.conf")) as f:
        conf = "".join(line for line in f if not line.startswith("listener "))
    conf = conf.replace("/etc/mosquitto", mq)
    broker, port = start_mosquitto(mq, conf)
    password = {b: read(os.path.join(mq, b + ".password")).strip() for b in ("b5", "b6")}

    def pub(user, pw, topic, message):
        subprocess.run(["mosquitto_pub", "-p", str(port), "-u", user, "-P", pw, "-q", "1", "-r", "-t", topic,
                        "-m", message], capture_output=True, timeout=30)

    watcher = subprocess.Popen(["mosquitto_sub", "-p", str(port), "-u", "desk", "-P", "desk-password", "-v",
                                "-t", "newsboard/board/+/status", "-t", "newsboard/group/+/doorbell"],
                               stdout=subprocess.PIPE, text=True)
    try:
        pub("b5", password["b6"], "newsboard/board/b5/status", "wrong password")
        pub("b5", password["b5"], "newsboard/board/b6/status", "forged by b5")
        pub("b5", password["b5"], f"newsboard/group/{GROUP}/doorbell", "rung by b5")
        pub("b5", password["b5"], "newsboard/board/b5/status", "b5 itself")
        seen = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any("b5 itself" in line for line in seen):
            seen.append(watcher.stdout.readline())
        check(any(line.startswith("newsboard/board/b5/status b5 itself") for line in seen),
              f"a board publishes its own status with its password: {seen}")
        check(not any("forged" in l or "rung" in l or "wrong" in l for l in seen),
              f"nothing else got through: {seen}")
    finally:
        stop(watcher)
        stop(broker)


def journal_plays(folder):
    """Every line of every journal file: (parsed plays, lines that did not parse)."""
    plays, bad = [], 0
    for name in sorted(os.listdir(folder) if os.path.isdir(folder) else []):
        if name.endswith(".jsonl"):
            for line in read(os.path.join(folder, name)).splitlines():
                try:
                    plays.append(json.loads(line))
                except ValueError:
                    bad += 1
    return plays, bad


def test_journal_survives_sigkill():
    """Proof of play: each page shown is one line in the journal; SIGKILL loses none that was
    written (the page on screen at the kill never ended), a restart goes on in the same
    journal, and a clean exit writes the page on screen."""
    from datetime import datetime
    folder = tempdir()
    playlist = os.path.join(folder, "p.json")
    two = edition(1)
    two["items"].append({"id": "m1", "type": "notice", "text": "第二条"})
    with open(playlist, "w", encoding="utf-8") as f:
        json.dump(two, f, ensure_ascii=False)
    journal = os.path.join(folder, "plays")

    def board():
        return subprocess.Popen([BINARY, "play", playlist, "--headless", "--size", "320x180", "--board-id", "b7",
                                 "--journal", journal], stderr=subprocess.DEVNULL)

    proc = board()
    check(wait_for(lambda: len(journal_plays(journal)[0]) >= 4, 30), "plays are journaled as pages change")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed = len(journal_plays(journal)[0])
    proc = board()
    check(wait_for(lambda: len(journal_plays(journal)[0]) >= killed + 4, 30), "the restarted board goes on")
    proc.send_signal(signal.SIGTERM)
    check(proc.wait(timeout=30) == 0, "a clean exit")
    plays, bad = journal_plays(journal)
    check(bad == 0, f"no torn or foreign line: {bad}")
    check(len({p["uuid"] for p in plays}) == len(plays), "every play has its own uuid")
    check(all(p["board"] == "b7" and p["playlist"] == GROUP and p["item"] in ("n1", "m1") for p in plays),
          f"each names the board, playlist and item: {plays[:2]}")
    check(all(500 <= p["duration_ms"] <= 3000 for p in plays[:-1]) and plays[-1]["duration_ms"] <= 3000,
          f"1 s slides last about 1 s: {[p['duration_ms'] for p in plays]}")
    starts = [datetime.fromisoformat(p["start"].replace("Z", "+00:00")).timestamp() for p in plays]
    gaps = [b - (a + p["duration_ms"] / 1000) for a, b, p in zip(starts, starts[1:], plays)]
    check(sum(1 for g in gaps if g > 2.5) <= 1 and all(g > -2.5 for g in gaps),
          f"the plays follow each other with one gap (the restart): {gaps}")
    print(f"proof of play: {len(plays)} plays in the journal across a SIGKILL ({killed} before it)")


def test_headless_draws_nothing_and_keeps_time():
    """`play --headless` (what a fleet test runs 500 of, and a monitoring host runs): its pages
    come and go on time through crossfades, proof of play says so, and it draws no frame (the
    pixels were a sixth of its CPU for an edition switch)."""
    from datetime import datetime
    folder = tempdir()
    playlist = os.path.join(folder, "p.json")
    two = edition(1)
    two["defaults"] = {"duration": 1, "transition": "crossfade"}
    two["items"].append({"id": "m1", "type": "notice", "text": "第二条"})
    with open(playlist, "w", encoding="utf-8") as f:
        json.dump(two, f, ensure_ascii=False)
    journal, frames = os.path.join(folder, "plays"), os.path.join(folder, "frames")
    proc = subprocess.Popen([BINARY, "play", playlist, "--headless", "--size", "1920x1080", "--board-id", "b7",
                             "--journal", journal], stderr=subprocess.DEVNULL,
                            env=dict(os.environ, NEWSBOARD_FRAME_LOG=frames))
    check(wait_for(lambda: len(journal_plays(journal)[0]) >= 4, 30), "pages change through crossfades")
    proc.send_signal(signal.SIGTERM)
    check(proc.wait(timeout=30) == 0, "a clean exit")
    plays, _ = journal_plays(journal)
    check([p["item"] for p in plays[:4]] in (["n1", "m1"] * 2, ["m1", "n1"] * 2),
          f"the items take turns: {[p['item'] for p in plays]}")
    check(all(800 <= p["duration_ms"] <= 2500 for p in plays[:-1]),
          f"1 s slides last about 1 s, crossfades included: {[p['duration_ms'] for p in plays]}")
    starts = [datetime.fromisoformat(p["start"].replace("Z", "+00:00")).timestamp() for p in plays]
    check(all(abs(b - (a + p["duration_ms"] / 1000)) < 0.5 for a, b, p in zip(starts, starts[1:], plays)),
          "each page starts as the one before ends")
    check(os.path.exists(frames) and read(frames) == "", "no frame was drawn")


def test_unreadable_config_key_hears_no_doorbell():
    """A board whose config file names a key it cannot read trusts no key (app/source.h): its fleet
    still starts (the retained status), but even a genuine signed doorbell is ignored and nothing
    is fetched. (It was exit 2: no board at all.)"""
    f = Fleet()
    try:
        sha1 = f.publish(1)
        conf = os.path.join(f.folder, "b1", "newsboard.conf")
        os.makedirs(os.path.dirname(conf))
        with open(conf, "w") as c:
            c.write("trusted-key = /missing.pub\n")
        proc, st, log = f.board("b1", poll=3600, trust=("--config", conf))
        check(wait_for(lambda: f.retained("b1") is not None or proc.poll() is not None, 20) and proc.poll() is None,
              f"the board plays, its fleet publishes its status: {proc.poll()} {read(log)[-400:]}")
        f.doorbell(1, sha1)
        check(wait_for(lambda: "a doorbell ignored: the board trusts no key to check it with" in read(log), 20),
              f"a signed doorbell is ignored, no key to check it: {read(log)[-400:]}")
        check(f.playlist_gets() == 0 and field(st, "item", "id") is None,
              f"nothing fetched, nothing shown: {f.playlist_gets()} GETs, {status(st)}")
    finally:
        f.close()


if __name__ == "__main__":
    test_headless_draws_nothing_and_keeps_time()
    test_unreadable_config_key_hears_no_doorbell()
    test_journal_survives_sigkill()
    test_shipped_acl()
    test_doorbell()
    test_no_broker_polls()
    test_same_second_doorbell()
    test_same_second_polling()
    test_last_will()
    finish("test_fleet")
