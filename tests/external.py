"""External oracles and tools (R's mclust, Chromium): skip locally, fail in CI.

A test that needs a program the machine may lack skips locally with the
install command in its message; in CI (``CI=true``, set by ``.ci/run``,
which installs them) it fails instead, so a missing install step is seen.
"""

import os

import pytest

__all__ = ["skip_or_fail"]


def skip_or_fail(reason, what):
    """Nothing if ``reason`` is None; else skip, or fail when CI=true.

    Parameters
    ----------
    reason : str or None
        Why the tool is missing, with how to install it.
    what : str
        What must run in CI, e.g. "the browser test".
    """
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} must run in CI: {reason}", pytrace=False)
    pytest.skip(reason)
