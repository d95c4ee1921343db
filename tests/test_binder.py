"""The Binder set-up in ``binder/``, rebuilt here the way repo2docker builds it.

Binder cannot run in a test, so this builds the same environment by hand
from a copy of the repository: a fresh virtual environment, then, from the
repository root as repo2docker does, ``pip install -r
binder/requirements.txt`` and ``./binder/postBuild``. In it we check the
pins, that gmmteach is installed as a package (with its data files) and
not picked up from the source folder, and that lesson 0 executes with the
environment's own kernel. The Binder address in the README must open a
notebook that exists once postBuild has run (the learner's working copy
``my-lessons/``), and must not be a clickable link while the repository
has no public home.

The build takes a minute or more (pip reuses its cache when it can; with
neither a cache nor the network the build fails with pip's message).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
LESSON = Path("lessons/00_start_here.ipynb")
WORKING_LESSON = Path("my-lessons/00_start_here.ipynb")  # made by binder/postBuild
NOT_SHIPPED = shutil.ignore_patterns(
    ".git", ".venv", ".hypothesis", ".notes", "test-artifacts", "__pycache__",
    "*.egg-info", "build", "dist", ".ipynb_checkpoints", ".pytest_cache", ".jupyter-run")
PROBE = "import sys, gmmteach\nprint(sys.prefix)\nprint(gmmteach.__file__)"
BINDER_LINK = re.compile(r"https://mybinder\.org/v2/gh/[^)\s]+")


def run(command, cwd, env, timeout=1200):
    """Run a build step; on failure show its output in the test report."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    shown = " ".join(map(str, command))
    assert done.returncode == 0, f"{shown} failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}"
    return done.stdout


def venv_environment(venv, home):
    """Variables as in the Binder image: the venv first on PATH, no user Jupyter config."""
    env = dict(os.environ, VIRTUAL_ENV=str(venv),
               PATH=os.pathsep.join([str(venv / "bin"), os.environ.get("PATH", "")]),
               JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), IPYTHONDIR=str(home / "ipython"))
    for name in ("PYTHONPATH", "PYTHONHOME", "JUPYTER_PATH"):
        env.pop(name, None)
    return env


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    """A copy of the repository and a venv built from its ``binder/`` folder."""
    tmp = tmp_path_factory.mktemp("binder")
    repo = tmp / "repo"
    shutil.copytree(REPO, repo, ignore=NOT_SHIPPED)
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = venv_environment(venv, tmp)
    run([venv / "bin" / "python", "-m", "pip", "install", "--quiet",
         "-r", "binder/requirements.txt"], cwd=repo, env=env)
    run(["./binder/postBuild"], cwd=repo, env=env)
    return {"repo": repo, "python": venv / "bin" / "python", "env": env, "tmp": tmp}


def execute(binder, notebook):
    """Run ``notebook`` (a path in the copy) with nbconvert from the Binder venv."""
    out = binder["tmp"] / "executed"
    run([binder["python"], "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.kernel_name=python3", "--ExecutePreprocessor.timeout=600",
         "--output-dir", out, notebook], cwd=notebook.parent, env=binder["env"])
    return nbformat.read(out / notebook.name, as_version=4)


def pinned(requirements):
    """{name: version} of the ``name==version`` lines of a requirements file."""
    pins = {}
    for line in requirements.read_text().splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([^\s#;]+)", line.split("#")[0].strip())
        if match:
            pins[match[1].lower().replace("_", "-")] = match[2]
    return pins


@pytest.mark.slow
def test_binder_installs_the_pinned_versions(binder):
    listed = json.loads(run([binder["python"], "-m", "pip", "list", "--format=json"],
                            cwd=binder["tmp"], env=binder["env"]))
    installed = {p["name"].lower().replace("_", "-"): p["version"] for p in listed}
    pins = pinned(REPO / "requirements.txt")
    assert pins, "requirements.txt pins nothing"
    assert {name: installed.get(name) for name in pins} == pins


@pytest.mark.slow
def test_binder_kernel_imports_installed_package_with_data(binder):
    notebook = binder["repo"] / "lessons" / "binder_probe.ipynb"
    notebook.parent.mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(PROBE),
        nbformat.v4.new_code_cell("from gmmteach.datasets import load_old_faithful\n"
                                  "print(load_old_faithful().shape)")])
    nbformat.write(nb, notebook)
    outputs = ["".join(o.get("text", "") for o in cell.outputs)
               for cell in execute(binder, notebook).cells]
    prefix, module = outputs[0].split()
    venv = binder["python"].parent.parent
    assert Path(prefix).resolve() == venv.resolve()
    assert Path(module).resolve().is_relative_to(venv.resolve())  # not the source folder
    assert outputs[1].strip() == "(272, 2)"


@pytest.mark.slow
def test_lesson_0_runs_in_the_binder_environment(binder):
    nb = execute(binder, binder["repo"] / LESSON)
    errors = [output for cell in nb.cells for output in cell.get("outputs", [])
              if output["output_type"] == "error"]
    assert errors == []


def readme_binder_addresses():
    """The Binder addresses in the README and the file each opens."""
    readme = (REPO / "README.md").read_text()
    opened = []
    for link in BINDER_LINK.findall(readme):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)
        urlpath = query.get("urlpath", [""])[0]
        assert urlpath.startswith("lab/tree/"), f"{link} does not open JupyterLab on a file"
        opened.append(Path(urlpath.removeprefix("lab/tree/")))
    return readme, opened


def test_readme_has_no_dead_binder_link():
    # no public home yet: the address is given as text, never as a link or
    # badge to a placeholder account that would 404 for a newcomer
    readme, opened = readme_binder_addresses()
    assert not re.search(r"\]\(https://mybinder\.org", readme), "a clickable Binder link"
    assert WORKING_LESSON in opened, "the README does not say how to open lesson 0 on Binder"
    # what the address opens is made by postBuild from an existing lesson
    assert (REPO / "lessons" / WORKING_LESSON.name).exists()


@pytest.mark.slow
def test_binder_makes_the_notebook_the_readme_opens(binder):
    _, opened = readme_binder_addresses()
    missing = [str(p) for p in opened if not (binder["repo"] / p).exists()]
    assert missing == [], f"after postBuild, Binder would not find: {missing}"
