"""Why EM climbs: the lower bound L(q, θ) and the gap KL(q ‖ p) to the likelihood.

For any responsibilities ``q`` (each row a distribution over the K
components) and any parameters θ, the total log-likelihood splits in two
(Bishop, PRML §9.4, eq. 9.70)::

    ln p(X | θ) = L(q, θ) + KL(q ‖ p(Z | X, θ))

    L(q, θ)  = sum_n sum_k q_nk [ln pi_k + ln N(x_n | mu_k, Sigma_k) - ln q_nk]
    KL(q ‖ p) = sum_n sum_k q_nk [ln q_nk - ln r_nk(θ)]

where ``r_nk(θ)`` are the responsibilities the E-step computes from θ. The
KL divergence is >= 0, so L is a lower bound; the E-step sets q = r(θ_old)
and the gap to zero (the bound touches the likelihood at θ_old); the M-step
maximises L over θ for that q. So ln p(X | θ_new) >= L(q, θ_new) >=
L(q, θ_old) = ln p(X | θ_old): EM cannot lower the likelihood (Dempster,
Laird & Rubin 1977).

All values here are **totals** over the samples, as in PRML; an
:class:`~gmmteach.EMStep`'s ``log_likelihood`` is the **mean** per sample
(multiply it by ``n_samples`` to compare). A term with ``q_nk = 0`` counts
0 (the limit of ``q ln q``), whatever the other factor.

Introduced in lessons/03_why_em_works.ipynb.
"""

import numpy as np

from ._checks import (
    check_array, check_int, check_nonnegative, check_resp, check_soft_assignments, check_X,
)
from ._checks.records import check_params
from .combine import _xlogx  # r log r with 0 log 0 = 0, shared with the merging
from .em import e_step, logsumexp
from .gaussian import log_gaussian_prob
from .params import WEIGHTS_SUM_TOL

__all__ = [
    "lower_bound",
    "kl_gap",
    "log_likelihood",
    "log_likelihood_profile",
    "lower_bound_profile",
    "reg_covar_penalty",
]


_NO_RESP = object()  # _check's resp not given (None, given, is refused)


def _check(X, params, resp=_NO_RESP):
    """X as a float array that fits ``params``, and q as rows that sum to one."""
    params = check_params(params)
    X = check_X(X, n_features=params.n_features)
    if resp is _NO_RESP:
        return X, None
    resp = check_resp(resp, len(X))
    if resp.shape != (len(X), params.n_components):
        raise ValueError(f"resp must have shape (n_samples, n_components) = "
                         f"{(len(X), params.n_components)}, got {resp.shape}.")
    if np.any(np.abs(resp.sum(axis=1) - 1) > WEIGHTS_SUM_TOL):
        raise ValueError("resp must hold probabilities: each row >= 0 and summing to 1 "
                         "(exponentiate log-responsibilities, then divide each row by "
                         "its sum).")
    return X, resp


def _weighted_log_prob(X, params):
    """``ln pi_k + ln N(x_n | mu_k, Sigma_k)``, shape (n_samples, n_components)."""
    log_prob = log_gaussian_prob(X, params.means, params.precisions_cholesky,
                                 params.covariance_type)
    with np.errstate(divide="ignore"):  # ln 0 = -inf for a component of weight 0
        return log_prob + np.log(params.weights)


def _expect(resp, terms):
    """``sum_n sum_k q_nk * terms_nk``, a term with q_nk = 0 counting 0."""
    resp = np.asarray(resp, dtype=float)
    with np.errstate(invalid="ignore"):  # 0 * -inf, dropped by the where
        return float(np.where(resp > 0, resp * terms, 0.0).sum())


def _entropy(resp):
    """``-sum_n sum_k q_nk ln q_nk``, the entropy of q (0 ln 0 = 0)."""
    return -_xlogx(np.asarray(resp, dtype=float)).sum()


def log_likelihood(X, params):
    """Total log-likelihood ``ln p(X | θ) = sum_n ln sum_k pi_k N(x_n | mu_k, Sigma_k)``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    params : GMMParams

    Returns
    -------
    float
    """
    X, _ = _check(X, params)
    return float(e_step(X, params)[1].sum())


def lower_bound(X, params, resp):
    """The lower bound ``L(q, θ)`` for responsibilities ``q = resp``.

    ``L(q, θ) = sum_nk q_nk [ln pi_k + ln N(x_n | mu_k, Sigma_k)] - sum_nk q_nk ln q_nk``:
    the expected complete-data log-likelihood under q plus the entropy of q.
    It is at most ``ln p(X | θ)``, with equality when q = e_step(X, θ)'s
    responsibilities.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    params : GMMParams
        θ: weights, means and covariances.
    resp : ndarray of shape (n_samples, n_components)
        q: rows of non-negative numbers that sum to one.

    Returns
    -------
    float
    """
    X, resp = _check(X, params, resp)
    return _expect(resp, _weighted_log_prob(X, params)) + _entropy(resp)


def kl_gap(X, params, resp):
    """``KL(q ‖ p(Z | X, θ)) = sum_nk q_nk [ln q_nk - ln r_nk(θ)]``, the bound's gap.

    ``r_nk(θ)`` are the E-step's responsibilities under θ. Non-negative, and
    zero exactly when q equals them; ``log_likelihood - lower_bound``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    params : GMMParams
    resp : ndarray of shape (n_samples, n_components)
        q.

    Returns
    -------
    float
    """
    X, resp = _check(X, params, resp)
    log_resp = e_step(X, params)[0]
    return -_entropy(resp) - _expect(resp, log_resp)


def _grid_log_prob(X, params, component, grid):
    """``ln N(x_n | m_g, Sigma_c)`` for every sample and every mean ``m_g`` of the grid.

    The component's covariance is kept, so the grid's means act as G copies
    of component ``c`` moved to each grid point. Returns shape (n_samples, G).
    """
    c, n_grid = component, len(grid)
    chol = params.precisions_cholesky
    if params.covariance_type != "tied":  # one factor per component: repeat c's
        chol = np.broadcast_to(chol[c], (n_grid, *chol.shape[1:]))
    return log_gaussian_prob(X, grid, chol, params.covariance_type)


def _check_grid(grid, params, component):
    component = check_int(component, "component", 0, params.n_components - 1,
                          "Give the index of the component whose mean moves, e.g. 0.")
    grid = check_array(grid, "grid", hint=f"Pass candidate means of shape (n_grid, "
                       f"{params.n_features}), e.g. np.linspace(-3, 3, 50) per feature.")
    if grid.ndim == 1 and params.n_features == 1:
        grid = grid[:, np.newaxis]
    if grid.ndim != 2 or grid.shape[1] != params.n_features:
        raise ValueError(
            f"grid must hold candidate means of shape (n_grid, {params.n_features}) "
            f"(or (n_grid,) for 1-D data), got shape {grid.shape}.")
    return grid, component


def log_likelihood_profile(X, params, component, grid):
    """``ln p(X | θ)`` as one mean ``mu_c`` moves along ``grid``, the rest of θ fixed.

    ``ln p(X | θ[mu_c = m]) = sum_n ln(pi_c N(x_n | m, Sigma_c) + sum_{k != c} pi_k N(x_n | θ_k))``,
    the other components' sum computed once, in log space (``logaddexp``).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    params : GMMParams
    component : int
        c, whose mean moves.
    grid : ndarray of shape (n_grid, n_features), or (n_grid,) for 1-D data
        The values of ``mu_c``.

    Returns
    -------
    ndarray of shape (n_grid,)
    """
    X, _ = _check(X, params)
    grid, component = _check_grid(grid, params, component)
    weighted = _weighted_log_prob(X, params)
    others = logsumexp(np.delete(weighted, component, axis=1)) if (
        params.n_components > 1) else np.full(len(X), -np.inf)
    with np.errstate(divide="ignore"):
        moved = np.log(params.weights[component]) + _grid_log_prob(X, params, component,
                                                                    grid)
    return np.logaddexp(others[:, np.newaxis], moved).sum(axis=0)


def lower_bound_profile(X, params, resp, component, grid):
    """``L(q, θ)`` as one mean ``mu_c`` moves along ``grid``, q and the rest of θ fixed.

    Only the terms of component c depend on ``mu_c``:
    ``L(q, θ[mu_c = m]) = L(q, θ) + sum_n q_nc [ln N(x_n | m, Sigma_c) - ln N(x_n | mu_c, Sigma_c)]``,
    a downward parabola in m (a quadratic form in m with weight ``N_c = sum_n q_nc``)
    whose top is the M-step's mean ``sum_n q_nc x_n / N_c``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    params : GMMParams
    resp : ndarray of shape (n_samples, n_components)
        q.
    component : int
    grid : ndarray of shape (n_grid, n_features), or (n_grid,) for 1-D data

    Returns
    -------
    ndarray of shape (n_grid,)
    """
    X, resp = _check(X, params, resp)
    grid, component = _check_grid(grid, params, component)
    here = _grid_log_prob(X, params, component, params.means[component][np.newaxis])
    moved = _grid_log_prob(X, params, component, grid)
    q_c = resp[:, component]
    return lower_bound(X, params, resp) + q_c @ (moved - here)


def reg_covar_penalty(params, resp, reg_covar):
    """``P(q, θ) = (reg_covar / 2) sum_k N_k tr(Sigma_k^-1)``, with ``N_k = sum_n q_nk``.

    An M-step with ``reg_covar`` returns ``Sigma_k = S_k + reg_covar I``,
    which maximises ``L(q, θ) - P(q, θ)`` for the E-step's q (not L itself).
    So one iteration can lower ``ln p`` only when P falls (the variances
    grow), and by at most that fall::

        ln p(X | θ_new) - ln p(X | θ_old) >= P(q, θ_new) - P(q, θ_old)

    Parameters
    ----------
    params : GMMParams
    resp : ndarray of shape (n_samples, n_components)
        q, the E-step's responsibilities.
    reg_covar : float

    Returns
    -------
    float
    """
    params = check_params(params)
    resp = check_soft_assignments(resp)
    if resp.shape[1] != params.n_components:
        raise ValueError(f"resp has {resp.shape[1]} columns but params has "
                         f"{params.n_components} components; pass the E-step's resp.")
    reg_covar = check_nonnegative(reg_covar, "reg_covar",
                                  "use the reg_covar of the M-step, e.g. 1e-6.")
    nk = resp.sum(axis=0)
    traces = np.trace(np.linalg.inv(params.full_covariances()), axis1=1, axis2=2)
    return float(0.5 * reg_covar * nk @ traces)
