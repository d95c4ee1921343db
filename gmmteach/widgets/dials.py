"""``CovarianceDials``: mclust's volume, shape and orientation as three dials.

Part of :mod:`gmmteach.widgets`.
"""

import ipywidgets as widgets
import numpy as np

from .. import plotting
from .._checks import check_feature_names, check_X
from .._names import MCLUST_MODELS
from ..covariance import CollapsedComponentError, n_parameters
from ..mclust import MODELS
from ..selection import fit_from_partition, hc_partitions
from ..selection.search import _check_spread
from ._arguments import check_choice, check_int_between
from ._figure import _FigureWidget, _message_html

MAX_K = 6  # the K slider's top

DIAL_WORDS = {"E": "Equal", "V": "Variable", "I": "Identity"}
DIALS = ("volume", "shape", "orientation")


def valid_model(volume, shape, orientation, changed):
    """The nearest of mclust's 14 names to the dials, and a note if it moved one.

    mclust's rules: shape I (spherical) has no orientation, so it forces
    orientation I; orientation E or V needs a shape (E or V); volume is
    never I (there is always a size to estimate).
    """
    if shape == "I" and orientation != "I":
        if changed == "orientation":
            return volume + "E" + orientation, "a rotated shape needs a shape: shape set to E"
        return volume + "II", "shape I (a sphere) has no orientation: orientation set to I"
    return volume + shape + orientation, ""


class CovarianceDials(_FigureWidget):
    """Turn volume, shape and orientation between Equal, Variable and Identity.

    Each setting is one of mclust's 14 models, fitted to ``X`` from the
    same hierarchical start (mclust's); the ellipses, the parameter count
    and the BIC follow the dials. Fits are cached per (model, K), so turning
    a dial back costs nothing.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    n_components : int, default=3
    model : str, default='VVV'
    feature_names : sequence of str, optional

    Introduced in lessons/08_mclust_models.ipynb.
    """

    def __init__(self, X, n_components=3, model="VVV", feature_names=None):
        self.X = check_X(X, min_samples=2)
        n_components = check_int_between(n_components, "n_components", 1, MAX_K,
                                         " (the K slider's range)")
        model = check_choice(model, "model", MCLUST_MODELS)
        self.feature_names = check_feature_names(feature_names, self.X.shape[1])
        self._fits, self._cuts, self._note = {}, {}, ""
        self.ax = self._make_figure(1, (6.5, 4.5))
        self._build_controls(n_components, model)
        self._draw_points()
        self._lay_out()
        self.widget = widgets.VBox([self.dials, self.k_slider, self.readout, self.message,
                                    self._view])
        self.update()

    def _build_controls(self, n_components, model):
        style = {"description_width": "80px"}
        self.dials = widgets.VBox([
            widgets.ToggleButtons(options=[(DIAL_WORDS[c], c) for c in choices],
                                  value=model[i], description=name,
                                  style=style | {"button_width": "80px"})
            for i, (name, choices) in enumerate(zip(DIALS, ("EV", "EVI", "EVI")))])
        self.k_slider = widgets.IntSlider(value=n_components, min=1, max=MAX_K,
                                          description="K", style=style)
        # the message line keeps its height when empty, so the figure never jumps
        self.readout = widgets.HTML()
        self.message = widgets.HTML(layout=widgets.Layout(min_height="1.8em"))
        for i, dial in enumerate(self.dials.children):
            dial.observe(lambda change, i=i: self._on_dial(DIALS[i]), names="value")
        self.k_slider.observe(lambda change: self.update(), names="value")

    @property
    def model(self):
        """The mclust name the dials spell, e.g. ``'VEV'``."""
        return "".join(dial.value for dial in self.dials.children)

    def _on_dial(self, changed):
        name, note = valid_model(*self.model, changed)
        if name != self.model:  # setting a dial calls back here, then valid
            self._note = note
            for dial, letter in zip(self.dials.children, name):
                dial.value = letter
            return
        self.update()

    def _draw_points(self):
        self.points = plotting.plot_labels(self.ax, self.X, np.zeros(len(self.X), int))
        self.ellipses = []
        plotting.set_data_limits(self.ax, self.X)
        self.ax.set(xlabel=self.feature_names[0], ylabel=self.feature_names[1])
        self.title = self.ax.set_title(" ")

    def fit(self, model, n_components):
        """The fitted GaussianMixture for ``model`` and K (cached)."""
        key = (model, n_components)
        if key not in self._fits:
            if n_components not in self._cuts:
                # mclust's start scales each column by its spread: say so for 0
                _check_spread(self.X, instead=" (or show data that varies)")
                self._cuts[n_components] = hc_partitions(self.X, [n_components])[n_components]
            self._fits[key] = fit_from_partition(self.X, self._cuts[n_components], model)
        return self._fits[key]

    def update(self):
        """Show the fit the dials and K ask for; a collapse becomes a message."""
        model, k = self.model, self.k_slider.value
        try:
            gm = self.fit(model, k)
        except (CollapsedComponentError, ValueError) as error:
            self.message.value = _message_html(f"{model} with K={k}: {error}")
            return
        self.message.value = _message_html(self._note, "note") if self._note else ""
        self._note = ""
        self._show(gm, model, k)
        self._redraw()

    def _show(self, gm, model, k):
        labels = gm.predict(self.X)
        self.points.set_facecolors(plotting.component_colors(k)[labels])
        if len(self.ellipses) != 2 * k:  # K changed: new ellipses, once
            for ellipse in self.ellipses:
                ellipse.remove()
            self.ellipses = plotting.plot_ellipses(self.ax, gm.means_, gm.covariances_,
                                                   gm.covariance_type, fill=False)
        else:
            plotting.update_ellipses(self.ellipses, gm.means_, gm.covariances_,
                                     gm.covariance_type)
        info = MODELS[model]
        n_cov = info.n_covariance_parameters(k, self.X.shape[1])
        total = n_parameters(k, self.X.shape[1], model)
        self.title.set_text(f"{model} ({info.description})")
        self.readout.value = (
            f"<b>{model}</b>: {info.description}. Covariance parameters: "
            f"<b>{n_cov}</b> (of {total} in all); log-likelihood "
            f"{gm.score(self.X) * len(self.X):.1f}; BIC (mclust's sign) "
            f"<b>{-gm.bic(self.X):.1f}</b>")
