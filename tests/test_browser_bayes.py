"""End to end: lesson 11's Bayesian widgets in a real JupyterLab, in headless Chromium.

The same set-up as ``tests/test_browser.py`` (its server and browser
fixtures are reused): lesson 11 is run with Run > Run All Cells, then the
widgets are worked from the keyboard. A change "redraws" when the pixels of
ipympl's canvas change. Screenshots of both widgets, before and after a
slider moves, go to ``test-artifacts/``; the whole page whenever a check fails.

Without Chromium this module is skipped locally and fails in CI (CI=true).
"""

import re

import pytest

import browser_helpers as bh
from test_browser import browser, figure, lab, wait_for_new_figure  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "11_bayesian_gmm.ipynb"


@pytest.fixture(scope="module")
def lesson(browser, lab):  # noqa: F811 (the imported fixtures)
    """A tab with lesson 11, every cell run from the menu."""
    page = bh.new_page(browser, height=1200)
    with bh.screenshot_on_failure(page, "browser-bayes-run-lesson"):
        bh.open_notebook(page, lab, LESSON)
        bh.run_all_cells(page)
    yield page
    page.close()


@pytest.fixture(autouse=True)
def screenshot_if_failed(request):
    """After a failed test (or fixture), save the lesson's whole page."""
    yield from bh.screenshot_failed_lesson(request)


def widget_output(page, label):
    """The output area holding a live figure and a slider labelled ``label``."""
    output = (page.locator(".jp-OutputArea-output")
              .filter(has=page.locator(".jupyter-matplotlib-figure"))
              .filter(has=page.locator("label.widget-label",
                                       has_text=re.compile(f"^{re.escape(label)}$")))
              .first)
    output.scroll_into_view_if_needed(timeout=10_000)
    return output


def slider_handle(output, label):
    slider = output.locator(".widget-slider").filter(
        has=output.page.locator("label.widget-label",
                                has_text=re.compile(f"^{re.escape(label)}$")))
    return slider.locator(".noUi-handle").first


def readout_text(output, pattern):
    return output.locator(".widget-html", has_text=re.compile(pattern)).first


def move_slider_and_screenshot(output, label, keys, name):
    """Press ``keys`` on the slider; return the canvas before and after."""
    bh.ARTIFACTS.mkdir(exist_ok=True)
    canvas = figure(output)
    before = bh.wait_canvas_settled(canvas)
    output.screenshot(path=str(bh.ARTIFACTS / f"browser-{name}-before.png"))
    handle = slider_handle(output, label)
    handle.focus()
    for key in keys:
        output.page.keyboard.press(key)
    wait_for_new_figure(canvas, before, timeout_ms=60_000)
    after = bh.wait_canvas_settled(canvas)
    output.screenshot(path=str(bh.ARTIFACTS / f"browser-{name}-after.png"))
    return before, after


def test_lesson_runs_without_errors(lesson):
    assert bh.cell_errors(lesson) == []



def test_stick_breaking_alpha_redraws(lesson):
    sticks = widget_output(lesson, "α (concentration)")
    first = readout_text(sticks, r"pieces hold").inner_text()
    before, after = move_slider_and_screenshot(sticks, "α (concentration)",
                                               ["PageUp"] * 2, "stick-breaking")
    assert before != after
    assert readout_text(sticks, r"pieces hold").inner_text() != first


def test_vb_explorer_prior_slider_reruns_and_redraws(lesson):
    explorer = widget_output(lesson, "concentration α")
    assert "components hold" in readout_text(explorer, r"step \d+ of \d+").inner_text()
    before, after = move_slider_and_screenshot(explorer, "concentration α",
                                               ["End"], "vb-explorer-prior")
    assert before != after
    assert "components hold" in readout_text(explorer, r"step \d+ of \d+").inner_text()
    assert bh.cell_errors(lesson) == []
    message = explorer.locator(".widget-html").all_inner_texts()
    assert not any("could not run" in text for text in message), message


def test_static_figures_are_shown(lesson):
    """The pictures without controls (Dirichlet draws, the fit), saved to look at.

    Last in the module: an element screenshot scrolls the notebook, and a live
    figure first drawn while that happens can stay blank in headless Chromium.
    """
    bh.ARTIFACTS.mkdir(exist_ok=True)
    figures = (lesson.locator(".jp-OutputArea-output")
               .filter(has=lesson.locator("img, .jupyter-matplotlib-figure"))
               .filter(has_not=lesson.locator(".widget-slider")))
    assert figures.count() == 2
    for i in range(figures.count()):
        figures.nth(i).scroll_into_view_if_needed(timeout=10_000)
        figures.nth(i).screenshot(path=str(bh.ARTIFACTS / f"browser-bayes-figure-{i}.png"))
