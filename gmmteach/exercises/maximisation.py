"""Lesson 04's exercise: the M-step with diagonal covariances.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ..em import m_step
from ._harness import (_array, _close, _finite, _first_match, _fmt, _Hint,
                       _reg_covar_hint, _run)


def _m_step_cases():
    rng = np.random.RandomState(3)
    cases = []
    for n, K, D, hard in [(40, 3, 2, False), (60, 2, 3, False), (30, 2, 2, True),
                          (35, 4, 1, False)]:
        X = rng.normal(size=(n, D)) * rng.uniform(0.5, 3, size=D) + rng.normal(size=D)
        if K == 4:  # measured in other units: variances near 1e-6, the size of reg_covar
            X *= 1e-3
        resp = rng.dirichlet(np.ones(K), size=n)
        if hard:  # one-hot rows, as after K-means: the plain per-cluster statistics
            resp = np.eye(K)[np.arange(n) % K]
        params = m_step(X, resp, "diag", reg_covar=0.0)
        cases.append(((X, resp), (params.weights, params.means, params.covariances)))
    return cases


def _weighted_variances(X, resp, centres, divisor):
    return np.stack([r @ (X - c) ** 2 for r, c in zip(resp.T, centres)]) / divisor


def _m_step_mistakes(X, resp):
    n = len(X)
    nk = resp.sum(axis=0)[:, None]
    means = resp.T @ X / nk
    variances = _weighted_variances(X, resp, means, nk)
    overall = np.broadcast_to(X.mean(axis=0), means.shape)
    return {
        "weights": [(nk.ravel(), "those are the Nₖ = Σₙ rₙₖ; the weights are "
                     "Nₖ / n_samples.")],
        "means": [(resp.T @ X / n, "divide by Nₖ = Σₙ rₙₖ, not by n_samples."),
                  (resp.T @ X, "the weighted sum Σₙ rₙₖ xₙ must be divided by Nₖ."),
                  (overall, "every component got the overall mean: weight each "
                   "point by rₙₖ.")],
        "variances": [(np.sqrt(variances), "those look like standard deviations: "
                       "return variances."),
                      (variances * nk / n, "divide by Nₖ, not by n_samples."),
                      (_weighted_variances(X, resp, overall, nk), "centre on each "
                       "component's new mean μₖ, not on the overall mean.")],
    }


def _compare_part(got, expected, what, mistakes):
    _finite(got, what)
    if _close(got, expected):
        return
    _first_match(got, mistakes)
    if what == "variances":
        _reg_covar_hint(got, expected)
    if what == "weights" and not np.isclose(got.sum(), 1.0):
        raise _Hint(f"the weights sum to {got.sum():.4g}, not 1: weights are "
                    "Nₖ / n_samples.")
    error = np.abs(got - expected).reshape(len(expected), -1).max(axis=1)
    k = int(np.argmax(error))
    raise _Hint(f"component k={k}'s {what} are off: you give {_fmt(got[k])}, "
                f"the reference {_fmt(expected[k])}.")


def _compare_m_step(got, expected, args):
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        raise _Hint("return three things: `return weights, means, variances`.")
    K, D = expected[1].shape
    full_hint = {(K, D, D): " — for 'diag' keep only the diagonal: one variance "
                 "per component and feature."}
    mistakes = _m_step_mistakes(*args)
    for what, part, reference in zip(("weights", "means", "variances"), got, expected):
        array = _array(part, reference.shape, what, full_hint, k_axis=0)
        _compare_part(array, reference, what, mistakes[what])


def check_m_step_diag(fn):
    """Check ``fn(X, resp)``: the M-step with diagonal covariances.

    ``fn`` gets X (n_samples, n_features) and resp (n_samples,
    n_components) and must return ``(weights, means, variances)`` of shapes
    (n_components,), (n_components, n_features), (n_components, n_features),
    without any regularisation. Prints the verdict; returns True if all pass.
    """
    return _run(fn, _m_step_cases(), _compare_m_step, "fn(X, resp)")
