"""A gallery item made in the editor in a real Chromium, behind a real nginx: added from the
editor's buttons, three pictures each uploaded from the page with a caption and a credit, one
moved up and one removed, still pictures chosen and a QR link given (an http one refused at its
field), and the paper's account set in the settings; the saved draft holds the pictures in the
order on screen with their captions and credits, the motion, the link and the account, and the
board's own validation accepts it. A gallery with one picture,
and a picture without an image, get their errors at the field they belong to."""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
import browser  # noqa: E402
import servers  # noqa: E402
from deskrun import PASSWORD, Desk  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402
from nbtest import SOURCE_DIR, check, finish  # noqa: E402

SHOTS = os.environ.get("NEWSBOARD_DESK_SHOTS", tempfile.mkdtemp(prefix="nbdesk-shots-"))
MEDIA = os.path.realpath(os.path.join(SOURCE_DIR, "playlists", "media"))

desk = Desk(groups=("park=公园",)).start("--trusted-proxy", "127.0.0.1")
prefix = tempfile.mkdtemp(prefix="nbdesk-nginx-")
nginx, staff_port, _ = browser.start_nginx(prefix, desk.port, os.path.join(desk.dir, "public"))
driver = None
try:
    driver = browser.chromium()
    page = browser.Page(driver, f"http://127.0.0.1:{staff_port}", SHOTS)
    page.go("#/")
    page.sign_in("ed", PASSWORD)
    page.go("#/g/park")
    page.wait(lambda d: page.finds("li.item"), "the starter draft")

    # A new gallery, unfolded; its headline.
    page.button("+ 组图")
    G = "li.item[data-id='gallery-1']"  # found afresh each time: a save redraws the list
    at = page.wait(lambda d: page.find(G), "the new gallery item").get_attribute("data-at")
    page.find(f"{G} input[name=headline]").send_keys("公园里的春天")

    def pictures():
        return page.finds(f"{G} li.picture")

    # Three pictures, each uploaded from the page, with a caption and a credit.
    files = ["garden.jpg", "garden-heart.jpg", "garden-petals.jpg"]
    for n, name in enumerate(files):
        page.button("+ 添加一张图片", page.find(G))
        page.wait(lambda d: len(pictures()) == n + 1, f"picture {n + 1} added")
        picture = pictures()[n]
        page.find("input[name=photo]", picture).send_keys(os.path.join(MEDIA, name))
        page.wait(lambda d: "像素" in pictures()[n].find_element("css selector", ".photo").text, f"{name} uploaded")
        page.find("input[name=caption]", pictures()[n]).send_keys(f"说明{n + 1}")
        page.find("input[name=credit]", pictures()[n]).send_keys(f"摄影{n + 1}")
    page.wait(lambda d: d.execute_script(
        "return [...arguments[0].querySelectorAll('li.picture img.thumb')].every((i) => i.complete && i.naturalWidth > 0)",
        page.find(G)), "every picture's thumbnail shows")
    check(not any(len(w) == 64 for w in page.find(G).text.split()), "no hash on screen")

    # The third moves up to second place; the first is removed.
    page.click("button[name=picture-up]", pictures()[2])
    page.wait(lambda d: [p.find_element("css selector", "input[name=caption]").get_attribute("value")
                         for p in pictures()] == ["说明1", "说明3", "说明2"], "the third moved up")
    page.click("button[name=picture-remove]", pictures()[0])
    page.wait(lambda d: len(pictures()) == 2, "the first removed")
    # Still pictures, and a QR code: an http link is refused at the link field, https is kept.
    Select(page.find(f"{G} select[name=motion]")).select_by_value("still")
    page.find(f"{G} input[name=link]").send_keys("http://example.com/spring")
    page.press_for_toast("保存", "错误")
    page.wait(lambda d: "网址须以 https:// 开头" in page.find(f"[data-at='{at}.link'] > .problem").text,
              "an http link: the error at the link field, in Chinese")
    page.find(f"{G} input[name=link]").send_keys(Keys.CONTROL, "a")  # each call lets go of Ctrl at its end
    page.find(f"{G} input[name=link]").send_keys(Keys.DELETE)
    page.find(f"{G} input[name=link]").send_keys("https://example.com/spring")
    # The paper's account, in the playlist's settings.
    page.click("details.settings > summary")
    page.find("input[name=follow-link]").send_keys("https://example.com/follow")
    page.find("input[name=follow-label]").send_keys("扫码关注公园报")
    page.shoot("14-gallery")
    page.press_for_toast("保存", "已保存")

    ed = desk.client("ed")
    _, draft = ed.get("/api/groups/park/draft")
    item = next(i for i in draft["playlist"]["items"] if i["id"] == "gallery-1")
    check(item["headline"] == "公园里的春天", f"the gallery's headline: {item}")
    check([(p.get("caption"), p.get("credit")) for p in item["pictures"]] == [("说明3", "摄影3"), ("说明2", "摄影2")],
          f"the pictures in the order on screen with their captions and credits: {item['pictures']}")
    check(all(p["image"]["src"].startswith("media/") and len(p["image"]["sha256"]) == 64 for p in item["pictures"]),
          f"every picture is stored by its sha256: {item['pictures']}")
    check(item.get("motion") == "still" and item.get("link") == "https://example.com/spring",
          f"the gallery's motion and link as chosen on the form: {item}")
    check(draft["playlist"].get("follow") == {"link": "https://example.com/follow", "label": "扫码关注公园报"},
          f"the paper's account as typed in the settings: {draft['playlist'].get('follow')}")
    check(not draft.get("problems") or not any(p.get("severity") == "error" for p in draft["problems"]),
          f"the board's validation accepts the gallery: {draft.get('problems')}")

    # One picture is too few: the error is at the pictures list. A picture without an image:
    # its error is at that picture.
    page.click("button[name=picture-remove]", pictures()[1])
    page.wait(lambda d: len(pictures()) == 1, "one picture left")
    page.press_for_toast("保存", "错误")
    page.wait(lambda d: "组图要有 2 至 20 张图片，现在 1 张" in page.find(f"[data-at='{at}.pictures'] > .problem").text,
              "too few pictures: the error at the pictures list")
    page.button("+ 添加一张图片", page.find(G))
    page.wait(lambda d: len(pictures()) == 2, "an empty picture added")
    page.press_for_toast("保存", "错误")
    page.wait(lambda d: "缺少图片" in page.find(f"li.picture[data-at='{at}.pictures[1]'] > .problem").text,
              "the missing image: the error at that picture")
    page.shoot("15-gallery-error")

    check(not page.overflow(), "the gallery form does not scroll sideways at phone width")
    errors = [e for e in page.console_errors() if "favicon" not in e and "the server responded with a status of" not in e]
    check(not errors, f"no script errors in the console: {errors}")
    print("screenshots:\n  " + "\n  ".join(page.taken))
finally:
    if driver:
        driver.quit()
    servers.stop_nginx(nginx)
    desk.stop()
    shutil.rmtree(prefix, ignore_errors=True)
finish("test_gallery_browser")
