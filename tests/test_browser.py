"""End to end: lesson 0's EM explorer in a real JupyterLab, in headless Chromium.

A JupyterLab server (this venv's Python, a temporary copy of ``lessons/``,
nothing reaching the network) is driven by Debian's ``/usr/bin/chromium``
through Playwright. The lesson is run with the menu Run > Run All Cells, then
the explorer is worked as a student works it: the keyboard on the step
slider, the covariance dropdown, the Play button, a click on a point, and
draw mode (one drawn point, then a dragged trail). A change "redraws the
figure" when the pixels of ipympl's canvas change.

Screenshots go to ``test-artifacts/``: always the explorer before and after
one slider step, and the whole page whenever a check fails.

Without Chromium this module is skipped locally and fails in CI (CI=true).
"""

import re
import sys
from pathlib import Path

import pytest

import browser_helpers as bh

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "00_start_here.ipynb"
KERNEL_PROBE = "kernel_probe.ipynb"
WIDGET_EXTENSIONS = {"@jupyter-widgets/jupyterlab-manager", "jupyter-matplotlib"}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a temporary copy of the lessons, stopped by its PID at the end."""
    bh.require_chromium()
    root = bh.copy_lessons(tmp_path_factory.mktemp("lessons"))
    bh.write_notebook(root / KERNEL_PROBE, ["import sys\nprint(sys.prefix)"])
    server = bh.JupyterLab(root, tmp_path_factory.mktemp("jupyterlab"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser(lab):
    with bh.chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def lesson(browser, lab):
    """A tab with lesson 0, every cell run from the menu."""
    page = bh.new_page(browser)
    with bh.screenshot_on_failure(page, "browser-run-lesson"):
        bh.open_notebook(page, lab, LESSON)
        bh.run_all_cells(page)
    yield page
    page.close()


@pytest.fixture(autouse=True)
def screenshot_if_failed(request):
    """After a failed test (or fixture), save the lesson's whole page."""
    yield from bh.screenshot_failed_lesson(request)


@pytest.fixture
def explorer(lesson):
    """The output area of the lesson's explorer, scrolled into view."""
    output = bh.explorer_output(lesson)
    output.scroll_into_view_if_needed(timeout=10_000)
    return output


def step_handle(explorer):
    """The draggable handle of the slider labelled 'step'."""
    slider = explorer.locator(".widget-slider").filter(
        has=explorer.page.locator("label.widget-label", has_text=re.compile(r"^step$")))
    return slider.locator(".noUi-handle").first


def slider_value(handle):
    return round(float(handle.get_attribute("aria-valuenow")))


def readout(explorer):
    """The explorer's text line 'step i of n. ...'."""
    return explorer.locator(".widget-html", has_text=re.compile(r"step \d+ of \d+")).first


def figure(explorer):
    """ipympl's main canvas (the first of its two stacked canvases)."""
    return explorer.locator(".jupyter-matplotlib-canvas-div > canvas").first


def go_to_first_step(explorer):
    """Focus the step slider, press Home, wait for step 0 to be drawn."""
    handle = step_handle(explorer)
    handle.focus()
    explorer.page.keyboard.press("Home")
    readout(explorer).filter(has_text="step 0 of").wait_for(timeout=30_000)
    return bh.wait_canvas_settled(figure(explorer))


def wait_for_new_figure(canvas, old, timeout_ms=30_000):
    canvas.page.wait_for_function(
        f"([canvas, old]) => ({bh.SIGNATURE_JS})(canvas) !== old",
        arg=[canvas.element_handle(), old], timeout=timeout_ms, polling="raf")


def test_kernel_is_this_venvs_python(browser, lab):
    page = bh.new_page(browser)
    with bh.screenshot_on_failure(page, "browser-kernel-probe"):
        bh.open_notebook(page, lab, KERNEL_PROBE)
        bh.run_all_cells(page)
        printed = page.locator(".jp-OutputArea-output").first.inner_text().strip()
    page.close()
    assert Path(printed).resolve() == Path(sys.prefix).resolve()


def test_lab_serves_the_widget_extensions(lesson):
    names = lesson.evaluate("() => JSON.parse(document.getElementById("
                            "'jupyter-config-data').textContent)"
                            ".federated_extensions.map(e => e.name)")
    assert WIDGET_EXTENSIONS <= set(names)


def test_lesson_runs_without_errors(lesson):
    assert bh.cell_errors(lesson) == []


def test_explorer_shows_controls_and_live_figure(explorer):
    assert explorer.locator(".widget-slider").count() >= 2  # K and step
    assert explorer.locator(".widget-dropdown select").count() >= 3
    assert figure(explorer).bounding_box()["width"] > 300


def test_arrow_key_on_step_slider_redraws_figure(explorer):
    bh.ARTIFACTS.mkdir(exist_ok=True)
    before = go_to_first_step(explorer)
    explorer.screenshot(path=str(bh.ARTIFACTS / "browser-slider-before.png"))
    explorer.page.keyboard.press("ArrowRight")
    readout(explorer).filter(has_text="step 1 of").wait_for(timeout=30_000)
    wait_for_new_figure(figure(explorer), before)
    bh.wait_canvas_settled(figure(explorer))
    explorer.screenshot(path=str(bh.ARTIFACTS / "browser-slider-after.png"))
    assert slider_value(step_handle(explorer)) == 1


def test_figure_stays_put_whatever_the_readout_says(explorer):
    # the last step's text ("... (converged).") is the longest: if the figure
    # moved down when it wraps, Play would make the whole panel jump
    go_to_first_step(explorer)
    top = figure(explorer).bounding_box()["y"]
    explorer.page.keyboard.press("End")
    readout(explorer).filter(has_text="(converged)").wait_for(timeout=30_000)
    assert figure(explorer).bounding_box()["y"] == top


def test_play_button_advances_the_steps(explorer):
    from playwright.sync_api import expect  # imported here: the module may be skipped
    before = go_to_first_step(explorer)
    play = explorer.locator(".widget-play button").first
    play.click()
    try:
        explorer.page.wait_for_function(
            "handle => Number(handle.getAttribute('aria-valuenow')) >= 3",
            arg=step_handle(explorer).element_handle(), timeout=30_000)
        # the kernel answers each step: the readout and the figure follow
        expect(readout(explorer)).to_have_text(re.compile(r"step [1-9]\d* of"))
        assert bh.canvas_signature(figure(explorer)) != before
    finally:
        # Play's second button is "stop", which also rewinds to step 0, so
        # everything is checked before it is pressed
        explorer.locator(".widget-play button").nth(1).click()


def covariance_select(explorer):
    return explorer.locator(".widget-dropdown").filter(
        has=explorer.page.locator("label", has_text=re.compile(r"^covariance$"))).locator("select")


def test_covariance_dropdown_redraws_figure(explorer):
    select = covariance_select(explorer)
    before = go_to_first_step(explorer)
    choice = "spherical" if select.input_value() != "spherical" else "diag"
    select.select_option(choice)
    wait_for_new_figure(figure(explorer), before)
    assert bh.cell_errors(explorer.page) == []
    bh.wait_canvas_settled(figure(explorer))
    explorer.screenshot(path=str(bh.ARTIFACTS / f"browser-covariance-{choice}.png"))


def point_readout(explorer):
    """The line under the readout with the clicked point's responsibilities."""
    return explorer.locator(".gmm-point-readout").first


def test_a_clicked_point_shows_its_responsibilities_as_the_steps_change(explorer):
    select = covariance_select(explorer)
    if select.input_value() != "full":  # the lesson's run (an earlier test changed it)
        before = go_to_first_step(explorer)
        select.select_option("full")
        wait_for_new_figure(figure(explorer), before)
    go_to_first_step(explorer)
    explorer.page.keyboard.press("ArrowRight")  # E-step 1: mid-run
    readout(explorer).filter(has_text="step 1 of").wait_for(timeout=30_000)
    canvas = figure(explorer)
    before = bh.wait_canvas_settled(canvas)
    assert "Click a point" in point_readout(explorer).inner_text()
    box = canvas.bounding_box()  # the data panel is the left three fifths
    # ipympl stacks a second canvas on top for mouse events: click the page there
    explorer.page.mouse.click(box["x"] + 0.3 * box["width"], box["y"] + 0.5 * box["height"])
    point_readout(explorer).filter(has_text="k=0:").wait_for(timeout=30_000)
    wait_for_new_figure(canvas, before)  # the ring around the point is drawn
    bh.wait_canvas_settled(canvas)
    explorer.screenshot(path=str(bh.ARTIFACTS / "browser-explorer-clicked-point.png"))
    at_step_1 = point_readout(explorer).inner_text()
    point = re.search(r"point \d+", at_step_1)[0]
    step_handle(explorer).focus()
    explorer.page.keyboard.press("End")  # the fitted model: other shares
    readout(explorer).filter(has_text="(converged)").wait_for(timeout=30_000)
    explorer.page.wait_for_function(
        "([node, old]) => node.innerText !== old",
        arg=[point_readout(explorer).element_handle(), at_step_1], timeout=30_000)
    at_end = point_readout(explorer).inner_text()
    assert point in at_end and "k=0:" in at_end  # the same point, new bars
    bh.wait_canvas_settled(canvas)
    explorer.screenshot(path=str(bh.ARTIFACTS / "browser-explorer-clicked-point-end.png"))
    assert bh.cell_errors(explorer.page) == []


def test_a_drawn_point_reruns_em(explorer):
    # draw mode: one click on the data panel adds a point, and EM runs on the 273
    toggle = explorer.locator(".widget-toggle-button", has_text="draw").first
    toggle.click()
    explorer.page.wait_for_function("node => node.classList.contains('mod-active')",
                                    arg=toggle.element_handle(), timeout=30_000)
    canvas = figure(explorer)
    before = bh.wait_canvas_settled(canvas)
    box = canvas.bounding_box()
    try:
        explorer.page.mouse.click(box["x"] + 0.25 * box["width"],
                                  box["y"] + 0.4 * box["height"])
        explorer.locator(".gmm-drawing-count", has_text="your drawing: 273 points"
                         ).wait_for(timeout=30_000)
        wait_for_new_figure(canvas, before)
        data = explorer.locator(".widget-dropdown").filter(
            has=explorer.page.locator("label", has_text=re.compile(r"^data$"))
        ).locator("select")
        assert data.input_value() == "your drawing"
        bh.wait_canvas_settled(canvas)
        explorer.screenshot(path=str(bh.ARTIFACTS / "browser-explorer-drawn-point.png"))
        # a drag draws a trail, and EM runs once the button is let go
        mouse, y = explorer.page.mouse, box["y"] + 0.6 * box["height"]
        mouse.move(box["x"] + 0.15 * box["width"], y)
        mouse.down()
        mouse.move(box["x"] + 0.45 * box["width"], y, steps=20)
        mouse.up()
        explorer.locator(".gmm-drawing-count", has_text=re.compile(
            r"your drawing: (27[6-9]|2[89]\d) points")).wait_for(timeout=30_000)
        assert bh.cell_errors(explorer.page) == []
    finally:
        toggle.click()  # back to click-to-inspect
