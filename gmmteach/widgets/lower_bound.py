"""``LowerBoundExplorer``: PRML Fig. 9.14 live, the bound EM climbs, step by step.

Part of :mod:`gmmteach.widgets`.
"""

import ipywidgets as widgets
import numpy as np

from .. import bound, plotting
from ..datasets import make_1d_mixture
from ..em import em_steps
from ..init import initial_params
from .._checks import check_int, check_real, check_X
from ._arguments import check_int_between, check_seed, check_step_index
from ._figure import _few_ticks, _FigureWidget, _message_html

N_GRID = 300


class LowerBoundExplorer(_FigureWidget):
    """Step EM on 1-D data and watch the lower bound touch, then climb.

    The left panel is PRML's Fig. 9.14 along one parameter, the mean of one
    component: the log-likelihood ``ln p(X | θ)`` (black) and the lower
    bound ``L(q, θ)`` (blue) for the current responsibilities q, both as
    that mean moves with the rest of θ fixed. After an **E-step** the bound
    touches the curve at the current mean (the KL gap is 0); after the
    **M-step** the mean sits at the bound's maximum, where the log-likelihood
    is higher still (above the dotted level of the previous θ). The right
    panel shows the data and the mixture of the step on screen. The whole run
    shares one scale, on which late steps are tiny: tick **zoom in on θ** to
    frame the step on screen alone, where the KL gap shows.

    Parameters
    ----------
    X : array-like of shape (n_samples,) or (n_samples, 1), optional
        Defaults to :func:`gmmteach.datasets.make_1d_mixture`.
    n_components : int, default=2
    component : int, default=0
        Whose mean is on the x axis (the ``component`` dropdown).
    random_state : int, default=0
        Seed of the start (the ``seed`` box): the means start on data points
        drawn with it, the weights equal, every variance that of the data.
    reg_covar : float, default=0.0
        0 gives plain EM, whose likelihood can never fall.
    max_iter : int, default=30

    Attributes
    ----------
    trajectory : list of EMStep
        The run; ``trajectory[step.value]`` is on screen.
    frames : list of dict
        The curves of every step, computed once per run and component.
    n_em_runs, n_draws : int
    widget : ipywidgets.VBox

    Introduced in lessons/03_why_em_works.ipynb.
    """

    def __init__(self, X=None, n_components=2, component=0, random_state=0,
                 reg_covar=0.0, max_iter=30):
        self.X = _check_data(X)
        n_components = check_int_between(n_components, "n_components", 1, len(self.X),
                                         " (at most one per point)")
        check_int_between(component, "component", 0, n_components - 1,
                          f" (the components of n_components={n_components})")
        random_state = check_seed(random_state)
        self.n_components, self.max_iter = n_components, check_int(max_iter, "max_iter", 1)
        self.reg_covar = check_real(reg_covar, "reg_covar", minimum=0)
        span = np.ptp(self.X)
        self.grid = np.linspace(self.X.min() - 0.1 * span, self.X.max() + 0.1 * span,
                                N_GRID)
        self.n_em_runs, self.trajectory, self.frames, self._quiet = 0, [], [], False
        self._zoomed = {}  # (component, step index) -> frame on a grid around θ
        self._build_controls(component, random_state)
        self._build_figure()
        self.widget = widgets.VBox([
            widgets.HBox([self.component, self.random_state, self.zoom]),
            widgets.HBox([self.back, self.forward, self.step]),
            self.readout, self.message, self._view])
        self._recompute()
        self._observe()

    # -- building ------------------------------------------------------------
    def _build_controls(self, component, random_state):
        short = {"style": {"description_width": "initial"}}
        self.component = widgets.Dropdown(
            options=[(f"mean of component {k}", k) for k in range(self.n_components)],
            value=component, description="x axis", **short)
        self.random_state = widgets.BoundedIntText(random_state, min=0, max=2**31 - 1,
                                                   description="seed", **short)
        self.step = widgets.IntSlider(0, 0, 0, description="step",
                                      layout={"width": "420px"})
        self.back = widgets.Button(description="◀ back", layout={"width": "90px"})
        self.forward = widgets.Button(description="next step ▶",
                                      layout={"width": "110px"})
        self.zoom = widgets.Checkbox(False, description="zoom in on θ", indent=False)
        self.readout = widgets.HTML(layout={"min_height": "66px"})
        self.message = widgets.HTML()

    def _build_figure(self):
        self.ax_bound, self.ax_data = self._make_figure(2, (9.2, 4.2),
                                                        width_ratios=[3, 2])
        self.bound_artists = plotting.bound._bound_profile_artists(self.ax_bound)
        self.ax_bound.legend(loc="upper center", fontsize="small", ncols=2)
        ones = np.ones(self.n_components)
        self.mixture_artists = plotting.plot_mixture_1d(
            self.ax_data, self.X, ones / self.n_components, ones, ones)
        self.ax_data.legend(loc="upper left", fontsize="x-small")
        self.ax_data.set_title("data and mixture at this step")
        self._blit(self._moving_artists)
        self._animated(self._moving_artists())
        _few_ticks(self.ax_bound, self.ax_data)

    def _moving_artists(self):
        return [*self.bound_artists.values(), *self.mixture_artists["components"],
                self.mixture_artists["total"]]

    def _observe(self):
        self.random_state.observe(self._on_structure, names="value")
        self.component.observe(self._on_component, names="value")
        self.zoom.observe(lambda change: self._draw_run(), names="value")
        self.step.observe(self._on_step, names="value")
        self.back.on_click(lambda _: self._nudge(-1))
        self.forward.on_click(lambda _: self._nudge(+1))

    # -- reacting to controls ------------------------------------------------
    def _on_structure(self, change):
        self._recompute()

    def _on_step(self, change):
        if not self._quiet:
            self.show_step(change["new"])

    def _on_component(self, change):
        self.frames = self._frames()
        self._draw_run()

    def _nudge(self, by):
        self.step.value = int(np.clip(self.step.value + by, 0, self.step.max))

    # -- the work --------------------------------------------------------------
    def _start(self):
        """Equal weights, the data's variance, means on data points drawn by the seed."""
        rng = np.random.RandomState(self.random_state.value)
        means = np.sort(rng.choice(self.X.ravel(), self.n_components, replace=False))
        precision = 1.0 / self.X.var()
        return initial_params(
            self.X, self.n_components, "spherical",
            weights_init=np.full(self.n_components, 1.0 / self.n_components),
            means_init=means[:, np.newaxis],
            precisions_init=np.full(self.n_components, precision))[0]

    def _recompute(self):
        """Run EM once for the current seed, then show its first E-step."""
        self.n_em_runs += 1
        try:
            trajectory = list(em_steps(self.X, self._start(), covariance_type="spherical",
                                       reg_covar=self.reg_covar, max_iter=self.max_iter))
        except (ValueError, np.linalg.LinAlgError) as error:
            kept = " The figure still shows the previous run." if self.trajectory else ""
            self.message.value = _message_html(
                f"EM could not run from this start: {error} Or try another seed.{kept}")
            return
        self.message.value = ""
        self.trajectory, self._zoomed = trajectory, {}
        self.frames = self._frames()
        self._quiet = True  # the new run is drawn once, below
        self.step.max = len(trajectory) - 1
        self.step.value = min(1, self.step.max)  # its first E-step: the bound touches
        self._quiet = False
        self._draw_run()

    def _frames(self):
        """The curves of every step, for the component on the x axis."""
        return [_frame(self.X, step, previous, self.component.value, self.grid)
                for step, previous in zip(self.trajectory, [None, *self.trajectory])]

    def _zoomed_frame(self, index):
        """The curves of one step on a grid around θ, computed once."""
        key = (self.component.value, index)
        if key not in self._zoomed:
            c, step = self.component.value, self.trajectory[index]
            previous = self.trajectory[index - 1] if index else None
            grid = _zoom_grid(self.X, step.params, c)
            self._zoomed[key] = _frame(self.X, step, previous, c, grid)
        return self._zoomed[key]

    def _frame_on_screen(self, index):
        return self._zoomed_frame(index) if self.zoom.value else self.frames[index]

    def _draw_run(self):
        """Limits for the whole run (so steps compare), then the step on screen."""
        if not self.zoom.value:  # zoomed, each step sets its own limits
            self.ax_bound.set_ylim(*_ylim(self.frames))
            self.ax_bound.set_xlim(self.grid[0], self.grid[-1])
        k = self.component.value
        self.ax_bound.set(xlabel=f"μ{k}, the mean of component {k} (the rest of θ fixed)",
                          ylabel="total log-likelihood",
                          title="EM's lower bound (PRML Fig. 9.14)")
        top = max(frame["density_max"] for frame in self.frames)
        self.ax_data.set_ylim(0, 1.1 * max(top, self._hist_top()))
        self._move_to(self.step.value)  # zoomed: sets the limits, so before the layout
        self._lay_out()
        self._redraw()

    def _hist_top(self):
        return max(bar.get_height() for bar in self.mixture_artists["hist"])

    def _move_to(self, index):
        frame, step = self._frame_on_screen(index), self.trajectory[index]
        plotting.bound._move_bound_profile(self.bound_artists, frame["grid"],
                                      frame["log_likelihood"], frame["bound"],
                                      frame["at"], frame["previous"])
        if self.zoom.value:
            self.ax_bound.set_xlim(frame["grid"][0], frame["grid"][-1])
            self.ax_bound.set_ylim(*_ylim([frame], min_span=2.0))
        params = step.params
        plotting.update_mixture_1d(self.mixture_artists, params.weights,
                                   params.means.ravel(), params.covariances)
        self.readout.value = _describe(step, frame, index, len(self.trajectory))

    def show_step(self, index):
        """Move the artists to ``trajectory[index]`` and redraw them once."""
        if self.trajectory:
            self._move_to(check_step_index(index, len(self.trajectory)))
            if self.zoom.value:  # new limits: the axes change too
                self._redraw()
            else:
                self._redraw_moving()


def _frame(X, step, previous, component, grid):
    """What one step draws: both profiles, the values at θ, the previous level.

    On an E-step, q is the responsibilities just computed from θ (the bound
    touches); on an M-step, the same q with the new θ (the bound's top).
    """
    params, q = step.params, step.resp if step.kind != "init" else None
    theta = float(params.means[component, 0])
    frame = {"grid": grid,
             "log_likelihood": bound.log_likelihood_profile(X, params, component, grid),
             "bound": None, "previous": None, "kind": step.kind,
             "density_max": _density_max(params)}
    ll = bound.log_likelihood(X, params)
    frame["at"] = (theta, ll, None)
    if q is not None:
        frame["bound"] = bound.lower_bound_profile(X, params, q, component, grid)
        frame["at"] = (theta, ll, bound.lower_bound(X, params, q))
    if step.kind == "M":
        frame["previous"] = (float(previous.params.means[component, 0]),
                             bound.log_likelihood(X, previous.params))
    return frame


def _zoom_grid(X, params, component):
    """Means around mu_c where the bound falls by about 4.5: 3 standard errors each side.

    ``L`` is a parabola in mu_c with curvature ``N_c / sigma_c^2``, so it falls
    by ``N_c d^2 / (2 sigma_c^2) = 4.5`` at ``d = 3 sigma_c / sqrt(N_c)``.
    """
    theta = params.means[component, 0]
    n_c = max(len(X) * params.weights[component], 1.0)
    half = 3 * np.sqrt(params.covariances[component] / n_c)
    return np.linspace(theta - half, theta + half, N_GRID)


def _density_max(params):
    # the tallest a weighted component can be: pi_k / sqrt(2 pi sigma_k^2)
    return float(np.max(params.weights / np.sqrt(2 * np.pi * params.covariances)))


def _ylim(frames, min_span=1.0):
    """One y range for the whole run: every θ on screen, the curves' tops, some floor."""
    values = [v for f in frames for v in f["at"][1:] if v is not None]
    tops = [f["log_likelihood"].max() for f in frames]
    top, low = max(tops + values), min(values)
    span = max(top - low, min_span)
    return low - 0.5 * span, top + 0.35 * span  # room at the top for the legend


def _describe(step, frame, index, n_steps):
    """The HTML readout: which step, and ln p, L and KL at the current θ."""
    theta, ll, lb = frame["at"]
    what = {"init": "<b>Start</b>: no responsibilities yet, so no bound",
            "E": f"<b>E-step</b> of iteration {step.iteration}: q = the responsibilities "
                 "of the current θ, so the bound <b>touches</b> the curve",
            "M": f"<b>M-step</b> of iteration {step.iteration}: θ moves to the top of "
                 "the bound; the likelihood rises at least as much"}[step.kind]
    numbers = f"ln p(X | θ) = {plotting.minus_sign(f'{ll:.2f}')}"
    if lb is not None:
        numbers += (f", L(q, θ) = {plotting.minus_sign(f'{lb:.2f}')}, "
                    f"KL = {ll - lb:.2f}")
    if frame["previous"] is not None:
        before = plotting.minus_sign(f"{frame['previous'][1]:.2f}")
        numbers += f"; before this M-step ln p was {before}"
    return f"step {index} of {n_steps - 1}. {what}.<br>{numbers}."


def _check_data(X):
    """1-D data as a column, shape (n_samples, 1); the lesson's mixture if None."""
    if X is None:
        return make_1d_mixture()[0]
    x = np.asarray(X) if isinstance(X, (list, tuple)) else X
    if getattr(x, "ndim", 2) == 1:
        x = np.reshape(x, (-1, 1))
    x = check_X(x, min_samples=2)
    if x.shape[1] != 1:
        raise ValueError(f"X must be 1-D data, shape (n_samples,) or (n_samples, 1), "
                         f"got shape {x.shape}.")
    return x
