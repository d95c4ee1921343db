"""Variational Bayesian EM for a Gaussian mixture, one inspectable step at a time.

``vb_steps`` is the second generator beside :func:`gmmteach.em_steps`: it
yields a frozen :class:`VBStep` for the initial posterior, then for every
variational E-step and M-step. The estimator
:class:`gmmteach.BayesianGaussianMixture`, the widgets and the tests read
these records, so there is one variational code path.

The E-step is EM's with expectations in place of parameters
(``E[ln pi_k]``, ``E[ln N(x | mu_k, Lambda_k)]``); the M-step turns the
responsibilities into the posterior's parameters (Bishop section 10.2).

Introduced in lessons/11_bayesian_gmm.ipynb.
"""

import numpy as np

from .._checks import (
    check_log_resp, check_nonnegative, check_positive_int, check_resp, check_sample_weight,
    check_soft_assignments, check_X,
)
from .._checks.records import check_vb_params, check_vb_prior
from ..covariance import precisions_cholesky_from_covariances
from ..em import estimate_params, logsumexp
from ..params import read_only
from ..sample_weights import weigh
from .gaussian_wishart import (expected_log_gaussian, mean_update, wishart_log_normalizer,
                               wishart_update)
from .prior import _vb_prior
from .records import VBParams, VBStep, freeze_vb_params
from .weights import _WEIGHT_PRIORS, weights_log_normalizer, weights_update

__all__ = ["elbo", "vb_e_step", "vb_m_step", "vb_steps"]


def vb_e_step(X, params):
    """Variational E-step: responsibilities from the posterior's expectations.

    ``ln rho_nk = E[ln pi_k] + E[ln N(x_n | mu_k, Lambda_k^-1)]`` (Bishop
    10.46) and ``r_nk = rho_nk / sum_j rho_nj`` (10.49), in log space.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    params : VBParams

    Returns
    -------
    log_resp : ndarray of shape (n_samples, n_components)
    log_prob_norm : ndarray of shape (n_samples,)
        ``ln sum_k rho_nk`` (sklearn's ``score_samples``).
    """
    params = check_vb_params(params)
    return _vb_e_step(check_X(X, n_features=params.n_features), params)


def _vb_e_step(X, params):
    # vb_e_step without its checks (vb_steps checks once, then loops)
    weighted = expected_log_gaussian(X, params)
    weighted += _WEIGHT_PRIORS[params.weight_concentration_prior_type].expected_log(
        params.weight_concentration)
    log_prob_norm = logsumexp(weighted)
    with np.errstate(under="ignore"):
        weighted -= log_prob_norm[:, np.newaxis]  # now log_resp
    return weighted, log_prob_norm


def vb_m_step(X, resp, prior, reg_covar=1e-6, sample_weight=None):
    """Variational M-step: the posterior given responsibilities (Bishop 10.58-10.63).

    From ``N_k``, ``xbar_k`` and ``S_k`` (EM's statistics, ``reg_covar`` on
    the diagonal): the weights' posterior (Dirichlet or sticks), then the
    means' (``beta_k, m_k``), then the precisions' (``nu_k, W_k``).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    resp : ndarray of shape (n_samples, n_components)
    prior : VBPrior
    reg_covar : float
    sample_weight : ndarray of shape (n_samples,), optional
        Checked sample weights: ``N_k = sum_n w_n r_nk`` and so on.

    Returns
    -------
    VBParams
    """
    prior = check_vb_prior(prior)
    X = check_X(X, n_features=len(prior.mean_prior))
    resp = check_resp(resp, X.shape[0])
    reg_covar = check_nonnegative(reg_covar, "reg_covar",
                                  "use a small positive value such as 1e-6.")
    sample_weight = check_sample_weight(sample_weight, X.shape[0])
    return _vb_m_step(X, resp, prior, reg_covar, sample_weight)


def _vb_m_step(X, resp, prior, reg_covar=1e-6, sample_weight=None):
    # vb_m_step without its checks
    cov_type = prior.covariance_type
    nk, xk, sk = estimate_params(X, resp, reg_covar, cov_type,
                                 sample_weight=sample_weight)
    weight_concentration = weights_update(nk, prior.weight_concentration_prior,
                                          prior.weight_concentration_prior_type)
    mean_precision, means = mean_update(nk, xk, prior.mean_precision_prior,
                                        prior.mean_prior)
    dof, covariances = wishart_update(nk, xk, sk, mean_precision, prior)
    prec_chol = precisions_cholesky_from_covariances(covariances, cov_type)
    return freeze_vb_params(weight_concentration, mean_precision, means, dof,
                            covariances, prec_chol, cov_type,
                            prior.weight_concentration_prior_type)


def elbo(params, resp, log_resp, sample_weight=None):
    """The evidence lower bound right after an M-step, up to a constant.

    With the posterior q(pi, mu, Lambda) just updated from ``resp``, most of
    Bishop's terms (10.70-10.77) cancel and the bound is a sum of entropies
    and log normalisers::

        L = -sum_nk r_nk ln r_nk - sum_k ln B(W_k, nu_k) - ln C(weights)
            - D/2 sum_k ln beta_k  + const

    where ``const`` depends only on the prior and N (sklearn drops it too,
    so this is sklearn's ``lower_bound_``). It never decreases from one
    iteration to the next (exactly so when ``reg_covar = 0``).

    Parameters
    ----------
    params : VBParams
        The posterior after the M-step.
    resp, log_resp : ndarray of shape (n_samples, n_components)
        The responsibilities that M-step used, and their logarithm.
    sample_weight : ndarray of shape (n_samples,), optional
        Row n's entropy counts ``w_n`` times (as if repeated).

    Returns
    -------
    float
    """
    params = check_vb_params(params)
    resp = check_soft_assignments(resp)
    if resp.shape[1] != params.n_components:
        raise ValueError(f"resp has {resp.shape[1]} columns but params has "
                         f"{params.n_components} components; pass the resp of the M-step "
                         "that made params.")
    log_resp = check_log_resp(log_resp, resp.shape)
    sample_weight = check_sample_weight(sample_weight, resp.shape[0])
    return _elbo(params, resp, log_resp, sample_weight)


def _elbo(params, resp, log_resp, sample_weight=None):
    # elbo without its checks
    entropy = -np.sum(weigh(resp, sample_weight) * log_resp)
    log_c = weights_log_normalizer(params.weight_concentration,
                                   params.weight_concentration_prior_type)
    return float(entropy - wishart_log_normalizer(params) - log_c
                 - 0.5 * params.n_features * np.sum(np.log(params.mean_precision)))


def _check_vb_args(X, initial_resp, initial_params, reg_covar, tol, max_iter):
    check_nonnegative(reg_covar, "reg_covar", "use a small positive value such as 1e-6.")
    check_nonnegative(tol, "tol", "use 0 to run exactly max_iter iterations.")
    check_positive_int(max_iter, "max_iter", minimum=0)
    if (initial_resp is None) == (initial_params is None):
        raise ValueError(
            "Give exactly one start: initial_resp (an (n_samples, n_components) "
            "array, e.g. from gmmteach.initial_resp) or initial_params (a VBParams)."
        )
    if initial_params is not None:
        check_vb_params(initial_params, "initial_params")
    if initial_params is not None:
        return check_X(X, n_components=initial_params.n_components,
                       n_features=initial_params.n_features), None
    X = check_X(X)
    return X, _check_resp(initial_resp, X.shape[0])


def _check_resp(initial_resp, n_samples):
    resp = check_resp(initial_resp, n_samples, "initial_resp")
    if resp.shape[1] < 1:
        raise ValueError("initial_resp must have at least one column (one per component).")
    return read_only(resp)


def _check_start_matches(params, prior):
    if (params.covariance_type, params.weight_concentration_prior_type) != (
            prior.covariance_type, prior.weight_concentration_prior_type):
        raise ValueError(
            f"initial_params are for covariance_type={params.covariance_type!r} and "
            f"weight_concentration_prior_type={params.weight_concentration_prior_type!r}; "
            "pass the same covariance_type and weight_concentration_prior_type."
        )


def vb_steps(X, initial_resp=None, *, covariance_type="full",
             weight_concentration_prior_type="dirichlet_process",
             weight_concentration_prior=None, mean_precision_prior=None,
             mean_prior=None, degrees_of_freedom_prior=None, covariance_prior=None,
             reg_covar=1e-6, tol=1e-3, max_iter=100, initial_params=None,
             previous_elbo=-np.inf, sample_weight=None):
    """Run variational Bayesian EM and yield every step as a frozen :class:`VBStep`.

    Yields the initial posterior (one M-step from ``initial_resp``, as
    sklearn's initialisation), then for ``t = 1, 2, ...`` the E-step (new
    responsibilities) and the M-step (new posterior and its ELBO). Stops
    after the M-step whose ELBO changed by less than ``tol`` (sklearn's
    rule), or after ``max_iter`` iterations.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    initial_resp : array-like of shape (n_samples, n_components)
        Starting responsibilities (e.g. :func:`gmmteach.initial_resp`).
    covariance_type : {'full', 'tied', 'diag', 'spherical'}, default='full'
    weight_concentration_prior_type : {'dirichlet_process', 'dirichlet_distribution'}
    weight_concentration_prior, mean_precision_prior, mean_prior, \
degrees_of_freedom_prior, covariance_prior : optional
        The prior; None takes sklearn's default (see :mod:`gmmteach.vb.prior`).
    reg_covar : float, default=1e-6
        Added to the diagonal of every ``S_k``.
    tol : float, default=1e-3
        Convergence threshold on the change of the ELBO.
    max_iter : int, default=100
    initial_params : VBParams, optional
        Start from this posterior instead of ``initial_resp`` (a warm start).
    previous_elbo : float, default=-inf
        What the first change is measured from (a warm start passes the
        previous fit's ``lower_bound_``, as sklearn does).
    sample_weight : array-like of shape (n_samples,), optional
        How many times each row counts (>= 0, not all 0): the statistics are
        weighted and the prior's defaults are X's weighted mean and
        covariance, so integer weights give the fit on repeated rows.

    Yields
    ------
    VBStep
    """
    X, resp0 = _check_vb_args(X, initial_resp, initial_params, reg_covar, tol, max_iter)
    sample_weight = check_sample_weight(sample_weight, X.shape[0])
    n_components = initial_params.n_components if resp0 is None else resp0.shape[1]
    prior = _vb_prior(X, n_components, covariance_type, weight_concentration_prior_type,
                     weight_concentration_prior, mean_precision_prior, mean_prior,
                     degrees_of_freedom_prior, covariance_prior, sample_weight)
    if initial_params is None:
        initial_params = _vb_m_step(X, resp0, prior, reg_covar, sample_weight)
    _check_start_matches(initial_params, prior)
    return _iterate(X, initial_params, resp0, prior, reg_covar, tol, max_iter,
                    previous_elbo, sample_weight)


def _iterate(X, params, resp0, prior, reg_covar, tol, max_iter, previous_elbo,
             sample_weight):
    # The loop itself: E-step, M-step, bound, stop when it settles
    yield VBStep(0, "init", params, resp=resp0)
    bound = previous_elbo
    for iteration in range(1, max_iter + 1):
        log_resp, _ = _vb_e_step(X, params)
        resp = read_only(np.exp(log_resp), copy=False)
        yield VBStep(iteration, "E", params, resp)
        params = _vb_m_step(X, resp, prior, reg_covar, sample_weight)
        new_bound = _elbo(params, resp, log_resp, sample_weight)
        change, bound = new_bound - bound, new_bound
        converged = bool(abs(change) < tol)
        yield VBStep(iteration, "M", params, resp, bound, float(change), converged)
        if converged:
            return
