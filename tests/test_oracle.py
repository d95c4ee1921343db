"""scikit-learn as the oracle: same starting parameters, same numbers.

From identical ``weights_init``/``means_init``/``precisions_init`` and
``tol=0`` (a fixed number of iterations), every fitted quantity must equal
``sklearn.mixture.GaussianMixture``'s to 1e-8: absolute on standardised data,
relative otherwise.
"""

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning as SkConvergenceWarning
from sklearn.mixture import GaussianMixture as SkGaussianMixture

from gmmteach import ConvergenceWarning, GaussianMixture, n_parameters
from gmmteach.datasets import load_iris, load_old_faithful, make_blobs, standardize


def _datasets():
    blobs = make_blobs(300, centers=[[0, 0], [4, 1], [1, 5]], random_state=1)[0]
    return {
        # name: (X, n_components, standardised?)
        "blobs standardised": (standardize(blobs), 3, True),
        "faithful standardised": (load_old_faithful(standardized=True), 2, True),
        "faithful raw": (load_old_faithful(), 3, False),
        "iris raw": (load_iris()[0], 3, False),
        "blobs far from origin": (blobs * [3.0, 0.5] + [1e3, -250.0], 3, False),
    }


DATASETS = _datasets()


def _tolerance(standardised):
    return {"rtol": 0, "atol": 1e-8} if standardised else {"rtol": 1e-8, "atol": 0}


def starting_parameters(X, n_components, covariance_type, seed=0):
    """Deliberately rough, but valid, starting weights, means and precisions."""
    rng = np.random.RandomState(seed)
    K, D = n_components, X.shape[1]
    weights = rng.dirichlet(np.full(K, 5.0))
    means = X[rng.choice(len(X), K, replace=False)]
    cov = np.cov(X.T) * rng.uniform(0.5, 1.5, size=(K, 1, 1))
    precisions = {
        "full": np.linalg.inv(cov),
        "tied": np.linalg.inv(cov[0]),
        "diag": 1 / np.diagonal(cov, axis1=1, axis2=2),
        "spherical": 1 / np.diagonal(cov, axis1=1, axis2=2).mean(axis=1),
    }[covariance_type]
    return dict(weights_init=weights, means_init=means, precisions_init=precisions)


def _fit_both(X, n_components, covariance_type, max_iter):
    kwargs = dict(n_components=n_components, covariance_type=covariance_type,
                  tol=0.0, max_iter=max_iter,
                  **starting_parameters(X, n_components, covariance_type))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", SkConvergenceWarning)
        ours = GaussianMixture(**kwargs).fit(X)
        theirs = SkGaussianMixture(**kwargs).fit(X)
    return ours, theirs


@pytest.mark.parametrize("max_iter", [1, 5, 25])
@pytest.mark.parametrize("name", list(DATASETS))
def test_same_numbers_as_sklearn(name, max_iter, covariance_type):
    X, K, standardised = DATASETS[name]
    ours, theirs = _fit_both(X, K, covariance_type, max_iter)
    close = _tolerance(standardised)
    for attr in ["weights_", "means_", "covariances_", "precisions_",
                 "precisions_cholesky_"]:
        np.testing.assert_allclose(getattr(ours, attr), getattr(theirs, attr),
                                   err_msg=attr, **close)
    np.testing.assert_allclose(ours.lower_bounds_, theirs.lower_bounds_, **close)
    np.testing.assert_allclose(ours.lower_bound_, theirs.lower_bound_, **close)
    np.testing.assert_allclose(ours.score(X), theirs.score(X), **close)
    np.testing.assert_allclose(ours.score_samples(X), theirs.score_samples(X), **close)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X),
                               rtol=0, atol=1e-8)
    assert ours.n_iter_ == theirs.n_iter_ == max_iter
    assert ours.converged_ == theirs.converged_


@pytest.mark.parametrize("name", list(DATASETS))
def test_information_criteria_match_sklearn(name, covariance_type):
    X, K, _ = DATASETS[name]
    ours, theirs = _fit_both(X, K, covariance_type, max_iter=5)
    assert n_parameters(K, X.shape[1], covariance_type) == theirs._n_parameters()
    np.testing.assert_allclose(ours.bic(X), theirs.bic(X), rtol=1e-10)
    np.testing.assert_allclose(ours.aic(X), theirs.aic(X), rtol=1e-10)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))


@pytest.mark.parametrize("init_params", ["random", "random_from_data"])
def test_random_inits_draw_the_same_numbers_as_sklearn(init_params, covariance_type):
    # Same seed, same draws: n_init=3 runs and the choice of the best agree too.
    X, K, _ = DATASETS["faithful standardised"]
    kwargs = dict(n_components=K, covariance_type=covariance_type,
                  init_params=init_params, n_init=3, random_state=7, max_iter=300)
    ours, theirs = GaussianMixture(**kwargs).fit(X), SkGaussianMixture(**kwargs).fit(X)
    np.testing.assert_allclose(ours.means_, theirs.means_, rtol=0, atol=1e-8)
    assert ours.n_iter_ == theirs.n_iter_
    np.testing.assert_allclose(ours.lower_bounds_[1:], theirs.lower_bounds_[1:],
                               rtol=0, atol=1e-8)
    # the first one too: sklearn's start weights N_k / N (they sum to K / N
    # from K single points) are reproduced. From single points a diag start
    # has variance exactly reg_covar here; sklearn's one-pass E[x^2] - mu^2
    # adds rounding of ~1e-10 to that 1e-6, hence only rtol=1e-8 at step 1.
    np.testing.assert_allclose(ours.lower_bounds_[0], theirs.lower_bounds_[0],
                               rtol=1e-8)


def test_default_kmeans_init_reaches_sklearn_log_likelihood(covariance_type):
    X = make_blobs(600, centers=[[0, 0], [10, 0], [0, 10]], random_state=3)[0]
    ours = GaussianMixture(3, covariance_type=covariance_type, random_state=0).fit(X)
    theirs = SkGaussianMixture(3, covariance_type=covariance_type,
                               random_state=0).fit(X)
    assert ours.converged_ and theirs.converged_
    assert abs(ours.score(X) - theirs.score(X)) < 1e-6
    assert abs(ours.lower_bound_ - theirs.lower_bound_) < 1e-6


def test_sample_draws_the_same_points_as_sklearn(covariance_type):
    X, K, _ = DATASETS["blobs standardised"]
    ours, theirs = _fit_both(X, K, covariance_type, max_iter=5)
    ours.random_state = theirs.random_state = 11
    for a, b in zip(ours.sample(50), theirs.sample(50)):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-8)


def test_warm_start_continues_like_sklearn():
    X, K, _ = DATASETS["faithful raw"]
    kwargs = dict(n_components=K, warm_start=True, max_iter=3, tol=1e-4,
                  **starting_parameters(X, K, "full"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours, theirs = GaussianMixture(**kwargs), SkGaussianMixture(**kwargs)
        for _ in range(4):
            ours.fit(X)
            theirs.fit(X)
    np.testing.assert_allclose(ours.means_, theirs.means_, rtol=1e-8)
    assert ours.converged_ == theirs.converged_


def test_convergence_warning_like_sklearn():
    X, K, _ = DATASETS["faithful standardised"]
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        GaussianMixture(K, max_iter=2, random_state=0).fit(X)
