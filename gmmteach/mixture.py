"""``GaussianMixture``: scikit-learn's estimator API on top of :func:`em_steps`.

The constructor parameters, fitted attributes and methods have the same names
and meaning as ``sklearn.mixture.GaussianMixture``, so what a learner writes
here runs there unchanged. ``fit`` is a short loop over the generator; the
best run's steps are kept (without responsibilities) as ``trajectory_``.

Introduced in lessons/00_start_here.ipynb.
"""

import inspect
import warnings

import numpy as np

from ._checks import check_covariance_type, check_n_components, check_nonnegative
from ._checks import check_positive_int, check_X
from .covariance import n_parameters, storage_type
from .em import e_step, em_steps
from .init import INIT_METHODS, check_random_state, initial_params

__all__ = ["GaussianMixture", "ConvergenceWarning", "NotFittedError"]


class ConvergenceWarning(UserWarning):
    """EM stopped at ``max_iter`` before the log-likelihood settled."""


class NotFittedError(ValueError, AttributeError):
    """A method that needs a fitted model was called before ``fit``."""


class GaussianMixture:
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

    Attributes
    ----------
    weights_ : ndarray of shape (n_components,)
    means_ : ndarray of shape (n_components, n_features)
    covariances_, precisions_, precisions_cholesky_ : ndarray
        Shapes as in :mod:`gmmteach.covariance`.
    converged_ : bool
    n_iter_ : int
    lower_bound_ : float
        Mean log-likelihood per sample at the last E-step of the best run.
    lower_bounds_ : list of float
        ``lower_bound`` at every iteration of the best run.
    trajectory_ : list of EMStep
        The best run's steps, responsibilities dropped to save memory.
    params_ : GMMParams
    n_features_in_ : int
    """

    def __init__(self, n_components=1, *, covariance_type="full", tol=1e-3,
                 reg_covar=1e-6, max_iter=100, n_init=1, init_params="kmeans",
                 weights_init=None, means_init=None, precisions_init=None,
                 random_state=None, warm_start=False):
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

    # -- sklearn's parameter protocol ---------------------------------------
    @classmethod
    def _param_names(cls):
        return [p for p in inspect.signature(cls.__init__).parameters if p != "self"]

    def get_params(self, deep=True):
        """Constructor parameters as a dict (sklearn's ``get_params``)."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params):
        """Set constructor parameters by name; returns self."""
        for name, value in params.items():
            if name not in self._param_names():
                raise ValueError(
                    f"Unknown parameter {name!r}; valid ones are "
                    f"{', '.join(self._param_names())}."
                )
            setattr(self, name, value)
        return self

    def __repr__(self):
        defaults = inspect.signature(type(self).__init__).parameters
        changed = [
            f"{name}={value!r}" for name, value in self.get_params().items()
            if not (isinstance(value, (str, int, float, bool, type(None)))
                    and value == defaults[name].default)
        ]
        return f"GaussianMixture({', '.join(changed)})"

    # -- fitting --------------------------------------------------------------
    def _check_parameters(self):
        check_n_components(self.n_components)
        check_covariance_type(self.covariance_type)
        check_nonnegative(self.tol, "tol", "use 0 to run exactly max_iter iterations.")
        check_nonnegative(self.reg_covar, "reg_covar",
                          "use a small positive value such as 1e-6.")
        check_positive_int(self.max_iter, "max_iter", minimum=0)
        check_positive_int(self.n_init, "n_init", minimum=1)
        if self.init_params not in INIT_METHODS:
            raise ValueError(
                f"Unknown init_params {self.init_params!r}; choose one of "
                f"{', '.join(repr(m) for m in INIT_METHODS)}."
            )

    def _start(self, X, random_state):
        return initial_params(
            X, self.n_components, self.covariance_type,
            init_params=self.init_params, random_state=random_state,
            reg_covar=self.reg_covar, weights_init=self.weights_init,
            means_init=self.means_init, precisions_init=self.precisions_init,
        )[0]

    def _run(self, X, start, previous_log_likelihood):
        steps = em_steps(
            X, start, covariance_type=self.covariance_type, reg_covar=self.reg_covar,
            tol=self.tol, max_iter=self.max_iter,
            previous_log_likelihood=previous_log_likelihood,
        )
        return [step.without_resp() for step in steps]

    def fit(self, X, y=None):
        """Estimate the parameters with EM (best of ``n_init`` runs); returns self.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored
        """
        self._check_parameters()
        X = check_X(X, n_components=self.n_components)
        warm = self.warm_start and hasattr(self, "converged_")
        random_state = check_random_state(self.random_state)
        best = None
        for _ in range(1 if warm else self.n_init):
            start = self.params_ if warm else self._start(X, random_state)
            run = self._run(X, start, self.lower_bound_ if warm else -np.inf)
            if best is None or _final_ll(run) > _final_ll(best):
                best = run
        self._store(best, X.shape[1])
        return self

    def _store(self, run, n_features):
        last = run[-1]
        self.trajectory_ = run
        self.params_ = last.params
        self.converged_ = last.converged
        self.n_iter_ = last.iteration
        self.lower_bounds_ = [s.log_likelihood for s in run if s.kind == "M"]
        self.lower_bound_ = _final_ll(run)
        self.n_features_in_ = n_features
        if not self.converged_ and self.max_iter > 0:
            warnings.warn(
                "Best performing initialization did not converge. Try different "
                "init parameters, or increase max_iter, tol, or check for "
                "degenerate data.", ConvergenceWarning, stacklevel=3,
            )

    def fit_predict(self, X, y=None):
        """Fit, then return the most responsible component of each sample."""
        return self.fit(X).predict(X)

    # -- fitted attributes ------------------------------------------------------
    weights_ = property(lambda self: self._fitted().weights)
    means_ = property(lambda self: self._fitted().means)
    covariances_ = property(lambda self: self._fitted().covariances)
    precisions_cholesky_ = property(lambda self: self._fitted().precisions_cholesky)
    precisions_ = property(lambda self: self._fitted().precisions)

    def _fitted(self):
        if "params_" not in self.__dict__:
            raise NotFittedError(
                "This GaussianMixture is not fitted yet; call fit(X) first, "
                "then predict, score or sample."
            )
        return self.params_

    def _checked(self, X):
        params = self._fitted()
        return check_X(X, n_features=params.n_features), params

    # -- using the model ----------------------------------------------------------
    def score_samples(self, X):
        """Log-density ``log p(x_n)`` of each sample, shape (n_samples,)."""
        X, params = self._checked(X)
        return e_step(X, params)[1]

    def score(self, X, y=None):
        """Mean log-likelihood per sample of X under the model."""
        return float(self.score_samples(X).mean())

    def predict_proba(self, X):
        """Responsibilities ``p(component k | x_n)``, shape (n_samples, n_components)."""
        X, params = self._checked(X)
        return np.exp(e_step(X, params)[0])

    def predict(self, X):
        """Most responsible component of each sample, shape (n_samples,)."""
        X, params = self._checked(X)
        return e_step(X, params)[0].argmax(axis=1)

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

    def bic(self, X):
        """Bayesian information criterion ``-2 log L + p log N`` (lower is better)."""
        X, _ = self._checked(X)
        return -2 * self.score(X) * X.shape[0] + self._n_parameters() * np.log(X.shape[0])

    def aic(self, X):
        """Akaike information criterion ``-2 log L + 2 p`` (lower is better)."""
        X, _ = self._checked(X)
        return -2 * self.score(X) * X.shape[0] + 2 * self._n_parameters()


def _final_ll(run):
    """Log-likelihood a run ended on (-inf when no iteration ran)."""
    ll = run[-1].log_likelihood
    return -np.inf if ll is None else ll


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
