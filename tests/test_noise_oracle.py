"""The noise component against R's mclust (``me(..., Vinv)`` through Rscript).

On three data sets with uniform outliers added (Old Faithful, Iris and
three generated 3-D blobs), from the same mask and the same hierarchical
start (the hc cut of the points not marked noise, the marked ones starting
as noise), gmmteach and mclust run the same number of EM iterations for
each of the 14 models; log-likelihood, BIC, proportions (the noise's
included), means and covariances must agree to 1e-6 relative, and the
hypervolume must be R's ``hypvol``. ``select_model(..., noise=mask)`` must
choose R's ``Mclust(X, initialization = list(noise = mask))`` model. Run
this file directly to print the worst relative differences.
"""

import functools

import numpy as np
import pytest
import r_oracle
from test_mclust_oracle import _blobs, as_mclust_computes, relative_differences

from gmmteach import n_parameters, select_model
from gmmteach.datasets import load_iris, load_old_faithful
from gmmteach.mclust import MCLUST_MODELS
from gmmteach.noise import hypervolume, noise_e_step, noise_em_steps, noise_start
from gmmteach.selection import hc_partitions
from gmmteach.selection.search import _one_hot

pytestmark = pytest.mark.slow

ITERATIONS = 25
RTOL = 1e-6


def with_outliers(X, n_outliers, seed):
    """X with ``n_outliers`` uniform points over its box; the mask marks them."""
    rng = np.random.RandomState(seed)
    low, high = X.min(axis=0), X.max(axis=0)
    outliers = rng.uniform(low, high, size=(n_outliers, X.shape[1]))
    mask = np.r_[np.zeros(len(X), bool), np.ones(n_outliers, bool)]
    return np.vstack([X, outliers]), mask


DATASETS = {
    "old_faithful": (*with_outliers(load_old_faithful(), 20, 0), 2),
    "iris": (*with_outliers(load_iris()[0], 15, 1), 3),
    "blobs": (*with_outliers(_blobs(), 30, 2), 3),
}


@pytest.fixture(scope="module", autouse=True)
def mclust_available():
    r_oracle.require_mclust()


def hc_start(X, mask, K):
    """R's start: the hc cut of the unmarked points, the marked ones as noise."""
    labels = hc_partitions(X[~mask], [K])[K]
    z = np.zeros((len(X), K + 1))
    z[~mask, :K] = _one_hot(labels, K)
    z[mask, K] = 1.0
    return labels, z


@functools.cache
def r_fits(dataset):
    X, mask, K = DATASETS[dataset]
    _, z = hc_start(X, mask, K)
    return r_oracle.mclust_me(X, z, list(MCLUST_MODELS), ITERATIONS, hypervolume(X))


def our_fit(dataset, model, iterations):
    # mclust's iteration t is an M-step then an E-step: ours is the M-step of
    # the start, then t - 1 iterations of (E, M)
    X, mask, K = DATASETS[dataset]
    labels, _ = hc_start(X, mask, K)
    with as_mclust_computes(model):
        start = noise_start(X, _one_hot(labels, K), mask, model)
        *_, last = noise_em_steps(X, start, covariance_type=model, tol=0.0,
                                  max_iter=iterations - 1)
    params = last.params
    return {"loglik": float(noise_e_step(X, params)[1].sum()),
            "weights": np.r_[params.weights, params.noise_proportion],
            "means": params.means, "covariances": params.covariances}


def test_hypervolume_is_rs_hypvol():
    for X, mask, _ in DATASETS.values():
        r = r_oracle.mclust_noise_bic(X, mask, [1])["hypervolume"]
        assert hypervolume(X) == pytest.approx(r, rel=1e-10)


@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("model", MCLUST_MODELS)
def test_noise_em_matches_mclust_me_with_vinv(dataset, model):
    X, _, K = DATASETS[dataset]
    theirs = r_fits(dataset)[model]
    ours = our_fit(dataset, model, theirs["iterations"])
    worst = relative_differences(ours, theirs)
    assert max(worst.values()) < RTOL, worst
    # BIC (mclust's sign) with mclust's count: the Gaussians' + 2 for the noise
    p = n_parameters(K, X.shape[1], model) + 2
    assert p == theirs["n_parameters"]
    assert 2 * ours["loglik"] - p * np.log(len(X)) == pytest.approx(theirs["bic"],
                                                                    rel=RTOL)


@pytest.mark.parametrize("dataset", DATASETS)
def test_noise_bic_counts_mclusts_two_extra_parameters(dataset):
    # one fitted model's BIC against R's bic(..., noise = TRUE) of the same fit
    X, mask, K = DATASETS[dataset]
    theirs = r_fits(dataset)["VVV"]
    ours = our_fit(dataset, "VVV", theirs["iterations"])
    p = theirs["n_parameters"]
    assert -(-2 * ours["loglik"] + p * np.log(len(X))) == pytest.approx(
        theirs["bic"], rel=RTOL)
    model = select_model(X, [K], ["VVV"], noise=mask).best_model_
    assert model._n_parameters() == p


def test_select_model_with_noise_chooses_rs_model():
    # the whole search, as Mclust(X, G = 1:4, initialization = list(noise = mask)):
    # the same stopping point as R's, so the same BIC (VVE computed as mclust
    # does, see as_mclust_computes)
    X, mask, _ = DATASETS["old_faithful"]
    theirs = r_oracle.mclust_noise_bic(X, mask, [1, 2, 3, 4])
    with as_mclust_computes("VVE"):
        selection = select_model(X, [1, 2, 3, 4], theirs["models"], init_params="hc",
                                 noise=mask)
    r_best = np.unravel_index(np.nanargmax(theirs["bic"]), theirs["bic"].shape)
    assert np.unravel_index(np.nanargmin(selection.bic), selection.bic.shape) == r_best
    np.testing.assert_allclose(-selection.bic, theirs["bic"], rtol=RTOL)


if __name__ == "__main__":
    # python tests/test_noise_oracle.py: worst relative difference per data set
    for name in DATASETS:
        fits = r_fits(name)
        worst = {m: max(relative_differences(our_fit(name, m, fits[m]["iterations"]),
                                             fits[m]).values()) for m in MCLUST_MODELS}
        model = max(worst, key=worst.get)
        print(f"{name:13s} worst over the 14 models: {worst[model]:.2e} ({model})")
