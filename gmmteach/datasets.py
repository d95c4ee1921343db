"""Small data sets for the lessons: two shipped classics and seeded generators.

Nothing is fetched from the network: Old Faithful and Iris ship inside the
package (provenance in ``gmmteach/data/README.md``) and the synthetic sets
are drawn from a seeded ``numpy.random.RandomState``, so every lesson gives
the same numbers on every machine.

Introduced in lessons/00_start_here.ipynb.
"""

import csv
from importlib import resources

import numpy as np

__all__ = [
    "load_old_faithful",
    "load_iris",
    "make_blobs",
    "make_anisotropic_blobs",
    "make_moons",
    "make_1d_mixture",
    "standardize",
    "DATASETS",
    "load_dataset",
]


def _read_csv(name):
    with resources.files("gmmteach.data").joinpath(name).open() as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def load_old_faithful(standardized=False):
    """Old Faithful eruptions: 272 x 2, duration and waiting time in minutes.

    Parameters
    ----------
    standardized : bool, default=False
        Centre each column and scale it to unit variance, as Bishop's PRML
        Fig. 9.8 does.

    Returns
    -------
    X : ndarray of shape (272, 2)
        Columns ``eruptions`` and ``waiting``.
    """
    _, rows = _read_csv("old_faithful.csv")
    X = np.array(rows, dtype=float)
    return standardize(X) if standardized else X


def load_iris():
    """Fisher's Iris: 150 x 4 measurements (cm) and the species of each flower.

    Returns
    -------
    X : ndarray of shape (150, 4)
        Sepal length, sepal width, petal length, petal width.
    species : ndarray of shape (150,)
        'setosa', 'versicolor' or 'virginica'.
    feature_names : list of str
    """
    header, rows = _read_csv("iris.csv")
    X = np.array([row[:4] for row in rows], dtype=float)
    return X, np.array([row[4] for row in rows]), header[:4]


def standardize(X):
    """Each column centred and divided by its standard deviation."""
    X = np.asarray(X, dtype=float)
    return (X - X.mean(axis=0)) / X.std(axis=0)


def make_blobs(n_samples=500, centers=3, cluster_std=1.0, random_state=0):
    """Round Gaussian blobs around seeded centres.

    Parameters
    ----------
    n_samples : int, default=500
    centers : int or ndarray of shape (n_centers, n_features), default=3
        A number draws that many 2-D centres uniformly in [-10, 10]^2.
    cluster_std : float, default=1.0
    random_state : int, default=0

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
        The blob each point was drawn from.
    """
    rng = np.random.RandomState(random_state)
    if np.isscalar(centers):
        centers = rng.uniform(-10, 10, size=(int(centers), 2))
    centers = np.asarray(centers, dtype=float)
    y = np.arange(n_samples) % len(centers)
    X = centers[y] + cluster_std * rng.standard_normal((n_samples, centers.shape[1]))
    return X, y


def make_anisotropic_blobs(n_samples=500, random_state=0):
    """Three blobs sheared by one linear map: elongated, tilted clusters.

    The classic case where K-means (round clusters) fails and a full-covariance
    GMM succeeds.
    """
    X, y = make_blobs(n_samples, centers=[[-4, -2], [0, 2], [4, -1]],
                      random_state=random_state)
    shear = np.array([[0.6, -0.64], [-0.4, 0.85]])
    return X @ shear, y


def make_moons(n_samples=500, noise=0.08, random_state=0):
    """Two interleaving half circles: clusters that are not Gaussian at all."""
    rng = np.random.RandomState(random_state)
    n_upper = n_samples // 2
    t_upper = np.linspace(0, np.pi, n_upper)
    t_lower = np.linspace(0, np.pi, n_samples - n_upper)
    upper = np.c_[np.cos(t_upper), np.sin(t_upper)]
    lower = np.c_[1 - np.cos(t_lower), 0.5 - np.sin(t_lower)]
    X = np.vstack([upper, lower]) + noise * rng.standard_normal((n_samples, 2))
    y = np.r_[np.zeros(n_upper, int), np.ones(n_samples - n_upper, int)]
    return X, y


def make_1d_mixture(n_samples=500, weights=(0.3, 0.7), means=(-2.0, 1.5),
                    stds=(0.6, 1.0), random_state=0):
    """Samples from a 1-D Gaussian mixture, by the generative story.

    First pick a component k with probability ``weights[k]``, then draw
    x ~ N(means[k], stds[k]^2).

    Returns
    -------
    X : ndarray of shape (n_samples, 1)
    y : ndarray of shape (n_samples,)
        The component each sample came from.
    """
    rng = np.random.RandomState(random_state)
    weights = np.asarray(weights, dtype=float)
    y = rng.choice(len(weights), size=n_samples, p=weights / weights.sum())
    x = np.asarray(means)[y] + np.asarray(stds)[y] * rng.standard_normal(n_samples)
    return x[:, np.newaxis], y


def _blobs():
    return make_blobs(500, centers=[[-3, -2], [0, 3], [3, -1]], random_state=0)[0]


DATASETS = {
    "blobs": _blobs,
    "anisotropic": lambda: make_anisotropic_blobs(500)[0],
    "old faithful": lambda: load_old_faithful(standardized=True),
    "moons": lambda: make_moons(500)[0],
    "iris": lambda: load_iris()[0],
}

# Axis labels for the data sets whose features have names.
FEATURE_NAMES = {
    "old faithful": ["eruption duration (standardised)", "waiting time (standardised)"],
    "iris": ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"],
}


def feature_names(name, n_features):
    """Names of the features of data set ``name``; 'feature 0', ... if it has none."""
    return FEATURE_NAMES.get(name, [f"feature {d}" for d in range(n_features)])


def load_dataset(name):
    """One of :data:`DATASETS` by name, as an (n_samples, n_features) array."""
    if name not in DATASETS:
        raise ValueError(
            f"Unknown data set {name!r}; choose one of {', '.join(map(repr, DATASETS))}."
        )
    return DATASETS[name]()
