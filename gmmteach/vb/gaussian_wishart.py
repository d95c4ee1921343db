"""The posterior over each component's mean and precision: Gaussian-Wishart.

Prior (Bishop 10.40): ``Lambda_k ~ Wishart(W_0, nu_0)`` and
``mu_k | Lambda_k ~ N(m_0, (beta_0 Lambda_k)^-1)``. Given responsibilities,
the posterior has the same form with ``beta_k, m_k, W_k, nu_k``
(Bishop 10.60-10.63). As in scikit-learn, the names are:

=========================  ===========================================
sklearn's name             Bishop
=========================  ===========================================
``mean_precision_prior``   ``beta_0``
``mean_prior``             ``m_0``
``degrees_of_freedom_prior``  ``nu_0``
``covariance_prior``       ``W_0^-1`` (in the covariance type's shape)
``mean_precision``         ``beta_k``
``means``                  ``m_k``
``degrees_of_freedom``     ``nu_k``
``covariances``            ``W_k^-1 / nu_k = E[Lambda_k]^-1``
=========================  ===========================================

``covariances`` is the inverse of the expected precision, so a plot of it
reads like a covariance; ``precisions_cholesky`` is its factor, as in EM.

Introduced in lessons/11_bayesian_gmm.ipynb.
"""

import math

import numpy as np
from scipy.special import digamma, gammaln

from ..gaussian import log_det_cholesky, log_gaussian_prob

__all__ = [
    "mean_update",
    "wishart_update",
    "expected_log_gaussian",
    "wishart_log_normalizer",
]


def mean_update(nk, xk, mean_precision_prior, mean_prior):
    """Gaussian posterior of the means (Bishop 10.60-10.61).

    ``beta_k = beta_0 + N_k`` and ``m_k = (beta_0 m_0 + N_k xbar_k) / beta_k``:
    a weighted average of the prior mean and the data mean, the prior
    counting as ``beta_0`` points.

    Parameters
    ----------
    nk : ndarray of shape (n_components,)
    xk : ndarray of shape (n_components, n_features)
        ``xbar_k``, the responsibility-weighted data means.
    mean_precision_prior : float
    mean_prior : ndarray of shape (n_features,)

    Returns
    -------
    mean_precision : ndarray of shape (n_components,)
    means : ndarray of shape (n_components, n_features)
    """
    mean_precision = mean_precision_prior + nk
    means = (mean_precision_prior * mean_prior + nk[:, np.newaxis] * xk) / (
        mean_precision[:, np.newaxis])
    return mean_precision, means


# The Wishart update (Bishop 10.62-10.63), per covariance type:
#   nu_k = nu_0 + N_k
#   W_k^-1 = W_0^-1 + N_k S_k + beta_0 N_k / (beta_0 + N_k) (xbar_k - m_0)(xbar_k - m_0)^T
# where S_k is the weighted covariance of the data around xbar_k; the last
# term pulls W_k^-1 up when the data mean is far from the prior mean. Each
# function returns (nu, W^-1 / nu): the inverse of E[Lambda_k] = nu_k W_k.

def _wishart_full(nk, xk, sk, mean_precision, prior):
    dof = prior.degrees_of_freedom_prior + nk
    diff = xk - prior.mean_prior
    pull = nk * prior.mean_precision_prior / mean_precision
    scale = (prior.covariance_prior + nk[:, np.newaxis, np.newaxis] * sk
             + pull[:, np.newaxis, np.newaxis] * (diff[:, :, np.newaxis] * diff[:, np.newaxis, :]))
    return dof, scale / dof[:, np.newaxis, np.newaxis]


def _wishart_tied(nk, xk, sk, mean_precision, prior):
    # sklearn's tied model: each of the K components keeps its own copy of the
    # prior and gets an equal share N / K of the data, so nu = nu_0 + N / K
    # and the scatter terms are averaged over components.
    n_components = nk.shape[0]
    dof = prior.degrees_of_freedom_prior + nk.sum() / n_components
    diff = xk - prior.mean_prior
    pull = prior.mean_precision_prior / n_components * ((nk / mean_precision) * diff.T) @ diff
    scale = prior.covariance_prior + sk * nk.sum() / n_components + pull
    return np.full(n_components, dof), scale / dof


def _wishart_diag(nk, xk, sk, mean_precision, prior):
    # The full update's diagonal: each feature has its own Gamma posterior
    dof = prior.degrees_of_freedom_prior + nk
    diff = xk - prior.mean_prior
    shrink = (prior.mean_precision_prior / mean_precision)[:, np.newaxis]
    scale = prior.covariance_prior + nk[:, np.newaxis] * (sk + shrink * np.square(diff))
    return dof, scale / dof[:, np.newaxis]


def _wishart_spherical(nk, xk, sk, mean_precision, prior):
    # One variance per component: the diagonal update averaged over features
    dof = prior.degrees_of_freedom_prior + nk
    diff = xk - prior.mean_prior
    shrink = prior.mean_precision_prior / mean_precision
    scale = prior.covariance_prior + nk * (sk + shrink * np.mean(np.square(diff), 1))
    return dof, scale / dof


_WISHART_UPDATES = {
    "full": _wishart_full,
    "tied": _wishart_tied,
    "diag": _wishart_diag,
    "spherical": _wishart_spherical,
}


def wishart_update(nk, xk, sk, mean_precision, prior):
    """Wishart posterior of the precisions (Bishop 10.62-10.63).

    ``nu_k = nu_0 + N_k`` and
    ``W_k^-1 = W_0^-1 + N_k S_k + beta_0 N_k / beta_k (xbar_k - m_0)(xbar_k - m_0)^T``,
    in the shape of ``prior.covariance_type`` ('tied': ``nu = nu_0 + N / K``,
    sklearn's convention).

    Parameters
    ----------
    nk : ndarray of shape (n_components,)
    xk : ndarray of shape (n_components, n_features)
    sk : ndarray
        Weighted covariances ``S_k`` (``reg_covar`` added), shape as in
        :mod:`gmmteach.covariance`.
    mean_precision : ndarray of shape (n_components,)
        ``beta_k`` from :func:`mean_update`.
    prior : VBPrior

    Returns
    -------
    degrees_of_freedom : ndarray of shape (n_components,)
    covariances : ndarray, shape as ``sk``
        ``W_k^-1 / nu_k``, the inverse of the expected precision.
    """
    return _WISHART_UPDATES[prior.covariance_type](nk, xk, sk, mean_precision, prior)


def _expected_log_det_precision(degrees_of_freedom, n_features):
    # E[ln |Lambda_k|] - ln |W_k| = sum_{i=1..D} psi((nu_k + 1 - i) / 2) + D ln 2
    # (Bishop 10.65)
    half_dofs = 0.5 * (degrees_of_freedom - np.arange(n_features)[:, np.newaxis])
    return n_features * np.log(2.0) + np.sum(digamma(half_dofs), 0)


def expected_log_gaussian(X, params):
    """``E[ln N(x_n | mu_k, Lambda_k^-1)]`` under the posterior (Bishop 10.64-10.67).

    ``1/2 E[ln|Lambda_k|] - D / (2 beta_k) - nu_k / 2 (x - m_k)^T W_k (x - m_k)
    - D/2 ln(2 pi)``. The stored factor ``U`` has ``U U^T = nu_k W_k``, so
    the Gaussian log-density with ``U`` holds all but two corrections:
    ``E[ln|Lambda|]`` in place of ``ln|nu W|`` (a digamma sum) and
    ``-D / (2 beta_k)``, the uncertainty of the mean.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    params : VBParams

    Returns
    -------
    ndarray of shape (n_samples, n_components)
    """
    n_features = X.shape[1]
    dof = params.degrees_of_freedom
    log_gauss = log_gaussian_prob(X, params.means, params.precisions_cholesky,
                                  params.covariance_type)
    log_gauss -= 0.5 * n_features * np.log(dof)  # ln|nu W| -> ln|W|
    log_lambda = _expected_log_det_precision(dof, n_features)
    return log_gauss + 0.5 * (log_lambda - n_features / params.mean_precision)


def wishart_log_normalizer(params):
    """``sum_k ln B(W_k, nu_k)``, the Wishart posteriors' log normalisers (Bishop B.79).

    ``ln B(W, nu) = -nu/2 ln|W| - nu D/2 ln 2 - sum_{i=1..D} ln Gamma((nu + 1 - i)/2)``,
    leaving out ``- D (D - 1)/4 ln pi``, a constant (as sklearn does). For
    'tied', the K copies of one Wishart (sklearn's convention).

    Parameters
    ----------
    params : VBParams

    Returns
    -------
    float
    """
    n_features = params.n_features
    dof = params.degrees_of_freedom
    # 1/2 ln|W_k| = ln|U_k| - D/2 ln nu_k, since U U^T = nu_k W_k
    half_log_det_w = (log_det_cholesky(params.precisions_cholesky,
                                       params.covariance_type, n_features)
                      - 0.5 * n_features * np.log(dof))
    half_dofs = 0.5 * (dof - np.arange(n_features)[:, np.newaxis])
    log_b = -(dof * half_log_det_w + dof * n_features * 0.5 * math.log(2.0)
              + np.sum(gammaln(half_dofs), 0))
    return float(np.sum(log_b))
