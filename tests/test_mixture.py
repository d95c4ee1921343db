"""The estimator's own behaviour: sklearn's protocol and the kept trajectory."""

import warnings

import pytest
import numpy as np
from sklearn.base import clone

from gmmteach import GaussianMixture, em_steps, initial_params, select_model
from gmmteach.datasets import load_old_faithful, make_blobs

X = make_blobs(300, centers=[[0, 0], [6, 0], [0, 6]], random_state=2)[0]


def test_fit_predict_equals_fit_then_predict():
    a = GaussianMixture(3, random_state=0).fit_predict(X)
    b = GaussianMixture(3, random_state=0).fit(X).predict(X)
    np.testing.assert_array_equal(a, b)


def test_trajectory_is_the_best_run_and_matches_lower_bounds():
    model = GaussianMixture(3, init_params="random", n_init=4, random_state=0).fit(X)
    trajectory = model.trajectory(X)
    kinds = [s.kind for s in trajectory]
    assert kinds[0] == "init" and kinds[-1] == "M"
    assert all(s.resp is None for s in trajectory)
    assert model.lower_bounds_ == [s.log_likelihood for s in trajectory
                                   if s.kind == "M"]
    np.testing.assert_array_equal(trajectory[-1].params.means, model.means_)
    assert model.n_iter_ == len(model.lower_bounds_)
    # n_init runs share one RandomState; replay them and keep the best by hand
    rng = np.random.RandomState(0)
    finals = []
    for _ in range(4):
        start, _ = initial_params(X, 3, init_params="random", random_state=rng)
        steps = list(em_steps(X, start, covariance_type="full"))
        finals.append(steps[-1].log_likelihood)
    assert len(set(np.round(finals, 9))) > 1  # the starts really differ
    assert model.lower_bound_ == max(finals)


def test_sklearn_parameter_protocol():
    model = GaussianMixture(4, covariance_type="diag", random_state=3)
    assert model.get_params()["covariance_type"] == "diag"
    copy = clone(model)
    assert copy.get_params() == model.get_params() and copy is not model
    assert repr(model) == "GaussianMixture(n_components=4, covariance_type='diag', random_state=3)"
    assert not hasattr(model, "weights_")


def test_max_iter_zero_keeps_the_initial_parameters():
    model = GaussianMixture(3, max_iter=0, random_state=0).fit(X)
    assert model.n_iter_ == 0 and model.lower_bound_ == -np.inf
    assert model.lower_bounds_ == []


def test_select_model_picks_mclusts_choice_on_old_faithful():
    # R: Mclust(faithful) chooses "EEE" (sklearn's 'tied') with 3 components.
    selection = select_model(load_old_faithful(standardized=True))
    assert selection.best["n_components"] == 3
    assert selection.best["covariance_type"] == "tied"
    assert selection.bic.shape == (9, 4)
    i, j = 2, selection.covariance_types.index("tied")
    assert selection.bic[i, j] == np.nanmin(selection.bic)
    assert "best by BIC: K=3" in selection.table()


# -- issue 19: refusals as sklearn's, and the fit sklearn makes on identical points
@pytest.mark.parametrize("n_components", ["3", None])
def test_n_components_of_the_wrong_kind_is_a_value_error_as_in_sklearn(n_components):
    from sklearn.mixture import GaussianMixture as SkGaussianMixture
    from gmmteach import GaussianMixture as OurGaussianMixture
    X = np.random.RandomState(0).standard_normal((30, 2))
    with pytest.raises(ValueError, match="n_components") as sk:
        SkGaussianMixture(n_components=n_components).fit(X)
    with pytest.raises(ValueError, match="n_components must be an integer") as ours:
        OurGaussianMixture(n_components=n_components).fit(X)
    assert isinstance(ours.value, TypeError) == isinstance(sk.value, TypeError)


def test_text_mean_prior_is_a_value_error_in_words():
    from gmmteach import BayesianGaussianMixture as OurBayesianGaussianMixture
    X = np.random.RandomState(0).standard_normal((30, 2))
    with pytest.raises(ValueError, match="mean_prior must be an array of real numbers"):
        OurBayesianGaussianMixture(mean_prior="ab").fit(X)


@pytest.mark.parametrize("covariance_type", ["full", "tied", "diag", "spherical"])
def test_bayesian_fit_on_identical_points_is_sklearns(covariance_type):
    # np.cov(X.T) = 0, the default covariance_prior, is singular; sklearn fits
    # anyway (reg_covar keeps every S_k > 0): the same numbers here
    from sklearn.mixture import BayesianGaussianMixture as SkBayesianGaussianMixture
    from gmmteach import BayesianGaussianMixture as OurBayesianGaussianMixture
    X = np.full((20, 2), 1.5)
    kw = dict(n_components=2, covariance_type=covariance_type, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sk = SkBayesianGaussianMixture(**kw).fit(X)
        ours = OurBayesianGaussianMixture(**kw).fit(X)
    # every variance is reg_covar-sized (1e-7), so the last digits of each
    # side's rounding (sklearn's X - mean leaves 1e-15 off the diagonal) grow
    # over the iterations: agreement to 1e-3 of the variances, 1e-5 of the bound
    assert ours.n_iter_ == sk.n_iter_
    assert np.isclose(ours.lower_bound_, np.ravel(sk.lower_bound_)[0], rtol=1e-5)
    assert np.allclose(ours.means_, sk.means_, rtol=1e-12)
    for name in ("weights_", "covariances_"):
        assert np.allclose(getattr(ours, name), getattr(sk, name), rtol=1e-3, atol=1e-12), name
