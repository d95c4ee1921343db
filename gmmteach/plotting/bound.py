"""PRML Fig. 9.14 drawn from numbers: the log-likelihood, the lower bound, the gap.

Part of :mod:`gmmteach.plotting`; the numbers come from :mod:`gmmteach.bound`.
"""

import numpy as np

from . import _checks
from .colors import OKABE_ITO

# blue and purple: unlike the first four component colours, which the same
# figure may use for the mixture itself
CURVE, BOUND, GAP, OLD = "black", OKABE_ITO[4], OKABE_ITO[5], "0.45"


def plot_bound_profile(ax, grid, log_likelihood, bound, at, previous=None):
    """ln p(X | θ) and L(q, θ) along one parameter, the current θ and the KL gap.

    Parameters
    ----------
    ax : matplotlib Axes
    grid : ndarray of shape (n_grid,)
        Values of the parameter on the x axis (one component's mean).
    log_likelihood : ndarray of shape (n_grid,)
        ``ln p(X | θ)`` at each grid value, the rest of θ fixed.
    bound : ndarray of shape (n_grid,) or None
        ``L(q, θ)`` at each grid value for the current q; None before any E-step.
    at : tuple (theta, log_likelihood, bound)
        The current value of the parameter and both curves' values there
        (``bound`` None when there is no q).
    previous : tuple (theta_old, log_likelihood_old), optional
        The parameter and ``ln p(X | θ_old)`` before an M-step: a grey point
        and a dotted level line, which the new point lies above.

    Returns
    -------
    dict
        Line2D artists ``'log_likelihood'``, ``'bound'``, ``'point'`` (θ on
        the likelihood), ``'bound_point'`` (θ on the bound), ``'gap'`` (the
        vertical KL segment between them), ``'previous'`` (the level line),
        ``'old_point'`` (θ_old on it), and the Annotation ``'gap_label'``.
    """
    checked = _checks.bound_profile(grid, log_likelihood, bound, at, previous)
    artists = _bound_profile_artists(ax)
    _move_bound_profile(artists, *checked)
    ax.relim()  # the lines got their data after they were made
    ax.autoscale_view()
    return artists


def _bound_profile_artists(ax):
    # empty artists, unchecked: LowerBoundExplorer fills them per frame
    return {
        "log_likelihood": ax.plot([], [], color=CURVE, lw=2.5,
                                  label="ln p(X | θ)  log-likelihood")[0],
        "bound": ax.plot([], [], color=BOUND, lw=2, label="L(q, θ)  lower bound")[0],
        "previous": ax.axhline(np.nan, color=OLD, lw=1, ls=":",
                               label="ln p(X | θ_old), before the M-step"),
        "old_point": ax.plot([], [], "o", color=OLD, ms=6, zorder=4)[0],
        "gap": ax.plot([], [], color=GAP, lw=3, solid_capstyle="butt",
                       label="KL(q ‖ p)  the gap")[0],
        "point": ax.plot([], [], "o", color=CURVE, ms=8, zorder=5)[0],
        "bound_point": ax.plot([], [], "o", mfc="white", mec=BOUND, mew=2, ms=8,
                               zorder=5)[0],
        # 12 points right of the segment, clear of the dots whatever the zoom
        "gap_label": ax.annotate("", (0, 0), xytext=(12, 0), textcoords="offset points",
                                 color=GAP, fontsize="small", ha="left", va="center",
                                 bbox=dict(fc="white", ec="none", alpha=0.85, pad=1),
                                 visible=False),
    }


def update_bound_profile(artists, grid, log_likelihood, bound, at, previous=None):
    """Move the artists of :func:`plot_bound_profile` to new curves, in place."""
    _move_bound_profile(artists, *_checks.bound_profile(grid, log_likelihood, bound, at,
                                                        previous))


def _move_bound_profile(artists, grid, log_likelihood, bound, at, previous=None):
    # unchecked: LowerBoundExplorer's frames are computed by the package, per frame
    theta, ll_at, bound_at = at
    artists["log_likelihood"].set_data(grid, log_likelihood)
    artists["point"].set_data([theta], [ll_at])
    theta_old, ll_old = (np.nan, np.nan) if previous is None else previous
    artists["previous"].set_ydata([ll_old] * 2)
    artists["old_point"].set_data([theta_old], [ll_old])
    has_bound = bound is not None
    artists["bound"].set_data((grid, bound) if has_bound else ([], []))
    artists["bound_point"].set_data(([theta], [bound_at]) if has_bound else ([], []))
    artists["gap"].set_data(([theta, theta], [bound_at, ll_at]) if has_bound
                            else ([], []))
    label = artists["gap_label"]
    label.set_visible(has_bound)
    if has_bound:
        gap = ll_at - bound_at
        label.xy = (theta, (ll_at + bound_at) / 2)
        label.set_text(f"KL = {gap:.2f}" if gap >= 0.005 else "KL = 0: touching")
