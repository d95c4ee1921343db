"""End to end: lesson 00 presented as slides with RISE, in headless Chromium.

The lesson is run in JupyterLab (Run > Run All Cells), then presented as an
instructor presents it: the first cell selected, Alt+R (RISE's "Render as
Reveal Slideshow", the toolbar button) opens the slides in a panel beside the
notebook. reveal.js must show the title slide; three presses of the space bar
must each move to a later slide with other content; and on the explorer's
slide the EM explorer must be live (its controls and ipympl figure drawn, and
a key on its step slider answered by the kernel), not the text stand-in that
a widget shows when the widget manager fails to load there.

Screenshots go to ``test-artifacts/`` (the slides visited, the explorer's
slide, and the whole page whenever a check fails). Without Chromium this
module is skipped locally and fails in CI (CI=true).
"""

import re
import time

import pytest

import browser_helpers as bh

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "00_start_here.ipynb"
SCREEN = {"width": 1280, "height": 720}
SLIDE_ID = re.compile(r"slide-(\d+)-(\d+)")
# the current slide: reveal.js marks it (and, for a sub-slide, its column) "present"
CURRENT_JS = """() => {
    const slide = [...document.querySelectorAll('.reveal .slides section.present')].pop();
    return slide ? {id: slide.id, text: slide.innerText} : null;
}"""


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    """A tab with lesson 00, every cell run from the menu; server and browser stopped after."""
    with bh.lesson_in_lab(tmp_path_factory, LESSON, "rise") as page:
        yield page


@pytest.fixture(autouse=True)
def screenshot_if_failed(request):
    """After a failed test (or fixture), save the lesson's whole page."""
    yield from bh.screenshot_failed_lesson(request, "browser-rise")


@pytest.fixture(scope="module")
def slides(lesson):
    """The RISE panel's frame, opened with Alt+R on the lesson's first cell."""
    lesson.set_viewport_size(SCREEN)
    lesson.locator(".jp-Notebook .jp-Cell").first.click()
    lesson.keyboard.press("Escape")  # command mode, where RISE's shortcut listens
    lesson.keyboard.press("Alt+r")
    frame = lesson.frame_locator("iframe[src*='rise/']")
    frame.locator(".reveal .slides section.present").first.wait_for(timeout=120_000)
    return next(f for f in lesson.frames if "/rise/" in f.url)


def current(frame):
    return frame.evaluate(CURRENT_JS)


def index(slide):
    """(slide, sub-slide) of reveal.js's section id 'slide-h-v'."""
    return tuple(int(n) for n in SLIDE_ID.fullmatch(slide["id"]).groups())


def press_next(frame, before, timeout_ms=30_000):
    """Space (reveal.js's "next"); wait until another slide is current; return it."""
    frame.page.keyboard.press("Space")
    frame.wait_for_function(f"(old) => {{ const s = ({CURRENT_JS})(); return s && s.id !== old; }}",
                            arg=before["id"], timeout=timeout_ms)
    return current(frame)


def test_slides_open_on_the_title_slide(slides):
    first = current(slides)
    bh.ARTIFACTS.mkdir(exist_ok=True)
    slides.page.screenshot(path=str(bh.ARTIFACTS / "rise-slide-0.png"))
    assert index(first) == (0, 0)
    assert first["text"].startswith("Lesson 0 · Start here")


def test_next_moves_through_three_slides(slides):
    seen = [current(slides)]
    for n in range(1, 4):
        seen.append(press_next(slides, seen[-1]))
        slides.page.screenshot(path=str(bh.ARTIFACTS / f"rise-slide-{n}.png"))
    indices = [index(s) for s in seen]
    assert indices == sorted(indices) and len(set(indices)) == 4, indices
    texts = [s["text"] for s in seen]
    assert len(set(texts)) == 4, indices
    assert seen[1]["text"].startswith("What a Gaussian mixture is")


def explorer_slide(frame):
    """The slide section that holds the EM explorer's output."""
    return (frame.locator(".reveal .slides section section, .reveal .slides > section")
            .filter(has=frame.locator(".widget-play"))
            .filter(has=frame.locator(".jupyter-matplotlib-figure"))
            .last)


def wait_layout_settled(locator, quiet_s=0.6, timeout_s=30):
    """Wait until the element's box has not moved for ``quiet_s``."""
    deadline = time.monotonic() + timeout_s
    last, since = locator.bounding_box(), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = locator.bounding_box()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return now
    raise TimeoutError(f"the slide kept moving for {timeout_s} s")


def test_explorer_is_live_on_its_slide(slides):
    section = explorer_slide(slides)
    section.wait_for(state="attached", timeout=60_000)
    slide_id = section.get_attribute("id")
    h, v = SLIDE_ID.fullmatch(slide_id).groups()
    slides.evaluate(f"() => {{ location.hash = '#/slide-{h}-{v}'; }}")
    slides.wait_for_function(f"() => ({CURRENT_JS})()?.id === '{slide_id}'", timeout=30_000)
    assert "Error displaying widget" not in section.inner_text()
    canvas = section.locator(".jupyter-matplotlib-canvas-div > canvas").first
    canvas.wait_for(timeout=30_000)
    assert canvas.bounding_box()["width"] > 200
    assert section.locator(".widget-slider").count() >= 2  # K and step
    # live: the kernel answers the step slider. A click at the left end of its
    # track sets step 0 (keys will not do: RISE takes Home, End and the arrows)
    track = section.locator(".widget-slider").filter(
        has=slides.locator("label.widget-label", has_text=re.compile(r"^step$"))
    ).locator(".noUi-base").first
    box = track.bounding_box()
    track.click(position={"x": 1, "y": box["height"] / 2})
    section.locator(".widget-html", has_text="step 0 of").first.wait_for(timeout=30_000)
    slides.page.screenshot(path=str(bh.ARTIFACTS / "rise-explorer-in-lab.png"))


def test_slideshow_tab_shows_the_live_explorer(slides):
    """The same slides in a tab of their own (RISE's "Open as Reveal Slideshow"),
    as a projector shows them: 1280 x 720, the explorer drawn on its slide."""
    lab_context = slides.page.context
    tab = lab_context.browser.new_page(viewport=SCREEN)
    tab.context.add_cookies(lab_context.cookies())  # the server's login
    try:
        tab.goto(slides.url.split("#")[0])
        section = explorer_slide(tab)
        section.wait_for(state="attached", timeout=120_000)
        tab.evaluate(f"() => {{ location.hash = '#/{section.get_attribute('id')}'; }}")
        canvas = section.locator(".jupyter-matplotlib-canvas-div > canvas").first
        canvas.wait_for(timeout=60_000)
        bh.wait_canvas_settled(canvas)
        wait_layout_settled(section)  # reveal.js slides the new slide in
        tab.screenshot(path=str(bh.ARTIFACTS / "rise-explorer.png"))
        assert "Error displaying widget" not in section.inner_text()
        assert canvas.bounding_box()["width"] > 300
    finally:
        tab.close()
