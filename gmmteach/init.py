"""Where EM starts: initial responsibilities and the parameters they give.

Every strategy first builds a responsibility matrix ``resp`` of shape
(n_samples, n_components) and then runs one M-step on it, as scikit-learn
does. For the same seed every strategy draws exactly the same numbers as
scikit-learn and gives the same starting responsibilities: ``kmeans`` and
``k-means++`` use :mod:`gmmteach.kmeans`, which follows sklearn's ``KMeans``
and ``kmeans_plusplus`` step for step.

Introduced in lessons/06_initialisation.ipynb.
"""

from dataclasses import replace

import numpy as np

from ._checks import check_covariance_type, check_n_components, check_random_state
from ._checks import did_you_mean
from ._checks import check_nonnegative, check_resp_init, check_sample_weight, check_X
from .em import estimate_params
from .kmeans import kmeans, kmeans_plusplus
from .covariance import precisions_cholesky_from_covariances
from .params import _freeze, check_weights_means, make_params, read_only
from .sample_weights import total_weight

__all__ = ["INIT_METHODS", "FROM_GUESS", "initial_resp", "initial_params",
           "check_random_state"]

INIT_METHODS = ("kmeans", "k-means++", "random", "random_from_data")
# init_params for a start from the learner's own guess (resp_init or labels_init)
FROM_GUESS = "responsibilities"


def _resp_from_labels(labels, n_components):
    # resp[n, labels[n]] = 1: each sample belongs wholly to its cluster
    resp = np.zeros((len(labels), n_components))
    resp[np.arange(len(labels)), labels] = 1
    return resp


def _resp_from_rows(rows, n_samples):
    # resp[rows[k], k] = 1: component k starts from the single row rows[k]
    resp = np.zeros((n_samples, len(rows)))
    resp[rows, np.arange(len(rows))] = 1
    return resp


def initial_resp(X, n_components, init_params, random_state, sample_weight=None):
    """Starting responsibilities for one of :data:`INIT_METHODS`.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    n_components : int
    init_params : {'kmeans', 'k-means++', 'random', 'random_from_data'}
    random_state : numpy.random.RandomState
    sample_weight : ndarray of shape (n_samples,), optional
        Checked sample weights: 'kmeans' and 'k-means++' weigh the rows as
        sklearn's ``KMeans(sample_weight=...)``; 'random_from_data' draws rows
        with probability ``w_n / sum w`` (uniformly when all are equal, so
        equal weights start where no weights do); 'random' ignores them.

    Returns
    -------
    resp : ndarray of shape (n_samples, n_components)
    """
    X = check_X(X)
    n_components = check_n_components(n_components)
    if n_components > X.shape[0]:
        raise ValueError(f"n_components={n_components} is more than the {X.shape[0]} "
                         f"samples in X; use n_components <= {X.shape[0]} or more data.")
    random_state = check_random_state(random_state)
    sample_weight = check_sample_weight(sample_weight, X.shape[0])
    return _initial_resp(X, n_components, init_params, random_state, sample_weight)


def _initial_resp(X, n_components, init_params, random_state, sample_weight=None):
    # initial_resp for checked arguments (initial_params and the estimators check first)
    n_samples = X.shape[0]
    if init_params == "kmeans":
        labels, _ = kmeans(X, n_components, random_state, sample_weight=sample_weight)
        return _resp_from_labels(labels, n_components)
    if init_params == "k-means++":
        rows = kmeans_plusplus(X, n_components, random_state, sample_weight=sample_weight)
        return _resp_from_rows(rows, n_samples)
    if init_params == "random":
        resp = random_state.uniform(size=(n_samples, n_components))
        return resp / resp.sum(axis=1)[:, np.newaxis]
    if init_params == "random_from_data":
        rows = random_state.choice(n_samples, size=n_components, replace=False,
                                   p=_row_probabilities(sample_weight))
        return _resp_from_rows(rows, n_samples)
    raise ValueError(
        f"Unknown init_params {init_params!r}; choose one of "
        f"{', '.join(repr(m) for m in INIT_METHODS)}."
        f"{did_you_mean(init_params, INIT_METHODS)}"
    )


def _row_probabilities(sample_weight):
    # None (numpy's uniform draw) when every row counts the same
    if sample_weight is None or np.all(sample_weight == sample_weight[0]):
        return None
    return sample_weight / sample_weight.sum()


def initial_params(X, n_components, covariance_type="full", *, init_params="kmeans",
                   random_state=None, reg_covar=1e-6, weights_init=None,
                   means_init=None, precisions_init=None, sample_weight=None,
                   resp_init=None):
    """Initial :class:`~gmmteach.params.GMMParams` and the resp they came from.

    ``init_params='responsibilities'`` starts from ``resp_init``, your own
    guess of the responsibilities (rows summing to 1): the start is one
    M-step on it, ``m_step(X, resp_init, ...)``. Given ``weights_init``,
    ``means_init`` or ``precisions_init`` replace the estimated ones (all
    three given: no responsibilities are drawn). With
    ``sample_weight`` (one count >= 0 per row) the start is weighted too: a
    weighted k-means and a weighted M-step (:mod:`gmmteach.sample_weights`).

    Returns
    -------
    params : GMMParams
    resp : ndarray of shape (n_samples, n_components) or None
    """
    check_n_components(n_components)
    check_covariance_type(covariance_type)
    X = check_X(X, n_components=n_components)
    check_nonnegative(reg_covar, "reg_covar", "use a small positive value such as 1e-6.")
    sample_weight = check_sample_weight(sample_weight, X.shape[0], n_components)
    given = (weights_init, means_init, precisions_init)
    resp, est = None, (None, None, None)
    if any(g is None for g in given):
        resp = _start_resp(X, n_components, init_params, random_state, sample_weight,
                           resp_init)
        nk, means, covariances = estimate_params(X, resp, reg_covar, covariance_type,
                                                 sample_weight=sample_weight)
        # sklearn's start weights are N_k / N: a start that picks K single
        # points ('random_from_data', 'k-means++') has weights summing to
        # K / N. The first E-step normalises responsibilities, so only the
        # first log-likelihood sees it; kept for same-seed parity.
        est = (nk / total_weight(X.shape[0], sample_weight), means, covariances)
    weights, means = (g if g is not None else e for g, e in zip(given[:2], est[:2]))
    _check_means_shape(means, n_components, X.shape[1])
    if weights_init is not None:
        weights, means = check_weights_means(weights, means)
    if precisions_init is not None:
        # make_params checks that weights sum to one; sklearn's estimated
        # start weights need not, so they are put back afterwards.
        params = make_params(weights / weights.sum(), means, covariance_type,
                             precisions=precisions_init)
        return replace(params, weights=read_only(weights)), resp
    prec_chol = precisions_cholesky_from_covariances(est[2], covariance_type)
    return _freeze(weights, means, est[2], prec_chol, covariance_type), resp


def _start_resp(X, n_components, init_params, random_state, sample_weight, resp_init):
    # the learner's guess, or one drawn by a strategy of INIT_METHODS
    if init_params != FROM_GUESS:
        return _initial_resp(X, n_components, init_params,
                            check_random_state(random_state), sample_weight)
    if resp_init is None:
        raise ValueError(
            "init_params='responsibilities' starts from your own guess: pass "
            "resp_init=R, an (n_samples, n_components) array whose rows sum to 1.")
    return check_resp_init(resp_init, X.shape[0], n_components)


def _check_means_shape(means, n_components, n_features):
    means = np.asarray(means, dtype=float)
    if means.shape != (n_components, n_features):
        raise ValueError(
            f"means_init must have shape ({n_components}, {n_features}) "
            f"(n_components, n_features), got {means.shape}."
        )
