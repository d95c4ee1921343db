"""Time per EM iteration for each of mclust's 14 models, beside 'full'.

N=10,000, D=4, K=4 (issue 12). Every model starts from the same k-means
responsibilities (one M-step), then runs with tol=0. The cost of one
iteration is (time of M iterations - time of 1 iteration) / (M - 1), which
cancels the set-up and the first, cold M-step of the iterative models (their
inner loops start from the previous M-step afterwards; the cold first M-step
is reported on its own). Models are interleaved and the median of several
repeats is reported, so a busy machine slows all alike. The ratio is to
'full' and, in the last column, to 'VVV' (the same model by mclust's
M-step code; issue 18's goal for EVE and VVE: <= 1.5).

    OPENBLAS_NUM_THREADS=1 python benchmarks/bench_mclust.py [--repeats 5]

One BLAS thread, as in bench_fit.py: on a small shared machine a
multi-threaded BLAS fights for the cores in the E-step's products and
the timings mean little.
"""

import argparse
import time

import numpy as np

from gmmteach import em_steps, m_step
from gmmteach.init import initial_resp
from gmmteach.mclust import MCLUST_MODELS, MODELS

ITERATIONS = 11
REFERENCE = "full"
MCLUST_REFERENCE = "VVV"


def make_problem(n_samples=10_000, n_features=4, n_components=4, seed=0):
    """Blobs with differently sized, shaped and turned covariances."""
    rng = np.random.RandomState(seed)
    centres = rng.uniform(-6, 6, size=(n_components, n_features))
    labels = rng.randint(n_components, size=n_samples)
    factors = rng.standard_normal((n_components, n_features, n_features)) * 0.6
    noise = np.einsum("ni,nij->nj", rng.standard_normal((n_samples, n_features)),
                      factors[labels])
    X = centres[labels] + noise
    return X, initial_resp(X, n_components, "kmeans", np.random.RandomState(seed))


def run_seconds(X, start, name, max_iter):
    began = time.perf_counter()
    for _ in em_steps(X, start, covariance_type=name, tol=0.0, max_iter=max_iter):
        pass
    return time.perf_counter() - began


def measure(X, resp, name):
    """(seconds per steady EM iteration, seconds of the cold first M-step)."""
    began = time.perf_counter()
    start = m_step(X, resp, name)
    cold = time.perf_counter() - began
    long = run_seconds(X, start, name, ITERATIONS)
    short = run_seconds(X, start, name, 1)
    return (long - short) / (ITERATIONS - 1), cold


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    X, resp = make_problem()
    names = (REFERENCE, *MCLUST_MODELS)
    times = {name: [] for name in names}
    for _ in range(args.repeats):  # interleaved: noise hits every model alike
        for name in names:
            times[name].append(measure(X, resp, name))
    ref = np.median([t[0] for t in times[REFERENCE]])
    vvv = np.median([t[0] for t in times[MCLUST_REFERENCE]])
    print(f"N={X.shape[0]}, D={X.shape[1]}, K={resp.shape[1]}: ms per EM iteration "
          f"(median of {args.repeats}), ratio to {REFERENCE!r}")
    print(f"{'model':>6} {'iteration':>10} {'ratio':>7} {'first M-step':>13}  "
          f"{'kind':<9} {'/ VVV':>6}")
    for name in names:
        per_iter, cold = np.median(np.array(times[name]), axis=0)
        kind = "iterative" if name in MODELS and MODELS[name].iterative else ""
        print(f"{name:>6} {per_iter * 1e3:>10.2f} {per_iter / ref:>7.2f} "
              f"{cold * 1e3:>13.2f}  {kind:<9} {per_iter / vvv:>6.2f}")


if __name__ == "__main__":
    main()
