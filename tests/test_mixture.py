"""The estimator's own behaviour: sklearn's protocol and the kept trajectory."""

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
