"""K-means (Lloyd's algorithm) with greedy k-means++ seeding, small and readable.

Used to initialise EM (``init_params='kmeans'`` and ``'k-means++'``) and to
compare hard and soft clustering. K-means is the limit of EM for a mixture
with equal weights and a shared spherical covariance ``sigma^2 I`` as
``sigma -> 0``: the responsibilities become 0/1 (nearest centre) and the
M-step becomes the mean of the assigned points.

For the same ``random_state`` the centres and labels are scikit-learn's
(``KMeans(n_clusters, n_init=1)`` and ``kmeans_plusplus``): the same draws
from the random stream, the same greedy seeding, the same stopping rule, so
a GaussianMixture started here starts where sklearn's does. With
``sample_weight`` a row counts ``w_n`` times, as in
``KMeans.fit(X, sample_weight=...)``: the seeding draws rows with
probability ``w_n D(x_n)^2`` and each centre is its points' weighted mean.

Introduced in lessons/05_gmm_vs_kmeans.ipynb.
"""

import numbers

import numpy as np

from ._checks import check_nonnegative, check_random_state, check_sample_weight, check_X
from .sample_weights import weigh

__all__ = ["kmeans_plusplus", "kmeans", "squared_distances"]

# Distances are computed in blocks of rows holding about this many entries
# (8 MB of float64): memory stays bounded whatever n_samples is, no
# (N, K, D) array is ever built, and few BLAS calls are made.
BLOCK_ENTRIES = 2**20
# A Lloyd iteration goes through X in blocks of rows whose values and scores
# hold about this many entries (512 KB of float64, a core's cache): each
# block is labelled and summed while it is still in the cache, which takes
# about half the time of two passes over the whole of X.
LLOYD_BLOCK_ENTRIES = 2**16


def _row_norms(X):
    """``||x_n||^2`` for each row, shape (n_samples,)."""
    return np.einsum("ij,ij->i", X, X)


def squared_distances(X, centers, x_squared_norms=None):
    """``||x_n - c_k||^2`` for every sample and centre, shape (n_samples, n_centers).

    Expanded as ``||x||^2 - 2 x.c + ||c||^2``: one matrix product instead of
    an (n_samples, n_centers, n_features) array of differences. Rounding can
    make a tiny distance slightly negative, so it is clipped at 0.
    """
    if x_squared_norms is None:
        x_squared_norms = _row_norms(X)
    distances = -2 * (centers @ X.T)
    distances += _row_norms(centers)[:, np.newaxis]
    distances += x_squared_norms
    return np.maximum(distances, 0, out=distances).T


def kmeans_plusplus(X, n_clusters, random_state, x_squared_norms=None,
                    sample_weight=None):
    """Greedy k-means++: pick ``n_clusters`` rows of X, far from each other.

    The first centre is a uniformly random row. Each next one: draw
    ``2 + floor(ln K)`` candidate rows, each with probability ~ D(x)^2 (its
    squared distance to the nearest centre so far), and keep the candidate
    that lowers the total ``sum_n D(x_n)^2`` the most (Arthur & Vassilvitskii,
    2007; the greedy variant is scikit-learn's). With sample weights every
    probability and total counts row n ``w_n`` times.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    n_clusters : int
    random_state : numpy.random.RandomState
    x_squared_norms : ndarray of shape (n_samples,), optional
    sample_weight : ndarray of shape (n_samples,), optional

    Returns
    -------
    indices : ndarray of shape (n_clusters,)
        Row numbers of the chosen centres.
    """
    n_samples = X.shape[0]
    norms = _row_norms(X) if x_squared_norms is None else x_squared_norms
    n_trials = 2 + int(np.log(n_clusters))
    w = np.ones(n_samples) if sample_weight is None else sample_weight
    indices = [random_state.choice(n_samples, p=w / w.sum())]
    closest = squared_distances(X, X[indices], norms)[:, 0]  # D(x)^2
    for _ in range(1, n_clusters):
        # inverse-CDF sampling of n_trials rows with probability w D(x)^2 / sum
        targets = random_state.uniform(size=n_trials) * (closest @ w)
        candidates = np.searchsorted(np.cumsum(w * closest), targets)
        candidates = np.minimum(candidates, n_samples - 1)  # rounding at the top
        # each candidate's new D(x)^2 and total; keep the smallest total
        trial = np.minimum(closest, squared_distances(X, X[candidates], norms).T)
        best = np.argmin(trial @ w)
        closest = trial[best]
        indices.append(candidates[best])
    return np.array(indices)


def _nearest(X, minus_twice_centers_t, center_norms):
    # argmin_k ||c_k||^2 - 2 x.c_k (||x||^2 is the same for every centre): one
    # matrix product, then the first smallest entry of each row (as sklearn)
    scores = X @ minus_twice_centers_t
    scores += center_norms
    return scores.argmin(axis=1)


def nearest_center(X, centers):
    """Label of the nearest centre for each row, shape (n_samples,).

    Only ``||c||^2 - 2 x.c`` is needed (``||x||^2`` is the same for every
    centre): one matrix product per block of rows, then the smallest entry
    of each row (the first one on a tie, as in sklearn).
    """
    minus_twice = -2.0 * centers.T  # exact: a power of two
    center_norms = _row_norms(centers)
    labels = np.empty(X.shape[0], dtype=np.intp)
    rows = max(1, BLOCK_ENTRIES // len(centers))
    for start in range(0, X.shape[0], rows):
        labels[start:start + rows] = _nearest(X[start:start + rows], minus_twice,
                                              center_norms)
    return labels


def _label_and_sum(X, centers, sample_weight=None):
    # Both halves of a Lloyd iteration in one pass over X, block by block:
    # each row's nearest centre, and the (weighted) sum and count of the rows
    # given each label
    n_clusters = len(centers)
    minus_twice, center_norms = -2.0 * centers.T, _row_norms(centers)
    labels = np.empty(X.shape[0], dtype=np.intp)
    sums, counts = np.zeros_like(centers), np.zeros(n_clusters)
    rows = max(256, LLOYD_BLOCK_ENTRIES // (X.shape[1] + n_clusters))
    for start in range(0, X.shape[0], rows):
        block = slice(start, start + rows)
        labels[block] = _nearest(X[block], minus_twice, center_norms)
        weights = None if sample_weight is None else sample_weight[block]
        block_sums, block_counts = _cluster_sums(X[block], labels[block], n_clusters,
                                                 weights)
        sums += block_sums
        counts += block_counts
    return labels, sums, counts


def _cluster_sums(X, labels, n_clusters, sample_weight=None):
    # sum_n w_n [labels_n = k] x_n for every k: the weighted one-hot matrix,
    # hard clustering's resp (weighted as EM's), times X in one matrix
    # product; and its column sums, the counts. Built as the (K, N) indicator
    # so that one_hot.T is contiguous for the product and the sums.
    indicator = (np.arange(n_clusters)[:, np.newaxis] == labels).astype(float)
    one_hot = weigh(indicator.T, sample_weight)  # (N, K): w_n [labels_n = k]
    return one_hot.T @ X, one_hot.sum(axis=0)


def _relocate_empty(X, labels, centers, sums, counts, sample_weight=None):
    # An empty cluster (no weight) takes the point farthest from its own
    # centre (the farthest first), which leaves its old cluster; as in sklearn.
    empty = np.flatnonzero(counts == 0)
    if len(empty) == 0:
        return
    distances = ((X - centers[labels]) ** 2).sum(axis=1)
    if distances.max() == 0:
        return
    farthest = np.argpartition(distances, -len(empty))[:-len(empty) - 1:-1]
    for cluster, row in zip(empty, farthest):
        w = 1.0 if sample_weight is None else sample_weight[row]
        sums[labels[row]] -= X[row] * w
        counts[labels[row]] -= w
        sums[cluster], counts[cluster] = X[row] * w, w


def lloyd_step(X, centers, sample_weight=None):
    """One Lloyd iteration: label each row, move each centre to its points' mean.

    The labels are the nearest centres; each new centre is the (weighted)
    mean of the rows labelled with it. An empty cluster takes the row
    farthest from its centre, as in sklearn.

    Returns
    -------
    labels : ndarray of shape (n_samples,)
    new_centers : ndarray of shape (n_clusters, n_features)
    """
    labels, sums, counts = _label_and_sum(X, centers, sample_weight)
    _relocate_empty(X, labels, centers, sums, counts, sample_weight)
    filled = counts > 0
    sums[filled] *= 1.0 / counts[filled, np.newaxis]  # sklearn's x * (1 / n)
    sums[~filled] = sums[np.argmax(counts)]  # only when points coincide
    return labels, sums


def kmeans(X, n_clusters, random_state=None, max_iter=300, tol=1e-4, *,
           sample_weight=None, return_n_iter=False):
    """Lloyd's algorithm from a greedy k-means++ start (sklearn's ``KMeans``).

    Alternate: label every point with its nearest centre, move every centre
    to the mean of its points. Stop when no label changes, or when the
    centres moved (sum of squared shifts) by at most ``tol`` times the mean
    per-feature variance of X (sklearn's scale-free rule); then label the
    points once more so labels and centres agree.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_clusters : int
    random_state : int, numpy.random.RandomState or None, default=None
    max_iter : int, default=300
    tol : float, default=1e-4
    sample_weight : array-like of shape (n_samples,), optional
        How many times each row counts (>= 0): sklearn's
        ``KMeans.fit(X, sample_weight=...)``, same centres for the same seed.
    return_n_iter : bool, default=False
        Also return the number of Lloyd iterations (sklearn's ``n_iter_``).

    Returns
    -------
    labels : ndarray of shape (n_samples,)
    centers : ndarray of shape (n_clusters, n_features)
    n_iter : int
        Only with ``return_n_iter=True``.
    """
    X, random_state = _check_kmeans_args(X, n_clusters, random_state, max_iter, tol)
    sample_weight = check_sample_weight(sample_weight, X.shape[0], n_clusters)
    threshold = tol * X.var(axis=0).mean()
    shift = X.mean(axis=0)  # centred data: more accurate ||x||^2 - 2x.c + ||c||^2
    X = X - shift
    centers = X[kmeans_plusplus(X, n_clusters, random_state,
                                sample_weight=sample_weight)]
    labels, centers, n_iter = _lloyd(X, centers, max_iter, threshold, sample_weight)
    centers += shift
    return (labels, centers, n_iter) if return_n_iter else (labels, centers)


def _lloyd(X, centers, max_iter, threshold, sample_weight):
    # Lloyd's iterations from the seeded centres, with sklearn's two stops
    labels_old, converged_strictly = None, False
    for n_iter in range(1, max_iter + 1):
        labels, new_centers = lloyd_step(X, centers, sample_weight)
        moved = (np.sqrt(((new_centers - centers) ** 2).sum(axis=1)) ** 2).sum()
        centers = new_centers
        if labels_old is not None and np.array_equal(labels, labels_old):
            converged_strictly = True  # no label changed: a fixed point
            break
        if moved <= threshold:
            break
        labels_old = labels
    if not converged_strictly:
        labels = nearest_center(X, centers)
    return labels, centers, n_iter


def _check_kmeans_args(X, n_clusters, random_state, max_iter, tol):
    X = check_X(X)
    if isinstance(n_clusters, bool) or not isinstance(n_clusters, numbers.Integral) \
            or n_clusters < 1:
        raise ValueError(f"n_clusters must be a positive integer, got {n_clusters!r}.")
    if n_clusters > X.shape[0]:
        raise ValueError(
            f"n_clusters={n_clusters} is more than the {X.shape[0]} samples in X; "
            f"use n_clusters <= {X.shape[0]} or more data."
        )
    if isinstance(max_iter, bool) or not isinstance(max_iter, numbers.Integral) \
            or max_iter < 1:
        raise ValueError(f"max_iter must be a positive integer, got {max_iter!r}.")
    check_nonnegative(tol, "tol", "use e.g. tol=1e-4 (0 runs exactly max_iter iterations).")
    return X, check_random_state(random_state)
