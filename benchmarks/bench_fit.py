"""A whole default fit, gmmteach against scikit-learn, timed in one run.

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=. python benchmarks/bench_fit.py [--repeats 3]

One BLAS thread for both libraries: on a small shared machine a
multi-threaded BLAS fights for cores and the timings mean little.

Prints the median wall time of ``GaussianMixture(K, ...).fit(X)`` for both
libraries and the ratio gmmteach / sklearn (goal: <= 1.0). Same data, same
seed, so both do the same iterations (checked: equal n_iter_).
"""

import argparse
import time
import warnings

import numpy as np
from sklearn.mixture import GaussianMixture as SkGaussianMixture

from gmmteach import GaussianMixture

CASES = [  # (name, n_samples, n_features, n_components, covariance_type)
    ("60,000 x 40, K=8, diag", 60_000, 40, 8, "diag"),
    ("200,000 x 4, K=8, full", 200_000, 4, 8, "full"),
]


def _median_time(cls, X, K, covariance_type, repeats):
    times, model = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        model = cls(K, covariance_type=covariance_type, random_state=0).fit(X)
        times.append(time.perf_counter() - start)
    return float(np.median(times)), model


def main(repeats):
    warnings.simplefilter("ignore")
    for name, n, d, K, covariance_type in CASES:
        X = np.random.RandomState(0).standard_normal((n, d))
        ours, a = _median_time(GaussianMixture, X, K, covariance_type, repeats)
        theirs, b = _median_time(SkGaussianMixture, X, K, covariance_type, repeats)
        print(f"{name:28s} gmmteach {ours:7.3f}s  sklearn {theirs:7.3f}s  "
              f"ratio {ours / theirs:5.2f}  (n_iter {a.n_iter_} vs {b.n_iter_}, "
              f"|lower_bound diff| {abs(a.lower_bound_ - b.lower_bound_):.1e})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    main(parser.parse_args().repeats)
