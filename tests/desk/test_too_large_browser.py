"""A body too large for the nginx in front of the desk (client_max_body_size) is refused by
nginx with its own HTML 413 page, which carries no code of the desk's: the page still says
specifically that the file or request is too large, with the desk's limit when the page knows
it (a picture), in a real Chromium behind a real nginx. Screenshots at 1366×768 and 390×844."""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
import browser  # noqa: E402
from deskrun import PASSWORD, Desk  # noqa: E402
from nbtest import check, finish  # noqa: E402

SHOTS = os.environ.get("NEWSBOARD_DESK_SHOTS", tempfile.mkdtemp(prefix="nbdesk-shots-"))
LAPTOP = (1366, 768)
ENGLISH = re.compile(r"[a-z]{3,}")

desk = Desk(groups=("park=公园",)).start("--trusted-proxy", "127.0.0.1")
prefix = tempfile.mkdtemp(prefix="nbdesk-nginx-")
# nginx's limit, far below the desk's, on uploads and on the park draft only.
proxy = (f"proxy_pass http://127.0.0.1:{desk.port}; proxy_set_header Host $http_host;"
         " proxy_set_header X-Forwarded-Proto $scheme; proxy_set_header X-Forwarded-Host $http_host;"
         " proxy_set_header X-Real-IP $remote_addr;")
small = "".join(f"    location = {path} {{ client_max_body_size 2k; {proxy} }}\n"
                for path in ("/api/media", "/api/groups/park/draft"))
nginx, staff_port, _ = browser.start_nginx(prefix, desk.port, os.path.join(desk.dir, "public"), small)
driver = None


def in_chinese(text, expected, what):
    check(all(e in text for e in expected), f"{what}: {expected} in {text!r}")
    check(not ENGLISH.search(text), f"{what}: no English words in {text!r}")


try:
    driver, page = browser.editor_as(staff_port, SHOTS, "pat", PASSWORD)

    # A picture larger than nginx takes: told it is too large, and the desk's limit.
    page.button("+ 图片")
    picture = os.path.join(prefix, "big.png")
    with open(picture, "wb") as f:
        f.write(os.urandom(8192))
    page.find("li.item[data-id='photo-1'] input[name=photo]").send_keys(picture)
    problem = page.wait(lambda d: page.find("li.item[data-id='photo-1'] .photo > .problem").text.strip(), "the upload's refusal")
    in_chinese(problem, ("文件太大", "413", "64 MB"), "nginx's 413 to an upload")
    page.shoot("60-upload-too-large", desktop=LAPTOP)

    # A draft larger than nginx takes: told the request is too large, with no limit invented.
    if not page.find("details.settings").get_attribute("open"):
        page.click("details.settings > summary")
    page.set_value(page.visible("details.settings input[name=title]"), "公园" * 600)
    page.press_for_toast("保存", "内容太大")
    in_chinese(page.find("#toast").get_attribute("textContent"), ("内容太大", "413"), "nginx's 413 to a save")
    page.shoot("61-save-too-large", desktop=LAPTOP)
    page.last_checks(check)
finally:
    browser.close(driver, nginx, desk, prefix)
finish("test_too_large_browser")
