"""Merging components into clusters: Baudry et al. (2010), mclust's ``clustCombi``.

BIC chooses the number of Gaussians that best describes the *density*; a
cluster that is not Gaussian (a banana, a moon) then takes several of them.
Baudry, Raftery, Celeux, Lo & Gottardo (2010) keep that density and merge
its components into clusters instead: merging components j and k of a fit
gives a cluster whose responsibility is the sum ``t_n = r_nj + r_nk`` (the
probability that x_n came from j or from k). Among all pairs, merge the one
that lowers the **entropy** of the responsibilities most,

    ENT = - sum_n sum_k r_nk log r_nk         (0 log 0 = 0),

i.e. the pair whose points were the least sure which of the two they belong
to. Repeating from K components down to one gives a hierarchy of
clusterings, each with its entropy. Merging two components that share their
points (overlapping Gaussians in one cluster) removes much entropy; merging
two separate clusters removes almost none: the number of clusters is read
off the entropy removed by each merge (mclust's ``entPlot``), where the next
merge would remove little.

The density, and so the log-likelihood and BIC, never changes: only the
grouping of components into clusters does.

Introduced in lessons/12_can_i_trust_this_fit.ipynb.
"""

from dataclasses import dataclass

import numpy as np

from ._checks import check_soft_assignments

__all__ = ["CombineStep", "combine_components", "entropy", "merge_gains"]


def _xlogx(r):
    # r log r with the limit 0 log 0 = 0
    return r * np.log(np.where(r > 0, r, 1.0))


def entropy(resp):
    """Entropy of soft assignments, ``-sum_nk r_nk log r_nk`` (nats).

    Parameters
    ----------
    resp : ndarray of shape (n_samples, n_clusters)
        Rows sum to one.

    Returns
    -------
    float
        0 when every point is sure of its cluster; ``N log K`` at most.
    """
    resp = check_soft_assignments(resp, "resp")
    return float(-_xlogx(resp).sum())


def merge_gains(resp):
    """How much the entropy falls when each pair of columns is merged.

    Parameters
    ----------
    resp : ndarray of shape (n_samples, n_clusters)

    Returns
    -------
    gains : ndarray of shape (n_clusters, n_clusters)
        ``gains[j, k]`` for ``j < k`` is
        ``sum_n xlog(r_nj + r_nk) - xlog(r_nj) - xlog(r_nk) >= 0``; the other
        entries are ``-inf``.
    """
    return _merge_gains(check_soft_assignments(resp, "resp"))


def _merge_gains(resp):
    own = _xlogx(resp).sum(axis=0)  # (K,)
    together = _xlogx(resp[:, :, None] + resp[:, None, :]).sum(axis=0)  # (K, K)
    gains = together - own[:, None] - own[None, :]
    return np.where(np.triu(np.ones_like(gains, dtype=bool), k=1), gains, -np.inf)


def _merge(resp, j, k):
    # column j becomes r_j + r_k, column k goes (j < k), the others keep order
    merged = np.delete(resp, k, axis=1)
    merged[:, j] += resp[:, k]
    return merged


@dataclass(frozen=True, eq=False)
class CombineStep:
    """One level of the merging hierarchy.

    Attributes
    ----------
    n_clusters : int
    resp : ndarray of shape (n_samples, n_clusters)
        The clusters' responsibilities (sums of the components').
    entropy : float
        :func:`entropy` of ``resp``.
    groups : tuple of tuples of int
        For each cluster, the original components it is made of.
    merged : tuple of int or None
        The pair of clusters (numbered as at the level above) merged to make
        this level; None for the first level (the fit itself).
    """

    n_clusters: int
    resp: np.ndarray
    entropy: float
    groups: tuple
    merged: tuple = None

    @property
    def labels(self):
        """Hard clusters, ``argmax`` of ``resp``: shape (n_samples,)."""
        return np.argmax(self.resp, axis=1)


def combine_components(resp):
    """The merging hierarchy from K components down to one cluster.

    R's ``clustCombi(Mclust(X))``: at each level the pair with the largest
    :func:`merge_gains` is merged (the first such pair in R's column order
    on ties), and the merged column takes the smaller number.

    Parameters
    ----------
    resp : ndarray of shape (n_samples, n_components)
        A fitted mixture's responsibilities, ``model.predict_proba(X)``.

    Returns
    -------
    list of CombineStep
        ``steps[0]`` is the fit itself (``n_components`` clusters) and
        ``steps[-1]`` one cluster; ``steps[i].n_clusters == K - i``.
    """
    resp = check_soft_assignments(resp, "resp")
    groups = tuple((k,) for k in range(resp.shape[1]))
    steps = [CombineStep(len(groups), resp, entropy(resp), groups)]
    while resp.shape[1] > 1:
        gains = _merge_gains(resp)
        # R's which(dEnt == max(dEnt))[1] scans column by column
        k, j = np.unravel_index(np.argmax(gains.T), gains.shape)
        resp = _merge(resp, j, k)
        groups = groups[:j] + (groups[j] + groups[k],) + groups[j + 1:k] + groups[k + 1:]
        steps.append(CombineStep(len(groups), resp, entropy(resp), groups, (j, k)))
    return steps
