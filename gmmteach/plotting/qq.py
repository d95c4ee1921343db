"""QQ plots of squared Mahalanobis distances against chi-squared quantiles.

Part of :mod:`gmmteach.plotting`; the numbers come from
:func:`gmmteach.checking.chi2_qq`.
"""

import numpy as np

from . import _checks
from .colors import component_colors


def plot_qq(ax, pairs, colors=None):
    """Each component's sorted d^2 against chi-squared quantiles, and y = x.

    Points on the diagonal: the component's points are as spread as a
    Gaussian's; above it at the right end: heavier tails (outliers, curved
    or skewed clusters).

    Parameters
    ----------
    ax : matplotlib Axes
    pairs : list of (theoretical, observed)
        From :func:`gmmteach.checking.chi2_qq`, one pair per component.
    colors : sequence of colours, optional
        One per component (default: the package's component colours).

    Returns
    -------
    points : list of PathCollection
        One per component.
    diagonal : Line2D
    """
    pairs = _checks.qq_pairs(pairs)
    colors = component_colors(len(pairs)) if colors is None else colors
    points = [ax.scatter(t, o, s=12, color=c, label=f"component {k}")
              for k, ((t, o), c) in enumerate(zip(pairs, colors))]
    top = max([float(np.max(np.r_[t, o])) for t, o in pairs if len(t)] + [1.0])
    diagonal = ax.plot([0, top], [0, top], "--", color="black", lw=1,
                       label="y = x (Gaussian)")[0]
    ax.set(xlabel="χ² quantile", ylabel="sorted squared Mahalanobis distance d²")
    return points, diagonal
