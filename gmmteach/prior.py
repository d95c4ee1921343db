"""A conjugate prior on the means and covariances: EM for the posterior mode.

mclust's ``priorControl()`` (Fraley & Raftery 2007) puts on each component

    mu_k | Sigma_k ~ N(mean, Sigma_k / shrinkage)       (the mean's prior)
    Sigma_k        ~ inverse Wishart(dof, scale)        (the covariance's)

and EM then climbs ``log L(theta) + log p(theta)`` instead of ``log L``:
the E-step is unchanged, the M-step returns the posterior mode (MAP). With
``n_k = sum_n r_nk`` the new mean is pulled towards the prior mean,

    mu_k = (sum_n r_nk x_n + shrinkage * mean) / (n_k + shrinkage),

and the covariance M-step sees the scatter and the count grown by the prior,

    W~_k = sum_n r_nk (x_n - mu_k)(x_n - mu_k)^T
           + shrinkage (mu_k - mean)(mu_k - mean)^T + S0_k,
    n~_k = n_k + c_k,

so each model's own M-step (:mod:`gmmteach.mclust`) on ``(W~_k, n~_k)`` is
the mode. ``S0_k`` (the prior's scale) and the extra count ``c_k`` are
mclust's, model by model (its Fortran ``me*p`` routines; see
:data:`PRIOR_RULES`). The prior's scale keeps every covariance away from
zero, so fits that collapse without it succeed (mclust's EII leaves the
scale out of its M-step; so does gmmteach). The weights keep their plain
estimate ``n_k / n``. The log-likelihood reported, and mclust's BIC and
ICL, stay the plain ones.

mclust has no prior for VEE, EVE, VVE and EVV (R: "VEE model is not
available with prior"), and neither has gmmteach.

Introduced in lessons/08_mclust_models.ipynb.
"""

import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._checks import check_n_components, check_X
from .covariance import precisions_cholesky_from_covariances
from .mclust import MODELS, SKLEARN_ALIASES, _scatter_matrices
from .params import _freeze, read_only

__all__ = ["ConjugatePrior", "MODELS_WITH_PRIOR", "PRIOR_RULES", "default_prior", "log_prior",
           "map_m_step", "resolve_prior"]


@dataclass(frozen=True, eq=False)
class ConjugatePrior:
    """The prior's four numbers (mclust's ``defaultPrior`` names).

    Attributes
    ----------
    shrinkage : float
        ``kappa`` >= 0: how many points' worth of belief the prior mean
        carries (0: no prior on the means).
    mean : ndarray of shape (n_features,)
        Where the means are expected.
    dof : float
        Degrees of freedom of the covariance prior, > n_features - 1.
    scale : ndarray of shape (n_features, n_features)
        Symmetric positive-definite. A number ``s`` means ``s * I``. The
        diagonal and spherical models use the number ``tr(scale) / D`` (as
        mclust, whose scale for them is the mean variance).
    """

    shrinkage: float
    mean: np.ndarray
    dof: float
    scale: np.ndarray

    def __post_init__(self):
        shrinkage = _check_number(self.shrinkage, "shrinkage", minimum=0.0)
        mean = _check_mean(self.mean)
        D = mean.shape[0]
        dof = _check_number(self.dof, "dof", minimum=D - 1, strict=True,
                            why=f"it must exceed n_features - 1 = {D - 1}")
        object.__setattr__(self, "shrinkage", shrinkage)
        object.__setattr__(self, "mean", read_only(mean))
        object.__setattr__(self, "dof", dof)
        object.__setattr__(self, "scale", read_only(_check_scale(self.scale, D)))

    @property
    def n_features(self):
        return self.mean.shape[0]


def default_prior(X, n_components):
    """mclust's ``priorControl()`` for ``n_components`` components of X.

    shrinkage 0.01, mean the column means, dof ``D + 2`` and scale
    ``var(X) / K^(2/D)`` (R's ``var``: ``n - 1``; only its diagonal when
    ``n <= D``), as ``mclust::defaultPrior``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    n_components : int

    Returns
    -------
    ConjugatePrior
    """
    return _default_prior(check_X(X), check_n_components(n_components))


def _default_prior(X, n_components):
    # default_prior for a checked X (select_model's prior=True)
    n, D = X.shape
    var = np.atleast_2d(np.cov(X, rowvar=False)) if n > 1 else np.eye(D)
    if n <= D:
        var = np.diag(np.diag(var))
    return ConjugatePrior(0.01, X.mean(axis=0), D + 2.0, var / n_components ** (2.0 / D))


@dataclass(frozen=True)
class PriorRule:
    """How mclust's M-step for one model uses the prior.

    Attributes
    ----------
    scale : {'none', 'trace', 'diagonal', 'matrix'}
        ``S0_k``: nothing (mclust's EII leaves the scale out), ``s I / D``
        (``tr S0 = s``, the spherical ``sigma^2``'s scale), ``s I`` (each
        variance's) or the matrix; ``s = tr(scale) / D``.
    once : bool
        True: ``S0`` is added once to the pooled scatter (an equal-covariance
        model), else to every component's.
    extra : callable ``(dof, D, K, kappa_positive) -> float``
        The count the prior adds: in total for a pooled count, else per
        component.
    pooled : bool
        Whether ``extra`` is a total (models with one volume).
    shrinks_means : bool
        False for mclust's EEI, whose Fortran (``meeeip``) keeps the plain
        means ``sum_n r_nk x_n / n_k`` while its covariance still has the
        shrinkage term: that step is not the mode of any prior, so for EEI
        the ``objective`` can fall (tests/test_prior.py finds such runs;
        gmmteach follows R).
    """

    scale: str
    once: bool
    extra: Callable
    pooled: bool
    shrinks_means: bool = True


# Read off mclust's me*p Fortran routines (mclust 6.0): the denominator of
# each covariance update, minus n (pooled) or n_k. With one component
# mclust fits by mvn() instead (mnxiip, mnxxip, mnxxxp), one rule per family:
# XII (spherical), XXI (diagonal), XXX (ellipsoidal).
PRIOR_RULES = {
    "EII": PriorRule("none", True, lambda nu, D, K, m: K + (nu + 2) / D, True),
    "VII": PriorRule("trace", False, lambda nu, D, K, m: (nu + 2) / D + m, False),
    "EEI": PriorRule("diagonal", True, lambda nu, D, K, m: nu + 1 + m, True, False),
    "VEI": PriorRule("diagonal", False, lambda nu, D, K, m: (nu + 2 + m) / D, False),
    "EVI": PriorRule("diagonal", False, lambda nu, D, K, m: nu + 1 + m, True),
    "VVI": PriorRule("diagonal", False, lambda nu, D, K, m: nu + 2 + m, False),
    "EEE": PriorRule("matrix", True, lambda nu, D, K, m: nu + D + 1 + K * m, True),
    "EEV": PriorRule("matrix", False, lambda nu, D, K, m: nu + D + 1 + m, True),
    "VEV": PriorRule("matrix", False, lambda nu, D, K, m: 0.0, False),
    "VVV": PriorRule("matrix", False, lambda nu, D, K, m: nu + D + 2, False),
    "XII": PriorRule("trace", False, lambda nu, D, K, m: (nu + 2) / D + m, False),
    "XXI": PriorRule("diagonal", False, lambda nu, D, K, m: nu + 2 + m, False),
    "XXX": PriorRule("matrix", False, lambda nu, D, K, m: nu + D + 1 + m, False),
}
MODELS_WITH_PRIOR = tuple(name for name in PRIOR_RULES if "X" not in name)


def _rule(name, n_components):
    # One component: mclust's mvn() rule of the model's family
    if n_components > 1:
        return PRIOR_RULES[name]
    family = "XII" if name[1:] == "II" else "XXI" if name[2] == "I" else "XXX"
    return PRIOR_RULES[family]


def _model_name(covariance_type):
    return SKLEARN_ALIASES.get(covariance_type, covariance_type)


def resolve_prior(prior, X, n_components, covariance_type):
    """None, or a :class:`ConjugatePrior` checked against X and the model.

    ``prior`` may be None/False (no prior), True (:func:`default_prior`) or a
    ConjugatePrior.
    """
    if prior is None or prior is False:
        return None
    if prior is True:
        prior = _default_prior(X, n_components)
    if not isinstance(prior, ConjugatePrior):
        raise TypeError(
            f"prior must be True (mclust's priorControl()), None or a "
            f"gmmteach.ConjugatePrior, got {type(prior).__name__}; build one with "
            f"gmmteach.default_prior(X, n_components).")
    if prior.n_features != X.shape[1]:
        raise ValueError(
            f"The prior is for {prior.n_features} features but X has {X.shape[1]}; "
            f"build it from this X with gmmteach.default_prior(X, n_components).")
    name = _model_name(covariance_type)
    if name not in MODELS_WITH_PRIOR:
        raise ValueError(
            f"mclust has no conjugate prior for covariance_type={covariance_type!r} "
            f"(R refuses VEE, EVE, VVE and EVV); use one of "
            f"{', '.join(MODELS_WITH_PRIOR)} with a prior.")
    return prior


def _prior_scatter(prior, name, K):
    """``S0_k`` for every component, shape (K, D, D), and the extra counts (K,)."""
    rule, D = _rule(name, K), prior.n_features
    s = np.trace(prior.scale) / D
    S0 = {"none": np.zeros((D, D)), "trace": s / D * np.eye(D),
          "diagonal": s * np.eye(D), "matrix": prior.scale}[rule.scale]
    S0 = np.broadcast_to(S0 / K if rule.once else S0, (K, D, D))
    extra = rule.extra(prior.dof, D, K, float(prior.shrinkage > 0))
    return S0, np.full(K, extra / K if rule.pooled else extra)


def map_means(X, resp, nk, prior):
    """``mu_k = (sum_n r_nk x_n + kappa mean) / (n_k + kappa)``, shape (K, D)."""
    kappa = prior.shrinkage
    return (resp.T @ X + kappa * prior.mean) / (nk + kappa)[:, np.newaxis]


def _map_covariances(X, resp, nk, means, prior, name, reg_covar, previous):
    # The model's own M-step on the scatter and counts grown by the prior
    K = means.shape[0]
    S0, extra = _prior_scatter(prior, name, K)
    offset = means - prior.mean
    scatter = (_scatter_matrices(resp, X, means, nk, reg_covar) + S0
               + prior.shrinkage * offset[:, :, np.newaxis] * offset[:, np.newaxis, :])
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        try:
            return MODELS[name].m_step(scatter, nk + extra, previous)
        except np.linalg.LinAlgError:
            return np.full_like(scatter, np.nan)


def _as_storage(covariances, covariance_type):
    # (K, D, D) full matrices -> the shape of a sklearn covariance_type
    if covariance_type == "tied":
        return covariances[0]
    if covariance_type == "diag":
        return np.diagonal(covariances, axis1=1, axis2=2).copy()
    if covariance_type == "spherical":
        return covariances[:, 0, 0].copy()
    return covariances


def map_m_step(X, resp, covariance_type, prior, reg_covar=0.0, previous=None):
    """The M-step under the prior: weights ``n_k / n``, posterior-mode means and covariances.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    resp : ndarray of shape (n_samples, n_components)
    covariance_type : one of :data:`PRIOR_RULES` or its sklearn alias
    prior : ConjugatePrior
    reg_covar : float, default=0
        Added to every variance as in the plain M-step (mclust adds nothing).
    previous : ndarray, optional
        The covariances this step improves on (iterative models start there).

    Returns
    -------
    GMMParams
    """
    name = _model_name(covariance_type)
    nk = resp.sum(axis=0)
    means = map_means(X, resp, nk, prior)
    if previous is not None and covariance_type != name:
        previous = None  # only mclust's iterative models use it
    covariances = _as_storage(
        _map_covariances(X, resp, nk, means, prior, name, reg_covar, previous),
        covariance_type)
    if not _rule(name, means.shape[0]).shrinks_means:
        means = resp.T @ X / nk[:, np.newaxis]
    prec_chol = precisions_cholesky_from_covariances(covariances, covariance_type)
    return _freeze(nk / nk.sum(), means, covariances, prec_chol, covariance_type,
                   copy=False)


def log_prior(params, prior):
    """``log p(theta)`` up to a constant: what the MAP M-step adds to Q.

    ``sum_k [ -kappa/2 (mu_k - mean)^T Sigma_k^-1 (mu_k - mean)
    - c_k/2 log|Sigma_k| - 1/2 tr(S0_k Sigma_k^-1) ]`` with mclust's
    ``S0_k`` and ``c_k`` (:data:`PRIOR_RULES`). Only this sum depends on the
    parameters, so ``log L + log_prior`` is what MAP-EM never lowers.

    Parameters
    ----------
    params : GMMParams
    prior : ConjugatePrior

    Returns
    -------
    float
    """
    name = _model_name(params.covariance_type)
    covariances = params.full_covariances()
    S0, extra = _prior_scatter(prior, name, params.n_components)
    precisions = np.linalg.inv(covariances)
    offset = params.means - prior.mean
    mahalanobis = np.einsum("ki,kij,kj->k", offset, precisions, offset)
    log_det = np.linalg.slogdet(covariances)[1]
    trace = np.einsum("kij,kji->k", S0, precisions)
    return float(-0.5 * np.sum(prior.shrinkage * mahalanobis + extra * log_det + trace))


def _check_number(value, name, minimum, strict=False, why=None):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"The prior's {name} must be a number, got {value!r}.")
    bad = not np.isfinite(value) or (value <= minimum if strict else value < minimum)
    if bad:
        sign = ">" if strict else ">="
        raise ValueError(
            f"The prior's {name} must be a finite number {sign} {minimum:g}, got "
            f"{value}" + (f"; {why}." if why else "; mclust's default is 0.01."))
    return float(value)


def _check_mean(mean):
    mean = np.asarray(mean, dtype=float)
    if mean.ndim != 1 or mean.size == 0:
        raise ValueError(
            f"The prior's mean must be 1-D, one number per feature (shape "
            f"(n_features,)), got shape {mean.shape}; e.g. X.mean(axis=0).")
    if not np.all(np.isfinite(mean)):
        raise ValueError("The prior's mean contains NaN or inf; give finite numbers.")
    return mean.copy()


def _check_scale(scale, D):
    scale = np.asarray(scale, dtype=float)
    if scale.ndim == 0:
        scale = scale * np.eye(D)
    if scale.shape != (D, D):
        raise ValueError(
            f"The prior's scale must be a number or a (n_features, n_features) = "
            f"({D}, {D}) matrix like the mean's {D} features, got shape {scale.shape}.")
    if not np.all(np.isfinite(scale)):
        raise ValueError("The prior's scale contains NaN or inf; give finite numbers.")
    if not np.allclose(scale, scale.T) or np.linalg.eigvalsh(scale).min() <= 0:
        raise ValueError(
            "The prior's scale must be symmetric positive-definite (all eigenvalues "
            "> 0), like a covariance; e.g. np.cov(X, rowvar=False).")
    return 0.5 * (scale + scale.T)
