"""Lesson 04's second exercise: the M-step with full covariances.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ..em import m_step
from ._harness import (_array, _close, _finite, _first_match, _fmt, _Hint,
                       _reg_covar_hint, _run)
from .maximisation import _m_step_cases


def _full_cases():
    # The diagonal exercise's data (K = 3, 2, 2 one-hot, 4 in tiny units), full fit
    cases = []
    for (X, resp), _ in _m_step_cases():
        params = m_step(X, resp, "full", reg_covar=0.0)
        cases.append(((X, resp), (params.weights, params.means, params.covariances)))
    return cases


def _scatter(X, resp, centres, divisor):
    # sum_n r_nk (x_n - c_k)(x_n - c_k)^T / divisor_k, one matrix per component
    diffs = X[None, :, :] - centres[:, None, :]  # (K, n, D)
    return np.einsum("nk,kni,knj->kij", resp, diffs, diffs) / divisor[:, None, None]


def _full_mistakes(X, resp):
    n = len(X)
    nk = resp.sum(axis=0)
    means = resp.T @ X / nk[:, None]
    covariances = _scatter(X, resp, means, nk)
    overall = np.broadcast_to(X.mean(axis=0), means.shape)
    unweighted = _scatter(X, np.ones_like(resp), means, np.full(len(nk), n))
    return [
        (covariances * nk[:, None, None] / n, "divide by Nₖ = Σₙ rₙₖ, not by n_samples."),
        (covariances * nk[:, None, None], "the weighted sum Σₙ rₙₖ (xₙ−μₖ)(xₙ−μₖ)ᵀ "
         "must be divided by Nₖ."),
        (covariances * (nk / (nk - 1))[:, None, None], "divide by Nₖ, not Nₖ − 1: "
         "the maximum-likelihood covariance is not np.cov's unbiased estimate."),
        (covariances * (nk / (nk - (resp**2).sum(axis=0) / nk))[:, None, None],
         "np.cov(..., aweights=r) divides by Nₖ − Σr²/Nₖ (an unbiased correction), "
         "not by Nₖ: pass bias=True, or divide by Nₖ yourself."),
        (_scatter(X, resp, overall, nk), "centre on each component's new mean μₖ, "
         "not on the overall mean."),
        (unweighted, "every point must be weighted by its responsibility rₙₖ in the "
         "covariance too."),
        (np.sqrt(np.abs(covariances)), "those look like square roots: return the "
         "covariance matrices themselves."),
    ]


def _compare_full(got, expected, args):
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        raise _Hint("return three things: `return weights, means, covariances`.")
    K, D = expected[1].shape
    shapes = {(K, D): " — for 'full' return whole (D, D) matrices, not only the "
              "variances on their diagonals.", (D, D): " — one matrix per component: "
              "stack them into shape (n_components, D, D)."}
    for what, part, reference in zip(("weights", "means", "covariances"), got, expected):
        array = _array(part, reference.shape, what, shapes, k_axis=0)
        _finite(array, what)
        if _close(array, reference):
            continue
        if what == "covariances":
            _first_match(array, _full_mistakes(*args))
            _reg_covar_hint(array, reference)
            if not np.allclose(array, np.swapaxes(array, 1, 2)):
                raise _Hint("your covariance matrices are not symmetric: each is "
                            "Σₙ rₙₖ (xₙ−μₖ)(xₙ−μₖ)ᵀ / Nₖ, an outer product (D×1 times 1×D).")
        k = int(np.argmax(np.abs(array - reference).reshape(K, -1).max(axis=1)))
        raise _Hint(f"component k={k}'s {what} are off: you give {_fmt(array[k])}, "
                    f"the reference {_fmt(reference[k])}.")


def check_m_step_full(fn):
    """Check ``fn(X, resp)``: the M-step with full covariances, no reg_covar.

    ``fn`` gets X (n_samples, n_features) and resp (n_samples,
    n_components) and must return ``(weights, means, covariances)`` of shapes
    (n_components,), (n_components, n_features) and (n_components,
    n_features, n_features). Prints the verdict; returns a :class:`Verdict`,
    true if all cases pass.
    """
    return _run(fn, _full_cases(), _compare_full, "fn(X, resp)")
