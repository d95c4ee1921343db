"""mclust's pictures: ``plot(Mclust(X), what = "BIC" / "classification")``.

mclust draws the BIC of each of its fourteen models over G as one line,
each with its own colour and plotting symbol (``mclust.options(
"bicPlotColors")`` and ``"bicPlotSymbols"``); the symbols below are
matplotlib's nearest to R's ``pch`` codes. Uncertainty: reuse
:func:`gmmteach.plotting.plot_uncertainty`.

Introduced in lessons/08_mclust_models.ipynb.
"""

import numpy as np

from . import _checks
from .ellipses import plot_ellipses
from .points import plot_labels

__all__ = ["MCLUST_STYLE", "plot_mclust_bic", "plot_classification"]

# model: (colour from bicPlotColors, marker, filled?) -- R's pch 17 filled
# triangle, 2 open triangle, 16 filled circle, 10 circle-plus, 13 circle-x,
# 1 open circle, 15 filled square, 8 asterisk, 5 open diamond, 9 diamond-plus,
# 12 square-plus, 7 square-x, 14 square-triangle, 0 open square
MCLUST_STYLE = {
    "EII": ("gray", "^", True), "VII": ("black", "^", False),
    "EEI": ("#218B21", "o", True), "EVI": ("#41884F", "$\\oplus$", True),
    "VEI": ("#508476", "$\\otimes$", True), "VVI": ("#58819C", "o", False),
    "EEE": ("#597DC3", "s", True), "VEE": ("#5178EA", "*", True),
    "EVE": ("#716EE7", "D", False), "VVE": ("#9B60B8", "P", False),
    "EEV": ("#B2508B", "$\\boxplus$", True), "VEV": ("#C03F60", "$\\boxtimes$", True),
    "EVV": ("#C82A36", "$\\boxdot$", True), "VVV": ("#CC0000", "s", False),
}
_ALIASES = {"full": "VVV", "tied": "EEE", "diag": "VVI", "spherical": "VII"}


def _line_style(name):
    color, marker, filled = MCLUST_STYLE[_ALIASES.get(name, name)]
    return dict(color=color, marker=marker, markersize=7, linewidth=1.2,
                markerfacecolor=color if filled else "none")


def plot_mclust_bic(ax, n_components, values, covariance_types, mclust_sign=True):
    """BIC of every model over G, one line each, mclust's colours and symbols.

    Parameters
    ----------
    ax : matplotlib Axes
    n_components : sequence of int, length n_k
    values : ndarray of shape (n_k, n_models)
        scikit-learn's sign (``ModelSelection.bic``); NaN: no fit (a gap).
    covariance_types : sequence of str, length n_models
        mclust names or sklearn's four (drawn as VVV, EEE, VVI, VII).
    mclust_sign : bool, default=True
        Plot ``2 log L - p log N`` (higher is better), as mclust does.

    Returns
    -------
    list of Line2D
        One per model, in ``covariance_types`` order.
    """
    n_components = _checks.n_components_axis(n_components)
    covariance_types = _checks.covariance_types(covariance_types)
    values = _checks.criterion_values(values, n_components, covariance_types)
    values = -values if mclust_sign else values
    lines = [ax.plot(n_components, values[:, t], label=name, **_line_style(name))[0]
             for t, name in enumerate(covariance_types)]
    sense = "higher is better (mclust's sign)" if mclust_sign else "lower is better"
    ax.set_xlabel("number of components G")
    ax.set_ylabel(f"BIC: {sense}")
    ax.set_xticks(list(n_components))
    # beside the axes: 14 entries inside would hide the lines at large G
    ax.legend(ncol=2, fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return lines


def plot_classification(ax, X, labels, means, covariances, covariance_type,
                        dims=(0, 1), colors=None):
    """mclust's ``what = "classification"``: points by label, one ellipse each.

    Returns
    -------
    points : PathCollection
    ellipses : list of Ellipse
        The 1-standard-deviation ellipse of every component (mclust draws
        the same axes through each mean).
    """
    points = plot_labels(ax, X, labels, colors=colors, dims=dims)
    ellipses = plot_ellipses(ax, means, covariances, covariance_type, n_std=(1,),
                             colors=colors, dims=dims, fill=False)
    ax.plot(*np.asarray(means)[:, list(dims)].T, "k+", ms=10)
    return points, ellipses
