"""Lesson 04's fourth exercise: the squared Mahalanobis distance to each component.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ._harness import _array, _close, _finite, _first_match, _fmt, _Hint, _run


def _quadratic(X, means, matrices):
    # (x_n - mu_k)^T M_k (x_n - mu_k) for every point and component: (n, K)
    diffs = X[:, None, :] - means[None, :, :]  # (n, K, D)
    return np.einsum("nki,kij,nkj->nk", diffs, matrices, diffs)


def _reference(X, means, covariances):
    # Sigma_k^-1 through a solve, not an explicit inverse
    diffs = X[:, None, :] - means[None, :, :]
    solved = np.stack([np.linalg.solve(c, d.T).T for c, d in
                       zip(covariances, diffs.transpose(1, 0, 2))], axis=1)
    return np.einsum("nki,nki->nk", diffs, solved)


def _mahalanobis_cases():
    """Correlated 2-D components, a 3-D mixture, one 4-D component, tiny units."""
    rng = np.random.default_rng(4)
    tilted = np.array([[[2.0, 1.6], [1.6, 2.0]], [[1.0, -0.7], [-0.7, 0.8]]])
    A = rng.normal(size=(3, 3, 3))
    three = A @ A.transpose(0, 2, 1) + 0.2 * np.eye(3)
    B = rng.normal(size=(4, 4))
    specs = [(rng.normal(size=(20, 2)) * 2, np.array([[0.0, 0.0], [3.0, -1.0]]), tilted),
             (rng.normal(size=(15, 3)), rng.normal(size=(3, 3)), three),
             (rng.normal(size=(10, 4)), rng.normal(size=(1, 4)), (B @ B.T + np.eye(4))[None]),
             (1e-3 * rng.normal(size=(12, 2)), np.zeros((2, 2)), 1e-6 * tilted)]
    return [((X, m, c), _reference(X, m, c)) for X, m, c in specs]


def _mahalanobis_mistakes(X, means, covariances):
    d2 = _reference(X, means, covariances)
    variances = np.stack([np.diag(np.diag(c)) for c in covariances])
    same = np.broadcast_to(covariances[0], covariances.shape)
    return [
        (np.sqrt(d2), "that is the distance itself: return its SQUARE, "
         "(x − μₖ)ᵀ Σₖ⁻¹ (x − μₖ), without a square root."),
        (_quadratic(X, means, covariances), "multiply by the INVERSE covariance Σₖ⁻¹ "
         "(np.linalg.solve(Σₖ, x − μₖ) or np.linalg.inv), not by Σₖ itself."),
        (_quadratic(X, means, np.broadcast_to(np.eye(X.shape[1]), covariances.shape)),
         "that is the squared Euclidean distance ‖x − μₖ‖²: weight the difference by "
         "Σₖ⁻¹."),
        (_reference(X, means, variances), "you used only the variances (the diagonal "
         "of Σₖ): the covariances off the diagonal matter too, use the whole Σₖ⁻¹."),
        (_reference(X, means, same), "each component has its own covariance Σₖ: use "
         "covariances[k] for component k."),
        (0.5 * d2, "no ½ here: the ½ belongs to the Gaussian's log-density, "
         "−½ (x − μ)ᵀ Σ⁻¹ (x − μ)."),
    ]


def _compare_mahalanobis(got, expected, args):
    n, K = expected.shape
    hints = {(K, n): " — one row per sample and one column per component: "
             "transpose your array."}
    got = _array(got, expected.shape, "the squared distances", hints, k_axis=1)
    _finite(got, "the squared distances")
    if not _close(got, expected):
        _first_match(got, _mahalanobis_mistakes(*args))
        row = int(np.argmax(np.abs(got - expected).max(axis=1)))
        raise _Hint(f"sample {row}: you return {_fmt(got[row])}, expected "
                    f"{_fmt(expected[row])}.")


def check_mahalanobis(fn):
    """Check ``fn(X, means, covariances)``: squared Mahalanobis distances.

    ``X`` (n_samples, n_features), ``means`` (n_components, n_features) and
    full ``covariances`` (n_components, n_features, n_features); the answer,
    of shape (n_samples, n_components), is ``(x_n - mu_k)^T Sigma_k^-1
    (x_n - mu_k)``. Prints the verdict; returns True if all pass.
    """
    return _run(fn, _mahalanobis_cases(), _compare_mahalanobis,
                "fn(X, means, covariances)")
