"""Covariance estimation and the Cholesky factor of the precision, per type.

A Gaussian mixture stores one covariance per component, in a shape that
depends on ``covariance_type`` (the same table as scikit-learn):

=============  ===================================  =========================
type           ``covariances`` shape                each component's matrix
=============  ===================================  =========================
``full``       (n_components, n_features, n_features)  any SPD matrix
``tied``       (n_features, n_features)                 one SPD matrix shared
``diag``       (n_components, n_features)               diagonal matrix
``spherical``  (n_components,)                          variance times identity
mclust's 14    (n_components, n_features, n_features)  SPD, with the model's
(``'EII'``...)                                          volume/shape/orientation
=============  ===================================  =========================

The fourteen mclust names (:mod:`gmmteach.mclust`) are estimated by their own
constrained M-steps and stored, like 'full', as one full matrix per
component; 'full', 'tied', 'diag' and 'spherical' are the same models as
VVV, EEE, VVI and VII in scikit-learn's shapes.

``precisions_cholesky`` has the same shape: for ``full``, ``tied`` and
mclust's names it is an upper-triangular ``U`` with ``precision = U @ U.T``
(``U = inv(L).T`` where ``covariance = L @ L.T``); for ``diag`` and
``spherical`` it is
``1 / sqrt(variance)``.

Introduced in lessons/04_covariance_types.ipynb.
"""

import numpy as np
from scipy import linalg
from scipy.linalg import lapack

from . import mclust
from ._checks import check_covariance_type, check_int
from ._names import ALL_COVARIANCE_TYPES, COVARIANCE_TYPES
from .mclust._common import weighted_scatters

__all__ = [
    "COVARIANCE_TYPES",
    "ALL_COVARIANCE_TYPES",
    "storage_type",
    "check_structure",
    "CollapsedComponentError",
    "estimate_covariances",
    "precisions_cholesky_from_covariances",
    "precisions_cholesky_from_precisions",
    "precisions_from_cholesky",
    "covariances_from_precisions",
    "full_covariances",
    "n_parameters",
]



def storage_type(covariance_type):
    """The sklearn type whose shape stores ``covariance_type``: 'full' for mclust's."""
    return "full" if covariance_type in mclust.MODELS else covariance_type


def check_structure(covariance_type, covariances, what="covariances"):
    """For an mclust name, refuse covariances that break the model's letters."""
    if covariance_type in mclust.MODELS:
        mclust.check_structure(covariance_type, covariances, what)


class CollapsedComponentError(ValueError):
    """A component's covariance is singular, so its density is undefined."""

    def __init__(self, covariance_type):
        super().__init__(
            f"A component collapsed: its {covariance_type!r} covariance is singular "
            "(not positive-definite), which happens when a component sits on one "
            "point or on a line of points. Fix it by raising reg_covar (e.g. "
            "reg_covar=1e-3), lowering n_components, or standardising X."
        )


def _symmetric(matrix):
    # A @ B.T and its transpose round differently; average the two halves so
    # the stored covariance is exactly symmetric.
    return 0.5 * (matrix + np.swapaxes(matrix, -1, -2))


def _covariances_full(resp, X, nk, means, reg_covar):
    # Sigma_k = sum_n r_nk (x_n - mu_k)(x_n - mu_k)^T / N_k  (+ reg on the diagonal),
    # two-pass (differences first, in blocks of components: weighted_scatters).
    n_components, n_features = means.shape
    covariances = weighted_scatters(resp, X, means)
    covariances /= nk[:, np.newaxis, np.newaxis]
    covariances.reshape(n_components, -1)[:, :: n_features + 1] += reg_covar
    return _symmetric(covariances)


# A responsibility row sums to 1 up to rounding; a row further from 1 than
# this (a start from K single points leaves most rows at 0) is "unowned".
ROW_SUM_TOL = 1e-6


def _covariances_tied(resp, X, nk, means, reg_covar, sample_weight=None):
    # One shared Sigma = sum_k sum_n r_nk (x_n - mu_k)(x_n - mu_k)^T / sum_k N_k,
    # two-pass (differences first), so nothing cancels far from the origin.
    n_features = X.shape[1]
    covariance = weighted_scatters(resp, X, means).sum(axis=0)
    covariance += _unowned_scatter(resp, X, sample_weight)
    covariance /= nk.sum()
    covariance.flat[:: n_features + 1] += reg_covar
    return _symmetric(covariance)


def _unowned_scatter(resp, X, sample_weight=None):
    # sklearn writes the tied covariance as (X^T X - sum_k N_k mu_k mu_k^T) / N,
    # which equals the sum above only when every row of resp sums to 1. After a
    # start from K single points ('k-means++', 'random_from_data') the rows
    # nobody owns add their raw x x^T; kept so the same seed gives sklearn's fit.
    # With sample weights resp is already weighted: a row sums to w_n, and an
    # unowned row adds w_n x x^T (X^T W X in sklearn's formula).
    totals = 1.0 if sample_weight is None else sample_weight
    leftover = totals - resp.sum(axis=1)
    leftover[np.abs(leftover) <= ROW_SUM_TOL * np.maximum(totals, 1.0)] = 0.0
    if not leftover.any():
        return 0.0
    return (leftover * X.T) @ X


def _covariances_diag(resp, X, nk, means, reg_covar):
    # Per feature: sum_n r_nk (x_n - mu_k)^2 / N_k, two-pass (differences
    # first): identical points give exactly 0 and no variance is negative,
    # which the one-pass E_k[x^2] - mu_k^2 cannot promise.
    variances = np.empty_like(means)
    squared = np.empty_like(X)  # (x_n - mu_k)^2, one buffer reused for every k
    for k in range(len(means)):
        np.square(np.subtract(X, means[k], out=squared), out=squared)
        variances[k] = resp[:, k] @ squared / nk[k]
    return variances + reg_covar


def _covariances_spherical(resp, X, nk, means, reg_covar):
    # One variance per component: the average of its diagonal variances
    return _covariances_diag(resp, X, nk, means, reg_covar).mean(axis=1)


_ESTIMATORS = {
    "full": _covariances_full,
    "tied": _covariances_tied,
    "diag": _covariances_diag,
    "spherical": _covariances_spherical,
}


def estimate_covariances(resp, X, nk, means, reg_covar, covariance_type,
                         previous=None, sample_weight=None):
    """Weighted covariances of X around ``means``, in the shape of the type.

    Parameters
    ----------
    resp : ndarray of shape (n_samples, n_components)
        Responsibilities, already multiplied by the sample weights if any
        (:func:`gmmteach.sample_weights.weigh`).
    X : ndarray of shape (n_samples, n_features)
    nk : ndarray of shape (n_components,)
        Effective number of points per component, ``resp.sum(axis=0)``.
    means : ndarray of shape (n_components, n_features)
    reg_covar : float
        Added to every variance so that no covariance is singular.
    covariance_type : one of :data:`ALL_COVARIANCE_TYPES`
    previous : ndarray, optional
        The covariances being improved on; mclust's iterative M-steps start
        there (the four sklearn types ignore it).
    sample_weight : ndarray of shape (n_samples,), optional
        What each row of ``resp`` sums to when a row is fully owned; only
        'tied' needs it (for the rows nobody owns, see ``_unowned_scatter``).

    Returns
    -------
    covariances : ndarray, shape as in the module's table
    """
    if covariance_type in mclust.MODELS:
        return mclust._estimate_covariances(resp, X, nk, means, reg_covar,
                                           covariance_type, previous)
    if covariance_type == "tied":
        return _covariances_tied(resp, X, nk, means, reg_covar, sample_weight)
    return _ESTIMATORS[covariance_type](resp, X, nk, means, reg_covar)


def _upper_inverse_cholesky(covariances, covariance_type):
    # Sigma = L L^T  =>  Sigma^{-1} = L^{-T} L^{-1} = U U^T with U = L^{-T}.
    # covariances: a stack (n, D, D); numpy factors the whole stack at once.
    try:
        cov_chol = np.linalg.cholesky(covariances)
    except np.linalg.LinAlgError:
        raise CollapsedComponentError(covariance_type) from None
    # LAPACK's triangular inverse (trtri): L^{-1} is lower-triangular, exactly
    return np.stack([lapack.dtrtri(L, lower=1)[0].T for L in cov_chol])


def precisions_cholesky_from_covariances(covariances, covariance_type):
    """Cholesky factor ``U`` of each precision matrix (``precision = U @ U.T``).

    Parameters
    ----------
    covariances : ndarray, shape as in the module's table
    covariance_type : {'full', 'tied', 'diag', 'spherical'}

    Returns
    -------
    precisions_cholesky : ndarray, same shape as ``covariances``

    Raises
    ------
    CollapsedComponentError
        If a covariance is not positive-definite.
    """
    if not np.all(np.isfinite(covariances)):
        raise CollapsedComponentError(covariance_type)
    if storage_type(covariance_type) == "full":
        return _upper_inverse_cholesky(covariances, covariance_type)
    if covariance_type == "tied":
        return _upper_inverse_cholesky(covariances[np.newaxis], "tied")[0]
    if np.any(covariances <= 0.0):
        raise CollapsedComponentError(covariance_type)
    return 1.0 / np.sqrt(covariances)


def _upper_cholesky(precision):
    # Reverse rows and columns (J P J), take the lower Cholesky factor, reverse
    # back: J L J is upper-triangular and (J L J)(J L J)^T = P.
    return linalg.cholesky(precision[::-1, ::-1], lower=True)[::-1, ::-1]


def precisions_cholesky_from_precisions(precisions, covariance_type):
    """Upper-triangular Cholesky factor of given precision matrices.

    Parameters
    ----------
    precisions : ndarray, shape as in the module's table
    covariance_type : {'full', 'tied', 'diag', 'spherical'}

    Returns
    -------
    precisions_cholesky : ndarray, same shape as ``precisions``
    """
    if storage_type(covariance_type) == "full":
        return np.stack([_upper_cholesky(p) for p in precisions])
    if covariance_type == "tied":
        return _upper_cholesky(precisions)
    return np.sqrt(precisions)


def precisions_from_cholesky(precisions_cholesky, covariance_type):
    """Precision matrices ``U @ U.T`` (or ``1 / variance``) from their factor."""
    if storage_type(covariance_type) == "full":
        return precisions_cholesky @ np.swapaxes(precisions_cholesky, 1, 2)
    if covariance_type == "tied":
        return precisions_cholesky @ precisions_cholesky.T
    return precisions_cholesky**2


def covariances_from_precisions(precisions, covariance_type):
    """Invert precisions into covariances (used when ``precisions_init`` is given)."""
    if storage_type(covariance_type) in ("full", "tied"):
        return np.linalg.inv(precisions)
    return 1.0 / precisions


def full_covariances(covariances, covariance_type, n_components, n_features):
    """Every component's covariance as a full matrix, whatever the type.

    Parameters
    ----------
    covariances : ndarray, shape as in the module's table
    covariance_type : {'full', 'tied', 'diag', 'spherical'}
    n_components, n_features : int

    Returns
    -------
    ndarray of shape (n_components, n_features, n_features)
    """
    covariances = np.asarray(covariances, dtype=float)
    if storage_type(covariance_type) == "full":
        return covariances
    if covariance_type == "tied":
        return np.broadcast_to(covariances, (n_components, n_features, n_features))
    variances = covariances.reshape(n_components, -1)  # spherical: one column
    return np.eye(n_features) * variances[:, np.newaxis, :]


def n_parameters(n_components, n_features, covariance_type):
    """Number of free parameters of a mixture, as used by BIC and AIC.

    ``K - 1`` weights (they sum to one), ``K * D`` means, and the covariance
    entries: ``K D (D + 1) / 2`` (full), ``D (D + 1) / 2`` (tied), ``K D``
    (diag) or ``K`` (spherical); for mclust's names, their
    ``n_covariance_parameters`` (equal to R's ``nMclustParams``).
    """
    K = check_int(n_components, "n_components", minimum=1)
    D = check_int(n_features, "n_features", minimum=1)
    if check_covariance_type(covariance_type) in mclust.MODELS:
        cov_params = mclust.MODELS[covariance_type].n_covariance_parameters(K, D)
        return cov_params + K * D + K - 1
    cov_params = {
        "full": K * D * (D + 1) // 2,
        "tied": D * (D + 1) // 2,
        "diag": K * D,
        "spherical": K,
    }[covariance_type]
    return cov_params + K * D + K - 1
