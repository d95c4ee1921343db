"""gmmteach.bootstrap: shapes, aligned components, a known answer, bad input."""

import numpy as np
import pytest

from gmmteach import GaussianMixture, NoiseGaussianMixture, bootstrap, select_model
from gmmteach.datasets import load_old_faithful


@pytest.fixture(scope="module")
def faithful():
    X = load_old_faithful()
    return X, select_model(X, [2], ["VVV"]).best_model_


@pytest.mark.parametrize("covariance_type", ["full", "tied", "diag", "spherical", "VEV"])
@pytest.mark.parametrize("kind", ["nonparametric", "weighted"])
def test_results_are_shaped_like_the_models_attributes(faithful, covariance_type, kind):
    X, _ = faithful
    model = GaussianMixture(2, covariance_type=covariance_type, random_state=0).fit(X)
    result = bootstrap(model, X, n_boot=20, kind=kind, random_state=0)
    for key in ("weights", "means", "covariances"):
        shape = getattr(model, key + "_").shape
        assert result.standard_errors[key].shape == shape
        lower, upper = result.intervals[key]
        assert lower.shape == upper.shape == shape and np.all(lower <= upper)
        assert result.samples[key].shape == (result.n_boot, *shape)
    assert result.n_boot == 20


@pytest.mark.parametrize("kind", ["nonparametric", "weighted"])
def test_refits_keep_the_components_numbers(faithful, kind):
    # each refit starts from the fitted responsibilities: its component k
    # stays nearest the fitted component k (no label switching)
    X, model = faithful
    result = bootstrap(model, X, n_boot=50, kind=kind, random_state=1)
    means = result.samples["means"]
    distance = ((means[:, :, None, :] - model.means_[None, None]) ** 2).sum(axis=-1)
    assert np.all(distance.argmin(axis=2) == np.arange(2))
    lower, upper = result.intervals["means"]
    assert np.all((lower < model.means_) & (model.means_ < upper))


@pytest.mark.parametrize("kind", ["nonparametric", "weighted"])
def test_one_gaussian_mean_has_the_textbook_standard_error(kind):
    # K = 1: the mean is the sample mean, whose standard error is sigma / sqrt(N)
    rng = np.random.RandomState(0)
    X = rng.standard_normal((400, 2)) * [1.0, 3.0]
    model = GaussianMixture(1, random_state=0).fit(X)
    se = bootstrap(model, X, n_boot=400, kind=kind, random_state=0).standard_errors
    expected = X.std(axis=0) / np.sqrt(len(X))
    np.testing.assert_allclose(se["means"][0], expected, rtol=0.12)
    assert np.all(se["weights"] < 1e-12)  # one component: its weight is always 1


def test_same_seed_same_result(faithful):
    X, model = faithful
    a, b = (bootstrap(model, X, n_boot=10, random_state=3) for _ in range(2))
    np.testing.assert_array_equal(a.samples["covariances"], b.samples["covariances"])


@pytest.mark.parametrize("argument, error, words", [
    ({"n_boot": 0}, ValueError, "n_boot must be at least 1"),
    ({"n_boot": 9.5}, TypeError, "n_boot must be an integer"),
    ({"kind": "weigthed"}, ValueError, "Did you mean 'weighted'"),
    ({"kind": "parametric"}, ValueError, "not one of 'nonparametric', 'weighted'"),
])
def test_bad_arguments_are_explained(faithful, argument, error, words):
    X, model = faithful
    with pytest.raises(error, match=words):
        bootstrap(model, X, **argument)


def test_a_model_that_is_not_a_fitted_gaussian_mixture_is_explained(faithful):
    X, model = faithful
    with pytest.raises(TypeError, match="needs a fitted GaussianMixture"):
        bootstrap(select_model(X, [2], ["VVV"]), X)
    mask = np.zeros(len(X), bool)
    mask[:3] = True
    noisy = NoiseGaussianMixture(2, noise_init=mask, random_state=0).fit(X)
    with pytest.raises(TypeError, match="noise is not bootstrapped"):
        bootstrap(noisy, X)
    with pytest.raises(ValueError, match="features"):
        bootstrap(model, X[:, :1])
