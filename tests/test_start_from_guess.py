"""Starting EM from the learner's own guess (issue 21, part 4).

``GaussianMixture(init_params="responsibilities", resp_init=R)`` (or
``labels_init=y``, one-hot) starts where ``m_step(X, R)`` puts the
parameters; bad guesses are refused with a sentence.
"""

import numpy as np
import pytest

from gmmteach import GaussianMixture, em_steps, initial_params, m_step
from gmmteach.covariance import COVARIANCE_TYPES
from gmmteach.datasets import make_blobs

# a few iterations on purpose: the comparisons are step by step
pytestmark = pytest.mark.filterwarnings("ignore:Best performing initialization")

X, Y = make_blobs(150, centers=3, random_state=4)
R = np.random.RandomState(0).dirichlet(np.ones(3), len(X))


def _fit(**kw):
    return GaussianMixture(3, init_params="responsibilities", tol=0, max_iter=6,
                           **kw).fit(X)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES + ("VEV",))
def test_resp_init_starts_where_m_step_of_it_does(covariance_type):
    model = _fit(resp_init=R, covariance_type=covariance_type)
    start = m_step(X, R, covariance_type)
    steps = list(em_steps(X, start, covariance_type=covariance_type, tol=0, max_iter=6))
    np.testing.assert_allclose(model.means_, steps[-1].params.means, atol=1e-12)
    np.testing.assert_allclose(model.covariances_, steps[-1].params.covariances,
                               atol=1e-12)
    assert model.lower_bounds_ == pytest.approx(
        [s.log_likelihood for s in steps if s.kind == "M"], abs=1e-12)


def test_initial_params_from_a_guess_is_the_m_step_of_it():
    params, resp = initial_params(X, 3, "diag", init_params="responsibilities",
                                  resp_init=R)
    np.testing.assert_array_equal(resp, R)
    expected = m_step(X, R, "diag")
    np.testing.assert_allclose(params.means, expected.means, atol=1e-12)
    np.testing.assert_allclose(params.weights, expected.weights, atol=1e-12)


def test_labels_init_is_the_one_hot_resp_init():
    a = _fit(labels_init=Y)
    b = _fit(resp_init=np.eye(3)[Y])
    np.testing.assert_array_equal(a.means_, b.means_)
    assert a.lower_bound_ == b.lower_bound_


def test_a_guess_with_sample_weights_starts_from_the_weighted_m_step():
    w = np.random.RandomState(1).randint(1, 4, len(X))
    model = GaussianMixture(3, init_params="responsibilities", resp_init=R, max_iter=1,
                            tol=0).fit(X, sample_weight=w)
    start = m_step(X, R, "full", sample_weight=w)
    steps = list(em_steps(X, start, covariance_type="full", tol=0, max_iter=1,
                          sample_weight=w))
    np.testing.assert_allclose(model.means_, steps[-1].params.means, atol=1e-12)


BAD = [
    (dict(resp_init=R), "used only with init_params='responsibilities'", "kmeans"),
    (dict(), "starts from your own guess: pass resp_init=R", "responsibilities"),
    (dict(resp_init=R, labels_init=Y), "Give resp_init or labels_init, not both",
     "responsibilities"),
    (dict(resp_init=R[:, :2]), r"resp_init must have shape .* got \(150, 2\)",
     "responsibilities"),
    (dict(resp_init=R[:9]), r"resp_init must have shape", "responsibilities"),
    (dict(resp_init=-R), "resp_init must hold finite probabilities >= 0",
     "responsibilities"),
    (dict(resp_init=np.where(R > 0.9, np.nan, R)), "resp_init must hold finite",
     "responsibilities"),
    (dict(resp_init=2 * R), r"each row must sum to 1.*row 0 sums to 2",
     "responsibilities"),
    (dict(resp_init=np.vstack([np.zeros(3), R[1:]])), r"row 0 sums to 0 \(a point no "
     r"component owns\)", "responsibilities"),
    (dict(resp_init=np.eye(3)[np.zeros(len(X), int)]),
     r"gives no point to component\(s\) \[1, 2\]", "responsibilities"),
    (dict(labels_init=Y + 1), r"labels_init must be whole numbers 0 .. 2.*got 3",
     "responsibilities"),
    (dict(labels_init=Y - 1), r"labels_init must be whole numbers 0 .. 2.*got -1",
     "responsibilities"),
    (dict(labels_init=Y + 0.5), r"whole numbers.*got 0.5", "responsibilities"),
    (dict(labels_init=Y[:10]), r"one label per row of X, shape \(150,\)",
     "responsibilities"),
    (dict(labels_init=np.array(["a"] * len(X))), r"turn names into numbers",
     "responsibilities"),
]


@pytest.mark.parametrize("kw, message, init_params", BAD)
def test_bad_guesses_are_refused_with_a_sentence(kw, message, init_params):
    with pytest.raises(ValueError, match=message):
        GaussianMixture(3, init_params=init_params, **kw).fit(X)


def test_unknown_init_params_names_the_guess_as_a_choice():
    with pytest.raises(ValueError, match="'random_from_data', 'responsibilities'"):
        GaussianMixture(3, init_params="labels").fit(X)
