"""The limit for one EM iteration: a single compiled pass over the data.

Benchmark-only (numba, from benchmarks/requirements.txt; never imported by
gmmteach). For 'full' covariances, one loop over the samples computes each
point's K log-densities, its log-likelihood and responsibilities (E-step)
and accumulates the M-step's sufficient statistics ``N_k``, ``sum r x`` and
``sum r x x^T`` (shifted by the first sample), so X is read once per
iteration; the few K x D x D numbers left are finished in numpy.
"""

import math
import time

import numpy as np

try:
    import numba
except ImportError:  # the benchmark then says so instead of timing
    numba = None

INSTALL = "pip install -r benchmarks/requirements.txt"


def _fused_full(X, log_weights, means, prec_chol, log_det):
    n_samples, n_features = X.shape
    n_components = means.shape[0]
    nk = np.zeros(n_components)
    first = np.zeros((n_components, n_features))
    second = np.zeros((n_components, n_features, n_features))
    log_p = np.empty(n_components)
    y = np.empty(n_features)
    xs = np.empty(n_features)
    const = 0.5 * n_features * math.log(2 * math.pi)
    total = 0.0
    for n in range(n_samples):
        for k in range(n_components):
            sq = 0.0
            for j in range(n_features):
                acc = 0.0
                for i in range(n_features):  # any square root of the precision
                    acc += (X[n, i] - means[k, i]) * prec_chol[k, i, j]
                sq += acc * acc
            log_p[k] = log_weights[k] + log_det[k] - const - 0.5 * sq
        top = log_p.max()
        s = 0.0
        for k in range(n_components):
            s += math.exp(log_p[k] - top)
        norm = top + math.log(s)
        total += norm
        for i in range(n_features):
            xs[i] = X[n, i] - X[0, i]
        for k in range(n_components):
            r = math.exp(log_p[k] - norm)
            nk[k] += r
            for i in range(n_features):
                y[i] = r * xs[i]
                first[k, i] += y[i]
                for j in range(n_features):
                    second[k, i, j] += y[i] * xs[j]
    return total / n_samples, nk, first, second


fused_full = None if numba is None else numba.njit(cache=False, fastmath=False)(_fused_full)


def fused_iteration_seconds(X, weights, means, prec_chol, repeats=3):
    """Median seconds of one fused E+M pass (compiled once beforehand), or None."""
    if fused_full is None:
        return None
    log_det = np.log(np.diagonal(prec_chol, axis1=1, axis2=2)).sum(axis=1)
    args = (np.ascontiguousarray(X), np.log(weights), means, prec_chol, log_det)
    fused_full(*args)  # compile
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        _, nk, first, second = fused_full(*args)
        # finishing the M-step: means and covariances from the sums
        mu = first / nk[:, None]
        cov = second / nk[:, None, None] - mu[:, :, None] * mu[:, None, :]
        np.linalg.cholesky(cov)
        times.append(time.perf_counter() - start)
    return float(np.median(times))
