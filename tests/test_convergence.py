"""EM's rate of convergence: measured from a run, and predicted by the Jacobian.

``convergence_rate`` reads only the log-likelihoods of a run; ``em_jacobian``
differentiates one EM iteration at the run's end. Near a maximum the first
must be the square of the second's largest eigenvalue (the log-likelihood's
gap is quadratic in the parameters' error), two computations that share only
the EM iteration itself.
"""

import functools

import numpy as np
import pytest

import gmmteach
from gmmteach import bound, convergence, datasets
from gmmteach.widgets.convergence import start_params, two_clusters


def long_run(X, start, max_iter=1500):
    run = list(gmmteach.em_steps(X, start, covariance_type=start.covariance_type,
                                 reg_covar=0, tol=0, max_iter=max_iter))
    ll = np.array([s.log_likelihood for s in run if s.kind == "E"]) * len(X)
    return ll, run[-1].params


@functools.lru_cache
def cluster_run(separation, start="spread"):
    """(X, log-likelihoods, final params) of a long run on two clusters."""
    X = two_clusters(separation)
    return (X, *long_run(X, start_params(X, start)))


@pytest.mark.parametrize("separation", [2.0, 4.0, 6.0])
def test_measured_rate_is_the_square_of_the_jacobians_largest_eigenvalue(separation):
    X, ll, fit = cluster_run(separation)
    rate = convergence.convergence_rate(ll)
    lam = convergence.largest_eigenvalue(convergence.em_jacobian(X, fit))
    assert 0 < lam < 1
    assert rate == pytest.approx(lam ** 2, abs=2e-3)


def test_the_rate_matches_in_two_dimensions_with_full_covariances():
    X = datasets.make_blobs(300, centers=2, cluster_std=1.5, random_state=3)[0]
    start, _ = gmmteach.initial_params(X, 2, "full", random_state=0)
    ll, fit = long_run(X, start)
    lam = convergence.largest_eigenvalue(convergence.em_jacobian(X, fit))
    assert convergence.convergence_rate(ll) == pytest.approx(lam ** 2, abs=2e-3)


def test_overlap_slows_em_down():
    rates = [convergence.convergence_rate(cluster_run(s)[1]) for s in (2.0, 4.0, 6.0)]
    assert rates[0] > rates[1] > rates[2]


def test_nothing_is_missing_when_the_labels_are_certain():
    # clusters 12 standard deviations apart: every responsibility is 0 or 1,
    # the EM map is nearly constant near the fit, and its Jacobian nearly 0
    X = two_clusters(12.0)
    _, fit = long_run(X, start_params(X, "spread"), max_iter=200)
    assert np.abs(convergence.em_jacobian(X, fit)).max() < 1e-3


def test_the_symmetric_start_is_a_fixed_point_that_repels():
    X = two_clusters(4.0)
    saddle = gmmteach.make_params([0.5, 0.5], [[X.mean()]] * 2, "spherical",
                                  covariances=[X.var()] * 2)
    moved = convergence.em_map(X, saddle)
    assert np.allclose(moved.means, saddle.means) and np.allclose(moved.covariances,
                                                                  saddle.covariances)
    assert convergence.largest_eigenvalue(convergence.em_jacobian(X, saddle)) > 1


@pytest.mark.parametrize("covariance_type", ["full", "tied", "diag", "spherical"])
def test_parameter_vector_round_trips(covariance_type):
    X = datasets.make_blobs(120, centers=3, random_state=0)[0]
    fit = gmmteach.GaussianMixture(3, covariance_type=covariance_type, random_state=0).fit(X)
    params = gmmteach.make_params(fit.weights_, fit.means_, covariance_type,
                                  covariances=fit.covariances_)
    back = convergence.params_from_vector(convergence.parameter_vector(params), params)
    for name in ("weights", "means", "covariances"):
        assert np.allclose(getattr(back, name), getattr(params, name), rtol=0, atol=1e-12)


def test_rate_of_an_exact_geometric_sequence():
    ll = -100 + 5 * (1 - 0.8 ** np.arange(60))
    assert convergence.convergence_rate(ll) == pytest.approx(0.8, rel=1e-9)
    gaps = convergence.log_likelihood_gap(ll)
    assert gaps == pytest.approx(5 * 0.8 ** np.arange(60), rel=1e-6)


def test_the_rate_ignores_a_plateau_before_the_climb():
    X, ll, fit = cluster_run(4.0, "symmetric")
    assert np.ptp(ll[:100]) < 1  # a plateau first
    lam = convergence.largest_eigenvalue(convergence.em_jacobian(X, fit))
    assert convergence.convergence_rate(ll) == pytest.approx(lam ** 2, abs=2e-3)


@pytest.mark.parametrize("bad", [[1.0, 2.0], [0, 1, np.nan, 2], np.zeros((3, 3))])
def test_bad_log_likelihoods_are_a_sentence(bad):
    with pytest.raises(ValueError, match="log_likelihoods (must be|holds NaN)"):
        convergence.convergence_rate(bad)


def test_a_flat_sequence_has_no_rate():
    with pytest.raises(ValueError, match="shrinking"):
        convergence.convergence_rate(np.full(10, -3.0))


def test_params_must_be_gmmparams():
    with pytest.raises(TypeError, match="GMMParams"):
        convergence.parameter_vector({"weights": [1.0]})


def test_reg_covar_penalty_bounds_every_fall_of_the_likelihood():
    X = datasets.load_old_faithful(standardized=True)
    start, _ = gmmteach.initial_params(X, 3, "full", init_params="random_from_data",
                                       random_state=1, reg_covar=0.1)
    run = list(gmmteach.em_steps(X, start, covariance_type="full", reg_covar=0.1, tol=0,
                                 max_iter=40))
    falls = 0
    for e, m in zip(run[1::2], run[2::2]):
        change = bound.log_likelihood(X, m.params) - bound.log_likelihood(X, e.params)
        penalty = (bound.reg_covar_penalty(m.params, e.resp, 0.1)
                   - bound.reg_covar_penalty(e.params, e.resp, 0.1))
        assert change >= penalty - 1e-9
        falls += change < 0
    assert falls > 0  # the inequality was tested where it matters
