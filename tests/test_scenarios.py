"""The explorer's generated scenarios: seeded, labelled, and what they claim."""

import numpy as np
import pytest

from gmmteach import datasets

SCENARIO_NAMES = ["blobs", "overlapping blobs", "anisotropic", "unequal sizes", "ring",
                  "moons", "blobs plus noise", "one far outlier"]


def test_the_scenarios_are_listed_beside_the_classics():
    assert list(datasets.SCENARIOS) == SCENARIO_NAMES
    assert list(datasets.DATASETS) == SCENARIO_NAMES + ["old faithful", "iris"]


@pytest.mark.parametrize("name", SCENARIO_NAMES + ["iris"])
def test_each_labelled_data_set_is_seeded_and_has_one_label_per_point(name):
    X, y = datasets.load_dataset(name), datasets.load_labels(name)
    assert X.ndim == 2 and X.shape[1] >= 2 and y.shape == (len(X),)
    assert y.dtype.kind == "i" and y.min() == 0
    np.testing.assert_array_equal(datasets.load_dataset(name), X)  # same seed, same data


def test_old_faithful_has_no_labels():
    assert datasets.load_labels("old faithful") is None


def test_the_scenarios_are_what_their_names_say():
    X, y = datasets.make_unequal_blobs()
    assert np.bincount(y).tolist() == [350, 120, 30]
    X, y = datasets.make_blobs_with_noise()
    assert np.mean(y == 3) == 0.05  # 5% noise, a label of its own
    X, y = datasets.make_far_outlier()
    assert np.flatnonzero(y == 3).tolist() == [499]
    distances = np.linalg.norm(X[:-1] - X[-1], axis=1)
    assert distances.min() > 20  # far from every other point
    X, y = datasets.make_ring()
    radius = np.linalg.norm(X, axis=1)
    assert radius[y == 0].min() > 2.5 > radius[y == 1].max()  # a ring round a blob
    X, y = datasets.make_overlapping_blobs()
    centres = np.array([X[y == k].mean(axis=0) for k in range(3)])
    assert np.linalg.norm(centres[0] - centres[1]) < 2 * 2 * 1.2  # within 2 sd each


def test_iris_labels_are_the_species():
    species = datasets.load_iris()[1]
    labels = datasets.load_labels("iris")
    assert [species[labels == k][0] for k in range(3)] == ["setosa", "versicolor",
                                                           "virginica"]


def test_an_unknown_data_set_gets_a_did_you_mean():
    with pytest.raises(ValueError, match=r"Unknown data set 'two moon'.*Did you mean "
                                         r"'moons'\?"):
        datasets.load_labels("two moon")
    with pytest.raises(ValueError, match=r"Did you mean 'one far outlier'\?"):
        datasets.load_dataset("one far outliers")
