"""scikit-learn as the oracle for variational inference: same start, same numbers.

From the same initial responsibilities, gmmteach's ``vb_steps`` and
``BayesianGaussianMixture`` must give sklearn's ``BayesianGaussianMixture``
numbers (every fitted attribute, ``lower_bound_``, every iteration's
``lower_bounds_``, ``predict_proba``, ``score_samples``) to 1e-8 relative,
on several data sets x 4 covariance types x 2 weight prior types. sklearn is
started from given responsibilities by a subclass (below, in the test only)
whose ``_initialize_parameters`` runs its own ``_initialize`` on them.

``python tests/test_vb_oracle.py`` prints the worst relative difference per
covariance type x prior type.
"""

import itertools
import warnings

import numpy as np
import pytest

sklearn_mixture = pytest.importorskip(
    "sklearn.mixture", reason="needs scikit-learn: pip install -r tests/requirements.txt")
from sklearn.mixture import BayesianGaussianMixture as SkBGMM
from sklearn.mixture._bayesian_mixture import (
    _log_dirichlet_norm, _log_wishart_norm)

from gmmteach import COVARIANCE_TYPES, BayesianGaussianMixture, vb_steps
from gmmteach.datasets import (load_iris, load_old_faithful, make_anisotropic_blobs,
                               make_blobs)
from gmmteach.vb import vb_m_step
from gmmteach.vb.gaussian_wishart import wishart_log_normalizer
from gmmteach.vb.weights import weights_log_normalizer

# a long matrix of cases: in make test, left out of make check's quick subset
pytestmark = pytest.mark.slow

PRIOR_TYPES = ("dirichlet_process", "dirichlet_distribution")
RTOL = 1e-8


def _datasets():
    blobs = make_blobs(300, centers=[[0, 0], [4, 1], [1, 5]], random_state=1)[0]
    return {
        # name: (X, n_components)
        "blobs": (blobs, 6),
        "faithful": (load_old_faithful(), 5),
        "iris": (load_iris()[0], 6),
        "anisotropic": (make_anisotropic_blobs(400, random_state=2)[0], 6),
        "blobs far from origin": (blobs * [3.0, 0.5] + FAR, 4),
    }


# Far from the origin sklearn's one-pass diag/spherical variances
# (E[x^2] - mu^2) and Mahalanobis terms lose about 1e-8 of their digits;
# gmmteach's do not. So there the oracle is sklearn fitted on the same data
# moved back to the origin (a translation changes only means_ and mean_prior_,
# which are moved back for the comparison).
FAR = np.array([1e3, -250.0])


DATASETS = _datasets()


def start_resp(n_samples, n_components, seed=0):
    """Rough but valid soft responsibilities: each row a Dirichlet draw."""
    return np.random.RandomState(seed).dirichlet(np.ones(n_components), size=n_samples)


class SkFromResp(SkBGMM):
    """sklearn's class, started from ``self.start_resp`` instead of its own init."""

    def _initialize_parameters(self, X, random_state, xp=None):
        self._initialize(X, self.start_resp)


class OursFromResp(BayesianGaussianMixture):
    """gmmteach's class, started from ``self.start_resp`` through its init hook."""

    def _initial_params(self, X, random_state, sample_weight=None):
        return vb_m_step(np.asarray(X, float), self.start_resp, self._prior,
                         self.reg_covar)


def _shift(X):
    # how far sklearn's copy of X is moved (see FAR)
    return FAR if X is DATASETS["blobs far from origin"][0] else np.zeros(X.shape[1])


def _fit_both(X, resp, **kwargs):
    ours, theirs = OursFromResp(**kwargs), SkFromResp(**kwargs)
    ours.start_resp = theirs.start_resp = resp
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning at tol=0, both sides
        return ours.fit(X), theirs.fit(X - _shift(X))


ATTRIBUTES = ["weights_", "means_", "covariances_", "precisions_", "precisions_cholesky_",
              "weight_concentration_", "mean_precision_", "degrees_of_freedom_",
              "weight_concentration_prior_", "mean_precision_prior_", "mean_prior_",
              "degrees_of_freedom_prior_", "covariance_prior_", "lower_bound_",
              "lower_bounds_"]


def _flat(value):
    # tuples (stick-breaking), lists of bounds (sklearn's 'tied' bounds are
    # 1-element arrays) and scalars, all as one float array
    if isinstance(value, (tuple, list)):
        return np.concatenate([np.ravel(v) for v in value]) if len(value) else np.zeros(0)
    return np.ravel(np.asarray(value, dtype=float))


def relative_differences(ours, theirs, X):
    """Worst relative difference of each compared quantity, as a dict."""
    shift = _shift(X)
    pairs = {name: (getattr(ours, name), getattr(theirs, name)) for name in ATTRIBUTES}
    for name in ("means_", "mean_prior_"):
        pairs[name] = (pairs[name][0], pairs[name][1] + shift)
    pairs["predict_proba"] = (ours.predict_proba(X), theirs.predict_proba(X - shift))
    pairs["score_samples"] = (ours.score_samples(X), theirs.score_samples(X - shift))
    worst = {}
    for name, (a, b) in pairs.items():
        a, b = _flat(a), _flat(b)
        assert a.shape == b.shape, name
        with np.errstate(invalid="ignore", divide="ignore"):
            rel = np.where(a == b, 0.0, np.abs(a - b) / np.abs(b))
        worst[name] = float(rel.max()) if rel.size else 0.0
    return worst


def _assert_same(ours, theirs, X):
    for name, worst in relative_differences(ours, theirs, X).items():
        assert worst <= RTOL, f"{name}: relative difference {worst:.2e}"
    assert ours.n_iter_ == theirs.n_iter_
    assert ours.converged_ == theirs.converged_
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X - _shift(X)))


CASES = list(itertools.product(DATASETS, COVARIANCE_TYPES, PRIOR_TYPES))


@pytest.mark.parametrize("name, covariance_type, prior_type", CASES)
def test_fixed_iterations_match_sklearn(name, covariance_type, prior_type):
    X, K = DATASETS[name]
    ours, theirs = _fit_both(X, start_resp(len(X), K), n_components=K,
                             covariance_type=covariance_type,
                             weight_concentration_prior_type=prior_type,
                             tol=0.0, max_iter=30)
    _assert_same(ours, theirs, X)


@pytest.mark.parametrize("name, covariance_type, prior_type", CASES)
def test_run_to_convergence_matches_sklearn(name, covariance_type, prior_type):
    X, K = DATASETS[name]
    ours, theirs = _fit_both(X, start_resp(len(X), K, seed=1), n_components=K,
                             covariance_type=covariance_type,
                             weight_concentration_prior_type=prior_type,
                             tol=1e-4, max_iter=400)
    assert theirs.converged_
    _assert_same(ours, theirs, X)


def _given_priors(X, covariance_type):
    D = X.shape[1]
    cov = np.cov(X.T) * 0.5 + np.eye(D)
    return dict(
        weight_concentration_prior=1e-2, mean_precision_prior=0.3,
        mean_prior=X.mean(axis=0) + 1.0, degrees_of_freedom_prior=D + 2.5,
        covariance_prior={"full": cov, "tied": cov, "diag": np.diag(cov),
                          "spherical": float(np.diag(cov).mean())}[covariance_type],
    )


@pytest.mark.parametrize("prior_type", PRIOR_TYPES)
@pytest.mark.parametrize("name", ["faithful", "iris"])
def test_given_priors_match_sklearn(name, covariance_type, prior_type):
    X, K = DATASETS[name]
    ours, theirs = _fit_both(X, start_resp(len(X), K, seed=2), n_components=K,
                             covariance_type=covariance_type,
                             weight_concentration_prior_type=prior_type,
                             max_iter=100, **_given_priors(X, covariance_type))
    _assert_same(ours, theirs, X)


@pytest.mark.parametrize("prior_type", PRIOR_TYPES)
def test_generator_records_match_sklearn_at_every_iteration(covariance_type, prior_type):
    # the 'init' record is sklearn's start (max_iter=0) and the M records'
    # ELBOs are its lower_bounds_, one per iteration
    X, K = DATASETS["faithful"]
    resp = start_resp(len(X), K, seed=3)
    kwargs = dict(covariance_type=covariance_type, weight_concentration_prior_type=prior_type)
    steps = list(vb_steps(X, resp, tol=0.0, max_iter=15, **kwargs))
    _, start = _fit_both(X, resp, n_components=K, max_iter=0, **kwargs)
    _, end = _fit_both(X, resp, n_components=K, max_iter=15, tol=0.0, **kwargs)
    np.testing.assert_allclose(steps[0].params.means, start.means_, rtol=RTOL)
    np.testing.assert_allclose(steps[0].params.covariances, start.covariances_, rtol=RTOL)
    np.testing.assert_allclose(_flat(steps[0].params.weight_concentration),
                               _flat(start.weight_concentration_), rtol=RTOL)
    elbos = [s.elbo for s in steps if s.kind == "M"]
    np.testing.assert_allclose(elbos, _flat(end.lower_bounds_), rtol=RTOL)
    np.testing.assert_allclose(steps[-1].params.weights, end.weights_, rtol=RTOL)


@pytest.mark.parametrize("init_params", ["kmeans", "k-means++", "random",
                                         "random_from_data"])
@pytest.mark.parametrize("prior_type", PRIOR_TYPES)
def test_same_random_state_lands_on_sklearns_model(init_params, prior_type,
                                                   covariance_type):
    X, K = DATASETS["blobs"]
    kwargs = dict(n_components=K, covariance_type=covariance_type, random_state=0,
                  weight_concentration_prior_type=prior_type, init_params=init_params,
                  max_iter=300)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours, theirs = BayesianGaussianMixture(**kwargs).fit(X), SkBGMM(**kwargs).fit(X)
    _assert_same(ours, theirs, X)


def test_sample_draws_sklearns_points(covariance_type):
    X, K = DATASETS["iris"]
    ours, theirs = _fit_both(X, start_resp(len(X), K), n_components=K,
                             covariance_type=covariance_type, max_iter=20)
    ours.random_state = theirs.random_state = 5
    for a, b in zip(ours.sample(40), theirs.sample(40)):
        np.testing.assert_allclose(a, b, rtol=RTOL)


def test_warm_start_continues_like_sklearn(covariance_type):
    X, K = DATASETS["faithful"]
    ours, theirs = _fit_both(X, start_resp(len(X), K), n_components=K, max_iter=2,
                             covariance_type=covariance_type, warm_start=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(5):
            ours.fit(X)
            theirs.fit(X)
    _assert_same(ours, theirs, X)


def test_normalising_constants_equal_sklearns_helpers(covariance_type):
    # what sklearn's two private-helper tests cover, for gmmteach's functions
    X, K = DATASETS["iris"]
    for prior_type in PRIOR_TYPES:
        ours, _ = _fit_both(X, start_resp(len(X), K), n_components=K, max_iter=3,
                            covariance_type=covariance_type,
                            weight_concentration_prior_type=prior_type)
        params = ours.params_
        if prior_type == "dirichlet_distribution":
            np.testing.assert_allclose(
                weights_log_normalizer(params.weight_concentration, prior_type),
                _log_dirichlet_norm(params.weight_concentration), rtol=1e-12)
    dof = np.atleast_1d(ours.degrees_of_freedom_)
    half_log_det_w = (_half_log_det(ours.precisions_cholesky_, covariance_type, K)
                      - 0.5 * X.shape[1] * np.log(dof))
    expected = np.sum(_log_wishart_norm(dof, half_log_det_w, X.shape[1]))
    expected *= K if covariance_type == "tied" else 1
    np.testing.assert_allclose(wishart_log_normalizer(params), expected, rtol=1e-12)


def _half_log_det(prec_chol, covariance_type, n_components):
    # log det U, computed here from the factor's diagonal (numpy only)
    if covariance_type == "full":
        return np.log(np.diagonal(prec_chol, axis1=1, axis2=2)).sum(axis=1)
    if covariance_type == "tied":
        return np.log(np.diag(prec_chol)).sum()
    if covariance_type == "diag":
        return np.log(prec_chol).sum(axis=1)
    return 4 * np.log(prec_chol)  # iris has 4 features


def worst_table():
    """Worst relative difference and number of compared fits per (covariance, prior)."""
    table = {}
    for name, cov_type, prior_type in CASES:
        X, K = DATASETS[name]
        for seed, tol, max_iter in [(0, 0.0, 30), (1, 1e-4, 400)]:
            ours, theirs = _fit_both(X, start_resp(len(X), K, seed), n_components=K,
                                     covariance_type=cov_type, tol=tol, max_iter=max_iter,
                                     weight_concentration_prior_type=prior_type)
            worst = max(relative_differences(ours, theirs, X).values())
            count, previous = table.get((cov_type, prior_type), (0, 0.0))
            table[cov_type, prior_type] = (count + 1, max(previous, worst))
    return table


if __name__ == "__main__":
    print(f"{'covariance':>10} {'prior':>22} {'fits':>5} {'worst rel. diff':>16}")
    for (cov_type, prior_type), (count, worst) in worst_table().items():
        print(f"{cov_type:>10} {prior_type:>22} {count:>5} {worst:>16.2e}")
