"""Every lesson runs to its end without the cells the lecture view leaves out.

Voilà (``make lecture``) drops the cells tagged as ``voila.json`` says before
it runs a notebook, and stops at the first cell that raises: a kept cell that
uses a name defined only in a dropped one (an exercise's function) would cut
the lecture off there, with every figure and widget after it missing. Here
each lesson runs as Voilà would run it, with those cells dropped and
``GMMTEACH_LECTURE=1`` (so the lecture mode's figures are built too), in a
fresh kernel in the lessons' folder, without a browser.
"""

import json
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.slow  # runs every lesson

REPO = Path(__file__).resolve().parents[1]
LESSONS = sorted((REPO / "lessons").glob("[0-9][0-9]_*.ipynb"))
HIDDEN = set(json.loads((REPO / "voila.json").read_text())
             ["TagRemovePreprocessor"]["remove_cell_tags"])


def test_the_lecture_tags_are_read():
    assert {"remove-cell", "lecture-remove"} <= HIDDEN


@pytest.mark.parametrize("path", LESSONS, ids=[p.name[:2] for p in LESSONS])
def test_the_lesson_runs_as_the_lecture_view_runs_it(path, monkeypatch):
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    kept = [c for c in nb.cells if not HIDDEN & set(c.metadata.get("tags", []))]
    assert len(kept) < len(nb.cells) or path.name.startswith(("00", "08"))  # tags are used
    nb.cells = kept
    monkeypatch.setenv("GMMTEACH_LECTURE", "1")  # the kernel inherits it
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError naming the cell that failed
