"""``ConvergenceExplorer``: how fast EM converges, as two clusters overlap.

Part of :mod:`gmmteach.widgets`.
"""

import ipywidgets as widgets
import numpy as np

from .. import convergence, plotting
from ..datasets import make_1d_mixture
from ..em import em_steps
from ..params import make_params
from ..datasets import MAX_SAMPLES
from ._arguments import check_choice, check_int_between, check_real_between, check_seed
from ._figure import _few_ticks, _FigureWidget, _message_html

EDGES = np.linspace(-7.0, 7.0, 57)  # one set of bins for every separation
GRID = np.linspace(-7.0, 7.0, 400)
STARTS = {"spread": "means at the data's quartiles",
          "symmetric": "nearly symmetric: means 0.1 standard deviation apart"}


def two_clusters(separation, n_samples=400, random_state=0):
    """Two equal unit-variance clusters ``separation`` apart, shape (n_samples, 1).

    The same seed gives the same labels and noise for every separation, so
    moving the slider slides the clusters apart without redrawing the points.
    """
    half = separation / 2.0
    return make_1d_mixture(n_samples, weights=(0.5, 0.5), means=(-half, half),
                           stds=(1.0, 1.0), random_state=random_state)[0]


def start_params(X, start):
    """Equal weights, the data's variance, and the means ``start`` names."""
    centre, spread = X.mean(), X.std()
    means = (np.percentile(X, [25, 75]) if start == "spread"
             else centre + np.array([-0.05, 0.05]) * spread)
    return make_params([0.5, 0.5], means[:, np.newaxis], "spherical",
                       covariances=np.full(2, X.var()))


class ConvergenceExplorer(_FigureWidget):
    """Slide two clusters apart and watch EM's rate of convergence change.

    Left: the data and the mixture EM converged to. Right: the gap between
    the log-likelihood and its optimum, per iteration, on a log scale (a
    straight line: linear convergence), with the line the EM map's Jacobian
    predicts (dashed). The readout prints the measured rate ρ and the
    Jacobian's largest eigenvalue λ (ρ ≈ λ²). EM runs once per change of
    the **separation** or the **start**.

    Parameters
    ----------
    separation : float, default=4.0
        Distance between the two cluster centres, in standard deviations.
    start : {'spread', 'symmetric'}, default='spread'
    n_samples : int, default=400
    random_state : int, default=0
    max_iter : int, default=2000

    Attributes
    ----------
    X : ndarray of shape (n_samples, 1)
    log_likelihoods : ndarray of shape (n_iter,)
        Total log-likelihood of each iteration's E-step.
    rate, eigenvalue : float
        The measured ρ and the Jacobian's λ.
    n_em_runs, n_draws : int
    widget : ipywidgets.VBox

    Introduced in lessons/03_why_em_works.ipynb.
    """

    def __init__(self, separation=4.0, start="spread", n_samples=400, random_state=0,
                 max_iter=2000):
        check_choice(start, "start", list(STARTS))
        separation = check_real_between(separation, "separation", 1.5, 6.0,
                                        " (the separation slider's range)")
        n_samples = check_int_between(n_samples, "n_samples", 4, MAX_SAMPLES)
        random_state = check_seed(random_state)
        max_iter = check_int_between(max_iter, "max_iter", 1, 10**6)
        self.n_samples, self.random_state, self.max_iter = n_samples, random_state, max_iter
        self.n_em_runs, self.rate, self.eigenvalue = 0, np.nan, np.nan
        self.separation = widgets.FloatSlider(separation, min=1.5, max=6.0, step=0.25,
                                              description="separation",
                                              layout={"width": "360px"})
        self.start = widgets.Dropdown(options=[(text, key) for key, text in STARTS.items()],
                                      value=start, description="start",
                                      layout={"width": "420px"})
        self.readout = widgets.HTML(layout={"min_height": "66px"})
        self.message = widgets.HTML()
        self._build_figure()
        self.widget = widgets.VBox([widgets.HBox([self.separation, self.start]),
                                    self.readout, self.message, self._view])
        self._recompute()
        self.separation.observe(lambda change: self._recompute(), names="value")
        self.start.observe(lambda change: self._recompute(), names="value")

    def _build_figure(self):
        self.ax_data, self.ax_gap = self._make_figure(2, (9.5, 3.8), width_ratios=[2, 3])
        x = two_clusters(self.separation.value, self.n_samples, self.random_state)
        self.mixture_artists = plotting.plot_mixture_1d(self.ax_data, x, [0.5, 0.5],
                                                        [-1, 1], [1, 1], bins=EDGES)
        for line in [*self.mixture_artists["components"], self.mixture_artists["total"]]:
            line.set_xdata(GRID)  # one grid for every separation
        self.ax_data.set(xlim=(EDGES[0], EDGES[-1]), ylim=(0, 0.45),
                         title="data and EM's fit")
        self.gap_line, self.predicted_line = plotting.plot_convergence(self.ax_gap, [1.0])
        self.ax_gap.set(xlim=(0, 120), ylim=(1e-10, 1e3), title="gap on a log scale")
        self.ax_gap.legend(loc="upper right", fontsize="small")
        _few_ticks(self.ax_data)
        self._lay_out()

    def _recompute(self):
        """Run EM for the current separation and start; measure its rate."""
        self.n_em_runs += 1
        self.X = two_clusters(self.separation.value, self.n_samples, self.random_state)
        run = list(em_steps(self.X, start_params(self.X, self.start.value),
                            covariance_type="spherical", reg_covar=0.0, tol=0.0,
                            max_iter=self.max_iter))
        self.log_likelihoods = np.array([s.log_likelihood for s in run
                                         if s.kind == "E"]) * len(self.X)
        fit = run[-1].params
        try:
            self.rate = convergence.convergence_rate(self.log_likelihoods)
            gaps = convergence.log_likelihood_gap(self.log_likelihoods, self.rate)
        except ValueError as error:
            self.message.value = _message_html(f"No rate to measure here: {error}")
            self.rate, gaps = np.nan, np.full(len(self.log_likelihoods), np.nan)
        else:
            self.message.value = ""
        self.eigenvalue = convergence.largest_eigenvalue(convergence.em_jacobian(self.X, fit))
        self._draw(fit, gaps)

    def _draw(self, fit, gaps):
        heights, _ = np.histogram(self.X, bins=EDGES, density=True)
        for bar, height in zip(self.mixture_artists["hist"], heights):
            bar.set_height(height)
        plotting.update_mixture_1d(self.mixture_artists, fit.weights, fit.means.ravel(),
                                   fit.covariances)
        predicted = (convergence.predicted_gap(gaps, self.eigenvalue)
                     if np.isfinite(self.rate) else None)
        plotting.update_convergence(self.gap_line, self.predicted_line, gaps, predicted)
        shown = np.flatnonzero(gaps > 1e-10)
        self.ax_gap.set_xlim(0, max(20, 1.1 * (shown[-1] + 1 if len(shown) else 20)))
        self.readout.value = _describe(self.separation.value, self.rate, self.eigenvalue,
                                       len(self.log_likelihoods))
        self._redraw()


def _describe(separation, rate, eigenvalue, n_iter):
    """The readout: the measured rate beside the Jacobian's eigenvalue."""
    measured = ("no straight tail to measure" if not np.isfinite(rate) else
                f"the gap shrinks by <b>ρ = {rate:.4f}</b> per iteration "
                f"(so the parameters' error by √ρ = {np.sqrt(max(rate, 0)):.4f})")
    return (f"Separation {separation:g} standard deviations, {n_iter} EM iterations: "
            f"{measured}.<br>Jacobian of one EM iteration at the end: largest eigenvalue "
            f"<b>λ = {eigenvalue:.4f}</b>, λ² = {eigenvalue ** 2:.4f}: the fraction of "
            "information missing (the labels) in the slowest direction.")
