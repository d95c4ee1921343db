"""``ResponsibilityInspector``: click a point to see its responsibilities.

Part of :mod:`gmmteach.widgets`.
"""

import ipywidgets as widgets
import numpy as np

from .. import plotting
from .._checks import check_dims, check_feature_names, check_int, check_X
from .._checks.records import check_params
from ..em import e_step
from ._figure import _FigureWidget


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
        self.X = check_X(X)
        self.params, self.selected = check_params(params), None
        self.dims = check_dims(dims, self.X.shape[1])
        self.feature_names = check_feature_names(feature_names, self.X.shape[1])
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
        plotting.set_data_limits(self.ax_data, self.X, self.dims, params=p)
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
        index = check_int(index, "index")
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
