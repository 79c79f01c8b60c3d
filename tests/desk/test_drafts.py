"""Drafts: the board's own validation at each field, and two editors saving the same draft
never silently lose work (docs/desk-api.md, Drafts)."""
import deskrun
from deskrun import Desk
from nbtest import check, finish
from test_auth import raw_request


def test_read_and_save(desk):
    ed = desk.client("ed")
    status, groups = ed.get("/api/groups")
    check(status == 200 and [g["id"] for g in groups["groups"]] == ["lobby", "park"], f"groups: {groups}")
    check({"id": "park", "name": "公园"} in [{k: g[k] for k in ("id", "name")} for g in groups["groups"]],
          "a group keeps its name for people")
    status, draft = ed.get("/api/groups/park/draft")
    check(status == 200 and draft["revision"] == 1 and draft["state"] == "editing", f"starter draft: {draft}")
    check(draft["playlist"]["items"][0]["headline"] == "公园", "the starter draft shows the group's name")
    check(draft["problems"] == [], f"the starter draft is valid: {draft['problems']}")
    check(ed.last_headers.get("etag") == '"1"', "ETag is the revision")

    playlist = draft["playlist"]
    playlist["items"].append({"id": "bad", "type": "article", "headline": "x", "body": ["y"], "duration": "ten"})
    status, saved = ed.put("/api/groups/park/draft", {"revision": 1, "playlist": playlist})
    check(status == 200 and saved["revision"] == 2, f"save: {status} {saved}")
    at = {p["at"]: p for p in saved["problems"]}
    check("items[1].duration" in at and at["items[1].duration"]["severity"] == "error",
          f"the error is at the field: {saved['problems']}")
    check("ten" in at.get("items[1].duration", {}).get("error", ""), "the message quotes the bad value")


def test_two_editors(desk):
    ed = desk.client("ed")
    pat = desk.client("pat")
    _, mine = ed.get("/api/groups/lobby/draft")
    _, theirs = pat.get("/api/groups/lobby/draft")
    base = mine["revision"]
    theirs["playlist"]["items"][0]["headline"] = "帕特的标题"
    status, body = pat.put("/api/groups/lobby/draft", {"revision": base, "playlist": theirs["playlist"]})
    check(status == 200, f"the first save wins: {status}")
    mine["playlist"]["items"][0]["headline"] = "埃德的标题"
    status, body = ed.put("/api/groups/lobby/draft", {"revision": base, "playlist": mine["playlist"]})
    check(status == 409, f"the second save on the same revision is a conflict: {status} {body}")
    check(body["playlist"]["items"][0]["headline"] == "帕特的标题" and body["updated_by"] == "pat",
          f"the conflict shows the other version and who made it: {body}")
    _, now = ed.get("/api/groups/lobby/draft")
    check(now["playlist"]["items"][0]["headline"] == "帕特的标题", "nothing was overwritten")
    status, body = ed.put("/api/groups/lobby/draft", {"revision": body["revision"], "playlist": mine["playlist"]})
    check(status == 200, f"saving again on top of theirs works: {status}")


def test_hostile_drafts(desk):
    ed = desk.client("ed")
    _, d = ed.get("/api/groups/park/draft")
    evil = "'); DROP TABLE drafts; -- <script>alert(1)</script>"
    d["playlist"]["items"][0]["headline"] = evil
    d["playlist"]["title"] = "Robert'); DELETE FROM users;--"
    status, saved = ed.put("/api/groups/park/draft", {"revision": d["revision"], "playlist": d["playlist"]})
    check(status == 200, f"SQL and script in a headline are just text: {status}")
    _, back = ed.get("/api/groups/park/draft")
    check(back["playlist"]["items"][0]["headline"] == evil, "the text comes back exactly")
    check(deskrun.Client(desk.port).login("ada")[0] == 200, "users intact")
    for path in ["/api/groups/..%2Fkeys/draft", "/api/groups/../keys/draft", "/api/groups/park;drop/draft",
                 "/api/groups/nope/draft", "/api/groups/park%00/draft", "/api/groups/_x/draft"]:
        status, body = ed.get(path)
        check(status in (400, 404), f"{path}: {status}")
    status, body = ed.put("/api/groups/park/draft", {"revision": "1", "playlist": {}})
    check(status == 400 and body.get("at") == "revision", f"revision must be a number: {status} {body}")
    status, body = ed.put("/api/groups/park/draft", {"revision": back["revision"], "playlist": []})
    check(status == 400 and body.get("at") == "playlist", f"playlist must be an object: {status} {body}")
    status, body = ed.put("/api/groups/park/draft", "[" * 100000)
    check(status == 400, f"deep nesting is refused before parsing: {status} {body}")
    status, body = ed.put("/api/groups/park/draft", b'{"revision": 1, "playlist": {"title": "\xff"}}')
    check(status == 400 and "UTF-8" in body["error"], f"invalid UTF-8 is refused: {status} {body}")
    # Just over 4 MiB: too large, from the headers (it was read whole and answered 400
    # "malformed" up to 4 MiB + 64 KiB, a 413 only above that).
    big = b'{"revision": 1, "playlist": {"title": "' + b"x" * (4 * 1024 * 1024) + b'"}}'
    head = (f"PUT /api/groups/park/draft HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {ed.cookie}\r\n"
            f"X-CSRF-Token: {ed.csrf}\r\nContent-Type: application/json\r\nContent-Length: {len(big)}\r\n\r\n").encode()
    line, _, _ = raw_request(desk.port, head, [big[i:i + 65536] for i in range(0, len(big), 65536)])
    # The 413 may be lost to the reset of a connection closed with unread data; the log has it.
    check(line is None or " 413 " in line, f"a playlist over 4 MiB: 413 ({line})")
    check("PUT /api/groups/park/draft 413" in desk.read_log(), "the desk logged it as 413")


def test_submit_approve(desk):
    ed = desk.client("ed")
    pat = desk.client("pat")
    _, d = ed.get("/api/groups/lobby/draft")
    status, body = ed.post("/api/groups/lobby/approve", {"revision": d["revision"]})
    check(status == 403, f"an editor cannot approve: {status}")
    status, body = ed.post("/api/groups/lobby/submit", {"revision": d["revision"]})
    check(status == 200 and body["state"] == "submitted" and body["submitted_by"] == "ed", f"submit: {body}")
    status, body = pat.post("/api/groups/lobby/approve", {"revision": d["revision"]})
    check(status == 200 and body["state"] == "approved" and body["approved_by"] == "pat", f"approve: {body}")
    status, body = pat.post("/api/groups/lobby/approve", {"revision": d["revision"] - 1})
    check(status == 409, f"approving an old revision is a conflict: {status}")
    status, _ = ed.put("/api/groups/lobby/draft", {"revision": d["revision"], "playlist": d["playlist"]})
    _, after = ed.get("/api/groups/lobby/draft")
    check(after["state"] == "editing" and after["approved_by"] == "", "a change after approval needs approval again")


def test_impossible_revisions(desk):
    """A revision the draft never had is the client's mistake (400 at "revision"), not a 409
    saying someone saved a newer version: negative, zero, ahead of the draft, not a whole
    number. Nothing is saved, submitted, approved or published."""
    ed, pat = desk.client("ed"), desk.client("pat")
    _, d = ed.get("/api/groups/park/draft")
    now = d["revision"]
    bad = {"negative": -1, "zero": 0, "ahead": now + 1, "far ahead": 2**62, "past int64": 2**63,
           "past uint64": 2**64 + 5, "a fraction": now + 0.5, "a whole float": float(now), "text": str(now),
           "true": True, "a list": [now], "null": None}
    for what, revision in bad.items():
        calls = [(ed, "PUT", "/api/groups/park/draft", {"revision": revision, "playlist": d["playlist"]}),
                 (ed, "POST", "/api/groups/park/submit", {"revision": revision}),
                 (pat, "POST", "/api/groups/park/approve", {"revision": revision}),
                 (pat, "POST", "/api/groups/park/publish", {"revision": revision})]
        for client, method, path, body in calls:
            status, reply = client.request(method, path, body)
            check(status == 400 and reply.get("at") == "revision" and reply.get("code", "").startswith("revision_"),
                  f"{method} {path} with {what} revision {revision!r}: 400 at revision, {status} {reply}")
    _, after = ed.get("/api/groups/park/draft")
    check(after["revision"] == now and after["state"] == d["state"], f"nothing changed: {after}")
    status, editions = pat.get("/api/groups/park/editions")
    check(status == 200 and editions["editions"] == [], f"nothing was published: {status} {editions}")
    # An older revision is still what it always was: someone saved since.
    status, reply = ed.put("/api/groups/park/draft", {"revision": now - 1, "playlist": d["playlist"]})
    check(status == 409 and reply.get("code") == "draft_conflict", f"an older revision: 409 {status} {reply}")


def test_plain_playlist_as_desk_md_writes_it(desk):
    """desk.md's shapes work as written: PUT the draft as the playlist itself (no wrapper), its
    revision where the client keeps one in If-Match as GET's ETag gave it, and POST publish with
    no body publishes the draft as it is. Before, both were 400 revision_missing."""
    ed, pat = desk.client("ed"), desk.client("pat")
    status, d = ed.get("/api/groups/lobby/draft")
    etag = ed.last_headers.get("etag")
    plain = {"version": 1, "id": "lobby", "title": "大堂", "ticker": [],
             "items": [{"id": "hello", "type": "notice", "headline": "欢迎", "text": "本周六闭馆"}]}
    status, saved = ed.put("/api/groups/lobby/draft", plain)
    check(status == 200 and saved["revision"] == d["revision"] + 1 and saved["problems"] == [],
          f"a plain playlist is saved over the draft: {status} {saved}")
    status, now = ed.get("/api/groups/lobby/draft")
    check(now["playlist"]["items"] == plain["items"], f"GET gives it back: {now['playlist']}")
    # With If-Match: the ETag of a draft someone has saved over since is a 409, as for the page.
    status, reply = ed.put("/api/groups/lobby/draft", plain, headers={"If-Match": etag})
    check(status == 409 and reply.get("code") == "draft_conflict", f"a stale If-Match: 409 {status} {reply}")
    status, reply = ed.put("/api/groups/lobby/draft", plain, headers={"If-Match": "yesterday"})
    check(status == 400 and reply.get("at") == "revision", f"an If-Match that is no ETag: 400 {status} {reply}")
    plain["items"][0]["text"] = "本周日闭馆"
    status, saved = ed.put("/api/groups/lobby/draft", plain, headers={"If-Match": f'"{now["revision"]}"'})
    check(status == 200 and saved["revision"] == now["revision"] + 1, f"the current If-Match saves: {status} {saved}")
    # Publish with no body: the draft as it is now.
    _, before = pat.get("/api/groups/lobby/editions")
    status, published = pat.post("/api/groups/lobby/publish")
    check(status == 200 and isinstance(published.get("edition"), int) and len(published.get("sha256", "")) == 64,
          f"publish with no body: {status} {published}")
    status, edition = pat.get(f"/api/groups/lobby/editions/{published.get('edition')}")
    check(status == 200 and edition["playlist"]["items"][0]["text"] == "本周日闭馆",
          f"what was published is the draft as saved last: {status} {edition}")
    _, after = pat.get("/api/groups/lobby/editions")
    check(len(after["editions"]) == len(before["editions"]) + 1, "one edition more")


def main():
    d = Desk().start()
    try:
        test_read_and_save(d)
        test_two_editors(d)
        test_hostile_drafts(d)
        test_submit_approve(d)
        test_impossible_revisions(d)
        test_plain_playlist_as_desk_md_writes_it(d)
    finally:
        d.stop()
    finish("desk drafts")


if __name__ == "__main__":
    main()
