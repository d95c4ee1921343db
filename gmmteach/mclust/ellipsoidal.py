"""Ellipsoidal models: Sigma_k = lambda_k D_k A_k D_k^T, any orientation.

``lambda_k`` is the volume (|Sigma_k|^(1/D)), ``A_k`` a diagonal shape with
determinant 1, ``D_k`` an orthogonal orientation (eigenvectors). Arguments as
in :mod:`gmmteach.mclust.spherical`; each M-step returns the covariances as
full matrices, shape (K, D, D). Formulas: Celeux & Govaert (1995); for EVE
and VVE the optimum mclust >= 5 computes by Browne & McNicholas' (2014) MM
algorithm, reached here by plane rotations (Flury & Gautschi 1986).
"""

import functools

import numpy as np

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


@functools.lru_cache(maxsize=None)
def _rounds(n_features):
    """Pairs of columns in rounds of disjoint pairs (a round-robin tournament).

    Each of the ``D - 1`` (D even) or ``D`` (D odd) rounds pairs every column
    at most once, and every pair (p, q) meets in exactly one round.

    Returns
    -------
    list of (p, q), two int arrays per round
    """
    players = list(range(n_features + n_features % 2))  # an odd D sits one out
    rounds = []
    for _ in range(len(players) - 1):
        half = len(players) // 2
        pairs = [(min(a, b), max(a, b)) for a, b in
                 zip(players[:half], players[::-1][:half]) if max(a, b) < n_features]
        rounds.append(tuple(np.array(side) for side in zip(*pairs)))
        players = [players[0], players[-1], *players[1:-1]]  # the circle method
    return rounds


def _jacobi_sweep(scatter, orientation, weights_of):
    """One sweep of plane rotations lowering ``f(D) = sum_k tr(W_k D A_k^-1 D^T)``.

    Turning columns p and q of D by an angle t changes f by
    ``a cos 2t + b sin 2t`` (plus a constant), with
    ``a = sum_k (1/A_kp - 1/A_kq) (M_kpp - M_kqq) / 2`` and
    ``b = sum_k (1/A_kp - 1/A_kq) M_kpq``, ``M_k = D^T W_k D``: its minimum,
    ``2t = atan2(-b, -a)``, is taken exactly (Flury & Gautschi's algorithm
    for common principal components), so f never rises. Column j enters f
    only through ``d_j^T W_k d_j``, so the disjoint pairs of a round
    (:func:`_rounds`) turn together, as one rotation matrix. Before each
    round the weights ``1 / (lambda_k A_kj)`` are those that minimise Q for
    the current D (the closed-form step for volumes and shapes), so the
    sweep alternates exact steps and Q never drops.

    Parameters
    ----------
    scatter : ndarray of shape (K, D, D)
    orientation : ndarray of shape (D, D)
    weights_of : callable, ``diag(D^T W_k D)`` (K, D) -> weights (K, D)

    Returns
    -------
    orientation : ndarray of shape (D, D)
    M : ndarray of shape (K, D, D), ``D^T W_k D`` for the new D
    """
    M = orientation.T @ scatter @ orientation
    for p, q in _rounds(orientation.shape[0]):
        inv_shapes = weights_of(np.diagonal(M, axis1=1, axis2=2))
        weight = inv_shapes[:, p] - inv_shapes[:, q]
        a = 0.5 * (weight * (M[:, p, p] - M[:, q, q])).sum(axis=0)
        b = (weight * M[:, p, q]).sum(axis=0)
        angle = 0.5 * np.arctan2(-b, -a)
        turn = np.eye(len(orientation))
        turn[p, p] = turn[q, q] = np.cos(angle)
        turn[q, p] = np.sin(angle)  # column p <- c p + s q, column q <- c q - s p
        turn[p, q] = -turn[q, p]
        orientation = orientation @ turn
        M = turn.T @ M @ turn
    return orientation, M


def _common_orientation(scatter, nk, previous, volumes, weighted):
    """Iterate (D, A_k) for the models with one orientation D (EVE, VVE).

    Each sweep: rounds of plane rotations of D (:func:`_jacobi_sweep`),
    then ``A_k = diag(D^T W_k D)`` divided by its determinant^(1/D), and
    volumes ``g_k = |diag(D^T W_k D)|^(1/D)`` turned into ``lambda_k`` by
    ``volumes(g, nk)``: for a given D these are Q's maximisers, so only D is
    iterated and every step lowers the M-step's objective (Q never drops).
    Starts from the previous M-step's D (that of the last optimum; its
    covariances share their eigenvectors), or from ``D = I`` as mclust does
    on its first iteration. mclust reaches the same optimum by Browne &
    McNicholas' (2014) MM steps for D, which need about five times as many
    sweeps.
    """
    K, D, _ = scatter.shape
    if previous is None:
        orientation = np.eye(D)
    else:
        orientation = orthogonal_eigh(np.tensordot(np.arange(1.0, K + 1), previous, 1))[1]

    def weights_of(diag):
        # 1 / (lambda_k A_kj) for the D that gave diag = diag(D^T W_k D):
        # n_k / diag (VVE: lambda_k A_kj = diag_kj / n_k), or, for weights on
        # W_k alone (EVE, whose lambda is common, and mclust's VVE), g_k / diag
        if weighted:
            return nk[:, np.newaxis] / diag
        return geometric_mean(diag)[:, np.newaxis] / diag

    def update(state):
        orientation, M = _jacobi_sweep(scatter, state[0], weights_of)
        diag = np.diagonal(M, axis1=1, axis2=2)
        g = geometric_mean(diag)
        return orientation, diag / g[:, np.newaxis], volumes(g, nk)

    def covariances_of(state):
        return _compose(state[0], state[2][:, np.newaxis] * state[1])

    return iterate(update, update((orientation,)), covariances_of)


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

    As EVE, with ``lambda_k = |diag(D^T W_k D)|^(1/D) / n_k``; the rotations
    of D use ``W_k / lambda_k``, so each sweep raises Q and the
    log-likelihood never drops. mclust 6.0's ``msvve`` uses ``W_k`` there
    (leaving out ``lambda_k``), which is exact only when the volumes are
    equal: its log-likelihood can fall (by 0.05 on Iris, K=3) and ends lower
    (-215.24 against -214.05 here). ``as_mclust=True`` computes mclust's
    step, which the oracle tests compare with R.
    """
    return _common_orientation(scatter, nk, previous, lambda g, nk: g / nk,
                               weighted=not as_mclust)
