"""A whole default fit, gmmteach against scikit-learn, timed in one run.

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=. python benchmarks/bench_fit.py [--repeats 3]

One BLAS thread for both libraries: on a small shared machine a
multi-threaded BLAS fights for cores and the timings mean little.

Prints the median wall time of ``GaussianMixture(K, ...).fit(X)`` for both
libraries and the ratio gmmteach / sklearn (goal: <= 1.0, issue 18), and the
same for the process's CPU time (all threads; sklearn's k-means runs OpenMP
threads, which OPENBLAS_NUM_THREADS does not limit): on a loaded machine the
CPU ratio is the steadier one. The two libraries' fits alternate (ours,
theirs, ours, ...) so that a slow moment of a shared machine hits both. Same
data, same seed, so both do the same iterations (checked: equal n_iter_, and
the lower bounds printed).
"""

import argparse
import time
import warnings

import numpy as np
from sklearn.mixture import GaussianMixture as SkGaussianMixture

from gmmteach import GaussianMixture

CASES = [  # (name, n_samples, n_features, n_components, covariance_type, settings)
    ("60,000 x 40, K=8, diag", 60_000, 40, 8, "diag", {}),
    ("issue 18: as above, max_iter=10", 60_000, 40, 8, "diag", {"max_iter": 10}),
    ("200,000 x 4, K=8, full", 200_000, 4, 8, "full", {}),
]


def _fit_time(cls, X, K, covariance_type, settings):
    start, cpu = time.perf_counter(), time.process_time()
    model = cls(K, covariance_type=covariance_type, random_state=0, **settings).fit(X)
    return (time.perf_counter() - start, time.process_time() - cpu), model


def _alternating_medians(X, K, covariance_type, settings, repeats):
    ours, theirs = [], []
    for _ in range(repeats):
        seconds, a = _fit_time(GaussianMixture, X, K, covariance_type, settings)
        ours.append(seconds)
        seconds, b = _fit_time(SkGaussianMixture, X, K, covariance_type, settings)
        theirs.append(seconds)
    return np.median(ours, axis=0), np.median(theirs, axis=0), a, b


def main(repeats):
    warnings.simplefilter("ignore")
    for name, n, d, K, covariance_type, settings in CASES:
        X = np.random.RandomState(0).standard_normal((n, d))
        ours, theirs, a, b = _alternating_medians(X, K, covariance_type, settings,
                                                  repeats)
        print(f"{name:33s} gmmteach {ours[0]:7.3f}s  sklearn {theirs[0]:7.3f}s  "
              f"ratio {ours[0] / theirs[0]:5.2f}  | cpu {ours[1]:7.3f}s vs "
              f"{theirs[1]:7.3f}s ratio {ours[1] / theirs[1]:5.2f}  (n_iter {a.n_iter_} "
              f"vs {b.n_iter_}, |lower_bound diff| "
              f"{abs(a.lower_bound_ - b.lower_bound_):.1e})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    main(parser.parse_args().repeats)
