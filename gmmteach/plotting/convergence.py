"""How fast EM converges: the gap to the optimum on a log scale.

Part of :mod:`gmmteach.plotting`; the numbers come from :mod:`gmmteach.convergence`.
"""

import numpy as np

from .._checks import check_gaps
from .colors import OKABE_ITO


def _positive(values):
    # a log axis cannot show 0 or less (the gap at rounding level): leave a hole
    values = np.asarray(values, dtype=float)
    return np.where(values > 0, values, np.nan)


def plot_convergence(ax, gaps, predicted=None, label="EM", color=None):
    """The gap ``ℓ* - ℓ_t`` per iteration on a log scale, and a predicted line.

    Linear convergence is a straight line on this scale, of slope ``log ρ``.

    Parameters
    ----------
    ax : matplotlib Axes
    gaps : array-like of shape (n_iter,)
        The gap at iterations 1, 2, ...; values <= 0 are not drawn.
    predicted : array-like of shape (n_iter,), optional
        The same iterations' gap as a rate predicts (dashed), e.g.
        ``gap_a * (λ ** 2) ** (t - a)`` from the Jacobian's eigenvalue λ.
    label : str, default='EM'
    color : colour, optional

    Returns
    -------
    line, reference : Line2D
        The measured gap and the predicted one (empty without ``predicted``);
        move both with :func:`update_convergence`.
    """
    gaps = check_gaps(gaps)  # the last ones may be -1e-14 from rounding
    color = OKABE_ITO[4] if color is None else color
    iterations = np.arange(1, len(gaps) + 1)
    line = ax.plot(iterations, _positive(gaps), color=color, lw=2, label=label)[0]
    reference = ax.plot([], [], "--", color="black", lw=1,
                        label="predicted by the Jacobian")[0]
    if predicted is not None:
        reference.set_data(iterations, _positive(predicted))
    ax.set_yscale("log")
    ax.set(xlabel="iteration", ylabel="gap to the optimum, ℓ* − ℓ_t (nats)")
    return line, reference


def update_convergence(line, reference, gaps, predicted=None):
    """Move the artists of :func:`plot_convergence` to a new run, in place."""
    iterations = np.arange(1, len(gaps) + 1)
    line.set_data(iterations, _positive(gaps))
    if predicted is None:
        reference.set_data([], [])
    else:
        reference.set_data(iterations, _positive(predicted))
