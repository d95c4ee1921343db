"""Data points coloured by responsibilities or labels, uncertainty, density contours.

Part of :mod:`gmmteach.plotting`.
"""

import matplotlib
import numpy as np

from .._checks import check_real
from .._checks.records import check_params
from ..em import e_step
from ..params import make_params
from . import _checks
from .colors import _point_colors, component_colors
from .ellipses import _check_dims, project


def plot_responsibilities(ax, X, resp, colors=None, dims=(0, 1), **kwargs):
    """Scatter of ``X`` with colours mixed by soft responsibilities.

    Parameters
    ----------
    ax : matplotlib Axes
    X : ndarray of shape (n_samples, n_features)
    resp : ndarray of shape (n_samples, n_components) or None
        None draws every point grey (nothing assigned yet).
    dims : pair of int, default=(0, 1)

    Returns
    -------
    matplotlib.collections.PathCollection
    """
    X = _checks.points(X)
    if resp is not None:
        resp = _checks.resp(resp, len(X))
    i, j = _check_dims(dims, X.shape[1])
    kwargs = dict(s=_point_size(), linewidths=0) | kwargs
    return ax.scatter(X[:, i], X[:, j], c=_point_colors(resp, len(X), colors), **kwargs)


def plot_labels(ax, X, labels, colors=None, dims=(0, 1), **kwargs):
    """Scatter of ``X`` coloured by hard labels (component index per point).

    Returns
    -------
    matplotlib.collections.PathCollection
    """
    X = _checks.points(X)
    labels = _checks.labels(labels, len(X))
    i, j = _check_dims(dims, X.shape[1])
    rgba = component_colors(labels.max() + 1, colors)
    kwargs = dict(s=_point_size(), linewidths=0) | kwargs
    return ax.scatter(X[:, i], X[:, j], c=rgba[labels], **kwargs)


def _point_size():
    """Area of a data point: 14 with matplotlib's markers, twice in lecture_style."""
    return 14 * matplotlib.rcParams["lines.markersize"] / 6


def plot_uncertainty(ax, X, resp, colors=None, dims=(0, 1), max_size=80.0, **kwargs):
    """mclust's ``what = "uncertainty"``: bigger points are less certain.

    The uncertainty of a point is ``1 - max_k r_nk``: 0 when one component
    owns it, up to ``1 - 1/K`` when all share it equally. Colours are the
    hard labels ``argmax_k r_nk``.

    Returns
    -------
    matplotlib.collections.PathCollection
    """
    X = _checks.points(X)
    resp = _checks.resp(resp, len(X))
    i, j = _check_dims(dims, X.shape[1])
    max_size = _checks.size(max_size, "max_size")
    uncertainty = 1.0 - resp.max(axis=1)
    sizes = 2.0 + max_size * uncertainty / max(uncertainty.max(), 1e-12)
    rgba = component_colors(resp.shape[1], colors)[resp.argmax(axis=1)]
    return ax.scatter(X[:, i], X[:, j], s=sizes, c=rgba, linewidths=0, **kwargs)


def plot_density_contours(ax, params, xlim, ylim, levels=10, dims=(0, 1),
                          resolution=100, **kwargs):
    """Contours of the mixture's log-density ``log p(x)`` on a grid.

    Parameters
    ----------
    ax : matplotlib Axes
    params : GMMParams
    xlim, ylim : pair of float
    levels : int or sequence of float, default=10
    dims : pair of int, default=(0, 1)
        For more than two features: the marginal density on these axes.
    resolution : int, default=100
        Grid points per axis.

    Returns
    -------
    matplotlib.contour.QuadContourSet
    """
    p = check_params(params)
    xlim, ylim = _checks.limits(xlim, "xlim"), _checks.limits(ylim, "ylim")
    levels, resolution = _checks.contour_levels(levels), _checks.grid_size(resolution)
    means, covs = project(p.means, p.covariances, p.covariance_type, dims)
    marginal = make_params(p.weights, means, "full", covariances=covs)
    xx, yy = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    _, log_density = e_step(np.c_[xx.ravel(), yy.ravel()], marginal)
    if "colors" not in kwargs:
        kwargs.setdefault("cmap", "viridis")
    return ax.contour(xx, yy, log_density.reshape(xx.shape), levels=levels, **kwargs)


def set_data_limits(ax, X, dims=(0, 1), margin=0.1, params=None):
    """Fix the axes to the data's range plus ``margin`` of it on every side.

    EM's ellipses can be huge at the start; fixed limits keep the data in
    view and the frame steady while they shrink. Both axes get the same
    scale, so circles look round.

    Parameters
    ----------
    ax : matplotlib Axes
    X : ndarray of shape (n_samples, n_features)
    dims : pair of int, default=(0, 1)
    margin : float, default=0.1
        Padding on every side, as a fraction of the range shown.
    params : GMMParams, optional
        A fitted model (e.g. the last step of a run): the range grows to hold
        its 2-sigma ellipses whole, so none is cut at the frame.
    """
    X = _checks.points(X)
    dims = _check_dims(dims, X.shape[1])
    margin = check_real(margin, "margin", 0, hint="e.g. margin=0.1 pads by a tenth.")
    low, high = X[:, dims].min(axis=0), X[:, dims].max(axis=0)
    if params is not None:
        low, high = _ellipse_range(check_params(params), dims, low, high)
    pad = margin * np.where(high > low, high - low, 1.0)
    ax.set_xlim(low[0] - pad[0], high[0] + pad[0])
    ax.set_ylim(low[1] - pad[1], high[1] + pad[1])
    # one unit is as long on both axes, so a spherical covariance draws as a
    # circle and the ellipses' tilts are true (the box shrinks, not the data)
    ax.set_aspect("equal", adjustable="box")


def _ellipse_range(params, dims, low, high, n_std=2.0):
    """``low`` and ``high`` widened to the n_std ellipses of ``params``.

    The ellipse (x - mu)^T Sigma^-1 (x - mu) = s^2 reaches s * sqrt(Sigma_jj)
    from its centre along axis j: its bounding box, without drawing it.
    """
    means, covariances = project(params.means, params.covariances,
                                 params.covariance_type, dims)
    reach = n_std * np.sqrt(np.stack([covariances[:, 0, 0], covariances[:, 1, 1]], axis=1))
    return (np.minimum(low, (means - reach).min(axis=0)),
            np.maximum(high, (means + reach).max(axis=0)))
