"""``BayesianGaussianMixture``: scikit-learn's estimator on top of :func:`vb_steps`.

The constructor parameters, fitted attributes and methods have the names
and meaning of ``sklearn.mixture.BayesianGaussianMixture``, so what a
learner writes here runs there unchanged. The protocol (fit loop,
validation, predict, score) lives in :class:`gmmteach._base.BaseMixture`;
this class supplies variational inference through its hooks.
``trajectory(X)`` replays the best run's :class:`~gmmteach.vb.VBStep` records.

Introduced in lessons/11_bayesian_gmm.ipynb.
"""

import numpy as np

from ._base import BaseMixture, fitted_property
from ._checks import check_positive_int
from .covariance import COVARIANCE_TYPES
from .init import _initial_resp, check_random_state
from .mixture import _draw
from .vb.steps import _check_start_matches, _iterate, _vb_e_step, _vb_m_step
from .vb.prior import _vb_prior, check_prior_type

__all__ = ["BayesianGaussianMixture"]

_PRIOR_NAMES = ("weight_concentration_prior", "mean_precision_prior", "mean_prior",
                "degrees_of_freedom_prior", "covariance_prior")


class BayesianGaussianMixture(BaseMixture):
    """Gaussian mixture fitted by variational inference, with scikit-learn's API.

    Priors on the weights, means and precisions let the fit switch off the
    components the data do not need: with a small ``weight_concentration_prior``
    the expected weights of unneeded components go to nearly zero.

    Parameters
    ----------
    n_components : int, default=1
        The most components the model may use.
    covariance_type : {'full', 'tied', 'diag', 'spherical'}, default='full'
    tol : float, default=1e-3
        Stops when the lower bound changes by less than ``tol``.
    reg_covar : float, default=1e-6
    max_iter : int, default=100
    n_init : int, default=1
        Number of starts; the one with the highest lower bound is kept.
    init_params : {'kmeans', 'k-means++', 'random', 'random_from_data'}, default='kmeans'
    weight_concentration_prior_type : {'dirichlet_process', 'dirichlet_distribution'}, \
default='dirichlet_process'
    weight_concentration_prior : float or None, default=None
        ``alpha_0``; None means ``1 / n_components``.
    mean_precision_prior : float or None, default=None
        ``beta_0``; None means 1.
    mean_prior : array-like of shape (n_features,) or None, default=None
        ``m_0``; None means the mean of X.
    degrees_of_freedom_prior : float or None, default=None
        ``nu_0`` (> n_features - 1); None means n_features.
    covariance_prior : float, array-like or None, default=None
        ``W_0^-1`` in the covariance type's shape; None means X's covariance.
    random_state : int, RandomState or None, default=None
    warm_start : bool, default=False
    verbose : int, default=0
    verbose_interval : int, default=10

    Attributes
    ----------
    weights_ : ndarray of shape (n_components,)
        Expected weights ``E[pi_k]``.
    means_ : ndarray of shape (n_components, n_features)
    covariances_, precisions_, precisions_cholesky_ : ndarray
        Shapes as in :mod:`gmmteach.covariance` (inverse expected precisions).
    converged_ : bool
    n_iter_ : int
    lower_bound_ : float
        The evidence lower bound (up to a constant) at the end of the best run.
    lower_bounds_ : list of float
        The lower bound at every iteration of the best run.
    weight_concentration_prior_ : float
    weight_concentration_ : ndarray of shape (n_components,) or tuple of two
        Dirichlet ``alpha``, or each stick's Beta ``(gamma_1, gamma_2)``.
    mean_precision_prior_ : float
    mean_precision_ : ndarray of shape (n_components,)
    mean_prior_ : ndarray of shape (n_features,)
    degrees_of_freedom_prior_ : float
    degrees_of_freedom_ : ndarray of shape (n_components,), or float ('tied')
    covariance_prior_ : float or ndarray
    params_ : VBParams
        The fitted posterior (float64).
    n_features_in_ : int
    feature_names_in_ : ndarray of str, shape (n_features_in_,)
        Only when X was a DataFrame with string column names.
    """

    _BOUND = "elbo"

    def __init__(self, *, n_components=1, covariance_type="full", tol=1e-3,
                 reg_covar=1e-6, max_iter=100, n_init=1, init_params="kmeans",
                 weight_concentration_prior_type="dirichlet_process",
                 weight_concentration_prior=None, mean_precision_prior=None,
                 mean_prior=None, degrees_of_freedom_prior=None, covariance_prior=None,
                 random_state=None, warm_start=False, verbose=0, verbose_interval=10):
        self.n_components = n_components
        self.covariance_type = covariance_type
        self.tol = tol
        self.reg_covar = reg_covar
        self.max_iter = max_iter
        self.n_init = n_init
        self.init_params = init_params
        self.weight_concentration_prior_type = weight_concentration_prior_type
        self.weight_concentration_prior = weight_concentration_prior
        self.mean_precision_prior = mean_precision_prior
        self.mean_prior = mean_prior
        self.degrees_of_freedom_prior = degrees_of_freedom_prior
        self.covariance_prior = covariance_prior
        self.random_state = random_state
        self.warm_start = warm_start
        self.verbose = verbose
        self.verbose_interval = verbose_interval

    # -- BaseMixture's hooks --------------------------------------------------
    def _check_parameters(self, X, sample_weight=None):
        self._check_common_settings(COVARIANCE_TYPES)
        check_prior_type(self.weight_concentration_prior_type)
        self._fit_dtype = X.dtype
        self._set_prior(np.asarray(X, dtype=float), sample_weight)

    def _set_prior(self, X, sample_weight=None):
        # The prior with defaults filled in from X: sklearn's *_prior_ attributes
        self._prior = _vb_prior(X, self.n_components, self.covariance_type,
                               self.weight_concentration_prior_type,
                               *(getattr(self, name) for name in _PRIOR_NAMES),
                               sample_weight=sample_weight)
        for name in _PRIOR_NAMES:
            setattr(self, name + "_", getattr(self._prior, name))

    def _initial_params(self, X, random_state, sample_weight=None):
        X = np.asarray(X, dtype=float)
        resp = _initial_resp(X, self.n_components, self.init_params, random_state,
                            sample_weight)
        return _vb_m_step(X, resp, self._prior, self.reg_covar, sample_weight)

    def _steps(self, X, start, previous_lower_bound, sample_weight=None):
        # the prior was checked and its defaults filled in from X by
        # _check_parameters: iterate with it as it is, not through vb_steps'
        # check of a user's prior, which refuses the default covariance_prior
        # np.cov(X.T) when it is singular (identical points, a constant
        # column; sklearn fits those, the M-step's reg_covar keeps S_k > 0)
        _check_start_matches(start, self._prior)
        return _iterate(X, start, None, self._prior, self.reg_covar, self.tol,
                        self.max_iter, previous_lower_bound, sample_weight)

    def _set_fitted(self, params):
        self.params_ = params

    def _fitted_params(self):
        return self.params_

    def _estimate_weighted_log_prob(self, X):
        log_resp, log_prob_norm = self._log_prob_resp(X)[::-1]
        return log_resp + log_prob_norm[:, np.newaxis]

    def _log_prob_resp(self, X):
        # ln sum_k rho_nk and the responsibilities, from the posterior's
        # expectations (as in the fit's E-step), computed in float64
        log_resp, log_prob_norm = _vb_e_step(np.asarray(X, dtype=float), self.params_)
        return log_prob_norm, log_resp

    def _initialize_parameters(self, X, random_state):
        """sklearn's private hook (its test module calls it): the initial posterior."""
        self._set_fitted(self._initial_params(X, random_state))

    # -- fitted attributes (in X's dtype: float32 stays float32) ----------------
    weights_ = fitted_property("weights")
    means_ = fitted_property("means")
    covariances_ = fitted_property("covariances")
    precisions_cholesky_ = fitted_property("precisions_cholesky")
    precisions_ = fitted_property("precisions")
    mean_precision_ = fitted_property("mean_precision")

    def _weight_concentration(self):
        value = self._attribute("weight_concentration")
        if isinstance(value, tuple):
            return tuple(a.astype(self._fit_dtype, copy=False) for a in value)
        return value

    def _degrees_of_freedom(self):
        # 'tied' shares one Wishart, so sklearn reports one number
        dof = self._attribute("degrees_of_freedom")
        return dof[0] if self.params_.covariance_type == "tied" else dof

    weight_concentration_ = fitted_property("weight_concentration", _weight_concentration)
    degrees_of_freedom_ = fitted_property("degrees_of_freedom", _degrees_of_freedom)

    def _attribute(self, name):
        if "params_" not in vars(self):
            raise AttributeError(
                f"{name}_ is set by fit; this BayesianGaussianMixture is not fitted yet."
            )
        value = getattr(self.params_, name)
        if isinstance(value, tuple):
            return value
        return value.astype(self._fit_dtype, copy=False)

    def sample(self, n_samples=1):
        """Draw samples from the mixture of the expected weights, means and covariances.

        Returns
        -------
        X : ndarray of shape (n_samples, n_features)
        y : ndarray of shape (n_samples,)
            The component each sample came from.
        """
        self._check_is_fitted()
        check_positive_int(n_samples, "n_samples", minimum=1)
        mixture = self.params_.point_estimate()
        rng = check_random_state(self.random_state)
        counts = rng.multinomial(n_samples, mixture.weights)
        X = _draw(rng, mixture, counts)
        return X, np.repeat(np.arange(mixture.n_components), counts)
