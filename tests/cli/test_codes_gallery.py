"""QR codes and galleries, rendered at 1920x1080, 1080x1920 and 3840x2160.

Every QR code layout.json records is in the PNG and a real decoder (zbarimg, Debian's
zbar-tools) reads it back as its link; it is large enough to scan from a metre or two and
covers no text. A gallery shows each picture on a page of its own for its share of the item's
duration, with that picture's caption and credit; the schedule, the index and the ticker
treat it as one item."""
import json
import os
import shutil
import subprocess

from nbtest import DEMO, SOURCE_DIR, check, finish, run, tempdir

GALLERY = os.path.join(SOURCE_DIR, "playlists", "gallery.json")
SHORT = os.path.join(SOURCE_DIR, "playlists", "short-texts.json")
AT = "2019-04-08T09:00:00+08:00"
SIZES = ["1920x1080", "1080x1920", "3840x2160"]


renders = {}


def render(source, size, at=AT):
    """(folder, layout.json) of a render, each made once."""
    if (source, size, at) in renders:
        return renders[(source, size, at)]
    out = tempdir()
    code, _, err = run("render", source, "-o", out, "--size", size, "--at", at)
    check(code == 0, f"{size}: render {os.path.basename(source)} exited {code}: {err}")
    with open(os.path.join(out, "layout.json"), encoding="utf-8") as f:
        renders[(source, size, at)] = out, json.load(f)
    return renders[(source, size, at)]


def decoded(png):
    r = subprocess.run(["zbarimg", "--raw", "-q", png], capture_output=True, text=True, timeout=60)
    return sorted(line for line in r.stdout.splitlines() if line)


def overlaps(a, b):
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


# A long article with a link: the code stands beside the header on page one. Variants live in
# a folder of their own with a copy of the demo's media (paths stay relative to the playlist).
folder = tempdir()
shutil.copytree(os.path.join(os.path.dirname(DEMO), "media"), os.path.join(folder, "media"))
with open(DEMO, encoding="utf-8") as f:
    demo = json.load(f)
demo["items"][0]["link"] = "https://example.com/jining-gaoxin/2019-04-08/meeting?from=board"
for item in demo["items"]:
    if item["type"] == "photo":
        item["link"] = "https://example.com/p/tulips"
LINKED = os.path.join(folder, "linked.json")
with open(LINKED, "w", encoding="utf-8") as f:
    json.dump(demo, f, ensure_ascii=False)

sides = []
for source in (GALLERY, SHORT, LINKED):  # LINKED is the demo with links, and its "follow"
    for size in SIZES:
        w, h = map(int, size.split("x"))
        out, layout = render(source, size)
        codes_seen = 0
        for page in layout["pages"]:
            where = f"{size} {os.path.basename(source)} {page['file']} {page['slide']}"
            want = sorted(c["text"] for c in page["codes"])
            if not want:
                continue  # the decoder costs seconds a page on a loaded machine; read what has codes
            got = decoded(os.path.join(out, page["file"]))
            check(got == want, f"{where}: zbarimg read {got}, layout.json says {want}")
            for code in page["codes"]:
                codes_seen += 1
                box = code["box"]
                sides.append(box["w"] / min(w, h))
                check(code["text"].startswith("https://"), f"{where}: code for {code['text']!r}")
                check(box["w"] >= 0.18 * min(w, h), f"{where}: a {box['w']} px code is too small to scan from 1-2 m")
                check(box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["w"] <= w and box["y"] + box["h"] <= h,
                      f"{where}: code off screen: {box}")
                for line in page["lines"]:
                    if line["text"].strip() and line["role"] not in ("masthead", "clock", "ticker"):
                        check(not overlaps(box, line["box"]), f"{where}: the code covers {line['text'][:10]!r}")
                labels = [l for l in page["lines"] if l["role"] == "code"]
                check(labels and all(l["box"]["y"] >= box["y"] + box["h"] for l in labels),
                      f"{where}: no line under the code")
        check(codes_seen > 0, f"{size} {os.path.basename(source)}: no QR code at all")

# The gallery: one page per picture, its share of the duration, its own caption and credit.
with open(GALLERY, encoding="utf-8") as f:
    gallery = json.load(f)
item = gallery["items"][0]
for size in SIZES:
    out, layout = render(GALLERY, size)
    pages = [p for p in layout["pages"] if p["slide"] == item["id"]]
    check(len(pages) == len(item["pictures"]), f"{size}: {len(pages)} pages for {len(item['pictures'])} pictures")
    check(sum(p["duration"] for p in pages) == item["duration"], f"{size}: durations {[p['duration'] for p in pages]}")
    for page, picture in zip(pages, item["pictures"]):
        caption = "".join(l["text"] for l in page["lines"] if l["role"] == "caption")
        credit = "".join(l["text"] for l in page["lines"] if l["role"] == "credit")
        check(caption == picture["caption"] and credit == picture["credit"],
              f"{size} page {page['page']}: caption {caption!r}, credit {credit!r}")
        check(page["pages"] == len(pages), f"{size}: page {page['page']} of {page['pages']}")
    # The ticker (no "ticker" key: the headlines) names the gallery once.
    ticker = "".join(l["text"] for l in pages[0]["lines"] if l["role"] == "ticker")
    check(ticker.count(item["headline"]) == 1, f"{size}: the ticker reads {ticker!r}")

# The schedule takes or leaves the gallery whole.
scheduled = json.loads(json.dumps(gallery))
scheduled["items"][0]["schedule"] = {"hours": "10:00-12:00"}
path = os.path.join(folder, "scheduled.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(scheduled, f, ensure_ascii=False)
_, early = render(path, "1920x1080", "2019-04-08T09:00:00+08:00")
_, during = render(path, "1920x1080", "2019-04-08T11:00:00+08:00")
check(all(p["slide"] != "tulips" for p in early["pages"]), "the gallery shows outside its hours")
check(sum(p["slide"] == "tulips" for p in during["pages"]) == 3, "the gallery is not shown whole in its hours")

# An index lists the gallery once.
indexed = json.loads(json.dumps(scheduled))
del indexed["items"][0]["schedule"]
indexed["items"].insert(0, {"id": "index", "type": "index"})
path = os.path.join(folder, "indexed.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(indexed, f, ensure_ascii=False)
_, layout = render(path, "1920x1080")
listed = [l["text"] for p in layout["pages"] if p["slide"] == "index" for l in p["lines"] if l["role"] == "headline"]
check(sum(item["headline"] in t for t in listed) == 1, f"the index lists {listed}")

# A bad link or gallery is a located error, and the rest still renders.
broken = json.loads(json.dumps(indexed))
broken["items"][1]["link"] = "http://example.com/x"
with open(path, "w", encoding="utf-8") as f:
    json.dump(broken, f, ensure_ascii=False, indent=1)
code, _, err = run("check", path)
check(code == 1 and "error: items[1].link: a link must start with https://" in err, f"check: {code} {err}")

# Upright, the words under a gallery's picture fill their panel (the lower 40 % of the content
# area) rather than leaving half of it empty paper; the caption is never below its standard size.
_, layout = render(GALLERY, "1080x1920")
for page in (p for p in layout["pages"] if p["slide"] == "tulips"):
    c, block = page["content"], page["block"]
    panel = c["y"] + c["h"] - (c["y"] + round(c["h"] * 0.6))
    check(block["h"] >= 0.6 * panel, f"{page['file']}: the words fill {block['h'] / panel:.0%} of their panel")
    caption = [l["size"] for l in page["lines"] if l["role"] == "caption"]
    check(caption and min(caption) >= 35, f"{page['file']}: caption sizes {caption}")

print("QR code side / shorter screen side:", sorted(set(round(s, 3) for s in sides)))
finish("codes_gallery")
