"""Time per EM iteration: gmmteach vs scikit-learn, side by side in one run.

Both start from the same weights/means/precisions with tol=0. The cost of
one iteration is (time of an M-iteration fit - time of a 1-iteration fit) /
(M - 1), which cancels set-up costs (validation, sklearn's final E-step).
Runs are interleaved and the median of several repeats is reported, so a
busy machine slows both sides alike.

Goals: ratio gmmteach / sklearn <= 0.6 at N=200,000, D=4, K=6 for all four
types (issue 18); a lesson-size full fit (N=500, D=2, K=3, 100 iterations) in
under 50 ms. Beside 'full' at large N, the limit: one compiled pass over X
doing the E-step and the M-step's sums together (benchmarks/fused_pass.py,
numba, benchmark-only), as a ratio to sklearn and to gmmteach.

Run: python benchmarks/bench_em.py [--repeats 5]
"""

import argparse
import time
import warnings

import numpy as np
from sklearn.mixture import GaussianMixture as SkGaussianMixture

from fused_pass import INSTALL, fused_iteration_seconds
from gmmteach import COVARIANCE_TYPES, GaussianMixture

ITERATIONS = 11


def make_problem(n_samples, n_features, n_components, covariance_type, seed=0):
    rng = np.random.RandomState(seed)
    centres = rng.uniform(-6, 6, size=(n_components, n_features))
    X = centres[rng.randint(n_components, size=n_samples)]
    X = X + rng.standard_normal((n_samples, n_features))
    cov = np.cov(X.T)
    precisions = {
        "full": np.array([np.linalg.inv(cov)] * n_components),
        "tied": np.linalg.inv(cov),
        "diag": np.tile(1 / np.diag(cov), (n_components, 1)),
        "spherical": np.full(n_components, 1 / np.diag(cov).mean()),
    }[covariance_type]
    init = dict(weights_init=np.full(n_components, 1 / n_components),
                means_init=X[rng.choice(n_samples, n_components, replace=False)],
                precisions_init=precisions)
    return X, init


def fit_seconds(cls, X, init, covariance_type, max_iter):
    model = cls(len(init["weights_init"]), covariance_type=covariance_type, tol=0.0,
                max_iter=max_iter, **init)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(X)
    return time.perf_counter() - start


def per_iteration(cls, X, init, covariance_type):
    long = fit_seconds(cls, X, init, covariance_type, ITERATIONS)
    short = fit_seconds(cls, X, init, covariance_type, 1)
    return (long - short) / (ITERATIONS - 1)


def compare(n_samples, n_features, n_components, repeats):
    print(f"\nN={n_samples}, D={n_features}, K={n_components}: ms per EM iteration "
          f"(median of {repeats})")
    print(f"{'covariance':>11} {'gmmteach':>10} {'sklearn':>10} {'ratio':>7}")
    for cov_type in COVARIANCE_TYPES:
        X, init = make_problem(n_samples, n_features, n_components, cov_type)
        ours, theirs = [], []
        for _ in range(repeats):  # interleaved: noise hits both sides alike
            ours.append(per_iteration(GaussianMixture, X, init, cov_type))
            theirs.append(per_iteration(SkGaussianMixture, X, init, cov_type))
        a, b = np.median(ours), np.median(theirs)
        print(f"{cov_type:>11} {a * 1e3:>10.3f} {b * 1e3:>10.3f} {a / b:>7.2f}")
        if cov_type == "full" and n_samples >= 100_000:
            fused_line(X, init, a, b)


def fused_line(X, init, ours, theirs):
    """The one-pass limit for 'full', beside gmmteach's and sklearn's iteration."""
    chol = np.linalg.cholesky(init["precisions_init"])  # P = L L^T: U = L
    means = init["means_init"]
    seconds = fused_iteration_seconds(X, init["weights_init"], means, chol)
    if seconds is None:
        print(f"{'fused pass':>11}  not measured (numba not installed: {INSTALL})")
        return
    print(f"{'fused pass':>11} {seconds * 1e3:>10.3f} {'':>10} {seconds / theirs:>7.2f}"
          f"  (one compiled pass, full; {seconds / ours:.2f} of gmmteach's)")


def lesson_fit(repeats):
    X, _ = make_problem(500, 2, 3, "full")
    times = []
    for _ in range(repeats):
        model = GaussianMixture(3, tol=0.0, max_iter=100, random_state=0)
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.fit(X)
        times.append(time.perf_counter() - start)
    median = np.median(times) * 1e3
    print(f"\nLesson-size full fit (N=500, D=2, K=3, 100 iterations, k-means init): "
          f"{median:.1f} ms (goal 50 ms, ratio to goal {median / 50:.2f})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    compare(200_000, 4, 6, args.repeats)
    compare(500, 2, 3, args.repeats * 4)
    lesson_fit(args.repeats * 4)


if __name__ == "__main__":
    main()
