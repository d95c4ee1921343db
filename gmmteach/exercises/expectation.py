"""Lesson 02's exercise: the E-step (responsibilities).

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ..em import e_step
from ..params import make_params
from ._harness import RTOL, _array, _close, _finite, _first_match, _Hint, _run


def _random_covariances(rng, n_components, n_features):
    A = rng.normal(size=(n_components, n_features, n_features))
    return A @ np.swapaxes(A, 1, 2) / n_features + 0.3 * np.eye(n_features)


def _e_step_cases():
    rng = np.random.RandomState(2)
    cases = []
    for n, K, D in [(30, 2, 2), (50, 3, 2), (20, 2, 3), (25, 4, 1)]:
        weights = rng.dirichlet(np.full(K, 3.0))
        means = rng.normal(0, 1.5, size=(K, D))
        covariances = _random_covariances(rng, K, D)
        X = means[rng.randint(K, size=n)] + rng.normal(size=(n, D))
        params = make_params(weights, means, "full", covariances=covariances)
        cases.append(((X, weights, means, covariances), np.exp(e_step(X, params)[0])))
    return cases


def _resp(X, weights, means, covariances, normalise=True):
    # The definition, from scratch: r_nk ∝ pi_k N(x_n | mu_k, Sigma_k)
    diff = X[:, None, :] - means  # (n, K, D)
    maha = np.einsum("nkd,kde,nke->nk", diff, np.linalg.inv(covariances), diff)
    dens = np.exp(-0.5 * maha) / np.sqrt(np.linalg.det(2 * np.pi * covariances))
    weighted = weights * dens
    return weighted / weighted.sum(axis=1, keepdims=True) if normalise else weighted


def _e_step_mistakes(X, weights, means, covariances):
    K, D = means.shape
    no_det = _resp(X, weights, means, covariances) * np.sqrt(
        np.linalg.det(2 * np.pi * covariances))
    return [
        (_resp(X, np.full(K, 1.0 / K), means, covariances), "did you multiply each "
         "component's density by its weight πₖ before normalising?"),
        (_resp(X, weights, means, np.linalg.inv(covariances)), "you seem to use the "
         "covariance where its inverse belongs: the exponent is "
         "-½ (x−μ)ᵀ Σ⁻¹ (x−μ)."),
        (no_det / no_det.sum(axis=1, keepdims=True), "the constant |2πΣₖ|^(-½) differs "
         "from component to component, so it does not cancel: keep it."),
        (_resp(X, weights, means, covariances, normalise=False), "rows of resp do "
         "not sum to 1 — did you normalise by the sum over components?"),
        (np.log(_resp(X, weights, means, covariances)), "these are log-responsibilities "
         "(every value ≤ 0, and their exp sums to 1 in each row): return resp itself, "
         "np.exp(log_resp)."),
    ]


def _compare_e_step(got, expected, args):
    got = _array(got, expected.shape, "resp", k_axis=1)
    _finite(got, "resp")
    if _close(got, expected):
        return
    _first_match(got, _e_step_mistakes(*args))
    if not np.allclose(got.sum(axis=1), 1.0, rtol=RTOL):
        by_sample = " you divided by the sum over samples (axis=0);" if np.allclose(
            got.sum(axis=0), 1.0) else ""
        raise _Hint(f"rows of resp do not sum to 1 —{by_sample} did you normalise "
                    "by the sum over components (axis=1)?")
    error = np.abs(got - expected)
    n, k = np.unravel_index(np.argmax(error), error.shape)
    raise _Hint(f"component k={k}'s responsibilities are off: for sample {n} "
                    f"you give {got[n, k]:.4f}, the reference {expected[n, k]:.4f}.")


def check_e_step(fn):
    """Check ``fn(X, weights, means, covariances)``: the E-step, full covariances.

    ``fn`` gets X (n_samples, n_features), weights (n_components,), means
    (n_components, n_features) and covariances (n_components, n_features,
    n_features), and must return resp of shape (n_samples, n_components)
    with r_nk = p(component k | x_n). Prints the verdict; returns True if all
    pass.
    """
    return _run(fn, _e_step_cases(), _compare_e_step,
                "fn(X, weights, means, covariances)")
