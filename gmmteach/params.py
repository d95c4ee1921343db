"""The parameters of a Gaussian mixture as one frozen, checked record.

Introduced in lessons/02_em_step_by_step.ipynb.
"""

from dataclasses import dataclass

import numpy as np

from . import covariance as cov
from ._checks import check_array, check_covariance_type

__all__ = ["ComponentArrays", "GMMParams", "make_params", "check_weights_means", "read_only"]

# Weights and one-hot rows are compared with this slack: sums of float64
# probabilities are exact only to a few ulps per term.
WEIGHTS_SUM_TOL = 1e-6


def read_only(array, copy=True):
    """A float array that cannot be written to.

    ``copy=False`` is for arrays the caller has just created and owns: it
    saves a copy per EM step; a user's array is always copied, never frozen.
    """
    array = np.array(array, dtype=float, copy=copy or None)
    array.setflags(write=False)
    return array


class ComponentArrays:
    """What every parameter record with ``means``, ``covariances`` and
    ``precisions_cholesky`` (and a ``covariance_type``) can say about itself."""

    @property
    def n_components(self):
        return self.means.shape[0]

    @property
    def n_features(self):
        return self.means.shape[1]

    @property
    def precisions(self):
        """Inverse covariances, shape as ``covariances``."""
        return cov.precisions_from_cholesky(self.precisions_cholesky, self.covariance_type)

    def full_covariances(self):
        """Covariances as (n_components, n_features, n_features) for any type."""
        return cov.full_covariances(
            self.covariances, self.covariance_type, self.n_components, self.n_features
        )


@dataclass(frozen=True, eq=False)
class GMMParams(ComponentArrays):
    """Weights, means and covariances of a mixture, with read-only arrays.

    Attributes
    ----------
    weights : ndarray of shape (n_components,)
        Mixing proportions pi_k, summing to one.
    means : ndarray of shape (n_components, n_features)
    covariances : ndarray, shape as in :mod:`gmmteach.covariance`
    precisions_cholesky : ndarray, same shape as ``covariances``
    covariance_type : {'full', 'tied', 'diag', 'spherical'} or an mclust name
    """

    weights: np.ndarray
    means: np.ndarray
    covariances: np.ndarray
    precisions_cholesky: np.ndarray
    covariance_type: str


def _freeze(weights, means, covariances, precisions_cholesky, covariance_type,
            copy=True):
    arrays = (weights, means, covariances, precisions_cholesky)
    return GMMParams(*(read_only(a, copy) for a in arrays), covariance_type)


def _check_weights(weights, n_components):
    weights = check_array(weights, "weights", hint="one per component.")
    if weights.shape != (n_components,):
        raise ValueError(
            f"weights must have shape ({n_components},), one per component (one per "
            f"row of means), got shape {weights.shape}."
        )
    if np.any(weights < 0) or not np.all(np.isfinite(weights)):
        raise ValueError(f"weights must be finite and >= 0, got {weights}.")
    if abs(weights.sum() - 1.0) > WEIGHTS_SUM_TOL:
        raise ValueError(
            f"weights must sum to 1 (they are mixing proportions), but they sum to "
            f"{weights.sum():.6g}; divide them by their sum."
        )
    return weights


def expected_shape(covariance_type, n_components, n_features):
    """How ``covariance_type`` stores K components' covariances in D features."""
    K, D = n_components, n_features
    return {"full": (K, D, D), "tied": (D, D), "diag": (K, D), "spherical": (K,)}[
        cov.storage_type(covariance_type)
    ]


def _check_matrix_shape(matrix, name, covariance_type, n_components, n_features):
    matrix = check_array(matrix, name)
    shape = expected_shape(covariance_type, n_components, n_features)
    if matrix.shape != shape:
        raise ValueError(
            f"{name} for covariance_type={covariance_type!r} must have shape "
            f"{shape}, got {matrix.shape}."
        )
    if not np.all(np.isfinite(matrix)):
        raise ValueError(f"{name} contains NaN or infinite values.")
    return matrix


def _check_spd(matrix, name, covariance_type):
    """Symmetric positive-definite check for precisions given by a user."""
    if cov.storage_type(covariance_type) in ("diag", "spherical"):
        if np.any(matrix <= 0):
            raise ValueError(
                f"{name} must all be > 0 for covariance_type={covariance_type!r} "
                "(they are variances or their inverses)."
            )
        return
    matrices = matrix.reshape(-1, *matrix.shape[-2:])
    for k, m in enumerate(matrices):
        if not np.allclose(m, m.T):
            raise ValueError(f"{name}[{k}] is not symmetric; use (P + P.T) / 2.")
        if np.linalg.eigvalsh(m).min() <= 0:
            raise ValueError(
                f"{name}[{k}] is not positive-definite (an eigenvalue is <= 0); "
                f"give valid {name}: symmetric with all eigenvalues > 0."
            )


def check_weights_means(weights, means):
    """Checked float copies of user-given weights and means."""
    means = check_array(means, "means", hint="shape (n_components, n_features).")
    if means.ndim != 2 or not np.all(np.isfinite(means)):
        raise ValueError(
            f"means must be a finite 2-D array (n_components, n_features), got "
            f"shape {means.shape}."
        )
    return _check_weights(weights, means.shape[0]), means


def make_params(weights, means, covariance_type, *, covariances=None, precisions=None):
    """Check user-given parameters and freeze them; give covariances or precisions.

    Parameters
    ----------
    weights : array-like of shape (n_components,)
    means : array-like of shape (n_components, n_features)
    covariance_type : {'full', 'tied', 'diag', 'spherical'} or an mclust name
    covariances, precisions : array-like, shape as in :mod:`gmmteach.covariance`
        Exactly one of the two.

    Returns
    -------
    GMMParams
    """
    check_covariance_type(covariance_type)
    weights, means = check_weights_means(weights, means)
    K, D = means.shape
    if (covariances is None) == (precisions is None):
        raise ValueError("Give exactly one of covariances= or precisions=.")
    if precisions is not None:
        precisions = _check_matrix_shape(precisions, "precisions", covariance_type, K, D)
        _check_spd(precisions, "precisions", covariance_type)
        prec_chol = cov.precisions_cholesky_from_precisions(precisions, covariance_type)
        covariances = cov.covariances_from_precisions(precisions, covariance_type)
        cov.check_structure(covariance_type, covariances, "precisions")
    else:
        covariances = _check_matrix_shape(
            covariances, "covariances", covariance_type, K, D
        )
        _check_spd(covariances, "covariances", covariance_type)
        cov.check_structure(covariance_type, covariances, "covariances")
        prec_chol = cov.precisions_cholesky_from_covariances(covariances, covariance_type)
    return _freeze(weights, means, covariances, prec_chol, covariance_type)
