"""Frozen records of variational inference: the posterior and one step.

Introduced in lessons/11_bayesian_gmm.ipynb.
"""

from dataclasses import dataclass, replace

import numpy as np

from ..params import ComponentArrays, GMMParams, read_only
from .weights import _WEIGHT_PRIORS

__all__ = ["VBParams", "VBStep"]


@dataclass(frozen=True, eq=False)
class VBParams(ComponentArrays):
    """The variational posterior q(pi) q(mu, Lambda), with read-only arrays.

    Attributes
    ----------
    weight_concentration : ndarray of shape (n_components,) or tuple of two
        'dirichlet_distribution': the Dirichlet's ``alpha``;
        'dirichlet_process': ``(gamma_1, gamma_2)``, each stick's Beta
        parameters (sklearn's ``weight_concentration_``).
    mean_precision : ndarray of shape (n_components,)
        ``beta_k``: how many points' worth of certainty each mean has.
    means : ndarray of shape (n_components, n_features)
        ``m_k``, the posterior mean of each component's centre.
    degrees_of_freedom : ndarray of shape (n_components,)
        ``nu_k`` of each Wishart (all equal for 'tied').
    covariances : ndarray, shape as in :mod:`gmmteach.covariance`
        ``W_k^-1 / nu_k``, the inverse of the expected precision.
    precisions_cholesky : ndarray, same shape as ``covariances``
    covariance_type : {'full', 'tied', 'diag', 'spherical'}
    weight_concentration_prior_type : {'dirichlet_process', 'dirichlet_distribution'}

    ``precisions`` (the expected precisions ``nu_k W_k``), ``n_components``,
    ``n_features`` and ``full_covariances()`` are shared with ``GMMParams``.
    """

    weight_concentration: np.ndarray | tuple
    mean_precision: np.ndarray
    means: np.ndarray
    degrees_of_freedom: np.ndarray
    covariances: np.ndarray
    precisions_cholesky: np.ndarray
    covariance_type: str
    weight_concentration_prior_type: str

    @property
    def weights(self):
        """Expected weights ``E[pi_k]``, shape (n_components,): sklearn's ``weights_``."""
        # the record's own arrays, checked where it was made: no re-check
        expected = _WEIGHT_PRIORS[self.weight_concentration_prior_type].expected
        return read_only(expected(self.weight_concentration), copy=False)


    def point_estimate(self):
        """The mixture the posterior summarises, as :class:`~gmmteach.params.GMMParams`.

        Expected weights, posterior means and ``covariances``: what sklearn's
        fitted attributes describe and what a plot of ellipses draws.
        """
        return GMMParams(self.weights, self.means, self.covariances,
                         self.precisions_cholesky, self.covariance_type)


def freeze_vb_params(weight_concentration, mean_precision, means, degrees_of_freedom,
                     covariances, precisions_cholesky, covariance_type, prior_type):
    """A :class:`VBParams` owning read-only versions of freshly made arrays."""
    if isinstance(weight_concentration, tuple):
        weight_concentration = tuple(read_only(a, copy=False) for a in weight_concentration)
    else:
        weight_concentration = read_only(weight_concentration, copy=False)
    arrays = (mean_precision, means, degrees_of_freedom, covariances, precisions_cholesky)
    return VBParams(weight_concentration, *(read_only(a, copy=False) for a in arrays),
                    covariance_type, prior_type)


@dataclass(frozen=True, eq=False)
class VBStep:
    """One frame of variational inference: what was computed and the posterior after it.

    Attributes
    ----------
    iteration : int
        0 for the initial state; ``t`` for the E- and M-step of iteration t.
    kind : {'init', 'E', 'M'}
    params : VBParams
        The posterior after this step (the E-step leaves it unchanged). On
        'init', the first M-step from the initial responsibilities.
    resp : ndarray of shape (n_samples, n_components) or None
        Responsibilities from this iteration's E-step (for 'init': the
        initial responsibilities, if known).
    elbo : float or None
        The evidence lower bound after this iteration's M-step, up to an
        additive constant (sklearn's ``lower_bound_``; see
        :func:`gmmteach.vb.elbo`). None on 'init' and 'E' records.
    change : float or None
        ``elbo`` minus the previous iteration's (inf at iteration 1); None
        on 'init' and 'E' records.
    converged : bool
        True on the final M-step when ``|change| < tol``.
    """

    iteration: int
    kind: str
    params: VBParams
    resp: np.ndarray | None = None
    elbo: float | None = None
    change: float | None = None
    converged: bool = False

    @property
    def weights(self):
        """Expected weights of ``params``, shape (n_components,)."""
        return self.params.weights

    def without_resp(self):
        """The same record without its (n_samples, n_components) array."""
        return replace(self, resp=None)

    def __repr__(self):
        elbo = "None" if self.elbo is None else f"{self.elbo:.6f}"
        return (
            f"VBStep(iteration={self.iteration}, kind={self.kind!r}, elbo={elbo}, "
            f"converged={self.converged}, "
            f"weights={np.array2string(self.params.weights, precision=3)})"
        )
