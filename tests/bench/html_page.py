"""Turns a Newsboard playlist into the equivalent web page for the Chromium side of the
benchmark: index.html (the same items in order with the same text and durations), show.css
and show.js from html/, the bundled fonts and the playlist's media, all in one folder.
Schedules are ignored (the benchmark's playlists have none). Usage: html_page.py PLAYLIST DIR"""
import html
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))


def _e(text):
    return html.escape(text or "")


def _article(item):
    parts = []
    if item.get("kicker"):
        parts.append(f'<div class="kicker">{_e(item["kicker"])}</div>')
    parts.append(f'<h1>{_e(item.get("headline"))}</h1>')
    if item.get("subhead"):
        parts.append(f'<h2 class="subhead">{_e(item["subhead"])}</h2>')
    if item.get("byline"):
        parts.append(f'<p class="byline">{_e(item["byline"])}</p>')
    body = "".join(f"<p>{_e(p)}</p>" for p in item.get("body", []))
    parts.append(f'<div class="cols"><div class="flow">{body}</div></div>')
    return "".join(parts)


def _photo(item):
    src = item["image"]["src"]
    return (f'<img src="{_e(src)}" alt=""><div class="side"><h1>{_e(item.get("headline"))}</h1>'
            f'<p class="caption">{_e(item.get("caption"))}</p><p class="credit">{_e(item.get("credit"))}</p></div>')


def _notice(item):
    return (f'<div class="badge">通知</div><h1>{_e(item.get("headline"))}</h1>'
            f'<p class="text">{_e(item.get("text"))}</p>')


TEMPLATES = {"article": _article, "photo": _photo, "notice": _notice}


def page_html(playlist, report_url=None):
    default = playlist.get("defaults", {}).get("duration", 15)
    slides = []
    for item in playlist["items"]:
        kind = item["type"] if item["type"] in TEMPLATES else "notice"
        duration = item.get("duration", default)
        slides.append(f'<section class="slide {kind}" data-duration="{duration}">{TEMPLATES[kind](item)}</section>')
    ticker = playlist.get("ticker", [i.get("headline", "") for i in playlist["items"]])
    crawl = ""
    if ticker:
        # Twice the lines: the crawl loops by moving one copy's width.
        spans = "".join(f"<span>{_e(t)}</span><span>◆</span>" for t in ticker) * 2
        crawl = f'<footer class="ticker"><span class="label">快讯</span><div class="crawl"><div class="strip">{spans}</div></div></footer>'
    config = json.dumps({"report": report_url})
    return f"""<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>{_e(playlist.get("title"))}</title>
<link rel="stylesheet" href="show.css"><script>window.SHOW = {config};</script><script src="show.js" defer></script></head>
<body class="loading">
<header class="masthead"><span class="title">{_e(playlist.get("title"))}</span><span class="clock"></span></header>
<main class="slides">{"".join(slides)}</main>
{crawl}
</body></html>
"""


def write_page(playlist_path, folder, report_url=None):
    """Writes the page for `playlist_path` into `folder`; returns the path of index.html."""
    with open(playlist_path, encoding="utf-8") as f:
        playlist = json.load(f)
    os.makedirs(folder, exist_ok=True)
    for name in ("show.css", "show.js"):
        shutil.copy(os.path.join(HERE, "html", name), folder)
    for name in ("fonts", "media"):
        target = os.path.join(folder, name)
        if not os.path.exists(target):
            source = os.path.join(SOURCE, "fonts") if name == "fonts" else os.path.join(os.path.dirname(playlist_path), "media")
            os.symlink(os.path.abspath(source), target)
    index = os.path.join(folder, "index.html")
    with open(index, "w", encoding="utf-8") as f:
        f.write(page_html(playlist, report_url))
    return index


if __name__ == "__main__":
    print(write_page(sys.argv[1], sys.argv[2]))
