"""Keep the lesson notebooks in a form whose diffs can be reviewed.

A normalised notebook is nbformat v4 JSON with one-space indents and sorted
keys; it has only the kernelspec, language name and RISE settings (``rise``) as
metadata, cell metadata reduced to ``tags`` and ``slideshow`` (the slide type
RISE presents it as), and no outputs or execution counts, except in cells whose
source contains ``# NBVAL_CHECK_OUTPUT``: those keep their text outputs
(streams and ``text/plain``), which ``pytest --nbval-lax`` compares with a
fresh run, so a change in the lesson's numbers fails the tests. nbval skips
a cell whose execution count is empty, so checked cells get the constant
count 1 (a real count would change with every re-run and clutter diffs).

Usage::

    python tests/nbtools.py normalize lessons/*.ipynb lessons/solutions/*.ipynb
    python tests/nbtools.py execute-and-normalize lessons/02_em_step_by_step.ipynb

``execute-and-normalize`` runs each notebook top to bottom in a fresh kernel
(in the notebook's folder), stops at the first error, then normalises, so
the checked outputs stored are real outputs.

Normalising also tags the cells a lecture audience should not see
(exercises, their checkers and their headings, printed library source) with
``remove-cell``, which the Voilà lecture view (``voila.json``) drops; a new
exercise is therefore hidden there without anyone remembering to tag it.
Prose and printouts that only make sense beside the code are tagged
``lecture-remove`` by hand (``voila.json`` drops both tags; Jupyter Book, which
builds the site with the code shown, drops only ``remove-cell``).
"""

import argparse
import re
import sys
from pathlib import Path

import nbformat

__all__ = ["CHECK_MARK", "normalize", "normalized_text", "is_checked", "execute",
           "hidden_in_lecture"]

CHECK_MARK = "# NBVAL_CHECK_OUTPUT"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python",
              "name": "python3"}
CELL_TIMEOUT_S = 120
CHECKED_EXECUTION_COUNT = 1
LECTURE_HIDDEN = "remove-cell"
# metadata kept by normalising: what the slides (jupyterlab-rise) read
KEPT_CELL_METADATA = ("slideshow",)
KEPT_NOTEBOOK_METADATA = ("rise",)
_CHECKER_CALL = re.compile(r"^\s*(assert\s+)?check_\w+\(", re.MULTILINE)
_EXERCISE_HEADING = re.compile(r"#+ [^\n]*[Ee]xercise")


def is_checked(cell):
    """True for a code cell whose outputs nbval compares."""
    return cell.cell_type == "code" and CHECK_MARK in cell.source


def hidden_in_lecture(cell):
    """True for an exercise, its checker or heading, or printed source."""
    source = cell.source.lstrip()
    if cell.cell_type == "markdown":
        return bool(_EXERCISE_HEADING.match(source))
    return (source.startswith(("# EXERCISE", "# SOLUTION"))
            or bool(_CHECKER_CALL.search(source)) or "inspect.getsource" in source)


def _text_output(output, execution_count):
    """The output with only what a text comparison needs, or None to drop it."""
    if output.output_type in ("stream", "error"):
        return output
    text = output.get("data", {}).get("text/plain")
    if text is None:
        return None
    kept = nbformat.from_dict({"output_type": output.output_type,
                               "data": {"text/plain": text}, "metadata": {}})
    if output.output_type == "execute_result":
        kept.execution_count = execution_count
    return kept


def _merge_streams(outputs):
    """Consecutive outputs of one stream as one (how nbval compares them)."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.output_type == "stream" and previous is not None
                and previous.output_type == "stream" and previous.name == output.name):
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def _normalize_cell(cell, index, used_ids):
    tags = list(cell.metadata.get("tags", []))
    if hidden_in_lecture(cell) and LECTURE_HIDDEN not in tags:
        tags.append(LECTURE_HIDDEN)
    kept = {key: cell.metadata[key] for key in KEPT_CELL_METADATA if key in cell.metadata}
    cell.metadata = {"tags": tags, **kept} if tags else kept
    if cell.get("id") in used_ids or not cell.get("id"):
        cell.id = f"cell-{index:02d}"  # deterministic, so diffs stay quiet
    used_ids.add(cell.id)
    if cell.cell_type != "code":
        return cell
    checked = is_checked(cell)
    count = CHECKED_EXECUTION_COUNT if checked else None
    outputs = [_text_output(o, count) for o in cell.outputs] if checked else []
    cell.outputs = _merge_streams([o for o in outputs if o is not None])
    cell.execution_count = count if cell.outputs else None
    return cell


def normalize(nb):
    """The notebook (nbformat NotebookNode), normalised in place and returned."""
    nb.nbformat, nb.nbformat_minor = 4, max(nb.get("nbformat_minor", 5), 5)
    kept = {key: nb.metadata[key] for key in KEPT_NOTEBOOK_METADATA if key in nb.metadata}
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}, **kept}
    used_ids = set()
    nb.cells = [_normalize_cell(c, i, used_ids) for i, c in enumerate(nb.cells)]
    nbformat.validate(nb)
    return nb


def _dumps(nb):
    # nbformat's own writer: one-space indents, sorted keys, sources and text
    # outputs split into one JSON string per line, so a one-line change is a
    # one-line diff
    return nbformat.writes(nb, version=4) + "\n"


def normalized_text(path):
    """The text the notebook at path has once normalised."""
    return _dumps(normalize(nbformat.read(path, as_version=4)))


def execute(path, timeout=CELL_TIMEOUT_S):
    """Run the notebook at path in a fresh kernel, in its folder; return it."""
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


def _write(path, nb):
    Path(path).write_text(_dumps(normalize(nb)), encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["normalize", "execute-and-normalize"])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=CELL_TIMEOUT_S,
                        help="seconds allowed per cell (execute-and-normalize)")
    args = parser.parse_args(argv)
    for path in args.notebooks:
        if args.command == "execute-and-normalize":
            _write(path, execute(path, args.timeout))
        else:
            _write(path, nbformat.read(path, as_version=4))
        print(f"{args.command}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
