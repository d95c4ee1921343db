"""The lecture mode at 1280 x 720: ``make lecture LESSON=02`` in headless Chromium.

The test runs the Makefile's target itself (in its own process group, which
is stopped at the end), reads the URL it prints, and opens it in a
1280 x 720 tab. Measured, not assumed:

* the explorer (its controls, readout and figure with both panels), scrolled
  to the middle of the window, lies inside the 1280 x 720 viewport, and the page
  does not scroll sideways;
* the computed font size (``getComputedStyle``) of every visible control
  label, value and readout of the explorer is at least 18 px, and that of the
  page's prose (``<p>`` and ``<li>`` of the markdown cells) at least 22 px;
* the figure's smallest text (tick labels, axis labels, notes). The canvas
  is an image, so its text has no computed style: a text of ``s`` points in
  a figure of ``dpi`` dots per inch is ``s * dpi / 72`` figure pixels, shown
  at ``displayed canvas width / figure width in pixels`` CSS pixels each.
  ``s`` and ``dpi`` come from the same explorer built in a separate Python
  with ``GMMTEACH_LECTURE=1`` (the setting the target gives the kernel); its
  width in pixels must equal the canvas's in the page, so both are the same
  figure.

Lesson 11, where the README's lecture plan ends, is served the same way: it
runs to its ``VBExplorer``, which fits the window too.

Screenshots: ``test-artifacts/lecture-1280x720.png`` (the window on the
explorer) and ``lecture-1280x720-page.png`` (the whole page); the numbers
measured go to ``test-artifacts/lecture-1280x720.json``.
Without Chromium this module is skipped locally and fails in CI (CI=true).
"""

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import browser_helpers as bh
from external import skip_or_fail

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTH, HEIGHT = 1280, 720
MIN_FIGURE_AND_CONTROL_PX, MIN_BODY_PX = 18, 22
# prose tagged out of the lecture view: it only makes sense beside the code
CODE_ONLY_PROSE = ["Here is gmmteach's real", "EM's guarantee, checked", "same means as our run",
                   "resp-weighted averages", "The next cell makes", "The real M-step"]

# The explorer of lesson 02, built as its cell builds it, in lecture mode.
FIGURE_TEXT = """
import json, matplotlib
matplotlib.use("agg")
import numpy as np, gmmteach
from gmmteach import datasets
from gmmteach.widgets import EMExplorer
X = datasets.load_old_faithful(standardized=True)
params0, _ = gmmteach.initial_params(X, n_components=2, covariance_type="full",
    weights_init=[0.5, 0.5], means_init=[[-1.5, 1.0], [1.5, -1.0]],
    precisions_init=np.array([np.eye(2)] * 2))
e = EMExplorer(data="old faithful", initial_params=params0)
e.fig.canvas.draw()
texts = [t for t in e.fig.findobj(matplotlib.text.Text)
         if t.get_visible() and t.get_text().strip() and t.get_window_extent().width > 0]
print(json.dumps({"dpi": e.fig.dpi, "width_px": e.fig.bbox.width,
                  "smallest_pt": min(t.get_fontsize() for t in texts),
                  "tick_pt": e.ax_data.xaxis.get_ticklabels()[0].get_fontsize()}))
"""

FONT_SIZES_JS = """(root) => {
    const visible = e => e.getClientRects().length > 0 && e.textContent.trim() !== ''
        && getComputedStyle(e).visibility !== 'hidden';
    const size = e => parseFloat(getComputedStyle(e).fontSize);
    const controls = [...root.querySelectorAll(
        '.widget-label, .widget-readout, .widget-html-content, select, option, input,'
        + ' button, .widget-toggle-button')].filter(visible);
    const prose = [...document.querySelectorAll(
        '.jp-RenderedMarkdown p, .jp-RenderedMarkdown li')].filter(visible);
    return {controls: controls.map(e => [e.textContent.trim().slice(0, 30), size(e)]),
            prose: prose.map(e => [e.textContent.trim().slice(0, 30), size(e)]),
            scroll_width: document.documentElement.scrollWidth};
}"""


def record(**measured):
    """Add ``measured`` to test-artifacts/lecture-1280x720.json."""
    path = bh.ARTIFACTS / "lecture-1280x720.json"
    bh.ARTIFACTS.mkdir(exist_ok=True)
    known = json.loads(path.read_text()) if path.exists() else {}
    path.write_text(json.dumps(known | measured, indent=1))


@contextlib.contextmanager
def make_lecture(workdir, lesson="02", timeout=180):
    """``make lecture LESSON=<lesson>`` on a free port; yields the URL it printed."""
    port = bh.free_port()
    env = dict(os.environ, **{f"JUPYTER_{n.upper()}_DIR": str(workdir / n)
                              for n in ("config", "data", "runtime")},
               IPYTHONDIR=str(workdir / "ipython"))
    env.pop("JUPYTER_PATH", None)
    bin_dir = Path(sys.executable).parent
    # this venv's voila, never a pip install from inside a test (-o: "take it as made")
    command = ["make", "--no-print-directory", "lecture", f"LESSON={lesson}", f"PORT={port}",
               "VOILA_FLAGS=--no-browser", f"BIN={bin_dir}", "-o", f"{bin_dir}/.installed"]
    log_path = workdir / "make-lecture.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(command, cwd=bh.REPO, env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = wait_for_url(proc, log_path, timeout)
        assert url == f"http://localhost:{port}/", url
        wait_ready(proc, f"http://127.0.0.1:{port}/", log_path, timeout)
        yield url
    finally:  # the process group this test started: make and its voila
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def wait_for_url(proc, log_path, timeout):
    """The first URL the target prints (before Voilà's own lines)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = re.search(r"open (http://\S+/)", log_path.read_text(errors="replace"))
        if match:
            return match.group(1)
        if proc.poll() is not None:
            pytest.fail(f"make lecture exited:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.2)
    pytest.fail(f"make lecture printed no URL:\n{log_path.read_text()[-3000:]}")


def wait_ready(proc, url, log_path, timeout):
    bh.wait_for_voila(proc, url, timeout, log_path)


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module (Playwright's sync API allows one)."""
    skip_or_fail(bh.missing_chromium_reason(), "the lecture-mode test")
    with bh.chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def lecture(tmp_path_factory, browser):
    """The lecture view at 1280 x 720, the explorer scrolled to the window's middle."""
    with make_lecture(tmp_path_factory.mktemp("lecture")) as url:
        page = bh.new_page(browser, width=WIDTH, height=HEIGHT)
        page.goto(url, timeout=300_000)
        page.locator(".widget-play").first.wait_for(timeout=300_000)
        page.locator(".jupyter-matplotlib-figure").last.wait_for(timeout=120_000)
        page.wait_for_load_state("networkidle", timeout=120_000)
        bh.ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(bh.ARTIFACTS / "lecture-1280x720-page.png"), full_page=True)
        explorer = bh.explorer_output(page).locator(".widget-vbox").first
        explorer.evaluate("e => e.scrollIntoView({block: 'center'})")
        bh.wait_canvas_settled(explorer.locator("canvas").first)
        page.screenshot(path=str(bh.ARTIFACTS / "lecture-1280x720.png"))
        yield page, explorer
        page.close()


@pytest.fixture(scope="module")
def figure_text():
    """dpi, width in pixels and font sizes of lesson 02's explorer in lecture mode."""
    env = dict(os.environ, GMMTEACH_LECTURE="1")
    out = subprocess.run([sys.executable, "-c", FIGURE_TEXT], env=env, check=True,
                         capture_output=True, text=True, timeout=300).stdout
    return json.loads(out.splitlines()[-1])


def test_the_explorer_fits_the_window(lecture):
    page, explorer = lecture
    box, canvas = explorer.bounding_box(), explorer.locator("canvas").first.bounding_box()
    record(viewport=[WIDTH, HEIGHT], explorer_box=box, canvas_box=canvas)
    for b in (box, canvas):  # controls, readout and both panels (one canvas)
        assert b["x"] >= 0 and b["y"] >= 0, b
        assert b["x"] + b["width"] <= WIDTH and b["y"] + b["height"] <= HEIGHT, b
    assert canvas["height"] > 300 and canvas["width"] > 0.8 * WIDTH  # not a thumbnail
    assert page.evaluate(FONT_SIZES_JS, explorer.element_handle())["scroll_width"] <= WIDTH


def test_controls_and_prose_are_large(lecture):
    page, explorer = lecture
    sizes = page.evaluate(FONT_SIZES_JS, explorer.element_handle())
    labels = {text for text, _ in sizes["controls"]}
    record(smallest_control_px=min(px for _, px in sizes["controls"]),
           smallest_prose_px=min(px for _, px in sizes["prose"]),
           n_controls=len(sizes["controls"]), n_prose=len(sizes["prose"]))
    assert {"data", "K", "step", "draw"} <= labels, labels  # the controls were found
    assert min(px for _, px in sizes["controls"]) >= MIN_FIGURE_AND_CONTROL_PX, sizes
    assert len(sizes["prose"]) >= 10
    assert min(px for _, px in sizes["prose"]) >= MIN_BODY_PX, sizes["prose"]


def test_the_figure_text_is_large(lecture, figure_text):
    _, explorer = lecture
    canvas = explorer.locator("canvas").first
    shown_width = canvas.bounding_box()["width"]
    assert canvas.evaluate("c => c.width") == round(figure_text["width_px"])  # same figure
    css_px_per_point = figure_text["dpi"] / 72 * shown_width / figure_text["width_px"]
    record(figure=figure_text, canvas_shown_width=shown_width,
           tick_px=figure_text["tick_pt"] * css_px_per_point,
           smallest_figure_text_px=figure_text["smallest_pt"] * css_px_per_point)
    assert figure_text["tick_pt"] * css_px_per_point >= MIN_FIGURE_AND_CONTROL_PX
    assert figure_text["smallest_pt"] * css_px_per_point >= MIN_FIGURE_AND_CONTROL_PX


def test_prose_about_hidden_code_is_left_out(lecture):
    page, _ = lecture
    text = page.inner_text("body")
    assert "The E-step" in text and "Bishop's figure" in text
    assert [s for s in CODE_ONLY_PROSE if s in text] == []


def test_lesson_11_runs_to_its_explorer_and_fits(tmp_path, browser):
    """The lecture plan ends on lesson 11's VBExplorer: no cell may stop Voilà
    before it (a cell that used an exercise's function hidden from the
    lecture did), and it fits the window too."""
    with make_lecture(tmp_path, lesson="11") as url:
        page = bh.new_page(browser, width=WIDTH, height=HEIGHT)
        page.goto(url, timeout=300_000)
        page.locator(".widget-play").first.wait_for(timeout=300_000)  # the VBExplorer
        page.wait_for_load_state("networkidle", timeout=120_000)
        text = page.inner_text("body")
        assert [s for s in ("Traceback", "Error", "Exercise", "yours:") if s in text] == []
        explorer = bh.explorer_output(page).locator(".widget-vbox").first
        explorer.evaluate("e => e.scrollIntoView({block: 'center'})")
        bh.wait_canvas_settled(explorer.locator("canvas").first)
        page.screenshot(path=str(bh.ARTIFACTS / "lecture-1280x720-lesson11.png"))
        box = explorer.bounding_box()
        record(lesson11_explorer_box=box)
        assert box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, box
        page.close()
