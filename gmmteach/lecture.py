"""The lecture mode: projector-sized figures and widgets, without asking.

``make lecture LESSON=02`` serves a lesson with Voilà and sets
``GMMTEACH_LECTURE=1``; the kernel inherits it, and ``import gmmteach`` then
applies :data:`gmmteach.LECTURE_RC` (the rcParams of
:func:`gmmteach.lecture_style`) to every figure of the session, and the
widgets draw their figures at :func:`widget_figsize` (wide and short, so an
explorer's controls and both panels fit a 1280 x 720 projector). The page's
text and the widgets' controls are enlarged by CSS: the Voilà template
``share/jupyter/voila/templates/lecture`` of the repository.

The setting, read here and nowhere else:

* ``GMMTEACH_LECTURE=1``: lecture mode;
* ``GMMTEACH_LECTURE=0``: never, even under Voilà;
* unset: lecture mode when the kernel runs under Voilà (Voilà gives its
  kernels the variable ``VOILA_SERVER_URL``), otherwise not.
"""

import os

import matplotlib

from .animation import LECTURE_RC

__all__ = ["SETTING", "SERVER_HINT", "PAGE_RC", "LECTURE_WIDTH_IN", "LECTURE_HEIGHT_IN",
           "active", "apply", "widget_figsize"]

SETTING = "GMMTEACH_LECTURE"
SERVER_HINT = "VOILA_SERVER_URL"  # set by Voilà in its kernels' environment
# A widget's figure in a lecture: the width of Voilà's page at 1280 px
# (100 dpi: 11.8 in is 1180 px), at most 3.6 in (360 px) high, which leaves
# room above it on a 720 px screen for the explorer's five rows of controls
# and its readout (tests/test_lecture.py measures it).
LECTURE_WIDTH_IN = 11.8
LECTURE_HEIGHT_IN = 3.6


def active():
    """True when the lecture mode is on (see the module's docstring)."""
    value = os.environ.get(SETTING, "").strip()
    if value in ("0", "1"):
        return value == "1"
    if value:
        raise ValueError(f"{SETTING} is {value!r}; set it to 1 (lecture mode) or 0 "
                         "(never), or leave it unset (on under Voilà only).")
    return SERVER_HINT in os.environ


# Lecture fonts in a lesson's own figure sizes: a constrained layout makes
# room for the larger labels and titles (the widgets lay out their figures
# themselves, see gmmteach.widgets._figure).
PAGE_RC = {"figure.constrained_layout.use": True}


def apply():
    """Once, at ``import gmmteach``: in lecture mode, LECTURE_RC for every figure."""
    if active():
        matplotlib.rcParams.update(LECTURE_RC | PAGE_RC)


def widget_figsize(figsize):
    """A widget's figure size: ``figsize`` as given, or the lecture's.

    Parameters
    ----------
    figsize : tuple of float
        (width, height) in inches outside the lecture mode.

    Returns
    -------
    tuple of float
        ``figsize``, or in lecture mode the full page width and the height
        scaled with it, capped at :data:`LECTURE_HEIGHT_IN`.
    """
    if not active():
        return figsize
    width, height = figsize
    return (LECTURE_WIDTH_IN, min(height * LECTURE_WIDTH_IN / width, LECTURE_HEIGHT_IN))
