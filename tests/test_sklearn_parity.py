"""Same seed, same model: gmmteach's starts and fits against scikit-learn's.

k-means++ and Lloyd are compared with sklearn's ``kmeans_plusplus`` and
``KMeans(n_init=1)``; whole fits compare ``lower_bound_`` to 1e-8 for every
``init_params``, ``n_init`` restarts sharing one stream and every kind of
``random_state``.
"""

import warnings

import numpy as np
import pytest

sklearn = pytest.importorskip("sklearn", reason="pip install -r tests/requirements.txt")

from sklearn.cluster import KMeans, kmeans_plusplus as sk_kmeans_plusplus  # noqa: E402
from sklearn.mixture import GaussianMixture as SkGaussianMixture  # noqa: E402

from gmmteach import GaussianMixture, datasets, kmeans  # noqa: E402
from gmmteach.covariance import estimate_covariances  # noqa: E402
from gmmteach.kmeans import kmeans_plusplus, squared_distances  # noqa: E402

IRIS = datasets.load_dataset("iris")
BLOBS = np.random.RandomState(3).normal(size=(400, 3)) + np.repeat(
    np.random.RandomState(4).normal(scale=4, size=(5, 3)), 80, axis=0)


@pytest.mark.parametrize("n_clusters", [1, 2, 3, 7, 20])
def test_kmeans_plusplus_picks_sklearns_rows(n_clusters):
    ours = kmeans_plusplus(BLOBS, n_clusters, np.random.RandomState(n_clusters))
    _, theirs = sk_kmeans_plusplus(BLOBS, n_clusters, random_state=np.random.RandomState(n_clusters))
    np.testing.assert_array_equal(ours, theirs)


# wide data without clusters: k-means wanders for many Lloyd iterations (as
# on real wide data), where a different summation order could show
WIDE = np.random.RandomState(8).standard_normal((3000, 40))


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("X", [IRIS, BLOBS, WIDE], ids=["iris", "blobs", "wide"])
def test_kmeans_is_sklearns_kmeans(X, seed):
    labels, centers, n_iter = kmeans(X, 4, np.random.RandomState(seed),
                                     return_n_iter=True)
    sk = KMeans(4, n_init=1, random_state=np.random.RandomState(seed)).fit(X)
    np.testing.assert_array_equal(labels, sk.labels_)
    np.testing.assert_allclose(centers, sk.cluster_centers_, atol=1e-10)
    assert n_iter == sk.n_iter_


def test_kmeans_leaves_the_stream_where_sklearn_does():
    ours, theirs = np.random.RandomState(0), np.random.RandomState(0)
    kmeans(IRIS, 3, ours)
    KMeans(3, n_init=1, random_state=theirs).fit(IRIS)
    assert ours.uniform() == theirs.uniform()


def test_squared_distances_never_build_a_3d_array():
    d = squared_distances(BLOBS, BLOBS[:3])
    diff = BLOBS[:, None, :] - BLOBS[None, :3, :]  # the reference, here only
    np.testing.assert_allclose(d, (diff**2).sum(axis=2), atol=1e-10)


@pytest.mark.parametrize("init_params", ["kmeans", "k-means++", "random", "random_from_data"])
def test_n_init_restarts_share_the_stream_as_in_sklearn(init_params, covariance_type):
    kwargs = dict(n_components=4, covariance_type=covariance_type, n_init=3,
                  init_params=init_params, random_state=np.random.RandomState(5))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = GaussianMixture(**kwargs).fit(BLOBS)
        kwargs["random_state"] = np.random.RandomState(5)
        theirs = SkGaussianMixture(**kwargs).fit(BLOBS)
    assert ours.lower_bound_ == pytest.approx(theirs.lower_bound_, abs=1e-8)
    assert ours.n_iter_ == theirs.n_iter_


def test_random_state_none_uses_numpys_global_stream_like_sklearn():
    np.random.seed(11)
    ours = GaussianMixture(3, random_state=None).fit(IRIS)
    np.random.seed(11)
    theirs = SkGaussianMixture(3, random_state=None).fit(IRIS)
    assert ours.lower_bound_ == pytest.approx(theirs.lower_bound_, abs=1e-8)


def test_lesson_00s_bic_now_equals_sklearns():
    X = datasets.load_dataset("old faithful")
    ours = GaussianMixture(4, random_state=0).fit(X).bic(X)
    theirs = SkGaussianMixture(4, random_state=0).fit(X).bic(X)
    assert ours == pytest.approx(theirs, abs=1e-6)


def test_identical_points_have_exactly_zero_variance():
    X = np.full((8, 2), 12345.678)
    resp = np.ones((8, 1))
    means = X[:1]
    for kind in ("diag", "spherical"):
        assert np.all(estimate_covariances(resp, X, np.array([8.0]), means, 0.0, kind) == 0)


def test_an_empty_component_far_from_the_data_never_goes_negative():
    # sklearn's one-pass E[x^2] - mu^2 (and gmmteach's old one) can go below 0
    X = np.random.RandomState(0).normal(1e4, 1.0, size=(50, 2))
    resp = np.zeros((50, 2))
    resp[:, 0], resp[:3, 1] = 1.0, 1e-300
    nk = resp.sum(axis=0) + 10 * np.finfo(float).eps
    means = resp.T @ X / nk[:, None]
    for kind in ("diag", "spherical"):
        assert np.all(estimate_covariances(resp, X, nk, means, 0.0, kind) >= 0)
