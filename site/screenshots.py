"""Screenshots of the built site: the landing page and lesson 02, at 1280 x 800.

Run after ``make site`` (needs Chromium): ``.venv/bin/python site/screenshots.py``.
It serves ``_build/site`` on 127.0.0.1 and writes ``_build/screenshots/*.png``.
"""

import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

BUILD = Path(__file__).resolve().parents[1] / "_build"
PAGES = {"index.html": "site-landing.png",
         "lessons/02_em_step_by_step.html": "site-lesson02.png"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    out = BUILD / "screenshots"
    out.mkdir(exist_ok=True)
    handler = functools.partial(_Quiet, directory=BUILD / "site")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        for name, png in PAGES.items():
            page.goto(f"{url}/{name}", wait_until="load")
            page.wait_for_timeout(1500)  # MathJax typesets after load
            page.screenshot(path=str(out / png))
            print(out / png, "-", page.title())
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
