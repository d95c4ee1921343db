"""Start JupyterLab and Debian's Chromium for the browser test and benchmark.

Shared by ``tests/test_browser.py`` and ``benchmarks/bench_browser.py``.
Nothing here reaches the network: JupyterLab runs with news, update checks
and the PyPI extension manager turned off, on 127.0.0.1, with its config,
data, runtime and settings directories in a temporary folder (so a user's
``~/.jupyter`` cannot change what is tested); Chromium is Debian's
``/usr/bin/chromium``, never a browser downloaded by Playwright.
"""

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from external import skip_or_fail

__all__ = [
    "ARTIFACTS", "CHROMIUM", "REPO", "SIGNATURE_JS", "JupyterLab",
    "canvas_signature", "cell_errors", "chromium", "copy_lessons",
    "explorer_output", "free_port", "missing_chromium_reason", "new_page",
    "lesson_in_lab", "open_notebook", "require_chromium", "run_all_cells",
    "screenshot_failed_lesson", "screenshot_on_failure",
    "wait_canvas_settled", "wait_kernel_idle", "write_notebook",
]

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-dev-shm-usage",
]
# Frontend settings written to the temporary user-settings directory:
# render every cell (JupyterLab 4 otherwise skips cells outside the window,
# and an error below the fold would go unseen) and never ask about news.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false", "checkForUpdates": False},
}
LAB_OPTIONS = [
    "--no-browser",
    "--ServerApp.ip=127.0.0.1",
    "--ServerApp.port_retries=0",
    "--ServerApp.terminals_enabled=False",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class="
    "jupyterlab.handlers.announcements.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
    "--KernelSpecManager.ensure_native_kernel=True",
]


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def missing_chromium_reason():
    """Why the browser checks cannot run here, or None when they can."""
    if not os.access(CHROMIUM, os.X_OK):
        return f"{CHROMIUM} not found: install Debian's chromium: apt-get install chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is missing: pip install -r tests/requirements.txt"
    return None


def copy_lessons(destination):
    """Copy ``lessons/`` (notebooks and solutions) into ``destination``."""
    shutil.copytree(REPO / "lessons", destination, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return Path(destination)


def write_notebook(path, sources):
    """Write a notebook of code cells (one string each) for the python3 kernel."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(nb, str(path))
    return Path(path)


class JupyterLab:
    """A JupyterLab server on a free port, run by this venv's Python.

    The kernel spec ``python3`` is ipykernel's native spec, whose ``python``
    jupyter_client replaces with the server's ``sys.executable``: the kernel
    is this virtual environment's Python, whatever is on the user's PATH.

    Parameters
    ----------
    root_dir : path
        Folder the server shows (a temporary copy of the lessons).
    workdir : path
        Empty folder for JupyterLab's config, data, runtime, settings and log.
    """

    def __init__(self, root_dir, workdir):
        self.root_dir = Path(root_dir)
        self.workdir = Path(workdir)
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.workdir / "jupyterlab.log"
        self.proc = None

    def url(self, path):
        """Address of ``path`` on this server, with the token."""
        return f"{self.base_url}/{path.lstrip('/')}?token={self.token}"

    def _environment(self):
        env = dict(os.environ)
        for name in ("config", "data", "runtime", "ipython"):
            (self.workdir / name).mkdir(parents=True, exist_ok=True)
        env.update(
            JUPYTER_CONFIG_DIR=str(self.workdir / "config"),
            JUPYTER_DATA_DIR=str(self.workdir / "data"),
            JUPYTER_RUNTIME_DIR=str(self.workdir / "runtime"),
            IPYTHONDIR=str(self.workdir / "ipython"),
            PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        )
        env.pop("JUPYTER_PATH", None)
        return env

    def _write_settings(self):
        settings_dir = self.workdir / "settings"
        for plugin, values in LAB_SETTINGS.items():
            path = settings_dir / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        return settings_dir

    def start(self, timeout=120):
        """Start the server and wait until ``/api/status`` answers."""
        command = [
            sys.executable, "-m", "jupyter", "lab", *LAB_OPTIONS,
            f"--port={self.port}",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            f"--LabApp.user_settings_dir={self._write_settings()}",
            f"--LabApp.workspaces_dir={self.workdir / 'workspaces'}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")  # containers and CI machines often run as root
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(command, cwd=self.root_dir, env=self._environment(),
                                         stdout=log, stderr=subprocess.STDOUT)
        self._wait_ready(timeout)
        return self

    def _wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n"
                                   f"{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url("api/status"), timeout=5) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        raise RuntimeError(f"JupyterLab did not answer within {timeout} s:\n{self.log_tail()}")

    def get_json(self, path):
        """GET ``path`` from the server's REST API and decode the JSON."""
        with urllib.request.urlopen(self.url(path), timeout=10) as reply:
            return json.load(reply)

    def log_tail(self, n_chars=4000):
        """The end of the server's log, for error messages."""
        try:
            return self.log_path.read_text(errors="replace")[-n_chars:]
        except FileNotFoundError:
            return ""

    def stop(self, timeout=20):
        """Stop the server by its PID: SIGTERM (it shuts its kernels down), then SIGKILL."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


@contextlib.contextmanager
def chromium():
    """Headless Debian Chromium driven by Playwright, closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser, width=1400, height=1000):
    """A fresh tab, large enough for the explorer without scrolling sideways."""
    return browser.new_page(viewport={"width": width, "height": height})


def require_chromium():
    """Skip without Chromium locally; in CI (CI=true) fail instead."""
    skip_or_fail(missing_chromium_reason(), "the browser test")


@contextlib.contextmanager
def lesson_in_lab(tmp_path_factory, lesson, tag):
    """A tab with ``lesson``, every cell run from the menu; server and browser
    stopped after. ``tag`` names the screenshot taken if running fails."""
    require_chromium()
    root = copy_lessons(tmp_path_factory.mktemp("lessons"))
    with JupyterLab(root, tmp_path_factory.mktemp("jupyterlab")) as lab, \
            chromium() as browser:
        page = new_page(browser)
        with screenshot_on_failure(page, f"browser-{tag}-run-lesson"):
            open_notebook(page, lab, lesson)
            run_all_cells(page)
        yield page
        page.close()


def screenshot_failed_lesson(request, prefix="browser"):
    """Body of an autouse fixture: after a failed test (or fixture) that uses
    the module's ``lesson`` page, save that page whole to ``ARTIFACTS``."""
    failed_before = request.session.testsfailed
    yield
    if request.session.testsfailed > failed_before and "lesson" in request.fixturenames:
        with contextlib.suppress(Exception):  # the lesson fixture itself may have failed
            page = request.getfixturevalue("lesson")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{prefix}-{request.node.name}-failure.png"),
                            full_page=True)


@contextlib.contextmanager
def screenshot_on_failure(page, name):
    """Save ``test-artifacts/<name>-failure.png`` if the block raises."""
    try:
        yield
    except BaseException:
        ARTIFACTS.mkdir(exist_ok=True)
        with contextlib.suppress(Exception):
            page.screenshot(path=str(ARTIFACTS / f"{name}-failure.png"), full_page=True)
        raise


def open_notebook(page, lab, name, timeout=120_000):
    """Open ``name`` alone in JupyterLab and wait until its kernel is idle."""
    page.goto(lab.url(f"lab/tree/{name}") + "&reset")  # reset: reopen no earlier tabs
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=timeout)
    wait_kernel_idle(page, timeout)


def wait_kernel_idle(page, timeout=120_000):
    """Wait until the notebook has a kernel and the toolbar says it is idle."""
    page.wait_for_function(
        """() => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const name = panel && panel.querySelector('.jp-KernelName');
            const status = panel && panel.querySelector('.jp-Notebook-ExecutionIndicator');
            return Boolean(name && status && !/No Kernel/.test(name.textContent)
                           && status.dataset.status === 'idle');
        }""", timeout=timeout, polling=250)


def run_all_cells(page, timeout=300_000):
    """Edit > Clear Outputs of All Cells, Run > Run All Cells; wait for the end.

    Clearing first means no number or output left in the file can pass for
    this run's. JupyterLab stops at the first cell that raises, leaving the cells below
    it unrun, so "finished" is: no cell running and either every code cell
    numbered ("[3]:", not "[*]:" or "[ ]:") or an error shown.
    """
    for menu, item in [("Edit", "Clear Outputs of All Cells"), ("Run", "Run All Cells")]:
        page.get_by_role("menuitem", name=menu, exact=True).click()
        page.get_by_role("menuitem", name=item, exact=True).click()
    page.wait_for_function(
        """() => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                .map(p => p.textContent);
            const failed = panel.querySelector(
                '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
            return prompts.length > 0 && !prompts.some(p => p.includes('*'))
                && (failed !== null || prompts.every(p => /\\[\\d+\\]/.test(p)));
        }""", timeout=timeout, polling=250)
    wait_kernel_idle(page, timeout)


def cell_errors(page):
    """Texts of outputs that show an error: tracebacks and widgets that failed to render."""
    return page.evaluate(
        """() => {
            const texts = [];
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            for (const el of panel.querySelectorAll(
                    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) {
                if (/Traceback|Error/.test(el.innerText)) texts.push(el.innerText);
            }
            for (const el of panel.querySelectorAll('.jp-OutputArea-output')) {
                if (/Traceback|Error displaying widget|Error rendering/.test(el.innerText))
                    texts.push(el.innerText);
            }
            return [...new Set(texts)];
        }""")


# A cheap fingerprint of a canvas's pixels (FNV-1a over every 7th byte), in the page.
SIGNATURE_JS = """(canvas) => {
    if (!canvas.width || !canvas.height) return 'empty';
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let h = 2166136261;
    for (let i = 0; i < data.length; i += 7) { h ^= data[i]; h = Math.imul(h, 16777619); }
    return `${canvas.width}x${canvas.height}:${(h >>> 0).toString(16)}`;
}"""


def canvas_signature(canvas):
    """Fingerprint of the pixels of a Playwright locator on a ``<canvas>``."""
    return canvas.evaluate(SIGNATURE_JS)


def wait_canvas_settled(canvas, quiet_ms=600, timeout_s=30):
    """Wait until the canvas has not changed for ``quiet_ms``; return its signature."""
    deadline = time.monotonic() + timeout_s
    last, since = canvas_signature(canvas), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = canvas_signature(canvas)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_ms / 1000:
            return last
    raise TimeoutError(f"the canvas kept changing for {timeout_s} s")


def explorer_output(page):
    """The output area that holds the first EMExplorer (a Play button and a live figure)."""
    return (page.locator(".jp-OutputArea-output")
            .filter(has=page.locator(".widget-play"))
            .filter(has=page.locator(".jupyter-matplotlib-figure"))
            .first)


def wait_for_voila(proc, url, timeout, log):
    """Wait until the Voila server ``proc`` answers at ``url`` (its log in ``log``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"voila exited:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url + "api/status", timeout=2)
            return
        except urllib.error.HTTPError:  # an answer, even a refusal: it is up
            return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"voila did not answer within {timeout} s:\n{log.read_text()[-3000:]}")
