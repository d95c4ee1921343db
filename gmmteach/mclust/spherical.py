"""Spherical models: Sigma_k = lambda_k I (round clusters).

Arguments of every M-step (see :mod:`gmmteach.mclust._common`):

scatter : ndarray of shape (K, D, D)
    ``W_k = sum_n r_nk (x_n - mu_k)(x_n - mu_k)^T``.
nk : ndarray of shape (K,)
    ``n_k = sum_n r_nk``.
previous : ndarray of shape (K, D, D) or None
    Unused: both spherical M-steps are closed-form.

Each returns the covariances as full matrices, shape (K, D, D).
"""

import numpy as np

__all__ = ["m_step_eii", "m_step_vii"]


def m_step_eii(scatter, nk, previous=None):
    """EII: one volume for all, ``Sigma_k = lambda I``.

    ``lambda = tr(sum_k W_k) / (n D)`` with ``n = sum_k n_k``.
    """
    K, D, _ = scatter.shape
    lam = np.trace(scatter.sum(axis=0)) / (nk.sum() * D)
    return np.broadcast_to(lam * np.eye(D), (K, D, D)).copy()


def m_step_vii(scatter, nk, previous=None):
    """VII: varying volume, ``Sigma_k = lambda_k I`` (sklearn's 'spherical').

    ``lambda_k = tr(W_k) / (n_k D)``.
    """
    D = scatter.shape[1]
    lam = np.trace(scatter, axis1=1, axis2=2) / (nk * D)
    return lam[:, np.newaxis, np.newaxis] * np.eye(D)
