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


def _shifted(X, means):
    # Distances do not change when data and means move together; moving both
    # by the means' centre keeps the numbers small, so far from the origin
    # nothing cancels (and it costs no pass over X to find).
    shift = means.mean(axis=0)
    return X - shift, means - shift


def _block_sums(Y, n_components):
    # Y: (n_components * n_features, n_samples), block k in rows k*D..(k+1)*D.
    # Summing each block's rows is one product with a 0/1 matrix, (K, K*D):
    # a single BLAS call instead of K small reductions.
    blocks = np.repeat(np.eye(n_components), len(Y) // n_components, axis=1)
    return blocks @ Y


def _mahalanobis_full(X, means, precisions_cholesky):
    # ||(x - mu_k) U_k||^2 for each k, as (K, N) (one row per component; the
    # caller hands back its transpose). All K products (x - s) U_k in one BLAS
    # call with the U_k side by side, then minus (mu_k - s) U_k, squared in
    # place and summed per block: three passes over one (K D, N) array.
    n_components, n_features = means.shape
    X, means = _shifted(X, means)
    stacked = precisions_cholesky.transpose(0, 2, 1).reshape(-1, n_features)
    Y = stacked @ X.T  # row k*D + j: column j of U_k times x - s
    Y -= np.einsum("kij,ki->kj", precisions_cholesky, means).reshape(-1, 1)
    np.square(Y, out=Y)
    return _block_sums(Y, n_components)


def _mahalanobis_tied(X, means, precisions_cholesky):
    # The same U for every component
    return _mahalanobis_full(X, means, np.broadcast_to(
        precisions_cholesky, (means.shape[0], *precisions_cholesky.shape)))


def _mahalanobis_diag(X, means, precisions_cholesky):
    # sum_d p_kd (x_d - mu_kd)^2 = sum_d p mu^2 - 2 x.(p mu) + x^2.p: two
    # matrix products and one added column, after the shift above
    X, means = _shifted(X, means)
    precisions = precisions_cholesky**2
    sq = precisions @ np.square(X).T
    sq -= (2.0 * means * precisions) @ X.T
    sq += np.sum(means**2 * precisions, axis=1)[:, np.newaxis]
    return sq


def _mahalanobis_spherical(X, means, precisions_cholesky):
    # p_k ||x - mu_k||^2 = p_k (||mu_k||^2 - 2 x.mu_k + ||x||^2), shifted as above
    X, means = _shifted(X, means)
    sq = (-2.0 * means) @ X.T
    sq += np.einsum("ij,ij->i", X, X)
    sq += np.sum(means**2, axis=1)[:, np.newaxis]
    sq *= (precisions_cholesky**2)[:, np.newaxis]
    return sq


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
    # computed as (n_components, n_samples), each component's row contiguous,
    # and returned as its transpose: the reductions over k that follow
    # (logsumexp) then run along long rows instead of rows of K numbers
    log_prob = _MAHALANOBIS[storage_type(covariance_type)](X, means, precisions_cholesky)
    log_det = log_det_cholesky(precisions_cholesky, covariance_type, n_features)
    log_prob *= -0.5  # in place: -1/2 ||(x - mu) U||^2 ...
    log_prob += (log_det - 0.5 * n_features * math.log(2 * math.pi))[..., np.newaxis]
    return log_prob.T
