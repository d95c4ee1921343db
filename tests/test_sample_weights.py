"""Sample weights (issue 21, part 3): a row counted w_n times.

The equivalences are the definition: integer weights fit as repeated rows,
a weight 0 as a dropped row, equal weights as no weights; k-means is
sklearn's ``KMeans(sample_weight=...)``; bad weights are refused in words.
"""

import warnings

import numpy as np
import pytest

from gmmteach import (BayesianGaussianMixture, GaussianMixture, em_steps, initial_params,
                      e_step, kmeans, m_step, vb_steps)
from gmmteach.covariance import COVARIANCE_TYPES
from gmmteach.datasets import make_blobs
from gmmteach.init import initial_resp
from gmmteach.kmeans import kmeans_plusplus

RNG = np.random.RandomState(7)
X = make_blobs(90, centers=[[0, 0], [5, 1], [1, 5]], random_state=3)[0]
COUNTS = RNG.randint(0, 4, len(X))  # some rows 0 (dropped), some repeated
REPEATED = np.repeat(X, COUNTS, axis=0)
TYPES = COVARIANCE_TYPES + ("VEV", "EVI")


def _final(steps):
    steps = list(steps)
    return steps[-1]


def _close(a, b, atol=1e-10):
    np.testing.assert_allclose(a.params.means, b.params.means, atol=atol)
    np.testing.assert_allclose(a.params.weights, b.params.weights, atol=atol)
    np.testing.assert_allclose(a.params.covariances, b.params.covariances, atol=atol)
    assert a.log_likelihood == pytest.approx(b.log_likelihood, abs=atol)


@pytest.mark.parametrize("covariance_type", TYPES)
def test_integer_weights_fit_as_repeated_rows(covariance_type):
    start, _ = initial_params(X, 3, covariance_type, random_state=0)
    kw = dict(covariance_type=covariance_type, tol=0, max_iter=25)
    weighted = _final(em_steps(X, start, sample_weight=COUNTS, **kw))
    repeated = _final(em_steps(REPEATED, start, **kw))
    _close(weighted, repeated)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_zero_weight_is_a_dropped_row(covariance_type):
    w = np.ones(len(X))
    w[::4] = 0
    start, _ = initial_params(X, 3, covariance_type, random_state=1)
    kw = dict(covariance_type=covariance_type, tol=0, max_iter=15)
    _close(_final(em_steps(X, start, sample_weight=w, **kw)),
           _final(em_steps(X[w > 0], start, **kw)))


@pytest.mark.parametrize("init_params", ["kmeans", "k-means++", "random",
                                         "random_from_data"])
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_equal_weights_are_no_weights(covariance_type, init_params):
    kw = dict(covariance_type=covariance_type, init_params=init_params, random_state=0)
    plain = GaussianMixture(3, **kw).fit(X)
    equal = GaussianMixture(3, **kw).fit(X, sample_weight=np.full(len(X), 2.5))
    np.testing.assert_allclose(equal.means_, plain.means_, atol=1e-10)
    np.testing.assert_allclose(equal.covariances_, plain.covariances_, atol=1e-10)
    assert equal.lower_bound_ == pytest.approx(plain.lower_bound_, abs=1e-10)
    assert equal.n_iter_ == plain.n_iter_


def test_m_step_weights_the_statistics():
    resp = RNG.dirichlet(np.ones(3), size=len(X))
    w = RNG.uniform(0, 2, len(X))
    params = m_step(X, resp, "full", reg_covar=0.0, sample_weight=w)
    nk = (w[:, None] * resp).sum(axis=0)  # N_k = sum_n w_n r_nk
    means = (w[:, None] * resp).T @ X / nk[:, None]
    np.testing.assert_allclose(params.weights, nk / w.sum(), atol=1e-12)
    np.testing.assert_allclose(params.means, means, atol=1e-12)
    diff = X - means[0]
    cov0 = (w * resp[:, 0] * diff.T) @ diff / nk[0]
    np.testing.assert_allclose(params.covariances[0], cov0, atol=1e-12)


def test_log_likelihood_is_the_weighted_mean_and_never_decreases():
    w = RNG.uniform(0, 3, len(X))
    start, _ = initial_params(X, 3, "full", init_params="random", random_state=2)
    steps = [s for s in em_steps(X, start, covariance_type="full", tol=0, max_iter=40,
                                 sample_weight=w) if s.kind == "E"]
    _, log_prob = e_step(X, steps[-1].params)
    assert steps[-1].log_likelihood == pytest.approx(log_prob @ w / w.sum(), abs=1e-12)
    values = np.array([s.log_likelihood for s in steps])
    assert np.all(np.diff(values) >= -1e-12)


def test_estimator_score_bic_aic_with_integer_weights_equal_repeated_rows():
    start = GaussianMixture(3, random_state=0).fit(X)
    means, weights = start.means_, start.weights_
    kw = dict(means_init=means, weights_init=weights, precisions_init=start.precisions_)
    a = GaussianMixture(3, **kw).fit(X, sample_weight=COUNTS)
    b = GaussianMixture(3, **kw).fit(REPEATED)
    np.testing.assert_allclose(a.means_, b.means_, atol=1e-10)
    assert a.lower_bound_ == pytest.approx(b.lower_bound_, abs=1e-10)
    assert a.score(X, sample_weight=COUNTS) == pytest.approx(b.score(REPEATED), abs=1e-10)
    assert a.bic(X, sample_weight=COUNTS) == pytest.approx(b.bic(REPEATED), abs=1e-8)
    assert a.aic(X, sample_weight=COUNTS) == pytest.approx(b.aic(REPEATED), abs=1e-8)
    np.testing.assert_allclose(a.score_samples(X[:5]), b.score_samples(X[:5]), atol=1e-10)


def test_trajectory_replays_a_weighted_fit():
    model = GaussianMixture(3, random_state=0).fit(X, sample_weight=COUNTS)
    steps = model.trajectory(X, sample_weight=COUNTS)
    assert steps[-1].log_likelihood == model.lower_bound_


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_variational_integer_weights_fit_as_repeated_rows(covariance_type):
    resp = np.repeat(np.eye(3)[RNG.randint(0, 3, len(X))], 1, axis=0)
    kw = dict(covariance_type=covariance_type, tol=0, max_iter=20)
    a = _final(vb_steps(X, resp, sample_weight=COUNTS, **kw))
    b = _final(vb_steps(REPEATED, np.repeat(resp, COUNTS, axis=0), **kw))
    np.testing.assert_allclose(a.params.means, b.params.means, atol=1e-10)
    np.testing.assert_allclose(a.params.covariances, b.params.covariances, atol=1e-10)
    assert a.elbo == pytest.approx(b.elbo, abs=1e-8)


def test_bayesian_mixture_equal_weights_are_no_weights():
    kw = dict(n_components=4, random_state=0)
    plain = BayesianGaussianMixture(**kw).fit(X)
    equal = BayesianGaussianMixture(**kw).fit(X, sample_weight=np.ones(len(X)))
    np.testing.assert_allclose(equal.means_, plain.means_, atol=1e-10)
    assert equal.lower_bound_ == pytest.approx(plain.lower_bound_, abs=1e-10)
    weighted = BayesianGaussianMixture(**kw).fit(X, sample_weight=COUNTS)
    assert weighted.score(X, sample_weight=COUNTS) > weighted.score(X[COUNTS == 0])


# -- k-means with weights is sklearn's ------------------------------------------

sklearn_cluster = pytest.importorskip("sklearn.cluster",
                                      reason="pip install -r tests/requirements.txt")


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_weighted_kmeans_is_sklearns(seed):
    w = np.random.RandomState(seed).uniform(0, 3, len(X))
    w[:10] = 0
    labels, centers, n_iter = kmeans(X, 4, seed, sample_weight=w, return_n_iter=True)
    sk = sklearn_cluster.KMeans(4, n_init=1, random_state=seed).fit(X, sample_weight=w)
    np.testing.assert_array_equal(labels, sk.labels_)
    np.testing.assert_allclose(centers, sk.cluster_centers_, atol=1e-10)
    assert n_iter == sk.n_iter_


def test_weighted_kmeans_plusplus_picks_sklearns_rows():
    w = RNG.uniform(0, 2, len(X))
    ours = kmeans_plusplus(X, 5, np.random.RandomState(4), sample_weight=w)
    _, theirs = sklearn_cluster.kmeans_plusplus(
        X, 5, sample_weight=w, random_state=np.random.RandomState(4))
    np.testing.assert_array_equal(ours, theirs)


def test_weighted_kmeans_start_never_picks_a_zero_weight_row():
    w = np.zeros(len(X))
    w[:30] = 1.0
    for init in ("k-means++", "random_from_data"):
        resp = initial_resp(X, 3, init, np.random.RandomState(0), w)
        assert np.all(resp[30:] == 0), init


# -- bad weights are refused in words ---------------------------------------------

BAD = [
    (np.ones(len(X) - 1), r"sample_weight must hold one number per row of X"),
    (np.ones((len(X), 1)), r"sample_weight must hold one number per row of X"),
    (np.r_[-1.0, np.ones(len(X) - 1)], r"sample_weight must be >= 0.*row 0"),
    (np.r_[np.nan, np.ones(len(X) - 1)], r"sample_weight contains 1 NaN or infinite"),
    (np.r_[np.inf, np.ones(len(X) - 1)], r"sample_weight contains 1 NaN or infinite"),
    (np.zeros(len(X)), r"sample_weight is 0 for every row"),
    (np.r_[1.0, 1.0, np.zeros(len(X) - 2)], r"only 2 row\(s\) have sample_weight > 0"),
    (["a"] * len(X), r"sample_weight must be numbers"),
]


@pytest.mark.parametrize("weights, message", BAD)
def test_bad_weights_are_refused_with_a_sentence(weights, message):
    with pytest.raises(ValueError, match=message):
        GaussianMixture(3).fit(X, sample_weight=weights)


@pytest.mark.parametrize("weights, message", BAD[:6])
def test_bad_weights_are_refused_by_the_functions_too(weights, message):
    start, _ = initial_params(X, 3, "full", random_state=0)
    resp = np.full((len(X), 3), 1 / 3)
    with pytest.raises(ValueError, match=message):
        next(iter(em_steps(X, start, covariance_type="full", sample_weight=weights)))
    with pytest.raises(ValueError, match=message):
        m_step(X, resp, "full", sample_weight=weights)
    with pytest.raises(ValueError, match=message):
        GaussianMixture(3).fit(X).score(X, sample_weight=weights)
    with pytest.raises(ValueError, match=message):
        kmeans(X, 3, 0, sample_weight=weights)


def test_proportions_as_weights_of_a_variational_fit_are_refused_in_words():
    w = np.full(len(X), 1 / len(X))
    with pytest.raises(ValueError, match="sample_weight sums to 1.*pass counts"):
        BayesianGaussianMixture(n_components=3).fit(X, sample_weight=w)
    # a Gaussian mixture does not care about the scale of the weights
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = GaussianMixture(3, random_state=0).fit(X, sample_weight=w)
    b = GaussianMixture(3, random_state=0).fit(X)
    np.testing.assert_allclose(a.means_, b.means_, atol=1e-10)
