"""``VBExplorer``: watch variational inference switch components off.

Part of :mod:`gmmteach.widgets`.
"""

import contextlib
import warnings

import ipywidgets as widgets
import numpy as np
from matplotlib.ticker import FixedFormatter, FixedLocator
from matplotlib.transforms import Bbox

from .. import plotting
from ..covariance import COVARIANCE_TYPES
from ..init import check_random_state, initial_resp
from ..vb import vb_steps
from ._arguments import check_choice, check_int_between, check_real_between, check_run
from ._arguments import check_seed
from ._figure import _few_ticks, _TrajectoryWidget

PRIOR_TYPES = ("dirichlet_process", "dirichlet_distribution")

STRUCTURAL = ("data", "n_components", "weight_concentration_prior_type",
              "weight_concentration_prior", "covariance_type", "random_state")

# Runs are deterministic: a setting seen before (the concentration slider
# moved back) shows the run kept for it, the very records a new run would
# give. A few runs of lesson-size data are a few MB each.
RUNS_KEPT = 8
MAX_K = 15  # the K_max slider's top


class VBExplorer(_TrajectoryWidget):
    """Watch a Bayesian Gaussian mixture fit by variational inference.

    Start with ``n_components`` (K_max) components; the variational E- and
    M-steps shrink the expected weights of the components the data do not
    need. The ellipses fade with their expected weight, the bars show the
    weights, the right panel the evidence lower bound (ELBO, up to an additive
    constant) climbing.

    Parameters
    ----------
    data : str or ndarray of shape (n_samples, n_features), default='old faithful'
        A name from :data:`gmmteach.datasets.DATASETS`, or your own array.
    n_components : int, default=10
        K_max, from 1 to 15.
    weight_concentration_prior_type : {'dirichlet_process', 'dirichlet_distribution'}
    weight_concentration_prior : float, default=None
        The concentration (alpha); None means ``1 / n_components``, as sklearn.
    covariance_type : {'full', 'tied', 'diag', 'spherical'}, default='full'
    random_state : int, default=0
        Seeds the k-means start.
    max_iter : int, default=100
    tol : float, default=1e-3

    Attributes
    ----------
    trajectory : list of VBStep
        The run shown; ``trajectory[iteration.value]`` is on screen.
    n_vb_runs, n_draws : int
        How many times variational inference ran (failed runs included) and
        the figure was redrawn.
    artists : dict
        From :func:`gmmteach.plotting.plot_step`.
    widget : ipywidgets.VBox

    Examples
    --------
    >>> explorer = VBExplorer("old faithful", n_components=10)
    >>> explorer.weight_concentration_prior.value = 100  # reruns the fit

    Introduced in lessons/11_bayesian_gmm.ipynb.
    """

    STRUCTURAL = STRUCTURAL
    ALGORITHM = "Variational inference"

    def __init__(self, data="old faithful", n_components=10,
                 weight_concentration_prior_type="dirichlet_process",
                 weight_concentration_prior=None, covariance_type="full",
                 random_state=0, *, max_iter=100, tol=1e-3):
        data = self._set_up_data(data)
        self.max_iter, self.tol = check_run(max_iter, tol)
        n_components = check_int_between(n_components, "n_components", 1, MAX_K,
                                         " (the K_max slider's range)")
        self.n_vb_runs, self.trajectory, self.X, self.artists = 0, [], None, None
        self._frame = self._laid_out = self._elbo_region = None
        self._runs, self._starts = {}, {}
        if weight_concentration_prior is None:
            weight_concentration_prior = 1.0 / n_components
        _check_choices(weight_concentration_prior, weight_concentration_prior_type,
                       covariance_type, random_state)
        self._build_controls(data, n_components, weight_concentration_prior_type,
                             weight_concentration_prior, covariance_type, random_state)
        self.ax_data, self.ax_weights, self.ax_elbo = self._make_figure(
            3, (9.6, 3.6), width_ratios=[3, 2, 2])
        self.bars = None
        self.elbo_line, self.elbo_marker = plotting.weights._plot_elbo(self.ax_elbo, [])
        self.elbo_note = None
        self._blit(self._step_artists)
        self._animated([self.elbo_marker])
        _few_ticks(self.ax_data, self.ax_elbo)
        self.widget = self._build_layout()
        self._recompute()
        self._observe()

    # -- building ------------------------------------------------------------
    def _build_controls(self, data, n_components, prior_type, prior, covariance_type,
                        random_state):
        short = {"style": {"description_width": "initial"}}
        self.data = widgets.Dropdown(options=list(self._loaders), value=data,
                                     description="data", **short)
        self.n_components = widgets.IntSlider(n_components, 1, MAX_K, description="K_max",
                                              continuous_update=False, **short)
        self.covariance_type = widgets.Dropdown(options=COVARIANCE_TYPES,
                                                value=covariance_type,
                                                description="covariance", **short)
        self.weight_concentration_prior_type = widgets.Dropdown(
            options=PRIOR_TYPES, value=prior_type, description="prior", **short)
        self.weight_concentration_prior = widgets.FloatLogSlider(
            prior, base=10, min=-3, max=3, step=0.25, continuous_update=False,
            readout_format=".3g", description="concentration α",
            layout={"width": "360px"}, **short)
        self.random_state = widgets.BoundedIntText(random_state, min=0, max=2**31 - 1,
                                                   description="seed",
                                                   layout={"width": "130px"}, **short)
        self.x_axis = widgets.Dropdown(description="x", options=[("feature 0", 0)],
                                       layout={"width": "330px"}, **short)
        self.y_axis = widgets.Dropdown(description="y", options=[("feature 0", 0)],
                                       layout={"width": "330px"}, **short)
        self.iteration = widgets.IntSlider(0, 0, 0, description="step",
                                           layout={"width": "420px"})
        self.play = widgets.Play(interval=300, description="play")
        widgets.jslink((self.play, "value"), (self.iteration, "value"))
        self.readout = widgets.HTML(layout={"min_height": "84px"})
        self.message = widgets.HTML()

    def _build_layout(self):
        rows = [[self.data, self.n_components, self.covariance_type],
                [self.weight_concentration_prior_type, self.weight_concentration_prior,
                 self.random_state],
                [self.x_axis, self.y_axis],
                [self.play, self.iteration]]
        boxes = [widgets.HBox(row) for row in rows]
        return widgets.VBox([*boxes, self.readout, self.message, self._view])

    # -- the work --------------------------------------------------------------
    def _run_vb(self, X):
        """Every record of the variational run for the current controls.

        Kept per setting (:data:`RUNS_KEPT`): a setting seen before gets its
        records back, with the warnings its run gave, instead of a new run.
        """
        key = tuple(getattr(self, name).value for name in STRUCTURAL)
        if key not in self._runs:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                self._runs[key] = (self._new_run(X), caught)
            while len(self._runs) > RUNS_KEPT:
                del self._runs[next(iter(self._runs))]  # the oldest
        trajectory, caught = self._runs[key]
        for w in caught:  # to the caller's record, as a new run would
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        return trajectory

    def _start(self, X):
        """The k-means start for the data, K_max and seed (the prior plays no part)."""
        K, seed = self.n_components.value, self.random_state.value
        key = (self.data.value, K, seed)
        if key not in self._starts:
            self._starts = {key: initial_resp(X, K, "kmeans", check_random_state(seed))}
        return self._starts[key]

    def _new_run(self, X):
        self.n_vb_runs += 1  # counts attempts, failed ones included
        K = self.n_components.value
        if K > len(X):
            raise ValueError(f"K_max={K} is more components than the {len(X)} "
                             "points; lower K_max.")
        resp = self._start(X)
        return list(vb_steps(
            X, resp, covariance_type=self.covariance_type.value,
            weight_concentration_prior_type=self.weight_concentration_prior_type.value,
            weight_concentration_prior=self.weight_concentration_prior.value,
            tol=self.tol, max_iter=self.max_iter))

    def _recompute(self):
        """Run variational inference and draw it; on failure, say why."""
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                X = self._load(self.data.value)
                trajectory = self._run_vb(X)
        except (ValueError, np.linalg.LinAlgError) as error:
            return self._fail(str(error))
        except Exception as error:  # a bug: still no traceback in the widget
            return self._fail(f"Unexpected {type(error).__name__}: {error}")
        self.X, self.trajectory = X, trajectory
        self._note(caught)
        with self._silenced():
            self._sync_axis_choices(X.shape[1])
            self.iteration.max = self.play.max = len(trajectory) - 1
            self.iteration.value = len(trajectory) - 1
        if self._frame == self._frame_key():  # the prior, covariance or seed
            self._show_run(new_layout=False)
        else:
            self._draw_trajectory(new_layout=True)

    def _frame_key(self):
        # what the data and weights panels show besides the run: same key,
        # same limits, ticks and labels, so their artists can be moved
        return (self.data.value, self.n_components.value, self.dims)

    def _draw_trajectory(self, new_layout):
        """New artists for a new run or a new pair of axes, then the step."""
        self._remove_step_artists()
        self.artists = plotting.plot_step(self.ax_data, self.X, self.step, self.dims)
        self.bars, self.threshold_line = plotting.plot_expected_weights(
            self.ax_weights, self.step.params.weights)
        self._animated(self._step_artists())
        plotting.set_data_limits(self.ax_data, self.X, self.dims)
        self.ax_data.set(xlabel=self.x_axis.label, ylabel=self.y_axis.label)
        self._frame = self._frame_key()
        self._show_run(new_layout)

    def _show_run(self, new_layout):
        """The run's ELBO curve and its step on screen, in the artists there.

        The ELBO's scale and tick labels change with the run. The axes are
        placed for the room those labels may take (:meth:`_lay_out`), so they
        are placed anew only when that room changes; else only the ELBO
        panel is redrawn, as the other panels are as they were.
        """
        iterations, values = plotting.elbo_curve(self.trajectory)
        self.elbo_line.set_data(iterations, values)
        plotting.update_log_likelihood_marker(self.elbo_marker, self.elbo_line, None)
        self.elbo_note = plotting.fit_log_likelihood_view(self.ax_elbo, self.elbo_line,
                                                          self.elbo_note)
        self._move_to(self.iteration.value)
        if new_layout or _label_room(self.ax_elbo) != self._laid_out:
            self._lay_out()
            return self._redraw()
        self._redraw_region(self.ax_elbo, self._elbo_region)

    def _lay_out(self):
        """Place the axes around the room the ELBO's tick labels may take.

        The layout sees, at both ends of each ELBO axis, the widest of its
        tick labels with every digit written 0 (:func:`_label_room`): as much
        room as the labels take wherever the ticks fall, so runs whose labels
        have the same digits and signs leave every axes where it is, as a new
        explorer would place it too. It starts from the grid's own positions,
        as in a new figure: the layout is iterative (two passes), and from
        the last one's result it can land a fraction of a pixel away.
        """
        room = _label_room(self.ax_elbo)
        for ax in self.fig.axes:
            ax._set_position(ax.get_subplotspec().get_position(self.fig))
        with _template_labels(self.ax_elbo, room):
            super()._lay_out()
            self._elbo_region = self._region()
        self._laid_out = room

    def _region(self):
        """The ELBO panel's column of pixels, none of the weights panel in it.

        Its left edge lies halfway between the two panels' labels; None (a
        full redraw each time) if they are closer than a few pixels.
        """
        renderer = self.fig._get_renderer()
        weights = self.ax_weights.get_tightbbox(renderer).x1
        elbo = self.ax_elbo.get_tightbbox(renderer).x0
        if elbo - weights < 6:
            return None
        left = np.floor((weights + elbo) / 2)
        return Bbox([[left, 0], [self.fig.bbox.x1, self.fig.bbox.y1]])

    def _step_artists(self):
        """What a scrub changes: points, ellipses, centres, bars, ELBO marker."""
        if self.artists is None:
            return [self.elbo_marker]
        return [self.artists["points"], *self.artists["ellipses"],
                self.artists["centres"], *self.bars, self.elbo_marker]

    def _remove_step_artists(self):
        # cheaper than ax.clear(), which rebuilds the axis and its ticks
        if self.artists is not None:
            for artist in self._step_artists()[:-1]:
                artist.remove()
            self.threshold_line.remove()

    def _move_to(self, index):
        step = self.trajectory[index]
        weights = step.params.weights
        plotting.steps._move_step(self.artists, self.X, step)
        plotting.fade_by_weight(self.artists, weights)
        plotting.update_expected_weights(self.bars, weights)
        # unchecked per frame: -1 (no ELBO yet) matches no iteration, hiding the marker
        plotting.curves._move_marker(self.elbo_marker, self.elbo_line,
                                     _last_elbo_iteration(step))
        self.readout.value = _describe(step, index, len(self.trajectory))



def _label_room(ax):
    """The widest tick label of each axis of ``ax``, its digits written 0.

    In matplotlib's fonts every digit is as wide as 0, so the labels of any
    run with the same pattern of digits, signs and points take this room. A
    scale written with an offset or a power of ten gives the labels
    themselves (the layout then sees them as they are).
    """
    room = []
    for axis in (ax.xaxis, ax.yaxis):
        labels = [label.get_text() for label in axis.get_ticklabels()]
        if axis.get_major_formatter().get_offset():
            return ("as drawn", ax.get_xlim(), ax.get_ylim(), tuple(labels))
        zeros = ["".join("0" if c.isdigit() else c for c in text) for text in labels]
        room.append(max(zeros, key=lambda text: (len(text), text), default=""))
    return tuple(room)


@contextlib.contextmanager
def _template_labels(ax, room):
    """Show the layout ``room``'s labels at both ends of each axis of ``ax``."""
    if room[0] == "as drawn":
        yield
        return
    axes = (ax.xaxis, ax.yaxis)
    kept = [(axis.get_major_locator(), axis.get_major_formatter(),
             axis.isDefault_majloc, axis.isDefault_majfmt) for axis in axes]
    limits = (ax.get_xlim(), ax.get_ylim(), ax.get_autoscalex_on(), ax.get_autoscaley_on())
    for axis, label in zip(axes, room):
        axis.set_major_locator(FixedLocator([0.0, 1.0]))
        axis.set_major_formatter(FixedFormatter([label, label]))
    ax.set(xlim=(0.0, 1.0), ylim=(0.0, 1.0))
    try:
        yield
    finally:
        ax.set(xlim=limits[0], ylim=limits[1])
        ax.set_autoscalex_on(limits[2])
        ax.set_autoscaley_on(limits[3])
        for axis, (locator, formatter, default_locator, default_formatter) in zip(axes, kept):
            axis.set_major_locator(locator)
            axis.set_major_formatter(formatter)
            axis.isDefault_majloc, axis.isDefault_majfmt = default_locator, default_formatter


def _last_elbo_iteration(step):
    # the ELBO is computed after each M-step: an E-step shows the one before it
    return step.iteration if step.kind == "M" else step.iteration - 1


def _describe(step, index, n_steps):
    """The HTML readout: which step, the ELBO and the active components."""
    weights = step.params.weights
    what = {"init": "<b>Start</b>: variational parameters from the k-means start",
            "E": f"<b>E-step</b> of iteration {step.iteration}: new responsibilities "
                 "from the expected parameters",
            "M": f"<b>M-step</b> of iteration {step.iteration}: new variational "
                 "distributions of the weights, means and covariances"}[step.kind]
    elbo = ("" if step.elbo is None else
            f"; ELBO (up to a constant) {plotting.minus_sign(f'{step.elbo:.4f}')}")
    done = " (converged)" if step.converged else ""
    active = plotting.n_active(weights)
    shown = ", ".join(f"{w:.2f}" for w in weights)
    return (f"step {index} of {n_steps - 1}. {what}{elbo}{done}.<br>"
            f"<b>{active} of {len(weights)}</b> components hold at least 1 % of the "
            f"weight. Expected weights: {shown}")


def _check_choices(prior, prior_type, covariance_type, random_state):
    """The explorer's controls' values, each refused in words (never clamped)."""
    check_real_between(prior, "weight_concentration_prior", 1e-3, 1e3,
                       " (the concentration slider's range)")
    check_choice(prior_type, "weight_concentration_prior_type", list(PRIOR_TYPES))
    check_choice(covariance_type, "covariance_type", list(COVARIANCE_TYPES))
    check_seed(random_state)
