"""Texts as long as the format allows stay where they belong on every board: the playlist's title
keeps to the masthead's one line, and a photo's or a gallery picture's long caption, and a
notice's long text, are cut (with "…") to the room the page has instead of running under the
ticker and off the screen; a full-screen image's long caption is cut to a few lines, at most a
fifth of the picture's height, so the picture stays the page; the credit under a caption and a notice's QR code are still shown. So
are a gallery's 500-character kicker and a photo's or picture's 500-character credit (CJK, Latin
with spaces and Latin without), the caption beside them kept."""
import json
import os
import shutil

from nbtest import SOURCE_DIR, check, finish, run, tempdir

DEMO_CAPTION = ("清明假期,外出踏青郊游、赏花看景成为了不少市民的选择。蓼河湿地公园17万株绚丽多彩的郁金香争相怒放,"
                "仅清明节三天假期,便吸引来2万余人次前来观赏游玩。")
CAPTION = (DEMO_CAPTION * 6)[:300]  # the limit is 500
TITLE = ("济宁高新区融媒体中心 · 蓼河湿地公园郁金香文化旅游节特别报道 · " * 4)[:120]  # the limit is 200
CREDIT = "本报记者 孔茜 通讯员 臧盛博 摄"
NOTICE = (DEMO_CAPTION * 8)[:500]  # the limit is 500
NOTICE_HEADLINE = "关于蓼河湿地公园清明假期游园、交通管制及停车安排的通知(请市民朋友相互转告)"
# Staff texts at their limit of 500 characters: a kicker or credit pasted from somewhere else.
STAFF = {
    "cjk": (DEMO_CAPTION * 8)[:500],
    "latin": ("Photograph by the staff photographer of the Jining Gaoxin media centre, used with permission. "
              * 6)[:500],
    "unspaced": ("PhotographbytheJiningGaoxinmediacentre" * 14)[:500],
}

folder = tempdir()
os.makedirs(os.path.join(folder, "media"))
shutil.copy(os.path.join(SOURCE_DIR, "playlists", "media", "garden.jpg"), os.path.join(folder, "media"))
playlist = {
    "version": 1, "id": "long-texts", "title": TITLE,
    "items": [
        {"id": "photo", "type": "photo", "image": "media/garden.jpg", "headline": "“郁”你相见",
         "caption": CAPTION, "credit": CREDIT},
        {"id": "gallery", "type": "gallery", "headline": "“郁”你相见", "kicker": "图片新闻",
         "pictures": [{"image": "media/garden.jpg", "caption": CAPTION, "credit": CREDIT},
                      {"image": "media/garden.jpg", "caption": "短的说明。"}]},
        {"id": "image", "type": "image", "image": "media/garden.jpg", "caption": CAPTION},
        {"id": "notice", "type": "notice", "headline": NOTICE_HEADLINE, "text": NOTICE},
        {"id": "linked", "type": "notice", "headline": NOTICE_HEADLINE, "text": NOTICE[:300],
         "link": "https://example.com/jining-gaoxin/notice"},
    ],
}
for name, staff in STAFF.items():
    playlist["items"] += [
        {"id": f"credit-{name}", "type": "photo", "image": "media/garden.jpg", "headline": "“郁”你相见",
         "caption": CAPTION[:60], "credit": staff, "link": "https://example.com/jining-gaoxin/photo"},
        {"id": f"kicker-{name}", "type": "gallery", "headline": "“郁”你相见", "kicker": staff,
         "pictures": [{"image": "media/garden.jpg", "caption": CAPTION[:60], "credit": staff},
                      {"image": "media/garden.jpg", "caption": "短的说明。"}]},
    ]
STAFF_PAGES = 3 * len(STAFF)
path = os.path.join(folder, "long.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(playlist, f, ensure_ascii=False)

for size in ["1920x1080", "1080x1920"]:
    out = tempdir()
    code, _, err = run("render", path, "-o", out, "--size", size)
    check(code == 0, f"{size}: render exited {code}: {err}")
    with open(os.path.join(out, "layout.json"), encoding="utf-8") as f:
        pages = json.load(f)["pages"]
    check(len(pages) == 6 + STAFF_PAGES, f"{size}: {len(pages)} pages")
    height = int(size.split("x")[1])
    for page in pages:
        where = f"{size} {page['file']} ({page['slide']})"
        area = page["content"]
        masthead = [line for line in page["lines"] if line["role"] == "masthead"]
        check(len(masthead) == 1, f"{where}: the title takes {len(masthead)} lines")
        for line in masthead:
            b = line["box"]
            check(b["y"] + b["h"] <= area["y"], f"{where}: the title's line {b} reaches into the page {area}")
        words = [line for line in page["lines"]
                 if line["role"] in ("kicker", "headline", "caption", "credit", "counter", "text", "code")]
        # A full-screen image's caption is laid over the picture, on the shade above the ticker,
        # not in the content area: checked below.
        for line in words if page["slide"] != "image" else []:
            b = line["box"]
            check(area["y"] - 0.5 <= b["y"] and b["y"] + b["h"] <= area["y"] + area["h"] + 0.5,
                  f"{where}: {line['role']} {line['text'][:12]!r} at {b} is outside the page's area {area}")
        for code in page["codes"]:
            b = code["box"]
            check(area["y"] - 0.5 <= b["y"] and b["y"] + b["h"] <= area["y"] + area["h"] + 0.5,
                  f"{where}: the QR code at {b} is outside the page's area {area}")
        if page["slide"] in ("notice", "linked"):
            text = "".join(line["text"] for line in words if line["role"] == "text")
            whole = NOTICE if page["slide"] == "notice" else NOTICE[:300]
            check(text == whole or (text.endswith("…") and whole.startswith(text[:-1]) and len(text) > 100),
                  f"{where}: the notice's text is neither whole nor its start cut with '…': {text!r}")
            check(len(page["codes"]) == (page["slide"] == "linked"), f"{where}: codes {page['codes']}")
            continue
        caption = "".join(line["text"] for line in words if line["role"] == "caption")
        if page["slide"] == "image":
            lines = [line["box"] for line in words if line["role"] == "caption"]
            span = lines[-1]["y"] + lines[-1]["h"] - lines[0]["y"] if lines else 0
            check(caption.endswith("…") and CAPTION.startswith(caption[:-1]) and len(caption) > 50,
                  f"{where}: the image's caption is not its start cut with '…': {caption!r}")
            check(lines and area["y"] <= lines[0]["y"] and lines[-1]["y"] + lines[-1]["h"] <= height,
                  f"{where}: the image's caption at {lines} is off the picture")
            check(len(lines) <= 3 and span <= height / 5,
                  f"{where}: the image's caption takes {len(lines)} lines, {span} px of {height}")
            continue
        name = page["slide"].split("-", 1)[-1]
        if name in STAFF:
            staff = STAFF[name]
            for role in ("kicker", "credit"):
                shown = "".join(line["text"] for line in words if line["role"] == role)
                if page["slide"].startswith("credit") and role == "kicker" or page["page"] == 2 and role == "credit":
                    check(shown == "", f"{where}: a {role} that is not there is shown: {shown!r}")
                else:
                    check(shown == staff or (shown.endswith("…") and staff.startswith(shown[:-1].rstrip())
                                             and len(shown) > 20),
                          f"{where}: the {role} is neither whole nor its start cut with '…': {shown!r}")
            want = CAPTION[:60] if page["page"] == 1 else "短的说明。"
            check(caption == want, f"{where}: the caption beside a long kicker or credit is not whole: {caption!r}")
            check(len(page["codes"]) == page["slide"].startswith("credit"), f"{where}: codes {page['codes']}")
            continue
        if page["slide"] == "photo" or page["page"] == 1:
            check(caption.endswith("…") and CAPTION.startswith(caption[:-1]) and len(caption) > 50,
                  f"{where}: the caption is not its start cut with '…': {caption!r}")
            check(any(line["role"] == "credit" and line["text"] == CREDIT for line in words),
                  f"{where}: the credit is not shown whole")
        else:
            check(caption == "短的说明。", f"{where}: a short caption is not shown as written: {caption!r}")

finish("long_texts")
