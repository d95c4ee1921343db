"""The posterior over the mixing weights: Dirichlet or Dirichlet-process.

Two priors on the weights ``pi``, one table entry each:

``'dirichlet_distribution'`` (a finite mixture, Bishop section 10.2)
    ``pi ~ Dirichlet(alpha_0, ..., alpha_0)``; the posterior is
    ``Dirichlet(alpha_1, ..., alpha_K)``. ``weight_concentration`` is the
    array ``alpha`` of shape (n_components,).
``'dirichlet_process'`` (stick-breaking, Blei & Jordan 2006)
    Break a stick of length one: component k takes the fraction
    ``v_k ~ Beta(1, alpha_0)`` of what is left, so
    ``pi_k = v_k prod_{j<k} (1 - v_j)``. The posterior of each ``v_k`` is
    ``Beta(gamma_k1, gamma_k2)``; ``weight_concentration`` is the tuple
    ``(gamma_1, gamma_2)`` of two arrays of shape (n_components,), as
    sklearn's ``weight_concentration_``.

Introduced in lessons/11_bayesian_gmm.ipynb.
"""

from typing import NamedTuple
from collections.abc import Callable

import numpy as np
from scipy.special import betaln, digamma, gammaln

from .._checks import check_array, check_choice, check_real

__all__ = [
    "WEIGHT_PRIOR_TYPES",
    "dirichlet_update",
    "expected_log_weights",
    "expected_weights",
    "stick_breaking_update",
    "weights_log_normalizer",
]


def dirichlet_update(nk, weight_concentration_prior):
    """Dirichlet posterior: ``alpha_k = alpha_0 + N_k`` (Bishop 10.58).

    Parameters
    ----------
    nk : ndarray of shape (n_components,)
        Effective number of points per component, ``resp.sum(axis=0)``.
    weight_concentration_prior : float
        ``alpha_0``.

    Returns
    -------
    alpha : ndarray of shape (n_components,)
    """
    return weight_concentration_prior + nk


def stick_breaking_update(nk, weight_concentration_prior):
    """Beta posterior of each stick fraction (Blei & Jordan 2006, eq. 18-19).

    ``gamma_k1 = 1 + N_k`` (points that chose k) and
    ``gamma_k2 = alpha_0 + sum_{j > k} N_j`` (points that went past k).

    Returns
    -------
    (gamma_1, gamma_2) : tuple of two ndarrays of shape (n_components,)
    """
    nk = check_array(nk, "nk", ndim=1, nonnegative=True,
                     hint="Pass one count per component, nk = resp.sum(axis=0).")
    weight_concentration_prior = check_real(
        weight_concentration_prior, "weight_concentration_prior", 0, strict=True,
        hint="The prior's concentration alpha_0 is positive, e.g. 1 / n_components.")
    return _stick_breaking_update(nk, weight_concentration_prior)


def _stick_breaking_update(nk, weight_concentration_prior):
    # stick_breaking_update without its checks (the M-step's statistics are checked)
    # sum_{j >= k} N_j for every k, then shift by one: sum_{j > k} N_j
    from_k_on = np.cumsum(nk[::-1])[::-1]
    past_k = np.append(from_k_on[1:], 0.0)
    return 1.0 + nk, weight_concentration_prior + past_k


def _dirichlet_expected_weights(alpha):
    # E[pi_k] = alpha_k / sum_j alpha_j
    return alpha / np.sum(alpha)


def _stick_expected_weights(gamma):
    # E[pi_k] = E[v_k] prod_{j<k} E[1 - v_j] (the v_k are independent under q);
    # the K sticks leave some length unbroken (the truncated tail), which is
    # shared out in proportion so that the weights sum to one (as sklearn).
    total = gamma[0] + gamma[1]
    left_over = gamma[1] / total  # E[1 - v_k]
    weights = gamma[0] / total * np.hstack((1, np.cumprod(left_over[:-1])))
    return weights / np.sum(weights)


def _dirichlet_expected_log_weights(alpha):
    # E[ln pi_k] = psi(alpha_k) - psi(sum_j alpha_j)  (Bishop 10.66)
    return digamma(alpha) - digamma(np.sum(alpha))


def _stick_expected_log_weights(gamma):
    # E[ln pi_k] = E[ln v_k] + sum_{j<k} E[ln(1 - v_j)] with, for a Beta(a, b),
    # E[ln v] = psi(a) - psi(a + b) and E[ln(1 - v)] = psi(b) - psi(a + b)
    digamma_total = digamma(gamma[0] + gamma[1])
    log_v = digamma(gamma[0]) - digamma_total
    log_rest = digamma(gamma[1]) - digamma_total
    return log_v + np.hstack((0, np.cumsum(log_rest)[:-1]))


def _dirichlet_log_normalizer(alpha):
    # ln C(alpha) = ln Gamma(sum_k alpha_k) - sum_k ln Gamma(alpha_k)  (Bishop B.23)
    return gammaln(np.sum(alpha)) - np.sum(gammaln(alpha))


def _stick_log_normalizer(gamma):
    # One Beta(a, b) per stick; its normaliser is 1 / B(a, b)
    return -np.sum(betaln(gamma[0], gamma[1]))


class _WeightPrior(NamedTuple):
    update: Callable
    expected: Callable
    expected_log: Callable
    log_normalizer: Callable


_WEIGHT_PRIORS = {
    "dirichlet_process": _WeightPrior(
        _stick_breaking_update, _stick_expected_weights, _stick_expected_log_weights,
        _stick_log_normalizer),
    "dirichlet_distribution": _WeightPrior(
        dirichlet_update, _dirichlet_expected_weights, _dirichlet_expected_log_weights,
        _dirichlet_log_normalizer),
}

WEIGHT_PRIOR_TYPES = tuple(_WEIGHT_PRIORS)


def weights_update(nk, weight_concentration_prior, prior_type):
    """The posterior's ``weight_concentration`` for either prior type."""
    return _WEIGHT_PRIORS[prior_type].update(nk, weight_concentration_prior)


def expected_weights(weight_concentration, prior_type):
    """``E[pi_k]`` under the posterior: sklearn's ``weights_``.

    Parameters
    ----------
    weight_concentration : ndarray of shape (n_components,) or tuple of two
        ``alpha`` ('dirichlet_distribution') or ``(gamma_1, gamma_2)``
        ('dirichlet_process').
    prior_type : {'dirichlet_process', 'dirichlet_distribution'}

    Returns
    -------
    weights : ndarray of shape (n_components,), summing to one
    """
    concentration = _check_concentration(weight_concentration, prior_type)
    return _WEIGHT_PRIORS[prior_type].expected(concentration)


def expected_log_weights(weight_concentration, prior_type):
    """``E[ln pi_k]`` under the posterior, shape (n_components,).

    What the variational E-step uses in place of EM's ``ln pi_k``; it is
    below ``ln E[pi_k]`` (Jensen), more so the fewer points a component has.
    """
    concentration = _check_concentration(weight_concentration, prior_type)
    return _WEIGHT_PRIORS[prior_type].expected_log(concentration)


def weights_log_normalizer(weight_concentration, prior_type):
    """Log normalising constant of the weights' posterior (a float).

    ``ln C(alpha)`` for a Dirichlet; ``sum_k -ln B(gamma_k1, gamma_k2)``
    for the sticks. It enters the evidence lower bound with a minus sign.
    """
    return _WEIGHT_PRIORS[prior_type].log_normalizer(weight_concentration)


def _check_concentration(weight_concentration, prior_type):
    # alpha (K,) for a Dirichlet, (gamma_1, gamma_2) of two (K,) for the sticks; all > 0
    prior_type = check_choice(prior_type, WEIGHT_PRIOR_TYPES, "prior_type")
    sticks = prior_type == "dirichlet_process"
    what = ("a pair (gamma_1, gamma_2) of arrays of shape (n_components,)" if sticks
            else "an array alpha of shape (n_components,)")
    hint = f"For prior_type={prior_type!r} pass {what}, e.g. params.weight_concentration."
    concentration = check_array(weight_concentration, "weight_concentration",
                                ndim=2 if sticks else 1, hint=hint)
    if sticks and len(concentration) != 2:
        raise ValueError(f"weight_concentration must be two arrays, got "
                         f"{len(concentration)}. {hint}")
    if np.any(concentration <= 0):
        raise ValueError(f"weight_concentration must be > 0 (posterior counts), got "
                         f"{concentration.min():g}. {hint}")
    return tuple(concentration) if sticks else concentration
