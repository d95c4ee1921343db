"""The entropy of each level of a merging hierarchy (mclust's ``entPlot``).

Part of :mod:`gmmteach.plotting`; the levels come from
:func:`gmmteach.combine.combine_components`.
"""

import numpy as np

from .colors import OKABE_ITO


def _levels(steps):
    try:
        n_clusters = np.array([s.n_clusters for s in steps], dtype=float)
        entropies = np.array([s.entropy for s in steps], dtype=float)
    except (AttributeError, TypeError, ValueError):
        n_clusters = None
    if n_clusters is None or len(n_clusters) < 2 or not np.all(np.isfinite(entropies)):
        raise ValueError(
            "steps must be the list that combine_components(model.predict_proba(X)) "
            "returns (at least two levels).")
    return n_clusters, entropies


def plot_merge_entropy(ax, steps, color=None):
    """Entropy against the number of clusters, one point per level.

    A steep segment is a merge of components that shared their points; a
    flat one, a merge of two clusters that were already apart.

    Parameters
    ----------
    ax : matplotlib Axes
    steps : list of CombineStep
        From :func:`gmmteach.combine.combine_components`.
    color : colour, optional

    Returns
    -------
    line : Line2D
    """
    n_clusters, entropies = _levels(steps)
    color = OKABE_ITO[4] if color is None else color
    line = ax.plot(n_clusters, entropies, "o-", color=color, lw=2)[0]
    ax.set_xticks(n_clusters)
    ax.set(xlabel="number of clusters", ylabel="entropy −Σ r log r (nats)")
    return line
