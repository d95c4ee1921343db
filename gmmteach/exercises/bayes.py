"""Lesson 11's exercise: expected weights from the stick-breaking parameters.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ._harness import _array, _close, _finite, _first_match, _fmt, _Hint, _run


def _reference(alpha, beta):
    # E[v_k] = a_k / (a_k + b_k); the sticks are independent, so
    # E[pi_k] = E[v_k] * prod_{j<k} E[1 - v_j]; the truncated stick's leftover
    # is shared out by dividing by the sum, as scikit-learn's weights_ does
    fraction = alpha / (alpha + beta)
    left = np.concatenate(([1.0], np.cumprod(1.0 - fraction)[:-1]))
    weights = fraction * left
    return weights / weights.sum()


def _stick_cases():
    """Seeded Beta parameters: a fit's (large counts) and a prior's (small)."""
    rng = np.random.default_rng(11)
    fitted = (1.0 + np.array([120.0, 80.0, 40.0, 0.5, 0.1]),
              1.0 + np.array([121.1, 41.1, 1.1, 0.6, 0.5]))
    return [fitted,
            (np.ones(4), np.full(4, 2.0)),
            (rng.uniform(0.5, 50, 6), rng.uniform(0.5, 50, 6)),
            (np.array([3.0, 1.0]), np.array([1.0, 0.5]))]


def _stick_mistakes(alpha, beta):
    fraction, rest = alpha / (alpha + beta), beta / (alpha + beta)
    unnormalised = fraction * np.concatenate(([1.0], np.cumprod(rest)[:-1]))
    own_included = fraction * np.cumprod(rest)
    swapped = rest * np.concatenate(([1.0], np.cumprod(fraction)[:-1]))
    return [
        (unnormalised, "these are the stick-breaking products before the last "
         "step: divide by their sum, so the weights add up to 1 (the truncated "
         "stick's leftover is shared out, as scikit-learn's weights_ does)."),
        (own_included / own_included.sum(), "the product of what is left runs "
         "over the sticks broken BEFORE k (j < k), not including stick k itself."),
        (swapped / swapped.sum(), "alpha and beta are swapped: E[v_k] = "
         "alpha_k / (alpha_k + beta_k) is the fraction broken off."),
        (fraction / fraction.sum(), "each stick breaks only what the earlier "
         "sticks left over: multiply by prod_{j<k} (1 - E[v_j])."),
        (alpha / alpha.sum(), "alpha / alpha.sum() is the Dirichlet-distribution "
         "answer; a Dirichlet process breaks sticks."),
    ]


def _compare_sticks(got, expected, args):
    got = _array(got, expected.shape, "the expected weights")
    _finite(got, "the expected weights")
    if not _close(got, expected):
        _first_match(got, _stick_mistakes(*args))
        raise _Hint(f"for alpha={_fmt(args[0])}, beta={_fmt(args[1])} you return "
                    f"{_fmt(got)}, expected {_fmt(expected)}.")


def check_stick_breaking_weights(fn):
    """Check ``fn(alpha, beta)``: a Dirichlet process's expected weights.

    ``alpha`` and ``beta``, of shape (n_components,), are the Beta(alpha_k,
    beta_k) variational distributions of the stick fractions v_k (scikit-
    learn's ``weight_concentration_``). The answer is scikit-learn's
    ``weights_``: ``E[v_k] prod_{j<k} (1 - E[v_j])`` divided by its sum.
    Prints the verdict; returns True if all pass.
    """
    cases = [((a, b), _reference(a, b)) for a, b in _stick_cases()]
    return _run(fn, cases, _compare_sticks, "fn(alpha, beta)")
