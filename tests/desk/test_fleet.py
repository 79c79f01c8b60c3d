"""The desk's fleet side (docs/fleet.md, docs/desk-api.md "Fleet") against a real Mosquitto and
the real desk: publishing rings the group's doorbell with the desk's signature; board statuses
off the broker show in the fleet list, and a board on an old edition is flagged stale, not
current; enrolment, approval and revocation keep their roles; a forged, replayed, borrowed,
pending or revoked board gets 401 and nothing is stored; plays are deduplicated by uuid and the
CSV report cannot carry a formula; a dead broker never fails a publish."""
import json
import time

from deskrun import Desk
from fleetrun import Board, Mosquitto, board_entry, doorbell_valid, play, plays_total, publish, status_payload
from nbtest import check, finish, solid_png
from xvfb import wait_for


def test_enrol_and_roles(desk):
    board = Board("lobby-1")
    status, body = board.enrol(desk.port)
    check(status == 202 and body["state"] == "pending", f"a new board is pending: {status} {body}")
    ed, ada, nobody = desk.client("ed"), desk.client("ada"), desk.client()
    check(nobody.get("/api/fleet/boards")[0] == 401, "signed out: the fleet list is 401")
    check(ed.post("/api/fleet/boards/lobby-1/approve")[0] == 403, "an editor cannot approve a board")
    check(desk.client("pat").post("/api/fleet/boards/lobby-1/approve")[0] == 403, "a publisher cannot approve a board")
    check(ada.post("/api/fleet/boards/lobby-1/approve", csrf=False)[0] == 403, "approving without the CSRF token is 403")
    check(board_entry(ed, "lobby-1")["state"] == "pending", "still pending after the refused approvals")
    status, body = ada.post("/api/fleet/boards/lobby-1/approve")
    check(status == 200 and body["state"] == "approved", f"an admin approves: {status} {body}")
    status, body = Board("lobby-1").enrol(desk.port)
    check(status == 409, f"another key for a known id is a conflict: {status} {body}")
    entry = board_entry(ed, "lobby-1")
    check(entry["state"] == "approved" and entry["conflict"], f"the approved key stays; staff see the conflict: {entry}")
    status, body = board.request(desk.port, "POST", "/api/fleet/plays", {"board": board.id, "plays": [play()]})
    check(status == 200 and body["accepted"] == 1, f"the approved board's own key still works: {status} {body}")
    status, _ = board.enrol(desk.port)
    check(status == 200, "re-enrolling with the approved key says approved")
    bad = [{"board": "../x", "key": board.public_b64(), "group": "park"},
           {"board": "b", "key": "bm90IGEga2V5", "group": "park"}, {"board": "b", "key": board.public_b64(), "group": "a/b"}]
    for body in bad:
        status, reply = Board("b").request(desk.port, "POST", "/api/fleet/enrol", body, headers={})
        check(status == 400, f"a malformed enrolment is refused: {body} → {status} {reply}")
    # A well-formed group id the desk has no group for: refused like any unknown group the API
    # is told of (404 no_group, at the field), and nothing is stored for staff to approve.
    stray = Board("stray-1", group="nowhere")
    status, reply = stray.enrol(desk.port)
    check(status == 404 and reply.get("code") == "no_group" and reply.get("at") == "group",
          f"an enrolment into a group the desk does not have is 404 at group: {status} {reply}")
    check(board_entry(ed, "stray-1") is None, "the refused board is not listed")
    stray.group = "lobby"
    status, reply = stray.enrol(desk.port)
    check(status == 202 and reply["state"] == "pending", f"the same board in a real group enrols: {status} {reply}")


def test_board_auth(desk):
    ada, ed = desk.client("ada"), desk.client("ed")
    good, other, pending, revoked = Board("b-good"), Board("b-other"), Board("b-pending"), Board("b-revoked")
    for b in (good, other, pending, revoked):
        b.enrol(desk.port)
    for b in (good, other, revoked):
        ada.post(f"/api/fleet/boards/{b.id}/approve")
    ada.post("/api/fleet/boards/b-revoked/revoke")
    before = plays_total(ed)
    body = {"board": good.id, "plays": [play("x1")]}
    path = "/api/fleet/plays"

    status, reply = good.request(desk.port, "POST", path, body, key=other.key)
    check(status == 401, f"a forged signature is 401: {status} {reply}")
    status, reply = other.request(desk.port, "POST", path, body)
    check(status == 401, f"another board's plays under its own signature are 401: {status} {reply}")
    status, reply = other.request(desk.port, "POST", path, body, board=good.id)
    check(status == 401, f"claiming another board's id with one's own key is 401: {status} {reply}")
    status, reply = pending.request(desk.port, "POST", path, {"board": pending.id, "plays": [play()]})
    check(status == 401 and "approve" in reply["error"], f"a pending board is 401: {status} {reply}")
    status, reply = revoked.request(desk.port, "POST", path, {"board": revoked.id, "plays": [play()]})
    check(status == 401 and "revoked" in reply["error"], f"a revoked board is 401: {status} {reply}")
    status, reply = Board("b-unknown").request(desk.port, "POST", path, {"board": "b-unknown", "plays": [play()]})
    check(status == 401, f"an unknown board is 401: {status} {reply}")
    status, reply = good.request(desk.port, "POST", path, body, at=int(time.time()) - 1000)
    check(status == 401 and "300 s" in reply["error"], f"an old X-Board-Time is 401: {status} {reply}")
    check(plays_total(ed) == before, "nothing from a refused board was stored")

    raw = json.dumps(body).encode()
    headers = good.signed_headers("POST", path, raw)
    status, reply = good.request(desk.port, "POST", path, raw, headers=headers)
    check(status == 200 and reply["accepted"] == 1, f"the board's own signed plays are taken: {status} {reply}")
    status, reply = good.request(desk.port, "POST", path, raw, headers=headers)
    check(status == 401 and "replay" in reply["error"], f"the same nonce again is a replay, 401: {status} {reply}")
    check(plays_total(ed) == before + 1, "the replay stored nothing")


def test_plays_and_csv(desk):
    ada, ed = desk.client("ada"), desk.client("ed")
    board = Board("-csv")  # ids may start with '-': a spreadsheet must not take it for a formula
    board.enrol(desk.port)
    ada.post(f"/api/fleet/boards/{board.id}/approve")
    batch = [play("-cmd", start="2026-12-05T09:00:01Z"), play("-cmd", start="2026-12-05T09:59:59+00:00"),
             play("b", start="2026-12-05T10:00:00Z")]
    status, reply = board.request(desk.port, "POST", "/api/fleet/plays", {"board": board.id, "plays": batch})
    check(status == 200 and reply == {"accepted": 3, "duplicates": 0}, f"three new plays: {status} {reply}")
    status, reply = board.request(desk.port, "POST", "/api/fleet/plays", {"board": board.id, "plays": batch})
    check(status == 200 and reply == {"accepted": 0, "duplicates": 3}, f"sent again, deduplicated by uuid: {reply}")
    broken = {"board": board.id, "plays": [play("c", start="2026-12-05T11:00:00Z"), {"uuid": "nope"}]}
    status, reply = board.request(desk.port, "POST", "/api/fleet/plays", broken)
    check(status == 200 and reply["accepted"] == 1 and reply["rejected"] == 1 and reply["error"].startswith("plays[1]"),
          f"a malformed play is skipped and named: {status} {reply}")
    status, reply = board.request(desk.port, "POST", "/api/fleet/plays", {"board": board.id, "plays": [play()] * 1001})
    check(status == 413, f"more than 1000 plays are refused: {status}")
    status, body = ed.get(f"/api/fleet/plays?from=2026-12-05T00:00:00Z&to=2026-12-06T00:00:00Z&board={board.id}")
    rows = {(r["item"], r["hour"]): r["plays"] for r in body["rows"]}
    check(rows == {("-cmd", "2026-12-05T09:00:00Z"): 2, ("b", "2026-12-05T10:00:00Z"): 1, ("c", "2026-12-05T11:00:00Z"): 1},
          f"plays counted per item, board and hour: {body}")
    status, csv = ed.get(f"/api/fleet/plays?from=2026-12-05T00:00:00Z&to=2026-12-06T00:00:00Z&board={board.id}&format=csv",
                         raw=True)
    text = csv.decode()
    check(status == 200 and ed.last_headers["content-type"].startswith("text/csv"), f"a CSV download: {status}")
    check(text.splitlines()[0] == '"hour","item","board","plays","seconds"', f"CSV header: {text[:80]}")
    check('"2026-12-05T09:00:00Z","\'-cmd","\'-csv","2","16"' in text.splitlines(), f"formula-looking cells are quoted text: {text}")
    check(all(not line.split(",")[1].strip('"').startswith(("=", "+", "-", "@")) for line in text.splitlines()),
          "no cell starts with a formula character")


def test_screenshot(desk, broker):
    ada, ed = desk.client("ada"), desk.client("ed")
    board = Board("shot-1")
    board.enrol(desk.port)
    ada.post("/api/fleet/boards/shot-1/approve")
    path = "/api/fleet/boards/shot-1/screenshot"
    png = solid_png(64, 36, (200, 30, 30))
    status, reply = board.request(desk.port, "POST", path, png, content_type="image/jpeg")
    check(status == 415, f"a Content-Type that lies is refused: {status} {reply}")
    status, reply = board.request(desk.port, "POST", path, solid_png(700, 10, (0, 0, 0)), content_type="image/png")
    check(status == 422, f"a screenshot over 640 px is refused: {status} {reply}")
    try:
        status, reply = board.request(desk.port, "POST", path, b"x" * (600 * 1024), content_type="image/png")
    except (BrokenPipeError, ConnectionResetError):
        status = None  # the 413 may be lost to the reset of a connection closed with unread data
    check(status in (413, None) and f"POST {path} 413" in desk.read_log(), f"a body over 512 KiB is refused unread: {status}")
    status, reply = board.request(desk.port, "POST", "/api/fleet/boards/b-good/screenshot", png, content_type="image/png")
    check(status == 401, f"a board cannot send another board's screenshot: {status} {reply}")
    status, reply = board.request(desk.port, "POST", path, png, content_type="image/png")
    check(status == 200, f"a small PNG is stored: {status} {reply}")
    status, data = ed.get(path, raw=True)
    check(status == 200 and data == png and ed.last_headers["content-type"] == "image/png", "the latest screenshot is served")
    sub = broker.subscribe("newsboard/board/shot-1/screenshot")
    try:
        status, reply = desk.client("pat").post("/api/fleet/boards/shot-1/screenshot-request")
        check(status == 202, f"a screenshot request is sent: {status} {reply}")
        msg = sub.message()
        check(msg == {"v": 1, "request": reply["request"]}, f"the board is asked on MQTT: {msg}")
    finally:
        sub.close()
    check(ed.post("/api/fleet/boards/shot-1/screenshot-request")[0] == 403, "an editor cannot ask for screenshots")


def test_doorbell_and_status(desk, broker):
    ed, ada = desk.client("ed"), desk.client("ada")
    check(wait_for(lambda: "connected; listening" in desk.read_log(), 30), "the desk connects to the broker")
    board = Board("park-1")
    board.enrol(desk.port)
    ada.post("/api/fleet/boards/park-1/approve")
    sub = broker.subscribe("newsboard/group/park/doorbell")
    try:
        first = publish(desk)
        bell = sub.message()
    finally:
        sub.close()
    check(bell["v"] == 1 and bell["group"] == "park" and bell["playlist_id"] == "park" and bell["edition"] == first["edition"]
          and bell["sha256"] == first["sha256"] and bell["updated"] == first["updated"], f"the doorbell names the edition: {bell}")
    check(doorbell_valid(bell, desk.dir), "the doorbell carries the desk key's signature")
    check(not doorbell_valid(dict(bell, edition=bell["edition"] + 1), desk.dir), "the signature covers the edition")

    broker.publish("newsboard/board/park-1/status", status_payload(board, first["sha256"], first["updated"]), retain=True)
    broker.publish("newsboard/board/park-1/status", "{not json", retain=False)
    broker.publish("newsboard/board/spoof/status", json.dumps({"v": 1, "board": "park-1", "online": False}))
    entry = wait_for(lambda: (lambda e: e if e and e["online"] else None)(board_entry(ed, "park-1")), 30)
    check(entry and entry["edition"]["verdict"] == "current" and entry["status"]["version"] == "1.0.0",
          f"the board's status shows; it is on the latest edition: {entry}")
    check(entry["last_seen"] is not None and entry["errors"] == [], f"last seen, no errors: {entry}")

    second = publish(desk)
    entry = board_entry(ed, "park-1")
    check(entry["edition"] == {"published": second["edition"], "showing": first["edition"], "verdict": "stale"},
          f"a board still on the old edition is flagged stale: {entry['edition']}")
    broker.publish("newsboard/board/park-1/status", json.dumps({"v": 1, "board": "park-1", "online": False}), retain=True)
    entry = wait_for(lambda: (lambda e: e if e and not e["online"] else None)(board_entry(ed, "park-1")), 30)
    check(entry and entry["last_seen"] and entry["status"]["version"] == "1.0.0",
          f"its last will: offline, last seen and last status kept: {entry}")
    check(board_entry(ed, "spoof") is None, "a status naming another board than its topic is dropped")

    # A dead broker: publishing still works at once; the desk reconnects when it is back.
    broker.stop()
    started = time.monotonic()
    publish(desk)
    check(time.monotonic() - started < 20, "a publish with the broker down returns")
    broker.start()
    check(wait_for(lambda: desk.read_log().count("connected; listening") >= 2, 60), "the desk reconnects to the broker")
    sub = broker.subscribe("newsboard/group/park/doorbell")
    try:
        again = publish(desk)
        check(sub.message()["edition"] == again["edition"], "after the broker is back, doorbells ring again")
    finally:
        sub.close()


def main():
    broker = Mosquitto().start()
    d = Desk().start("--broker", broker.url())
    try:
        test_enrol_and_roles(d)
        test_board_auth(d)
        test_plays_and_csv(d)
        test_screenshot(d, broker)
        test_doorbell_and_status(d, broker)
    finally:
        d.stop()
        broker.stop()
    finish("desk fleet")


if __name__ == "__main__":
    main()
