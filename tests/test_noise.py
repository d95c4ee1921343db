"""The noise component (gmmteach.noise): its EM, its estimator, its bad input."""

import numpy as np
import pytest
from scipy.stats import multivariate_normal

from gmmteach import NoiseGaussianMixture, select_model
from gmmteach.datasets import load_old_faithful
from gmmteach.init import initial_resp
from gmmteach.noise import hypervolume, noise_em_steps, noise_start


@pytest.fixture(scope="module")
def data():
    rng = np.random.RandomState(0)
    X = load_old_faithful()
    outliers = np.column_stack([rng.uniform(1, 6, 20), rng.uniform(40, 100, 20)])
    mask = np.r_[np.zeros(len(X), bool), np.ones(20, bool)]
    return np.vstack([X, outliers]), mask


@pytest.fixture(scope="module")
def fitted(data):
    X, mask = data
    return NoiseGaussianMixture(2, noise_init=mask, covariance_type="VVV",
                                random_state=0).fit(X)


def test_hypervolume_is_the_smaller_box():
    # a thin tilted cloud: its principal axes' box is far smaller than the data's
    rng = np.random.RandomState(0)
    t = rng.uniform(0, 10, 200)
    X = np.column_stack([t, t + rng.uniform(-0.1, 0.1, 200)])
    box = np.prod(X.max(axis=0) - X.min(axis=0))
    assert hypervolume(X) < 0.1 * box
    square = rng.uniform(0, 1, (500, 2))
    assert hypervolume(square) == pytest.approx(np.prod(np.ptp(square, axis=0)))


def test_density_is_the_uniform_plus_the_gaussians(fitted, data):
    X, _ = data
    density = fitted.noise_proportion_ / fitted.noise_volume_ + sum(
        w * multivariate_normal(m, c).pdf(X)
        for w, m, c in zip(fitted.weights_, fitted.means_, fitted.covariances_))
    np.testing.assert_allclose(fitted.score_samples(X), np.log(density), rtol=1e-10)
    assert fitted.weights_.sum() + fitted.noise_proportion_ == pytest.approx(1)


def test_predict_says_minus_one_for_noise(fitted, data):
    X, mask = data
    proba = fitted.predict_proba(X)
    labels = fitted.predict(X)
    assert proba.shape == (len(X), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1)
    np.testing.assert_array_equal(labels == -1, proba.argmax(axis=1) == 2)
    assert set(labels) == {-1, 0, 1}
    assert (labels[mask] == -1).mean() > 0.5 > (labels[~mask] == -1).mean()
    assert 0.02 < fitted.noise_proportion_ < 0.15


def test_em_never_lowers_the_log_likelihood(fitted, data):
    X, _ = data
    bounds = np.array(fitted.lower_bounds_)
    assert len(bounds) > 2 and np.all(np.diff(bounds) >= -1e-12)
    steps = fitted.trajectory(X)
    assert steps[-1].params.noise_proportion == fitted.noise_proportion_


def test_select_model_with_noise_fits_noise_models(data):
    X, mask = data
    selection = select_model(X, [1, 2, 3], ["VVV", "EII"], noise=mask)
    assert isinstance(selection.best_model_, NoiseGaussianMixture)
    assert selection.resp.shape[1] == selection.best["n_components"] + 1


@pytest.mark.parametrize("mask, error, words", [
    (np.ones(5, bool), ValueError, "one entry per row"),
    (np.zeros(292, int), TypeError, "boolean mask"),
    (np.zeros(292, bool), ValueError, "marks no point"),
    (np.ones(292, bool), ValueError, "marks every point"),
    (None, TypeError, "is required"),
])
def test_bad_masks_are_explained(data, mask, error, words):
    X, _ = data
    with pytest.raises(error, match=words):
        NoiseGaussianMixture(2, noise_init=mask).fit(X)
    if mask is not None:
        with pytest.raises(error, match=words):
            select_model(X, [2], ["VVV"], noise=mask)


def test_sample_is_refused_in_words(fitted):
    with pytest.raises(NotImplementedError, match="uniform over a volume"):
        fitted.sample(3)


def test_integer_sample_weights_are_repeated_rows(data):
    # weight 2 on a row is that row twice (same start: the repeated rows'
    # masks and k-means labels are repeated too)
    X, mask = data
    counts = np.where(np.arange(len(X)) % 3 == 0, 2, 1)
    resp = initial_resp(X[~mask], 2, "kmeans", np.random.RandomState(0))
    volume = hypervolume(X)
    start = noise_start(X, resp, mask, "VVV", volume=volume, sample_weight=counts)
    *_, weighted = noise_em_steps(X, start, covariance_type="VVV", tol=0.0, max_iter=20,
                                  sample_weight=counts.astype(float))
    rows = np.repeat(np.arange(len(X)), counts)
    start = noise_start(X[rows], np.repeat(resp, counts[~mask], axis=0), mask[rows],
                        "VVV", volume=volume)
    *_, repeated = noise_em_steps(X[rows], start, covariance_type="VVV", tol=0.0,
                                  max_iter=20)
    assert weighted.log_likelihood == pytest.approx(repeated.log_likelihood, rel=1e-10)
    assert weighted.params.noise_proportion == pytest.approx(
        repeated.params.noise_proportion, rel=1e-10)
    np.testing.assert_allclose(weighted.params.means, repeated.params.means, rtol=1e-10)
    model = NoiseGaussianMixture(2, noise_init=mask, random_state=0)
    assert 0 < model.fit(X, sample_weight=counts).noise_proportion_ < 0.2


def test_summary_names_the_noise_term_like_r(data):
    X, mask = data
    text = select_model(X, [2], ["VVV"], noise=mask).summary()
    assert "model with 2 components and a noise term:" in text
    header, counts = text.splitlines()[-2:]
    assert header.split() == ["1", "2", "0"] and sum(map(int, counts.split())) == len(X)


def test_noise_steps_refuse_plain_params_in_words(data, fitted):
    X, _ = data
    with pytest.raises(TypeError, match="must be NoiseParams"):
        next(noise_em_steps(X, fitted.params_.gaussian, covariance_type="VVV"))
    with pytest.raises(ValueError, match="features"):
        next(noise_em_steps(X[:, :1], fitted.params_, covariance_type="VVV"))
