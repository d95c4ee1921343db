"""Covariance ellipses: exact 2-D projections of each component's Gaussian.

Part of :mod:`gmmteach.plotting`.
"""

import matplotlib
import numpy as np
from matplotlib.patches import Ellipse

from .._checks import check_array, check_dims
from ..covariance import full_covariances
from . import _checks
from .colors import component_colors


def project(means, covariances, covariance_type, dims=(0, 1)):
    """Means and full 2 x 2 covariances of the mixture's marginal on ``dims``.

    Parameters
    ----------
    means : ndarray of shape (n_components, n_features)
    covariances : ndarray, shape as in :mod:`gmmteach.covariance`
    covariance_type : {'full', 'tied', 'diag', 'spherical'} or an mclust name
    dims : pair of int

    Returns
    -------
    means : ndarray of shape (n_components, 2)
    covariances : ndarray of shape (n_components, 2, 2)
    """
    means, covariances, covariance_type = _checks.components(means, covariances,
                                                             covariance_type)
    return _project(means, covariances, covariance_type, _check_dims(dims, means.shape[1]))


def _project(means, covariances, covariance_type, dims):
    # the marginal of a Gaussian on two coordinates: those entries of the
    # mean, and that 2 x 2 block of the covariance
    full = full_covariances(covariances, covariance_type, *means.shape)
    return means[:, dims], full[:, dims][:, :, dims]


def _check_dims(dims, n_features):
    # the one check of gmmteach._checks, as a list that indexes columns
    return list(check_dims(dims, n_features))


def ellipse_geometry(covariances, n_std=1.0):
    """Width, height and angle of the ``n_std`` ellipse of 2 x 2 covariances.

    The ellipse ``(x - mu)^T Sigma^-1 (x - mu) = n_std^2`` has its axes along
    the eigenvectors of Sigma, with half-lengths ``n_std * sqrt(eigenvalue)``:
    the square root turns variances into standard deviations.

    Parameters
    ----------
    covariances : ndarray of shape (2, 2) or (n_components, 2, 2)
    n_std : float

    Returns
    -------
    width, height, angle : ndarrays of shape () or (n_components,)
        Full axis lengths (largest first) and the angle of the long axis in
        degrees, counter-clockwise from the x axis, in [0, 180).
    """
    return _geometry(_checks.two_by_two(covariances), _checks.n_std(n_std))


def _geometry(covariances, n_std):
    eigenvalues, eigenvectors = np.linalg.eigh(covariances)  # ascending order
    # rounding can leave a singular covariance's 0 at -1e-17: clipped to 0
    std_short, std_long = np.moveaxis(np.sqrt(np.clip(eigenvalues, 0, None)), -1, 0)
    long_axis = eigenvectors[..., :, 1]
    angle = np.degrees(np.arctan2(long_axis[..., 1], long_axis[..., 0])) % 180.0
    return 2 * n_std * std_long, 2 * n_std * std_short, angle


def covariance_ellipse(mean, cov, n_std=1.0, **kwargs):
    """The ``n_std`` standard-deviation ellipse of one 2-D Gaussian.

    Parameters
    ----------
    mean : array-like of shape (2,)
    cov : array-like of shape (2, 2)
    n_std : float, default=1.0
    **kwargs
        Passed to :class:`matplotlib.patches.Ellipse` (``edgecolor``, ...).

    Returns
    -------
    matplotlib.patches.Ellipse
        Not yet added to an axes: ``ax.add_patch(ellipse)``.
    """
    cov = _checks.two_by_two(cov, "cov")
    mean = check_array(mean, "mean", ndim=1, length=2, hint="The centre: (x, y).")
    return _ellipse(mean, cov, _checks.n_std(n_std), **kwargs)


def _ellipse(mean, cov, n_std, **kwargs):
    width, height, angle = _geometry(cov, n_std)
    kwargs.setdefault("fill", False)
    return Ellipse(xy=mean, width=float(width), height=float(height), angle=float(angle),
                   **kwargs)


def plot_ellipses(ax, means, covariances, covariance_type, n_std=(1, 2), colors=None,
                  dims=(0, 1), **kwargs):
    """Ellipses at each of ``n_std`` standard deviations around every component.

    Parameters
    ----------
    ax : matplotlib Axes
    means : ndarray of shape (n_components, n_features)
    covariances : ndarray, shape as in :mod:`gmmteach.covariance`
    covariance_type : {'full', 'tied', 'diag', 'spherical'} or an mclust name
    n_std : sequence of float, default=(1, 2)
    colors : sequence of colours, optional
    dims : pair of int, default=(0, 1)

    Returns
    -------
    list of Ellipse
        ``n_std``-major: first every component's 1-sigma ellipse, then 2-sigma.
    """
    means2, covs2 = project(means, covariances, covariance_type, dims)
    n_std = _checks.n_stds(n_std)
    rgba = component_colors(len(means2), colors)
    # as thick as the lines of the current style (thicker in lecture_style),
    # the outer ellipses thinner and dashed
    width = 1.33 * matplotlib.rcParams["lines.linewidth"]
    ellipses = []
    for s, scale in enumerate(n_std):
        for mean, cov, color in zip(means2, covs2, rgba):
            style = dict(edgecolor=color, linewidth=width if s == 0 else 0.6 * width,
                         linestyle="-" if s == 0 else "--") | kwargs
            ellipses.append(ax.add_patch(_ellipse(mean, cov, scale, **style)))
    return ellipses


def update_ellipses(ellipses, means, covariances, covariance_type, n_std=(1, 2),
                    dims=(0, 1)):
    """Move ellipses drawn by :func:`plot_ellipses` to new parameters, in place."""
    means2, covs2 = project(means, covariances, covariance_type, dims)
    K = len(means2)
    for s, scale in enumerate(_checks.n_stds(n_std)):
        widths, heights, angles = _geometry(covs2, scale)
        for k, ellipse in enumerate(ellipses[s * K:(s + 1) * K]):
            ellipse.set_center(means2[k])
            ellipse.set_width(widths[k])
            ellipse.set_height(heights[k])
            ellipse.set_angle(angles[k])
