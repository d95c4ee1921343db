"""Ellipsoidal models: Sigma_k = lambda_k D_k A_k D_k^T, any orientation.

``lambda_k`` is the volume (|Sigma_k|^(1/D)), ``A_k`` a diagonal shape with
determinant 1, ``D_k`` an orthogonal orientation (eigenvectors). Arguments as
in :mod:`gmmteach.mclust.spherical`; each M-step returns the covariances as
full matrices, shape (K, D, D). Formulas: Celeux & Govaert (1995), and
Browne & McNicholas (2014) for EVE and VVE, as mclust >= 5 computes them.
"""

import numpy as np
from scipy.linalg import lapack

from ._common import geometric_mean, iterate, orthogonal_eigh

__all__ = [
    "m_step_eee",
    "m_step_eev",
    "m_step_eve",
    "m_step_evv",
    "m_step_vee",
    "m_step_vev",
    "m_step_vve",
    "m_step_vvv",
]


def _compose(vectors, eigenvalues):
    # D_k diag(e_k) D_k^T for a stack; vectors (K, D, D) or (D, D), e (K, D)
    return (vectors * eigenvalues[:, np.newaxis, :]) @ np.swapaxes(vectors, -1, -2)


def _unit_determinant(matrices):
    # C / |C|^(1/D), and |C|^(1/D): a volume and a shape-and-orientation
    D = matrices.shape[-1]
    volume = np.exp(np.linalg.slogdet(matrices)[1] / D)
    return matrices / volume[..., np.newaxis, np.newaxis], volume


def m_step_eee(scatter, nk, previous=None):
    """EEE: one covariance for all, ``Sigma = sum_k W_k / n`` (sklearn's 'tied')."""
    return np.broadcast_to(scatter.sum(axis=0) / nk.sum(), scatter.shape).copy()


def m_step_vvv(scatter, nk, previous=None):
    """VVV: ``Sigma_k = W_k / n_k`` (sklearn's 'full')."""
    return scatter / nk[:, np.newaxis, np.newaxis]


def m_step_evv(scatter, nk, previous=None):
    """EVV: equal volume, ``Sigma_k = lambda C_k`` with ``|C_k| = 1``.

    ``C_k = W_k / |W_k|^(1/D)`` and ``lambda = sum_k |W_k|^(1/D) / n``.
    """
    shapes, volumes = _unit_determinant(scatter)
    return volumes.sum() / nk.sum() * shapes


def m_step_eev(scatter, nk, previous=None):
    """EEV: equal volume and shape, ``Sigma_k = lambda D_k A D_k^T``.

    With ``W_k = L_k Omega_k L_k^T`` (eigenvalues in decreasing order):
    ``D_k = L_k`` and ``lambda A = sum_k Omega_k / n``.
    """
    omega, vectors = orthogonal_eigh(scatter)
    common = omega.sum(axis=0) / nk.sum()
    return _compose(vectors, np.tile(common, (len(nk), 1)))


def m_step_vev(scatter, nk, previous=None):
    """VEV: varying volume, equal shape, ``Sigma_k = lambda_k D_k A D_k^T``.

    ``D_k = L_k`` (eigenvectors of W_k, eigenvalues Omega_k decreasing); then
    alternately (mclust's ``mevev``)
    ``lambda_k = tr(Omega_k A^{-1}) / (D n_k)`` and
    ``A = sum_k Omega_k / lambda_k`` divided by its determinant^(1/D).
    Convex in (log lambda, log A): the optimum does not depend on the start.
    """
    omega, vectors = orthogonal_eigh(scatter)
    D = scatter.shape[1]
    start = omega.sum(axis=0) if previous is None else orthogonal_eigh(previous[0])[0]

    def update(state):
        lam = (omega / state[1]).sum(axis=1) / (D * nk)
        shape = (omega / lam[:, np.newaxis]).sum(axis=0)
        return lam, shape / geometric_mean(shape)

    def covariances_of(state):
        return _compose(vectors, state[0][:, np.newaxis] * state[1])

    return iterate(update, update((None, start / geometric_mean(start))),
                   covariances_of)


def m_step_vee(scatter, nk, previous=None):
    """VEE: varying volume, ``Sigma_k = lambda_k C`` with ``|C| = 1``.

    Alternately (mclust's ``msvee``) ``C = sum_k W_k / lambda_k`` divided by
    its determinant^(1/D), and ``lambda_k = tr(W_k C^{-1}) / (D n_k)``;
    started from the previous volumes (or ``lambda_k = 1``).
    """
    D = scatter.shape[1]
    lam = np.ones(len(nk)) if previous is None else _unit_determinant(previous)[1]

    def update(state):
        common, _ = _unit_determinant((scatter / state[0][:, None, None]).sum(axis=0))
        inverse = np.linalg.inv(common)
        lam = np.einsum("kij,ji->k", scatter, inverse) / (D * nk)
        return lam, common

    def covariances_of(state):
        return state[0][:, np.newaxis, np.newaxis] * state[1]

    return iterate(update, update((lam, None)), covariances_of)


def _polar(F):
    """``P R^T`` for ``F = P B R^T``: the orthogonal matrix nearest to F.

    LAPACK's ``dgesdd`` called directly: a third of ``numpy.linalg.svd``'s
    time on these 4 x 4 matrices, and this runs twice per inner sweep.
    """
    P, _, Rt, info = lapack.dgesdd(F)
    if info != 0:
        raise np.linalg.LinAlgError("SVD did not converge")
    return P @ Rt


def _orientation_mm(scatter, orientation, shapes, omega):
    """One Browne & McNicholas (2014) MM sweep for a common orientation D.

    Lowers ``f(D) = sum_k tr(W_k D A_k^{-1} D^T)`` over orthogonal D twice:
    MM1 majorises with ``omega_k`` (largest eigenvalue of W_k),
    ``F = sum_k A_k^{-1} (D^T W_k - omega_k D^T)``, ``F = P B R^T``,
    ``D = R P^T``; MM2 with ``a_k = max_j 1/A_kj``,
    ``F = sum_k W_k D (A_k^{-1} - a_k I)``, ``D = P R^T``.

    Parameters
    ----------
    scatter : ndarray of shape (K, D, D)
    orientation : ndarray of shape (D, D)
    shapes : ndarray of shape (K, D), the diagonals of A_k
    omega : ndarray of shape (K,)

    Returns
    -------
    orientation : ndarray of shape (D, D)
    """
    inv = 1.0 / shapes
    F = (np.einsum("kj,kjl->jl", inv, orientation.T @ scatter)
         - (omega @ inv)[:, np.newaxis] * orientation.T)
    orientation = _polar(F).T
    F = np.einsum("kij,kj->ij", scatter @ orientation,
                  inv - inv.max(axis=1)[:, np.newaxis])
    return _polar(F)


def _common_orientation(scatter, nk, previous, volumes, weighted):
    """Iterate (D, A_k) for the models with one orientation D (EVE, VVE).

    Each sweep: the MM steps for D (on ``W_k / lambda_k`` when ``weighted``,
    else on ``W_k``), then ``A_k = diag(D^T W_k D)`` divided by
    its determinant^(1/D), and volumes ``g_k = |diag(D^T W_k D)|^(1/D)``
    turned into ``lambda_k`` by ``volumes(g, nk)``. Starts from the previous
    M-step's D and A_k (the last M-step's optimum, so Q never drops), or from
    ``D = I, A_k = I`` as mclust does on its first iteration.
    """
    K, D, _ = scatter.shape
    if previous is None:
        orientation, shapes = np.eye(D), np.ones((K, D))
    else:
        orientation = orthogonal_eigh(np.tensordot(np.arange(1.0, K + 1), previous, 1))[1]
        shapes = np.diagonal(orientation.T @ previous @ orientation, axis1=1, axis2=2)
        shapes = shapes / geometric_mean(shapes)[:, np.newaxis]

    omega = orthogonal_eigh(scatter)[0][:, 0]  # largest eigenvalue of each W_k

    def update(state):
        # weighted: W_k / lambda_k, whose largest eigenvalue is omega_k / lambda_k
        scale = state[2] if weighted else np.ones(K)
        orientation = _orientation_mm(scatter / scale[:, None, None], state[0],
                                      state[1], omega / scale)
        diag = np.diagonal(orientation.T @ scatter @ orientation, axis1=1, axis2=2)
        g = geometric_mean(diag)
        return orientation, diag / g[:, np.newaxis], volumes(g, nk)

    def covariances_of(state):
        return _compose(state[0], state[2][:, np.newaxis] * state[1])

    lam = np.ones(K) if previous is None else _unit_determinant(previous)[1]
    return iterate(update, update((orientation, shapes, lam)), covariances_of)


def m_step_eve(scatter, nk, previous=None):
    """EVE: equal volume and orientation, varying shape, ``lambda D A_k D^T``.

    ``D`` by Browne & McNicholas' MM algorithm, ``A_k`` from
    ``diag(D^T W_k D)`` and ``lambda = sum_k |diag(D^T W_k D)|^(1/D) / n``.
    """
    return _common_orientation(scatter, nk, previous,
                               lambda g, nk: np.full(len(nk), g.sum() / nk.sum()),
                               weighted=False)


def m_step_vve(scatter, nk, previous=None, as_mclust=False):
    """VVE: equal orientation only, ``Sigma_k = lambda_k D A_k D^T``.

    As EVE, with ``lambda_k = |diag(D^T W_k D)|^(1/D) / n_k``; the MM steps
    for D use ``W_k / lambda_k``, so each sweep raises Q and the
    log-likelihood never drops. mclust 6.0's ``msvve`` uses ``W_k`` there
    (leaving out ``lambda_k``), which is exact only when the volumes are
    equal: its log-likelihood can fall (by 0.05 on Iris, K=3) and ends lower
    (-215.24 against -214.05 here). ``as_mclust=True`` computes mclust's
    step, which the oracle tests compare with R.
    """
    return _common_orientation(scatter, nk, previous, lambda g, nk: g / nk,
                               weighted=not as_mclust)
