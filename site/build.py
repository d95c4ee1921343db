"""Build the course website into ``_build/site/``: ``make site`` (issue 20).

Jupyter Book 1 (Sphinx, myst-nb, sphinx-book-theme) builds the book from
``_build/site-src/``, laid out here afresh each time: this folder's pages and
configuration, the landing page with its lesson table (from the README's
table, or the lesson's title for a lesson the README does not list yet), and
a copy of ``lessons/``, so that each lesson keeps its path in the repository
(``lessons/NN_....ipynb``: the download button gives that notebook, and the
Binder button opens it). Every lesson and solution is executed during the
build (seeded) with ``GMMTEACH_STATIC_PAGE=1``, under which each widget shows
itself as an animation (the explorer) or a picture, with a note to run it
live. Outputs are cached in ``_build/site-cache/`` by jupyter-cache, which
reruns a notebook when its code changes; the whole cache is dropped when the
package or the site's requirements change. MathJax 3 is copied from the
``django-static-mathjax`` package (only its files: it needs no Django): no
page loads anything from elsewhere.

``_build/site/.source-hash`` records what the site was built from;
:func:`is_stale` compares it with the working tree (tests/test_site.py).

Run: ``.venv/bin/python site/build.py`` (``make site`` installs the
requirements first).
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "site"
BUILD = REPO / "_build"
SOURCE = BUILD / "site-src"
CACHE = BUILD / "site-cache"
OUTPUT = BUILD / "site"
HASH_FILE = ".source-hash"
BINDERHUB = "https://mybinder.org"
README_ROW = re.compile(r"^\| *(\d+) *\| *\[([^\]]+)\]\(lessons/([^)]+\.ipynb)\)(.*?)\| *(\d+) *\|$",
                        re.MULTILINE)


def _files(*folders, patterns=("*",)):
    for folder in folders:
        for pattern in patterns:
            for path in sorted((REPO / folder).rglob(pattern)):
                if path.is_file() and ".ipynb_checkpoints" not in path.parts \
                        and "__pycache__" not in path.parts:
                    yield path


def _digest(paths):
    sha = hashlib.sha256()
    for path in paths:
        sha.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def code_hash():
    """What a notebook's outputs depend on besides its own code: the package, the pins."""
    return _digest([*_files("gmmteach", patterns=("*.py", "*.csv", "*.md")),
                    REPO / "requirements.txt", SITE / "requirements.txt"])


def source_hash():
    """Hash of everything the site is built from."""
    return _digest([*_files("lessons", "site"), REPO / "README.md"]) + code_hash()


def is_stale():
    """True when ``_build/site`` is missing or was built from other sources."""
    stamp = OUTPUT / HASH_FILE
    return not stamp.exists() or stamp.read_text().strip() != source_hash()


def lesson_table():
    """The landing page's table: number, linked title and description, minutes."""
    readme = {m[3]: m for m in README_ROW.finditer((REPO / "README.md").read_text())}
    rows = ["| # | lesson | minutes |", "|---|--------|---------|"]
    for path in sorted((REPO / "lessons").glob("[0-9]*.ipynb")):
        number = int(path.name.split("_")[0])
        if path.name in readme:
            _, _, title, _, rest, minutes = readme[path.name].group(0, 1, 2, 3, 4, 5)
        else:
            title, rest, minutes = _title(path), "", ""
        rows.append(f"| {number} | [{title}](lessons/{path.name}){rest.rstrip()} | {minutes} |")
    return "\n".join(rows)


def _title(notebook):
    import nbformat

    for cell in nbformat.read(str(notebook), as_version=4).cells:
        match = re.search(r"^# +(.+)$", cell.source, re.MULTILINE)
        if cell.cell_type == "markdown" and match:
            return match[1].strip()
    return notebook.stem


def _config():
    """site/_config.yml, with the Binder button where the repository URL is set."""
    import yaml

    config = yaml.safe_load((SITE / "_config.yml").read_text())
    config["execute"]["cache"] = str(CACHE)
    url = (config.get("repository") or {}).get("url") or ""
    if url:
        config["launch_buttons"] = {"binderhub_url": BINDERHUB,
                                    "notebook_interface": "jupyterlab"}
        config["html"]["use_repository_button"] = True
    return config, url


def lay_out_source():
    """Write ``_build/site-src``: pages, config, lessons, MathJax."""
    import yaml
    import mathjax  # django-static-mathjax's files

    shutil.rmtree(SOURCE, ignore_errors=True)
    shutil.copytree(SITE, SOURCE, ignore=shutil.ignore_patterns("build.py", "screenshots.py", "requirements.txt",
                                                                "__pycache__"))
    shutil.copytree(REPO / "lessons", SOURCE / "lessons",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    # not in _static/, whose every .js Jupyter Book adds to each page's head:
    # a folder of its own that html_extra_path copies to the site as mathjax/
    shutil.copytree(Path(mathjax.__file__).parent / "static" / "mathjax" / "es5",
                    SOURCE / "_mathjax" / "mathjax")
    config, url = _config()
    (SOURCE / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    binder = (f"Or, with nothing to install, press the **launch** button (the rocket) at "
              f"the top of a lesson to run it on Binder ({url})." if url else
              "A Binder button (run in the browser, nothing to install) appears at the "
              "top of each lesson once the site is built with the course's public "
              "repository set in `site/_config.yml` (see the README).")
    index = (SITE / "index.md").read_text()
    (SOURCE / "index.md").write_text(index.replace("{lesson_table}", lesson_table())
                                     .replace("{binder_line}", binder))


def _drop_stale_cache():
    stamp = CACHE / "gmmteach-code-hash"
    if stamp.exists() and stamp.read_text() != code_hash():
        shutil.rmtree(CACHE)
    CACHE.mkdir(parents=True, exist_ok=True)
    stamp.write_text(code_hash())


def build():
    """Lay out the sources, run Jupyter Book, put the HTML in ``_build/site``."""
    lay_out_source()
    _drop_stale_cache()
    work = BUILD / "site-book"
    shutil.rmtree(work, ignore_errors=True)
    env = dict(os.environ, GMMTEACH_STATIC_PAGE="1", MPLBACKEND="Agg",
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]))
    log = BUILD / "site-build.log"
    with open(log, "w") as out:
        done = subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", str(SOURCE),
                               "--path-output", str(work), "--warningiserror", "--keep-going"],
                              env=env, stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    if done.returncode:
        sys.exit(f"jupyter-book failed ({done.returncode}); the end of {log}:\n"
                 + log.read_text()[-6000:])
    shutil.rmtree(OUTPUT, ignore_errors=True)
    os.replace(work / "_build" / "html", OUTPUT)
    (OUTPUT / HASH_FILE).write_text(source_hash())
    pages = len(list(OUTPUT.rglob("*.html")))
    print(f"built {OUTPUT.relative_to(REPO)}/ ({pages} HTML files); log: {log.relative_to(REPO)}")


if __name__ == "__main__":
    build()
