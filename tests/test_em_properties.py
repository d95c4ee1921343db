"""Properties every EM trajectory must have, on random data (hypothesis)."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from gmmteach import COVARIANCE_TYPES, CollapsedComponentError, em_steps, initial_params
from gmmteach.gaussian import log_gaussian_prob

# Sums of N log-densities carry rounding of a few ulps each: allow this much
# apparent decrease, relative to the largest log-density term involved (a
# component with variance 1e-5 gives terms of 1e5 for far points, whose
# rounding, 1e-11, survives the logsumexp).
LOG_LIKELIHOOD_SLACK = 1e-12


@st.composite
def problems(draw):
    seed = draw(st.integers(0, 2**31 - 1))
    n_features = draw(st.integers(1, 3))
    n_components = draw(st.integers(1, 4))
    n_samples = draw(st.integers(n_components + 5, 60))
    rng = np.random.RandomState(seed)
    centres = rng.uniform(-5, 5, size=(n_components, n_features))
    X = centres[rng.randint(n_components, size=n_samples)]
    X = X + rng.standard_normal((n_samples, n_features)) * rng.uniform(0.2, 2)
    return dict(
        X=X * draw(st.sampled_from([1.0, 1e-2, 1e3])) + draw(st.sampled_from([0, 100])),
        n_components=n_components,
        covariance_type=draw(st.sampled_from(COVARIANCE_TYPES)),
        init_params=draw(st.sampled_from(["kmeans", "random", "random_from_data"])),
        seed=seed,
    )


def trajectory(problem, max_iter=30, reg_covar=1e-6):
    X = problem["X"]
    start, resp = initial_params(
        X, problem["n_components"], problem["covariance_type"],
        init_params=problem["init_params"], random_state=problem["seed"],
        reg_covar=reg_covar,
    )
    return list(em_steps(X, start, covariance_type=problem["covariance_type"],
                         tol=0, max_iter=max_iter, initial_resp=resp,
                         reg_covar=reg_covar))


def _largest_term(X, params):
    # max |log N(x_n | mu_k, Sigma_k)|: the size of the numbers being summed
    log_prob = log_gaussian_prob(X, params.means, params.precisions_cholesky,
                                 params.covariance_type)
    return float(np.abs(log_prob).max())


@settings(max_examples=60, deadline=None)
@given(problems())
def test_log_likelihood_never_decreases(problem):
    # EM's guarantee is for the exact M-step, reg_covar=0: adding reg_covar to
    # the covariances is not a maximisation, and hypothesis finds small data
    # (variance ~1e-4) where the regularised log-likelihood dips by ~1e-8.
    # With reg_covar=0 a component can shrink onto identical points: their
    # two-pass variance is then exactly 0, the covariance is singular and
    # m_step raises, so such runs stop there instead of going on with
    # rounding noise. Every run that does not collapse is tested, including
    # components that hold only a few (identical) points.
    try:
        steps = trajectory(problem, reg_covar=0.0)
    except CollapsedComponentError:
        reject()
    lls = [s.log_likelihood for s in steps if s.kind == "E"]
    scale = max([1.0, abs(lls[-1])] + [_largest_term(problem["X"], s.params)
                                       for s in steps if s.kind == "E"])
    assert np.all(np.diff(lls) >= -LOG_LIKELIHOOD_SLACK * scale)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_probabilities_and_covariances_are_valid(problem):
    steps = trajectory(problem, max_iter=10)
    for step in steps:
        params = step.params
        # the start's weights are sklearn's N_k / N: they sum to K / N when the
        # start picks K single points; every M-step's weights sum to one
        if step.params is not steps[0].params:
            np.testing.assert_allclose(params.weights.sum(), 1.0, atol=1e-12)
        assert np.all(params.weights >= 0)
        if step.kind != "init":
            np.testing.assert_allclose(step.resp.sum(axis=1), 1.0, atol=1e-12)
            assert np.all((step.resp >= 0) & (step.resp <= 1))
        covs = params.full_covariances()
        np.testing.assert_allclose(covs, np.swapaxes(covs, 1, 2), rtol=1e-12)
        assert np.all(np.linalg.eigvalsh(covs) > 0)


@settings(max_examples=20, deadline=None)
@given(problems())
def test_steps_alternate_and_stop_like_sklearn(problem):
    steps = trajectory(problem, max_iter=7)
    kinds = [s.kind for s in steps]
    assert kinds == ["init"] + ["E", "M"] * 7
    assert [s.iteration for s in steps] == [0] + [i for i in range(1, 8) for _ in "EM"]
    # An E-step never changes the parameters; an M-step never changes resp.
    for e, m in zip(steps[1::2], steps[2::2]):
        assert e.params is steps[steps.index(e) - 1].params
        assert m.resp is e.resp


def test_records_are_immutable(covariance_type):
    problem = dict(X=np.random.RandomState(0).randn(40, 2), n_components=2,
                   covariance_type=covariance_type, init_params="kmeans", seed=0)
    for step in trajectory(problem, max_iter=2):
        with pytest.raises(dataclasses.FrozenInstanceError):
            step.log_likelihood = 0.0
        with pytest.raises(dataclasses.FrozenInstanceError):
            step.params.means = None
        arrays = [step.params.weights, step.params.means, step.params.covariances,
                  step.params.precisions_cholesky]
        for array in arrays + ([] if step.resp is None else [step.resp]):
            with pytest.raises(ValueError, match="read-only"):
                array[..., 0] = 1.0


def test_convergence_rule_is_sklearns():
    X = np.random.RandomState(1).randn(200, 2)
    start, _ = initial_params(X, 2, random_state=0)
    steps = list(em_steps(X, start, covariance_type="full", tol=1e-3))
    last = steps[-1]
    assert last.kind == "M" and last.converged and abs(last.change) < 1e-3
    earlier = [s.change for s in steps if s.kind == "M"][:-1]
    assert all(abs(c) >= 1e-3 for c in earlier)
    lls = [s.log_likelihood for s in steps if s.kind == "M"]
    np.testing.assert_allclose(np.diff(lls), [s.change for s in steps if s.kind == "M"][1:])
