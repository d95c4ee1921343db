"""The conjugate prior (MAP-EM, :mod:`gmmteach.prior`) and ICL, without R.

R's numbers are in tests/test_icl_prior_oracle.py; here: the default prior's
four numbers, the MAP objective never falling (hypothesis), the plain
log-likelihood on every record, and bad input answered in words.
"""

import numpy as np
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import gmmteach as g
from gmmteach import CollapsedComponentError, ConjugatePrior, default_prior, em_steps
from gmmteach.datasets import load_old_faithful
from gmmteach.prior import MODELS_WITH_PRIOR, log_prior, map_m_step
from gmmteach.selection import classification_penalty, fit_from_partition, hc_partitions

X_OF = load_old_faithful()
# mclust's EEI keeps the plain means (see PriorRule.shrinks_means): its step
# is no posterior mode, so only the other nine are held to the guarantee
EXACT_MODELS = [m for m in MODELS_WITH_PRIOR if m != "EEI"] + ["full", "diag"]
OBJECTIVE_SLACK = 1e-12


def test_default_prior_is_mclusts_priorControl():
    prior = default_prior(X_OF, 3)
    assert prior.shrinkage == 0.01 and prior.dof == 2 + 2
    np.testing.assert_allclose(prior.mean, X_OF.mean(axis=0))
    # var(X) / G^(2/D): R's var divides by n - 1
    np.testing.assert_allclose(prior.scale, np.cov(X_OF.T, ddof=1) / 3 ** (2 / 2))


def test_default_prior_keeps_only_the_diagonal_when_n_is_at_most_d():
    X = np.random.RandomState(0).standard_normal((3, 4))
    assert np.count_nonzero(default_prior(X, 2).scale - np.diag(np.diag(
        default_prior(X, 2).scale))) == 0


@st.composite
def problems(draw):
    seed = draw(st.integers(0, 2**31 - 1))
    n_features = draw(st.integers(1, 3))
    n_components = draw(st.integers(1, 4))
    n_samples = draw(st.integers(n_components + 3, 40))
    rng = np.random.RandomState(seed)
    centres = rng.uniform(-4, 4, size=(n_components, n_features))
    X = centres[rng.randint(n_components, size=n_samples)]
    X = X + rng.standard_normal((n_samples, n_features)) * rng.uniform(0.2, 2)
    return dict(X=X, n_components=n_components, seed=seed,
                covariance_type=draw(st.sampled_from(EXACT_MODELS)))


@settings(max_examples=40, deadline=None)
@given(problems())
def test_map_objective_never_decreases(problem):
    X, K, cov_type = problem["X"], problem["n_components"], problem["covariance_type"]
    resp = np.random.RandomState(problem["seed"]).dirichlet(np.ones(K), size=len(X))
    prior = default_prior(X, K)
    try:
        start = map_m_step(X, resp, cov_type, prior)
        steps = list(em_steps(X, start, covariance_type=cov_type, reg_covar=0.0,
                              tol=0.0, max_iter=25, prior=prior))
    except CollapsedComponentError:
        reject()
    objective = [s.objective for s in steps if s.kind == "E"]
    scale = max(1.0, max(abs(v) for v in objective))
    assert np.all(np.diff(objective) >= -OBJECTIVE_SLACK * scale)


def test_records_keep_the_plain_log_likelihood_and_add_the_objective():
    prior = default_prior(X_OF, 2)
    start = map_m_step(X_OF, hc_onehot(X_OF, 2), "VVV", prior)
    steps = list(em_steps(X_OF, start, covariance_type="VVV", max_iter=5, prior=prior))
    for step in steps[1:]:
        plain = g.e_step(X_OF, step.params if step.kind == "E" else steps[
            steps.index(step) - 1].params)[1].mean()
        assert step.log_likelihood == pytest.approx(plain, rel=1e-12)
        assert step.objective == pytest.approx(
            plain + log_prior(steps[steps.index(step) - (step.kind == "M")].params,
                              prior) / len(X_OF), rel=1e-12)
    assert steps[0].objective is None
    plain_run = list(em_steps(X_OF, start, covariance_type="VVV", max_iter=2))
    assert all(s.objective is None for s in plain_run)


def hc_onehot(X, K):
    labels = hc_partitions(X, [K])[K]
    return np.eye(K)[labels]


def test_map_mean_is_pulled_towards_the_prior_mean():
    # one component: mu = (n xbar + kappa m) / (n + kappa)
    prior = ConjugatePrior(10.0, [0.0, 0.0], 4.0, np.eye(2))
    params = map_m_step(X_OF, np.ones((len(X_OF), 1)), "VVV", prior)
    n = len(X_OF)
    np.testing.assert_allclose(params.means[0], n * X_OF.mean(axis=0) / (n + 10.0))


def test_sklearn_aliases_are_their_mclust_twins():
    prior, resp = default_prior(X_OF, 2), hc_onehot(X_OF, 2)
    for alias, twin in (("full", "VVV"), ("tied", "EEE"), ("diag", "VVI"),
                        ("spherical", "VII")):
        a = map_m_step(X_OF, resp, alias, prior).full_covariances()
        np.testing.assert_allclose(a, map_m_step(X_OF, resp, twin, prior).covariances)


def test_prior_keeps_a_small_data_fit_from_collapsing():
    # 9 points, 3 of them on one spot: VVV with 3 components collapses
    X = np.array([[0, 0], [0, 0], [0, 0], [3, 1], [4, 2], [3.5, 0.5], [8, 8],
                  [9, 7], [8.5, 9.5]], dtype=float)
    labels = np.repeat([0, 1, 2], 3)
    with pytest.raises(CollapsedComponentError):
        fit_from_partition(X, labels, "VVV")
    model = fit_from_partition(X, labels, "VVV", prior=True)
    assert np.all(np.linalg.eigvalsh(model.covariances_) > 0)


def test_select_model_with_prior_leaves_rs_refused_models_nan():
    selection = g.select_model(X_OF, n_components=[1, 2], covariance_types=["VVV", "VEE"],
                               init_params="hc", prior=True)
    assert np.all(np.isfinite(selection.bic[:, 0])) and np.all(np.isnan(selection.bic[:, 1]))


def test_icl_is_bic_plus_the_classification_penalty():
    selection = g.select_model(X_OF, n_components=[1, 2, 3], covariance_types=["VVV"],
                               init_params="hc", criterion="icl")
    model = selection.best_model_
    penalty = classification_penalty(model.predict_proba(X_OF))
    assert penalty > 0
    assert g.icl(model, X_OF) == pytest.approx(model.bic(X_OF) + penalty)
    assert selection.icl[0, 0] == pytest.approx(selection.bic[0, 0])  # K = 1: r = 1
    assert np.all(selection.icl >= selection.bic)
    assert selection.best["icl"] == np.nanmin(selection.icl)
    assert "best by ICL" in selection.table("icl")


BAD_PRIORS = {
    "negative shrinkage": (dict(shrinkage=-0.1), ValueError, "shrinkage must be a finite"),
    "NaN shrinkage": (dict(shrinkage=np.nan), ValueError, "shrinkage must be a finite"),
    "dof too small": (dict(dof=1.0), ValueError, r"dof must .*> 1.*n_features - 1"),
    "dof not a number": (dict(dof="4"), TypeError, "dof must be a number"),
    "scale not SPD": (dict(scale=[[1.0, 2.0], [2.0, 1.0]]), ValueError,
                      "symmetric positive-definite"),
    "scale wrong shape": (dict(scale=np.eye(3)), ValueError, r"\(2, 2\) matrix"),
    "scale with NaN": (dict(scale=[[1.0, np.nan], [np.nan, 1.0]]), ValueError, "NaN"),
    "mean 2-D": (dict(mean=[[0.0, 0.0]]), ValueError, "mean must be 1-D"),
    "mean with NaN": (dict(mean=[0.0, np.nan]), ValueError, "NaN or inf"),
}


@pytest.mark.parametrize("case", BAD_PRIORS)
def test_invalid_prior_is_refused_in_words(case):
    change, error, message = BAD_PRIORS[case]
    values = dict(shrinkage=0.01, mean=[0.0, 0.0], dof=4.0, scale=np.eye(2)) | change
    with pytest.raises(error, match=message):
        ConjugatePrior(**values)


def test_prior_for_other_features_or_a_refused_model_is_refused():
    start = map_m_step(X_OF, hc_onehot(X_OF, 2), "VVV", default_prior(X_OF, 2))
    wrong = ConjugatePrior(0.01, [0.0, 0.0, 0.0], 5.0, np.eye(3))
    with pytest.raises(ValueError, match="prior is for 3 features but X has 2"):
        list(em_steps(X_OF, start, covariance_type="VVV", prior=wrong))
    with pytest.raises(TypeError, match="prior must be True"):
        list(em_steps(X_OF, start, covariance_type="VVV", prior="default"))
    with pytest.raises(ValueError, match="no conjugate prior for covariance_type='VEE'"):
        fit_from_partition(X_OF, hc_partitions(X_OF, [2])[2], "VEE", prior=True)


@pytest.mark.parametrize("criterion, hint", [("BIC", "Did you mean 'bic'"),
                                             ("icl ", "Did you mean 'icl'"),
                                             ("aic", "criterion must be 'bic'")])
def test_unknown_criterion_is_refused_in_words(criterion, hint):
    with pytest.raises(ValueError, match=hint):
        g.select_model(X_OF, n_components=[1], criterion=criterion)


def test_prior_needs_the_hc_start():
    with pytest.raises(TypeError, match="prior= works with mclust's start"):
        g.select_model(X_OF, n_components=[1], init_params="kmeans", prior=True)


def test_prior_with_integer_weights_is_the_prior_on_repeated_rows():
    X = X_OF[:40]
    weights = np.random.RandomState(1).randint(0, 4, size=len(X))
    repeated = np.repeat(X, weights, axis=0)
    prior = default_prior(repeated, 2)
    resp = np.eye(2)[hc_partitions(X, [2])[2]]
    runs = []
    for data, w, r in ((X, weights, resp), (repeated, None, np.repeat(resp, weights, axis=0))):
        start = map_m_step(data, r if w is None else r * w[:, None], "VVV", prior)
        runs.append(list(em_steps(data, start, covariance_type="VVV", max_iter=5,
                                  prior=prior, sample_weight=w)))
    for a, b in zip(*runs):
        if a.kind == "init":
            assert a.objective is None and b.objective is None
        else:
            assert a.objective == pytest.approx(b.objective, rel=1e-10)
        np.testing.assert_allclose(a.params.means, b.params.means, rtol=1e-10)
