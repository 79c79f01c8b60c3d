"""Previews are the board: the desk's PNG of each page is byte for byte what `newsboard
render` writes for the same playlist, size, rotation and instant (docs/desk-api.md, Preview)."""
import json
import os
import subprocess

import deskrun
from deskrun import Desk
from nbtest import check, finish, png_size, DEMO, SOURCE_DIR
from test_media import upload

AT = "2019-04-08T09:00:00+08:00"


def demo_with_uploaded_media(client):
    """The demo playlist with its pictures uploaded and pointed at the desk's media."""
    playlist = json.load(open(DEMO, encoding="utf-8"))
    playlist.pop("$schema", None)
    for item in playlist["items"]:
        image = item.get("image")
        if not image:
            continue
        src = image["src"] if isinstance(image, dict) else image
        status, up = upload(client, os.path.basename(src), open(os.path.join(os.path.dirname(DEMO), src), "rb").read())
        assert status == 200, up
        item["image"] = {"src": up["src"], "sha256": up["sha256"]}
    return playlist


def test_identical_to_render(desk):
    ed = desk.client("ed")
    playlist = demo_with_uploaded_media(ed)
    _, draft = ed.get("/api/groups/park/draft")
    status, saved = ed.put("/api/groups/park/draft", {"revision": draft["revision"], "playlist": playlist})
    check(status == 200 and not [p for p in saved["problems"] if p["severity"] == "error"], f"demo saved: {saved}")

    query = f"size=1080x1920&rotate=90&at={AT.replace('+', '%2B')}"
    status, listing = ed.get(f"/api/groups/park/preview/pages?{query}")
    check(status == 200 and len(listing["pages"]) >= 3, f"pages: {status} {listing}")

    # The same playlist through `newsboard render`, its media beside it in public/.
    playlist["id"] = "park"
    path = os.path.join(desk.dir, "public", "compare.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(playlist, f, ensure_ascii=False, indent=2)
    out = os.path.join(desk.dir, "render")
    p = subprocess.run([deskrun.PLAYER, "render", path, "-o", out, "--size", "1080x1920", "--rotate", "90", "--at", AT],
                       capture_output=True, timeout=240)
    check(p.returncode == 0, f"newsboard render: {p.stderr.decode()[-500:]}")
    layout = json.load(open(os.path.join(out, "layout.json"), encoding="utf-8"))
    check([(pg["slide"], pg["page"]) for pg in layout["pages"]] == [(pg["item"], pg["number"]) for pg in listing["pages"]],
          "the same pages in the same order as render's layout.json")
    for n in (1, 2, len(listing["pages"])):
        status, png = ed.get(f"/api/groups/park/preview?{query}&page={n}", raw=True)
        rendered = open(os.path.join(out, "%03d.png" % n), "rb").read()
        check(status == 200 and ed.last_headers["content-type"] == "image/png", f"page {n}: {status}")
        check(png == rendered, f"page {n} is byte for byte render's {n:03d}.png ({len(png)} vs {len(rendered)} bytes)")
    status, sheet = ed.get(f"/api/groups/park/sheet?{query}", raw=True)
    check(status == 200 and sheet == open(os.path.join(out, "sheet.png"), "rb").read(), "the contact sheet is render's")
    with open(os.path.join(desk.dir, "page.png"), "wb") as f:
        f.write(png)
    check(png_size(os.path.join(desk.dir, "page.png")) == (1920, 1080), "rotate=90 turns the picture for the panel")


def test_bad_requests(desk):
    ed = desk.client("ed")
    for query, want in [("size=99999x1", 400), ("size=abc", 400), ("rotate=45", 400), ("at=tomorrow", 400),
                        ("at=2019-04-08T09:00:00", 400), ("page=0", 404), ("page=999", 404), ("page=-1", 400),
                        ("edition=7", 404), ("edition=x", 400)]:
        status, body = ed.get(f"/api/groups/park/preview?{query}")
        check(status == want and "error" in body, f"{query}: {want} (got {status} {body})")
    # An offset typed as it is written, '+' and all, is an offset (a query's '+' was read as a
    # space, and the time refused as having "no UTC offset; add one like +08:00").
    for query in ("at=2026-04-08T09:00:00+08:00", "at=2026-04-08T09:00:00%2B08:00"):
        status, body = ed.get(f"/api/groups/park/preview/pages?{query}")
        check(status == 200 and body.get("at") == "2026-04-08T01:00:00Z", f"{query}: 200 at 01:00Z ({status} {body})")
    status, body = deskrun.Client(desk.port).get("/api/groups/park/preview")
    check(status == 401, f"logged out: {status}")


def main():
    d = Desk().start()
    try:
        test_identical_to_render(d)
        test_bad_requests(d)
    finally:
        d.stop()
    finish("desk preview")


if __name__ == "__main__":
    main()
