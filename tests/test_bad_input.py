"""Every mistake a student is likely to make gets a sentence naming the fix."""

import numpy as np
import pytest

from gmmteach import (CollapsedComponentError, GaussianMixture, NotFittedError,
                      em_steps, initial_params, make_params)

X = np.random.RandomState(0).standard_normal((50, 2))


def fit(X=X, **kwargs):
    return GaussianMixture(**{"n_components": 2, "random_state": 0, **kwargs}).fit(X)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_X(bad):
    X_bad = X.copy()
    X_bad[3, 1] = bad
    with pytest.raises(ValueError, match=r"NaN or infinite.*row 3, column 1.*drop or impute"):
        fit(X_bad)


def test_1d_X_suggests_reshape():
    with pytest.raises(ValueError, match=r"1-D.*reshape\(-1, 1\)"):
        fit(X[:, 0])


def test_empty_X():
    with pytest.raises(ValueError, match="empty"):
        fit(np.empty((0, 2)))


def test_text_in_X():
    with pytest.raises(ValueError, match="must be numbers"):
        fit([["a", "b"], ["c", "d"]])


def test_fewer_samples_than_components():
    with pytest.raises(ValueError, match=r"3 samples, fewer than n_components=5"):
        fit(X[:3], n_components=5)


@pytest.mark.parametrize("n", [0, -1])
def test_n_components_below_one(n):
    with pytest.raises(ValueError, match="n_components must be at least 1"):
        fit(n_components=n)


def test_n_components_not_an_integer():
    with pytest.raises(TypeError, match="n_components must be an integer"):
        fit(n_components=2.5)


def test_unknown_covariance_type_lists_valid_ones():
    with pytest.raises(ValueError, match="'full', 'tied', 'diag', 'spherical'"):
        fit(covariance_type="fulll")


def test_unknown_init_params_lists_valid_ones():
    with pytest.raises(ValueError, match="'kmeans', 'k-means\\+\\+', 'random'"):
        fit(init_params="kmean")


@pytest.mark.parametrize("name", ["reg_covar", "tol"])
def test_negative_reg_covar_or_tol(name):
    with pytest.raises(ValueError, match=f"{name} must be a finite number >= 0"):
        fit(**{name: -1e-3})


def test_precisions_init_with_wrong_shape():
    with pytest.raises(ValueError, match=r"precisions.*must have shape \(2, 2, 2\)"):
        fit(precisions_init=np.ones((2, 2)))


def test_precisions_init_not_positive_definite():
    not_spd = np.array([np.eye(2), [[1.0, 2.0], [2.0, 1.0]]])
    with pytest.raises(ValueError, match=r"precisions\[1\] is not positive-definite"):
        fit(precisions_init=not_spd)


def test_precisions_init_not_symmetric():
    not_sym = np.array([np.eye(2), [[1.0, 0.5], [0.0, 1.0]]])
    with pytest.raises(ValueError, match=r"precisions\[1\] is not symmetric"):
        fit(precisions_init=not_sym)


def test_weights_not_summing_to_one():
    with pytest.raises(ValueError, match=r"weights must sum to 1.*sum to 0\.8"):
        fit(weights_init=[0.5, 0.3])


def test_means_init_with_wrong_shape():
    with pytest.raises(ValueError, match=r"means_init must have shape \(2, 2\)"):
        fit(means_init=np.zeros((3, 2)))


def test_predicting_with_a_different_number_of_features():
    model = fit()
    with pytest.raises(ValueError, match="3 features but the model was fitted on 2"):
        model.predict(np.zeros((4, 3)))


@pytest.mark.parametrize("method", ["predict", "predict_proba", "score_samples",
                                    "score", "bic", "aic"])
def test_using_the_model_before_fit(method):
    with pytest.raises(NotFittedError, match=r"not fitted yet\. Call 'fit'.*fit\(X\) first"):
        getattr(GaussianMixture(2), method)(X)


def test_sample_before_fit():
    with pytest.raises(NotFittedError, match="not fitted yet"):
        GaussianMixture(2).sample(3)


def test_collapsing_component_suggests_reg_covar_or_fewer_components():
    # Two distinct points, each repeated: a component on one of them has zero spread.
    X_dup = np.repeat([[0.0, 0.0], [1.0, 1.0]], 10, axis=0)
    with pytest.raises(CollapsedComponentError,
                       match=r"collapsed.*raising reg_covar.*lowering n_components"):
        fit(X_dup, reg_covar=0.0)
    assert fit(X_dup, reg_covar=1e-3).converged_  # and the suggested fix works


def test_em_steps_needs_params():
    with pytest.raises(TypeError, match="initial_params must be a GMMParams"):
        next(em_steps(X, {"means": X[:2]}, covariance_type="full"))


def test_em_steps_covariance_type_must_match_params():
    start, _ = initial_params(X, 2, "diag", random_state=0)
    with pytest.raises(ValueError, match="initial_params are for covariance_type='diag'"):
        next(em_steps(X, start, covariance_type="full"))


def test_make_params_needs_exactly_one_of_covariances_and_precisions():
    with pytest.raises(ValueError, match="exactly one of covariances= or precisions="):
        make_params([1.0], [[0.0, 0.0]], "full")


def test_unknown_set_params_name():
    with pytest.raises(ValueError, match="Unknown parameter 'n_component'"):
        GaussianMixture().set_params(n_component=3)


def test_bayesian_mixture_refuses_mclust_models_with_a_sentence():
    from gmmteach import BayesianGaussianMixture
    X = np.random.RandomState(0).normal(size=(30, 2))
    with pytest.raises(ValueError, match="supports covariance_type 'full'.*GaussianMixture"):
        BayesianGaussianMixture(n_components=2, covariance_type="VEV").fit(X)


def test_the_validation_layer_imports_no_model_module():
    # one layer at the bottom: _checks (less its records module) needs nothing of
    # gmmteach but the names of the covariance types, so no import circle is
    # possible with params, covariance or em, which all use it
    import ast
    from pathlib import Path
    package = Path(__file__).resolve().parents[1] / "gmmteach" / "_checks"
    imported = {}
    for module in sorted(package.glob("*.py")):
        tree = ast.parse(module.read_text())
        imported[module.stem] = sorted(
            ("." * node.level) + (node.module or "") for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level > 0)
    # records is the one module that knows the record types (EM's GMMParams,
    # the variational VBParams and VBPrior); nothing else reaches outside
    assert imported.pop("records") == ["..params", "..vb.prior", "..vb.records"]
    outside = {m: [i for i in found if i.startswith("..") and i != ".._names"]
               for m, found in imported.items()}
    assert outside == {m: [] for m in imported}
    assert set(imported) == {"__init__", "arrays", "assignments", "choices", "scalars"}
