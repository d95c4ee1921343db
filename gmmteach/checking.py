"""Is each component Gaussian? Squared Mahalanobis distances against chi-squared.

If x is drawn from N(mu, Sigma) in D dimensions, its squared Mahalanobis
distance

    d^2 = (x - mu)^T Sigma^-1 (x - mu)

follows the chi-squared distribution with D degrees of freedom (d^2 is the
squared length of the standardised vector Sigma^(-1/2) (x - mu), a sum of D
squared independent standard normals). So for the points that a fitted
component k explains, sorting their d^2 and plotting them against the
chi-squared quantiles at the same ranks (a QQ plot) gives the line y = x
when the component is Gaussian; a curve bending up means heavier tails than
a Gaussian (outliers, a skewed or curved cluster), bending down lighter tails.

Two conditions: the points are those whose most responsible component is k,
which cuts off the tail that faces a neighbour, so the check is exact only
for well-separated components; and mu, Sigma are estimated from the same
points, which pulls the largest distances in a little (for N_k >> D this
is negligible).

Introduced in lessons/12_can_i_trust_this_fit.ipynb.
"""

import numpy as np
from scipy import stats

from ._checks import check_X
from ._checks.records import check_params
from .covariance import storage_type
from .em import _e_step
from .gaussian import _MAHALANOBIS

__all__ = ["chi2_qq", "squared_mahalanobis"]


def squared_mahalanobis(X, params):
    """``(x_n - mu_k)^T Sigma_k^-1 (x_n - mu_k)`` for every point and component.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    params : GMMParams
        E.g. ``model.params_``; any covariance type.

    Returns
    -------
    d2 : ndarray of shape (n_samples, n_components)
    """
    params = check_params(params)
    return _squared_mahalanobis(check_X(X, n_features=params.n_features), params)


def _squared_mahalanobis(X, params):
    # the E-step's own kernel, ||(x_n - mu_k) U_k||^2 with U_k U_k^T = Sigma_k^-1,
    # computed there as (K, N)
    kernel = _MAHALANOBIS[storage_type(params.covariance_type)]
    return kernel(X, params.means, params.precisions_cholesky).T


def chi2_qq(X, params, labels=None):
    """Per component, the sorted squared distances and the chi-squared quantiles.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    params : GMMParams
    labels : array-like of shape (n_samples,), optional
        Which component each point belongs to; by default the most
        responsible one, ``argmax_k r_nk`` (``model.predict(X)``).

    Returns
    -------
    list of (theoretical, observed), one pair per component
        ``observed`` are the d^2 of component k's points, sorted;
        ``theoretical`` the chi-squared (D degrees of freedom) quantiles at
        the plotting positions ``(i - 1/2) / n_k``. Both are empty for a
        component that owns no point.
    """
    params = check_params(params)
    X = check_X(X, n_features=params.n_features)
    d2 = _squared_mahalanobis(X, params)
    labels = _labels(X, params, labels, d2.shape[0])
    pairs = []
    for k in range(params.n_components):
        observed = np.sort(d2[labels == k, k])
        ranks = (np.arange(1, len(observed) + 1) - 0.5) / max(len(observed), 1)
        pairs.append((stats.chi2.ppf(ranks, df=params.n_features), observed))
    return pairs


def _labels(X, params, labels, n_samples):
    if labels is None:
        return np.argmax(_e_step(X, params)[0], axis=1)  # argmax_k log r_nk
    labels = np.asarray(labels)
    if labels.shape != (n_samples,) or not np.issubdtype(labels.dtype, np.integer) \
            or labels.min() < 0 or labels.max() >= params.n_components:
        raise ValueError(
            f"labels must hold one component number 0..{params.n_components - 1} per "
            "row of X, e.g. labels=model.predict(X).")
    return labels
