"""Publishing with roles: an editor cannot publish; a publisher's edition is signed, written
atomically into public/, and a real `newsboard check URL --trusted-key desk.pub` against
nginx serving public/ passes; a gallery's pictures are pinned too and a real board plays it; editions are immutable, diffable and restorable; urgent notices
go out at once with an expiry; everything is in the audit log (docs/desk-api.md)."""
import datetime
import json
import os
import subprocess
import threading
import urllib.request

import deskrun
import servers
from deskrun import Desk
from nbtest import SOURCE_DIR, check, finish, status as status_of, stop, tempdir
from test_media import upload
from xvfb import Xvfb, wait_for


def nginx_for(desk):
    prefix = tempdir()
    os.symlink(os.path.join(desk.dir, "public"), os.path.join(prefix, "www"))
    return servers.start_nginx(prefix)


def fetch(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=30) as r:
        return r.read(), r.headers.get("ETag")


def board_check(desk, port, group="park"):
    p = subprocess.run([deskrun.PLAYER, "check", f"http://127.0.0.1:{port}/{group}.json", "--trusted-key",
                        os.path.join(desk.dir, "keys", "desk.pub")], capture_output=True, timeout=120)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def test_publish_and_check(desk, nginx_port):
    ed, pat = desk.client("ed"), desk.client("pat")
    _, d = ed.get("/api/groups/park/draft")
    status, body = ed.post("/api/groups/park/publish", {"revision": d["revision"]})
    check(status == 403, f"an editor cannot publish: {status} {body}")
    stale = d["revision"]
    status, saved = ed.put("/api/groups/park/draft", {"revision": stale, "playlist": d["playlist"]})
    check(status == 200, f"a save moves the draft on: {status} {saved}")
    d["revision"] = saved["revision"]
    status, body = pat.post("/api/groups/park/publish", {"revision": stale})
    check(status == 409 and body.get("code") == "draft_conflict", f"publishing a stale revision is a conflict: {status}")
    status, first = pat.post("/api/groups/park/publish", {"revision": d["revision"]})
    check(status == 200 and first["edition"] == 1 and len(first["sha256"]) == 64, f"publish: {status} {first}")
    code, err = board_check(desk, nginx_port)
    check(code == 0, f"newsboard check URL --trusted-key desk.pub passes: {code} {err}")
    data, etag1 = fetch(nginx_port, "park.json")
    check(json.loads(data)["updated"] == first["updated"], "public/park.json carries the edition's updated")

    # Same content again at once: same length, new `updated` a second later — must look new.
    status, second = pat.post("/api/groups/park/publish", {"revision": d["revision"]})
    data2, etag2 = fetch(nginx_port, "park.json")
    check(status == 200 and second["edition"] == 2, f"second publish: {second}")
    check(second["updated"] > first["updated"], f"updated is monotonic: {first['updated']} < {second['updated']}")
    check(len(data2) == len(data) and etag2 != etag1, f"nginx's ETag changed ({etag1} → {etag2}) at equal length")
    check(board_check(desk, nginx_port)[0] == 0, "the second edition checks too")
    for n in (1, 2):
        path = os.path.join(desk.dir, "editions", "park", f"{n}.json")
        check(os.path.exists(path) and os.stat(path).st_mode & 0o777 == 0o444, f"edition {n} kept, read-only")
    return first, second


def test_history(desk, nginx_port):
    ed, pat = desk.client("ed"), desk.client("pat")
    _, d = ed.get("/api/groups/park/draft")
    playlist = d["playlist"]
    playlist["items"].append({"id": "news", "type": "notice", "headline": "新消息"})
    playlist["items"][0]["headline"] = "改过的标题"
    status, saved = ed.put("/api/groups/park/draft", {"revision": d["revision"], "playlist": playlist})
    status, third = pat.post("/api/groups/park/publish", {"revision": saved["revision"]})
    check(status == 200 and third["edition"] == 3, f"third edition: {third}")
    status, listing = ed.get("/api/groups/park/editions")
    check([e["number"] for e in listing["editions"]] == [3, 2, 1], f"editions newest first: {listing}")
    check(listing["editions"][0]["published_by"] == "pat", "who published")
    status, diff = ed.get("/api/groups/park/editions/3/diff")
    ops = {(c["op"], c["id"]) for c in diff["changes"]}
    check(("added", "news") in ops and ("changed", "welcome") in ops, f"diff: {diff}")
    changed = [c for c in diff["changes"] if c["id"] == "welcome"]
    check(changed and changed[0]["fields"] == ["headline"], f"the changed field is named: {changed}")

    status, body = ed.post("/api/groups/park/editions/1/restore")
    check(status == 403, f"an editor cannot restore: {status}")
    status, restored = pat.post("/api/groups/park/editions/1/restore")
    check(status == 200 and restored["edition"] == 4, f"restore is a new edition: {restored}")
    data, _ = fetch(nginx_port, "park.json")
    _, one = ed.get("/api/groups/park/editions/1")
    check(json.loads(data)["items"] == one["playlist"]["items"], "the restored edition is what boards get")
    check(board_check(desk, nginx_port)[0] == 0, "the restored edition is signed")
    _, four = ed.get("/api/groups/park/editions/4")
    check(four["kind"] == "restore" and four["note"] == "edition 1", f"restore is recorded as such: {four}")
    status, body = ed.get("/api/groups/park/editions/99")
    check(status == 404, f"no edition 99: {status}")


def test_invalid_draft_refused(desk):
    ed, pat = desk.client("ed"), desk.client("pat")
    _, d = ed.get("/api/groups/lobby/draft")
    d["playlist"]["items"][0]["duration"] = 0
    _, saved = ed.put("/api/groups/lobby/draft", {"revision": d["revision"], "playlist": d["playlist"]})
    status, body = pat.post("/api/groups/lobby/publish", {"revision": saved["revision"]})
    check(status == 422 and body.get("at") == "items[0].duration", f"an invalid draft is not published: {status} {body}")
    check(not os.path.exists(os.path.join(desk.dir, "public", "lobby.json")), "nothing public was written")
    d["playlist"]["items"][0]["duration"] = 10
    d["playlist"]["items"].append({"id": "pic", "type": "photo", "image": "media/x.jpg"})
    _, saved = ed.put("/api/groups/lobby/draft", {"revision": saved["revision"], "playlist": d["playlist"]})
    status, body = pat.post("/api/groups/lobby/publish", {"revision": saved["revision"]})
    check(status == 422 and body.get("at") == "items[1].image", f"an unpinned picture is refused: {status} {body}")
    check(any(p["severity"] == "error" and p["at"] == "items[1].image" for p in body.get("problems", [])),
          f"and listed in its problems, as for any refused publish: {body}")
    d["playlist"]["items"].pop()
    _, saved = ed.put("/api/groups/lobby/draft", {"revision": saved["revision"], "playlist": d["playlist"]})


def test_gallery_pins(desk, nginx_port):
    """A gallery's pictures are pinned like a photo's: one unpinned picture stops the publish at
    its field; pinned, the edition checks with the desk's key and a real board plays it, each
    picture fetched and matched against its pin."""
    ed, pat = desk.client("ed"), desk.client("pat")
    pins = []
    for name in ("garden.jpg", "garden-heart.jpg"):
        data = open(os.path.join(SOURCE_DIR, "playlists", "media", name), "rb").read()
        status, body = upload(ed, name, data)
        check(status == 200, f"upload {name}: {status} {body}")
        pins.append({"src": body["src"], "sha256": body["sha256"]})
    gallery = {"id": "tulips", "type": "gallery", "headline": "“郁”你相见", "duration": 8,
               "pictures": [{"image": pins[0], "caption": "一"}, {"image": dict(pins[1]), "caption": "二"}]}
    del gallery["pictures"][1]["image"]["sha256"]
    _, d = ed.get("/api/groups/lobby/draft")
    playlist = d["playlist"]
    playlist["items"] = [gallery]
    _, saved = ed.put("/api/groups/lobby/draft", {"revision": d["revision"], "playlist": playlist})
    status, body = pat.post("/api/groups/lobby/publish", {"revision": saved["revision"]})
    check(status == 422 and body.get("at") == "items[0].pictures[1].image",
          f"a gallery picture without its pin is refused at its field: {status} {body}")
    gallery["pictures"][1]["image"] = pins[1]
    _, saved = ed.put("/api/groups/lobby/draft", {"revision": saved["revision"], "playlist": playlist})
    status, published = pat.post("/api/groups/lobby/publish", {"revision": saved["revision"]})
    check(status == 200, f"the pinned gallery is published: {status} {published}")
    code, err = board_check(desk, nginx_port, "lobby")
    check(code == 0, f"the gallery edition checks with the desk's key: {code} {err}")

    x = Xvfb("640x360")
    st = os.path.join(tempdir(), "status.json")
    board = subprocess.Popen([deskrun.PLAYER, "play", f"http://127.0.0.1:{nginx_port}/lobby.json", "--trusted-key",
                              os.path.join(desk.dir, "keys", "desk.pub"), "--cache", tempdir(), "--state", tempdir(),
                              "--status", st, "--size", "640x360"], env=x.env, stderr=subprocess.DEVNULL)
    try:
        shown = set()
        def both():
            item = (status_of(st) or {}).get("item") or {}
            if item.get("id") == "tulips":
                shown.add(item.get("page"))
            return shown >= {1, 2}
        check(wait_for(both, 60), f"the board plays both pictures of the gallery: {shown} {status_of(st)}")
        check((status_of(st) or {}).get("last_error") is None, f"no picture refused: {status_of(st)}")
    finally:
        stop(board)
        x.close()


def test_urgent(desk, nginx_port):
    ed, pat = desk.client("ed"), desk.client("pat")
    notice = {"groups": "all", "headline": "暴雨预警", "text": "请勿靠近河道"}
    status, body = pat.post("/api/urgent", notice)
    check(status == 400 and body.get("at") == "expires", f"an urgent notice needs an expiry: {status} {body}")
    status, body = pat.post("/api/urgent", {**notice, "expires": "2001-01-01T00:00:00Z"})
    check(status == 400 and body.get("at") == "expires", f"an expiry in the past: {status} {body}")
    status, body = ed.post("/api/urgent", {**notice, "expires": "2099-01-01T00:00:00Z"})
    check(status == 403, f"an editor cannot send an urgent notice: {status}")
    expires = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    # Spaces (ASCII, ideographic, zero-width) are no headline: boards leave such a notice out.
    status, body = pat.post("/api/urgent", {**notice, "headline": " \u3000\u200b", "text": "\u3000 ", "expires": expires})
    check(status == 400 and body.get("at") == "headline", f"a blank notice is refused: {status} {body}")
    status, body = pat.post("/api/urgent", {**notice, "expires": expires})
    check(status == 200 and {e["group"] for e in body["editions"]} == {"park", "lobby"} and body["failed"] == [],
          f"urgent to all groups: {status} {body}")
    for group in ("park", "lobby"):
        data, _ = fetch(nginx_port, f"{group}.json")
        first = json.loads(data)["items"][0]
        check(first["priority"] == "urgent" and first["headline"] == "暴雨预警" and first["schedule"]["until"] == expires,
              f"{group}: the notice is first, urgent, with its expiry: {first}")
        check(board_check(desk, nginx_port, group)[0] == 0, f"{group}: signed and valid")
    _, d = ed.get("/api/groups/park/draft")
    check(d["playlist"]["items"][0]["headline"] == "暴雨预警", "the draft keeps the notice for the next publish")
    status, body = pat.post("/api/urgent", {**notice, "groups": ["park"], "headline": "\u3000 ", "expires": expires})
    check(status == 200 and body["failed"] == [], f"a notice with a blank headline and a text: {status} {body}")
    data, _ = fetch(nginx_port, "park.json")
    first = json.loads(data)["items"][0]
    check("headline" not in first and first["text"] == notice["text"], f"it goes out as its text alone: {first}")
    check(board_check(desk, nginx_port, "park")[0] == 0, "park: signed and valid, the notice kept")
    # A group named twice gets the notice once: one edition, one notice in it and in the draft.
    status, body = pat.post("/api/urgent", {**notice, "groups": ["lobby", "lobby"], "headline": "大风预警",
                                            "expires": expires})
    check(status == 200 and [e["group"] for e in body["editions"]] == ["lobby"],
          f"a group named twice is published once: {status} {body}")
    data, _ = fetch(nginx_port, "lobby.json")
    heads = [i.get("headline") for i in json.loads(data)["items"]]
    _, d = ed.get("/api/groups/lobby/draft")
    check(heads.count("大风预警") == 1 and [i.get("headline") for i in d["playlist"]["items"]].count("大风预警") == 1,
          f"one notice on the boards and in the draft: {heads}")
    # Refused for every group: a non-2xx, so an error and a code besides each group's reason.
    status, body = pat.post("/api/urgent", {**notice, "groups": ["park"], "headline": "长" * 201, "expires": expires})
    check(status == 422 and body.get("failed") and body["failed"][0]["code"] == "publish_has_errors",
          f"a notice no board can show is refused for each group: {status} {body}")
    check(body.get("code") == "publish_has_errors" and "park" in body.get("error", ""),
          f"the refusal has the error and code every non-2xx has: {body}")


def test_urgent_without_groups():
    """A desk with no groups yet: "all" names none, refused at groups with a code (it was a 422
    with neither error nor code)."""
    desk = Desk(groups=()).start()
    try:
        expires = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
        status, body = desk.client("pat").post("/api/urgent", {"groups": "all", "headline": "暴雨预警", "expires": expires})
        check(status == 400 and body.get("code") == "groups_missing" and body.get("at") == "groups",
              f"urgent to all of no groups: {status} {body}")
    finally:
        desk.stop()


def test_urgent_while_editors_save(desk):
    """Editors keep saving the draft while urgent notices are sent: every notice stays in the
    draft (a save that raced the notice's own used to make it lose its place unseen, and the
    next publish dropped the notice before its expiry)."""
    ed, pat = desk.client("ed"), desk.client("pat")
    stop_saving = threading.Event()

    def keep_saving():
        while not stop_saving.is_set():
            _, d = ed.get("/api/groups/lobby/draft")
            ed.put("/api/groups/lobby/draft", {"revision": d["revision"], "playlist": d["playlist"]})

    saver = threading.Thread(target=keep_saving)
    saver.start()
    sent = []
    try:
        for i in range(8):
            expires = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
            status, body = pat.post("/api/urgent", {"groups": ["lobby"], "headline": f"通知 {i}", "expires": expires})
            check(status == 200, f"urgent notice {i}: {status} {body}")
            sent.append(f"通知 {i}")
    finally:
        stop_saving.set()
        saver.join()
    _, d = ed.get("/api/groups/lobby/draft")
    kept = {item.get("headline") for item in d["playlist"]["items"]}
    check(all(h in kept for h in sent), f"every urgent notice is in the draft: missing {[h for h in sent if h not in kept]}")


def test_admin_and_audit(desk):
    ada, pat, ed = desk.client("ada"), desk.client("pat"), desk.client("ed")
    status, body = pat.get("/api/audit")
    check(status == 403, f"a publisher cannot read the audit log: {status}")
    status, log = ada.get("/api/audit?limit=500")
    actions = [(e["action"], e["user"], e["target"]) for e in log["entries"]]
    check(("publish", "pat", "park") in actions and ("restore", "pat", "park") in actions and ("urgent", "pat", "lobby") in actions,
          f"publishes, restores and urgent notices are audited: {actions[:12]}")
    check(all(e["address"] == "127.0.0.1" for e in log["entries"] if e["action"] == "publish"), "from where")
    check(("login.failed", "", "ed") not in actions, "sanity")

    status, body = ada.post("/api/users", {"name": "x'); DROP TABLE users;--", "role": "editor", "password": deskrun.PASSWORD})
    check(status == 400 and body.get("at") == "name", f"quotes and spaces are not in names: {status} {body}")
    for name in ("张\u3000三", "ed\u00a0", "ed\u0085"):
        status, body = ada.post("/api/users", {"name": name, "role": "editor", "password": deskrun.PASSWORD})
        check(status == 400 and body.get("at") == "name", f"no space or control of any script in {name!r}: {status} {body}")
    evil = "x);DROP_TABLE_users;--%"
    status, body = ada.post("/api/users", {"name": evil, "role": "editor", "password": deskrun.PASSWORD})
    check(status == 201 and body["name"] == evil, f"an SQL-looking name is just a name: {status} {body}")
    check(deskrun.Client(desk.port).login(evil)[0] == 200, "and can sign in")
    status, body = pat.post("/api/users", {"name": "eve", "role": "admin", "password": deskrun.PASSWORD})
    check(status == 403, f"a publisher cannot add users: {status}")
    status, body = ada.post("/api/users", {"name": "ed", "role": "admin", "password": deskrun.PASSWORD})
    check(status == 409, f"a taken name: {status}")
    status, body = ada.request("PUT", "/api/users/ed", {"role": "publisher"})
    check(status == 200 and body["role"] == "publisher", f"role change: {status} {body}")
    status, me = ed.get("/api/me")
    check(me["role"] == "publisher", "the new role applies at once")
    # A field of the wrong type is refused at that field, never taken for an absent one (that
    # answered 200 having changed nothing: an admin's script believed a password was reset).
    for bad in ({"password": 12345678901}, {"password": ["another long password"]}, {"role": ["admin"]}, {"role": 1}):
        status, body = ada.request("PUT", "/api/users/ed", bad)
        key = next(iter(bad))
        check(status == 400 and body.get("at") == key, f"PUT /api/users/ed {bad}: 400 at {key} ({status} {body})")
    check(ed.get("/api/me")[0] == 200, "a refused password change ends no session")
    status, body = ada.post("/api/groups", {"id": "plaza", "name": ["广场"]})
    check(status == 400 and body.get("at") == "name", f"a group name that is not text: {status} {body}")
    status, body = deskrun.Client(desk.port).login(["ed"], deskrun.PASSWORD)
    check(status == 400 and body.get("at") == "user", f"a user name that is not text: {status} {body}")
    status, body = ada.request("PUT", "/api/users/ed", {"password": "another long password"})
    check(ed.get("/api/me")[0] == 401, "a new password ends the user's sessions")
    status, body = ada.request("DELETE", "/api/users/ada")
    check(status == 409, f"an admin cannot remove themselves: {status}")
    status, body = ada.post("/api/groups", {"id": "../etc", "name": "x"})
    check(status == 400 and body.get("at") == "id", f"a path in a group id: {status} {body}")
    status, body = ada.post("/api/groups", {"id": "square", "name": "广场"})
    check(status == 201, f"a new group: {status} {body}")
    # The name is the starter draft's title and headline: what the boards' checker refuses
    # there is refused here, at the name, and nothing is made.
    for name in ("广" * 201, "广\u0007场", "广\n场", "   "):
        status, body = ada.post("/api/groups", {"id": "bad-name", "name": name})
        check(status == 400 and body.get("at") == "name" and body.get("code") == "group_name_invalid",
              f"group name {name[:8]!r}…: 400 at name ({status} {body})")
    status, body = ada.post("/api/groups", {"id": "long-name", "name": "广" * 200})
    check(status == 201, f"a name of 200 characters (600 bytes) fits: {status} {body}")
    status, draft = ada.get("/api/groups/long-name/draft")
    check(status == 200 and draft["problems"] == [], f"and its starter draft is valid: {status} {draft.get('problems')}")
    status, groups = ada.get("/api/groups")
    check("bad-name" not in [g["id"] for g in groups["groups"]], "no group was made of a refused name")
    status, groups = ada.get("/api/groups")
    park = [g for g in groups["groups"] if g["id"] == "park"][0]
    check(park["edition"]["number"] >= 4 and park["draft"]["revision"] >= 1, f"groups show draft and edition: {park}")


def main():
    d = Desk().start()
    nginx, port = nginx_for(d)
    try:
        test_publish_and_check(d, port)
        test_history(d, port)
        test_invalid_draft_refused(d)
        test_gallery_pins(d, port)
        test_urgent(d, port)
        test_urgent_without_groups()
        test_urgent_while_editors_save(d)
        test_admin_and_audit(d)
    finally:
        servers.stop_nginx(nginx)
        d.stop()
    finish("desk publish")


if __name__ == "__main__":
    main()
