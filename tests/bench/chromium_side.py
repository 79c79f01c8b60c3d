"""Starts Chromium as a kiosk on the web-page equivalent of a variant playlist (html_page.py),
with a fresh profile, and collects the frame times the page posts to a small HTTP endpoint
on 127.0.0.1 (requestAnimationFrame deltas through each 800 ms crossfade)."""
import http.server
import json
import os
import shutil
import subprocess
import threading

from html_page import write_page

CHROMIUM = "/usr/bin/chromium"
# What Raspberry Pi kiosk guides and signage players pass, minus what needs a desktop session.
# --no-sandbox only because the benchmark runs as root (Chromium refuses otherwise); the window
# size and position stand in for the window manager Xvfb does not have.
FLAGS = ["--kiosk", "--no-first-run", "--noerrdialogs", "--disable-infobars", "--disable-session-crashed-bubble",
         "--disable-features=Translate,TranslateUI", "--disable-component-update",
         "--check-for-update-interval=31536000", "--autoplay-policy=no-user-gesture-required",
         "--password-store=basic", "--window-position=0,0", "--window-size=1920,1080"]
if os.geteuid() == 0:
    FLAGS.append("--no-sandbox")


class _Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.frames.extend(json.loads(body or b"[]"))
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()

    def log_message(self, *args):
        pass


class Chromium:
    def __init__(self, x, folder):
        self.x, self.folder = x, folder
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Sink)
        self.server.frames = []
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def start(self, playlist, frames=False):
        name = os.path.basename(os.path.dirname(playlist))
        page = os.path.join(self.folder, "page-" + name)
        report = f"http://127.0.0.1:{self.server.server_address[1]}/frames" if frames else None
        index = write_page(playlist, page, report)
        self.profile = os.path.join(self.folder, "profile-" + name)
        self.server.frames = []
        self.proc = subprocess.Popen([CHROMIUM, *FLAGS, "--user-data-dir=" + self.profile, "file://" + index],
                                     env=self.x.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return self.proc.pid

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def frame_times(self):
        return list(self.server.frames)

    def close(self):
        self.server.shutdown()
