"""mclust's default start: model-based hierarchical agglomeration ('VVV').

R's ``Mclust(X)`` does not start EM from random points or k-means. It first
builds one tree for the whole data set (Fraley 1998; Fraley & Raftery 2002):
every sample (or every group of identical samples) is a cluster, and the
two clusters whose merge loses the least *classification likelihood* of an
unconstrained ('VVV') Gaussian model are merged, again and again, down to
one cluster. Cutting the tree at G clusters gives the hard assignment that
EM starts from, for every model with G components.

The merge cost uses mclust's regularised cluster term (``hcVVV`` with
``alpha = beta = 1``): a cluster of ``n`` points with scatter matrix ``W``
costs

    t(n, W) = n log( det(W / n) [n > D] + (tr W + alpha) / n ),

``alpha`` being the mean variance of the data, and merging clusters a and b
costs ``t(a + b) - t(a) - t(b)``; the smallest cost wins. Every sample
starts as its own cluster and, like mclust
(``mclust.options("hcUse") == "SVD"``), the tree is built on the data
scaled and rotated onto its principal axes, each axis divided by the square
root of its singular value.

Introduced in lessons/08_mclust_models.ipynb.
"""

import numpy as np

__all__ = ["svd_transform", "hc_vvv", "hc_partitions", "hc_rows"]


def svd_transform(X):
    """mclust's ``hcUse = "SVD"`` view of the data, shape (n_samples, n_features).

    Each column standardised (R's ``scale``: standard deviation with
    ``n - 1``), rotated onto the right singular vectors and divided by the
    square root of each singular value.
    """
    Z = (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
    _, singular_values, vt = np.linalg.svd(Z, full_matrices=False)
    return Z @ vt.T / np.sqrt(singular_values)


def _cluster_term(n, scatter, alpha):
    # t(n, W) = n log(det(W/n) [n > D] + (tr W + alpha) / n), for a stack
    D = scatter.shape[-1]
    trace = np.trace(scatter, axis1=-2, axis2=-1)
    det = np.where(n > D, np.linalg.det(scatter / n[:, None, None]), 0.0)
    return n * np.log(np.maximum(det, 0.0) + (trace + alpha) / n)


def _merged(counts, means, scatter, a, others):
    # Pooled n, mean and scatter of cluster a with each cluster in `others`:
    # W = W_a + W_b + (n_a n_b / n) (m_a - m_b)(m_a - m_b)^T
    n = counts[a] + counts[others]
    diff = means[a] - means[others]
    shift = (counts[a] * counts[others] / n)[:, None, None] * diff[:, :, None] * diff[:, None, :]
    pooled_mean = (counts[a] * means[a] + counts[others, None] * means[others]) / n[:, None]
    return n, pooled_mean, scatter[a] + scatter[others] + shift


class _Tree:
    """Clusters in slots 0..size-1 and the cost of merging each pair.

    ``best[c]`` and ``best_row[c]`` keep the cheapest merge in column c
    (over rows r < c, the last of equal ones), so finding the cheapest pair
    reads one column of minima instead of the whole (size, size) matrix,
    and a merge refreshes only the columns whose entries it changed.
    """

    def __init__(self, Z):
        # every sample starts as its own cluster (as R's Mclust calls hcVVV)
        self.size = Z.shape[0]
        self.labels = np.arange(self.size)
        self.counts = np.ones(self.size)
        self.means = Z.copy()
        self.scatter = np.zeros((self.size, Z.shape[1], Z.shape[1]))
        # alpha: mclust's traceW(Z / sqrt(n D)), the mean variance per feature
        self.alpha = max(((Z - Z.mean(axis=0)) ** 2).sum() / Z.size, np.finfo(float).eps)
        self.term = _cluster_term(self.counts, self.scatter, self.alpha)
        self.cost = np.full((self.size, self.size), np.inf)
        for a in range(self.size - 1):
            self._update_costs(a, np.arange(a + 1, self.size))
        self.best, self.best_row = np.full(self.size, np.inf), np.zeros(self.size, int)
        self._refresh_columns(np.arange(1, self.size))

    def _update_costs(self, a, others):
        n, _, scatter = _merged(self.counts, self.means, self.scatter, a, others)
        pooled = _cluster_term(n, scatter, self.alpha)
        self.cost[a, others] = self.cost[others, a] = (
            pooled - self.term[a] - self.term[others])

    def _refresh_columns(self, columns):
        # the minimum over rows r < c of each column c, and its last row
        for c in columns:
            above = self.cost[:c, c]
            self.best_row[c] = c - 1 - int(np.argmin(above[::-1]))
            self.best[c] = above[self.best_row[c]]

    def cheapest_pair(self):
        """Slots (i, j), i < j, of the cheapest merge; ties as mclust breaks them."""
        # mclust scans j = 2..G, i = 1..j-1 and keeps the last minimum
        best = self.best[: self.size]
        j = self.size - 1 - int(np.argmin(best[::-1]))
        return int(self.best_row[j]), j

    def _changed(self, slot):
        # Columns after ``slot`` whose row ``slot`` changed: where it now beats
        # (or ties, from a later row) the minimum, take it; where it was the
        # minimum, look again at the whole column
        later = np.arange(slot + 1, self.size)
        value = self.cost[slot, later]
        better = (value < self.best[later]) | (
            (value == self.best[later]) & (slot > self.best_row[later]))
        self.best[later[better]], self.best_row[later[better]] = value[better], slot
        return later[(self.best_row[later] == slot) & ~better]

    def merge(self, i, j):
        """Pool cluster j into i, move the last slot into j, update costs."""
        n, mean, scatter = _merged(self.counts, self.means, self.scatter, i, np.array([j]))
        self.counts[i], self.means[i], self.scatter[i] = n[0], mean[0], scatter[0]
        self.term[i] = _cluster_term(n, scatter, self.alpha)[0]
        self.labels[self.labels == j] = i
        last = self.size - 1
        if j != last:
            self._move(last, j)
        self.cost[last, :] = self.cost[:, last] = np.inf
        self.size = last
        others = np.delete(np.arange(self.size), i)
        self._update_costs(i, others)
        # columns i and j (now the old last cluster) changed in every row;
        # the others in rows i and j only
        stale = [[i, j] if j < last else [i], self._changed(i)]
        if j < last:
            stale.append(self._changed(j))
        columns = np.unique(np.concatenate(stale))
        self._refresh_columns(columns[columns > 0])  # column 0 has no rows above

    def _move(self, source, target):
        for array in (self.counts, self.means, self.scatter, self.term):
            array[target] = array[source]
        self.cost[target, :] = self.cost[source, :]
        self.cost[:, target] = self.cost[:, source]
        self.cost[target, target] = np.inf
        self.labels[self.labels == source] = target


def hc_vvv(Z, n_clusters):
    """Cut mclust's 'VVV' agglomeration tree of ``Z`` at each number of clusters.

    Parameters
    ----------
    Z : ndarray of shape (n_samples, n_features)
        Usually :func:`svd_transform` of the data.
    n_clusters : iterable of int
        Where to cut; each at most n_samples.

    Returns
    -------
    dict
        ``{G: labels}``, labels an int ndarray of shape (n_samples,) with
        values 0..G-1.
    """
    wanted = sorted({int(g) for g in n_clusters}, reverse=True)
    tree, cuts = _Tree(Z), {}
    for g in wanted:
        if g > tree.size:
            raise ValueError(
                f"n_components={g} is more than the {tree.size} samples; "
                f"use n_components <= {tree.size}.")
        while tree.size > g:
            tree.merge(*tree.cheapest_pair())
        cuts[g] = np.unique(tree.labels, return_inverse=True)[1].ravel()
    return cuts


def hc_partitions(X, n_clusters):
    """mclust's starting partitions of X (hc 'VVV' on the SVD view), ``{G: labels}``."""
    return hc_vvv(svd_transform(np.asarray(X, dtype=float)), n_clusters)


def hc_rows(n_samples, size, random_state=0):
    """The rows mclust agglomerates: all, or a seeded random subset of ``size``.

    R's ``Mclust`` draws ``sample(n, mclust.options("subset"))`` (2000) when
    there are more points; the EM fits that start from its cuts use all of
    them. Same size and rule here, numpy's random numbers (not R's).

    Parameters
    ----------
    n_samples : int
    size : int or None
        None, or ``n_samples <= size``: every row.
    random_state : int

    Returns
    -------
    slice or ndarray of int
        ``slice(None)``, or ``size`` sorted distinct row indices.
    """
    if size is None or n_samples <= size:
        return slice(None)
    rng = np.random.RandomState(random_state)
    return np.sort(rng.choice(n_samples, size, replace=False))
