"""Merging components against R: mclust's ``clustCombi`` from the same responsibilities.

Needs Rscript with mclust (skipped locally without it, a failure in CI).
"""

import numpy as np
import pytest
import r_oracle

from gmmteach import select_model
from gmmteach.combine import combine_components
from gmmteach.datasets import load_iris, make_moons

pytestmark = pytest.mark.slow


def random_resp(n=60, k=5, seed=0):
    return np.random.default_rng(seed).dirichlet([0.4] * k, size=n)


@pytest.mark.parametrize("name", ["moons", "iris", "random"])
def test_hierarchy_equals_mclust_clustcombi(name):
    r_oracle.require_mclust()
    if name == "random":
        X, resp = np.random.default_rng(1).normal(size=(60, 2)), random_resp(seed=1)
    else:
        X = make_moons()[0] if name == "moons" else load_iris()[0]
        resp = select_model(X, covariance_types="mclust").best_model_.predict_proba(X)
    theirs = r_oracle.mclust_clustcombi(X, resp)
    for step in combine_components(resp):
        entropy_r, tau = theirs[step.n_clusters]
        assert step.entropy == pytest.approx(entropy_r, rel=1e-9, abs=1e-9)
        assert np.allclose(step.resp, tau, rtol=0, atol=1e-12)
