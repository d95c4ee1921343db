"""mclust's fourteen covariance models, one table entry each.

R's mclust writes every component's covariance as

    Sigma_k = lambda_k D_k A_k D_k^T

with a **volume** ``lambda_k`` (a number, ``|Sigma_k|^(1/D)``), a **shape**
``A_k`` (diagonal, determinant one) and an **orientation** ``D_k``
(orthogonal: the ellipse's axes). A model's three letters say, for volume,
shape and orientation in that order, whether it is Equal across components
(E), Variable (V) or the Identity (I): ``VEV`` lets volumes and orientations
vary but gives every component the same shape (Celeux & Govaert 1995).

=====  =====================================  ==================
name   mclust's description                   covariance params
=====  =====================================  ==================
EII    spherical, equal volume                1
VII    spherical, varying volume              K
EEI    diagonal, equal volume and shape       D
VEI    diagonal, equal shape                  K + D - 1
EVI    diagonal, equal volume, varying shape  1 + K (D - 1)
VVI    diagonal, varying volume and shape     K D
EEE    ellipsoidal, equal vol/shape/orient    D (D + 1) / 2
VEE    ellipsoidal, equal shape and orient    K + D (D + 1) / 2 - 1
EVE    ellipsoidal, equal volume and orient   1 + K (D - 1) + D (D - 1) / 2
VVE    ellipsoidal, equal orientation         K D + D (D - 1) / 2
EEV    ellipsoidal, equal volume and shape    D + K D (D - 1) / 2
VEV    ellipsoidal, equal shape               K + D - 1 + K D (D - 1) / 2
EVV    ellipsoidal, equal volume              1 + K (D (D + 1) / 2 - 1)
VVV    ellipsoidal, varying vol/shape/orient  K D (D + 1) / 2
=====  =====================================  ==================

In gmmteach each name is a ``covariance_type``; its ``covariances`` are
always stored as full matrices of shape (K, D, D). The four scikit-learn
names are the same models (:data:`SKLEARN_ALIASES`) in sklearn's shapes.

Introduced in lessons/08_mclust_models.ipynb,
after the four sklearn types of lessons/04_covariance_types.ipynb.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import diagonal, ellipsoidal, spherical
from .._checks import (
    check_choice, check_component_statistics, check_covariance_matrices, check_nonnegative,
)
from ._common import weighted_scatters
from .structure import check_structure, decompose

__all__ = [
    "MCLUST_MODELS",
    "MODELS",
    "SKLEARN_ALIASES",
    "MclustModel",
    "check_structure",
    "decompose",
    "estimate_covariances",
    "scatter_matrices",
]


@dataclass(frozen=True)
class MclustModel:
    """One of mclust's models: its letters, its words, its count, its M-step.

    Attributes
    ----------
    name : str
        Three letters, volume-shape-orientation, e.g. ``'VEV'``.
    volume, shape, orientation : {'E', 'V', 'I'}
    description : str
        mclust's words, e.g. ``'ellipsoidal, equal shape'``.
    m_step : callable
        ``m_step(scatter, nk, previous=None) -> covariances (K, D, D)``.
    iterative : bool
        Whether the M-step iterates (to ``_common.INNER_TOL``).
    """

    name: str
    description: str
    m_step: Callable
    iterative: bool = False

    volume = property(lambda self: self.name[0])
    shape = property(lambda self: self.name[1])
    orientation = property(lambda self: self.name[2])

    def n_covariance_parameters(self, n_components, n_features):
        """Free covariance parameters (mclust's ``nVarParams``).

        Volume: 1 (E) or K (V). Shape: D - 1 per distinct shape (E: one,
        V: K, I: none). Orientation: D (D - 1) / 2 per distinct rotation.
        """
        K, D = n_components, n_features
        count = {"E": 1, "V": K, "I": 0}
        return (count[self.volume] * 1 + count[self.shape] * (D - 1)
                + count[self.orientation] * D * (D - 1) // 2)


_TABLE = [
    ("EII", "spherical, equal volume", spherical.m_step_eii),
    ("VII", "spherical, varying volume", spherical.m_step_vii),
    ("EEI", "diagonal, equal volume and shape", diagonal.m_step_eei),
    ("VEI", "diagonal, equal shape", diagonal.m_step_vei, True),
    ("EVI", "diagonal, equal volume, varying shape", diagonal.m_step_evi),
    ("VVI", "diagonal, varying volume and shape", diagonal.m_step_vvi),
    ("EEE", "ellipsoidal, equal volume, shape and orientation",
     ellipsoidal.m_step_eee),
    ("VEE", "ellipsoidal, equal shape and orientation", ellipsoidal.m_step_vee, True),
    ("EVE", "ellipsoidal, equal volume and orientation", ellipsoidal.m_step_eve, True),
    ("VVE", "ellipsoidal, equal orientation", ellipsoidal.m_step_vve, True),
    ("EEV", "ellipsoidal, equal volume and shape", ellipsoidal.m_step_eev),
    ("VEV", "ellipsoidal, equal shape", ellipsoidal.m_step_vev, True),
    ("EVV", "ellipsoidal, equal volume", ellipsoidal.m_step_evv),
    ("VVV", "ellipsoidal, varying volume, shape, and orientation",
     ellipsoidal.m_step_vvv),
]

MODELS = {row[0]: MclustModel(*row) for row in _TABLE}
MCLUST_MODELS = tuple(MODELS)
SKLEARN_ALIASES = {"full": "VVV", "tied": "EEE", "diag": "VVI", "spherical": "VII"}


def scatter_matrices(resp, X, means, nk, reg_covar=0.0):
    """Weighted scatter ``W_k = sum_n r_nk (x_n - mu_k)(x_n - mu_k)^T``.

    ``reg_covar * n_k`` is added to each diagonal, which adds ``reg_covar``
    to every variance of the unconstrained fit (sklearn's rule for the four
    aliases) and keeps every model's constraints exact.

    Returns
    -------
    ndarray of shape (n_components, n_features, n_features)
    """
    resp, X, nk, means = check_component_statistics(resp, X, nk, means)
    reg_covar = check_nonnegative(reg_covar, "reg_covar",
                                  "use a small positive value such as 1e-6, or 0.")
    return _scatter_matrices(resp, X, means, nk, reg_covar)


def _scatter_matrices(resp, X, means, nk, reg_covar=0.0):
    # scatter_matrices without its checks, for the package's own M-steps
    K, D = means.shape
    scatter = weighted_scatters(resp, X, means)
    scatter.reshape(K, -1)[:, :: D + 1] += reg_covar * nk[:, np.newaxis]
    return 0.5 * (scatter + np.swapaxes(scatter, 1, 2))


def estimate_covariances(resp, X, nk, means, reg_covar, name, previous=None):
    """The M-step's covariances for model ``name``, shape (K, D, D).

    Parameters
    ----------
    resp : ndarray of shape (n_samples, n_components)
    X : ndarray of shape (n_samples, n_features)
    nk : ndarray of shape (n_components,)
    means : ndarray of shape (n_components, n_features)
    reg_covar : float
    name : one of :data:`MCLUST_MODELS`
    previous : ndarray of shape (n_components, n_features, n_features), optional
        The covariances this M-step improves on: iterative models start there.
    """
    name = check_choice(name, MCLUST_MODELS, "name")
    resp, X, nk, means = check_component_statistics(resp, X, nk, means)
    reg_covar = check_nonnegative(reg_covar, "reg_covar",
                                  "use a small positive value such as 1e-6, or 0.")
    if previous is not None:
        previous = check_covariance_matrices(previous, "previous", X.shape[1])
    return _estimate_covariances(resp, X, nk, means, reg_covar, name, previous)


def _estimate_covariances(resp, X, nk, means, reg_covar, name, previous=None):
    # estimate_covariances without its checks: the M-steps' inputs are checked
    # once where the learner hands them over (m_step, em_steps, the estimators)
    scatter = _scatter_matrices(resp, X, means, nk, reg_covar)
    # A singular W_k (a component on one point or a line) gives log 0 or 0/0
    # inside the M-steps; the non-finite result is reported afterwards as a
    # CollapsedComponentError, so numpy's warnings would only be noise.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        try:
            return MODELS[name].m_step(scatter, nk, previous)
        except np.linalg.LinAlgError:  # an SVD or inverse of NaNs
            return np.full_like(scatter, np.nan)
