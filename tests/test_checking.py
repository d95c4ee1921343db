"""Model checking: squared Mahalanobis distances and their chi-squared QQ pairs.

Expected values come from scipy (``cdist``'s Mahalanobis metric with an
explicit inverse, ``chi2.ppf``), not from gmmteach's kernels.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from scipy import stats  # noqa: E402
from scipy.spatial.distance import cdist  # noqa: E402

from gmmteach import GaussianMixture  # noqa: E402
from gmmteach.checking import chi2_qq, squared_mahalanobis  # noqa: E402
from gmmteach.datasets import load_iris, load_old_faithful  # noqa: E402
from gmmteach.plotting import plot_qq  # noqa: E402


def by_scipy(X, model):
    covs = model.params_.full_covariances()
    return np.column_stack([cdist(X, m[None], "mahalanobis", VI=np.linalg.inv(c))[:, 0] ** 2
                            for m, c in zip(model.means_, covs)])


@pytest.mark.parametrize("covariance_type", ["full", "tied", "diag", "spherical", "VEV"])
def test_squared_mahalanobis_equals_scipy(covariance_type):
    X = load_iris()[0]
    model = GaussianMixture(3, covariance_type=covariance_type, random_state=0).fit(X)
    assert np.allclose(squared_mahalanobis(X, model.params_), by_scipy(X, model),
                       rtol=1e-10, atol=1e-10)


def test_qq_pairs_are_sorted_distances_at_chi2_quantiles():
    X = load_old_faithful()
    model = GaussianMixture(2, random_state=0).fit(X)
    labels, d2 = model.predict(X), by_scipy(X, model)
    for k, (theoretical, observed) in enumerate(chi2_qq(X, model.params_)):
        n_k = np.sum(labels == k)
        assert np.allclose(observed, np.sort(d2[labels == k, k]))
        assert np.allclose(theoretical, stats.chi2.ppf((np.arange(n_k) + 0.5) / n_k, df=2))


def test_a_gaussian_sample_lies_on_the_diagonal():
    # the fact the QQ plot rests on: d^2 of a Gaussian sample is chi^2_D
    rng = np.random.default_rng(0)
    cov = np.array([[2.0, 1.2, 0.0], [1.2, 1.5, 0.3], [0.0, 0.3, 0.5]])
    X = rng.multivariate_normal([1.0, -2.0, 0.5], cov, size=5000)
    model = GaussianMixture(1, random_state=0).fit(X)
    theoretical, observed = chi2_qq(X, model.params_)[0]
    assert stats.kstest(observed, stats.chi2(df=3).cdf).pvalue > 0.05
    assert np.allclose(observed[2500], theoretical[2500], rtol=0.03)  # the medians


def test_labels_given_are_used_and_bad_ones_refused():
    X = load_old_faithful()
    model = GaussianMixture(2, random_state=0).fit(X)
    one = chi2_qq(X, model.params_, labels=np.zeros(len(X), dtype=int))
    assert len(one[0][1]) == len(X) and len(one[1][1]) == 0
    with pytest.raises(ValueError, match="labels must hold one component number 0..1"):
        chi2_qq(X, model.params_, labels=np.full(len(X), 2))
    with pytest.raises(TypeError, match="params_"):
        chi2_qq(X, model)


def test_plot_qq_returns_its_artists_and_refuses_nonsense():
    X = load_old_faithful()
    model = GaussianMixture(2, random_state=0).fit(X)
    fig, ax = plt.subplots()
    points, diagonal = plot_qq(ax, chi2_qq(X, model.params_))
    assert len(points) == 2 and len(points[0].get_offsets()) == np.sum(model.predict(X) == 0)
    assert diagonal.get_xydata()[0].tolist() == [0, 0]
    for bad in ([], [(np.array([1.0]), np.array([np.nan]))], "qq", [(np.ones(2), np.ones(3))]):
        with pytest.raises(ValueError, match="chi2_qq"):
            plot_qq(ax, bad)
    plt.close(fig)
