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


def weighted_scatters(resp, X, means):
    """Yield ``W_k = sum_n r_nk (x_n - mu_k)(x_n - mu_k)^T`` for each k, shape (D, D).

    Two-pass (differences first, so nothing cancels far from the origin);
    the two (n_samples, n_features) buffers are reused for every k.
    """
    diff, weighted = np.empty_like(X), np.empty_like(X)
    for k in range(len(means)):
        np.subtract(X, means[k], out=diff)
        np.multiply(diff, resp[:, k, np.newaxis], out=weighted)
        yield weighted.T @ diff
