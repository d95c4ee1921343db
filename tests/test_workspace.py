"""The learners' working copy my-lessons/: never overwritten, never tested."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from gmmteach import workspace

REPO = Path(__file__).resolve().parents[1]


def answer(notebook):
    """Save a learner's answer into ``notebook``, as JupyterLab would."""
    nb = json.loads(notebook.read_text())
    nb["cells"].append({"cell_type": "code", "execution_count": 7, "id": "mine",
                        "metadata": {}, "source": ["my_answer = 42"],
                        "outputs": [{"output_type": "stream", "name": "stdout",
                                     "text": ["42\n"]}]})
    notebook.write_text(json.dumps(nb))
    return notebook.read_text()


@pytest.fixture
def repo_copy(tmp_path):
    """The lessons and tests of the repository, copied."""
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for folder in ("lessons", "tests"):
        shutil.copytree(REPO / folder, tmp_path / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, tmp_path)
    return tmp_path


def test_sync_copies_what_is_missing_and_keeps_saved_work(repo_copy):
    lessons, mine = repo_copy / "lessons", repo_copy / "my-lessons"
    copied = workspace.sync(lessons, mine)
    originals = sorted(p.relative_to(lessons) for p in lessons.rglob("*.ipynb"))
    assert sorted(p.relative_to(mine) for p in mine.rglob("*.ipynb")) == originals
    assert len(copied) >= len(originals)
    saved = answer(mine / "02_em_step_by_step.ipynb")
    (mine / "05_gmm_vs_kmeans.ipynb").unlink()  # a lesson deleted by mistake
    assert workspace.sync(lessons, mine) == [mine / "05_gmm_vs_kmeans.ipynb"]
    assert (mine / "02_em_step_by_step.ipynb").read_text() == saved


def test_fresh_restores_a_lesson_and_backs_up_the_old_copy(repo_copy):
    lessons, mine = repo_copy / "lessons", repo_copy / "my-lessons"
    workspace.sync(lessons, mine)
    saved = answer(mine / "02_em_step_by_step.ipynb")
    target, backup = workspace.fresh("2", lessons, mine)
    assert target == mine / "02_em_step_by_step.ipynb"
    assert target.read_text() == (lessons / target.name).read_text()
    assert backup.parent == mine / "backups" and backup.read_text() == saved
    with pytest.raises(ValueError, match="No lesson '99'.*00_start_here.ipynb"):
        workspace.fresh("99", lessons, mine)


def test_fresh_makes_no_backup_of_an_unchanged_copy(repo_copy):
    lessons, mine = repo_copy / "lessons", repo_copy / "my-lessons"
    workspace.sync(lessons, mine)
    target, backup = workspace.fresh("02", lessons, mine)
    assert backup is None and not (mine / "backups").exists()
    assert target.read_text() == (lessons / target.name).read_text()


@pytest.mark.slow
def test_saved_work_leaves_the_notebook_checks_green(repo_copy):
    """A saved, answered my-lessons/ is neither collected nor checked."""
    mine = repo_copy / "my-lessons"
    workspace.sync(repo_copy / "lessons", mine)
    answer(mine / "00_start_here.ipynb")
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
               "--nbval-lax", "tests/test_lessons_tidy.py", "lessons"]
    collected = subprocess.run([*command, "--collect-only"], cwd=repo_copy,
                               capture_output=True, text=True)
    assert "lessons/00_start_here.ipynb" in collected.stdout
    assert "my-lessons" not in collected.stdout
    tidy = subprocess.run(command[:-2] + ["tests/test_lessons_tidy.py"], cwd=repo_copy,
                          capture_output=True, text=True)
    assert tidy.returncode == 0, tidy.stdout[-3000:]


def test_make_lab_opens_the_working_copy_and_git_ignores_it():
    makefile = (REPO / "Makefile").read_text()
    lab = makefile.split("\nlab:")[1].split("\n\n")[0]
    assert "gmmteach.workspace sync" in lab and "$(START)" in lab
    assert "\nSTART := my-lessons/00_start_here.ipynb\n" in makefile
    assert "gmmteach.workspace fresh $(LESSON)" in makefile
    ignored = subprocess.run(["git", "check-ignore", "my-lessons/00_start_here.ipynb"],
                             cwd=REPO, capture_output=True, text=True)
    assert ignored.returncode == 0
    assert "gmmteach.workspace sync" in (REPO / "binder" / "postBuild").read_text()


def _make_lab_command(port):
    """The jupyter command of ``make lab``, as make would run it (dry run)."""
    dry = subprocess.run(["make", "-n", "-s", "lab", f"PORT={port}"], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout
    line = next(cmd for cmd in dry.splitlines() if "jupyter lab" in cmd)
    words = line.split()
    words[0] = str(REPO / words[0])  # .venv/bin/jupyter, relative to the repository
    return words


@pytest.mark.slow
def test_make_lab_prints_the_address_of_lesson_0_in_your_copy(tmp_path):
    """The address JupyterLab prints (and opens) is my-lessons/00_start_here.ipynb."""
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    shutil.copytree(REPO / "lessons", tmp_path / "my-lessons")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
    log = tmp_path / "lab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([*_make_lab_command(port), "--no-browser"], cwd=tmp_path,
                                env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        address = _wait_for_address(proc, log, port)
        assert address.startswith(f"http://localhost:{port}/lab/tree/"
                                  "my-lessons/00_start_here.ipynb?token="), address
        with urllib.request.urlopen(address, timeout=30) as page:
            assert page.status == 200 and b"JupyterLab" in page.read()
    finally:
        proc.terminate()
        proc.wait(30)


def _wait_for_address(proc, log, port, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        found = re.search(rf"http://localhost:{port}/\S+", log.read_text(errors="replace"))
        if found:
            return found.group(0)
        time.sleep(0.5)
    raise AssertionError(f"make lab printed no address:\n{log.read_text()[-3000:]}")
