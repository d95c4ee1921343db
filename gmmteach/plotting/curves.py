"""Curves and charts: the log-likelihood climb and the BIC/AIC chart.

Part of :mod:`gmmteach.plotting`.
"""

import matplotlib
import numpy as np
from matplotlib.ticker import MaxNLocator

from . import _checks
from .colors import OKABE_ITO

# below a curve whose first value is left out: room for the note, as a
# fraction of the range of the values shown
NOTE_BAND = 0.35


def log_likelihood_curve(trajectory):
    """Iterations and mean log-likelihoods of the E-steps of a trajectory.

    Returns
    -------
    iterations : ndarray of shape (n_iter,)
    log_likelihoods : ndarray of shape (n_iter,)
    """
    trajectory = _checks.trajectory(trajectory, "log_likelihood")
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
    values = _checks.curve(log_likelihoods, "log_likelihoods", "model.lower_bounds_")
    iterations = _checks.iterations(iterations, len(values))
    return _plot_curve(ax, values, _checks.current(current), iterations)


def _plot_curve(ax, values, current=None, iterations=None):
    # unchecked: the widgets draw an empty line here and fill it per frame
    if iterations is None:
        iterations = np.arange(1, len(values) + 1)
    style = matplotlib.rcParams  # thicker and larger in lecture_style
    line = ax.plot(iterations, values, color="#0072B2",
                   lw=1.2 * style["lines.linewidth"])[0]
    marker = ax.plot([], [], "o", color="#D55E00", ms=1.5 * style["lines.markersize"],
                     zorder=3)[0]
    _move_marker(marker, line, current)
    ax.set_xlabel("iteration")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # no iteration 2.5
    ax.set_ylabel("mean log-likelihood per point")
    # late iterations differ in the 4th digit: show the values themselves,
    # not "+1.234e3" offsets that learners misread
    ax.ticklabel_format(axis="y", useOffset=False)
    return line, marker


def curve_iteration(step):
    """The iteration of the log-likelihood curve to mark for an EMStep.

    Iteration t's value is computed by its E-step from the parameters it
    starts from, so the start (step 0, iteration 0) is marked at iteration 1:
    that value is the log-likelihood of the initial parameters. An E- or
    M-step of iteration t is marked at t.
    """
    return max(step.iteration, 1)


def update_log_likelihood_marker(marker, line, current):
    """Put ``marker`` on ``line`` at iteration ``current`` (None hides it)."""
    _move_marker(marker, line, _checks.current(current))


def _move_marker(marker, line, current):
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
    (bottom, top)
    """
    values = _checks.curve(log_likelihoods, "log_likelihoods", "model.lower_bounds_")
    margin = _checks.nonnegative(margin, "margin", 0.08)
    min_span = _checks.nonnegative(min_span, "min_span", 0.01)
    return _ylim(values, margin, min_span)


def _ylim(values, margin=0.08, min_span=0.01):
    # unchecked, for fit_log_likelihood_view's line (None when it is empty)
    if len(values) == 0:
        return None
    left_out = _first_far_below(values)
    shown = values[1:] if left_out else values
    high = shown.max()
    low = min(shown.min(), high - min_span)
    pad = margin * (high - low)
    # a free band at the bottom for the note that says where the first value
    # went, so the curve and its marker never run under it
    bottom_pad = NOTE_BAND * (high - low) if left_out else pad
    return low - bottom_pad, high + pad


def first_far_below(log_likelihoods):
    """Whether the first value is too far below the rest to share their axis.

    A mean log-likelihood per point is a few units (``|log p(x)|`` of typical
    data); the first value is left out only when it lies ten times further
    below than that scale and than the rest of the climb, as after a start
    from collapsed components, never after an ordinary first step.
    """
    values = _checks.curve(log_likelihoods, "log_likelihoods", "model.lower_bounds_")
    return _first_far_below(values)


def _first_far_below(values):
    if len(values) < 3:
        return False
    low, high = values[1:].min(), values[1:].max()
    return bool(low - values[0] > 10 * max(high - low, abs(high) + 1.0))


def minus_sign(number):
    """``number`` (a str) with the typographic minus of matplotlib's tick labels."""
    try:
        float(number)
    except (TypeError, ValueError):
        raise TypeError(f"number must be a number written as text, such as "
                        f"f'{{x:.3f}}', got {number!r}.") from None
    if not isinstance(number, str):
        raise TypeError(f"number must be text such as f'{{x:.3f}}', got the "
                        f"{type(number).__name__} {number!r}.")
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
    values = np.asarray(values, dtype=float)  # the line's data may be a list
    ax.relim()
    ax.autoscale(enable=True, axis="x")
    ax.autoscale_view(scaley=False)
    ylim = _ylim(values)
    if ylim is not None:
        ax.set_ylim(ylim)
    note = _corner_note(ax) if note is None else note
    text = ""
    if _first_far_below(values):
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
    n_components = _checks.n_components_axis(n_components)
    covariance_types = _checks.covariance_types(covariance_types)
    values = _checks.criterion_values(values, n_components, covariance_types)
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
