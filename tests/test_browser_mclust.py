"""End to end: lesson 08's covariance dials in a real JupyterLab, headless Chromium.

Lesson 08 is run with Run > Run All Cells in JupyterLab (a temporary copy of
``lessons/``, nothing reaching the network) driven through Playwright by
Debian's ``/usr/bin/chromium``. No cell may show an error; clicking a dial
must redraw ipympl's canvas and change the model named in the readout.

Screenshots go to ``test-artifacts/``: the dials before and after a click,
and the whole page whenever a check fails. Without Chromium this module is
skipped locally and fails in CI (CI=true).
"""

import re

import pytest

import browser_helpers as bh

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "08_mclust_models.ipynb"


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    """A tab with lesson 08, every cell run from the menu."""
    with bh.lesson_in_lab(tmp_path_factory, LESSON, "mclust") as page:
        yield page


@pytest.fixture
def dials(lesson):
    """The output area holding the dials: toggle buttons and a live figure."""
    output = (lesson.locator(".jp-OutputArea-output")
              .filter(has=lesson.locator(".widget-toggle-buttons"))
              .filter(has=lesson.locator(".jupyter-matplotlib-figure")).first)
    output.scroll_into_view_if_needed(timeout=10_000)
    return output


def figure(output):
    return output.locator(".jupyter-matplotlib-canvas-div > canvas").first


def dial_button(output, dial, word):
    row = output.locator(".widget-toggle-buttons").filter(
        has=output.page.locator("label", has_text=re.compile(f"^{dial}$")))
    return row.locator("button", has_text=re.compile(f"^{word}$"))


def test_lesson_runs_without_errors(lesson):
    assert bh.cell_errors(lesson) == []


def test_dials_show_three_rows_and_a_live_figure(dials):
    assert dials.locator(".widget-toggle-buttons").count() == 3
    assert figure(dials).bounding_box()["width"] > 300
    assert "VVV" in dials.locator(".widget-html").first.inner_text()


def test_a_dial_redraws_the_canvas_and_names_the_new_model(dials):
    bh.ARTIFACTS.mkdir(exist_ok=True)
    canvas = figure(dials)
    before = bh.wait_canvas_settled(canvas)
    dials.screenshot(path=str(bh.ARTIFACTS / "browser-dials-VVV.png"))
    dial_button(dials, "shape", "Equal").click()
    dials.locator(".widget-html", has_text="VEV").first.wait_for(timeout=60_000)
    dials.page.wait_for_function(
        f"([canvas, old]) => ({bh.SIGNATURE_JS})(canvas) !== old",
        arg=[canvas.element_handle(), before], timeout=30_000, polling="raf")
    bh.wait_canvas_settled(canvas)
    dials.screenshot(path=str(bh.ARTIFACTS / "browser-dials-VEV.png"))
    dial_button(dials, "shape", "Identity").click()
    dials.locator(".widget-html", has_text="orientation set to I").first.wait_for(
        timeout=60_000)
    bh.wait_canvas_settled(canvas)
    dials.screenshot(path=str(bh.ARTIFACTS / "browser-dials-VII.png"))
    assert "VII" in dials.inner_text()
    assert bh.cell_errors(dials.page) == []
