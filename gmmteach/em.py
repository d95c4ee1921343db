"""The EM algorithm for Gaussian mixtures, one inspectable step at a time.

``em_steps`` is a generator: it yields a frozen :class:`EMStep` for the
initial parameters, then for every E-step and every M-step. Everything in
gmmteach that runs EM (the estimator, the widgets, the animations, the tests)
reads these records, so there is exactly one EM code path.

Introduced in lessons/02_em_step_by_step.ipynb.
"""

from dataclasses import dataclass, replace
from typing import Optional

import numpy as np

from ._checks import check_covariance_type, check_nonnegative, check_X
from ._checks import check_positive_int, check_resp, check_sample_weight
from ._checks.records import check_params
from .covariance import estimate_covariances, precisions_cholesky_from_covariances
from .gaussian import log_gaussian_prob
from .params import GMMParams, _freeze, read_only
from .prior import log_prior, map_m_step, resolve_prior
from .sample_weights import total_weight, weigh, weighted_mean

__all__ = ["EMStep", "e_step", "m_step", "em_steps", "estimate_params", "logsumexp"]

# A component that no point is responsible for would have N_k = 0 and a
# division by zero; sklearn adds ten machine epsilons so that its mean is 0/eps
# instead (a harmless value that the next E-step gives no weight to).
NK_FLOOR = 10 * np.finfo(float).eps


@dataclass(frozen=True, eq=False)
class EMStep:
    """One frame of EM: what was computed and the parameters after it.

    Attributes
    ----------
    iteration : int
        0 for the initial state; ``t`` for the E- and M-step of iteration t.
    kind : {'init', 'E', 'M'}
    params : GMMParams
        Parameters after this step (the E-step leaves them unchanged).
    resp : ndarray of shape (n_samples, n_components) or None
        Responsibilities r_nk = p(component k | x_n) from the E-step of this
        iteration (for 'init': the assignment the initialisation started from).
    log_likelihood : float or None
        Mean log-likelihood per sample of the parameters the E-step used,
        ``mean_n log sum_k pi_k N(x_n | mu_k, Sigma_k)``: sklearn's
        ``lower_bound_``; with sample weights the weighted mean
        ``sum_n w_n log p(x_n) / sum_n w_n``. None for the initial state.
    change : float or None
        ``log_likelihood`` minus the previous iteration's (inf at iteration 1).
    converged : bool
        True on the final M-step when ``|change| < tol``.
    objective : float or None
        With a prior (``em_steps(..., prior=...)``): what MAP-EM climbs, per
        sample, ``log_likelihood + log p(params) / n_samples`` (the log prior
        up to a constant, :func:`gmmteach.prior.log_prior`) of the parameters
        the E-step used. It never falls. None without a prior.
    """

    iteration: int
    kind: str
    params: GMMParams
    resp: Optional[np.ndarray] = None
    log_likelihood: Optional[float] = None
    change: Optional[float] = None
    converged: bool = False
    objective: Optional[float] = None

    def without_resp(self):
        """The same record without its (n_samples, n_components) array."""
        return replace(self, resp=None)

    def __repr__(self):
        ll = "None" if self.log_likelihood is None else f"{self.log_likelihood:.6f}"
        return (
            f"EMStep(iteration={self.iteration}, kind={self.kind!r}, "
            f"log_likelihood={ll}, converged={self.converged}, "
            f"weights={np.array2string(self.params.weights, precision=3)})"
        )


def logsumexp(a):
    """``log sum_k exp(a[:, k])`` per row, without overflow or underflow.

    With ``m = max_k a_k``: ``log sum exp(a) = m + log sum exp(a - m)``; the
    largest term becomes ``exp(0) = 1``, so the sum neither overflows nor
    underflows to zero. Equal to ``scipy.special.logsumexp(a, axis=1)`` (see
    tests), without scipy's per-call overhead, which dominates small fits.

    Parameters
    ----------
    a : ndarray of shape (n_samples, n_components)

    Returns
    -------
    ndarray of shape (n_samples,)
    """
    m = a.max(axis=1)
    m[~np.isfinite(m)] = 0.0  # a row of -inf: exp(-inf - 0) = 0, log 0 = -inf
    shifted = a - m[:, np.newaxis]
    np.exp(shifted, out=shifted)  # in place: saves an (n_samples, K) array
    with np.errstate(divide="ignore"):
        return m + np.log(shifted.sum(axis=1))


def e_step(X, params):
    """Expectation: how responsible each component is for each point.

    ``log r_nk = log pi_k + log N(x_n | mu_k, Sigma_k) - log p(x_n)`` with
    ``log p(x_n) = logsumexp_k(log pi_k + log N(x_n | mu_k, Sigma_k))``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    params : GMMParams

    Returns
    -------
    log_resp : ndarray of shape (n_samples, n_components)
    log_prob_norm : ndarray of shape (n_samples,)
        ``log p(x_n)``, the log-likelihood of each sample.
    """
    params = check_params(params)
    X = check_X(X, n_features=params.n_features)
    return _e_step(X, params)


def _e_step(X, params):
    # e_step without its checks: em_steps checks once, then calls this per step.
    weighted = log_gaussian_prob(
        X, params.means, params.precisions_cholesky, params.covariance_type
    )
    with np.errstate(divide="ignore"):  # log(0) = -inf for an empty component
        weighted += np.log(params.weights)
    log_prob_norm = logsumexp(weighted)
    weighted -= log_prob_norm[:, np.newaxis]  # now log_resp (in place, a new array)
    return weighted, log_prob_norm


def estimate_params(X, resp, reg_covar, covariance_type, previous=None,
                    sample_weight=None):
    """Weights, means and covariances that maximise the expected log-likelihood.

    ``N_k = sum_n r_nk``, ``pi_k = N_k / N``, ``mu_k = sum_n r_nk x_n / N_k``,
    and the covariances weighted by ``r_nk`` (see :mod:`gmmteach.covariance`;
    ``previous`` covariances are where mclust's iterative M-steps start).
    With ``sample_weight``, every ``r_nk`` is ``w_n r_nk`` (the one place
    the weights enter, :mod:`gmmteach.sample_weights`).

    Returns
    -------
    nk : ndarray of shape (n_components,)
    means : ndarray of shape (n_components, n_features)
    covariances : ndarray, shape as in :mod:`gmmteach.covariance`
    """
    resp = weigh(resp, sample_weight)
    nk = resp.sum(axis=0) + NK_FLOOR
    means = resp.T @ X / nk[:, np.newaxis]
    covariances = estimate_covariances(resp, X, nk, means, reg_covar, covariance_type,
                                       previous, sample_weight)
    return nk, means, covariances


def m_step(X, resp, covariance_type, reg_covar=1e-6, previous=None, *,
           sample_weight=None):
    """Maximisation: new parameters from the responsibilities.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    resp : ndarray of shape (n_samples, n_components)
    covariance_type : {'full', 'tied', 'diag', 'spherical'} or an mclust name
        mclust's 14 models (``'EII'`` ... ``'VVV'``), see :mod:`gmmteach.mclust`.
    reg_covar : float
    previous : ndarray, optional
        The covariances of the parameters this M-step improves on (em_steps
        passes them): mclust's iterative M-steps start there, so the
        log-likelihood cannot drop.
    sample_weight : array-like of shape (n_samples,), optional
        How many times each row counts (>= 0): the statistics become
        ``N_k = sum_n w_n r_nk`` and so on (:mod:`gmmteach.sample_weights`).

    Returns
    -------
    GMMParams

    Raises
    ------
    CollapsedComponentError
        If a component's covariance is singular.
    """
    check_covariance_type(covariance_type)
    X = check_X(X)
    resp = check_resp(resp, X.shape[0])
    check_nonnegative(reg_covar, "reg_covar", "use a small positive value such as 1e-6.")
    sample_weight = check_sample_weight(sample_weight, X.shape[0])
    return _m_step(X, resp, covariance_type, reg_covar, previous, sample_weight)


def _m_step(X, resp, covariance_type, reg_covar=1e-6, previous=None,
            sample_weight=None, prior=None):
    # m_step without its checks: em_steps checks once, then calls this per step.
    if prior is not None:  # the posterior mode instead (gmmteach.prior)
        return map_m_step(X, weigh(resp, sample_weight), covariance_type, prior,
                          reg_covar, previous)
    nk, means, covariances = estimate_params(X, resp, reg_covar, covariance_type,
                                             previous, sample_weight)
    prec_chol = precisions_cholesky_from_covariances(covariances, covariance_type)
    return _freeze(nk / nk.sum(), means, covariances, prec_chol, covariance_type,
                   copy=False)


def _check_em_args(X, initial_params, covariance_type, reg_covar, tol, max_iter):
    check_covariance_type(covariance_type)
    check_params(initial_params, "initial_params")
    if initial_params.covariance_type != covariance_type:
        raise ValueError(
            f"initial_params are for covariance_type="
            f"{initial_params.covariance_type!r} but covariance_type="
            f"{covariance_type!r} was asked for; make them agree."
        )
    X = check_X(X, n_components=initial_params.n_components,
                n_features=initial_params.n_features)
    check_nonnegative(reg_covar, "reg_covar", "use a small positive value such as 1e-6.")
    check_nonnegative(tol, "tol", "use 0 to run exactly max_iter iterations.")
    check_positive_int(max_iter, "max_iter", minimum=0)
    return X


def _check_initial_resp(initial_resp, n_samples, n_components):
    resp = check_resp(initial_resp, n_samples, "initial_resp")
    if resp.shape[1] != n_components:
        raise ValueError(
            f"initial_resp must have shape (n_samples, n_components) = ({n_samples}, "
            f"{n_components}), got {resp.shape}; pass the resp initial_params returned.")
    return resp


def _objective(log_likelihood, params, prior, n_samples):
    # MAP-EM's objective per observation: mean log-likelihood + log prior / N
    if prior is None:
        return None
    return log_likelihood + log_prior(params, prior) / n_samples


def em_steps(X, initial_params, *, covariance_type, reg_covar=1e-6, tol=1e-3,
             max_iter=100, initial_resp=None, previous_log_likelihood=-np.inf,
             sample_weight=None, prior=None):
    """Run EM and yield every step as a frozen :class:`EMStep`.

    Yields the initial state, then for ``t = 1, 2, ...`` the E-step (new
    responsibilities, log-likelihood of the current parameters) and the
    M-step (new parameters). Stops after the M-step of the iteration whose
    log-likelihood changed by less than ``tol`` (sklearn's rule), or after
    ``max_iter`` iterations.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    initial_params : GMMParams
    covariance_type : {'full', 'tied', 'diag', 'spherical'} or an mclust name
    reg_covar : float, default=1e-6
        Added to the diagonal of every covariance.
    tol : float, default=1e-3
        Convergence threshold on the change of mean log-likelihood.
    max_iter : int, default=100
    initial_resp : ndarray of shape (n_samples, n_components), optional
        The assignment the initialisation came from, shown on the first frame.
    previous_log_likelihood : float, default=-inf
        What the first change is measured from (a warm start passes the
        previous fit's ``lower_bound_``, as sklearn does).
    sample_weight : array-like of shape (n_samples,), optional
        How many times each row counts (>= 0, not all 0). Integer weights
        give the fit on X with each row repeated ``w_n`` times; each record's
        ``log_likelihood`` is then the weighted mean
        ``sum_n w_n log p(x_n) / sum_n w_n``, which EM never decreases.
    prior : True or ConjugatePrior, optional
        A conjugate prior (mclust's ``priorControl()`` for True, see
        :mod:`gmmteach.prior`): every M-step is the posterior mode and each
        record's ``objective`` is the log posterior EM climbs; the
        log-likelihood and the stopping rule stay the plain ones.

    Yields
    ------
    EMStep
    """
    X = _check_em_args(X, initial_params, covariance_type, reg_covar, tol, max_iter)
    sample_weight = check_sample_weight(sample_weight, X.shape[0])
    prior = resolve_prior(prior, X, initial_params.n_components, covariance_type)
    params = initial_params
    resp0 = None if initial_resp is None else read_only(_check_initial_resp(
        initial_resp, X.shape[0], params.n_components))
    yield EMStep(0, "init", params, resp=resp0)
    log_likelihood = previous_log_likelihood
    for iteration in range(1, max_iter + 1):
        log_resp, log_prob_norm = _e_step(X, params)
        resp = read_only(np.exp(log_resp), copy=False)
        mean_log_likelihood = weighted_mean(log_prob_norm, sample_weight)
        change = mean_log_likelihood - log_likelihood
        log_likelihood = mean_log_likelihood
        objective = _objective(log_likelihood, params, prior,
                               total_weight(X.shape[0], sample_weight))
        yield EMStep(iteration, "E", params, resp, log_likelihood, float(change),
                     objective=objective)
        params = _m_step(X, resp, covariance_type, reg_covar, params.covariances,
                         sample_weight, prior)
        converged = bool(abs(change) < tol)
        yield EMStep(iteration, "M", params, resp, log_likelihood, float(change), converged,
                     objective)
        if converged:
            return
