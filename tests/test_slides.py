"""The lessons an instructor presents carry slide metadata for jupyterlab-rise.

Each presenting lesson (and its ``lessons/solutions/`` twin) gives every cell
a ``slideshow.slide_type``; the deck opens on a title slide (the lesson's
``# `` heading), has enough slides to be a lecture, shows every live widget
on a slide of its own and never skips one, and leaves out the exercises.
``rise.scroll`` lets a slide taller than the screen scroll. Normalising a
notebook (``tests/nbtools.py``) keeps this metadata. The slides themselves
are opened in a real browser by ``tests/test_browser_rise.py``.
"""

import json
import re
from pathlib import Path

import nbformat
import pytest

import nbtools

REPO = Path(__file__).resolve().parents[1]
LESSONS_DIR = REPO / "lessons"
PRESENTING = ["00_start_here", "02_em_step_by_step", "03_why_em_works",
              "05_gmm_vs_kmeans", "07_choosing_k", "11_bayesian_gmm"]
DECKS = [p for name in PRESENTING
         for p in (LESSONS_DIR / f"{name}.ipynb",
                   LESSONS_DIR / "solutions" / f"{name}_solutions.ipynb") if p.exists()]
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}
NEW_SLIDE = {"slide", "subslide"}
MIN_SLIDES = 8
# a cell that builds one of the course's widgets and shows it (its last line names it)
WIDGET = re.compile(r"\b[A-Z]\w*(Explorer|StickBreaking)\(")
SHIM = REPO / "labextensions" / "gmmteach-rise-widgets"


def deck_id(path):
    return str(path.relative_to(LESSONS_DIR))


def slide_type(cell):
    return cell.metadata.get("slideshow", {}).get("slide_type")


def is_widget(cell):
    last = cell.source.rstrip().split("\n")[-1].strip()
    return cell.cell_type == "code" and bool(WIDGET.search(cell.source)) and last.isidentifier()


def shown(cells):
    """The cells RISE puts on slides (not skipped, not speaker notes)."""
    return [c for c in cells if slide_type(c) not in ("skip", "notes")]


def test_every_presenting_lesson_has_a_deck():
    assert [p.stem for p in DECKS if p.parent == LESSONS_DIR] == PRESENTING


@pytest.fixture(params=DECKS, ids=deck_id)
def deck(request):
    return nbformat.read(request.param, as_version=4)


def test_every_cell_has_a_slide_type(deck):
    kinds = [slide_type(c) for c in deck.cells]
    assert set(kinds) <= SLIDE_TYPES and None not in kinds, kinds


def test_deck_opens_on_a_title_slide(deck):
    first = deck.cells[0]
    assert slide_type(first) == "slide"
    assert first.cell_type == "markdown" and first.source.startswith("# Lesson ")


def test_deck_has_enough_slides(deck):
    n_slides = sum(slide_type(c) in NEW_SLIDE for c in deck.cells)
    assert n_slides >= MIN_SLIDES


def test_each_section_heading_starts_a_slide(deck):
    for cell in shown(deck.cells):
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            assert slide_type(cell) == "slide", cell.source.split("\n")[0]


def test_widgets_are_shown_each_on_its_own_slide(deck):
    cells = shown(deck.cells)
    widgets = [i for i, c in enumerate(cells) if is_widget(c)]
    for i in widgets:
        assert slide_type(cells[i]) in NEW_SLIDE, cells[i].source
        if i + 1 < len(cells):
            assert slide_type(cells[i + 1]) in NEW_SLIDE, cells[i + 1].source[:80]
    skipped = [c.source for c in deck.cells if is_widget(c) and c not in cells]
    assert skipped == []


def test_lessons_with_widgets_show_them():
    # the check above must not pass because it found no widget
    for name in ["00_start_here", "02_em_step_by_step", "03_why_em_works", "11_bayesian_gmm"]:
        nb = nbformat.read(LESSONS_DIR / f"{name}.ipynb", as_version=4)
        assert any(is_widget(c) for c in shown(nb.cells)), name


def test_exercises_are_left_out_of_the_slides(deck):
    for cell in deck.cells:
        if cell.cell_type == "code" and cell.source.startswith(("# EXERCISE", "# SOLUTION")):
            assert slide_type(cell) == "skip", cell.source[:80]


def test_tall_slides_scroll(deck):
    assert deck.metadata.get("rise", {}).get("scroll") is True


def test_normalising_keeps_the_slide_metadata():
    nb = nbformat.v4.new_notebook(metadata={"rise": {"scroll": True}, "widgets": {}})
    nb.cells = [nbformat.v4.new_markdown_cell(
        "# Title", metadata={"slideshow": {"slide_type": "slide"}, "collapsed": True}),
        nbformat.v4.new_code_cell("# EXERCISE\nx = 1",
                                  metadata={"slideshow": {"slide_type": "skip"}})]
    nb = nbtools.normalize(nb)
    assert nb.metadata["rise"] == {"scroll": True} and "widgets" not in nb.metadata
    assert nb.cells[0].metadata == {"slideshow": {"slide_type": "slide"}}
    assert nb.cells[1].metadata == {"tags": ["remove-cell"],
                                    "slideshow": {"slide_type": "skip"}}


def test_rise_is_pinned_with_the_widget_shim():
    assert "jupyterlab-rise==0.43.1" in (REPO / "requirements.txt").read_text().split()
    package = json.loads((SHIM / "package.json").read_text())
    assert (SHIM / package["jupyterlab"]["_build"]["load"]).is_file()
    for installer in ["Makefile", "binder/postBuild"]:
        assert "labextensions/gmmteach-rise-widgets" in (REPO / installer).read_text()
