"""Pieces every mclust model's M-step shares.

Each M-step maximises, over the covariances allowed by its model,

    Q(Sigma) = -1/2 sum_k [ n_k log|Sigma_k| + tr(W_k Sigma_k^{-1}) ]

where ``W_k = sum_n r_nk (x_n - mu_k)(x_n - mu_k)^T`` is component k's
weighted scatter matrix and ``n_k = sum_n r_nk`` (Celeux & Govaert 1995,
section 3). Only ``W_k`` and ``n_k`` enter, so every M-step below is a
function ``(scatter, nk, previous) -> covariances``.
"""

import numpy as np

__all__ = [
    "INNER_MAX_ITER",
    "INNER_TOL",
    "geometric_mean",
    "iterate",
    "orthogonal_eigh",
    "weighted_scatters",
]

# Iterative M-steps stop when no covariance entry moves by more than
# INNER_TOL relative to the largest entry (mclust's default is sqrt(eps),
# 1.5e-8, on its own criteria; our fits match R's fully converged inner
# loops to 1e-6 after 25 EM iterations, tests/test_mclust_oracle.py).
INNER_TOL = 1e-8
# A safety stop; with a warm start a few inner iterations usually suffice.
INNER_MAX_ITER = 2000


def geometric_mean(values, axis=-1):
    """``(prod_j v_j)^(1/D)`` through logs, so that products cannot overflow."""
    return np.exp(np.log(values).mean(axis=axis))


def orthogonal_eigh(matrices):
    """Eigenvalues (descending) and eigenvectors (columns) of symmetric matrices.

    Parameters
    ----------
    matrices : ndarray of shape (..., D, D)

    Returns
    -------
    values : ndarray of shape (..., D)
    vectors : ndarray of shape (..., D, D)
    """
    values, vectors = np.linalg.eigh(matrices)
    return values[..., ::-1], vectors[..., ::-1]


def iterate(update, state, covariances_of, tol=None, max_iter=None):
    """Repeat ``state = update(state)`` until the covariances settle.

    Every update is a block-coordinate (or MM) step that never lowers the
    M-step objective Q, so the loop is monotone from any starting state.

    Parameters
    ----------
    update : callable, state -> state
    state : tuple of ndarrays
    covariances_of : callable, state -> ndarray of shape (K, D, D)
    tol, max_iter : default INNER_TOL, INNER_MAX_ITER

    Returns
    -------
    covariances : ndarray of shape (K, D, D)
    """
    tol = INNER_TOL if tol is None else tol
    max_iter = INNER_MAX_ITER if max_iter is None else max_iter
    old = covariances_of(state)
    for _ in range(max_iter):
        state = update(state)
        new = covariances_of(state)
        if not np.all(np.isfinite(new)):  # collapsed: reported by the caller
            break
        if np.max(np.abs(new - old)) <= tol * np.max(np.abs(new)):
            break
        old = new
    return new


# The scatters take the differences x_n - mu_k of this many values
# (components x samples x features) at a time: a few MB of scratch space.
SCATTER_BLOCK = 2**18


def weighted_scatters(resp, X, means):
    """``W_k = sum_n r_nk (x_n - mu_k)(x_n - mu_k)^T`` for every k, shape (K, D, D).

    Two-pass (differences first, so nothing cancels far from the origin).
    The components go in blocks, one stacked matrix product per block, the
    scratch space bounded by :data:`SCATTER_BLOCK`.
    """
    n_components, n_features = means.shape
    scatters = np.empty((n_components, n_features, n_features))
    step = max(1, SCATTER_BLOCK // X.size)
    for start in range(0, n_components, step):
        block = slice(start, start + step)
        diff = X[np.newaxis] - means[block, np.newaxis]  # (k, n_samples, n_features)
        weighted = diff * resp[:, block].T[:, :, np.newaxis]
        np.matmul(weighted.transpose(0, 2, 1), diff, out=scatters[block])
    return scatters
