"""Your own copy of the lessons: run, answer and save them without fear.

JupyterLab saves the notebook you run. Saved into ``lessons/``, your answers
would be lost to the next ``git pull`` and would fail the tests that check
the lessons are stored clean. So ``make lab`` (and Binder) open a working
copy, ``my-lessons/``, which git ignores and no test reads:

* :func:`sync` copies every file of ``lessons/`` that ``my-lessons/`` lacks
  (a new lesson appears) and never overwrites one that is there;
* :func:`fresh` gives you a lesson as it was, moving your copy to
  ``my-lessons/backups/`` with the time in its name (nothing is lost); a
  copy identical to the original needs no backup and gets none.

From the repository root::

    python -m gmmteach.workspace sync           # what make lab does first
    python -m gmmteach.workspace fresh 03       # make fresh LESSON=03
"""

import argparse
import shutil
import time
from pathlib import Path

__all__ = ["sync", "fresh", "LESSONS", "WORKING_COPY"]

LESSONS = Path("lessons")
WORKING_COPY = Path("my-lessons")
BACKUPS = "backups"
SKIPPED = {".ipynb_checkpoints", "__pycache__"}  # JupyterLab's and Python's


def sync(lessons=LESSONS, working_copy=WORKING_COPY):
    """Copy the files of ``lessons`` missing from ``working_copy``; keep the rest.

    Returns
    -------
    list of Path
        The files copied (none when every lesson is already there).
    """
    lessons, working_copy = Path(lessons), Path(working_copy)
    copied = []
    for source in sorted(lessons.rglob("*")):
        relative = source.relative_to(lessons)
        if source.is_dir() or SKIPPED & set(relative.parts):
            continue
        target = working_copy / relative
        if not target.exists():  # yours stays yours
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            copied.append(target)
    return copied


def fresh(lesson, lessons=LESSONS, working_copy=WORKING_COPY):
    """Put the original of ``lesson`` in ``working_copy``, backing up yours.

    Parameters
    ----------
    lesson : str
        Its number, e.g. ``'03'`` or ``'3'``, or the file's name.

    Returns
    -------
    (Path, Path or None)
        The fresh copy, and where your old copy went (None if there was none,
        or if it was the same as the original).
    """
    source = _find_lesson(str(lesson), Path(lessons))
    target = Path(working_copy) / source.name
    backup = None
    if target.exists() and target.read_bytes() != source.read_bytes():
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = Path(working_copy) / BACKUPS / f"{source.stem}.{stamp}.ipynb"
        backup.parent.mkdir(parents=True, exist_ok=True)
        target.replace(backup)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    return target, backup


def _find_lesson(lesson, lessons):
    names = sorted(p.name for p in lessons.glob("[0-9][0-9]_*.ipynb"))
    number = lesson.zfill(2) if lesson.isdigit() else None
    found = [n for n in names if n == lesson or n.split("_")[0] == number]
    if len(found) != 1:
        raise ValueError(f"No lesson {lesson!r} in {lessons}/; give its number "
                         f"(e.g. LESSON=03) or one of: {', '.join(names)}.")
    return lessons / found[0]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["sync", "fresh"])
    parser.add_argument("lesson", nargs="?", help="for fresh: its number, e.g. 03")
    args = parser.parse_args(argv)
    if args.command == "sync":
        copied = sync()
        print(f"{WORKING_COPY}/: {len(copied)} new file(s) copied from {LESSONS}/; "
              "your saved notebooks were left as they are.")
        return
    if args.lesson is None:
        parser.error("fresh needs a lesson number, e.g. make fresh LESSON=03")
    try:
        target, backup = fresh(args.lesson)
    except ValueError as error:
        parser.error(str(error))
    kept = f"; your copy is in {backup}" if backup else ""
    print(f"{target} is fresh from {LESSONS}/{kept}.")


if __name__ == "__main__":
    main()
