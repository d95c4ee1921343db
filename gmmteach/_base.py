"""``BaseMixture``: scikit-learn's estimator protocol, shared by the mixtures.

Everything here is estimator-generic: the constructor-parameter protocol
(``get_params``, ``set_params``, ``__repr__``), ``__sklearn_tags__``, data
validation (``n_features_in_``, ``feature_names_in_``, float32 kept), the
``n_init`` loop that keeps the best run, sklearn's ``verbose`` printout, the
``ConvergenceWarning``, and ``predict`` / ``predict_proba`` / ``score`` /
``score_samples`` / ``fit_predict``. A subclass supplies the algorithm through
a few hooks (see :class:`BaseMixture`). scikit-learn is never required: when
it is installed, the two exception classes below subclass sklearn's, so code
written for sklearn catches them.

Introduced in lessons/09_using_the_model.ipynb.
"""

import inspect
import warnings
from dataclasses import dataclass
from time import perf_counter

import numpy as np

from ._checks import check_covariance_type, check_n_components, check_nonnegative
from ._checks import check_positive_int, check_sample_weight, check_X
from ._checks import did_you_mean
from .em import logsumexp
from .init import INIT_METHODS, check_random_state
from .sample_weights import weighted_mean

__all__ = ["BaseMixture", "ConvergenceWarning", "NotFittedError", "fitted_property"]

try:  # sklearn is optional: subclass its classes only when it is there
    from sklearn.exceptions import ConvergenceWarning as _ConvergenceBase
    from sklearn.exceptions import NotFittedError as _NotFittedBase
except ImportError:  # pragma: no cover - exercised by the no-sklearn venv test
    _ConvergenceBase = UserWarning

    class _NotFittedBase(ValueError, AttributeError):
        pass


# How to start from one's own values instead of assigning a fitted attribute.
_START_HINTS = {
    "weights": "weights_init=...", "means": "means_init=...",
    "covariances": "precisions_init=np.linalg.inv(covariances)",
    "precisions": "precisions_init=...", "precisions_cholesky": "precisions_init=...",
    "weight_concentration": "weight_concentration_prior=...",
    "mean_precision": "mean_precision_prior=...",
    "degrees_of_freedom": "degrees_of_freedom_prior=...",
}


def fitted_property(name, getter=None):
    """A read-only fitted attribute ``name_`` whose setter explains what to do."""
    def fget(self):
        return self._attribute(name) if getter is None else getter(self)

    def fset(self, value):
        hint = _START_HINTS[name]
        if hint.split("=")[0] not in self.get_params():  # a variational fit: priors
            hint = {"weights": "weight_concentration_prior=...",
                    "means": "mean_prior=..."}.get(name, "covariance_prior=...")
        by_hand = ("" if "prior" in hint else
                   ", and to build parameters by hand use gmmteach.make_params(...)")
        raise AttributeError(
            f"{name}_ is learnt by fit and cannot be assigned; to start from your own "
            f"values pass {hint} to the constructor{by_hand}.")
    return property(fget, fset)


class ConvergenceWarning(_ConvergenceBase):
    """EM stopped at ``max_iter`` before the log-likelihood settled."""


class NotFittedError(_NotFittedBase):
    """A method that needs a fitted model was called before ``fit``."""


@dataclass(frozen=True)
class _Run:
    """What one start of the algorithm ended with (its steps are not kept)."""

    start: object          # the parameters it started from (replayed by trajectory)
    previous: float        # the bound its first change was measured from
    params: object         # the parameters it ended with
    lower_bound: float
    lower_bounds: list
    n_iter: int
    converged: bool


class BaseMixture:
    """Base class of the mixture estimators: sklearn's protocol, one fit loop.

    Hooks a subclass implements
    ---------------------------
    ``__init__(self, ...)``
        Keyword parameters stored under their own names (as sklearn requires);
        must include ``n_components, tol, max_iter, n_init, init_params,
        random_state, warm_start, verbose, verbose_interval``.
    ``_check_parameters(self, X, sample_weight)``
        Validate the constructor parameters (X and the sample weights, an
        array or None, are already validated).
    ``_initial_params(self, X, random_state, sample_weight)``
        The starting parameters of one run (usually from
        :func:`gmmteach.init.initial_resp` and one M-step).
    ``_steps(self, X, start, previous_lower_bound, sample_weight)``
        A generator of frozen step records for one run from ``start`` (for
        EM: :func:`gmmteach.em.em_steps`). Each record has ``iteration``,
        ``kind``, ``params``, ``change``, ``converged`` and the bound named by
        the class attribute ``_BOUND`` (``'log_likelihood'``; VB: ``'elbo'``).
        The record of kind ``_ITERATION_END`` (default ``'M'``) closes an
        iteration.
    ``_set_fitted(self, params)``
        Store the chosen run's parameters (the fitted attributes).
    ``_fitted_params(self)``
        The stored parameters (what ``warm_start`` continues from).
    ``_estimate_weighted_log_prob(self, X)``
        ``log pi_k + log p(x_n | k)``, shape (n_samples, n_components).

    Fitted attributes set here: ``converged_``, ``n_iter_``, ``lower_bound_``,
    ``lower_bounds_``, ``n_features_in_`` and (DataFrame input with string
    column names) ``feature_names_in_``. :meth:`trajectory` replays the best
    run's steps, so the model does not carry them (a small pickle).
    """

    _BOUND = "log_likelihood"
    _ITERATION_END = "M"

    # -- sklearn's parameter protocol ---------------------------------------
    @classmethod
    def _get_param_names(cls):
        return sorted(p for p in inspect.signature(cls.__init__).parameters
                      if p != "self")

    def get_params(self, deep=True):
        """Constructor parameters as a dict (sklearn's ``get_params``)."""
        return {name: getattr(self, name) for name in self._get_param_names()}

    def set_params(self, **params):
        """Set constructor parameters by name; returns self."""
        valid = self._get_param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(
                    f"Unknown parameter {name!r} for {type(self).__name__}; valid "
                    f"parameters are: {', '.join(valid)}."
                )
            setattr(self, name, value)
        return self

    def __repr__(self):
        # in the signature's order, only the parameters that differ from defaults
        defaults = inspect.signature(type(self).__init__).parameters
        changed = [f"{name}={getattr(self, name)!r}" for name in defaults
                   if name != "self"
                   and not _is_default(getattr(self, name), defaults[name].default)]
        return f"{type(self).__name__}({', '.join(changed)})"

    def __sklearn_tags__(self):
        """sklearn's tags: an unsupervised density estimator on 2-D float arrays."""
        from sklearn.utils import Tags, TargetTags  # only sklearn calls this

        return Tags(estimator_type="density_estimator",
                    target_tags=TargetTags(required=False))

    def __sklearn_is_fitted__(self):
        return "lower_bound_" in vars(self)

    # -- data validation ------------------------------------------------------
    def _validate_X(self, X, reset):
        """X as a float64 or float32 2-D array; checks or records its columns.

        ``reset=True`` (fit) records ``n_features_in_`` and
        ``feature_names_in_``; otherwise X must match them, as in sklearn.
        """
        names = _feature_names(X)
        if reset:
            X = check_X(X, min_samples=2, keep_float32=True)
            _check_enough_samples(X, check_n_components(self.n_components))
            self.n_features_in_ = X.shape[1]
            self.__dict__.pop("feature_names_in_", None)
            if names is not None:
                self.feature_names_in_ = names
            return X
        self._check_is_fitted()
        _check_names(self, names)
        return check_X(X, n_features=self.n_features_in_, keep_float32=True)

    def _check_is_fitted(self):
        if not self.__sklearn_is_fitted__():
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet. Call 'fit' "
                "with appropriate arguments before using this estimator: fit(X) "
                "first, then predict, score or sample."
            )

    def _check_common_settings(self, covariance_types=None, init_methods=INIT_METHODS):
        """The constructor settings every mixture shares, a sentence each."""
        check_n_components(self.n_components)
        check_covariance_type(self.covariance_type, covariance_types,
                              type(self).__name__)
        check_nonnegative(self.tol, "tol", "use 0 to run exactly max_iter iterations.")
        check_nonnegative(self.reg_covar, "reg_covar",
                          "use a small positive value such as 1e-6.")
        check_positive_int(self.max_iter, "max_iter", minimum=0)
        check_positive_int(self.n_init, "n_init", minimum=1)
        if self.init_params not in init_methods:
            raise ValueError(
                f"Unknown init_params {self.init_params!r}; choose one of "
                f"{', '.join(repr(m) for m in init_methods)}."
        f"{did_you_mean(self.init_params, init_methods)}"
            )

    # -- fitting: best of n_init runs ------------------------------------------
    def fit(self, X, y=None, sample_weight=None):
        """Estimate the parameters (best of ``n_init`` runs); returns self.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored
        sample_weight : array-like of shape (n_samples,), optional
            How many times each row counts (>= 0, e.g. the counts of a
            histogram's bins at their centres). Integer weights fit as if
            each row were repeated ``w_n`` times; ``lower_bound_`` is then
            the weighted mean log-likelihood (:mod:`gmmteach.sample_weights`).
        """
        self.fit_predict(X, y, sample_weight=sample_weight)
        return self

    def fit_predict(self, X, y=None, sample_weight=None):
        """Fit, then return the most responsible component of each sample.

        ``sample_weight`` as in :meth:`fit`.

        Returns
        -------
        labels : ndarray of shape (n_samples,)
        """
        X = self._validate_X(X, reset=True)
        n_components = check_n_components(self.n_components)
        sample_weight = check_sample_weight(sample_weight, X.shape[0], n_components)
        self._check_parameters(X, sample_weight)
        check_positive_int(self.verbose_interval, "verbose_interval", minimum=1)
        warm = self.warm_start and "converged_" in vars(self)
        random_state = check_random_state(self.random_state)
        best = None
        for init in range(1 if warm else self.n_init):
            self._print_init_begin(init)
            start = (self._fitted_params() if warm
                     else self._initial_params(X, random_state, sample_weight))
            run = self._one_run(X, start, self.lower_bound_ if warm else -np.inf,
                                sample_weight)
            if best is None or run.lower_bound > best.lower_bound or best.lower_bound == -np.inf:
                best = run  # sklearn's rule: the last run wins a tie at -inf
        self._store(best)
        return self._log_prob_resp(X)[1].argmax(axis=1)

    def _one_run(self, X, start, previous, sample_weight=None):
        """Run one start to its end, keeping only the last record and the bounds."""
        bounds, last = [], None
        for step in self._steps(X, start, previous, sample_weight):
            last = step
            if step.kind == self._ITERATION_END:
                bounds.append(getattr(step, self._BOUND))
                self._print_iteration(step.iteration, step.change)
        if self.max_iter > 0:
            self._print_init_end(bounds[-1], last.converged)
        return _Run(start, previous, last.params, bounds[-1] if bounds else -np.inf,
                    bounds, last.iteration, bool(last.converged))

    def _store(self, run):
        self._set_fitted(run.params)
        self._best_run_start = (run.start, run.previous)
        self.converged_ = run.converged
        self.n_iter_ = run.n_iter
        self.lower_bounds_ = run.lower_bounds
        self.lower_bound_ = run.lower_bound
        if not self.converged_ and self.max_iter > 0:
            warnings.warn(
                "Best performing initialization did not converge. Try different "
                "init parameters, or increase max_iter, tol, or check for "
                "degenerate data.", ConvergenceWarning, stacklevel=4,
            )

    def trajectory(self, X, keep_resp=False, sample_weight=None):
        """The best run's steps, replayed from its stored start.

        The fitted model keeps only where its best run started, so a pickle
        stays small; replaying on the same X gives exactly the same records.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The data the model was fitted on.
        keep_resp : bool, default=False
            Keep each step's (n_samples, n_components) responsibilities.
        sample_weight : array-like of shape (n_samples,), optional
            The weights the model was fitted with, if any.

        Returns
        -------
        list of step records (:class:`~gmmteach.em.EMStep` for EM)
        """
        X = self._validate_X(X, reset=False)
        sample_weight = check_sample_weight(sample_weight, X.shape[0])
        start, previous = self._best_run_start
        steps = self._steps(X, start, previous, sample_weight)
        return [s if keep_resp else s.without_resp() for s in steps]

    # -- sklearn's verbose printout -------------------------------------------
    def _print_init_begin(self, init):
        if self.verbose >= 1:
            print("Initialization %d" % init)
            self._init_time = self._iter_time = perf_counter()

    def _print_iteration(self, n_iter, change):
        if self.verbose < 1 or n_iter % self.verbose_interval:
            return
        if self.verbose == 1:
            print("  Iteration %d" % n_iter)
            return
        now = perf_counter()
        print("  Iteration %d\t time lapse %.5fs\t ll change %.5f"
              % (n_iter, now - self._iter_time, change))
        self._iter_time = now

    def _print_init_end(self, lower_bound, converged):
        message = "converged" if converged else "did not converge"
        if self.verbose == 1:
            print(f"Initialization {message}.")
        elif self.verbose >= 2:
            lapse = perf_counter() - self._init_time
            print(f"Initialization {message}. time lapse {lapse:.5f}s\t lower bound"
                  f" {lower_bound:.5f}.")

    # -- using the model ----------------------------------------------------------
    def _log_prob_resp(self, X):
        # log p(x_n) = logsumexp_k (log pi_k + log p(x_n | k)); log r_nk the rest
        weighted = self._estimate_weighted_log_prob(X)
        log_prob_norm = logsumexp(weighted)
        with np.errstate(invalid="ignore"):
            return log_prob_norm, weighted - log_prob_norm[:, np.newaxis]

    def score_samples(self, X):
        """Log-density ``log p(x_n)`` of each sample, shape (n_samples,)."""
        X = self._validate_X(X, reset=False)
        return self._log_prob_resp(X)[0].astype(X.dtype, copy=False)

    def score(self, X, y=None, sample_weight=None):
        """Mean log-likelihood per sample of X under the model.

        With ``sample_weight`` (one count >= 0 per row) the weighted mean
        ``sum_n w_n log p(x_n) / sum_n w_n``; ``score_samples`` is unchanged.
        """
        values = self.score_samples(X)
        return weighted_mean(values, check_sample_weight(sample_weight, len(values)))

    def predict_proba(self, X):
        """Responsibilities ``p(component k | x_n)``, shape (n_samples, n_components)."""
        X = self._validate_X(X, reset=False)
        return np.exp(self._log_prob_resp(X)[1]).astype(X.dtype, copy=False)

    def predict(self, X):
        """Most responsible component of each sample, shape (n_samples,)."""
        X = self._validate_X(X, reset=False)
        return self._log_prob_resp(X)[1].argmax(axis=1)


def _is_default(value, default):
    # Arrays are never "default"; a value equal to the default is left out
    simple = (str, int, float, bool, type(None))
    return isinstance(value, simple) and type(value) is type(default) and value == default


def _feature_names(X):
    """sklearn's rule: a DataFrame's column names if they are all strings."""
    columns = getattr(X, "columns", None)
    is_dataframe = hasattr(X, "iloc") or hasattr(X, "__dataframe__")
    if columns is None or not is_dataframe:
        return None
    names = np.asarray(columns, dtype=object)
    are_str = [isinstance(n, str) for n in names]
    if all(are_str) and len(names):
        return names
    if any(are_str):
        raise TypeError(
            "X's column names mix strings and other types; make them all strings, "
            "e.g. X.columns = X.columns.astype(str)."
        )
    return None


def _check_names(model, names):
    """Warn or raise as sklearn does when X's columns differ from the fit's."""
    fitted = getattr(model, "feature_names_in_", None)
    kind = type(model).__name__
    if fitted is None and names is not None:
        warnings.warn(f"X has feature names, but {kind} was fitted without feature "
                      "names", UserWarning, stacklevel=4)
    elif fitted is not None and names is None:
        warnings.warn(f"X does not have valid feature names, but {kind} was fitted "
                      "with feature names", UserWarning, stacklevel=4)
    elif fitted is not None and (len(fitted) != len(names) or np.any(fitted != names)):
        raise ValueError(
            "The feature names should match those that were passed during fit: "
            f"fitted on {list(fitted)}, got {list(names)}. Select the columns in "
            f"the fitted order, e.g. X[model.feature_names_in_]."
        )


def _check_enough_samples(X, n_components):
    if X.shape[0] < n_components:
        raise ValueError(
            f"X has {X.shape[0]} samples, fewer than n_components={n_components}; "
            f"use more data or set n_components <= {X.shape[0]}."
        )
