"""select_model: named sets, mclust's hc start, summary, and argument errors.

The R comparison (``Mclust`` through ``Rscript``) is in
test_selection_oracle.py; these tests need no R.
"""

import numpy as np
import pytest

from gmmteach import COVARIANCE_TYPES, select_model
from gmmteach.datasets import load_iris, make_blobs
from gmmteach.mclust import MCLUST_MODELS
from gmmteach.selection import COVARIANCE_SETS, hc_partitions

X_BLOBS = make_blobs(200, centers=3, random_state=1)[0]


def test_named_sets_are_sklearns_four_and_mclusts_fourteen():
    assert COVARIANCE_SETS["sklearn"] == COVARIANCE_TYPES
    assert COVARIANCE_SETS["mclust"] == MCLUST_MODELS and len(MCLUST_MODELS) == 14


def test_default_still_searches_sklearns_four():
    selection = select_model(X_BLOBS, n_components=[2, 3])
    assert selection.covariance_types == list(COVARIANCE_TYPES)
    assert selection.bic.shape == (2, 4)


def test_hc_cuts_are_nested_partitions_of_the_right_size():
    cuts = hc_partitions(X_BLOBS, [1, 2, 3, 5])
    for g, labels in cuts.items():
        assert labels.shape == (200,) and set(labels) == set(range(g))
    # cutting higher in the tree only merges clusters: each G=5 cluster lies
    # inside one G=3 cluster
    pairs = set(zip(cuts[5], cuts[3]))
    assert len(pairs) == 5


def test_mclust_search_fills_a_nine_by_fourteen_grid_and_sign_flips():
    X = load_iris()[0]
    selection = select_model(X, n_components=[1, 2], covariance_types="mclust")
    assert selection.bic.shape == (2, 14)
    np.testing.assert_array_equal(selection.mclust_bic, -selection.bic)
    # with one component every ellipsoidal model is the same Gaussian
    one = selection.bic[0, [MCLUST_MODELS.index(m) for m in ("EEE", "VEV", "VVV")]]
    np.testing.assert_allclose(one, one[0], rtol=1e-9)


def test_summary_is_shaped_like_rs():
    selection = select_model(load_iris()[0], n_components=[2], covariance_types=["VEV"])
    text = selection.summary()
    assert "Mclust VEV (ellipsoidal, equal shape) model with 2 components:" in text
    assert "log-likelihood" in text and "ICL" in text and "Clustering table:" in text
    counts = text.splitlines()[-1].split()
    assert sorted(int(c) for c in counts) == [50, 100]


@pytest.mark.parametrize("kwargs, exception, words", [
    ({"covariance_types": "mlcust"}, ValueError, "covariance_types='mlcust' is not a named set"),
    ({"covariance_types": "full"}, ValueError, "write covariance_types=['full']"),
    ({"covariance_types": ["VEV", "VVX"]}, ValueError, "covariance_type 'VVX'"),
    ({"covariance_types": []}, ValueError, "covariance_types is empty"),
    ({"covariance_type": "full"}, TypeError, "covariance_types (plural"),
    ({"reg_covar": -1}, ValueError, "reg_covar"),
    ({"reg_covar": "big"}, TypeError, "reg_covar"),
    ({"n_component": 3}, TypeError, "unknown argument(s) n_component"),
    ({"n_components": 5}, TypeError, "n_components=[5]"),
    ({"n_components": [2.7]}, ValueError, "n_components must hold whole numbers"),
    ({"n_components": [0, 2]}, ValueError, "got 0"),
    ({"init_params": "hierarchical"}, ValueError, "init_params 'hierarchical'"),
    ({"init_params": "hc", "n_init": 5}, TypeError, "only reg_covar and max_iter apply, not n_init"),
])
def test_bad_arguments_name_the_argument(kwargs, exception, words):
    with pytest.raises(exception) as info:
        select_model(X_BLOBS, **kwargs)
    assert words in str(info.value)
    assert "Every fit" not in str(info.value)


def test_mclust_bic_plot_draws_fourteen_lines_with_mclusts_sign_and_colours():
    import matplotlib.pyplot as plt

    from gmmteach.plotting import MCLUST_STYLE, plot_mclust_bic
    values = np.arange(2 * 14, dtype=float).reshape(2, 14)
    values[1, 3] = np.nan
    fig, ax = plt.subplots()
    lines = plot_mclust_bic(ax, [1, 2], values, MCLUST_MODELS)
    assert len(lines) == 14
    np.testing.assert_array_equal(lines[0].get_ydata(), -values[:, 0])
    assert lines[11].get_label() == "VEV"
    assert lines[11].get_color() == MCLUST_STYLE["VEV"][0]
    assert np.isnan(lines[3].get_ydata()[1])
    plt.close(fig)


@pytest.mark.parametrize("covariance_types", ["sklearn", "mclust"])
def test_k_above_n_samples_is_a_nan_row_not_an_error(covariance_types):
    X = X_BLOBS[:6]
    selection = select_model(X, n_components=[1, 2, 7], covariance_types=covariance_types)
    assert np.isnan(selection.bic[2]).all() and np.isfinite(selection.bic[0]).all()


# -- issue 19: degenerate data and K > N are refused in words
@pytest.mark.parametrize("X, fragment", [
    (np.ones((20, 2)), "every point is the same"),
    (np.c_[np.linspace(0, 1, 20), np.ones(20)], r"column 1 of X is constant"),
])
def test_mclust_models_on_data_without_spread_say_so(X, fragment):
    with pytest.raises(ValueError, match=fragment + r".*init_params='kmeans'"):
        select_model(X, covariance_types="mclust")


def test_more_components_than_samples_says_so():
    X = np.random.RandomState(0).standard_normal((5, 2))
    with pytest.raises(ValueError, match=r"K=7 components or more, more than the "
                                         r"number of samples \(5\)"):
        select_model(X, n_components=[7, 8], covariance_types="mclust")
