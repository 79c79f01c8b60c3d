"""POST /api/paste against a real desk: the seed page in, three draft items and the changes
out; a turned-down change is undone; the rules every request meets hold here too."""
import os

from deskrun import Client, Desk
from nbtest import SOURCE_DIR, check, finish

with open(os.path.join(SOURCE_DIR, "tests", "data", "paste", "seed-p03.txt"), encoding="utf-8") as f:
    SEED = f.read()

desk = Desk().start()
try:
    ed = desk.client("ed")
    status, page = ed.post("/api/paste", {"text": SEED})
    check(status == 200, f"an editor pastes the seed page: {status} {page}")
    check([i["type"] for i in page["items"]] == ["article", "photo", "article"], f"articles and the photo: {page['items']}")
    check(page["items"][0]["headline"] == "济宁高新区召开重点工作部署会议", "the first headline")
    check(page["items"][0]["body"][0].startswith("6日，高新区"), "full-width punctuation, byline split off")
    joins = [c for c in page["changes"] if c["kind"] == "join"]
    check(len(joins) == 6 and all(c["accepted"] for c in joins), "six column breaks re-joined and listed")

    status, again = ed.post("/api/paste", {"text": SEED, "reject": [joins[0]["id"]]})
    check(status == 200 and len(again["items"][0]["body"]) == len(page["items"][0]["body"]) + 1,
          "a turned-down join leaves the two fragments apart")
    check([c["id"] for c in again["changes"]] == [c["id"] for c in page["changes"]], "change ids do not move")

    status, body = ed.post("/api/paste", {"text": 5})
    check(status == 400 and body.get("at") == "text", f"a request without text is located: {status} {body}")
    status, body = ed.post("/api/paste", {"text": "x" * (1024 * 1024 + 1)})
    check(status == 400 and body.get("at") == "text", f"an oversized paste is refused with a reason: {status}")
    check(ed.post("/api/paste", {"text": SEED}, csrf=False)[0] == 403, "no CSRF token: 403")
    check(Client(desk.port).post("/api/paste", {"text": SEED})[0] == 401, "signed out: 401")
    status, body = ed.post("/api/paste", {"text": "<script>alert(1)</script>\n\n本报讯 正文。"})
    check(status == 200 and "<script>alert(1)</script>" in str(body["items"]), "markup is text, kept as typed")
finally:
    desk.stop()
finish("test_paste")
