"""The adjusted Rand index and the contingency table, scikit-learn as oracle."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score as sklearn_ari
from sklearn.metrics.cluster import contingency_matrix

from gmmteach.metrics import adjusted_rand_score, contingency_table


@st.composite
def two_labelings(draw):
    """Two random labelings of one length (few labels, so pairs coincide)."""
    n = draw(st.integers(0, 60))
    labels = st.lists(st.integers(0, draw(st.integers(0, 6))), min_size=n, max_size=n)
    return draw(labels), draw(labels)


@settings(max_examples=200, deadline=None)
@given(two_labelings())
def test_ari_equals_sklearns_on_random_labelings(labelings):
    labels_true, labels_pred = labelings
    assert adjusted_rand_score(labels_true, labels_pred) == pytest.approx(
        sklearn_ari(labels_true, labels_pred), abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(two_labelings())
def test_contingency_table_equals_sklearns(labelings):
    labels_true, labels_pred = labelings
    if not labels_true:
        return  # sklearn's table of no points is (0, 0) as well; nothing to compare
    table, classes, clusters = contingency_table(labels_true, labels_pred)
    np.testing.assert_array_equal(table, contingency_matrix(labels_true, labels_pred))
    np.testing.assert_array_equal(classes, np.unique(labels_true))
    np.testing.assert_array_equal(clusters, np.unique(labels_pred))


def test_ari_ignores_the_names_of_the_groups():
    truth = np.repeat([0, 1, 2], 20)
    assert adjusted_rand_score(truth, (truth + 1) % 3) == 1.0
    assert adjusted_rand_score(truth, np.array(["b", "a", "c"])[truth]) == 1.0
    rng = np.random.default_rng(0)
    assert abs(adjusted_rand_score(truth, rng.integers(3, size=60))) < 0.1


def test_large_labelings_do_not_overflow():
    rng = np.random.default_rng(1)
    truth, pred = rng.integers(3, size=200_000), rng.integers(3, size=200_000)
    pred[:150_000] = truth[:150_000]
    assert adjusted_rand_score(truth, pred) == pytest.approx(sklearn_ari(truth, pred),
                                                             abs=1e-12)


@pytest.mark.parametrize("labels_true, labels_pred, message", [
    ([0, 1, 1], [0, 1], r"labels_true has 3 labels but labels_pred has 2"),
    (np.zeros((3, 2)), [0, 1, 1], r"labels_true must be 1-D.*resp.argmax\(axis=1\)"),
    ([0, 1, 1], [0, np.nan, 1], r"labels_pred contains NaN"),
])
def test_bad_labels_get_a_sentence(labels_true, labels_pred, message):
    with pytest.raises(ValueError, match=message):
        adjusted_rand_score(labels_true, labels_pred)
