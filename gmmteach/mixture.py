"""``GaussianMixture``: scikit-learn's estimator API on top of :func:`em_steps`.

The constructor parameters, fitted attributes and methods have the same names
and meaning as ``sklearn.mixture.GaussianMixture``, so what a learner writes
here runs there unchanged. The protocol (fit loop, validation, predict,
score) lives in :class:`gmmteach._base.BaseMixture`; this class supplies EM
through its hooks. ``trajectory(X)`` replays the best run's steps.

Introduced in lessons/00_start_here.ipynb.
"""

import numpy as np

from ._base import BaseMixture, ConvergenceWarning, NotFittedError, fitted_property
from ._checks import check_positive_int, check_sample_weight
from .covariance import n_parameters, storage_type
from .em import _e_step, em_steps
from .init import check_random_state, initial_params
from .sample_weights import total_weight

__all__ = ["GaussianMixture", "ConvergenceWarning", "NotFittedError"]


class GaussianMixture(BaseMixture):
    """Gaussian mixture model fitted by EM, with scikit-learn's API.

    Parameters
    ----------
    n_components : int, default=1
    covariance_type : str, default='full'
        'full', 'tied', 'diag', 'spherical' (scikit-learn's), or one of mclust's
        14 models 'EII' ... 'VVV' (see :mod:`gmmteach.mclust`).
    tol : float, default=1e-3
        EM stops when the mean log-likelihood changes by less than ``tol``.
    reg_covar : float, default=1e-6
        Added to the diagonal of every covariance.
    max_iter : int, default=100
    n_init : int, default=1
        Number of starts; the one with the highest log-likelihood is kept.
    init_params : {'kmeans', 'k-means++', 'random', 'random_from_data'}, default='kmeans'
    weights_init : array-like of shape (n_components,), optional
    means_init : array-like of shape (n_components, n_features), optional
    precisions_init : array-like, optional
        Shape as ``covariances_`` for the covariance type.
    random_state : int, RandomState or None, default=None
    warm_start : bool, default=False
        If True, a second ``fit`` starts from the last fitted parameters.
    verbose : int, default=0
        1 prints each start and iteration, 2 also times and changes (sklearn's
        printout).
    verbose_interval : int, default=10
        Iterations between two printed lines.

    Attributes
    ----------
    weights_ : ndarray of shape (n_components,)
    means_ : ndarray of shape (n_components, n_features)
    covariances_, precisions_, precisions_cholesky_ : ndarray
        Shapes as in :mod:`gmmteach.covariance`; float32 when X was.
    converged_ : bool
    n_iter_ : int
    lower_bound_ : float
        Mean log-likelihood per sample at the last E-step of the best run.
    lower_bounds_ : list of float
        ``lower_bound`` at every iteration of the best run.
    params_ : GMMParams
        The fitted parameters (float64).
    n_features_in_ : int
    feature_names_in_ : ndarray of str, shape (n_features_in_,)
        Only when X was a DataFrame with string column names.

    The best run's steps are not stored: ``trajectory(X)`` replays them.
    """

    def __init__(self, n_components=1, *, covariance_type="full", tol=1e-3,
                 reg_covar=1e-6, max_iter=100, n_init=1, init_params="kmeans",
                 weights_init=None, means_init=None, precisions_init=None,
                 random_state=None, warm_start=False, verbose=0, verbose_interval=10):
        self.n_components = n_components
        self.covariance_type = covariance_type
        self.tol = tol
        self.reg_covar = reg_covar
        self.max_iter = max_iter
        self.n_init = n_init
        self.init_params = init_params
        self.weights_init = weights_init
        self.means_init = means_init
        self.precisions_init = precisions_init
        self.random_state = random_state
        self.warm_start = warm_start
        self.verbose = verbose
        self.verbose_interval = verbose_interval

    # -- BaseMixture's hooks --------------------------------------------------
    def _check_parameters(self, X, sample_weight=None):
        self._check_settings()
        self._fit_dtype = X.dtype

    def _check_settings(self):
        """Every constructor setting checked, before any data is seen."""
        self._check_common_settings()
        if self.weights_init is not None:
            _check_weights_init(self.weights_init, self.n_components)

    def _initial_params(self, X, random_state, sample_weight=None):
        return initial_params(
            X, self.n_components, self.covariance_type,
            init_params=self.init_params, random_state=random_state,
            reg_covar=self.reg_covar, weights_init=self.weights_init,
            means_init=self.means_init, precisions_init=self.precisions_init,
            sample_weight=sample_weight,
        )[0]

    def _steps(self, X, start, previous_lower_bound, sample_weight=None):
        return em_steps(
            X, start, covariance_type=self.covariance_type, reg_covar=self.reg_covar,
            tol=self.tol, max_iter=self.max_iter,
            previous_log_likelihood=previous_lower_bound, sample_weight=sample_weight,
        )

    def _set_fitted(self, params):
        self.params_ = params

    def _fitted_params(self):
        return self.params_

    def _estimate_weighted_log_prob(self, X):
        log_resp, log_prob_norm = _e_step(X, self.params_)
        return log_resp + log_prob_norm[:, np.newaxis]

    def _log_prob_resp(self, X):
        # e_step already computes both (same numbers as the base's route)
        log_resp, log_prob_norm = _e_step(X, self.params_)
        return log_prob_norm, log_resp

    # -- fitted attributes (in X's dtype: float32 stays float32) ----------------
    weights_ = fitted_property("weights")
    means_ = fitted_property("means")
    covariances_ = fitted_property("covariances")
    precisions_cholesky_ = fitted_property("precisions_cholesky")
    precisions_ = fitted_property("precisions")

    def _attribute(self, name):
        if "params_" not in vars(self):
            raise AttributeError(
                f"{name}_ is set by fit; this GaussianMixture is not fitted yet."
            )
        value = getattr(self.params_, name)
        return value.astype(self._fit_dtype, copy=False)

    def _fitted(self):
        self._check_is_fitted()
        return self.params_

    def _checked(self, X):
        return self._validate_X(X, reset=False), self.params_

    def sample(self, n_samples=1):
        """Draw samples from the fitted mixture (the generative story).

        Returns
        -------
        X : ndarray of shape (n_samples, n_features)
        y : ndarray of shape (n_samples,)
            The component each sample came from.
        """
        params = self._fitted()
        check_positive_int(n_samples, "n_samples", minimum=1)
        rng = check_random_state(self.random_state)
        counts = rng.multinomial(n_samples, params.weights)
        X = _draw(rng, params, counts)
        return X, np.repeat(np.arange(params.n_components), counts)

    def _n_parameters(self):
        params = self._fitted()
        return n_parameters(params.n_components, params.n_features,
                            params.covariance_type)

    def bic(self, X, sample_weight=None):
        """Bayesian information criterion ``-2 log L + p log N`` (lower is better).

        With ``sample_weight``: ``log L = sum_n w_n log p(x_n)`` and
        ``N = sum_n w_n``, the BIC of the data with row n repeated ``w_n``
        times (the convention for integer counts; for other weights it is
        that formula, not a likelihood of a sample).
        """
        X, _ = self._checked(X)
        n = total_weight(X.shape[0], check_sample_weight(sample_weight, X.shape[0]))
        return (-2 * self.score(X, sample_weight=sample_weight) * n
                + self._n_parameters() * np.log(n))

    def aic(self, X, sample_weight=None):
        """Akaike information criterion ``-2 log L + 2 p`` (lower is better).

        With ``sample_weight``: ``log L = sum_n w_n log p(x_n)``, as :meth:`bic`.
        """
        X, _ = self._checked(X)
        n = total_weight(X.shape[0], check_sample_weight(sample_weight, X.shape[0]))
        return -2 * self.score(X, sample_weight=sample_weight) * n + 2 * self._n_parameters()


def _check_weights_init(weights, n_components):
    # sklearn's rule: in [0, 1] and summing to 1 within 1e-8 (1e-6 in float32)
    weights = np.asarray(weights)
    if weights.shape != (n_components,) or not np.all(np.isfinite(weights)):
        raise ValueError(
            f"weights_init must be {n_components} finite numbers, one per component, "
            f"got shape {weights.shape}."
        )
    if np.any(weights < 0) or np.any(weights > 1):
        raise ValueError(
            f"weights_init must lie in [0, 1], got min {weights.min():.5f} and max "
            f"{weights.max():.5f}; give mixing proportions."
        )
    atol = 1e-6 if weights.dtype == np.float32 else 1e-8
    if abs(1.0 - weights.sum()) > atol:
        raise ValueError(
            f"weights_init: weights must sum to 1 (sklearn allows 1e-8), but they "
            f"sum to {weights.sum():.10g}; divide them by their sum."
        )


def _draw(rng, params, counts):
    # Draw counts[k] points from component k, in sklearn's order of calls
    cov_type = storage_type(params.covariance_type)
    parts = []
    for k, count in enumerate(counts):
        mean, cov = params.means[k], params.covariances
        if cov_type in ("full", "tied"):
            parts.append(rng.multivariate_normal(mean, cov[k] if cov_type == "full"
                                                 else cov, int(count)))
        else:
            noise = rng.standard_normal(size=(count, params.n_features))
            parts.append(mean + noise * np.sqrt(cov[k]))
    return np.vstack(parts)
