"""`newsboard render` on the demo at every supported screen: the pages exist at the right size,
and layout.json obeys the typography contract: kinsoku, every character of every paragraph
exactly once, every box on screen, body text never below 1/36 of the shorter side."""
import json
import os

from nbtest import DEMO, SOURCE_DIR, check, finish, png_size, run, tempdir

NO_START = set("，。、；：？！）》」』〉】〕”’,.;:?!)]}%")
NO_END = set("（《「『〈【〔“‘([{")

with open(DEMO, encoding="utf-8") as f:
    playlist = json.load(f)
articles = {i["id"]: i for i in playlist["items"] if i["type"] == "article"}

for size in ["1080x1920", "1920x1080", "1280x720", "3840x2160"]:
    w, h = map(int, size.split("x"))
    out = tempdir()
    code, _, err = run("render", DEMO, "-o", out, "--size", size, "--at", "2019-04-08T09:00:00+08:00")
    check(code == 0, f"{size}: render exited {code}: {err}")
    with open(os.path.join(out, "layout.json"), encoding="utf-8") as f:
        layout = json.load(f)
    pages = layout["pages"]
    check(len(pages) >= len(playlist["items"]), f"{size}: {len(pages)} pages for {len(playlist['items'])} items")
    check(png_size(os.path.join(out, "sheet.png"))[0] > 0, f"{size}: no sheet.png")
    shown = {p["slide"] for p in pages}
    check(shown == {i["id"] for i in playlist["items"]}, f"{size}: slides shown {shown}")

    body_text = {k: "" for k in articles}
    for page in pages:
        check(png_size(os.path.join(out, page["file"])) == (w, h), f"{size}: {page['file']} is not {w}x{h}")
        boxes = [(l["box"], l["text"]) for l in page["lines"] if l["text"].strip()]
        for i, (a, ta) in enumerate(boxes):
            for b, tb in boxes[:i]:
                if (a["x"] < b["x"] + b["w"] - 0.5 and b["x"] < a["x"] + a["w"] - 0.5 and
                        a["y"] < b["y"] + b["h"] - 0.5 and b["y"] < a["y"] + a["h"] - 0.5):
                    check(False, f"{size} {page['file']}: {ta[:10]!r} overlaps {tb[:10]!r}")
        for line in page["lines"]:
            b = line["box"]
            where = f"{size} {page['file']} {line['role']} {line['text'][:12]!r}"
            check(b["x"] >= -0.5 and b["y"] >= -0.5 and b["x"] + b["w"] <= w + 0.5 and b["y"] + b["h"] <= h + 0.5,
                  f"{where}: box {b} off screen")
            if line["role"] in ("body", "headline", "caption", "subhead", "text"):
                t = line["text"].strip()
                if t:
                    check(t[0] not in NO_START, f"{where}: line starts with {t[0]!r}")
                    check(t[-1] not in NO_END, f"{where}: line ends with {t[-1]!r}")
            if line["role"] == "body":
                check(line["size"] >= (min(w, h) + 35) // 36, f"{where}: body size {line['size']} below 1/36")
                check(line["font"].endswith(".otf") or line["font"].endswith(".ttc") or line["font"].endswith(".ttf"),
                      f"{where}: font {line['font']!r}")
                body_text[page["slide"]] += line["text"]
    for key, item in articles.items():
        check(body_text[key] == "".join(item["body"]),
              f"{size}: the body of {key} is not laid out exactly once "
              f"({len(body_text[key])} of {len(''.join(item['body']))} characters)")

# A turned panel gets turned pictures.
out = tempdir()
code, _, err = run("render", DEMO, "-o", out, "--size", "1920x1080", "--rotate", "90")
check(code == 0, f"rotate: exit {code}: {err}")
check(png_size(os.path.join(out, "001.png")) == (1080, 1920), "rotate 90: page is not 1080x1920")

# Broken items are reported and skipped; the other slides still render (exit 1: content invalid).
folder = tempdir()
os.makedirs(os.path.join(folder, "media"))
with open(os.path.join(SOURCE_DIR, "playlists", "media", "garden.jpg"), "rb") as f:
    photo = f.read()
with open(os.path.join(folder, "media", "garden.jpg"), "wb") as f:
    f.write(photo)
with open(os.path.join(folder, "media", "cut.jpg"), "wb") as f:
    f.write(photo[:5000])  # a download cut short: the header reads, the pixels do not
broken = dict(playlist)
broken["items"] = playlist["items"][:1] + [
    {"id": "missing", "type": "photo", "headline": "没有图", "image": "media/none.jpg"},
    {"id": "cut", "type": "photo", "headline": "半张图", "image": "media/cut.jpg"},
] + playlist["items"][1:]
with open(os.path.join(folder, "broken.json"), "w", encoding="utf-8") as f:
    json.dump(broken, f, ensure_ascii=False, indent=1)
out = tempdir()
code, _, err = run("render", os.path.join(folder, "broken.json"), "-o", out, "--at", "2019-04-08T09:00:00+08:00")
check(code == 1, f"broken items: exit {code} (want 1)")
check("none.jpg" in err and "cut.jpg" in err, f"broken items not reported: {err}")
with open(os.path.join(out, "layout.json"), encoding="utf-8") as f:
    layout = json.load(f)
check({s["slide"] for s in layout["skipped"]} == {"missing", "cut"}, f"skipped: {layout['skipped']}")
check({p["slide"] for p in layout["pages"]} == {i["id"] for i in playlist["items"]},
      "the good slides were not all rendered beside the broken ones")

# A render that shows nothing leaves nothing of an earlier render in its folder: no page, and
# no contact sheet of the pages that are gone.
out = tempdir()
check(run("render", DEMO, "-o", out, "--at", "2019-04-08T09:00:00+08:00")[0] == 0, "demo render failed")
later = os.path.join(folder, "later.json")
with open(later, "w", encoding="utf-8") as f:
    json.dump({"version": 1, "id": "later", "items": [
        {"id": "due", "type": "notice", "headline": "明天", "schedule": {"from": "2030-01-01"}}]}, f)
code, _, err = run("render", later, "-o", out, "--at", "2019-04-08T09:00:00+08:00")
check(code == 0 and "no item is shown" in err, f"nothing shown: exit {code}: {err}")
left = sorted(n for n in os.listdir(out) if n.endswith(".png"))
check(left == [], f"an earlier render's pictures stay beside an empty layout.json: {left}")

# The contact sheet is as much the render's output as its pages: one that cannot be written is
# a runtime failure (3), as a page or layout.json that cannot be.
out = tempdir()
os.makedirs(os.path.join(out, "sheet.png", "in-the-way"))
code, _, err = run("render", DEMO, "-o", out, "--at", "2019-04-08T09:00:00+08:00")
check(code == 3 and "sheet.png" in err, f"an unwritable sheet.png: exit {code} (want 3): {err}")

# Usage errors are exit 2.
check(run("render", DEMO)[0] == 2, "render without -o is not a usage error")
check(run("render", DEMO, "-o", tempdir(), "--size", "huge")[0] == 2, "--size huge is not a usage error")
check(run("render", DEMO, "-o", tempdir(), "--at", "yesterday")[0] == 2, "--at yesterday is not a usage error")

finish("render")
