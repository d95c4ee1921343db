"""Expected weights of a Bayesian mixture: bars, fading ellipses, the ELBO.

A variational fit keeps every one of its ``n_components`` but can give some
an expected weight near zero: they are switched off. The bars show the
weights; the ellipses and centres fade with them, so the components that
remain active stand out.

Part of :mod:`gmmteach.plotting`.
Introduced in lessons/11_bayesian_gmm.ipynb.
"""

import numpy as np
from matplotlib.colors import to_rgba_array

from . import _checks
from .colors import component_colors
from .curves import _plot_curve

# A component whose expected weight is below this share of the data is
# counted as switched off (1 % is the usual reading of sklearn's weights_).
ACTIVE_THRESHOLD = 0.01

# The faintest an ellipse gets: switched-off components stay just visible,
# so the learner sees that they are still there, only unused.
MIN_ALPHA = 0.06


def n_active(weights, threshold=ACTIVE_THRESHOLD):
    """How many expected weights reach ``threshold``: the components in use."""
    weights = _checks.expected_weights(weights)
    threshold = _checks.fraction(threshold, "threshold", ACTIVE_THRESHOLD)
    return int(np.sum(weights >= threshold))


def weight_alphas(weights, min_alpha=MIN_ALPHA):
    """Opacity per component: ``sqrt(w_k / max w)``, at least ``min_alpha``.

    The square root keeps a component with a quarter of the largest weight
    half opaque, while weights near zero fade out.

    Parameters
    ----------
    weights : array-like of shape (n_components,)

    Returns
    -------
    ndarray of shape (n_components,)
    """
    weights = _checks.expected_weights(weights)
    min_alpha = _checks.fraction(min_alpha, "min_alpha", MIN_ALPHA)
    largest = weights.max() if weights.size and weights.max() > 0 else 1.0
    return np.clip(np.sqrt(weights / largest), min_alpha, 1.0)


def plot_expected_weights(ax, weights, colors=None, threshold=ACTIVE_THRESHOLD):
    """Bars of the expected weights E[pi_k], one per component, on [0, 1].

    Parameters
    ----------
    ax : matplotlib Axes
    weights : array-like of shape (n_components,)
    colors : sequence of colours, optional
    threshold : float, default=0.01
        Drawn as a dashed line: bars below it are switched-off components.

    Returns
    -------
    bars : matplotlib.container.BarContainer
    line : Line2D
        The threshold.
    """
    weights = _checks.expected_weights(weights)
    threshold = _checks.fraction(threshold, "threshold", ACTIVE_THRESHOLD)
    K = len(weights)
    bars = ax.bar(np.arange(K), weights, color=component_colors(K, colors),
                  edgecolor="0.3", linewidth=0.6)
    line = ax.axhline(threshold, color="0.4", linestyle="--", linewidth=1)
    ax.set(xlim=(-0.6, K - 0.4), ylim=(0, 1), xlabel="component k",
           ylabel="expected weight E[π_k]")
    ax.set_xticks(np.arange(K))
    return bars, line


def update_expected_weights(bars, weights):
    """Set the heights of :func:`plot_expected_weights`'s bars, in place."""
    for bar, weight in zip(bars, _checks.expected_weights(weights, len(bars))):
        bar.set_height(weight)


def fade_by_weight(artists, weights, colors=None, min_alpha=MIN_ALPHA):
    """Fade the ellipses and centres of :func:`plot_step` by expected weight.

    Parameters
    ----------
    artists : dict
        From :func:`gmmteach.plotting.plot_step`.
    weights : array-like of shape (n_components,)
    """
    weights = _checks.expected_weights(weights, len(artists["centres"].get_offsets()))
    alphas = weight_alphas(weights, min_alpha)
    K = len(alphas)
    for i, ellipse in enumerate(artists["ellipses"]):
        ellipse.set_alpha(alphas[i % K])  # n_std-major: ring i is component i % K
    rgba = component_colors(K, colors)
    rgba[:, 3] = alphas
    artists["centres"].set_facecolors(rgba)
    edges = to_rgba_array(["white"] * K)
    edges[:, 3] = alphas
    artists["centres"].set_edgecolors(edges)


def elbo_curve(trajectory):
    """Iterations and ELBO values of the records that carry one (M-steps).

    Returns
    -------
    iterations : ndarray of shape (n_iter,)
    elbos : ndarray of shape (n_iter,)
    """
    trajectory = _checks.trajectory(trajectory, "elbo")
    points = [(s.iteration, s.elbo) for s in trajectory if s.elbo is not None]
    iterations, values = zip(*points) if points else ((), ())
    return np.array(iterations, dtype=int), np.array(values, dtype=float)


def plot_elbo(ax, elbos, current=None, iterations=None):
    """The ELBO per iteration with a marker, as :func:`plot_log_likelihood`.

    The values are scikit-learn's ``lower_bounds_``: the ELBO up to an
    additive constant that depends on the priors and K, so the axis says so;
    only changes within one fit mean something.

    Returns
    -------
    line, marker : Line2D
        Move the marker with :func:`update_log_likelihood_marker`.
    """
    values = _checks.curve(elbos, "elbos", "model.lower_bounds_")
    iterations = _checks.iterations(iterations, len(values))
    return _plot_elbo(ax, values, _checks.current(current), iterations)


def _plot_elbo(ax, values, current=None, iterations=None):
    # unchecked: VBExplorer draws an empty curve here and fills it per frame
    line, marker = _plot_curve(ax, values, current, iterations)
    ax.set_ylabel("ELBO + constant (only changes matter)")
    return line, marker


def plot_stick(ax, weights, colors=None):
    """A unit stick broken into pieces of lengths ``weights``, left to right.

    What is left after the last piece (``1 - sum(weights)``) stays grey.

    Parameters
    ----------
    ax : matplotlib Axes
    weights : array-like of shape (n_sticks,)

    Returns
    -------
    matplotlib.container.BarContainer
        One piece per weight, then the grey leftover; move with
        :func:`update_stick`.
    """
    weights = _checks.stick_pieces(weights)
    rgba = np.vstack([component_colors(len(weights), colors),
                      to_rgba_array(["#DDDDDD"])])
    pieces = ax.barh(np.zeros(len(weights) + 1), np.ones(len(weights) + 1),
                     height=0.6, color=rgba, edgecolor="white", linewidth=0.8)
    update_stick(pieces, weights)
    ax.set(xlim=(0, 1), ylim=(-0.5, 0.5), yticks=[], xticks=np.linspace(0, 1, 5),
           xlabel="the unit stick")
    return pieces


def update_stick(pieces, weights):
    """Resize :func:`plot_stick`'s pieces to ``weights``, in place."""
    weights = _checks.stick_pieces(weights, len(pieces) - 1)
    lengths = np.append(weights, max(0.0, 1.0 - weights.sum()))
    starts = np.concatenate(([0.0], np.cumsum(lengths)[:-1]))
    for piece, start, length in zip(pieces, starts, lengths):
        piece.set_x(start)
        piece.set_width(length)
