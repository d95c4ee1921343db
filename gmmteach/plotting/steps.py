"""One EM step drawn (points, ellipses) and moved to another step in place.

Part of :mod:`gmmteach.plotting`.
"""

import matplotlib
import numpy as np

from . import _checks
from .colors import _point_colors, component_colors
from .ellipses import plot_ellipses, update_ellipses
from .points import plot_responsibilities


def plot_step(ax, X, step, dims=(0, 1), n_std=(1, 2), colors=None):
    """One EM record: points coloured by its responsibilities, ellipses, centres.

    Parameters
    ----------
    ax : matplotlib Axes
    X : ndarray of shape (n_samples, n_features)
    step : EMStep
    dims : pair of int, default=(0, 1)
    n_std : sequence of float, default=(1, 2)
    colors : sequence of colours, optional

    Returns
    -------
    dict
        ``'points'``, ``'centres'`` (PathCollection), ``'ellipses'`` (list of
        Ellipse, as :func:`plot_ellipses`), and what they show: ``'dims'``,
        ``'n_std'``, ``'colors'``. Pass it to :func:`update_step`.
    """
    p = _checks.step(step).params
    points = plot_responsibilities(ax, X, step.resp, colors, dims)
    ellipses = plot_ellipses(ax, p.means, p.covariances, p.covariance_type, n_std,
                             colors, dims)
    # sized by the style's markers, so lecture_style's are large, with a thin
    # white rim that keeps them visible on points of their own colour
    size = matplotlib.rcParams["lines.markersize"]
    centres = ax.scatter(*p.means[:, list(dims)].T, marker="X", s=2.5 * size**2,
                         zorder=3, c=component_colors(p.n_components, colors),
                         edgecolors="white", linewidths=size / 6)
    return {"points": points, "ellipses": ellipses, "centres": centres,
            "dims": tuple(dims), "n_std": tuple(n_std), "colors": colors}


def update_step(artists, X, step, point_colors=None):
    """Change the artists of :func:`plot_step` to show ``step``, in place.

    ``step`` must have as many components as the step that was plotted.
    ``point_colors``, an (n_samples, 3 or 4) array, colours the points
    instead of ``step.resp`` (e.g. colours stored when ``resp`` was dropped).
    """
    _move_step(artists, _checks.points(X), _checks.step(step), point_colors)


def _move_step(artists, X, step, point_colors=None):
    # unchecked: the widgets and animate check X and the trajectory once, not per frame
    p, dims = step.params, list(artists["dims"])
    X = np.asarray(X, dtype=float)
    artists["points"].set_offsets(X[:, dims])
    colors = (_point_colors(step.resp, len(X), artists["colors"])
              if point_colors is None else point_colors)
    artists["points"].set_facecolors(colors)
    artists["centres"].set_offsets(p.means[:, dims])
    update_ellipses(artists["ellipses"], p.means, p.covariances, p.covariance_type,
                    artists["n_std"], dims)
