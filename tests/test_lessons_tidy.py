"""The lesson notebooks are stored tidily and follow the course's conventions.

Every ``lessons/**/*.ipynb`` is normalised (see ``tests/nbtools.py``), keeps
helpers in the package rather than in cells, stores no errors, opens by
saying what the learner will be able to do and closes with a summary and
what comes next. Exercises are marked ``# EXERCISE`` (first line) and their
worked answers ``# SOLUTION`` in ``lessons/solutions/NN_name_solutions.ipynb``.
"""

import re
from pathlib import Path

import nbformat
import pytest

import nbtools
from nbtools import CHECK_MARK, is_checked, normalized_text

LESSONS_DIR = Path(__file__).resolve().parent.parent / "lessons"
SOLUTIONS_DIR = LESSONS_DIR / "solutions"
ALL_NOTEBOOKS = sorted(p for p in LESSONS_DIR.glob("**/*.ipynb")
                       if ".ipynb_checkpoints" not in p.parts)
LESSONS = sorted(LESSONS_DIR.glob("[0-9][0-9]_*.ipynb"))
SOLUTIONS = sorted(SOLUTIONS_DIR.glob("*.ipynb"))
LESSONS_WITH_EXERCISES = ["01", "02", "03", "04", "05", "06", "07", "09", "10", "11", "12"]

EXERCISE, SOLUTION = "# EXERCISE", "# SOLUTION"
DEFINITION = re.compile(r"^\s*(async\s+def|def|class)\s", re.MULTILINE)
CHECKER_CALL = re.compile(r"\bcheck_\w+\(")
MEMORY_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,}|model_id")


def ids(paths):
    return [str(p.relative_to(LESSONS_DIR)) for p in paths]


def read(path):
    return nbformat.read(path, as_version=4)


def first_line(cell):
    return cell.source.lstrip().split("\n", 1)[0].strip()


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def exercise_cells(nb, mark=EXERCISE):
    return [c for c in code_cells(nb) if first_line(c) == mark]


def test_the_course_is_there():
    assert len(LESSONS) >= 9, [p.name for p in LESSONS]


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ids(ALL_NOTEBOOKS))
def test_notebook_is_normalised(path):
    assert path.read_text(encoding="utf-8") == normalized_text(path), (
        f"{path.name} is not normalised; run "
        f"`python tests/nbtools.py normalize {path.relative_to(LESSONS_DIR.parent)}`"
    )


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ids(ALL_NOTEBOOKS))
def test_no_path_hacks_and_no_stored_errors(path):
    for cell in code_cells(read(path)):
        assert "sys.path" not in cell.source, "import gmmteach as installed, not via sys.path"
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ids(ALL_NOTEBOOKS))
def test_helpers_live_in_the_package(path):
    for cell in code_cells(read(path)):
        if first_line(cell) not in (EXERCISE, SOLUTION):
            assert not DEFINITION.search(cell.source), (
                f"{path.name}: a cell defines a function or class; move it to "
                f"gmmteach or mark the cell {EXERCISE!r}:\n{cell.source}")


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ids(ALL_NOTEBOOKS))
def test_checked_outputs_are_stored_and_stable(path):
    checked = [c for c in read(path).cells if is_checked(c)]
    for cell in checked:
        assert cell.outputs, f"{CHECK_MARK} cell has no stored output to compare:\n{cell.source}"
        for output in cell.outputs:
            text = "".join(output.get("text", "")) + "".join(
                output.get("data", {}).get("text/plain", ""))
            assert not MEMORY_ADDRESS.search(text), (
                f"checked output holds a memory address or widget id:\n{text}")


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=ids(ALL_NOTEBOOKS))
def test_opens_with_goals_and_closes_with_summary_and_next(path):
    cells = read(path).cells
    assert cells[0].cell_type == "markdown", "start with a markdown cell"
    assert re.search(r"you will|able to", cells[0].source, re.IGNORECASE), (
        "the first cell says what the learner will be able to do")
    assert cells[-1].cell_type == "markdown", "end with a markdown cell"
    assert re.search(r"summary", cells[-1].source, re.IGNORECASE)
    assert re.search(r"next", cells[-1].source, re.IGNORECASE)


def lesson_for(solution_path):
    return LESSONS_DIR / solution_path.name.replace("_solutions.ipynb", ".ipynb")


@pytest.mark.parametrize("path", SOLUTIONS, ids=ids(SOLUTIONS))
def test_solution_matches_its_lesson(path):
    assert path.name.endswith("_solutions.ipynb")
    lesson_path = lesson_for(path)
    assert lesson_path.exists(), f"{path.name} has no lesson {lesson_path.name}"
    lesson, solution = read(lesson_path), read(path)
    assert not exercise_cells(solution), "solutions replace every # EXERCISE cell"
    assert len(exercise_cells(solution, SOLUTION)) == len(exercise_cells(lesson))
    # Everything else the lesson runs, the solution runs too (kept in sync)
    solution_sources = {c.source for c in code_cells(solution)}
    for cell in code_cells(lesson):
        if first_line(cell) != EXERCISE and not CHECKER_CALL.search(cell.source):
            assert cell.source in solution_sources, (
                f"{path.name} lacks the lesson's cell:\n{cell.source}")
    for checker in CHECKER_CALL.findall("\n".join(c.source for c in code_cells(lesson))):
        assert any(f"assert {checker}" in c.source for c in code_cells(solution)), (
            f"{path.name} should `assert {checker}...)`")


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_every_exercise_has_a_worked_solution(path):
    if exercise_cells(read(path)):
        assert (SOLUTIONS_DIR / f"{path.stem}_solutions.ipynb").exists()


@pytest.mark.parametrize("number", LESSONS_WITH_EXERCISES)
def test_lesson_has_a_checked_exercise(number):
    paths = sorted(LESSONS_DIR.glob(f"{number}_*.ipynb"))
    assert paths, f"lesson {number} is missing"
    nb = read(paths[0])
    assert exercise_cells(nb), f"{paths[0].name} has no {EXERCISE} cell"
    assert any(CHECKER_CALL.search(c.source) for c in code_cells(nb)), (
        f"{paths[0].name} never calls a gmmteach.exercises checker")


# -- the normaliser itself -------------------------------------------------------------
def executed_notebook():
    """A notebook as Jupyter saves it after a run: counts, images, widget views."""
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3",
                                                           "display_name": "Python 3"},
                                            "widgets": {"state": {}}})
    figure = nbformat.v4.new_output("display_data", data={
        "image/png": "iVBORw0KGgo=", "text/plain": "<Figure size 640x480 with 1 Axes>"})
    widget = nbformat.v4.new_output("execute_result", execution_count=7, data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "ab12"},
        "text/plain": "VBox()"})
    printed = nbformat.v4.new_output("stream", name="stdout", text="weights [0.3 0.7]\n")
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell("plot()", execution_count=3, outputs=[figure],
                                  metadata={"scrolled": True}),
        nbformat.v4.new_code_cell(f"{CHECK_MARK}\nprint(w)\nw", execution_count=7,
                                  outputs=[printed, widget]),
    ]
    return nb


def test_normalize_strips_all_but_checked_text(tmp_path):
    from nbtools import normalize

    nb = normalize(executed_notebook())
    assert nb.metadata == {"kernelspec": {"display_name": "Python 3 (ipykernel)",
                                          "language": "python", "name": "python3"},
                           "language_info": {"name": "python"}}
    plain, checked = nb.cells[1], nb.cells[2]
    assert plain.outputs == [] and plain.execution_count is None and plain.metadata == {}
    assert [o.output_type for o in checked.outputs] == ["stream", "execute_result"]
    assert checked.outputs[1].data == {"text/plain": "VBox()"}  # no widget model id
    # nbval compares only cells with an execution count: a constant one
    assert checked.execution_count == checked.outputs[1].execution_count == 1


def test_normalized_text_is_stable(tmp_path):
    path = tmp_path / "lesson.ipynb"
    nbformat.write(executed_notebook(), path)
    once = normalized_text(path)
    path.write_text(once, encoding="utf-8")
    assert normalized_text(path) == once
    assert '"execution_count": 3' not in once and "image/png" not in once
    assert once.startswith('{\n "cells": [\n  {\n')  # one-space indent, sorted keys


def test_readme_lesson_table_matches_the_lessons():
    """Each README row links an existing lesson and quotes its own duration."""
    readme = (LESSONS_DIR.parent / "README.md").read_text()
    rows = re.findall(r"^\| \d+ \| \[[^\]]+\]\(lessons/([^)]+)\)[^|]*\| (\d+) \|",
                      readme, re.MULTILINE)
    assert [name for name, _ in rows] == [p.name for p in LESSONS]
    for name, minutes in rows:
        stated = re.search(r"About (\d+) minutes", "".join(
            c.source for c in read(LESSONS_DIR / name).cells[:1]))
        assert stated and stated.group(1) == minutes, (name, minutes)


def test_normalising_hides_exercises_from_the_lecture_view():
    """Exercises, checkers, their headings and printed source get Voilà's tag."""
    hidden = ["# EXERCISE\ndef f(x):\n    raise NotImplementedError",
              "check_e_step(my_e_step)", "assert check_bic(bic)",
              "print(inspect.getsource(gmmteach.e_step))"]
    shown = ["gm = GaussianMixture(3).fit(X)", "print(check)  # a variable, not a call"]
    cells = [nbformat.v4.new_code_cell(s) for s in hidden + shown]
    cells += [nbformat.v4.new_markdown_cell("### Exercise 2: write the E-step"),
              nbformat.v4.new_markdown_cell("## Summary\n\nNo exercise here.")]
    nb = nbtools.normalize(nbformat.v4.new_notebook(cells=cells))
    tagged = ["remove-cell" in c.metadata.get("tags", []) for c in nb.cells]
    assert tagged == [True] * 4 + [False] * 2 + [True, False]
