"""The prior of a Bayesian Gaussian mixture, with sklearn's names and defaults.

=============================  ===============================  ==========================
parameter (Bishop's symbol)    what it says                     default (as sklearn)
=============================  ===============================  ==========================
weight_concentration_prior     how evenly weight is spread;     ``1 / n_components``
  (``alpha_0``)                small: few components used
mean_precision_prior           how many points' worth of        ``1``
  (``beta_0``)                 belief the prior mean carries
mean_prior (``m_0``)           where centres are expected       the mean of X
degrees_of_freedom_prior       how many points' worth of        ``n_features``
  (``nu_0``)                   belief the prior covariance has
covariance_prior (``W_0^-1``)  nu_0 times the spread of a       X's covariance, in the
                               component: an empty one keeps    covariance type's shape
                               ``covariance_prior / nu_0``
=============================  ===============================  ==========================

With sample weights the defaults are those of X with row n repeated ``w_n``
times: the weighted mean, and the weighted covariance divided by
``sum_n w_n - 1`` (``N - 1`` for ``N = sum_n w_n``).

Introduced in lessons/11_bayesian_gmm.ipynb.
"""

import numbers
from dataclasses import dataclass

import numpy as np

from .._checks import check_array, check_covariance_type, check_n_components, check_X, did_you_mean
from ..covariance import COVARIANCE_TYPES
from ..params import read_only
from .weights import WEIGHT_PRIOR_TYPES

__all__ = ["VBPrior", "check_prior_type", "vb_prior"]


@dataclass(frozen=True, eq=False)
class VBPrior:
    """The prior's parameters after defaults are filled in (sklearn's ``*_prior_``).

    Attributes
    ----------
    weight_concentration_prior : float
    mean_precision_prior : float
    mean_prior : ndarray of shape (n_features,)
    degrees_of_freedom_prior : float
    covariance_prior : ndarray of shape (n_features, n_features) ('full',
        'tied'), (n_features,) ('diag') or a float ('spherical')
    covariance_type : {'full', 'tied', 'diag', 'spherical'}
    weight_concentration_prior_type : {'dirichlet_process', 'dirichlet_distribution'}
    """

    weight_concentration_prior: float
    mean_precision_prior: float
    mean_prior: np.ndarray
    degrees_of_freedom_prior: float
    covariance_prior: np.ndarray | float
    covariance_type: str
    weight_concentration_prior_type: str


def check_prior_type(prior_type):
    """One of the two weight prior types, else a ValueError naming both."""
    if prior_type not in WEIGHT_PRIOR_TYPES:
        raise ValueError(
            f"Unknown weight_concentration_prior_type {prior_type!r}; choose "
            f"{' or '.join(repr(t) for t in WEIGHT_PRIOR_TYPES)}."
            f"{did_you_mean(prior_type, WEIGHT_PRIOR_TYPES)}"
        )
    return prior_type


def _positive(value, name, default):
    # None means the default; otherwise a finite real number > 0
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive number or None, got {value!r}.")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(
            f"{name} must be a finite number > 0 (or None for the default), got {value}."
        )
    return float(value)


def _array(value, name, shape):
    array = check_array(value, name, hint="pass one value per feature (or None for "
                        "the default).")
    if array.shape != shape or not np.all(np.isfinite(array)):
        raise ValueError(
            f"{name} must be a finite array of shape {shape}, got shape {array.shape}; "
            "pass one value per feature (or None for the default)."
        )
    return read_only(array)


def _degrees_of_freedom_prior(value, n_features):
    # A Wishart over D x D matrices needs nu > D - 1
    if value is None:
        return float(n_features)
    value = _positive(value, "degrees_of_freedom_prior", None)
    if value <= n_features - 1.0:
        raise ValueError(
            f"The parameter 'degrees_of_freedom_prior' should be greater than "
            f"{n_features - 1}, but got {value:.3f}. A Wishart prior on "
            f"{n_features} x {n_features} precisions needs more than n_features - 1 "
            "degrees of freedom; use None for the default n_features."
        )
    return value


def _default_covariance_prior(X, covariance_type, sample_weight=None):
    # X's own spread: the sample covariance, its diagonal or its mean variance
    if sample_weight is not None:
        return _weighted_covariance_prior(X, covariance_type, sample_weight)
    if covariance_type in ("full", "tied"):
        return read_only(np.atleast_2d(np.cov(X.T)), copy=False)
    variances = np.var(X, axis=0, ddof=1)
    return read_only(variances, copy=False) if covariance_type == "diag" else float(
        variances.mean())


def _weighted_covariance_prior(X, covariance_type, sample_weight):
    # sum_n w_n (x_n - xbar)(x_n - xbar)^T / (N - 1), N = sum_n w_n: the
    # sample covariance of X with row n repeated w_n times
    total = sample_weight.sum()
    if total <= 1:
        raise ValueError(
            f"sample_weight sums to {total:g}, but the default covariance_prior (the "
            "weighted covariance of X, divided by sum(sample_weight) - 1) needs a "
            "total above 1; weights count observations, so pass counts rather than "
            "proportions, or give covariance_prior yourself.")
    diff = X - np.average(X, axis=0, weights=sample_weight)
    if covariance_type in ("full", "tied"):
        return read_only((sample_weight * diff.T) @ diff / (total - 1), copy=False)
    variances = sample_weight @ diff**2 / (total - 1)
    return read_only(variances, copy=False) if covariance_type == "diag" else float(
        variances.mean())


def _covariance_prior(value, X, covariance_type, sample_weight=None):
    n_features = X.shape[1]
    if value is None:
        return _default_covariance_prior(X, covariance_type, sample_weight)
    if covariance_type == "spherical":
        return _positive(value, "covariance_prior", None)
    shape = (n_features,) if covariance_type == "diag" else (n_features, n_features)
    name = f"{covariance_type} covariance_prior"
    matrix = _array(value, name, shape)
    if covariance_type == "diag" and np.any(matrix <= 0):
        raise ValueError(f"{name} must be all > 0 (they are variances).")
    if covariance_type != "diag" and (not np.allclose(matrix, matrix.T)
                                      or np.linalg.eigvalsh(matrix).min() <= 0):
        raise ValueError(
            f"{name} must be symmetric and positive-definite (all eigenvalues > 0), "
            "like a covariance matrix; e.g. np.cov(X.T)."
        )
    return matrix


def vb_prior(X, n_components, covariance_type="full",
             weight_concentration_prior_type="dirichlet_process",
             weight_concentration_prior=None, mean_precision_prior=None,
             mean_prior=None, degrees_of_freedom_prior=None, covariance_prior=None,
             sample_weight=None):
    """Check the prior's parameters and fill in sklearn's defaults from X.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    n_components : int
    covariance_type : {'full', 'tied', 'diag', 'spherical'}
    weight_concentration_prior_type : {'dirichlet_process', 'dirichlet_distribution'}
    weight_concentration_prior, mean_precision_prior, degrees_of_freedom_prior : float or None
    mean_prior : array-like of shape (n_features,) or None
    covariance_prior : float, array-like or None
        Shape as in the module's table.
    sample_weight : ndarray of shape (n_samples,), optional
        Checked sample weights: the defaults are X's weighted mean and
        covariance (as if row n were repeated ``w_n`` times).

    Returns
    -------
    VBPrior
    """
    X = check_X(X)
    n_components = check_n_components(n_components)
    return _vb_prior(X, n_components, covariance_type, weight_concentration_prior_type,
                     weight_concentration_prior, mean_precision_prior, mean_prior,
                     degrees_of_freedom_prior, covariance_prior, sample_weight)


def _vb_prior(X, n_components, covariance_type="full",
              weight_concentration_prior_type="dirichlet_process",
              weight_concentration_prior=None, mean_precision_prior=None,
              mean_prior=None, degrees_of_freedom_prior=None, covariance_prior=None,
              sample_weight=None):
    # vb_prior for an X already checked (vb_steps, the estimator)
    check_covariance_type(covariance_type, COVARIANCE_TYPES,
                          "Variational inference (vb_steps)")
    check_prior_type(weight_concentration_prior_type)
    n_features = X.shape[1]
    return VBPrior(
        _positive(weight_concentration_prior, "weight_concentration_prior",
                  1.0 / n_components),
        _positive(mean_precision_prior, "mean_precision_prior", 1.0),
        read_only(np.average(X, axis=0, weights=sample_weight), copy=False)
        if mean_prior is None else _array(mean_prior, "mean_prior", (n_features,)),
        _degrees_of_freedom_prior(degrees_of_freedom_prior, n_features),
        _covariance_prior(covariance_prior, X, covariance_type, sample_weight),
        covariance_type,
        weight_concentration_prior_type,
    )
