"""``EMExplorer``: watch EM fit a Gaussian mixture, one E- or M-step at a time.

Part of :mod:`gmmteach.widgets`.
"""

import dataclasses
import re
import warnings

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .. import plotting
from .._checks import check_nonnegative, check_positive_int, check_X
from ..animation import animate, log_likelihoods_after
from ..covariance import ALL_COVARIANCE_TYPES
from ..datasets import DATASETS, LABELS
from ..em import e_step, em_steps
from ..init import INIT_METHODS
from ..init import initial_params as initialise
from ..params import GMMParams
from ..plotting.colors import _point_colors
from ..plotting.curves import curve_iteration
from ._arguments import check_choice, check_int_between
from ._figure import STATIC_NOTE, _few_ticks, _png, _TrajectoryWidget
from .drawing import DRAWN, Drawing
from .truth import OWN_LABELS, TruthPanel, labels_start

REG_COVAR_CHOICES = (0.0, 1e-6, 1e-4, 1e-3, 1e-2, 1e-1)

STRUCTURAL = ("data", "n_components", "covariance_type", "init_params",
              "random_state", "reg_covar")

OWN_DATA = "your data"
OWN_START = "your start"  # the init choice of ``initial_params=``
MAX_COMPONENTS = 10  # the K slider's range is 1..10

# Memory: every step's (n_samples, K) responsibilities would be 763 MiB for
# N = 100,000, K = 10 and 100 iterations. The records keep parameters only;
# what a scrub shows, each point's colour, is stored per iteration as three
# bytes per point (0.3 MB per iteration at N = 100,000); a clicked point's
# responsibilities are recomputed from the parameters (one E-step, one row).

# Speed: drawing 100,000 markers at every scrub takes about half a second.
# Beyond DISPLAY_SAMPLE points the explorer draws a fixed random sample of
# them (the same rows at every step, the figure says how many); the
# ellipses, the log-likelihood and a clicked point's responsibilities still
# come from EM on all the data.
DISPLAY_SAMPLE = 2000
DISPLAY_SEED = 0

class EMExplorer(_TrajectoryWidget):
    """Watch EM fit a Gaussian mixture, one E- or M-step at a time.

    Parameters
    ----------
    data : str or ndarray of shape (n_samples, n_features), default='blobs'
        A name from :data:`gmmteach.datasets.DATASETS`, or your own array
        (at least two features).
    n_components : int, default=3
        Between 1 and 10 (the K slider's range).
    covariance_type : str, default='full'
        'full', 'tied', 'diag', 'spherical', or one of mclust's 14 models
        ('EII' ... 'VVV'), which the dropdown lists after sklearn's four.
    init_params : {'kmeans', 'k-means++', 'random', 'random_from_data'}
    random_state : int, default=0
    reg_covar : float, default=1e-6
    max_iter : int, default=100
    tol : float, default=1e-3
    initial_params : GMMParams, optional
        Start EM from these parameters (e.g. Bishop's poor start, built with
        :func:`gmmteach.make_params` or :func:`gmmteach.initial_params`). The
        init control then reads 'your start', and K and the covariance type
        are those of ``initial_params``.
    brush_size : int, default=1
        Points a click adds in draw mode (see :mod:`gmmteach.widgets.drawing`).

    The init control also offers 'your labels' when the data have known
    labels (the scenarios, Iris) or drawn colours: EM then starts from one
    M-step on those labels; and the agreement of each step with the labels
    is shown (adjusted Rand index, a confusion table on request).

    Attributes
    ----------
    X : ndarray of shape (n_samples, n_features)
        The data of the run shown: after drawing or :meth:`add_points`, the
        drawn points (once EM could run on them).
    trajectory : list of EMStep
        The run shown, ``trajectory[iteration.value]`` on screen. The records
        keep parameters only (``resp`` is None but at the start):
        :meth:`responsibilities` recomputes a step's, and :attr:`step` is the
        record on screen with them.
    log_likelihood_after : list of float or None
        Mean log-likelihood of the parameters after each step: an M-step's is
        that of its new parameters (the next E-step's value).
    selected : int or None
        The point clicked (or passed to :meth:`inspect`); its
        responsibilities at the step on screen are shown under the readout.
    drawing : Drawing
        Draw mode: its toggle, brush, colour, undo and clear controls.
    truth : TruthPanel
        The agreement with known labels at the step on screen.
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
    >>> explorer.inspect(0)             # as clicking point 0 does
    """

    STRUCTURAL = STRUCTURAL
    ALGORITHM = "EM"

    def __init__(self, data="blobs", n_components=3, covariance_type="full",
                 init_params="kmeans", random_state=0, reg_covar=1e-6, *,
                 max_iter=100, tol=1e-3, initial_params=None, brush_size=1):
        self._loaders, self._cache, self._quiet = dict(DATASETS), {}, False
        self._labels = {}
        data = self._add_data(data)
        self._start = _check_start(initial_params, self._load(data))
        if self._start is not None:
            n_components = self._start.n_components
            covariance_type, init_params = self._start.covariance_type, OWN_START
        self.max_iter, self.tol = _check_arguments(
            n_components, covariance_type, init_params, random_state, reg_covar,
            max_iter, tol, self._init_choices(data))
        self.n_em_runs, self.trajectory, self.X, self.artists = 0, [], None, None
        self.selected, self.log_likelihood_after = None, []
        self._build_controls(data, n_components, covariance_type, init_params,
                             random_state, reg_covar)
        self._build_figure()
        self.drawing, self.truth = Drawing(self, brush_size), TruthPanel()
        self.widget = self._build_layout()
        self._recompute()
        self._observe()
        self.pairs.on_click(self.show_pairs)

    # -- building ------------------------------------------------------------
    def _add_data(self, data):
        """The name of ``data``: a data set's, or OWN_DATA for an array."""
        if isinstance(data, str):
            return check_choice(data, "data", list(DATASETS))
        own = check_X(data, name="data").copy()
        if own.shape[1] < 2:
            raise ValueError(f"data has {own.shape[1]} feature but the explorer draws "
                             "two; pass an (n_samples, >=2) array, or use "
                             "OneDimensionalMixture for 1-D data.")
        self._loaders[OWN_DATA] = lambda: own
        return OWN_DATA

    def _init_choices(self, data):
        own = ((OWN_START,) if self._start is not None else ()) + (
            (OWN_LABELS,) if self._labels_of(data) is not None else ())
        return INIT_METHODS + own

    def _labels_of(self, name):
        """Known labels of data ``name`` (a scenario's, Iris's, drawn), or None."""
        if name == DRAWN:
            labels = self.drawing.labels
            return labels if labels is not None and (labels >= 0).any() else None
        if name in LABELS and name not in self._labels:
            self._labels[name] = LABELS[name]()
        return self._labels.get(name)

    def _feature_names(self, n_features):
        # a drawing keeps the names of the data it started from
        return self.drawing.feature_names(n_features) or super()._feature_names(
            n_features)

    def _static_html(self):
        """For a page without a kernel: the run as an animation, and a note.

        The frames are those of :func:`gmmteach.animate` (the README's GIF),
        stored in the page by matplotlib's ``to_jshtml``.
        """
        names = self._feature_names(self.X.shape[1])
        anim = animate(self.trajectory, self.X, dims=self.dims, interval=500,
                       figsize=(9, 4), feature_names=names)
        note = STATIC_NOTE.format(what="The explorer's run as an animation (press ▶).",
                                  name="EMExplorer")
        # matplotlib's player links an icon font from a CDN: the site uses its own
        player = re.sub(r'<link rel="stylesheet"[^>]*font-awesome[^>]*>', "",
                        anim.to_jshtml(fps=2))
        return f'<div class="gmmteach-static">{note}{player}</div>'

    @property
    def labels(self):
        """The known labels of the data chosen, or None (see :attr:`truth`)."""
        return self._labels_of(self.data.value)

    def add_points(self, points, labels=-1):
        """Add rows to the data, as clicks in draw mode do, and run EM again.

        Parameters
        ----------
        points : array-like of shape (n_new, 2) or (n_new, n_features)
            The x and y features shown, or whole rows.
        labels : int or array-like of shape (n_new,), default=-1
            Colours 0 .. 7 (labels for 'your labels'), -1 for none.
        """
        self.drawing.add(points, labels)

    def _build_controls(self, data, n_components, covariance_type, init_params,
                        random_state, reg_covar):
        short = {"style": {"description_width": "initial"}}
        self.data = widgets.Dropdown(options=list(self._loaders), value=data,
                                     description="data", **short)
        self.n_components = widgets.IntSlider(n_components, 1, MAX_COMPONENTS,
                                              description="K", continuous_update=False)
        self.covariance_type = widgets.Dropdown(options=ALL_COVARIANCE_TYPES,
                                                value=covariance_type,
                                                description="covariance", **short)
        self.init_params = widgets.Dropdown(options=self._init_choices(data),
                                            value=init_params, description="init",
                                            **short)
        self.random_state = widgets.BoundedIntText(random_state, min=0, max=2**31 - 1,
                                                   description="seed", **short)
        self.reg_covar = widgets.Dropdown(options=_reg_covar_options(reg_covar),
                                          value=float(reg_covar),
                                          description="reg_covar", **short)
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
        self.point_readout = widgets.HTML(layout={"min_height": "30px"})
        self.point_readout.add_class("gmm-point-readout")  # for the browser test
        self.message = widgets.HTML()
        # data with more than two features: every pair at the step on screen
        self.pairs = widgets.Button(description="pairs plot", disabled=True)
        self.pairs_view = widgets.Output()

    def _build_figure(self):
        self.ax_data, self.ax_curve = self._make_figure(
            2, (9.5, 4.2), width_ratios=[3, 2])
        self.ll_line, self.ll_marker = plotting.curves._plot_curve(self.ax_curve, [])
        self.ll_note, self.sample_note = None, None
        # a ring around the clicked point, moved (not redrawn) with the frame
        self.highlight = self.ax_data.scatter(
            np.empty(0), np.empty(0), s=220, facecolors="none", edgecolors="black",
            linewidths=2.5, zorder=4)
        self._blit(self._step_artists)
        self._animated([self.ll_marker, self.highlight])
        _few_ticks(self.ax_data, self.ax_curve)
        self.fig.canvas.mpl_connect("button_press_event", self._on_click)

    def _build_layout(self):
        rows = [[self.data, self.n_components, self.covariance_type],
                [self.init_params, self.random_state, self.reg_covar],
                [self.x_axis, self.y_axis, self.pairs],
                [self.play, self.iteration]]
        boxes = [widgets.HBox(row) for row in rows] + [self.drawing.widget]
        return widgets.VBox([*boxes, self.readout, self.truth.widget,
                             self.point_readout, self.message, self._view,
                             self.pairs_view])

    # -- reacting to controls ------------------------------------------------
    def _on_click(self, event):
        if event.inaxes is not self.ax_data or self.X is None or self.drawing.active:
            return
        # nearest point drawn, in screen pixels, so the two axes' scales count alike
        shown = self.X[self.shown]
        pixels = self.ax_data.transData.transform(shown[:, list(self.dims)])
        nearest = np.argmin(np.hypot(pixels[:, 0] - event.x, pixels[:, 1] - event.y))
        self.inspect(int(np.arange(len(self.X))[self.shown][nearest]))

    def _note_sample(self):
        """Say in the figure how many of the points are drawn (a sample or all)."""
        if self.sample_note is not None:
            self.sample_note.remove()
        n_shown, n = len(self.X[self.shown]), len(self.X)
        text = "" if n_shown == n else (
            f"{n_shown:,} of {n:,} points drawn (a fixed random sample); "
            "EM uses all")
        self.sample_note = self.ax_data.text(
            0.01, 0.99, text, transform=self.ax_data.transAxes, fontsize="small",
            va="top", ha="left", color="0.25")

    def show_pairs(self, _button=None):
        """Below the figure, a pairs plot (plotting.plot_pairs) of the step on screen."""
        names = [label for label, _ in self.x_axis.options]
        with plt.ioff():
            self.pairs_figure, _ = plotting.plot_pairs(self.X, self.step,
                                                       feature_names=names)
        self.pairs_figure.canvas.draw()  # a picture: a new grid per click, never redrawn
        self.pairs_view.outputs = ()
        self.pairs_view.append_display_data(_png(self.pairs_figure.canvas.buffer_rgba()))
        plt.close(self.pairs_figure)

    # -- the work --------------------------------------------------------------
    @property
    def step(self):
        """The EMStep on screen, with its responsibilities."""
        index = self.iteration.value
        return dataclasses.replace(self.trajectory[index],
                                   resp=self.responsibilities(index))

    def responsibilities(self, index=None):
        """Responsibilities shown at ``trajectory[index]`` (default: on screen).

        Returns
        -------
        ndarray of shape (n_samples, n_components), or None
            At an E- or M-step of iteration t, those of the E-step of t,
            recomputed from the parameters it used (one E-step); at the start,
            the initialisation's (None for ``initial_params``: nothing is
            assigned yet).
        """
        if index is not None:
            index = self._check_index(index)
        return self._resp_of(slice(None), index)

    def _resp_of(self, rows, index=None):
        """Responsibilities of ``X[rows]`` at ``trajectory[index]``."""
        step = self.trajectory[self.iteration.value if index is None else index]
        if step.kind == "init":
            return None if self._init_resp is None else self._init_resp[rows]
        # trajectory = [init, E1, M1, E2, M2, ...]: E-step t is at 2t - 1
        used = self.trajectory[2 * step.iteration - 1].params
        return np.exp(e_step(self.X[rows], used)[0])

    def _starting_point(self, X):
        """Initial parameters and the assignment they came from (or None)."""
        K, kind = self.n_components.value, self.covariance_type.value
        if self.init_params.value == OWN_START:
            return _own_start(self._start, X, K, kind), None
        if self.init_params.value == OWN_LABELS:
            return labels_start(X, self.labels, K, kind, self.reg_covar.value)
        return initialise(X, K, kind, init_params=self.init_params.value,
                          random_state=self.random_state.value,
                          reg_covar=self.reg_covar.value)

    def _run_em(self, X):
        """One EM run for the current controls: its records and point colours.

        The records drop their (n_samples, n_components) responsibilities as
        soon as they are made (the start keeps the initialisation's, which no
        E-step gives back); each iteration's point colours are kept, compact.
        """
        self.n_em_runs += 1  # counts attempts, failed ones included
        params, resp = self._starting_point(X)
        steps = em_steps(X, params, covariance_type=self.covariance_type.value,
                         reg_covar=self.reg_covar.value, tol=self.tol,
                         max_iter=self.max_iter, initial_resp=resp)
        start, shown = next(steps), display_rows(len(X))
        trajectory = [start]
        colours = [_compact_colours(_rows(start.resp, shown), len(X[shown]))]
        for step in steps:
            if step.kind == "E":
                colours.append(_compact_colours(step.resp[shown], len(X[shown]),
                                                from_e_step=True))
            trajectory.append(step.without_resp())
        return trajectory, colours

    def _recompute(self):
        """Run EM for the current controls and draw it; on failure, say why."""
        with self._silenced():  # 'your labels' only for data with labels
            self.init_params.options = self._init_choices(self.data.value)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                X = self._load(self.data.value)
                trajectory, colours = self._run_em(X)
                after = log_likelihoods_after(trajectory, X)
        except (ValueError, np.linalg.LinAlgError) as error:
            return self._fail(str(error))
        except Exception as error:  # a bug: still no traceback in the widget
            return self._fail(f"Unexpected {type(error).__name__}: {error}")
        new_data = X is not self.X
        if new_data:
            self.selected = None
        self.X, self.trajectory, self._colours = X, trajectory, colours
        self.shown = display_rows(len(X))
        self._init_resp, self.log_likelihood_after = trajectory[0].resp, after
        self._note(caught)
        with self._silenced():
            self._sync_axis_choices(X.shape[1])
            self.pairs.disabled = X.shape[1] < 3
            self.iteration.max = self.play.max = len(trajectory) - 1
            # the front end's jslink copies Play's value onto the slider when the
            # page renders, so both must say "last step" (else it opens at 0)
            self.iteration.value = self.play.value = len(trajectory) - 1
        self._draw_trajectory(new_layout=new_data)

    def _draw_trajectory(self, new_layout):
        """New artists for a new run or a new pair of axes, then the step.

        The layout is recomputed only for new data or axes: with the same
        data, the tick labels keep their width and the panels stay put.
        """
        self._remove_step_artists()
        # grey points at first; _move_to gives them the step's stored colours
        self.artists = plotting.plot_step(self.ax_data, self.X[self.shown],
                                          self.trajectory[0].without_resp(), self.dims)
        self._animated(self._step_artists())
        # all the data, and the fit's ellipses whole: the view it opens on
        plotting.set_data_limits(self.ax_data, self.X, self.dims,
                                 params=self.trajectory[-1].params)
        kept = self.drawing.keep_view()  # while drawing, the frame stays put
        self._note_sample()
        self.ax_data.set(xlabel=self.x_axis.label, ylabel=self.y_axis.label)
        iterations, values = plotting.log_likelihood_curve(self.trajectory)
        self.ll_line.set_data(iterations, values)
        # the marker still sits on the old run: hidden, it cannot stretch the axes
        plotting.update_log_likelihood_marker(self.ll_marker, self.ll_line, None)
        self.ll_note = plotting.fit_log_likelihood_view(self.ax_curve, self.ll_line,
                                                        self.ll_note)
        if new_layout and not kept:
            self._lay_out()
        self._move_to(self.iteration.value)
        self._redraw()

    def _step_artists(self):
        """What a scrub changes: points, ellipses, centres, the ring, the marker."""
        moving = [] if self.artists is None else [
            self.artists["points"], *self.artists["ellipses"], self.artists["centres"]]
        return [*moving, self.highlight, self.ll_marker]

    def _remove_step_artists(self):
        # cheaper than ax.clear(), which rebuilds the axis and its ticks
        if self.artists is not None:
            for artist in self._step_artists()[:-2]:
                artist.remove()

    def _move_to(self, index):
        step = self.trajectory[index]
        colours = self._colours[step.iteration] / 255.0
        plotting.steps._move_step(self.artists, self.X[self.shown], step, colours)
        plotting.update_log_likelihood_marker(self.ll_marker, self.ll_line,
                                              curve_iteration(step))
        self.readout.value = _describe(step, index, len(self.trajectory),
                                       self.log_likelihood_after[index],
                                       self.init_params.value)
        self.truth.update(self.labels, (self.n_em_runs, index),
                          lambda: self._resp_of(slice(None), index),
                          drawn=self.data.value == DRAWN)
        self._show_selection(index)

    def _show_selection(self, index):
        """The ring on the selected point and its responsibilities at a step."""
        if self.selected is None:
            self.highlight.set_offsets(np.empty((0, 2)))
            self.point_readout.value = ("Click a point to see its responsibilities "
                                        "at this step.")
            return
        self.highlight.set_offsets(self.X[self.selected, list(self.dims)][np.newaxis])
        resp = self._resp_of([self.selected], index)
        self.point_readout.value = _bars_html(self.selected,
                                              None if resp is None else resp[0])

    def inspect(self, index):
        """Select point ``index``: its responsibilities follow every step shown."""
        n = 0 if self.X is None else len(self.X)
        self.selected = check_int_between(index, "index", 0, n - 1,
                                          " (a row of the data)")
        self._show_selection(self.iteration.value)
        self._redraw_moving()


def display_rows(n_samples, size=DISPLAY_SAMPLE, seed=DISPLAY_SEED):
    """Which rows the scatter draws: all, or a fixed seeded sample of ``size``.

    Returns
    -------
    slice or ndarray of int
        ``slice(None)`` for ``n_samples <= size``, else ``size`` sorted row
        indices drawn without replacement (the same for the same ``n_samples``).
    """
    if n_samples <= size:
        return slice(None)
    return np.sort(np.random.default_rng(seed).choice(n_samples, size, replace=False))


def _rows(resp, rows):
    return None if resp is None else resp[rows]


def _check_arguments(n_components, covariance_type, init_params, random_state,
                     reg_covar, max_iter, tol, init_choices):
    """Each argument checked with a sentence naming it; (max_iter, tol) back."""
    check_int_between(n_components, "n_components", 1, MAX_COMPONENTS,
                      " (the K slider's range)")
    check_choice(covariance_type, "covariance_type", ALL_COVARIANCE_TYPES)
    check_choice(init_params, "init_params", init_choices)
    check_int_between(random_state, "random_state", 0, 2**31 - 1,
                      " (the seed box's range)")
    check_nonnegative(reg_covar, "reg_covar",
                      "use a small positive value such as 1e-6.")
    max_iter = check_positive_int(max_iter, "max_iter", minimum=1)
    tol = check_nonnegative(tol, "tol", "use 0 to run exactly max_iter iterations.")
    return max_iter, tol


def _check_start(params, X):
    """``initial_params`` if it can start EM on ``X`` (None passes)."""
    if params is None:
        return None
    if not isinstance(params, GMMParams):
        raise TypeError(
            "initial_params must be a GMMParams, e.g. gmmteach.make_params(weights, "
            "means, covariance_type, covariances=...) or a fitted model's params_; "
            f"got {type(params).__name__}.")
    check_int_between(params.n_components, "initial_params' number of components",
                      1, MAX_COMPONENTS, " (the K slider's range)")
    if params.n_features != X.shape[1]:
        raise ValueError(f"initial_params has means of {params.n_features} features "
                         f"but the data has {X.shape[1]}; give one mean per "
                         "component with one value per column of the data.")
    return params


def _own_start(start, X, n_components, covariance_type):
    """The given start, if the controls still describe it."""
    if (n_components, covariance_type) != (start.n_components, start.covariance_type):
        raise ValueError(
            f"the init 'your start' has K={start.n_components} and covariance "
            f"{start.covariance_type!r}; set K and covariance back to these, or "
            "choose another init to change them.")
    if X.shape[1] != start.n_features:
        raise ValueError(
            f"the init 'your start' has {start.n_features} features but this data "
            f"has {X.shape[1]}; choose another init for this data.")
    return start


def _compact_colours(resp, n_samples, from_e_step=False):
    """Each point's colour (see :func:`plotting.responsibility_colors`) as RGB bytes.

    Parameters
    ----------
    resp : ndarray of shape (n_samples, n_components) or None
    n_samples : int
    from_e_step : bool, default=False
        Rows sum to one (an E-step's), so the mix needs no grey for missing
        responsibility and no clipping: one (N, K) x (K, 3) product, a few
        times faster than the general colours, for every iteration of a run.

    Returns
    -------
    ndarray of shape (n_samples, 3), dtype uint8
        A quarter of the (n_samples, 4) floats; 1/255 steps are invisible.
    """
    if not from_e_step:
        rgba = _point_colors(resp, n_samples, None)
        return np.round(255 * rgba[:, :3]).astype(np.uint8)
    rgb = 255 * plotting.component_colors(resp.shape[1])[:, :3]
    return (resp @ rgb + 0.5).astype(np.uint8)  # rounded; within 0..255


def _reg_covar_options(reg_covar):
    values = sorted(set(REG_COVAR_CHOICES) | {float(reg_covar)})
    return [(f"{v:g}", v) for v in values]


def _describe(step, index, n_steps, after, init="kmeans"):
    """The HTML readout: which step, the log-likelihood and the weights."""
    weights = ", ".join(f"{w:.2f}" for w in step.params.weights)
    start = {OWN_START: "your initial_params", OWN_LABELS: "one M-step on your "
             "labels"}.get(init, "the initialisation")
    what = {"init": f"<b>Start</b>: parameters from {start}",
            "E": f"<b>E-step</b> of iteration {step.iteration}: new responsibilities "
                 "from the current parameters",
            "M": f"<b>M-step</b> of iteration {step.iteration}: new weights, means "
                 "and covariances from the responsibilities"}[step.kind]
    done = " (converged)" if step.converged else ""
    return (f"step {index} of {n_steps - 1}. {what}{done}.<br>"
            f"{_log_likelihood_text(step, after)}<br>weights: {weights}")


def _log_likelihood_text(step, after):
    """Mean log-likelihood per point; an M-step's after it, and before."""
    if after is None:
        return "mean log-likelihood: not computed yet"
    value = plotting.minus_sign(f"{after:.4f}")
    if step.kind != "M":
        return f"mean log-likelihood {value} per point"
    before = plotting.minus_sign(f"{step.log_likelihood:.4f}")
    return f"mean log-likelihood after this M-step: {value} (was {before})"


def _bars_html(index, resp):
    """Point ``index``'s responsibilities as one bar split by component."""
    if resp is None:
        return (f"point {index}: no responsibilities at the start; move to an "
                "E-step.")
    colours = plotting.component_colors(len(resp))
    segments = "".join(
        f'<div style="width:{100 * r:.2f}%; background:{_hex(c)}"></div>'
        for r, c in zip(resp, colours))
    shares = ", ".join(f"k={k}: {r:.3f}" for k, r in enumerate(resp))
    return (f'<div style="display:flex; align-items:center; gap:8px">'
            f"<span>point {index}</span>"
            f'<div class="gmm-resp-bar" style="display:flex; width:240px; height:14px;'
            f' border:1px solid #555">{segments}</div>'
            f'<span class="gmm-resp-values">responsibilities {shares}</span></div>')


def _hex(rgba):
    return "#" + "".join(f"{round(255 * v):02x}" for v in rgba[:3])
