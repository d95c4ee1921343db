"""Merging components by entropy (Baudry et al. 2010) against brute force and R.

The brute force here merges every pair and measures the entropy directly;
R's ``clustCombi`` is the oracle in tests/test_combine_oracle.py.
"""

import itertools

import numpy as np
import pytest

from gmmteach import select_model
from gmmteach.combine import combine_components, entropy, merge_gains
from gmmteach.datasets import load_iris, make_moons
from gmmteach.metrics import adjusted_rand_score


def brute_entropy(resp):
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(resp > 0, resp * np.log(resp), 0.0)
    return -terms.sum()


def random_resp(n=60, k=5, seed=0):
    return np.random.default_rng(seed).dirichlet([0.4] * k, size=n)


def test_entropy_is_zero_for_sure_points_and_n_log_k_for_even_ones():
    assert entropy(np.eye(3)[[0, 1, 2, 2]]) == 0.0
    assert entropy(np.full((10, 4), 0.25)) == pytest.approx(10 * np.log(4))


def test_merge_gains_equal_the_entropy_removed_by_each_merge():
    resp = random_resp()
    gains = merge_gains(resp)
    for j, k in itertools.combinations(range(resp.shape[1]), 2):
        merged = np.delete(resp, k, axis=1)
        merged[:, j] += resp[:, k]
        assert gains[j, k] == pytest.approx(brute_entropy(resp) - brute_entropy(merged))
        assert gains[j, k] >= 0 and gains[k, j] == -np.inf


def test_each_level_merges_the_pair_that_removes_most_entropy():
    steps = combine_components(random_resp(seed=3))
    assert [s.n_clusters for s in steps] == [5, 4, 3, 2, 1]
    for above, below in zip(steps, steps[1:]):
        best = max(brute_entropy(above.resp) - brute_entropy(np.delete(
            above.resp, k, axis=1) + np.eye(above.n_clusters - 1)[j] * above.resp[:, [k]])
            for j, k in itertools.combinations(range(above.n_clusters), 2))
        assert above.entropy - below.entropy == pytest.approx(best)
        assert np.allclose(below.resp.sum(axis=1), 1)
        assert sorted(sum(below.groups, ())) == list(range(5))  # a partition
    assert steps[-1].entropy == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("bad, words", [
    (np.array([0.5, 0.5]), "2-D"), (np.array([[0.5, 0.6]]), "sum to 1"),
    (np.array([[np.nan, 1.0]]), "finite"), ("abc", "resp")])
def test_bad_responsibilities_are_refused_in_words(bad, words):
    with pytest.raises((ValueError, TypeError), match=words):
        combine_components(bad)


@pytest.mark.slow  # select_model over the 14 models: seconds
def test_merging_the_moons_recovers_them():
    # BIC spends several Gaussians on each moon; merged to two clusters, they
    # are the moons again (an independent check: the true labels)
    X, y = make_moons()
    model = select_model(X, covariance_types="mclust").best_model_
    two = [s for s in combine_components(model.predict_proba(X)) if s.n_clusters == 2][0]
    assert model.n_components > 2
    assert adjusted_rand_score(y, two.labels) > 0.95
