"""``OneDimensionalMixture``: fit a 1-D mixture by hand and try to beat EM.

Part of :mod:`gmmteach.widgets`.
"""

import ipywidgets as widgets
import numpy as np

from .. import plotting
from .._checks import check_positive_int, check_X
from ..datasets import make_1d_mixture
from ..em import e_step
from ..mixture import GaussianMixture
from ..params import make_params
from ._figure import _FigureWidget, _message_html
from .drawing import LineDrawing


class OneDimensionalMixture(_FigureWidget):
    """Fit a 1-D mixture by hand with sliders, and try to beat EM.

    Parameters
    ----------
    X : array-like of shape (n_samples,) or (n_samples, 1), optional
        Defaults to :func:`gmmteach.datasets.make_1d_mixture`.
    n_components : {1, 2, 3}, default=2
    bins : int, default=30
    brush_size : int, default=1
        Values a click adds in draw mode (see :mod:`gmmteach.widgets.drawing`).

    Attributes
    ----------
    x : ndarray of shape (n_samples, 1)
        The data; draw mode (``drawing``) or :meth:`add_points` change it.
    weights, means, stds : list of ipywidgets.FloatSlider
        One slider per component; weights are divided by their sum.
    em_log_likelihood : float
        Total log-likelihood EM reaches on X (the score to beat).

    Introduced in lessons/01_gaussians_and_mixtures.ipynb.
    """

    def __init__(self, X=None, n_components=2, bins=30, *, brush_size=1):
        self.x = _check_1d(make_1d_mixture()[0] if X is None else X)
        if isinstance(n_components, bool) or n_components not in (1, 2, 3):
            raise ValueError(f"n_components must be 1, 2 or 3 (one column of sliders "
                             f"each), got {n_components!r}.")
        self.bins = check_positive_int(bins, "bins", minimum=1)
        self.em_log_likelihood = _em_log_likelihood(self.x, n_components)
        self._build_sliders(n_components)
        self.ax = self._make_figure(1, (7, 3.6))
        self._plot()
        self.readout, self.message = widgets.HTML(), widgets.HTML()
        self.drawing = LineDrawing(self, brush_size)
        self.widget = widgets.VBox([self._slider_grid(), self.drawing.widget,
                                    self.readout, self.message, self._view])
        for slider in self.weights + self.means + self.stds:
            slider.observe(self._on_change, names="value")
        self._on_change(None)

    def _plot(self):
        self.artists = plotting.plot_mixture_1d(self.ax, self.x, *self.parameters(),
                                                bins=self.bins)
        self.ax.legend(loc="upper right")
        self._lay_out()

    def set_data(self, X):
        """New data: the histogram and EM's log-likelihood follow (sliders stay)."""
        try:
            x = _check_1d(X)
            target = _em_log_likelihood(x, len(self.weights))
        except ValueError as error:  # too few or constant values: say so, keep the figure
            self.message.value = _message_html(f"EM could not run on these data: {error}")
            return
        self.x, self.em_log_likelihood, self.message.value = x, target, ""
        self.ax.clear()
        self._plot()
        self._on_change(None)

    def add_points(self, x):
        """Add values of x (shape (n_new,) or (n_new, 1)), as clicks in draw mode do."""
        self.drawing.add(x)

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


def _em_log_likelihood(x, n_components):
    """Total log-likelihood EM reaches on ``x``: the score to beat."""
    model = GaussianMixture(n_components, random_state=0).fit(x)
    return model.score(x) * len(x)


def _check_1d(X):
    """X as an (n_samples, 1) column with some spread, else a sentence."""
    try:
        x = np.asarray(X, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("X must be numbers, shape (n_samples,) or (n_samples, 1); "
                         "convert text to numbers first.") from None
    if np.ndim(x) > 2 or (np.ndim(x) == 2 and np.shape(x)[1] != 1) or np.size(x) < 2:
        raise ValueError(f"X must be 1-D data, shape (n_samples,) or "
                         f"(n_samples, 1), got shape {np.shape(x)}.")
    x = check_X(np.reshape(x, (-1, 1)))
    if np.ptp(x) == 0:
        raise ValueError(f"X is constant (every value is {x[0, 0]:g}): a Gaussian "
                         "needs spread to fit. Pass data with at least two "
                         "distinct values.")
    return x
