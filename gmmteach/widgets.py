"""Interactive widgets: explore EM, fit a 1-D mixture by hand, inspect a point.

Each widget builds its figure once (inside ``plt.ioff()``), keeps its state
in its controls, and on every change updates the existing artists and calls
``fig.canvas.draw_idle()`` once; scrubbing the explorer's steps redraws only
the moving artists over a cached background (blitting), a fraction of the
cost of a full redraw. :class:`EMExplorer` runs EM only when a control that
changes the problem moves (data, K, covariance type, initialisation, seed,
reg_covar); the iteration slider only indexes the stored trajectory. Errors
(a collapsed component, K larger than the data) become a sentence inside the
widget, never a traceback.

Use ``%matplotlib widget`` (ipympl) in the notebook so the figure is live;
with another backend the figure is shown as an image (the canvas's pixels)
that is re-sent on every change.

Introduced in lessons/02_em_step_by_step.ipynb.
"""

import contextlib
import html
import io
import warnings

import IPython.display
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import PIL.Image
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.ticker import MaxNLocator

from . import plotting
from .covariance import COVARIANCE_TYPES
from .datasets import DATASETS, feature_names, make_1d_mixture
from .em import e_step, em_steps
from .init import INIT_METHODS, initial_params
from .mixture import GaussianMixture
from .params import make_params

__all__ = ["EMExplorer", "OneDimensionalMixture", "ResponsibilityInspector",
           "REG_COVAR_CHOICES"]

REG_COVAR_CHOICES = (0.0, 1e-6, 1e-4, 1e-3, 1e-2, 1e-1)
STRUCTURAL = ("data", "n_components", "covariance_type", "init_params",
              "random_state", "reg_covar")
OWN_DATA = "your data"


def _in_ipython():
    from IPython.core.interactiveshell import InteractiveShell
    return InteractiveShell.initialized()


class _FigureWidget:
    """What the widgets share: one figure, its view, one redraw per change."""

    def _make_figure(self, ncols, figsize, **kwargs):
        with plt.ioff():
            self.fig, axes = plt.subplots(1, ncols, figsize=figsize, **kwargs)
        self.n_draws, self._background, self._blits = 0, None, False
        canvas = self.fig.canvas
        if isinstance(canvas, widgets.DOMWidget):  # ipympl: a live canvas
            canvas.header_visible = False
            self._view = canvas
        else:  # any other backend: an image re-sent into an Output
            self._view = widgets.Output()
        return axes

    def _lay_out(self):
        """Place the axes around their labels once, not at every redraw.

        A constrained layout measures every text at each draw, which doubles
        the cost of a redraw; the limits and labels stay put while a slider
        moves, so the layout is computed when they change, here.
        """
        ConstrainedLayoutEngine().execute(self.fig)

    def _redraw(self):
        self.n_draws += 1
        self._background = None  # limits or lines may have changed: draw all
        self.fig.canvas.draw_idle()
        self._show_image()

    def _show_image(self):
        """Without a live canvas, replace the image in the Output view.

        An Agg canvas holds the pixels just drawn (blitted ones included):
        they are sent as they are; other canvases draw the figure anew.
        """
        if isinstance(self._view, widgets.Output) and _in_ipython():
            canvas = self.fig.canvas
            image = (_png(canvas.buffer_rgba()) if hasattr(canvas, "buffer_rgba")
                     else self.fig)
            self._view.outputs = ()  # works from callbacks, outside a cell
            self._view.append_display_data(image)

    # -- blitting: redraw only what moves ------------------------------------
    def _blit(self, moving):
        """Let :meth:`_redraw_moving` draw only the artists ``moving()`` returns.

        Most of a full redraw is axes, ticks and labels that a scrub does not
        change. A full draw leaves the moving artists out; that image is kept
        as the background, and each scrub pastes it back and draws just the
        moving artists on top (matplotlib's blitting). This needs a canvas
        that can copy its pixels (Agg and ipympl can); others redraw in full.
        ``fig.savefig`` still draws the animated artists.
        """
        self._moving = moving
        self._blits = hasattr(self.fig.canvas, "copy_from_bbox")
        if self._blits:
            self.fig.canvas.mpl_connect("draw_event", self._keep_background)

    def _animated(self, artists):
        for artist in artists:
            artist.set_animated(self._blits)

    def _keep_background(self, event):
        if self.fig.canvas.is_saving():  # a file, not the screen: draw anew next
            self._background = None
            return
        self._background = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        self._draw_moving()

    def _draw_moving(self):
        for artist in self._moving():
            self.fig.draw_artist(artist)

    def _redraw_moving(self):
        """One redraw of the moving artists only, or of everything if needed."""
        if self._background is None:
            return self._redraw()
        self.n_draws += 1
        canvas = self.fig.canvas
        canvas.restore_region(self._background)
        self._draw_moving()
        canvas.blit(self.fig.bbox)
        self._show_image()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def close(self):
        """Close the figure and the widgets (frees their memory)."""
        plt.close(self.fig)
        _close_tree(self.widget)


def _png(rgba):
    """PNG bytes of an (height, width, 4) image, for IPython's display."""
    buffer = io.BytesIO()
    PIL.Image.fromarray(np.asarray(rgba)).save(buffer, format="png")
    return IPython.display.Image(buffer.getvalue())


def _check_names(feature_names, n_features):
    """One axis label per feature: the names given, or 'feature 0', ..."""
    if feature_names is None:
        return [f"feature {d}" for d in range(n_features)]
    if len(feature_names) != n_features:
        raise ValueError(f"feature_names has {len(feature_names)} names but X has "
                         f"{n_features} features; give one name per column of X.")
    return list(feature_names)


def _close_tree(widget):
    for child in getattr(widget, "children", ()):
        _close_tree(child)
    widget.close()


def _message_html(text, kind="error"):
    colour = {"error": "#D55E00", "note": "#0072B2"}[kind]
    return (f'<div style="color:{colour}; white-space:normal">'
            f"{html.escape(text)}</div>")


class EMExplorer(_FigureWidget):
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
        self._loaders = dict(DATASETS)
        if not isinstance(data, str):
            own = np.array(data, dtype=float)
            self._loaders[OWN_DATA] = lambda: own
            data = OWN_DATA
        self._cache, self._quiet = {}, False
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

    def _on_view(self, change):
        if not self._quiet and self.trajectory:
            self._draw_trajectory(new_layout=True)

    def _on_iteration(self, change):
        if not self._quiet and self.trajectory:
            self.show_step(change["new"])

    # -- the work --------------------------------------------------------------
    @property
    def dims(self):
        """The two features on the x and y axes."""
        return (self.x_axis.value, self.y_axis.value)

    @property
    def step(self):
        """The EMStep on screen."""
        return self.trajectory[self.iteration.value]

    def _load(self, name):
        if name not in self._cache:
            X = self._loaders[name]()
            if X.ndim != 2 or X.shape[1] < 2:
                raise ValueError(f"The explorer draws two features; {name!r} has "
                                 f"shape {X.shape}. Give an (n_samples, >=2) array.")
            self._cache[name] = X
        return self._cache[name]

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

    @contextlib.contextmanager
    def _silenced(self):
        """Change controls without their observers reacting."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _sync_axis_choices(self, n_features):
        names = feature_names(self.data.value, n_features)
        if list(self.x_axis.options) == list(zip(names, range(n_features))):
            return
        same_width = len(self.x_axis.options) == n_features
        x, y = (self.x_axis.value, self.y_axis.value) if same_width else (0, 1)
        options = list(zip(names, range(n_features)))
        self.x_axis.options, self.y_axis.options = options, options
        self.x_axis.value, self.y_axis.value = x, y

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


def _few_ticks(*axes):
    # tick labels are most of a redraw's cost; five per axis are enough here
    for ax in axes:
        ax.xaxis.set_major_locator(MaxNLocator(5, integer=ax is axes[-1]))
        ax.yaxis.set_major_locator(MaxNLocator(5))


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


class OneDimensionalMixture(_FigureWidget):
    """Fit a 1-D mixture by hand with sliders, and try to beat EM.

    Parameters
    ----------
    X : array-like of shape (n_samples,) or (n_samples, 1), optional
        Defaults to :func:`gmmteach.datasets.make_1d_mixture`.
    n_components : {1, 2, 3}, default=2
    bins : int, default=30

    Attributes
    ----------
    weights, means, stds : list of ipywidgets.FloatSlider
        One slider per component; weights are divided by their sum.
    em_log_likelihood : float
        Total log-likelihood EM reaches on X (the score to beat).

    Introduced in lessons/01_gaussians_and_mixtures.ipynb.
    """

    def __init__(self, X=None, n_components=2, bins=30):
        x = make_1d_mixture()[0] if X is None else np.asarray(X, dtype=float)
        if x.ndim > 2 or (x.ndim == 2 and x.shape[1] != 1) or x.size < 2:
            raise ValueError(f"X must be 1-D data, shape (n_samples,) or "
                             f"(n_samples, 1), got shape {x.shape}.")
        if n_components not in (1, 2, 3):
            raise ValueError(f"n_components must be 1, 2 or 3, got {n_components!r}.")
        self.x = x.reshape(-1, 1)
        model = GaussianMixture(n_components, random_state=0).fit(self.x)
        self.em_log_likelihood = model.score(self.x) * len(self.x)
        self._build_sliders(n_components)
        self.ax = self._make_figure(1, (7, 3.6))
        self.artists = plotting.plot_mixture_1d(self.ax, self.x, *self.parameters(),
                                                bins=bins)
        self.ax.legend(loc="upper right")
        self._lay_out()
        self.readout = widgets.HTML()
        self.widget = widgets.VBox([self._slider_grid(), self.readout, self._view])
        for slider in self.weights + self.means + self.stds:
            slider.observe(self._on_change, names="value")
        self._on_change(None)

    def _build_sliders(self, n_components):
        x = self.x.ravel()
        low, high, spread = x.min(), x.max(), x.std()
        starts = np.quantile(x, (np.arange(n_components) + 0.5) / n_components)
        slider = dict(continuous_update=True, readout_format=".2f")
        self.weights = [widgets.FloatSlider(1 / n_components, min=0.01, max=1,
                                            step=0.01, description=f"weight {k}",
                                            **slider)
                        for k in range(n_components)]
        self.means = [widgets.FloatSlider(m, min=low, max=high, step=(high - low) / 200,
                                          description=f"mean {k}", **slider)
                      for k, m in enumerate(starts)]
        self.stds = [widgets.FloatSlider(spread / n_components, min=spread / 50,
                                         max=2 * spread, step=spread / 100,
                                         description=f"std {k}", **slider)
                     for k in range(n_components)]

    def _slider_grid(self):
        columns = [widgets.VBox([w, m, s])
                   for w, m, s in zip(self.weights, self.means, self.stds)]
        return widgets.HBox(columns)

    def parameters(self):
        """(weights, means, variances) of the sliders, weights summing to one."""
        weights = np.array([w.value for w in self.weights])
        means = np.array([m.value for m in self.means])
        variances = np.array([s.value for s in self.stds]) ** 2
        return weights / weights.sum(), means, variances

    @property
    def log_likelihood(self):
        """Total log-likelihood ``sum_n log p(x_n)`` of the data under the sliders."""
        weights, means, variances = self.parameters()
        params = make_params(weights, means[:, np.newaxis], "spherical",
                             covariances=variances)
        return float(e_step(self.x, params)[1].sum())

    def _on_change(self, change):
        plotting.update_mixture_1d(self.artists, *self.parameters())
        ll, target = self.log_likelihood, self.em_log_likelihood
        verdict = ("You matched EM!" if ll >= target - 0.05 else
                   f"{target - ll:.1f} below EM: keep trying.")
        self.readout.value = (f"total log-likelihood <b>{ll:.2f}</b>; EM reaches "
                              f"{target:.2f}. {verdict}")
        self._redraw()


class ResponsibilityInspector(_FigureWidget):
    """Click a point to see its responsibilities as a bar chart.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    params : GMMParams
        E.g. a fitted model's ``params_`` or ``step.params`` of a trajectory.
    dims : pair of int, default=(0, 1)
    feature_names : sequence of str, optional
        Axis labels, one per feature; 'feature 0', ... if not given.

    Attributes
    ----------
    resp : ndarray of shape (n_samples, n_components)
        ``p(component k | x_n)`` under ``params``.
    selected : int or None
        The point shown in the bar chart.

    Introduced in lessons/02_em_step_by_step.ipynb.
    """

    def __init__(self, X, params, dims=(0, 1), feature_names=None):
        self.X = np.asarray(X, dtype=float)
        self.params, self.dims, self.selected = params, tuple(dims), None
        self.feature_names = _check_names(feature_names, self.X.shape[1])
        self.resp = np.exp(e_step(self.X, params)[0])
        self.ax_data, self.ax_bars = self._make_figure(2, (9, 4), width_ratios=[3, 2])
        self._draw()
        self._lay_out()
        self.readout = widgets.HTML("Click a point, or call "
                                    "<code>inspect(index)</code>.")
        self.widget = widgets.VBox([self.readout, self._view])
        self.fig.canvas.mpl_connect("button_press_event", self._on_click)

    def _draw(self):
        p, K = self.params, self.params.n_components
        plotting.plot_responsibilities(self.ax_data, self.X, self.resp, dims=self.dims)
        plotting.plot_ellipses(self.ax_data, p.means, p.covariances, p.covariance_type,
                               n_std=(1, 2), dims=self.dims)
        plotting.set_data_limits(self.ax_data, self.X, self.dims)
        self.ax_data.set(xlabel=self.feature_names[self.dims[0]],
                         ylabel=self.feature_names[self.dims[1]])
        self.highlight = self.ax_data.scatter([], [], s=160, facecolors="none",
                                              edgecolors="black", linewidths=2)
        self.bars = self.ax_bars.bar(np.arange(K), np.zeros(K),
                                     color=plotting.component_colors(K))
        self.ax_bars.set(ylim=(0, 1), xticks=np.arange(K), xlabel="component k",
                         ylabel="responsibility $r_{nk}$")

    def _on_click(self, event):
        if event.inaxes is not self.ax_data:
            return
        # nearest in screen pixels, so the two axes' scales count alike
        pixels = self.ax_data.transData.transform(self.X[:, list(self.dims)])
        self.inspect(int(np.argmin(np.hypot(pixels[:, 0] - event.x,
                                            pixels[:, 1] - event.y))))

    def inspect(self, index):
        """Show point ``index``'s responsibilities; what a click does."""
        if not 0 <= index < len(self.X):
            raise ValueError(f"index must be between 0 and {len(self.X) - 1}, "
                             f"got {index}.")
        self.selected = index
        for bar, r in zip(self.bars, self.resp[index]):
            bar.set_height(r)
        self.highlight.set_offsets(self.X[index, list(self.dims)][np.newaxis])
        shares = ", ".join(f"{r:.3f}" for r in self.resp[index])
        self.readout.value = f"point {index}: responsibilities {shares}"
        self._redraw()
