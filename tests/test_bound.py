"""The lower bound L(q, θ), the KL gap and their profiles, checked against scipy.

Expected values are computed here from ``scipy.stats`` densities and the
formulas of PRML §9.4, never with ``gmmteach.bound`` itself.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy import stats
from scipy.special import logsumexp, xlogy

from gmmteach import COVARIANCE_TYPES, bound, datasets, e_step, em_steps, m_step
from gmmteach import initial_params, make_params
from gmmteach.plotting import plot_bound_profile, update_bound_profile

X1, Y1 = datasets.make_1d_mixture(200, random_state=3)  # (200, 1)
X2 = datasets.load_old_faithful(standardized=True)  # (272, 2)


def params_1d(weights=(0.4, 0.6), means=(-1.0, 0.5), variances=(0.8, 1.5)):
    return make_params(weights, np.array(means)[:, np.newaxis], "spherical",
                       covariances=variances)


def random_q(n_samples, n_components, seed=0):
    return np.random.RandomState(seed).dirichlet(np.ones(n_components), n_samples)


def direct_terms_1d(x, weights, means, variances):
    """ln pi_k + ln N(x_n | mu_k, sigma_k^2) with scipy, shape (n_samples, K)."""
    return np.log(weights) + stats.norm.logpdf(x.reshape(-1, 1), means, np.sqrt(variances))


def direct_lower_bound_1d(x, q, weights, means, variances):
    terms = direct_terms_1d(x, weights, means, variances)
    return np.sum(q * terms) - np.sum(xlogy(q, q))


def direct_log_likelihood_1d(x, weights, means, variances):
    return logsumexp(direct_terms_1d(x, weights, means, variances), axis=1).sum()


@pytest.fixture(params=COVARIANCE_TYPES)
def fitted_2d(request):
    """Parameters after two EM iterations on Old Faithful, K=3, each covariance type."""
    start, _ = initial_params(X2, 3, request.param, random_state=0)
    run = list(em_steps(X2, start, covariance_type=request.param, max_iter=2, tol=0))
    return run[-1].params


# -- the decomposition ln p = L + KL ----------------------------------------------------
def test_lower_bound_and_log_likelihood_match_scipy_in_1d():
    params, q = params_1d(), random_q(len(X1), 2)
    w, m, v = params.weights, params.means.ravel(), params.covariances
    assert bound.lower_bound(X1, params, q) == pytest.approx(
        direct_lower_bound_1d(X1, q, w, m, v), rel=1e-12)
    assert bound.log_likelihood(X1, params) == pytest.approx(
        direct_log_likelihood_1d(X1, w, m, v), rel=1e-12)


def test_kl_gap_matches_its_definition():
    params, q = params_1d(), random_q(len(X1), 2, seed=1)
    terms = direct_terms_1d(X1, params.weights, params.means.ravel(), params.covariances)
    posterior = np.exp(terms - logsumexp(terms, axis=1, keepdims=True))
    expected = np.sum(q * np.log(q / posterior))
    assert bound.kl_gap(X1, params, q) == pytest.approx(expected, rel=1e-10)


@pytest.mark.parametrize("seed", range(5))
def test_bound_plus_gap_is_the_log_likelihood_for_any_q(fitted_2d, seed):
    q = random_q(len(X2), 3, seed)
    L, KL = bound.lower_bound(X2, fitted_2d, q), bound.kl_gap(X2, fitted_2d, q)
    assert abs(L + KL - bound.log_likelihood(X2, fitted_2d)) < 1e-10
    assert KL > 0 and L < bound.log_likelihood(X2, fitted_2d)


def test_the_e_step_closes_the_gap(fitted_2d):
    q = np.exp(e_step(X2, fitted_2d)[0])
    assert abs(bound.kl_gap(X2, fitted_2d, q)) < 1e-9
    assert bound.lower_bound(X2, fitted_2d, q) == pytest.approx(
        bound.log_likelihood(X2, fitted_2d), abs=1e-9)


def test_hard_labels_give_the_complete_data_log_likelihood():
    # q one-hot: zeros count 0 (no 0 * log 0 = nan) and the entropy vanishes
    params = params_1d()
    q = np.eye(2)[Y1]
    terms = direct_terms_1d(X1, params.weights, params.means.ravel(), params.covariances)
    expected = terms[np.arange(len(X1)), Y1].sum()
    assert bound.lower_bound(X1, params, q) == pytest.approx(expected, rel=1e-12)


def test_a_component_of_weight_zero_and_no_responsibility_counts_zero():
    params = make_params([1.0, 0.0], [[0.0], [3.0]], "spherical", covariances=[1.0, 1.0])
    q = np.c_[np.ones(len(X1)), np.zeros(len(X1))]
    L = bound.lower_bound(X1, params, q)
    assert np.isfinite(L)
    assert L == pytest.approx(stats.norm.logpdf(X1.ravel(), 0, 1).sum(), rel=1e-12)


# -- EM climbs: E touches, M raises ---------------------------------------------------
def test_em_chain_of_inequalities_at_reg_covar_zero(fitted_2d):
    ct = fitted_2d.covariance_type
    run = list(em_steps(X2, fitted_2d, covariance_type=ct, reg_covar=0, tol=0,
                        max_iter=8))
    for e, m in zip(run[1::2], run[2::2]):
        old, q = e.params, e.resp
        touching = bound.lower_bound(X2, old, q)
        assert touching == pytest.approx(bound.log_likelihood(X2, old), abs=1e-9)
        raised = bound.lower_bound(X2, m.params, q)
        assert raised >= touching - 1e-9
        assert bound.log_likelihood(X2, m.params) >= raised - 1e-9


def test_m_step_maximises_the_bound_over_nudged_parameters():
    q = random_q(len(X2), 3, seed=4)
    best = m_step(X2, q, "full", reg_covar=0)
    top = bound.lower_bound(X2, best, q)
    rng = np.random.RandomState(0)
    for _ in range(40):
        weights = best.weights * np.exp(0.05 * rng.standard_normal(3))
        shear = np.eye(2) + 0.05 * rng.standard_normal((3, 2, 2))
        covariances = shear @ best.covariances @ shear.transpose(0, 2, 1)
        nudged = make_params(weights / weights.sum(),
                             best.means + 0.05 * rng.standard_normal((3, 2)), "full",
                             covariances=covariances)
        assert bound.lower_bound(X2, nudged, q) < top


# -- profiles along one mean -----------------------------------------------------------
GRID = np.linspace(-4, 4, 41)


@pytest.mark.parametrize("component", [0, 1])
def test_log_likelihood_profile_matches_scipy(component):
    params = params_1d()
    w, v = params.weights, params.covariances
    expected = []
    for value in GRID:
        means = params.means.ravel().copy()
        means[component] = value
        expected.append(direct_log_likelihood_1d(X1, w, means, v))
    np.testing.assert_allclose(
        bound.log_likelihood_profile(X1, params, component, GRID), expected, rtol=1e-12)


@pytest.mark.parametrize("component", [0, 1])
def test_lower_bound_profile_matches_scipy(component):
    params, q = params_1d(), random_q(len(X1), 2, seed=2)
    w, v = params.weights, params.covariances
    expected = []
    for value in GRID:
        means = params.means.ravel().copy()
        means[component] = value
        expected.append(direct_lower_bound_1d(X1, q, w, means, v))
    np.testing.assert_allclose(
        bound.lower_bound_profile(X1, params, q, component, GRID), expected, rtol=1e-12)


def test_profiles_of_one_component_mixture():
    params = make_params([1.0], [[0.3]], "spherical", covariances=[2.0])
    q = np.ones((len(X1), 1))
    expected = [stats.norm.logpdf(X1.ravel(), m, np.sqrt(2.0)).sum() for m in GRID]
    np.testing.assert_allclose(bound.log_likelihood_profile(X1, params, 0, GRID),
                               expected, rtol=1e-12)
    np.testing.assert_allclose(bound.lower_bound_profile(X1, params, q, 0, GRID),
                               expected, rtol=1e-12)


def test_profiles_in_two_dimensions_match_scipy():
    params = m_step(X2, random_q(len(X2), 2, seed=5), "full", reg_covar=0)
    grid = np.c_[np.linspace(-2, 2, 7), np.linspace(1, -1, 7)]
    expected = []
    for mean in grid:
        dens = [params.weights[0] * stats.multivariate_normal(mean, params.covariances[0]).pdf(X2),
                params.weights[1] * stats.multivariate_normal(
                    params.means[1], params.covariances[1]).pdf(X2)]
        expected.append(np.log(np.sum(dens, axis=0)).sum())
    np.testing.assert_allclose(bound.log_likelihood_profile(X2, params, 0, grid),
                               expected, rtol=1e-10)


def test_bound_touches_the_curve_at_theta_old_after_an_e_step():
    params = params_1d()
    q = np.exp(e_step(X1, params)[0])
    grid = np.r_[GRID, params.means[0]]  # the current mean is the last grid value
    ll = bound.log_likelihood_profile(X1, params, 0, grid)
    lb = bound.lower_bound_profile(X1, params, q, 0, grid)
    assert lb[-1] == pytest.approx(ll[-1], abs=1e-9)  # touching at theta_old
    assert np.all(lb <= ll + 1e-9)  # and below everywhere else
    assert np.all((ll - lb)[:-1][np.abs(GRID - params.means[0, 0]) > 0.1] > 1e-6)


@pytest.mark.parametrize("component", [0, 1])
def test_the_bound_peaks_at_the_m_step_mean(component):
    params = params_1d()
    q = np.exp(e_step(X1, params)[0])
    top = m_step(X1, q, "spherical", reg_covar=0).means[component, 0]
    # the weighted mean, computed here, and the bound's top on either side of it
    assert top == pytest.approx(q[:, component] @ X1[:, 0] / q[:, component].sum())
    h = 0.01
    left, peak, right = bound.lower_bound_profile(X1, params, q, component,
                                                  [top - h, top, top + h])
    assert peak > left and peak > right
    assert left == pytest.approx(right, rel=1e-12)  # a parabola, symmetric about its top


@pytest.mark.parametrize("resp, match", [
    (np.ones((len(X1), 3)) / 3, r"resp must have shape \(n_samples, n_components\)"),
    (np.log(np.full((len(X1), 2), 0.5)), "resp must hold (finite )?probabilities"),
    (np.full((len(X1), 2), 0.6), "summing to 1"),
])
def test_bad_responsibilities_are_explained(resp, match):
    with pytest.raises(ValueError, match=match):
        bound.lower_bound(X1, params_1d(), resp)
    with pytest.raises(ValueError, match=match):
        bound.kl_gap(X1, params_1d(), resp)


def test_bad_data_and_params_are_explained():
    with pytest.raises(ValueError, match="X is 1-D"):
        bound.log_likelihood(X1.ravel(), params_1d())
    with pytest.raises(ValueError, match="X has 2 features"):
        bound.log_likelihood(X2, params_1d())
    with pytest.raises(TypeError, match="params must be a GMMParams"):
        bound.log_likelihood(X1, {"weights": [1.0]})


def test_bad_grid_and_component_are_explained():
    params = params_1d()
    with pytest.raises(ValueError, match="grid must hold candidate means"):
        bound.log_likelihood_profile(X1, params, 0, np.zeros((5, 2)))
    with pytest.raises(ValueError, match="component must satisfy 0 <= component <= 1"):
        bound.lower_bound_profile(X1, params, np.ones((len(X1), 2)) / 2, 2, GRID)


# -- the picture ------------------------------------------------------------------------
def test_plot_bound_profile_draws_the_given_arrays():
    fig, ax = plt.subplots()
    grid, ll, lb = GRID, -GRID**2, -2 * GRID**2 - 1
    artists = plot_bound_profile(ax, grid, ll, lb, (0.0, 0.0, -1.0), previous=(1.0, -3.0))
    np.testing.assert_array_equal(artists["log_likelihood"].get_ydata(), ll)
    np.testing.assert_array_equal(artists["bound"].get_ydata(), lb)
    assert list(artists["gap"].get_ydata()) == [-1.0, 0.0]
    assert list(artists["old_point"].get_xdata()) == [1.0]
    assert list(artists["previous"].get_ydata()) == [-3.0, -3.0]
    assert artists["gap_label"].get_text() == "KL = 1.00"
    assert artists["gap_label"].xy == (0.0, -0.5)
    update_bound_profile(artists, grid, ll, None, (0.5, -0.25, None))
    assert len(artists["bound"].get_xdata()) == 0 and len(artists["gap"].get_xdata()) == 0
    assert not artists["gap_label"].get_visible()
    assert np.isnan(artists["previous"].get_ydata()).all()
    plt.close(fig)
