"""Pages that fill the board, checked in layout.json at 1920x1080, 1080x1920 and 3840x2160:
a text that fits on one page covers most (FILL_MOST) of the content area's height; the brief's
long headline grows with its body on an upright board; a landscape board sets a short text in one
measure of at most 28 characters a line; no paragraph
ends on a line of one character and its punctuation (孤字); every line of a text page stays
inside the content area; the body is never smaller than the standard size; the demo's long
articles take as many pages as before, in three columns on a 4K board; the last page's columns
end together; a grown body never comes closer to its headline than 1 : 1.45."""
import json
import os
import unicodedata

from nbtest import DEMO, SOURCE_DIR, check, finish, run, tempdir

SHORT = os.path.join(SOURCE_DIR, "playlists", "short-texts.json")
AT = "2019-04-08T09:00:00+08:00"
SIZES = ["1920x1080", "1080x1920", "3840x2160"]
TEXT_PAGES = {"article", "notice"}
# The demo's articles took two pages each at every size before pages were composed to fill.
DEMO_PAGES = {"meeting": 2, "shuangji": 2}
# A grown body's headline is at least this much larger (render/article.cpp, kHeadlineOverBody).
HEADLINE_OVER_BODY = 1.45
# "Fills most of the content area": the share of its height a one-page text's block covers.
# A quatrain on an upright board, bound by its line width, is the lowest (0.63).
FILL_MOST = 0.6
# The one-paragraph brief at 1080x1920 before its headline grew with its body (px).
BRIEF_UPRIGHT_BEFORE = {"body": 47, "headline": 69}


def letters(s):
    return sum(1 for c in s if not unicodedata.category(c).startswith(("P", "Z", "C")))


def render(source, size):
    out = tempdir()
    code, _, err = run("render", source, "-o", out, "--size", size, "--at", AT)
    check(code == 0, f"{size}: render {os.path.basename(source)} exited {code}: {err}")
    with open(os.path.join(out, "layout.json"), encoding="utf-8") as f:
        return json.load(f)


def inside(b, area):
    return (b["x"] >= area["x"] - 0.5 and b["y"] >= area["y"] - 0.5 and
            b["x"] + b["w"] <= area["x"] + area["w"] + 0.5 and b["y"] + b["h"] <= area["y"] + area["h"] + 0.5)


fills, ratios = [], []
for source in (SHORT, DEMO):
    with open(source, encoding="utf-8") as f:
        types = {i["id"]: i["type"] for i in json.load(f)["items"]}
    for size in SIZES:
        w, h = map(int, size.split("x"))
        standard = max((min(w, h) + 35) // 36, min(w, h) // 26)  # the body size before this change
        layout = render(source, size)
        pages = {}
        for page in layout["pages"]:
            pages[page["slide"]] = page["pages"]
            where = f"{size} {page['slide']} {page['page']}/{page['pages']}"
            area, block = page["content"], page["block"]
            own = [l for l in page["lines"] if l["role"] not in ("masthead", "clock", "ticker", "page")]
            if types[page["slide"]] in TEXT_PAGES:
                for line in own:
                    check(inside(line["box"], area), f"{where}: {line['text'][:10]!r} outside the content area")
                if page["pages"] == 1:
                    fill = block["h"] / area["h"]
                    fills.append((size, page["slide"], round(fill, 2)))
                    check(fill >= FILL_MOST, f"{where}: the text covers {fill:.0%} of the content area's height")
            for line in own:
                if line["last"] and line["role"] in ("body", "text", "caption") and letters(line["text"]) < 2:
                    # A one-line paragraph may be one word; only a runt under other lines counts.
                    before = [l for l in own if l.get("paragraph") == line.get("paragraph") and l["role"] == "body"]
                    check(line.get("paragraph") is None or len(before) < 2,
                          f"{where}: a paragraph ends on {line['text']!r}")
                if line["role"] == "body":
                    # Three columns on a 4K board may go down to 3/4 of the standard size.
                    floor = standard * 3 // 4 if w >= 3000 and page["pages"] > 1 else standard * 6 // 7
                    check(line["size"] >= floor, f"{where}: body size {line['size']} below the floor {floor}")
            body_sizes = [l["size"] for l in own if l["role"] in ("body", "text")]
            headlines = [l["size"] for l in own if l["role"] == "headline"]
            if page["pages"] == 1 and body_sizes and headlines and max(body_sizes) > standard:
                check(min(headlines) >= HEADLINE_OVER_BODY * max(body_sizes) - 1,
                      f"{where}: the headline ({min(headlines)} px) is not clearly larger than the grown body "
                      f"({max(body_sizes)} px)")
                ratios.append((size, page["slide"], round(min(headlines) / max(body_sizes), 2)))
            if w >= 3000 and types[page["slide"]] == "article" and page["pages"] > 1:
                columns = {round(l["box"]["x"]) for l in own if l["role"] == "body"}
                check(len(columns) == 3, f"{where}: a long text at 4K is set in {len(columns)} columns, not 3")
            # Columns that share the last page end within a line of each other.
            body = [l for l in own if l["role"] == "body"]
            if page["page"] == page["pages"] > 1 and body:
                bottoms = {}
                for l in body:
                    bottoms[l["box"]["x"]] = max(bottoms.get(l["box"]["x"], 0), l["box"]["y"] + l["box"]["h"])
                cols = sorted(bottoms.values())
                if len(cols) > 1:
                    check(cols[-1] - cols[0] <= 2.5 * body[0]["box"]["h"], f"{where}: columns end at {cols}")
        if source == SHORT and size == "1080x1920":
            brief = [l for p in layout["pages"] if p["slide"] == "brief" for l in p["lines"]]
            body = max(l["size"] for l in brief if l["role"] == "body")
            headline = min(l["size"] for l in brief if l["role"] == "headline")
            check(body > BRIEF_UPRIGHT_BEFORE["body"] and headline > BRIEF_UPRIGHT_BEFORE["headline"],
                  f"{size}: the brief's body ({body} px) and headline ({headline} px) did not grow together")
        if source == SHORT and w > h:
            for page in layout["pages"]:
                if types[page["slide"]] != "article":
                    continue
                longest = max(len(l["text"]) for l in page["lines"] if l["role"] == "body")
                check(longest <= 28, f"{size} {page['slide']}: a short text's line holds {longest} characters")
        if source == SHORT:
            for slide, count in pages.items():
                check(count == 1, f"{size}: short text {slide} takes {count} pages")
            sizes = [l["size"] for p in layout["pages"] for l in p["lines"] if l["role"] == "body"]
            check(min(sizes) > standard, f"{size}: the short texts' body ({min(sizes)} px) did not grow over {standard}")
        else:
            for slide, count in DEMO_PAGES.items():
                check(pages.get(slide) == count, f"{size}: {slide} takes {pages.get(slide)} pages, not {count}")

print("fill (text block height / content area height):", fills)
print("headline / grown body:", ratios)
finish("layout_fill")
