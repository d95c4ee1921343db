"""Time per variational iteration: gmmteach vs scikit-learn, side by side in one run.

Both BayesianGaussianMixture fits start from the same point
(``init_params='random_from_data'`` with the same seed draws the same rows on
both sides) with tol=0. The cost of one iteration is (time of an M-iteration
fit - time of a 1-iteration fit) / (M - 1), which cancels set-up costs
(validation, priors, initialisation, the final E-step). Runs are interleaved
and the median of the repeats is reported, so a busy machine slows both
sides alike.

Goal: ratio gmmteach / sklearn <= 1.0 at N=200,000, D=4, K=6.

Run: python benchmarks/bench_vb.py [--repeats 3] [--n-samples 200000]
"""

import argparse
import time
import warnings

import numpy as np
from sklearn.mixture import BayesianGaussianMixture as SkBayesianGaussianMixture

from gmmteach import COVARIANCE_TYPES, BayesianGaussianMixture

ITERATIONS = 5


def make_data(n_samples, n_features, n_components, seed=0):
    rng = np.random.RandomState(seed)
    centres = rng.uniform(-6, 6, size=(n_components, n_features))
    X = centres[rng.randint(n_components, size=n_samples)]
    return X + rng.standard_normal((n_samples, n_features))


def fit_seconds(cls, X, n_components, covariance_type, max_iter):
    model = cls(n_components=n_components, covariance_type=covariance_type, tol=0.0,
                max_iter=max_iter, init_params="random_from_data", random_state=0)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(X)
    return time.perf_counter() - start


def per_iteration(cls, X, n_components, covariance_type):
    long = fit_seconds(cls, X, n_components, covariance_type, ITERATIONS)
    short = fit_seconds(cls, X, n_components, covariance_type, 1)
    return (long - short) / (ITERATIONS - 1)


def compare(n_samples, n_features, n_components, repeats):
    X = make_data(n_samples, n_features, n_components)
    print(f"N={n_samples}, D={n_features}, K={n_components}: ms per variational "
          f"iteration (median of {repeats})")
    print(f"{'covariance':>11} {'gmmteach':>10} {'sklearn':>10} {'ratio':>7}")
    for cov_type in COVARIANCE_TYPES:
        ours, theirs = [], []
        for _ in range(repeats):  # interleaved: noise hits both sides alike
            ours.append(per_iteration(BayesianGaussianMixture, X, n_components, cov_type))
            theirs.append(per_iteration(SkBayesianGaussianMixture, X, n_components,
                                        cov_type))
        a, b = np.median(ours), np.median(theirs)
        print(f"{cov_type:>11} {a * 1e3:>10.2f} {b * 1e3:>10.2f} {a / b:>7.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--n-samples", type=int, default=200_000)
    args = parser.parse_args()
    compare(args.n_samples, 4, 6, args.repeats)
