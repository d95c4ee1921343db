"""``StickBreaking``: the weights a Dirichlet-process prior draws, as alpha moves.

Part of :mod:`gmmteach.widgets`.
"""

import ipywidgets as widgets
import numpy as np

from .. import plotting
from ._arguments import check_int_between, check_real_between, check_seed
from ._figure import _FigureWidget


def stick_fractions(uniforms, alpha):
    """Beta(1, alpha) draws from uniform ones: ``v = 1 - (1 - u)^(1/alpha)``.

    Beta(1, alpha) has the CDF ``1 - (1 - v)^alpha``; inverting it turns the
    same uniforms into the fractions for any alpha, so the sticks change
    smoothly while alpha moves and jump only when the seed changes.

    Parameters
    ----------
    uniforms : ndarray of shape (n_sticks,), values in [0, 1)
    alpha : float > 0

    Returns
    -------
    ndarray of shape (n_sticks,)
    """
    return -np.expm1(np.log1p(-uniforms) / alpha)  # accurate for huge alpha


def stick_weights(fractions):
    """``pi_k = v_k prod_{j<k} (1 - v_j)``: break v_k off what is left.

    Returns
    -------
    ndarray of shape (n_sticks,)
        Sums to less than 1; the rest is the stick not yet broken.
    """
    left = np.concatenate(([1.0], np.cumprod(1.0 - fractions)[:-1]))
    return fractions * left


def prior_expected_weights(alpha, n_sticks):
    """E[pi_k] under the prior: ``(1 / (1 + alpha)) (alpha / (1 + alpha))^(k-1)``."""
    k = np.arange(n_sticks)
    return (alpha / (1.0 + alpha)) ** k / (1.0 + alpha)


class StickBreaking(_FigureWidget):
    """Draw Beta(1, alpha) sticks and see the weights of a Dirichlet process.

    Parameters
    ----------
    alpha : float, default=1.0
        The concentration (scikit-learn's ``weight_concentration_prior``).
    n_sticks : int, default=15
    random_state : int, default=0

    Attributes
    ----------
    weights : ndarray of shape (n_sticks,)
        The weights on screen.
    n_draws : int
        How many times the figure was redrawn.
    widget : ipywidgets.VBox

    Introduced in lessons/11_bayesian_gmm.ipynb.
    """

    def __init__(self, alpha=1.0, n_sticks=15, random_state=0):
        self.n_sticks = check_int_between(n_sticks, "n_sticks", 2, 50)
        self._build_controls(alpha, random_state)
        self.ax_stick, self.ax_weights = self._make_figure(
            1, (8, 3.8), nrows=2, height_ratios=[1, 3])
        self._draw_first()
        controls = widgets.HBox([self.alpha, self.random_state, self.redraw])
        self.widget = widgets.VBox([controls, self.readout, self._view])
        self.alpha.observe(self._on_change, names="value")
        self.random_state.observe(self._on_change, names="value")
        self.redraw.on_click(self._on_redraw)
        self._on_change(None)

    def _build_controls(self, alpha, random_state):
        alpha = check_real_between(alpha, "alpha", 1e-2, 1e2, " (the α slider's range)")
        random_state = check_seed(random_state)
        short = {"style": {"description_width": "initial"}}
        self.alpha = widgets.FloatLogSlider(alpha, base=10, min=-2, max=2, step=0.05,
                                            description="α (concentration)",
                                            readout_format=".3g",
                                            layout={"width": "380px"}, **short)
        self.random_state = widgets.BoundedIntText(random_state, min=0,
                                                   max=2**31 - 1, description="seed",
                                                   layout={"width": "140px"}, **short)
        self.redraw = widgets.Button(description="draw new sticks",
                                     tooltip="a new seed: new uniforms under the sticks")
        self.readout = widgets.HTML(layout={"min_height": "42px"})

    def _draw_first(self):
        """The artists, created once; every change only moves them."""
        zeros = np.zeros(self.n_sticks)
        self.pieces = plotting.plot_stick(self.ax_stick, zeros)
        self.bars, _ = plotting.plot_expected_weights(self.ax_weights, zeros)
        self.ax_weights.set(xlabel="component k (order of breaking)",
                            ylabel="weight π_k")
        self.prior_line = self.ax_weights.plot(
            np.arange(self.n_sticks), zeros, "o-", color="black", ms=4, lw=1,
            label="prior mean E[π_k]")[0]
        self.ax_weights.legend(loc="upper right")
        self._lay_out()
        self._blit(self._moving_artists)
        self._animated(self._moving_artists())

    def _moving_artists(self):
        return [*self.pieces, *self.bars, self.prior_line]

    @property
    def uniforms(self):
        """The seed's uniforms under the sticks, shape (n_sticks,)."""
        rng = np.random.default_rng(self.random_state.value)
        return rng.uniform(size=self.n_sticks)

    def _on_redraw(self, button):
        self.random_state.value += 1  # its observer draws

    def _on_change(self, change):
        alpha = self.alpha.value
        self.weights = stick_weights(stick_fractions(self.uniforms, alpha))
        plotting.update_stick(self.pieces, self.weights)
        plotting.update_expected_weights(self.bars, self.weights)
        self.prior_line.set_ydata(prior_expected_weights(alpha, self.n_sticks))
        self.readout.value = _describe(alpha, self.weights)
        self._redraw_moving()


def _describe(alpha, weights):
    """Readout: how many sticks hold 1 % or more, and how much is left over."""
    active = plotting.n_active(weights)
    return (f"α = {alpha:.3g}: {active} of {len(weights)} pieces hold at least 1 % "
            f"of the stick; {1 - weights.sum():.1%} is still unbroken (grey).")
