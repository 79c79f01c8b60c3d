"""A real Chromium driven by Selenium (Debian's chromium, chromium-driver, python3-selenium)
against a desk behind a real nginx, all on 127.0.0.1: the desk's page as staff use it.
Waits are conditions with deadlines (WebDriverWait), never sleeps."""
import base64
import os
import shutil
import struct
import subprocess
import tempfile
import zlib

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import servers

DESKTOP = (1440, 900)
PHONE = (390, 844)


def start_nginx(prefix, desk_port, public_dir, staff_extra=""):
    """nginx as deployed: one server proxies staff to the desk (with the forwarded headers the
    desk trusts from 127.0.0.1), another serves DIR/public to boards. `staff_extra`: more
    directives for the staff server (a test's own location). Returns (proc, staff port,
    boards port)."""
    os.makedirs(os.path.join(prefix, "tmp"), exist_ok=True)
    staff, boards = servers.free_port(), servers.free_port()
    temps = "".join(f"  {k}_temp_path {prefix}/tmp/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    with open(os.path.join(prefix, "nginx.conf"), "w") as f:
        f.write(f"daemon off;\nmaster_process off;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
                f"events {{ worker_connections 64; }}\nhttp {{\n  access_log {prefix}/access.log;\n{temps}"
                "  types { application/json json; image/jpeg jpg; image/png png; text/plain sig; }\n"
                f"  server {{ listen 127.0.0.1:{staff};\n"
                "    client_max_body_size 70m;\n" + staff_extra +
                f"    location / {{ proxy_pass http://127.0.0.1:{desk_port}; proxy_set_header Host $http_host;\n"
                "      proxy_set_header X-Forwarded-Proto $scheme; proxy_set_header X-Forwarded-Host $http_host;\n"
                "      proxy_set_header X-Real-IP $remote_addr; proxy_request_buffering off; } }\n"
                f"  server {{ listen 127.0.0.1:{boards}; root {public_dir}; etag on; }}\n}}\n")
    proc = subprocess.Popen(["/usr/sbin/nginx", "-p", prefix + "/", "-c", prefix + "/nginx.conf", "-e",
                             prefix + "/error.log"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            preexec_fn=servers.die_with_parent)
    return proc, staff, boards


def chromium():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    profile = tempfile.mkdtemp(prefix="nbdesk-chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--lang=zh-CN",
                 f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class Page:
    """The browser on the desk's page, with the waits the tests need."""

    def __init__(self, driver, base, shots):
        self.d = driver
        self.base = base
        self.shots = shots
        os.makedirs(shots, exist_ok=True)
        self.taken = []

    def go(self, hash_):
        self.d.get(self.base + "/" + hash_)

    def sign_in(self, user, password, landing="公园"):
        """Signs in on the login form on screen; returns once the groups list shows `landing`."""
        self.visible("form.login")
        self.find("input[name=user]").send_keys(user)
        self.find("input[name=password]").send_keys(password)
        self.click("form.login button[type=submit]")
        self.text_appears("ul.groups", landing)

    def wait(self, condition, what, timeout=30):
        def safe(d):
            try:
                return condition(d)
            except StaleElementReferenceException:
                return False
        return WebDriverWait(self.d, timeout).until(safe, message=what)

    def find(self, css, root=None):
        return (root or self.d).find_element(By.CSS_SELECTOR, css)

    def finds(self, css, root=None):
        return (root or self.d).find_elements(By.CSS_SELECTOR, css)

    def visible(self, css, timeout=30):
        return self.wait(lambda d: next((e for e in self.finds(css) if e.is_displayed()), None), f"{css} on screen", timeout)

    def text_appears(self, css, text, timeout=30):
        return self.wait(lambda d: any(text in e.text for e in self.finds(css)), f"'{text}' in {css}", timeout)

    def click(self, css, root=None):
        el = self.find(css, root)
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
        el.click()
        return el

    def button(self, label, root=None):
        """The first displayed button or button-like link whose text is `label`."""
        def found(d):
            for e in self.finds("button, a.button", root):
                if e.text.strip() == label and e.is_displayed() and e.is_enabled():
                    return e
            return None
        el = self.wait(found, f"button {label}")
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
        el.click()
        return el

    def set_value(self, el, value, event="input"):
        """Sets an input as typing would end, and fires its event (date and time inputs take
        their ISO value this way whatever the browser's locale)."""
        self.d.execute_script("arguments[0].value = arguments[1];"
                              "arguments[0].dispatchEvent(new Event(arguments[2], {bubbles: true}));", el, value, event)

    def press_for_toast(self, label, text, root=None, timeout=30):
        """Clicks a button and waits for the message it brings (not an earlier one's)."""
        self.d.execute_script("document.getElementById('toast').textContent = ''")
        self.button(label, root)
        return self.toast(text, timeout)

    def toast(self, text, timeout=30):
        return self.wait(lambda d: text in self.find("#toast").get_attribute("textContent"), f"toast '{text}'", timeout)

    def shoot(self, name, desktop=DESKTOP):
        """The whole page at desktop and phone widths, into the shots folder."""
        for label, (w, h) in (("desktop", desktop), ("phone", PHONE)):
            self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": label == "phone"})
            self.d.execute_script("window.scrollTo(0, 0); return document.body.offsetHeight")  # laid out at the new width
            height = self.d.execute_script("return Math.max(document.documentElement.scrollHeight, innerHeight)")
            shot = self.d.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": w, "height": min(height, 6000), "scale": 1}})
            path = os.path.join(self.shots, f"{name}-{label}.png")
            with open(path, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            self.taken.append(path)
        self.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def overflow(self):
        """Elements wider than the viewport at phone width (a page that scrolls sideways)."""
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 1, "mobile": True})
        wide = self.d.execute_script(
            "return document.documentElement.scrollWidth > innerWidth + 1 ? document.documentElement.scrollWidth : 0")
        self.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        return wide

    def off_screen(self, selector):
        """How many `selector` elements reach past the right edge at phone width, or hold text
        wider than themselves (cut off, or only reachable by scrolling a box sideways, which a
        page-wide check cannot see)."""
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 1, "mobile": True})
        n = self.d.execute_script(
            "return [...document.querySelectorAll(arguments[0])].filter((e) => e.getBoundingClientRect().right > innerWidth + 1"
            " || e.scrollWidth > e.clientWidth + 1).length",
            selector)
        self.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        return n

    def console_errors(self):
        return [e["message"] for e in self.d.get_log("browser") if e["level"] == "SEVERE"]

    def script_errors(self, *expected):
        """The console's errors but the missing favicon, the failed requests a test made fail
        on purpose (Chromium logs each non-2xx answer), and any `expected` text."""
        quiet = ("favicon", "the server responded with a status of") + expected
        return [e for e in self.console_errors() if not any(q in e for q in quiet)]

    def last_checks(self, check, *expected):
        """What every page a test saw must meet at its end: nothing scrolls sideways at phone
        width, no script errors (but `expected` ones); then the screenshots' paths."""
        check(not self.overflow(), "no sideways scrolling at phone width")
        errors = self.script_errors(*expected)
        check(not errors, f"no script errors in the console: {errors}")
        print("screenshots:\n  " + "\n  ".join(self.taken))


def editor_as(staff_port, shots, user, password, group="park"):
    """A Chromium signed in as `user` on the editor of `group` (its first item listed).
    Returns (driver, page); the driver is the caller's to close."""
    driver = chromium()
    try:
        page = Page(driver, f"http://127.0.0.1:{staff_port}", shots)
        page.go("#/")
        page.sign_in(user, password)
        page.go(f"#/g/{group}")
        page.wait(lambda d: page.finds("li.item .summary"), f"the {group} draft's items")
    except BaseException:
        driver.quit()  # the caller never got it to close
        raise
    return driver, page


def close(driver, nginx, desk, prefix):
    """Ends what a browser test started: Chromium, nginx, the desk and nginx's folder."""
    if driver:
        driver.quit()
    servers.stop_nginx(nginx)
    desk.stop()
    shutil.rmtree(prefix, ignore_errors=True)


def jpeg_on_its_side(source, path):
    """`source` JPEG with its EXIF replaced by one saying orientation 6 (turn 90° clockwise to
    view): a phone photo taken holding the phone upright."""
    with open(source, "rb") as f:
        data = f.read()
    assert data[:2] == b"\xff\xd8"
    out, i = [data[:2]], 2
    while data[i] == 0xFF and data[i + 1] not in (0xDA,):
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if data[i + 1] != 0xE1:  # drop any APP1 (EXIF/XMP) the file had
            out.append(data[i:i + 2 + length])
        i += 2 + length
    tiff = b"MM\x00\x2a\x00\x00\x00\x08" + b"\x00\x01" + struct.pack(">HHIHH", 0x0112, 3, 1, 6, 0) + b"\x00\x00\x00\x00"
    payload = b"Exif\x00\x00" + tiff
    out.insert(1, b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload)
    out.append(data[i:])
    with open(path, "wb") as f:
        f.write(b"".join(out))


def save_png(picture, path):
    """An xvfb.Picture as an RGB PNG (for the board's screenshot beside the desk's)."""
    raw = b"".join(b"\x00" + bytes(c for p in row for c in p) for row in picture.pixels)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", picture.w, picture.h, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))
