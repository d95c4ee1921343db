"""Diagonal models: Sigma_k = lambda_k A_k, axis-aligned ellipses.

``A_k`` is diagonal with determinant 1 (the shape), ``lambda_k`` its volume.
Only the diagonals ``B_k = diag(W_k)`` of the scatter matrices matter.
Arguments as in :mod:`gmmteach.mclust.spherical`; each M-step returns the
covariances as full matrices, shape (K, D, D).
"""

import numpy as np

from ._common import geometric_mean, iterate

__all__ = ["m_step_eei", "m_step_evi", "m_step_vei", "m_step_vvi"]


def _diagonals(scatter):
    # B_k = diag(W_k), shape (K, D)
    return np.diagonal(scatter, axis1=1, axis2=2)


def _as_matrices(variances):
    # (K, D) variances -> (K, D, D) diagonal matrices
    return variances[:, :, np.newaxis] * np.eye(variances.shape[1])


def m_step_eei(scatter, nk, previous=None):
    """EEI: one diagonal matrix for all, ``Sigma_k = lambda A = diag(sum_k W_k) / n``."""
    K = scatter.shape[0]
    variances = _diagonals(scatter).sum(axis=0) / nk.sum()
    return _as_matrices(np.tile(variances, (K, 1)))


def m_step_vvi(scatter, nk, previous=None):
    """VVI: ``Sigma_k = diag(W_k) / n_k`` (sklearn's 'diag')."""
    return _as_matrices(_diagonals(scatter) / nk[:, np.newaxis])


def m_step_evi(scatter, nk, previous=None):
    """EVI: equal volume, varying shape, ``Sigma_k = lambda A_k``.

    ``A_k = B_k / |B_k|^(1/D)`` and ``lambda = sum_k |B_k|^(1/D) / n``
    (Celeux & Govaert 1995, closed form).
    """
    B = _diagonals(scatter)
    g = geometric_mean(B)  # |B_k|^(1/D)
    lam = g.sum() / nk.sum()
    # the shape B_k / |B_k|^(1/D) first: lambda * B_k alone is of the order of
    # the data's scale to the 4th power and overflows for data near 1e100
    return _as_matrices(lam * (B / g[:, np.newaxis]))


def m_step_vei(scatter, nk, previous=None):
    """VEI: varying volume, equal shape, ``Sigma_k = lambda_k A`` (iterative).

    Alternates the two conditional maxima (Celeux & Govaert 1995; mclust's
    ``mevei``) until the covariances settle:

    ``lambda_k = tr(B_k A^{-1}) / (D n_k)``, then
    ``A = sum_k B_k / lambda_k`` divided by its determinant^(1/D).

    Q is convex in (log lambda, log A), so the optimum does not depend on the
    start: ``previous`` (the last M-step's covariances) or ``A = I``.
    """
    B, D = _diagonals(scatter), scatter.shape[1]
    shape = np.ones(D) if previous is None else _shape_of(previous[0].diagonal())

    def update(state):
        lam = (B / state[1]).sum(axis=1) / (D * nk)
        return lam, _shape_of((B / lam[:, np.newaxis]).sum(axis=0))

    def covariances_of(state):
        return _as_matrices(state[0][:, np.newaxis] * state[1])

    return iterate(update, update((None, shape)), covariances_of)


def _shape_of(diagonal):
    # A = diagonal / |diagonal|^(1/D): determinant one
    return diagonal / geometric_mean(diagonal)
