"""End to end: lesson 03's lower-bound figure in a real JupyterLab, in headless Chromium.

The lesson is run with Run > Run All Cells, then its ``LowerBoundExplorer``
is stepped as a student steps it: the "next step ▶" button (the E-step it
opens on, then the M-step, then the next E-step). Each press must change
the readout and the pixels of ipympl's canvas.

Screenshots of the figure at each of the three steps go to
``test-artifacts/`` (and the whole page whenever a check fails). Without
Chromium this module is skipped locally and fails in CI (CI=true).
"""


import pytest

import browser_helpers as bh

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "03_why_em_works.ipynb"


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    """A tab with lesson 03, every cell run from the menu; server and browser stopped after."""
    with bh.lesson_in_lab(tmp_path_factory, LESSON, "why-em") as page:
        yield page


@pytest.fixture(autouse=True)
def screenshot_if_failed(request):
    """After a failed test (or fixture), save the lesson's whole page."""
    yield from bh.screenshot_failed_lesson(request, "browser-why-em")


@pytest.fixture
def bound_figure(lesson):
    """The output area holding the LowerBoundExplorer, scrolled into view."""
    output = (lesson.locator(".jp-OutputArea-output")
              .filter(has=lesson.locator("button", has_text="next step"))
              .filter(has=lesson.locator(".jupyter-matplotlib-figure"))
              .first)
    output.scroll_into_view_if_needed(timeout=30_000)
    return output


def canvas(output):
    return output.locator(".jupyter-matplotlib-canvas-div > canvas").first


def readout(output, text):
    return output.locator(".widget-html", has_text=text).first


def press_next_and_wait(output, expected_text, before):
    """Click "next step ▶", wait for the readout and for new pixels; return them."""
    output.locator("button", has_text="next step").click()
    readout(output, expected_text).wait_for(timeout=30_000)
    output.page.wait_for_function(
        f"([canvas, old]) => ({bh.SIGNATURE_JS})(canvas) !== old",
        arg=[canvas(output).element_handle(), before], timeout=30_000, polling="raf")
    return bh.wait_canvas_settled(canvas(output))


def test_lesson_runs_without_errors(lesson):
    assert bh.cell_errors(lesson) == []


def test_formulas_render_without_mathjax_errors(lesson):
    formulas = lesson.locator(".jp-MarkdownCell mjx-container")
    assert formulas.count() > 40
    assert lesson.locator("mjx-merror").count() == 0  # what MathJax shows for bad TeX
    bh.ARTIFACTS.mkdir(exist_ok=True)
    for name, heading in [("m-step", "The M-step, derived"),
                          ("jensen", "A lower bound from Jensen")]:
        cell = lesson.locator(".jp-MarkdownCell").filter(has_text=heading).first
        cell.scroll_into_view_if_needed(timeout=10_000)
        cell.screenshot(path=str(bh.ARTIFACTS / f"browser-why-em-formulas-{name}.png"))


def test_stepping_e_then_m_redraws_the_bound(bound_figure):
    bh.ARTIFACTS.mkdir(exist_ok=True)
    readout(bound_figure, "E-step of iteration 1").wait_for(timeout=30_000)
    assert canvas(bound_figure).bounding_box()["width"] > 500
    first = bh.wait_canvas_settled(canvas(bound_figure))
    bound_figure.screenshot(path=str(bh.ARTIFACTS / "browser-why-em-1-e-step.png"))
    after_m = press_next_and_wait(bound_figure, "M-step of iteration 1", first)
    bound_figure.screenshot(path=str(bh.ARTIFACTS / "browser-why-em-2-m-step.png"))
    after_e = press_next_and_wait(bound_figure, "E-step of iteration 2", after_m)
    bound_figure.screenshot(path=str(bh.ARTIFACTS / "browser-why-em-3-next-e-step.png"))
    assert len({first, after_m, after_e}) == 3
    assert bh.cell_errors(bound_figure.page) == []


def test_zoom_redraws_the_bound_around_theta(bound_figure):
    before = bh.wait_canvas_settled(canvas(bound_figure))
    bound_figure.get_by_label("zoom in on θ").check()
    bound_figure.page.wait_for_function(
        f"([canvas, old]) => ({bh.SIGNATURE_JS})(canvas) !== old",
        arg=[canvas(bound_figure).element_handle(), before], timeout=30_000, polling="raf")
    bh.wait_canvas_settled(canvas(bound_figure))
    bound_figure.screenshot(path=str(bh.ARTIFACTS / "browser-why-em-4-zoomed.png"))
    assert bh.cell_errors(bound_figure.page) == []
