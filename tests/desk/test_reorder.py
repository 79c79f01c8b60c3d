"""The editor in a real Chromium, for what only a mouse does: an item dragged by its handle
onto another lands above it and the saved draft has the new order; a click on a photo sets
its focal point, saved in the item as fractions of the picture; a character the board's font
lacks is a warning at its field."""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
import browser  # noqa: E402
import servers  # noqa: E402
from deskrun import PASSWORD, Desk  # noqa: E402
from nbtest import SOURCE_DIR, check, finish  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from test_media import upload  # noqa: E402

SHOTS = os.environ.get("NEWSBOARD_DESK_SHOTS", tempfile.mkdtemp(prefix="nbdesk-shots-"))
RARE = "𠮷"  # U+20BB7: beyond the bundled subset

desk = Desk(groups=("park=公园",)).start("--trusted-proxy", "127.0.0.1")
prefix = tempfile.mkdtemp(prefix="nbdesk-nginx-")
nginx, staff_port, _ = browser.start_nginx(prefix, desk.port, os.path.join(desk.dir, "public"))
driver = None
try:
    ed = desk.client("ed")
    with open(os.path.join(SOURCE_DIR, "playlists", "media", "garden.jpg"), "rb") as f:
        status, pin = upload(ed, "garden.jpg", f.read())
    check(status == 200, f"upload: {status} {pin}")
    _, d = ed.get("/api/groups/park/draft")
    playlist = d["playlist"]
    playlist["items"] = [{"id": "one", "type": "notice", "headline": "第一条"},
                         {"id": "two", "type": "notice", "headline": "第二条"},
                         {"id": "three", "type": "notice", "headline": "第三条" + RARE},
                         {"id": "pic", "type": "photo", "image": {"src": pin["src"], "sha256": pin["sha256"]}}]
    status, _ = ed.put("/api/groups/park/draft", {"revision": d["revision"], "playlist": playlist})
    check(status == 200, f"the draft: {status}")

    driver = browser.chromium()
    page = browser.Page(driver, f"http://127.0.0.1:{staff_port}", SHOTS)
    page.go("#/")
    page.sign_in("ed", PASSWORD)
    page.go("#/g/park")
    page.wait(lambda d: len(page.finds("li.item")) == 4, "the four items")
    order = lambda: [e.get_attribute("data-id") for e in page.finds("li.item")]

    # The rare character: a warning at the headline that holds it (after a save, which checks).
    page.press_for_toast("保存", "已保存")
    page.wait(lambda d: "U+20BB7" in page.find("li.item[data-id='three'] .problem").text,
              "the glyph warning at the item that holds it")

    # Drag the third item by its handle onto the first with the mouse (WebDriver's pointer
    # actions start a real HTML5 drag in Debian's Chromium): it lands above it.
    handle = page.find("li.item[data-id='three'] .handle")
    target = page.find("li.item[data-id='one']")
    ActionChains(driver).drag_and_drop(handle, target).perform()
    page.wait(lambda d: order()[:3] == ["three", "one", "two"], f"dragged above the first: {order()}")
    page.shoot("13-dragged")

    # The focal point: a click on the photo a quarter across and three quarters down.
    page.click("li.item[data-id='pic'] .item-buttons button:last-child")
    thumb = page.visible("li.item[data-id='pic'] img.thumb")
    page.wait(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", thumb),
              "the thumbnail shows")
    w, h = thumb.size["width"], thumb.size["height"]
    ActionChains(driver).move_to_element_with_offset(thumb, int(w * 0.25) - w // 2, int(h * 0.75) - h // 2).click().perform()
    page.visible("li.item[data-id='pic'] .focus-mark")
    page.shoot("14-focus")
    page.press_for_toast("保存", "已保存")

    _, saved = ed.get("/api/groups/park/draft")
    items = saved["playlist"]["items"]
    check([i["id"] for i in items] == ["three", "one", "two", "pic"], f"the saved order: {[i['id'] for i in items]}")
    focus = items[3].get("focus") or {}
    check(abs(focus.get("x", -1) - 0.25) < 0.05 and abs(focus.get("y", -1) - 0.75) < 0.05,
          f"the focal point is saved in the item: {focus}")
    problems = saved.get("problems") or []
    check(any(p["at"] == "items[0].headline" and "U+20BB7" in p["error"] and p["severity"] == "warning" for p in problems),
          f"the glyph warning follows the item to its new place: {problems}")
finally:
    if driver:
        driver.quit()
    servers.stop_nginx(nginx)
    desk.stop()
    shutil.rmtree(prefix, ignore_errors=True)
finish("test_reorder")
