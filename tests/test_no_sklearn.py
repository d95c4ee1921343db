"""gmmteach without scikit-learn: import, fit, exceptions and every lesson.

scikit-learn is a test-time oracle, never a runtime dependency. This builds a
fresh virtual environment from ``requirements.txt`` alone (as in
tests/test_binder.py: a copy of the repository, pip, then gmmteach installed
as a package), checks that sklearn is absent there, and runs gmmteach and
every lesson in it. Slow (a minute or more for the build; pip reuses its
cache, and without cache or network the build fails with pip's message).
"""

import shutil
import subprocess
import sys

import pytest

from test_binder import NOT_SHIPPED, REPO, run, venv_environment

pytestmark = pytest.mark.slow

LESSONS = sorted((REPO / "lessons").glob("[0-9][0-9]_*.ipynb"))

PROBE = """
import warnings, numpy as np, gmmteach
try:
    import sklearn
except ImportError:
    pass
else:
    raise SystemExit("sklearn is installed in the no-sklearn venv")
X = np.random.RandomState(0).normal(size=(60, 2))
model = gmmteach.GaussianMixture(2, random_state=0).fit(X)
assert model.predict(X).shape == (60,)
assert issubclass(gmmteach.ConvergenceWarning, UserWarning)
assert issubclass(gmmteach.NotFittedError, (ValueError, AttributeError))
try:
    gmmteach.GaussianMixture(2).predict(X)
except gmmteach.NotFittedError:
    pass
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    gmmteach.GaussianMixture(2, max_iter=1, random_state=0).fit(X)
assert any(issubclass(w.category, gmmteach.ConvergenceWarning) for w in caught)
print("ok", gmmteach.__file__)
"""


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """A copy of the repository and a venv with the runtime pins only."""
    tmp = tmp_path_factory.mktemp("no_sklearn")
    repo = tmp / "repo"
    shutil.copytree(REPO, repo, ignore=NOT_SHIPPED)
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = venv_environment(venv, tmp)
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", "-r", "requirements.txt"],
        cwd=repo, env=env)
    run([python, "-m", "pip", "install", "--quiet", "--no-deps", "."], cwd=repo, env=env)
    return {"repo": repo, "python": python, "env": env, "tmp": tmp}


def test_gmmteach_imports_fits_and_raises_its_own_classes_without_sklearn(bare):
    out = run([bare["python"], "-c", PROBE], cwd=bare["tmp"], env=bare["env"])
    assert out.startswith("ok") and "site-packages" in out


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_lesson_runs_without_sklearn(bare, lesson):
    notebook = bare["repo"] / "lessons" / lesson.name
    run([bare["python"], "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.kernel_name=python3", "--ExecutePreprocessor.timeout=600",
         "--output-dir", bare["tmp"] / "executed", notebook], cwd=notebook.parent,
        env=bare["env"])
