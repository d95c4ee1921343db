"""gmmteach: Gaussian mixture models and the EM algorithm, to see, poke and check.

Glossary (scikit-learn's names, used everywhere in the package and lessons)
--------------------------------------------------------------------------
X : (n_samples, n_features)
    The data, one row per sample.
weights : (n_components,)
    Mixing proportions pi_k: the share of each Gaussian "flavour".
means : (n_components, n_features)
    Centre mu_k of each component.
covariances : shape depends on ``covariance_type``
    Spread Sigma_k of each component ('full', 'tied', 'diag', 'spherical',
    or one of mclust's 14 models 'EII' ... 'VVV', see gmmteach.mclust).
precisions_cholesky : same shape as covariances
    Upper-triangular U with inv(Sigma) = U U^T; how densities are computed.
resp : (n_samples, n_components)
    Responsibilities r_nk = p(component k | x_n), the E-step's output.
log_resp : (n_samples, n_components)
    log(resp), what is actually computed (no underflow).
nk : (n_components,)
    Effective number of points per component, resp.sum(axis=0).
log_likelihood
    Mean over samples of log p(x_n): sklearn's ``lower_bound_``.
L(q, θ), KL(q ‖ p)
    EM's lower bound on the total log-likelihood and the gap to it,
    ``ln p(X | θ) = L + KL`` (:mod:`gmmteach.bound`, lesson 03).
ρ, λ
    EM's linear rate: the log-likelihood's gap shrinks by ρ per iteration,
    ρ ≈ λ², λ the largest eigenvalue of the EM map's Jacobian, the fraction
    of missing information (:mod:`gmmteach.convergence`, lesson 03).

The heart is :func:`em_steps`, a generator of frozen :class:`EMStep` records;
:class:`GaussianMixture` (sklearn's API), the widgets and the lessons all
read those records. Its Bayesian sibling is :func:`vb_steps` (variational
inference, frozen :class:`VBStep` records with the ``elbo``).
"""

from . import bound, checking, combine, convergence, datasets, mclust, metrics, noise
from . import lecture, plotting
from .animation import animate, lecture_style
from .bayesian_mixture import BayesianGaussianMixture
from .covariance import ALL_COVARIANCE_TYPES, COVARIANCE_TYPES, CollapsedComponentError
from .covariance import n_parameters
from .em import EMStep, e_step, em_steps, m_step
from .init import INIT_METHODS, initial_params, initial_resp
from .kmeans import kmeans
from .mixture import ConvergenceWarning, GaussianMixture, NotFittedError
from .noise import NoiseGaussianMixture
from .params import GMMParams, make_params
from .prior import ConjugatePrior, default_prior
from .resampling import BootstrapResult, bootstrap
from .selection import ModelSelection, icl, select_model
from .vb import VBParams, VBStep, vb_steps

__all__ = [
    "ALL_COVARIANCE_TYPES",
    "BayesianGaussianMixture",
    "BootstrapResult",
    "COVARIANCE_TYPES",
    "INIT_METHODS",
    "CollapsedComponentError",
    "ConjugatePrior",
    "ConvergenceWarning",
    "EMStep",
    "GMMParams",
    "GaussianMixture",
    "ModelSelection",
    "NoiseGaussianMixture",
    "NotFittedError",
    "VBParams",
    "VBStep",
    "animate",
    "bootstrap",
    "bound",
    "checking",
    "combine",
    "convergence",
    "datasets",
    "default_prior",
    "e_step",
    "em_steps",
    "icl",
    "initial_params",
    "initial_resp",
    "kmeans",
    "lecture_style",
    "m_step",
    "make_params",
    "mclust",
    "metrics",
    "noise",
    "n_parameters",
    "plotting",
    "select_model",
    "vb_steps",
]
__version__ = "0.1.0"

lecture.apply()  # GMMTEACH_LECTURE=1, or under Voilà: projector-sized figures
