"""A 1-D mixture: histogram, weighted component curves and their sum.

Part of :mod:`gmmteach.plotting`.
"""

import numpy as np

from . import _checks
from .colors import component_colors


def _mixture_1d_curves(grid, weights, means, variances):
    # pi_k N(x | mu_k, sigma_k^2) for every component, one row each
    weights, means, variances = (a[:, np.newaxis] for a in (weights, means, variances))
    norm = np.sqrt(2 * np.pi * variances)
    return weights * np.exp(-0.5 * (grid - means) ** 2 / variances) / norm


def plot_mixture_1d(ax, x, weights, means, variances, bins=30, colors=None):
    """Histogram density of 1-D data, each weighted component and their sum.

    Parameters
    ----------
    ax : matplotlib Axes
    x : array-like of shape (n_samples,) or (n_samples, 1)
    weights, means, variances : array-like of shape (n_components,)
    bins : int, default=30

    Returns
    -------
    dict
        ``'hist'`` (BarContainer), ``'components'`` (list of Line2D, one per
        component: ``pi_k N(x | mu_k, sigma_k^2)``), ``'total'`` (Line2D, the
        mixture density, their sum).
    """
    x = _checks.values_1d(x)
    weights, means, variances = _checks.mixture_1d(weights, means, variances)
    _, _, hist = ax.hist(x, bins=_checks.bins(bins), density=True, color="#DDDDDD", label="data")
    span = x.max() - x.min()
    grid = np.linspace(x.min() - 0.1 * span, x.max() + 0.1 * span, 400)
    curves = _mixture_1d_curves(grid, weights, means, variances)
    rgba = component_colors(len(curves), colors)
    # the components dashed and above the sum: where one component is the
    # whole mixture the two curves coincide, and the sum would hide it
    components = [ax.plot(grid, c, "--", color=col, lw=2, zorder=3,
                          label=f"component {k}")[0]
                  for k, (c, col) in enumerate(zip(curves, rgba))]
    total = ax.plot(grid, curves.sum(axis=0), color="black", lw=3, zorder=2,
                    label="mixture")[0]
    ax.set_xlabel("x")
    ax.set_ylabel("density")
    return {"hist": hist, "components": components, "total": total}


def update_mixture_1d(artists, weights, means, variances):
    """Redraw the curves of :func:`plot_mixture_1d` for new parameters, in place."""
    weights, means, variances = _checks.mixture_1d(weights, means, variances,
                                                   len(artists["components"]))
    grid = artists["total"].get_xdata()
    curves = _mixture_1d_curves(grid, weights, means, variances)
    for line, curve in zip(artists["components"], curves):
        line.set_ydata(curve)
    artists["total"].set_ydata(curves.sum(axis=0))
