"""K-means (Lloyd's algorithm) with k-means++ seeding, small and readable.

Used to initialise EM (``init_params='kmeans'``) and to compare hard and
soft clustering. K-means is the limit of EM for a mixture with equal weights
and a shared spherical covariance ``sigma^2 I`` as ``sigma -> 0``: the
responsibilities become 0/1 (nearest centre) and the M-step becomes the mean
of the assigned points.

Introduced in lessons/05_gmm_vs_kmeans.ipynb.
"""

import numpy as np

__all__ = ["kmeans_plusplus", "kmeans", "squared_distances"]


def squared_distances(X, centers):
    """``||x_n - c_k||^2`` for every sample and centre, shape (n_samples, n_centers)."""
    return ((X[:, np.newaxis, :] - centers[np.newaxis, :, :]) ** 2).sum(axis=2)


def kmeans_plusplus(X, n_clusters, random_state):
    """Pick ``n_clusters`` rows of X, each new one with probability ~ D(x)^2.

    D(x) is the distance to the nearest centre already chosen, so new centres
    tend to land far from the old ones (Arthur & Vassilvitskii, 2007).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    n_clusters : int
    random_state : numpy.random.RandomState

    Returns
    -------
    indices : ndarray of shape (n_clusters,)
        Row numbers of the chosen centres.
    """
    n_samples = X.shape[0]
    indices = [random_state.randint(n_samples)]
    closest = squared_distances(X, X[indices]).min(axis=1)
    for _ in range(1, n_clusters):
        total = closest.sum()
        if total > 0:
            new = random_state.choice(n_samples, p=closest / total)
        else:  # every point coincides with a centre: pick any unused row
            new = random_state.choice(np.setdiff1d(np.arange(n_samples), indices))
        indices.append(new)
        closest = np.minimum(closest, squared_distances(X, X[[new]])[:, 0])
    return np.array(indices)


def kmeans(X, n_clusters, random_state, max_iter=300, tol=1e-4):
    """Lloyd's algorithm from a k-means++ start.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    n_clusters : int
    random_state : numpy.random.RandomState
    max_iter : int, default=300
    tol : float, default=1e-4
        Stop when the centres move by less than ``tol`` times the mean
        per-feature variance of X (sklearn's scale-free rule).

    Returns
    -------
    labels : ndarray of shape (n_samples,)
    centers : ndarray of shape (n_clusters, n_features)
    """
    centers = X[kmeans_plusplus(X, n_clusters, random_state)]
    threshold = tol * X.var(axis=0).mean()
    for _ in range(max_iter):
        labels = squared_distances(X, centers).argmin(axis=1)
        new_centers = np.array([
            X[labels == k].mean(axis=0) if np.any(labels == k) else centers[k]
            for k in range(n_clusters)
        ])
        shift = ((new_centers - centers) ** 2).sum()
        centers = new_centers
        if shift <= threshold:
            break
    return squared_distances(X, centers).argmin(axis=1), centers
