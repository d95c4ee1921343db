"""The course website (``make site``) in headless Chromium (issue 20).

The module fixture builds the site with ``site/build.py`` when
``_build/site`` is missing or was built from other sources (its
``.source-hash``); otherwise it checks the site as built. Every HTML page is
opened from a local web server on 127.0.0.1 (nothing else is reachable): no
JavaScript exception, console error, failed request (HTTP 4xx/5xx) or request
to another host, the maths typeset by MathJax 3 (as SVG, no formula in
error), every internal link resolves to a file of
the site, every image has loaded, every explorer the lesson displays is on
the page as its animation, no executed cell shows an error, and the search
page finds "responsibilities".
"""

import functools
import http.server
import importlib.util
import json
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from browser_helpers import REPO, chromium, new_page, require_chromium

pytestmark = [pytest.mark.slow, pytest.mark.browser]

SITE = REPO / "_build" / "site"
EXPLORER_NAME = re.compile(r"^(\w+) = EMExplorer\(", re.MULTILINE)
# myst-nb's classes for a cell's error output (traceback) and stderr stream
ERROR_OUTPUT = ".cell_output .output.error, .cell_output .output.traceback, .cell_output .output.stderr"


def _build_module():
    spec = importlib.util.spec_from_file_location("site_build", REPO / "site" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def site():
    require_chromium()
    pytest.importorskip("jupyter_book", reason="make site installs site/requirements.txt")
    build = _build_module()
    if build.is_stale():
        build.build()
    assert not build.is_stale()
    return SITE


@pytest.fixture(scope="module")
def server(site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def pages(site, server):
    """Everything each page showed: console errors, links, images, animations, errors."""
    found = {}
    with chromium() as browser:
        page = new_page(browser, 1280, 900)
        for path in sorted(site.rglob("*.html")):
            name = path.relative_to(site).as_posix()
            if name.startswith("_static/"):  # the theme's template fragments, not pages
                continue
            problems = []
            # JavaScript exceptions, console errors, failed requests, and any
            # request to another host (the site must work offline)
            page.on("pageerror", lambda e, p=problems: p.append(str(e)))
            page.on("console", lambda m, p=problems: m.type == "error"
                    and p.append(f"console: {m.text[:300]}"))
            page.on("response", lambda r, p=problems: r.status >= 400
                    and p.append(f"HTTP {r.status}: {r.url}"))
            page.on("request", lambda r, p=problems: urlparse(r.url).scheme in ("http", "https")
                    and urlparse(r.url).hostname != "127.0.0.1" and p.append(f"external: {r.url}"))
            page.goto(f"{server}/{name}", wait_until="load")
            page.wait_for_timeout(1000)  # MathJax's and the theme's scripts, after load
            found[name] = page.evaluate("""(sel) => ({
                links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
                images: [...document.querySelectorAll('img')].filter(i => i.offsetParent !== null
                            || i.closest('.animation')).map(i => [i.src.slice(0, 80), i.naturalWidth]),
                animations: document.querySelectorAll('.gmmteach-static .animation').length,
                statics: document.querySelectorAll('.gmmteach-static').length,
                errors: [...document.querySelectorAll(sel)].map(e => e.innerText.slice(0, 300)),
                cells: document.querySelectorAll('.cell_output').length,
                math: document.querySelectorAll('mjx-container svg').length,
                math_errors: document.querySelectorAll('mjx-merror').length,
            })""", ERROR_OUTPUT)
            found[name]["console"] = list(problems)
            page.close()
            page = new_page(browser, 1280, 900)
        page.close()
    return found


def _lessons():
    return sorted((REPO / "lessons").glob("[0-9]*.ipynb")) + sorted(
        (REPO / "lessons" / "solutions").glob("*.ipynb"))


def _html_of(notebook):
    return notebook.relative_to(REPO).with_suffix(".html").as_posix()


def test_every_lesson_and_solution_is_a_page(pages):
    missing = [_html_of(nb) for nb in _lessons() if _html_of(nb) not in pages]
    assert not missing
    assert {"index.html", "search.html", "solutions.html"} <= set(pages)


def test_no_page_errs_or_loads_from_elsewhere(pages):
    assert {name: p["console"] for name, p in pages.items() if p["console"]} == {}


def test_the_lessons_maths_is_typeset(pages):
    # MathJax 3 draws each formula as an SVG: none left as raw TeX, none in error
    lessons = {n: p for n, p in pages.items() if n.startswith("lessons/")}
    assert {n: p["math_errors"] for n, p in lessons.items() if p["math_errors"]} == {}
    assert pages["lessons/03_why_em_works.html"]["math"] >= 20
    untypeset = [n for n, p in lessons.items() if p["math"] == 0]
    assert "lessons/02_em_step_by_step.html" not in untypeset


def test_every_internal_link_resolves(pages):
    broken = []
    for name, found in pages.items():
        for href in found["links"]:
            url = urlparse(href)
            if url.scheme or url.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target, _ = urldefrag(unquote(url.path))
            if not target:
                continue
            resolved = (SITE / name).parent / target
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.resolve().is_file():
                broken.append(f"{name}: {href}")
    assert not broken
    assert sum(len(p["links"]) for p in pages.values()) > 100


def test_every_image_has_loaded(pages):
    empty = [f"{name}: {src}" for name, p in pages.items() for src, width in p["images"]
             if width == 0]
    assert not empty
    assert sum(len(p["images"]) for p in pages.values()) > 50  # the lessons' figures


def test_every_explorer_is_on_its_page_as_an_animation(pages):
    for notebook in _lessons():
        cells = [c for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "code"]
        sources = ["".join(c["source"]).strip() for c in cells]
        names = {n for s in sources for n in EXPLORER_NAME.findall(s)}
        # a cell whose last line is an explorer's name shows it
        shown = sum(s.splitlines()[-1].strip() in names for s in sources if s)
        assert pages[_html_of(notebook)]["animations"] == shown, notebook.name
    assert pages["lessons/02_em_step_by_step.html"]["animations"] == 1


def test_no_executed_cell_shows_an_error(pages):
    assert {n: p["errors"] for n, p in pages.items() if p["errors"]} == {}
    for notebook in _lessons():
        assert pages[_html_of(notebook)]["cells"] > 0, notebook.name  # outputs are there


def test_search_finds_responsibilities(site, server):
    with chromium() as browser:
        page = new_page(browser)
        page.goto(f"{server}/search.html?q=responsibilities")
        results = page.locator("#search-results ul.search li")
        results.first.wait_for(timeout=30_000)
        assert results.count() >= 3
        assert "02_em_step_by_step" in page.locator("#search-results").inner_html()
