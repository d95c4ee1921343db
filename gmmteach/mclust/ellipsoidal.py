"""Ellipsoidal models: Sigma_k = lambda_k D_k A_k D_k^T, any orientation.

``lambda_k`` is the volume (|Sigma_k|^(1/D)), ``A_k`` a diagonal shape with
determinant 1, ``D_k`` an orthogonal orientation (eigenvectors). Arguments as
in :mod:`gmmteach.mclust.spherical`; each M-step returns the covariances as
full matrices, shape (K, D, D). Formulas: Celeux & Govaert (1995); for EVE
and VVE the optimum mclust >= 5 computes by Browne & McNicholas' (2014) MM
algorithm, reached here by Newton steps for all the angles of D at once,
with plane rotations (Flury & Gautschi 1986) where Newton's step would not
lower the objective: a handful of steps per M-step, each never lowering Q.
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


def _sum_of_volumes(diag, nk):
    """``f = sum_k g_k``, ``g_k = (prod_j m_kj)^(1/D)``, and its derivatives in m.

    EVE's Q for a given orientation is ``-n D/2 log(sum_k g_k / n)`` plus a
    constant (the volume and shapes put in at their optimum), so its D
    minimises f; mclust's VVE turns D by the same f.

    Parameters
    ----------
    diag : ndarray of shape (K, D), ``m_kj = d_j^T W_k d_j``
    nk : ndarray of shape (K,)

    Returns
    -------
    f : float
    first : ndarray of shape (K, D), ``df / dm_kj = g_k / (D m_kj)``
    second : ndarray of shape (K, D, D), ``d2f / dm_kj dm_kl``
    """
    D = diag.shape[1]
    g = geometric_mean(diag)
    first = g[:, np.newaxis] / (D * diag)
    second = first[:, :, np.newaxis] * first[:, np.newaxis, :] / g[:, None, None]
    second[:, np.arange(D), np.arange(D)] -= first / diag
    return g.sum(), first, second


def _sum_of_log_variances(diag, nk):
    """``f = sum_k n_k sum_j log m_kj`` and its derivatives in m (see above).

    VVE's Q for a given orientation is ``-f / 2`` plus a constant (each
    ``lambda_k A_kj = m_kj / n_k`` put in), so its D minimises f.
    """
    first = nk[:, np.newaxis] / diag
    second = np.zeros(diag.shape + diag.shape[-1:])
    second[:, np.arange(diag.shape[1]), np.arange(diag.shape[1])] = -first / diag
    return (nk[:, np.newaxis] * np.log(diag)).sum(), first, second


def _jacobi_sweep(M, objective, nk):
    """One sweep of plane rotations lowering ``f(m)``, ``m_kj = (D^T W_k D)_jj``.

    Both objectives f are concave in m, so f is below its tangent plane:
    a rotation that lowers the tangent's ``sum_kj w_kj m_kj``
    (``w = df/dm``) lowers f. Turning columns p and q by an angle t changes
    that sum by ``a cos 2t + b sin 2t`` (plus a constant), with
    ``a = sum_k (w_kp - w_kq) (M_kpp - M_kqq) / 2`` and
    ``b = sum_k (w_kp - w_kq) M_kpq``: its minimum, ``2t = atan2(-b, -a)``,
    is taken exactly (Flury & Gautschi's algorithm for common principal
    components), so f never rises. Column j enters only through ``m_kj``,
    so the disjoint pairs of a round (:func:`_rounds`) turn together, as one
    rotation; the weights w are renewed before each round.

    Parameters
    ----------
    M : ndarray of shape (K, D, D), ``D^T W_k D`` for the current D
    objective : callable, ``(m, nk) -> (f, df/dm, d2f/dm2)``
    nk : ndarray of shape (K,)

    Returns
    -------
    rotation : ndarray of shape (D, D), the new D is ``D @ rotation``
    """
    rotation = np.eye(M.shape[-1])
    for p, q in _rounds(M.shape[-1]):
        w = objective(np.diagonal(M, axis1=1, axis2=2), nk)[1]
        weight = w[:, p] - w[:, q]
        a = 0.5 * (weight * (M[:, p, p] - M[:, q, q])).sum(axis=0)
        b = (weight * M[:, p, q]).sum(axis=0)
        angle = 0.5 * np.arctan2(-b, -a)
        turn = np.eye(len(rotation))
        turn[p, p] = turn[q, q] = np.cos(angle)
        turn[q, p] = np.sin(angle)  # column p <- c p + s q, column q <- c q - s p
        turn[p, q] = -turn[q, p]
        rotation = rotation @ turn
        M = turn.T @ M @ turn
    return rotation


@functools.lru_cache(maxsize=None)
def _generators(n_features):
    """The turns of each plane, ``E_a = e_q e_p^T - e_p e_q^T`` for pairs p < q.

    ``D expm(t E_a)`` turns column p towards q by the angle t.

    Returns
    -------
    columns : ndarray of shape (D, P, D), row a of ``columns[j]`` is ``E_a e_j``
    E : ndarray of shape (P, D, D), P = D (D - 1) / 2
    EE : ndarray of shape (P, P, D, D), ``E_a E_b + E_b E_a``
    """
    p, q = np.triu_indices(n_features, 1)
    E = np.zeros((len(p), n_features, n_features))
    E[np.arange(len(p)), q, p], E[np.arange(len(p)), p, q] = 1.0, -1.0
    EE = np.einsum("aij,bjl->abil", E, E)
    return E.transpose(2, 0, 1).copy(), E, EE + np.swapaxes(EE, 0, 1)


def _angle_derivatives(M, first, second):
    """Gradient and Hessian of f in the angles ``t`` of ``D' = D expm(S)``.

    ``S = sum_a t_a E_a`` (:func:`_generators`); column j of D' is
    ``e_j + S e_j + S^2 e_j / 2 + ...`` in D's basis, so
    ``dm_kj/dt_a = 2 e_j^T M_k E_a e_j`` and
    ``d2m_kj/dt_a dt_b = 2 (E_a e_j)^T M_k (E_b e_j) + e_j^T M_k (E_a E_b + E_b E_a) e_j``
    at t = 0; the chain rule through f's derivatives in m gives the rest.

    Parameters
    ----------
    M : ndarray of shape (K, D, D), ``D^T W_k D``
    first, second : ndarrays of shape (K, D) and (K, D, D), f's derivatives in m

    Returns
    -------
    gradient : ndarray of shape (P,)
    hessian : ndarray of shape (P, P)
    """
    columns, E, EE = _generators(M.shape[-1])
    dm = 2 * np.einsum("kji,aij->kja", M, E)  # (K, D, P)
    d2m = (2 * columns @ M[:, np.newaxis] @ columns.transpose(0, 2, 1)  # (K, D, P, P)
           + np.einsum("kji,abij->kjab", M, EE))
    gradient = np.einsum("kj,kja->a", first, dm)
    hessian = (np.tensordot(first, d2m, 2)  # f's slope along m times m's curvature,
               + np.einsum("kja,kjb->ab", dm, second @ dm))  # and f's curvature
    return gradient, hessian


def _newton_rotation(M, first, second):
    """Newton's step for all the angles at once, or None where f is not convex.

    Where the Hessian H (:func:`_angle_derivatives`) is positive definite
    the step ``t = -H^-1 g`` is taken, through the Cayley transform
    ``(I - S/2)^-1 (I + S/2)``: orthogonal, and equal to expm(S) to second
    order, so the steps converge quadratically near the optimum.

    Returns
    -------
    rotation : ndarray of shape (D, D), or None
    """
    gradient, hessian = _angle_derivatives(M, first, second)
    if not np.all(np.linalg.eigvalsh(hessian) > 0):  # NaN too: not convex here
        return None
    S = np.tensordot(np.linalg.solve(hessian, -gradient), _generators(len(M[0]))[1], 1)
    identity = np.eye(len(S))
    return np.linalg.solve(identity - S / 2, identity + S / 2)


def _orientation_step(M, objective, nk):
    """A rotation that never raises f: Newton's where f does not rise, else a sweep.

    Returns
    -------
    rotation : ndarray of shape (D, D)
    M : ndarray of shape (K, D, D), ``rotation^T M rotation``
    """
    value, first, second = objective(np.diagonal(M, axis1=1, axis2=2), nk)
    rotation = _newton_rotation(M, first, second)
    if rotation is not None:
        turned = rotation.T @ M @ rotation
        # <=: at the optimum a step of rounding size leaves f as it is
        if objective(np.diagonal(turned, axis1=1, axis2=2), nk)[0] <= value:
            return rotation, turned
    rotation = _jacobi_sweep(M, objective, nk)
    return rotation, rotation.T @ M @ rotation


def _common_orientation(scatter, nk, previous, volumes, objective):
    """Iterate D for the models with one orientation D (EVE, VVE).

    Only D is iterated: for a given D, ``A_k = diag(D^T W_k D)`` divided by
    its determinant^(1/D) and volumes ``g_k = |diag(D^T W_k D)|^(1/D)``,
    turned into ``lambda_k`` by ``volumes(g, nk)``, are Q's maximisers, so
    Q is a function ``objective`` of ``m_kj = (D^T W_k D)_jj`` alone, to be
    lowered. Each step turns D (:func:`_orientation_step`): a Newton step
    where it does not raise the objective, else a sweep of plane rotations
    that cannot raise it, so Q never drops (beyond rounding). Near the
    optimum Newton's steps converge quadratically: 2 to 5 steps per M-step
    of EM (bench_mclust's data), where the sweeps alone, which converge
    linearly, took 5 to 30. Starts from the previous M-step's D (that of
    the last optimum; its covariances share their eigenvectors),
    or from ``D = I`` as mclust does on its first iteration. mclust reaches
    the same optimum by Browne & McNicholas' (2014) MM steps for D, which
    need many more iterations.
    """
    K, D, _ = scatter.shape
    if previous is None:
        orientation = np.eye(D)
    else:
        orientation = orthogonal_eigh(np.tensordot(np.arange(1.0, K + 1), previous, 1))[1]

    def update(state):
        orientation, M = state[0], state[3]
        rotation, M = _orientation_step(M, objective, nk)
        orientation = orientation @ rotation
        diag = np.diagonal(M, axis1=1, axis2=2)
        g = geometric_mean(diag)
        return orientation, diag / g[:, np.newaxis], volumes(g, nk), M

    def covariances_of(state):
        return _compose(state[0], state[2][:, np.newaxis] * state[1])

    M = orientation.T @ scatter @ orientation
    return iterate(update, update((orientation, None, None, M)), covariances_of)


def m_step_eve(scatter, nk, previous=None):
    """EVE: equal volume and orientation, varying shape, ``lambda D A_k D^T``.

    ``D`` minimises ``sum_k |diag(D^T W_k D)|^(1/D)``, ``A_k`` from
    ``diag(D^T W_k D)`` and ``lambda = sum_k |diag(D^T W_k D)|^(1/D) / n``.
    """
    return _common_orientation(scatter, nk, previous,
                               lambda g, nk: np.full(len(nk), g.sum() / nk.sum()),
                               _sum_of_volumes)


def m_step_vve(scatter, nk, previous=None, as_mclust=False):
    """VVE: equal orientation only, ``Sigma_k = lambda_k D A_k D^T``.

    As EVE, with ``lambda_k = |diag(D^T W_k D)|^(1/D) / n_k``; D minimises
    ``sum_k n_k log |diag(D^T W_k D)|``, so each step raises Q and the
    log-likelihood never drops. mclust 6.0's ``msvve`` turns D by EVE's
    objective instead (its MM weights leave out ``lambda_k``), which is
    exact only when the volumes are equal: its log-likelihood can fall (by
    0.05 on Iris, K=3) and ends lower (-215.24 against -214.05 here).
    ``as_mclust=True`` computes mclust's step, which the oracle tests
    compare with R.
    """
    objective = _sum_of_volumes if as_mclust else _sum_of_log_variances
    return _common_orientation(scatter, nk, previous, lambda g, nk: g / nk, objective)
