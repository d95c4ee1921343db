"""Properties of variational inference that hold whatever the data.

The ELBO never decreases (reg_covar=0: coordinate ascent on the exact
bound), records are frozen with read-only arrays, the sequence is init, then
E, M per iteration, expected weights sum to one, unneeded components switch
off, a warm start continues a run exactly, and bad input is refused with a
sentence.
"""

import dataclasses

import numpy as np
import pytest

from gmmteach import COVARIANCE_TYPES, VBParams, VBStep, initial_resp, vb_steps
from gmmteach.datasets import load_iris, load_old_faithful, make_blobs

PRIOR_TYPES = ("dirichlet_process", "dirichlet_distribution")


def _data(seed):
    if seed == 0:
        return load_old_faithful(standardized=True)
    if seed == 1:
        return load_iris()[0]
    return make_blobs(300, centers=4, random_state=seed)[0]


def _run(X, K=6, seed=0, init="random", **kwargs):
    resp = initial_resp(X, K, init, np.random.RandomState(seed))
    return list(vb_steps(X, resp, **kwargs))


@pytest.mark.parametrize("prior_type", PRIOR_TYPES)
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_elbo_never_decreases(seed, prior_type, covariance_type):
    X = _data(seed)
    steps = _run(X, seed=seed, covariance_type=covariance_type, reg_covar=0.0,
                 weight_concentration_prior_type=prior_type, tol=1e-8, max_iter=300)
    elbos = np.array([s.elbo for s in steps if s.kind == "M"])
    # rounding only: a few ulps of the bound's largest terms
    slack = 1e-10 * np.abs(elbos).max()
    assert np.all(np.diff(elbos) >= -slack), np.diff(elbos).min()


def test_records_are_frozen_and_read_only(covariance_type):
    steps = _run(load_iris()[0], covariance_type=covariance_type, max_iter=3)
    for step in steps:
        with pytest.raises(dataclasses.FrozenInstanceError):
            step.elbo = 0.0
        with pytest.raises(dataclasses.FrozenInstanceError):
            step.params.means = None
        p = step.params
        arrays = [p.mean_precision, p.means, p.degrees_of_freedom, p.covariances,
                  p.precisions_cholesky, p.weights, step.resp]
        arrays += list(p.weight_concentration) if isinstance(
            p.weight_concentration, tuple) else [p.weight_concentration]
        for array in arrays:
            with pytest.raises(ValueError, match="read-only"):
                array.flat[0] = 1.0


def test_initial_resp_is_copied_not_frozen():
    X = load_iris()[0]
    resp = initial_resp(X, 3, "random", np.random.RandomState(0))
    first = next(iter(vb_steps(X, resp, max_iter=1)))
    resp[0, 0] = 5.0  # the caller's array stays writable and is not shared
    assert first.resp[0, 0] != 5.0


@pytest.mark.parametrize("prior_type", PRIOR_TYPES)
def test_sequence_is_init_then_e_and_m(prior_type, covariance_type):
    steps = _run(load_old_faithful(), covariance_type=covariance_type,
                 weight_concentration_prior_type=prior_type, tol=0.0, max_iter=4)
    assert [(s.iteration, s.kind) for s in steps] == [(0, "init")] + [
        (t, kind) for t in range(1, 5) for kind in ("E", "M")]
    assert all(isinstance(s, VBStep) and isinstance(s.params, VBParams) for s in steps)
    for before, e_step, m_step in zip(steps[0::2], steps[1::2], steps[2::2]):
        assert e_step.params is before.params  # the E-step changes only resp
        assert e_step.elbo is None and e_step.change is None
        assert m_step.resp is e_step.resp
        np.testing.assert_allclose(e_step.resp.sum(axis=1), 1.0, rtol=1e-12)
    elbos = [s.elbo for s in steps if s.kind == "M"]
    changes = [s.change for s in steps if s.kind == "M"]
    assert changes[0] == np.inf
    np.testing.assert_allclose(changes[1:], np.diff(elbos), rtol=1e-12)
    assert steps[0].elbo is None and not any(s.converged for s in steps)


def test_stops_when_the_change_is_below_tol():
    steps = _run(load_old_faithful(standardized=True), tol=1e-3, max_iter=500)
    last = steps[-1]
    assert last.kind == "M" and last.converged and abs(last.change) < 1e-3
    assert all(abs(s.change) >= 1e-3 for s in steps[:-1] if s.kind == "M")


def test_expected_weights_are_the_stick_breaking_means():
    # E[pi_k] = E[v_k] prod_{j<k} (1 - E[v_j]) with E[v] = a / (a + b), then
    # normalised over the K components (written out here with a plain loop)
    steps = _run(load_iris()[0], K=5, max_iter=5)
    a, b = steps[-1].params.weight_concentration
    expected, rest = [], 1.0
    for k in range(5):
        expected.append(rest * a[k] / (a[k] + b[k]))
        rest *= b[k] / (a[k] + b[k])
    expected = np.array(expected) / sum(expected)
    np.testing.assert_allclose(steps[-1].params.weights, expected, rtol=1e-12)


def test_dirichlet_expected_weights_sum_to_one(covariance_type):
    steps = _run(load_iris()[0], covariance_type=covariance_type,
                 weight_concentration_prior_type="dirichlet_distribution", max_iter=5)
    alpha = steps[-1].params.weight_concentration
    np.testing.assert_allclose(steps[-1].params.weights, alpha / alpha.sum(), rtol=1e-12)


def test_unneeded_components_switch_off():
    # three well separated blobs, ten components offered: a small
    # concentration leaves three with real weight
    X = make_blobs(600, centers=[[0, 0], [8, 0], [0, 8]], random_state=0)[0]
    steps = _run(X, K=10, init="kmeans", weight_concentration_prior=1e-3, max_iter=500)
    weights = steps[-1].params.weights
    assert np.sum(weights > 0.01) == 3
    np.testing.assert_allclose(weights.sum(), 1.0, rtol=1e-12)


def test_warm_start_continues_a_run_exactly():
    X = load_old_faithful()
    whole = _run(X, tol=0.0, max_iter=8)
    first = _run(X, tol=0.0, max_iter=4)
    rest = list(vb_steps(X, initial_params=first[-1].params, previous_elbo=first[-1].elbo,
                         tol=0.0, max_iter=4))
    assert rest[0].kind == "init" and rest[0].resp is None
    np.testing.assert_array_equal([s.elbo for s in rest if s.kind == "M"],
                                  [s.elbo for s in whole[9:] if s.kind == "M"])
    np.testing.assert_array_equal(rest[-1].params.means, whole[-1].params.means)


def test_point_estimate_is_the_expected_mixture(covariance_type):
    params = _run(load_iris()[0], covariance_type=covariance_type, max_iter=3)[-1].params
    mixture = params.point_estimate()
    np.testing.assert_array_equal(mixture.weights, params.weights)
    np.testing.assert_array_equal(mixture.covariances, params.covariances)
    assert mixture.covariance_type == covariance_type


def test_without_resp_drops_only_the_array():
    step = _run(load_iris()[0], max_iter=1)[-1]
    light = step.without_resp()
    assert light.resp is None and light.elbo == step.elbo and light.params is step.params


@pytest.mark.parametrize("kwargs, match", [
    (dict(degrees_of_freedom_prior=0.5), "degrees_of_freedom_prior"),
    (dict(weight_concentration_prior=-1.0), "weight_concentration_prior"),
    (dict(mean_precision_prior=0.0), "mean_precision_prior"),
    (dict(mean_prior=[0.0, 0.0, 0.0]), "mean_prior"),
    (dict(covariance_prior=[[1.0, 2.0], [2.0, 1.0]]), "positive-definite"),
    (dict(weight_concentration_prior_type="dirichlet"), "weight_concentration_prior_type"),
    (dict(covariance_type="round"), "covariance_type"),
    (dict(covariance_type="VEV"), "mclust's 'VEV' is fitted by GaussianMixture"),
    (dict(reg_covar=-1.0), "reg_covar"),
])
def test_bad_arguments_are_refused_with_a_sentence(kwargs, match):
    X = load_old_faithful()
    resp = initial_resp(X, 3, "random", np.random.RandomState(0))
    with pytest.raises(ValueError, match=match):
        list(vb_steps(X, resp, **kwargs))


def test_bad_starts_are_refused():
    X = load_old_faithful()
    with pytest.raises(ValueError, match="initial_resp must have shape"):
        vb_steps(X, np.ones((3, 2)))
    with pytest.raises(ValueError, match="exactly one start"):
        vb_steps(X)
    with pytest.raises(TypeError, match="VBParams"):
        vb_steps(X, initial_params="not params")
    params = _run(X, max_iter=1)[-1].params
    with pytest.raises(ValueError, match="covariance_type"):
        vb_steps(X, initial_params=params, covariance_type="diag")


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_default_priors_are_sklearns_defaults(covariance_type):
    # written out from sklearn's documented defaults, not read from gmmteach
    from gmmteach.vb import vb_prior

    X = load_iris()[0]
    prior = vb_prior(X, 4, covariance_type)
    assert prior.weight_concentration_prior == 0.25
    assert prior.mean_precision_prior == 1.0
    assert prior.degrees_of_freedom_prior == 4
    np.testing.assert_allclose(prior.mean_prior, X.mean(axis=0))
    expected = {"full": np.cov(X.T), "tied": np.cov(X.T), "diag": X.var(axis=0, ddof=1),
                "spherical": X.var(axis=0, ddof=1).mean()}[covariance_type]
    np.testing.assert_allclose(prior.covariance_prior, expected)
