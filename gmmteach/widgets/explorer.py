"""``EMExplorer``: watch EM fit a Gaussian mixture, one E- or M-step at a time.

Part of :mod:`gmmteach.widgets`.
"""

import warnings

import ipywidgets as widgets
import numpy as np

from .. import plotting
from ..covariance import COVARIANCE_TYPES
from ..em import em_steps
from ..init import INIT_METHODS, initial_params
from ._figure import _few_ticks, _message_html, _TrajectoryWidget

REG_COVAR_CHOICES = (0.0, 1e-6, 1e-4, 1e-3, 1e-2, 1e-1)

STRUCTURAL = ("data", "n_components", "covariance_type", "init_params",
              "random_state", "reg_covar")


class EMExplorer(_TrajectoryWidget):
    """Watch EM fit a Gaussian mixture, one E- or M-step at a time.

    Parameters
    ----------
    data : str or ndarray of shape (n_samples, n_features), default='blobs'
        A name from :data:`gmmteach.datasets.DATASETS`, or your own array
        (at least two features).
    n_components : int, default=3
    covariance_type : {'full', 'tied', 'diag', 'spherical'}, default='full'
    init_params : {'kmeans', 'k-means++', 'random', 'random_from_data'}
    random_state : int, default=0
    reg_covar : float, default=1e-6
    max_iter : int, default=100
    tol : float, default=1e-3

    Attributes
    ----------
    trajectory : list of EMStep
        The run shown; ``trajectory[iteration.value]`` is on screen.
    n_em_runs, n_draws : int
        How many times EM was run (failed runs included) and the figure was
        redrawn: what tests and benchmarks check.
    artists : dict
        From :func:`gmmteach.plotting.plot_step`.
    widget : ipywidgets.VBox
        What ``display(explorer)`` shows.

    Examples
    --------
    >>> explorer = EMExplorer("old faithful", n_components=2)
    >>> explorer                        # last line of a cell shows it
    >>> explorer.iteration.value = 4    # as dragging the slider does
    """

    def __init__(self, data="blobs", n_components=3, covariance_type="full",
                 init_params="kmeans", random_state=0, reg_covar=1e-6, *,
                 max_iter=100, tol=1e-3):
        data = self._set_up_data(data)
        self.max_iter, self.tol = max_iter, tol
        self.n_em_runs, self.trajectory, self.X, self.artists = 0, [], None, None
        self._build_controls(data, n_components, covariance_type, init_params,
                             random_state, reg_covar)
        self.ax_data, self.ax_curve = self._make_figure(
            2, (9.5, 4.2), width_ratios=[3, 2])
        self.ll_line, self.ll_marker = plotting.plot_log_likelihood(self.ax_curve, [])
        self.ll_note = None
        self._blit(self._step_artists)
        self._animated([self.ll_marker])
        _few_ticks(self.ax_data, self.ax_curve)
        self.widget = self._build_layout()
        self._recompute()
        self._observe()

    # -- building ------------------------------------------------------------
    def _build_controls(self, data, n_components, covariance_type, init_params,
                        random_state, reg_covar):
        short = {"style": {"description_width": "initial"}}
        self.data = widgets.Dropdown(options=list(self._loaders), value=data,
                                     description="data", **short)
        self.n_components = widgets.IntSlider(n_components, 1, 10, description="K",
                                              continuous_update=False)
        self.covariance_type = widgets.Dropdown(options=COVARIANCE_TYPES,
                                                value=covariance_type,
                                                description="covariance", **short)
        self.init_params = widgets.Dropdown(options=INIT_METHODS, value=init_params,
                                            description="init", **short)
        self.random_state = widgets.BoundedIntText(random_state, min=0, max=2**31 - 1,
                                                   description="seed", **short)
        self.reg_covar = widgets.Dropdown(options=_reg_covar_options(reg_covar),
                                          value=reg_covar, description="reg_covar",
                                          **short)
        # wide enough for "eruption duration (standardised)"
        self.x_axis = widgets.Dropdown(description="x", options=[("feature 0", 0)],
                                       layout={"width": "330px"}, **short)
        self.y_axis = widgets.Dropdown(description="y", options=[("feature 0", 0)],
                                       layout={"width": "330px"}, **short)
        self.iteration = widgets.IntSlider(0, 0, 0, description="step",
                                           layout={"width": "420px"})
        self.play = widgets.Play(interval=350, description="play EM")
        widgets.jslink((self.play, "value"), (self.iteration, "value"))
        # three lines kept free, so the figure does not jump while Play runs
        # through steps whose text wraps and steps whose text does not
        self.readout = widgets.HTML(layout={"min_height": "84px"})
        self.message = widgets.HTML()

    def _build_layout(self):
        rows = [[self.data, self.n_components, self.covariance_type],
                [self.init_params, self.random_state, self.reg_covar],
                [self.x_axis, self.y_axis],
                [self.play, self.iteration]]
        boxes = [widgets.HBox(row) for row in rows]
        return widgets.VBox([*boxes, self.readout, self.message, self._view])

    def _observe(self):
        for name in STRUCTURAL:
            getattr(self, name).observe(self._on_structure, names="value")
        self.x_axis.observe(self._on_view, names="value")
        self.y_axis.observe(self._on_view, names="value")
        self.iteration.observe(self._on_iteration, names="value")

    # -- reacting to controls ------------------------------------------------
    def _on_structure(self, change):
        if not self._quiet:
            self._recompute()

    # -- the work --------------------------------------------------------------
    def _run_em(self, X):
        """Every record of one EM run for the current controls."""
        self.n_em_runs += 1  # counts attempts, failed ones included
        params, resp = initial_params(
            X, self.n_components.value, self.covariance_type.value,
            init_params=self.init_params.value, random_state=self.random_state.value,
            reg_covar=self.reg_covar.value)
        return list(em_steps(
            X, params, covariance_type=self.covariance_type.value,
            reg_covar=self.reg_covar.value, tol=self.tol, max_iter=self.max_iter,
            initial_resp=resp))

    def _recompute(self):
        """Run EM for the current controls and draw it; on failure, say why."""
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                X = self._load(self.data.value)
                trajectory = self._run_em(X)
        except (ValueError, np.linalg.LinAlgError) as error:
            return self._fail(str(error))
        except Exception as error:  # a bug: still no traceback in the widget
            return self._fail(f"Unexpected {type(error).__name__}: {error}")
        new_data = X is not self.X
        self.X, self.trajectory = X, trajectory
        self._note(caught)
        with self._silenced():
            self._sync_axis_choices(X.shape[1])
            self.iteration.max = self.play.max = len(trajectory) - 1
            self.iteration.value = len(trajectory) - 1
        self._draw_trajectory(new_layout=new_data)

    def _note(self, caught_warnings):
        """Warnings of the run, and whether it stopped before converging."""
        notes = sorted({str(w.message) for w in caught_warnings
                        if issubclass(w.category, (UserWarning, RuntimeWarning))})
        if not self.trajectory[-1].converged:
            notes.append(f"EM stopped after max_iter={self.max_iter} iterations "
                         "before converging.")
        self.message.value = _message_html(" ".join(notes), "note") if notes else ""

    def _fail(self, reason):
        kept = "The figure still shows the previous run." if self.trajectory else ""
        self.message.value = _message_html(
            f"EM could not run with these settings: {reason} {kept}")

    def _draw_trajectory(self, new_layout):
        """New artists for a new run or a new pair of axes, then the step.

        The layout is recomputed only for new data or axes: with the same
        data, the tick labels keep their width and the panels stay put.
        """
        self._remove_step_artists()
        self.artists = plotting.plot_step(self.ax_data, self.X, self.step, self.dims)
        self._animated(self._step_artists())
        plotting.set_data_limits(self.ax_data, self.X, self.dims)
        self.ax_data.set(xlabel=self.x_axis.label, ylabel=self.y_axis.label)
        iterations, values = plotting.log_likelihood_curve(self.trajectory)
        self.ll_line.set_data(iterations, values)
        # the marker still sits on the old run: hidden, it cannot stretch the axes
        plotting.update_log_likelihood_marker(self.ll_marker, self.ll_line, None)
        self.ll_note = plotting.fit_log_likelihood_view(self.ax_curve, self.ll_line,
                                                        self.ll_note)
        if new_layout:
            self._lay_out()
        self._move_to(self.iteration.value)
        self._redraw()

    def _step_artists(self):
        """What a scrub changes: points, centres, ellipses and the curve's marker."""
        if self.artists is None:
            return [self.ll_marker]
        return [self.artists["points"], *self.artists["ellipses"],
                self.artists["centres"], self.ll_marker]

    def _remove_step_artists(self):
        # cheaper than ax.clear(), which rebuilds the axis and its ticks
        if self.artists is not None:
            for artist in self._step_artists()[:-1]:
                artist.remove()

    def _move_to(self, index):
        step = self.trajectory[index]
        plotting.update_step(self.artists, self.X, step)
        plotting.update_log_likelihood_marker(self.ll_marker, self.ll_line,
                                              step.iteration)
        self.readout.value = _describe(step, index, len(self.trajectory))

    def show_step(self, index):
        """Move the existing artists to ``trajectory[index]`` and redraw them once."""
        self._move_to(index)
        self._redraw_moving()


def _reg_covar_options(reg_covar):
    values = sorted(set(REG_COVAR_CHOICES) | {float(reg_covar)})
    return [(f"{v:g}", v) for v in values]


def _describe(step, index, n_steps):
    """The HTML readout: which step, the log-likelihood and the weights."""
    weights = ", ".join(f"{w:.2f}" for w in step.params.weights)
    what = {"init": "<b>Start</b>: parameters from the initialisation",
            "E": f"<b>E-step</b> of iteration {step.iteration}: new responsibilities "
                 "from the current parameters",
            "M": f"<b>M-step</b> of iteration {step.iteration}: new weights, means "
                 "and covariances from the responsibilities"}[step.kind]
    ll = ("" if step.log_likelihood is None else "; mean log-likelihood "
          f"{plotting.minus_sign(f'{step.log_likelihood:.4f}')} per point")
    done = " (converged)" if step.converged else ""
    return (f"step {index} of {n_steps - 1}. {what}{ll}{done}.<br>"
            f"weights: {weights}")
