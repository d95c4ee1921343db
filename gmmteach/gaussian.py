"""Log-density of multivariate normal components, computed from the precision.

For a component with mean ``mu`` and precision Cholesky factor ``U``
(``inv(Sigma) = U @ U.T``)::

    log N(x | mu, Sigma) = -D/2 log(2 pi) + log|det U| - 1/2 ||(x - mu) @ U||^2

because ``(x - mu)^T inv(Sigma) (x - mu) = ||(x - mu) @ U||^2`` and
``log det inv(Sigma) = 2 log det U``. Working with ``U`` avoids inverting a
matrix and keeps everything in log-space, where tiny densities do not
underflow to zero.

Introduced in lessons/01_gaussians_and_mixtures.ipynb.
"""

import math

import numpy as np

from .covariance import storage_type

__all__ = ["log_det_cholesky", "log_gaussian_prob"]


def log_det_cholesky(precisions_cholesky, covariance_type, n_features):
    """``log det U`` per component: half the log-determinant of the precision.

    Parameters
    ----------
    precisions_cholesky : ndarray, shape as in :mod:`gmmteach.covariance`
    covariance_type : {'full', 'tied', 'diag', 'spherical'} or an mclust name
    n_features : int

    Returns
    -------
    ndarray of shape (n_components,), or a float for 'tied'
    """
    covariance_type = storage_type(covariance_type)
    if covariance_type == "full":
        return np.log(np.diagonal(precisions_cholesky, axis1=1, axis2=2)).sum(axis=1)
    if covariance_type == "tied":
        return np.log(np.diag(precisions_cholesky)).sum()
    if covariance_type == "diag":
        return np.log(precisions_cholesky).sum(axis=1)
    return n_features * np.log(precisions_cholesky)


def _mahalanobis_full(X, means, precisions_cholesky):
    # ||(x - mu_k) U_k||^2 for each k; subtracting before multiplying keeps
    # the digits that X U - mu U would cancel away far from the origin
    sq = np.empty((X.shape[0], means.shape[0]))
    for k, (mu, prec_chol) in enumerate(zip(means, precisions_cholesky)):
        y = (X - mu) @ prec_chol
        sq[:, k] = np.einsum("ij,ij->i", y, y)
    return sq


def _mahalanobis_tied(X, means, precisions_cholesky):
    # The same U for every component
    return _mahalanobis_full(X, means, np.broadcast_to(
        precisions_cholesky, (means.shape[0], *precisions_cholesky.shape)))


def _mahalanobis_diag(X, means, precisions_cholesky):
    # sum_d p_kd (x_d - mu_kd)^2 = sum p mu^2 - 2 x.(p mu) + x^2.p  (three
    # matmuls), after shifting to the data mean so the terms stay small
    shift = X.mean(axis=0)
    X, means = X - shift, means - shift
    precisions = precisions_cholesky**2
    return (
        np.sum(means**2 * precisions, axis=1)
        - 2.0 * (X @ (means * precisions).T)
        + (X**2 @ precisions.T)
    )


def _mahalanobis_spherical(X, means, precisions_cholesky):
    # p_k ||x - mu_k||^2 = p_k (||mu_k||^2 - 2 x.mu_k + ||x||^2), shifted as above
    shift = X.mean(axis=0)
    X, means = X - shift, means - shift
    precisions = precisions_cholesky**2
    return (
        np.sum(means**2, axis=1) * precisions
        - 2.0 * (X @ means.T * precisions)
        + np.outer(np.einsum("ij,ij->i", X, X), precisions)
    )


_MAHALANOBIS = {
    "full": _mahalanobis_full,
    "tied": _mahalanobis_tied,
    "diag": _mahalanobis_diag,
    "spherical": _mahalanobis_spherical,
}


def log_gaussian_prob(X, means, precisions_cholesky, covariance_type):
    """``log N(x_n | mu_k, Sigma_k)`` for every sample and component.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    means : ndarray of shape (n_components, n_features)
    precisions_cholesky : ndarray, shape as in :mod:`gmmteach.covariance`
    covariance_type : {'full', 'tied', 'diag', 'spherical'} or an mclust name

    Returns
    -------
    log_prob : ndarray of shape (n_samples, n_components)
    """
    n_features = X.shape[1]
    sq = _MAHALANOBIS[storage_type(covariance_type)](X, means, precisions_cholesky)
    log_det = log_det_cholesky(precisions_cholesky, covariance_type, n_features)
    return -0.5 * (n_features * math.log(2 * math.pi) + sq) + log_det
