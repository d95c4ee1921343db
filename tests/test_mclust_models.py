"""mclust's 14 models as covariance types (no R needed; see test_mclust_oracle)."""

import warnings

import numpy as np
import pytest

from gmmteach import (
    CollapsedComponentError,
    GaussianMixture,
    em_steps,
    initial_params,
    make_params,
)
from gmmteach.datasets import load_iris, load_old_faithful
from gmmteach.mclust import MCLUST_MODELS, MODELS, SKLEARN_ALIASES, decompose

IRIS = load_iris()[0]
FAITHFUL = load_old_faithful()


def test_the_fourteen_names_in_mclusts_order():
    assert MCLUST_MODELS == ("EII", "VII", "EEI", "VEI", "EVI", "VVI", "EEE", "VEE",
                             "EVE", "VVE", "EEV", "VEV", "EVV", "VVV")
    for name, model in MODELS.items():
        assert (model.volume, model.shape, model.orientation) == tuple(name)


@pytest.mark.parametrize("alias", SKLEARN_ALIASES)
def test_sklearn_names_are_the_same_models(alias):
    fits = [GaussianMixture(3, covariance_type=t, random_state=0).fit(IRIS)
            for t in (alias, SKLEARN_ALIASES[alias])]
    assert fits[1].covariances_.shape == (3, 4, 4)
    np.testing.assert_allclose(fits[0].params_.full_covariances(),
                               fits[1].covariances_, rtol=1e-9, atol=1e-12)
    assert fits[0].lower_bound_ == pytest.approx(fits[1].lower_bound_, rel=1e-12)
    assert fits[0].bic(IRIS) == pytest.approx(fits[1].bic(IRIS), rel=1e-12)


def _decompose(covariances):
    # volume |S|^(1/D), sorted eigenvalues / volume (shape), eigenvectors
    D = covariances.shape[-1]
    values, vectors = np.linalg.eigh(covariances)
    volumes = np.prod(values, axis=1) ** (1 / D)
    return volumes, values / volumes[:, None], vectors


def assert_structure(name, covariances):
    """The letters hold: E = equal across k, I = identity (checked directly)."""
    volume, shape, orientation = name
    volumes, shapes, _ = _decompose(covariances)
    if volume == "E":
        np.testing.assert_allclose(volumes, volumes[0], rtol=1e-8)
    if shape == "I":
        np.testing.assert_allclose(shapes, 1.0, rtol=1e-8)
    if shape == "E":
        np.testing.assert_allclose(shapes, np.broadcast_to(shapes[0], shapes.shape), rtol=1e-6)
    if orientation == "I":
        off = covariances - np.eye(covariances.shape[1]) * covariances
        np.testing.assert_allclose(off, 0.0, atol=1e-12)
    if orientation == "E":  # one set of axes: the matrices commute
        a, b = covariances[0], covariances[1:]
        np.testing.assert_allclose(a @ b, b @ a, atol=1e-8 * np.abs(a @ b).max())


@pytest.mark.parametrize("name", MCLUST_MODELS)
def test_fitted_covariances_have_the_models_structure(name):
    model = GaussianMixture(3, covariance_type=name, random_state=1).fit(IRIS)
    assert model.covariances_.shape == (3, 4, 4)
    assert_structure(name, model.covariances_)


@pytest.mark.parametrize("name", MCLUST_MODELS)
def test_data_scaled_by_1e140_fit_as_the_unscaled_data(name):
    # below the stated overflow limit (1e150) every model is scale-equivariant:
    # means scale by s, and the mean log-likelihood drops by D log s (to the
    # rounding of the iterative M-steps and the stopping rule, 1e-6 relative)
    s, X = 1e140, IRIS[:, :2]
    plain = GaussianMixture(3, covariance_type=name, random_state=0).fit(X)
    scaled = GaussianMixture(3, covariance_type=name, random_state=0).fit(X * s)
    np.testing.assert_allclose(scaled.means_ / s, plain.means_, rtol=1e-5)
    np.testing.assert_allclose(scaled.lower_bound_ + 2 * np.log(s), plain.lower_bound_,
                               rtol=1e-5)


@pytest.mark.parametrize("X", [IRIS, FAITHFUL], ids=["iris", "faithful"])
@pytest.mark.parametrize("name", MCLUST_MODELS)
def test_log_likelihood_never_decreases(name, X):
    for seed in range(3):
        start, _ = initial_params(X, 3, name, init_params="kmeans",
                                  random_state=seed, reg_covar=0.0)
        lls = [s.log_likelihood for s in em_steps(X, start, covariance_type=name,
                                                  reg_covar=0.0, tol=0.0, max_iter=60)
               if s.kind == "E"]
        drops = np.diff(lls)
        assert drops.min() >= -1e-9 * abs(lls[-1]), (seed, drops.min())


def test_unknown_name_lists_mclusts_names_too():
    with pytest.raises(ValueError, match="'VEV'"):
        GaussianMixture(2, covariance_type="VEW").fit(FAITHFUL)


@pytest.mark.parametrize("name", ["EVE", "VEV"])
def test_predict_sample_and_bic_work_for_mclust_names(name):
    model = GaussianMixture(2, covariance_type=name, random_state=0).fit(FAITHFUL)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        X, _ = model.sample(50)
    assert X.shape == (50, 2) and set(model.predict(X)) <= {0, 1}
    assert np.isfinite(model.bic(FAITHFUL))


@pytest.mark.parametrize("name", MCLUST_MODELS)
def test_a_collapse_is_a_readable_error_without_numpy_warnings(name):
    X = np.c_[np.arange(30.0), 2 * np.arange(30.0)]  # every point on one line
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            model = GaussianMixture(2, covariance_type=name, reg_covar=0.0,
                                    random_state=0).fit(X)
        except CollapsedComponentError:
            return
    assert np.all(np.isfinite(model.covariances_))


@pytest.mark.parametrize("name", MCLUST_MODELS)
def test_given_precisions_must_have_the_models_structure(name):
    own = GaussianMixture(3, covariance_type=name, random_state=0).fit(IRIS)
    again = make_params(own.weights_, own.means_, name, precisions=own.precisions_)
    np.testing.assert_allclose(again.covariances, own.covariances_, rtol=1e-9)
    full = GaussianMixture(3, random_state=0).fit(IRIS)  # unconstrained
    if name == "VVV":
        return
    with pytest.raises(ValueError, match="break the model.*covariance_type='VVV'"):
        GaussianMixture(3, covariance_type=name, precisions_init=full.precisions_).fit(IRIS)


def test_decompose_rebuilds_each_covariance():
    covariances = GaussianMixture(3, random_state=0).fit(IRIS).covariances_
    volumes, shapes, orientations = decompose(covariances)
    rebuilt = np.einsum("kij,kj,klj->kil", orientations, volumes[:, None] * shapes,
                        orientations)
    np.testing.assert_allclose(rebuilt, covariances, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(np.prod(shapes, axis=1), 1.0, rtol=1e-12)
    assert np.all(np.diff(shapes, axis=1) <= 0)


def test_ellipses_of_an_mclust_model_use_its_full_covariances():
    import matplotlib.pyplot as plt

    from gmmteach.plotting import plot_ellipses

    model = GaussianMixture(2, covariance_type="EVE", random_state=0).fit(FAITHFUL)
    fig, ax = plt.subplots()
    ellipses = plot_ellipses(ax, model.means_, model.covariances_, "EVE", n_std=(1,))
    for ellipse, cov in zip(ellipses, model.covariances_):
        # width and height are 2 * sqrt(eigenvalues), the 1-sigma axes
        axes = np.sort([ellipse.width, ellipse.height])
        np.testing.assert_allclose(axes, 2 * np.sqrt(np.linalg.eigvalsh(cov)), rtol=1e-9)
    plt.close(fig)
