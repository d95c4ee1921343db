"""The entropy of each level of a merging hierarchy (mclust's ``entPlot``).

Part of :mod:`gmmteach.plotting`; the levels come from
:func:`gmmteach.combine.combine_components`.
"""

from . import _checks
from .colors import OKABE_ITO


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
    n_clusters, entropies = _checks.merge_levels(steps)
    color = OKABE_ITO[4] if color is None else color
    line = ax.plot(n_clusters, entropies, "o-", color=color, lw=2)[0]
    ax.set_xticks(n_clusters)
    ax.set(xlabel="number of clusters", ylabel="entropy −Σ r log r (nats)")
    return line
