"""Real boards (`newsboard play --headless`) the desk must refuse (docs/fleet.md, issue 13):
- a board staff approved and then revoked: its plays and screenshots are refused and nothing
  of it is stored after the revocation; it keeps its plays in its journal;
- an impostor: a board configured with an approved board's id but its own key: its enrolment
  never replaces the approved key (staff see a conflict), and its plays and screenshots are
  refused, nothing stored;
- a board given --desk but no group (its config file's mistake) plays its content, says so in
  its journal and status file, and does not enrol; before, it stopped with exit 2, which the
  unit's RestartPreventExitStatus=2 made final: a dark board.
Forged and replayed doorbells with a real board: tests/cli/test_fleet.py."""
import json
import os
import subprocess

from deskrun import PLAYER, Desk
from fleetrun import Mosquitto, board_entry, plays_total
from nbtest import check, finish, stop, tempdir
from nbtest import status as read_status
from servers import die_with_parent
from xvfb import patience, wait_for


def pages():
    """Two one-second pages, so plays come all the time."""
    return {"version": 1, "id": "park", "updated": "2026-12-04T08:00:00Z",
            "defaults": {"duration": 1, "transition": "cut"}, "ticker": [],
            "items": [{"id": "n1", "type": "notice", "text": "东门关闭"},
                      {"id": "n2", "type": "notice", "text": "请走南门"}]}


class Board:
    def __init__(self, work, name, board_id, playlist, broker, desk, key=None):
        self.dir = os.path.join(work, name)
        os.makedirs(self.dir)
        self.key = key or os.path.join(self.dir, "board")
        if not key:
            subprocess.run([PLAYER, "keygen", self.key], check=True, capture_output=True)
        self.log_path = os.path.join(self.dir, "log")
        self.proc = subprocess.Popen(
            [PLAYER, "play", playlist, "--headless", "--size", "320x180", "--board-id", board_id, "--group", "park",
             "--broker", broker.url(), "--desk", f"http://127.0.0.1:{desk.port}", "--board-key", self.key + ".key",
             "--state", os.path.join(self.dir, "state"), "--journal", os.path.join(self.dir, "plays"),
             "--poll", "1"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=open(self.log_path, "wb"),
            preexec_fn=die_with_parent)

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def refusals(self, what):
        """How many times the board logged the desk refusing `what` (plays or a screenshot)."""
        return sum(1 for line in self.log().splitlines() if what in line and "HTTP 401" in line)

    def journal_plays(self):
        n = 0
        folder = os.path.join(self.dir, "plays")
        for name in os.listdir(folder) if os.path.isdir(folder) else []:
            with open(os.path.join(folder, name), errors="replace") as f:
                n += sum(1 for line in f if line.strip())
        return n


def approve(ada, board, board_id):
    check(wait_for(lambda: (board_entry(ada, board_id) or {}).get("state") == "pending", 60),
          f"{board_id} enrols itself and waits for staff: {board.log()[-600:]}")
    status, reply = ada.post(f"/api/fleet/boards/{board_id}/approve")
    check(status == 200, f"staff approve {board_id}: {status} {reply}")


def test_no_group(work, playlist, desk, ada):
    """The board's settings as the unit gives them: a config file, whose `desk =` line lacks a
    `group =` beside it."""
    key = os.path.join(work, "nogroup")
    subprocess.run([PLAYER, "keygen", key], check=True, capture_output=True)
    conf = os.path.join(work, "nogroup.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write(f"board-id = cam-9\ndesk = http://127.0.0.1:{desk.port}\nboard-key = {key}.key\npoll = 1\n")
    st = os.path.join(work, "nogroup-status.json")
    plays = os.path.join(work, "nogroup-plays")
    log_path = os.path.join(work, "nogroup.log")
    proc = subprocess.Popen([PLAYER, "play", playlist, "--headless", "--size", "320x180", "--status", st,
                             "--config", conf, "--state", os.path.join(work, "nogroup-state"), "--journal", plays],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=open(log_path, "wb"),
                            preexec_fn=die_with_parent)

    def log():
        with open(log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def journal_plays():
        return sum(1 for name in (os.listdir(plays) if os.path.isdir(plays) else [])
                   for line in open(os.path.join(plays, name), errors="replace") if line.strip())

    try:
        # Three one-second pages stood on screen: at --poll 1 the board would have enrolled by now.
        check(wait_for(lambda: journal_plays() >= 3 or proc.poll() is not None, 60),
              f"a board with --desk and no group plays its content: {proc.poll()} {log()[-400:]}")
        shown = read_status(st) or {}
        check(proc.poll() is None and (shown.get("item") or {}).get("id") in ("n1", "n2"),
              f"it stays up, showing the playlist: {proc.poll()} {shown}")
        located = f"{conf}:2:1: warning: --desk needs --group"
        check(located in log(), f"its journal says what to add, where: {log()[-400:]}")
        check(any(located in w for w in shown.get("warnings", [])), f"so does its status file: {shown}")
        check(board_entry(ada, "cam-9") is None and "/api/fleet/enrol" not in log(),
              f"it does not enrol with the desk: {board_entry(ada, 'cam-9')}")
    finally:
        stop(proc)


def main():
    broker = Mosquitto().start()
    desk = Desk().start("--broker", broker.url())
    work = tempdir()
    playlist = os.path.join(work, "park.json")
    with open(playlist, "w", encoding="utf-8") as f:
        json.dump(pages(), f, ensure_ascii=False)
    ada, pat = desk.client("ada"), desk.client("pat")
    boards = []
    try:
        test_no_group(work, playlist, desk, ada)

        # Revoked: approved, its plays arrive; revoked, nothing more is stored.
        revoked = Board(work, "revoked", "cam-1", playlist, broker, desk)
        boards.append(revoked)
        approve(ada, revoked, "cam-1")
        check(wait_for(lambda: plays_total(ada) >= 2, 60), f"the approved board's plays arrive: {revoked.log()[-600:]}")
        refused_before = revoked.refusals("proof of play")
        status, reply = ada.post("/api/fleet/boards/cam-1/revoke")
        check(status == 200, f"staff revoke cam-1: {status} {reply}")
        stored = plays_total(ada)
        check(wait_for(lambda: revoked.refusals("proof of play") > refused_before, 60),
              f"the revoked board's next plays are refused: {revoked.log()[-600:]}")
        check(plays_total(ada) == stored, f"no play of the revoked board is stored: {stored} → {plays_total(ada)}")
        check(revoked.journal_plays() > 0, "the revoked board keeps its plays in its journal (nothing is lost)")
        broker.publish("newsboard/board/cam-1/screenshot", json.dumps({"v": 1, "request": "after-revoke"}))
        check(wait_for(lambda: "request after-revoke not answered: " in revoked.log(), 60),
              f"the revoked board's screenshot is refused: {revoked.log()[-600:]}")
        check(ada.get("/api/fleet/boards/cam-1/screenshot", raw=True)[0] == 404, "no screenshot of it is stored")

        # Impostor: an approved board's id with another key.
        victim = Board(work, "victim", "cam-2", playlist, broker, desk)
        boards.append(victim)
        approve(ada, victim, "cam-2")
        check(wait_for(lambda: plays_total(ada) > stored, 60), f"the approved board's plays arrive: {victim.log()[-600:]}")
        stop(victim.proc)  # its last plays stay in its journal: the count below is its final one
        key_id = board_entry(ada, "cam-2")["key_id"]
        stored = plays_total(ada)
        impostor = Board(work, "impostor", "cam-2", playlist, broker, desk)
        boards.append(impostor)
        check(wait_for(lambda: "HTTP 409" in impostor.log(), 60),
              f"the impostor's enrolment is refused: {impostor.log()[-600:]}")
        entry = board_entry(ada, "cam-2")
        check(entry["state"] == "approved" and entry["key_id"] == key_id and entry["conflict"],
              f"the approved key stays, and staff see the conflict: {entry}")
        check(wait_for(lambda: impostor.refusals("proof of play") > 0, 60),
              f"the impostor's plays are refused: {impostor.log()[-600:]}")
        check(impostor.journal_plays() > 0, "the impostor did have plays to send")
        check(plays_total(ada) == stored, f"no play of the impostor is stored: {stored} → {plays_total(ada)}")
        status, reply = pat.post("/api/fleet/boards/cam-2/screenshot-request")
        check(status == 202, f"staff ask cam-2 for a screenshot: {status} {reply}")
        check(wait_for(lambda: f"request {reply.get('request')} not answered: " in impostor.log(), 60),
              f"the impostor's screenshot is refused: {impostor.log()[-600:]}")
        check(ada.get("/api/fleet/boards/cam-2/screenshot", raw=True)[0] == 404, "no screenshot from the impostor is stored")
    finally:
        for b in boards:
            stop(b.proc)
        desk.stop()
        broker.stop()
    finish("real boards the desk refuses")


if __name__ == "__main__":
    main()
