"""plotting.plot_pairs: R's clPairs grid of every two features."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.patches import Ellipse

from gmmteach import GaussianMixture, NoiseGaussianMixture
from gmmteach.datasets import load_iris
from gmmteach.plotting import plot_pairs


@pytest.fixture(scope="module")
def iris():
    X, _, names = load_iris()
    return X, names, GaussianMixture(3, covariance_type="VEV", random_state=0).fit(X)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_grid_draws_feature_j_across_and_i_up(iris):
    X, names, model = iris
    figure, axes = plot_pairs(X, model, feature_names=names)
    assert axes.shape == (4, 4) and axes[0, 0].figure is figure
    for i in range(4):
        for j in range(4):
            ax = axes[i, j]
            if i == j:
                assert [t.get_text() for t in ax.texts] == [names[i]]
                continue
            np.testing.assert_array_equal(ax.collections[0].get_offsets(), X[:, [j, i]])
            ellipses = [p for p in ax.patches if isinstance(p, Ellipse)]
            assert len(ellipses) == 3
            # the ellipse is the marginal's: centred on the means' (j, i) entries
            np.testing.assert_allclose(ellipses[0].center, model.means_[0, [j, i]])


def test_colours_follow_labels_or_responsibilities(iris):
    X, _, model = iris
    _, axes = plot_pairs(X, model)
    labels = model.predict(X)
    colours = axes[1, 0].collections[0].get_facecolors()
    for k in range(3):
        assert len(np.unique(colours[labels == k], axis=0)) == 1
    _, axes = plot_pairs(X, model.predict_proba(X), what="uncertainty")
    sizes = axes[0, 1].collections[0].get_sizes()
    uncertain = 1 - model.predict_proba(X).max(axis=1)
    assert sizes[uncertain.argmax()] == sizes.max()
    assert not any(isinstance(p, Ellipse) for p in axes[0, 1].patches)  # resp only


def test_feature_names_default_to_the_models_or_numbers(iris):
    X, _, model = iris
    _, axes = plot_pairs(X[:, :2], model.predict_proba(X))
    assert axes[1, 1].texts[0].get_text() == "feature 1"


def test_noise_model_gets_one_more_colour_and_no_noise_ellipse(iris):
    X, _, _ = iris
    mask = np.zeros(len(X), bool)
    mask[::30] = True
    model = NoiseGaussianMixture(2, noise_init=mask, random_state=0).fit(X)
    _, axes = plot_pairs(X, model)
    assert len([p for p in axes[0, 1].patches if isinstance(p, Ellipse)]) == 2


@pytest.mark.parametrize("X_cols, resp_rows, kwargs, error, words", [
    (1, 150, {}, ValueError, "at least two features"),
    (4, 149, {}, ValueError, "149 rows but X has 150 points"),
    (4, 150, {"what": "density"}, ValueError, "not one of 'classification'"),
    (4, 150, {"feature_names": ["a"]}, ValueError, "one name per column"),
])
def test_bad_input_is_explained(iris, X_cols, resp_rows, kwargs, error, words):
    X, _, model = iris
    with pytest.raises(error, match=words):
        plot_pairs(X[:, :X_cols], model.predict_proba(X)[:resp_rows], **kwargs)


def test_an_unfitted_model_is_explained(iris):
    X, _, _ = iris
    with pytest.raises(ValueError, match="not fitted yet"):
        plot_pairs(X, GaussianMixture(3))
