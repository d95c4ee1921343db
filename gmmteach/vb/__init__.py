"""Variational Bayesian EM for Gaussian mixtures: let the data choose K.

A Bayesian Gaussian mixture puts priors on the weights (a Dirichlet
distribution, or a Dirichlet process by stick-breaking), the means
(Gaussian) and the precisions (Wishart), and approximates the posterior by
variational inference: alternate a variational E-step (responsibilities from
the posterior's expectations) and M-step (the posterior from the
responsibilities), each raising the evidence lower bound (ELBO).

:func:`vb_steps` yields every step as a frozen :class:`VBStep`, in the style
of :func:`gmmteach.em_steps`; :class:`gmmteach.BayesianGaussianMixture` is
sklearn's estimator on top of it.

Modules: :mod:`~gmmteach.vb.weights` (the weights' posterior, both prior
types), :mod:`~gmmteach.vb.gaussian_wishart` (means and precisions),
:mod:`~gmmteach.vb.prior` (the prior and its defaults),
:mod:`~gmmteach.vb.records` (the frozen records), :mod:`~gmmteach.vb.steps`
(E-step, M-step, ELBO, the generator).

References: Bishop (2006), *Pattern Recognition and Machine Learning*,
section 10.2; Blei and Jordan (2006), "Variational inference for Dirichlet
process mixtures", *Bayesian Analysis* 1(1).

Introduced in lessons/11_bayesian_gmm.ipynb.
"""

from .prior import VBPrior, vb_prior
from .records import VBParams, VBStep
from .steps import elbo, vb_e_step, vb_m_step, vb_steps
from .weights import (WEIGHT_PRIOR_TYPES, expected_log_weights, expected_weights,
                      stick_breaking_update)

__all__ = [
    "WEIGHT_PRIOR_TYPES",
    "VBParams",
    "VBPrior",
    "VBStep",
    "elbo",
    "expected_log_weights",
    "expected_weights",
    "stick_breaking_update",
    "vb_e_step",
    "vb_m_step",
    "vb_prior",
    "vb_steps",
]
