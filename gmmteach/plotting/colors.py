"""Colours: the Okabe-Ito palette and responsibility-weighted point colours.

Part of :mod:`gmmteach.plotting`.
"""

import numpy as np
from matplotlib.colors import to_rgba_array

from .._checks import check_int
from . import _checks

# Okabe & Ito (2008), "Color Universal Design": orange, sky blue, bluish
# green, vermillion, blue, reddish purple, yellow, black (yellow late: it is
# faint on white). More than eight components reuse the colours in order.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#D55E00",
             "#0072B2", "#CC79A7", "#F0E442", "#000000")

UNASSIGNED = "#999999"  # points before any responsibilities exist


def component_colors(n_components, colors=None):
    """One RGBA row per component, cycling through ``colors`` (Okabe-Ito).

    Returns
    -------
    ndarray of shape (n_components, 4)
    """
    n_components = check_int(n_components, "n_components", 1, hint="e.g. n_components=3.")
    palette = to_rgba_array(OKABE_ITO if colors is None else colors)
    return palette[np.arange(n_components) % len(palette)]


def responsibility_colors(resp, colors=None):
    """Each point's colour as the responsibility-weighted mix ``resp @ colors``.

    A point shared 50/50 between orange and blue gets a colour halfway
    between, so uncertainty is visible (argmax colours would hide it).

    Parameters
    ----------
    resp : ndarray of shape (n_samples, n_components)

    Returns
    -------
    ndarray of shape (n_samples, 4)
    """
    return _mix(_checks.resp(resp), colors)


def _mix(resp, colors):
    rgba = component_colors(resp.shape[1], colors)
    # Responsibility not given to any component (rows of a partial resp that
    # sum to less than 1) is drawn grey, so such points stay visible.
    missing = np.clip(1.0 - resp.sum(axis=1, keepdims=True), 0.0, 1.0)
    return np.clip(resp @ rgba + missing * to_rgba_array(UNASSIGNED), 0.0, 1.0)


def _point_colors(resp, n_samples, colors):
    if resp is None:
        return np.tile(to_rgba_array(UNASSIGNED), (n_samples, 1))
    return _mix(resp, colors)
