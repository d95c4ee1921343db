"""EM as a film: one frame per step record, for GIFs, slides and static pages.

:func:`animate` draws the first record with :func:`gmmteach.plotting.plot_step`
and moves the same artists to every later record with
:func:`gmmteach.plotting.update_step`, the code the widgets use. The result
is a matplotlib ``FuncAnimation``:

* ``anim.save("em.gif", writer="pillow")`` writes a GIF (no ffmpeg needed);
* ``HTML(anim.to_jshtml())`` plays it in a notebook, even one viewed without
  a running kernel (the frames are stored in the page).

Introduced in lessons/02_em_step_by_step.ipynb.
"""

import contextlib

import matplotlib
import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.figure import Figure

from ._checks import check_feature_names, check_int
from .em import e_step
from .plotting import _checks
from .plotting.curves import curve_iteration
from .plotting.steps import _move_step
from .plotting import (minus_sign, fit_log_likelihood_view, log_likelihood_curve,
                       plot_log_likelihood, plot_step, set_data_limits,
                       update_log_likelihood_marker)

__all__ = ["animate", "lecture_style", "step_title", "log_likelihoods_after",
           "LECTURE_RC"]

# Readable from the back of a lecture hall: large text, thick lines.
LECTURE_RC = {
    "font.size": 18,
    "axes.titlesize": 20,
    "axes.labelsize": 18,
    "xtick.labelsize": 15,
    "ytick.labelsize": 15,
    "legend.fontsize": 15,
    "lines.linewidth": 3.5,
    "lines.markersize": 12,
    "patch.linewidth": 3.0,
    "axes.linewidth": 1.5,
    "figure.figsize": (12, 6),
}


@contextlib.contextmanager
def lecture_style(**overrides):
    """Large fonts and thick lines for a projector, inside a ``with`` block.

    Parameters
    ----------
    **overrides
        rcParams to change on top of :data:`LECTURE_RC`; their names contain
        dots, so pass them as a dict: ``lecture_style(**{"font.size": 24})``.

    Examples
    --------
    >>> with lecture_style():
    ...     anim = animate(trajectory, X)
    """
    with matplotlib.rc_context(LECTURE_RC | overrides):
        yield


def step_title(step, log_likelihood_after=None):
    """A caption such as ``'iteration 3: M-step (new parameters)'`` for an EMStep.

    Parameters
    ----------
    step : EMStep
    log_likelihood_after : float, optional
        The mean log-likelihood of the parameters after ``step`` (see
        :func:`log_likelihoods_after`). Given, a second line shows it; for an
        M-step with the value before it too, so every frame shows progress.
    """
    if step.kind == "init":
        title = "initial parameters"
    else:
        what = {"E": "E-step (new responsibilities)", "M": "M-step (new parameters)"}
        title = f"iteration {step.iteration}: {what[step.kind]}"
    if log_likelihood_after is None:
        return title
    value = minus_sign(f"{log_likelihood_after:.4f}")
    if step.kind != "M":
        return f"{title}\nlog-likelihood {value}"
    before = minus_sign(f"{step.log_likelihood:.4f}")
    return f"{title}\nlog-likelihood after it {value} (was {before})"


def log_likelihoods_after(trajectory, X):
    """Mean log-likelihood per point of the parameters after each step.

    An E-step leaves the parameters alone: its value is the one it computed.
    An M-step changes them: its value is the next E-step's, which evaluates
    exactly these parameters, or for the last M-step one more E-step. The
    start's is that of the first E-step (the start's parameters).

    Parameters
    ----------
    trajectory : sequence of EMStep
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    list of float, one per step
    """
    after = [s.log_likelihood for s in trajectory]
    for i, step in enumerate(trajectory):
        if step.kind in ("init", "M"):
            after[i] = (trajectory[i + 1].log_likelihood if i + 1 < len(trajectory)
                        else float(e_step(X, step.params)[1].mean()))
    return after


def _check_trajectory(trajectory):
    trajectory = _checks.trajectory(trajectory, "params")
    if not trajectory:
        raise ValueError("The trajectory is empty; pass list(em_steps(...)) "
                         "or a fitted model's trajectory(X).")
    if len({s.params.n_components for s in trajectory}) != 1:
        raise ValueError("Every step of the trajectory must have the same number "
                         "of components.")
    return trajectory


def _figure(with_curve, figsize):
    # A Figure outside pyplot: nothing is shown twice in a notebook and
    # nothing is left open once the animation is gone.
    fig = Figure(figsize=figsize, layout="constrained")
    if not with_curve:
        return fig, fig.add_subplot(), None
    ax_data, ax_curve = fig.subplots(1, 2, width_ratios=[3, 2])
    return fig, ax_data, ax_curve


def animate(trajectory, X, *, dims=(0, 1), interval=400, n_std=(1, 2), colors=None,
            show_log_likelihood=True, figsize=None, repeat=True, feature_names=None):
    """Animate EM: one frame per :class:`~gmmteach.EMStep` of ``trajectory``.

    Parameters
    ----------
    trajectory : sequence of EMStep
        ``list(em_steps(...))`` (with responsibilities, so points change
        colour) or a fitted model's ``trajectory(X)`` (ellipses only).
    X : ndarray of shape (n_samples, n_features)
    dims : pair of int, default=(0, 1)
        The two features drawn when there are more.
    interval : int, default=400
        Milliseconds per frame.
    n_std : sequence of float, default=(1, 2)
    colors : sequence of colours, optional
    show_log_likelihood : bool, default=True
        A second panel with the log-likelihood curve and a moving marker.
    figsize : pair of float, optional
    repeat : bool, default=True
    feature_names : sequence of str, optional
        One per feature, for the axis labels; 'feature 0', ... if not given.

    Returns
    -------
    matplotlib.animation.FuncAnimation
        ``len(trajectory)`` frames; its figure is ``anim._fig``.
    """
    trajectory = _check_trajectory(trajectory)
    X = _checks.points(X)
    interval = check_int(interval, "interval", 1, hint="Milliseconds per frame, e.g. "
                         "interval=400.")
    figsize = figsize or matplotlib.rcParams["figure.figsize"]
    fig, ax_data, ax_curve = _figure(show_log_likelihood, figsize)
    artists = plot_step(ax_data, X, trajectory[0], dims, n_std, colors)
    set_data_limits(ax_data, X, dims, params=trajectory[-1].params)  # the fit uncut
    names = check_feature_names(feature_names, X.shape[1])
    ax_data.set(xlabel=names[dims[0]], ylabel=names[dims[1]])
    after = log_likelihoods_after(trajectory, X)
    title = ax_data.set_title(step_title(trajectory[0], after[0]))
    marker = None
    if ax_curve is not None:
        iterations, values = log_likelihood_curve(trajectory)
        line, marker = plot_log_likelihood(ax_curve, values, iterations=iterations)
        fit_log_likelihood_view(ax_curve, line)

    def draw_frame(index):
        step = trajectory[index]
        _move_step(artists, X, step)
        title.set_text(step_title(step, after[index]))
        if marker is not None:
            update_log_likelihood_marker(marker, line, curve_iteration(step))

    return FuncAnimation(fig, draw_frame, frames=len(trajectory), interval=interval,
                         repeat=repeat, cache_frame_data=False)
