"""Pictures of mixtures: ellipses, soft colours, densities, curves and charts.

Every function takes arrays and a matplotlib ``ax`` and returns the artists
it drew; none of them fits anything. The ``update_*`` helpers change those
artists in place (``set_offsets``, ``set_facecolors``, ``set_width``, ...),
so the widgets and the animations share one way to draw an EM step and one
way to move it to another step.

For data with more than two features, pass ``dims=(i, j)``: the marginal of
a Gaussian on two axes is again Gaussian, with the means ``mu[[i, j]]`` and
the 2 x 2 sub-block of the covariance, so ellipses are exact projections.

Colours default to the Okabe-Ito palette, which stays distinguishable for
the common kinds of colour blindness.

Introduced in lessons/01_gaussians_and_mixtures.ipynb.
"""

import numpy as np
from matplotlib.colors import to_rgba_array
from matplotlib.patches import Ellipse

from .covariance import full_covariances
from .em import e_step
from .params import make_params

__all__ = [
    "OKABE_ITO",
    "component_colors",
    "project",
    "ellipse_geometry",
    "covariance_ellipse",
    "plot_ellipses",
    "update_ellipses",
    "responsibility_colors",
    "plot_responsibilities",
    "plot_labels",
    "plot_density_contours",
    "plot_mixture_1d",
    "update_mixture_1d",
    "plot_log_likelihood",
    "update_log_likelihood_marker",
    "log_likelihood_ylim",
    "first_far_below",
    "fit_log_likelihood_view",
    "log_likelihood_curve",
    "plot_criterion",
    "plot_uncertainty",
    "plot_step",
    "update_step",
    "set_data_limits",
]

# Okabe & Ito (2008), "Color Universal Design": orange, sky blue, bluish
# green, vermillion, blue, reddish purple, yellow, black (yellow late: it is
# faint on white). More than eight components reuse the colours in order.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#D55E00",
             "#0072B2", "#CC79A7", "#F0E442", "#000000")
UNASSIGNED = "#999999"  # points before any responsibilities exist
# eigh of a singular covariance can return -1e-17 instead of 0: rounding,
# not a real negative variance, so it is clipped to 0 rather than refused.
EIGENVALUE_SLACK = 1e-10


def component_colors(n_components, colors=None):
    """One RGBA row per component, cycling through ``colors`` (Okabe-Ito).

    Returns
    -------
    ndarray of shape (n_components, 4)
    """
    palette = to_rgba_array(OKABE_ITO if colors is None else colors)
    return palette[np.arange(n_components) % len(palette)]


def project(means, covariances, covariance_type, dims=(0, 1)):
    """Means and full 2 x 2 covariances of the mixture's marginal on ``dims``.

    Parameters
    ----------
    means : ndarray of shape (n_components, n_features)
    covariances : ndarray, shape as in :mod:`gmmteach.covariance`
    covariance_type : {'full', 'tied', 'diag', 'spherical'}
    dims : pair of int

    Returns
    -------
    means : ndarray of shape (n_components, 2)
    covariances : ndarray of shape (n_components, 2, 2)
    """
    means = np.asarray(means, dtype=float)
    n_components, n_features = means.shape
    dims = _check_dims(dims, n_features)
    full = full_covariances(covariances, covariance_type, n_components, n_features)
    return means[:, dims], full[:, dims][:, :, dims]


def _check_dims(dims, n_features):
    dims = list(dims)
    if len(dims) != 2 or not all(0 <= d < n_features for d in dims):
        raise ValueError(
            f"dims must be two feature indices between 0 and {n_features - 1} "
            f"(the axes to draw), got {dims}."
        )
    return dims


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
    covariances = np.asarray(covariances, dtype=float)
    if covariances.shape[-2:] != (2, 2):
        raise ValueError(
            f"An ellipse needs a 2 x 2 covariance, got shape {covariances.shape}; "
            "for more features pick two with project(..., dims=(i, j))."
        )
    eigenvalues, eigenvectors = np.linalg.eigh(covariances)  # ascending order
    if np.any(eigenvalues < -EIGENVALUE_SLACK * np.abs(eigenvalues).max()):
        raise ValueError("A covariance has a negative eigenvalue, so it is not a "
                         "covariance; check that it is symmetric positive-definite.")
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
    width, height, angle = ellipse_geometry(cov, n_std)
    kwargs.setdefault("fill", False)
    return Ellipse(xy=np.asarray(mean, dtype=float), width=float(width),
                   height=float(height), angle=float(angle), **kwargs)


def plot_ellipses(ax, means, covariances, covariance_type, n_std=(1, 2), colors=None,
                  dims=(0, 1), **kwargs):
    """Ellipses at each of ``n_std`` standard deviations around every component.

    Parameters
    ----------
    ax : matplotlib Axes
    means : ndarray of shape (n_components, n_features)
    covariances : ndarray, shape as in :mod:`gmmteach.covariance`
    covariance_type : {'full', 'tied', 'diag', 'spherical'}
    n_std : sequence of float, default=(1, 2)
    colors : sequence of colours, optional
    dims : pair of int, default=(0, 1)

    Returns
    -------
    list of Ellipse
        ``n_std``-major: first every component's 1-sigma ellipse, then 2-sigma.
    """
    means2, covs2 = project(means, covariances, covariance_type, dims)
    rgba = component_colors(len(means2), colors)
    ellipses = []
    for s, scale in enumerate(n_std):
        for mean, cov, color in zip(means2, covs2, rgba):
            style = dict(edgecolor=color, linewidth=2.0 if s == 0 else 1.2,
                         linestyle="-" if s == 0 else "--") | kwargs
            ellipses.append(ax.add_patch(covariance_ellipse(mean, cov, scale, **style)))
    return ellipses


def update_ellipses(ellipses, means, covariances, covariance_type, n_std=(1, 2),
                    dims=(0, 1)):
    """Move ellipses drawn by :func:`plot_ellipses` to new parameters, in place."""
    means2, covs2 = project(means, covariances, covariance_type, dims)
    K = len(means2)
    for s, scale in enumerate(n_std):
        widths, heights, angles = ellipse_geometry(covs2, scale)
        for k, ellipse in enumerate(ellipses[s * K:(s + 1) * K]):
            ellipse.set_center(means2[k])
            ellipse.set_width(widths[k])
            ellipse.set_height(heights[k])
            ellipse.set_angle(angles[k])


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
    rgba = component_colors(resp.shape[1], colors)
    # Responsibility not given to any component (rows of a partial resp that
    # sum to less than 1) is drawn grey, so such points stay visible.
    missing = np.clip(1.0 - resp.sum(axis=1, keepdims=True), 0.0, 1.0)
    return np.clip(resp @ rgba + missing * to_rgba_array(UNASSIGNED), 0.0, 1.0)


def _point_colors(resp, n_samples, colors):
    if resp is None:
        return np.tile(to_rgba_array(UNASSIGNED), (n_samples, 1))
    return responsibility_colors(resp, colors)


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
    X = np.asarray(X, dtype=float)
    i, j = _check_dims(dims, X.shape[1])
    kwargs = dict(s=14, linewidths=0) | kwargs
    return ax.scatter(X[:, i], X[:, j], c=_point_colors(resp, len(X), colors), **kwargs)


def plot_labels(ax, X, labels, colors=None, dims=(0, 1), **kwargs):
    """Scatter of ``X`` coloured by hard labels (component index per point).

    Returns
    -------
    matplotlib.collections.PathCollection
    """
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels, dtype=int)
    i, j = _check_dims(dims, X.shape[1])
    rgba = component_colors(labels.max() + 1, colors)
    kwargs = dict(s=14, linewidths=0) | kwargs
    return ax.scatter(X[:, i], X[:, j], c=rgba[labels], **kwargs)


def plot_uncertainty(ax, X, resp, colors=None, dims=(0, 1), max_size=80.0, **kwargs):
    """mclust's ``what = "uncertainty"``: bigger points are less certain.

    The uncertainty of a point is ``1 - max_k r_nk``: 0 when one component
    owns it, up to ``1 - 1/K`` when all share it equally. Colours are the
    hard labels ``argmax_k r_nk``.

    Returns
    -------
    matplotlib.collections.PathCollection
    """
    X = np.asarray(X, dtype=float)
    i, j = _check_dims(dims, X.shape[1])
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
    p = params
    means, covs = project(p.means, p.covariances, p.covariance_type, dims)
    marginal = make_params(params.weights, means, "full", covariances=covs)
    xx, yy = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    _, log_density = e_step(np.c_[xx.ravel(), yy.ravel()], marginal)
    if "colors" not in kwargs:
        kwargs.setdefault("cmap", "viridis")
    return ax.contour(xx, yy, log_density.reshape(xx.shape), levels=levels, **kwargs)


def _mixture_1d_curves(grid, weights, means, variances):
    # pi_k N(x | mu_k, sigma_k^2) for every component, one row each
    weights, means, variances = (np.asarray(a, dtype=float)[:, np.newaxis]
                                 for a in (weights, means, variances))
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
    x = np.ravel(np.asarray(x, dtype=float))
    _, _, hist = ax.hist(x, bins=bins, density=True, color="#DDDDDD", label="data")
    span = x.max() - x.min()
    grid = np.linspace(x.min() - 0.1 * span, x.max() + 0.1 * span, 400)
    curves = _mixture_1d_curves(grid, weights, means, variances)
    rgba = component_colors(len(curves), colors)
    components = [ax.plot(grid, c, color=col, lw=2, label=f"component {k}")[0]
                  for k, (c, col) in enumerate(zip(curves, rgba))]
    total = ax.plot(grid, curves.sum(axis=0), color="black", lw=2.5, label="mixture")[0]
    ax.set_xlabel("x")
    ax.set_ylabel("density")
    return {"hist": hist, "components": components, "total": total}


def update_mixture_1d(artists, weights, means, variances):
    """Redraw the curves of :func:`plot_mixture_1d` for new parameters, in place."""
    grid = artists["total"].get_xdata()
    curves = _mixture_1d_curves(grid, weights, means, variances)
    for line, curve in zip(artists["components"], curves):
        line.set_ydata(curve)
    artists["total"].set_ydata(curves.sum(axis=0))


def log_likelihood_curve(trajectory):
    """Iterations and mean log-likelihoods of the E-steps of a trajectory.

    Returns
    -------
    iterations : ndarray of shape (n_iter,)
    log_likelihoods : ndarray of shape (n_iter,)
    """
    points = [(s.iteration, s.log_likelihood) for s in trajectory if s.kind == "E"]
    iterations, values = zip(*points) if points else ((), ())
    return np.array(iterations, dtype=int), np.array(values, dtype=float)


def plot_log_likelihood(ax, log_likelihoods, current=None, iterations=None):
    """The log-likelihood per iteration, with a marker at the current one.

    Parameters
    ----------
    ax : matplotlib Axes
    log_likelihoods : array-like of shape (n_iter,)
        Mean log-likelihood per sample at iterations 1, 2, ...
    current : int, optional
        Iteration to mark (1-based, as in :class:`~gmmteach.EMStep`).
    iterations : array-like of shape (n_iter,), optional
        Defaults to ``1, 2, ..., n_iter``.

    Returns
    -------
    line, marker : Line2D
    """
    values = np.asarray(log_likelihoods, dtype=float)
    if iterations is None:
        iterations = np.arange(1, len(values) + 1)
    line = ax.plot(iterations, values, color="#0072B2", lw=1.8)[0]
    marker = ax.plot([], [], "o", color="#D55E00", ms=9, zorder=3)[0]
    update_log_likelihood_marker(marker, line, current)
    ax.set_xlabel("iteration")
    ax.set_ylabel("mean log-likelihood per point")
    # late iterations differ in the 4th digit: show the values themselves,
    # not "+1.234e3" offsets that learners misread
    ax.ticklabel_format(axis="y", useOffset=False)
    return line, marker


def update_log_likelihood_marker(marker, line, current):
    """Put ``marker`` on ``line`` at iteration ``current`` (None hides it)."""
    iterations, values = line.get_xdata(), line.get_ydata()
    at = np.flatnonzero(np.asarray(iterations) == current)
    if current is None or len(at) == 0:
        marker.set_data([], [])
    else:
        marker.set_data([iterations[at[0]]], [values[at[0]]])


def log_likelihood_ylim(log_likelihoods, margin=0.08, min_span=0.01):
    """y-limits that show a log-likelihood curve as it is.

    Autoscaling misleads twice. A start from single data points
    (``'random_from_data'``, ``'k-means++'``) has covariances of ``reg_covar``
    alone, so its first log-likelihood can be -1e6 while every later one lies
    within a few units: the whole climb would look flat. Then the limits cover
    iteration 2 on and the first value is left below the chart. And a run that
    starts next to its optimum gains 1e-4: stretched over the whole axis that
    looks like a steep climb. The axis spans at least ``min_span`` (ten times
    scikit-learn's default ``tol``), so such a run looks as flat as it is.

    Parameters
    ----------
    log_likelihoods : array-like of shape (n_iter,)
        Mean log-likelihood per point.
    margin : float, default=0.08
        Padding above and below, as a fraction of the range shown.
    min_span : float, default=0.01

    Returns
    -------
    (bottom, top), or None when there are no values
    """
    values = np.asarray(log_likelihoods, dtype=float)
    if len(values) == 0:
        return None
    shown = values[1:] if first_far_below(values) else values
    high = shown.max()
    low = min(shown.min(), high - min_span)
    pad = margin * (high - low)
    return low - pad, high + pad


def first_far_below(log_likelihoods):
    """Whether the first value is too far below the rest to share their axis.

    A mean log-likelihood per point is a few units (``|log p(x)|`` of typical
    data); the first value is left out only when it lies ten times further
    below than that scale and than the rest of the climb, as after a start
    from collapsed components, never after an ordinary first step.
    """
    values = np.asarray(log_likelihoods, dtype=float)
    if len(values) < 3:
        return False
    low, high = values[1:].min(), values[1:].max()
    return bool(low - values[0] > 10 * max(high - low, abs(high) + 1.0))


def minus_sign(number):
    """``number`` (a str) with the typographic minus of matplotlib's tick labels."""
    return number.replace("-", "\u2212")


def fit_log_likelihood_view(ax, line, note=None):
    """Scale ``ax`` to the curve ``line``, saying so if a first point is left out.

    Parameters
    ----------
    ax : matplotlib Axes
    line : Line2D
        From :func:`plot_log_likelihood`, with its data set.
    note : Text, optional
        The note returned by an earlier call on the same ``ax``, reused.

    Returns
    -------
    note : Text
        Hidden and empty unless the first value is left below the chart
        (see :func:`first_far_below`).
    """
    iterations, values = line.get_data()
    ax.relim()
    ax.autoscale(enable=True, axis="x")
    ax.autoscale_view(scaley=False)
    ylim = log_likelihood_ylim(values)
    if ylim is not None:
        ax.set_ylim(ylim)
    note = _corner_note(ax) if note is None else note
    text = ""
    if first_far_below(values):
        first = minus_sign(f"{values[0]:.3g}")
        text = f"\u2193 iteration {iterations[0]}: {first}, below the chart"
    note.set_text(text)
    note.set_visible(bool(text))  # no empty box
    return note


def _corner_note(ax):
    # boxed, bottom right: a climbing curve is high there, and the box
    # covers the drop towards the first point rather than the text
    return ax.text(0.97, 0.04, "", transform=ax.transAxes, fontsize="small",
                   ha="right", va="bottom", zorder=5,
                   bbox=dict(boxstyle="round", fc="white", ec="0.8"))


def plot_criterion(ax, n_components, values, covariance_types, criterion="BIC",
                   mclust_sign=False):
    """BIC (or AIC) against K, one line per covariance type, like mclust.

    Parameters
    ----------
    ax : matplotlib Axes
    n_components : sequence of int, length n_k
    values : ndarray of shape (n_k, n_types)
        In scikit-learn's sign, ``-2 log L + p log N``: lower is better (as
        :func:`gmmteach.select_model` returns it). NaN marks a failed fit.
    covariance_types : sequence of str, length n_types
    criterion : str, default='BIC'
        Used in the labels.
    mclust_sign : bool, default=False
        Plot ``-values``, i.e. mclust's ``2 log L - p log N``, where higher is
        better. Same ranking, flipped sign; the y label says which.

    Returns
    -------
    list of Line2D
        One per covariance type, then the star marking the best model.
    """
    values = np.asarray(values, dtype=float)
    values = -values if mclust_sign else values
    markers = "osD^v<>"
    lines = [ax.plot(n_components, values[:, t], marker=markers[t % 7], label=name,
                     color=OKABE_ITO[t % len(OKABE_ITO)])[0]
             for t, name in enumerate(covariance_types)]
    pick = np.nanargmax if mclust_sign else np.nanargmin
    k, t = np.unravel_index(pick(values), values.shape)
    lines += ax.plot([n_components[k]], [values[k, t]], "*", color="black", ms=16,
                     label=f"best: K={n_components[k]}, {covariance_types[t]}")
    sense = ("higher is better (mclust's sign)" if mclust_sign
             else "lower is better (scikit-learn's sign)")
    ax.set_xlabel("number of components K")
    ax.set_ylabel(f"{criterion}: {sense}")
    ax.legend()
    return lines


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
    p = step.params
    points = plot_responsibilities(ax, X, step.resp, colors, dims)
    ellipses = plot_ellipses(ax, p.means, p.covariances, p.covariance_type, n_std,
                             colors, dims)
    centres = ax.scatter(*p.means[:, list(dims)].T, marker="X", s=90, zorder=3,
                         c=component_colors(p.n_components, colors), edgecolors="white")
    return {"points": points, "ellipses": ellipses, "centres": centres,
            "dims": tuple(dims), "n_std": tuple(n_std), "colors": colors}


def update_step(artists, X, step):
    """Change the artists of :func:`plot_step` to show ``step``, in place.

    ``step`` must have as many components as the step that was plotted.
    """
    p, dims = step.params, list(artists["dims"])
    X = np.asarray(X, dtype=float)
    artists["points"].set_offsets(X[:, dims])
    colors = _point_colors(step.resp, len(X), artists["colors"])
    artists["points"].set_facecolors(colors)
    artists["centres"].set_offsets(p.means[:, dims])
    update_ellipses(artists["ellipses"], p.means, p.covariances, p.covariance_type,
                    artists["n_std"], dims)


def set_data_limits(ax, X, dims=(0, 1), margin=0.1):
    """Fix the axes to the data's range plus ``margin`` of it on every side.

    EM's ellipses can be huge at the start; fixed limits keep the data in
    view and the frame steady while they shrink. Both axes get the same
    scale, so circles look round.
    """
    X = np.asarray(X, dtype=float)[:, _check_dims(dims, np.shape(X)[1])]
    low, high = X.min(axis=0), X.max(axis=0)
    pad = margin * np.where(high > low, high - low, 1.0)
    ax.set_xlim(low[0] - pad[0], high[0] + pad[0])
    ax.set_ylim(low[1] - pad[1], high[1] + pad[1])
    # one unit is as long on both axes, so a spherical covariance draws as a
    # circle and the ellipses' tilts are true (the box shrinks, not the data)
    ax.set_aspect("equal", adjustable="box")
