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

from ._checks import check_array, check_bool, check_int, check_real, check_seed, check_X
from ._checks import did_you_mean

# The generators refuse more points than this (a typo such as 10**9 would
# fill the memory before any message).
MAX_SAMPLES = 10**6

__all__ = [
    "load_old_faithful",
    "load_iris",
    "make_blobs",
    "make_anisotropic_blobs",
    "make_moons",
    "make_1d_mixture",
    "make_overlapping_blobs",
    "make_unequal_blobs",
    "make_ring",
    "make_blobs_with_noise",
    "make_far_outlier",
    "standardize",
    "DATASETS",
    "SCENARIOS",
    "load_dataset",
    "load_labels",
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
    standardized = check_bool(standardized, "standardized")
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
    X = check_X(X)
    std = X.std(axis=0)
    if np.any(std == 0):
        raise ValueError(f"X has a constant column ({int(np.argmin(std))}), whose "
                         "standard deviation is 0; drop it before standardising.")
    return (X - X.mean(axis=0)) / std


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
    n_samples, rng = _n_samples(n_samples), np.random.RandomState(check_seed(random_state))
    cluster_std = check_real(cluster_std, "cluster_std", minimum=0)
    if np.isscalar(centers):
        centers = rng.uniform(-10, 10, size=(check_int(centers, "centers", 1), 2))
    centers = check_array(centers, "centers", ndim=2, hint="e.g. centers=[[0, 0], [3, 3]].")
    y = np.arange(n_samples) % len(centers)
    X = centers[y] + cluster_std * rng.standard_normal((n_samples, centers.shape[1]))
    return X, y


def _n_samples(n_samples):
    return check_int(n_samples, "n_samples", 1, MAX_SAMPLES,
                     "a data set for a lesson has between 1 and a million points.")


def _three(sizes):
    if isinstance(sizes, str) or not hasattr(sizes, "__len__") or len(sizes) != 3:
        raise TypeError(f"sizes must be three counts, one per blob, e.g. (350, 120, "
                        f"30); got {sizes!r}.")
    return sizes


def _mixture_1d(weights, means, stds):
    """The three per-component arrays of make_1d_mixture, checked."""
    hint = "one value per component, e.g. weights=(0.3, 0.7)."
    weights = check_array(weights, "weights", ndim=1, nonnegative=True, hint=hint)
    if weights.sum() == 0:
        raise ValueError("weights are all 0; give at least one component weight > 0.")
    means = check_array(means, "means", ndim=1, length=len(weights), hint=hint)
    stds = check_array(stds, "stds", ndim=1, length=len(weights), nonnegative=True,
                       hint=hint)
    return weights, means, stds


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
    n_samples, rng = _n_samples(n_samples), np.random.RandomState(check_seed(random_state))
    noise = check_real(noise, "noise", minimum=0)
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
    n_samples, rng = _n_samples(n_samples), np.random.RandomState(check_seed(random_state))
    weights, means, stds = _mixture_1d(weights, means, stds)
    y = rng.choice(len(weights), size=n_samples, p=weights / weights.sum())
    x = np.asarray(means)[y] + np.asarray(stds)[y] * rng.standard_normal(n_samples)
    return x[:, np.newaxis], y


# -- scenarios: generated data with known labels, one EM lesson each ---------------
# Each returns (X, y) from a fixed seed: 500 points (or as stated), two
# features, and the label of the group each point was drawn from.

def _blobs(n_samples=500, random_state=0):
    """Three round, well separated blobs (the explorer's default data)."""
    return make_blobs(n_samples, centers=[[-3, -2], [0, 3], [3, -1]],
                      random_state=random_state)


def make_overlapping_blobs(n_samples=500, random_state=0):
    """Three round blobs whose centres are closer than two standard deviations.

    Many points are ambiguous: their responsibilities stay split, and even the
    true model cannot label them all right.
    """
    return make_blobs(n_samples, centers=[[-1.5, 0], [1.5, 0], [0, 2.2]],
                      cluster_std=1.2, random_state=random_state)


def make_unequal_blobs(sizes=(350, 120, 30), random_state=0):
    """Blobs of very different sizes and spreads: weights far from 1/K.

    Returns
    -------
    X : ndarray of shape (sum(sizes), 2)
    y : ndarray of shape (sum(sizes),)
        ``k`` for the points of ``sizes[k]``.
    """
    rng = np.random.RandomState(check_seed(random_state))
    sizes = [check_int(n, "sizes", 0) for n in _three(sizes)]
    centres = np.array([[-3.0, 0.0], [3.0, 2.0], [2.5, -3.0]])
    stds = np.array([1.5, 0.8, 0.4])
    y = np.repeat(np.arange(len(sizes)), sizes)
    X = centres[y] + stds[y, np.newaxis] * rng.standard_normal((len(y), 2))
    return X, y


def make_ring(n_samples=500, radius=4.0, noise=0.3, random_state=0):
    """A ring (label 0, four fifths of the points) around a round blob (label 1).

    No Gaussian is ring-shaped: EM covers the ring with several components.
    """
    n_samples, rng = _n_samples(n_samples), np.random.RandomState(check_seed(random_state))
    radius = check_real(radius, "radius", minimum=0)
    noise = check_real(noise, "noise", minimum=0)
    n_ring = 4 * n_samples // 5
    angle = rng.uniform(0, 2 * np.pi, n_ring)
    ring = (radius + noise * rng.standard_normal(n_ring))[:, np.newaxis] * np.c_[
        np.cos(angle), np.sin(angle)]
    centre = 0.7 * rng.standard_normal((n_samples - n_ring, 2))
    y = np.r_[np.zeros(n_ring, int), np.ones(n_samples - n_ring, int)]
    return np.vstack([ring, centre]), y


def make_blobs_with_noise(n_samples=500, noise_fraction=0.05, random_state=0):
    """The three blobs with a fraction of their points replaced by uniform noise.

    The noise points (label 3) are spread uniformly over the blobs' bounding
    box widened by half its size on every side.
    """
    noise_fraction = check_real(noise_fraction, "noise_fraction", 0, 1)
    X, y = _blobs(n_samples, random_state)
    rng = np.random.RandomState(random_state + 1)
    n_noise = int(round(noise_fraction * n_samples))
    low, high = X.min(axis=0), X.max(axis=0)
    pad = 0.5 * (high - low)
    noise = rng.uniform(low - pad, high + pad, size=(n_noise, 2))
    return np.vstack([X[:n_samples - n_noise], noise]), np.r_[
        y[:n_samples - n_noise], np.full(n_noise, 3)]


def make_far_outlier(n_samples=500, distance=25.0, random_state=0):
    """The three blobs, one point of which (the last, label 3) sits far away.

    At ``(distance, distance)``: a component can shrink onto it alone.
    """
    distance = check_real(distance, "distance", minimum=0)
    X, y = _blobs(n_samples, random_state)
    X[-1], y[-1] = distance, 3
    return X, y


def _iris_labels():
    species = load_iris()[1]
    return np.unique(species, return_inverse=True)[1]


# name: () -> (X, y). The names are what the explorer's ``data`` lists.
SCENARIOS = {
    "blobs": _blobs,  # separated blobs
    "overlapping blobs": make_overlapping_blobs,
    "anisotropic": lambda: make_anisotropic_blobs(500),  # sheared blobs
    "unequal sizes": make_unequal_blobs,
    "ring": make_ring,
    "moons": lambda: make_moons(500),  # two moons
    "blobs plus noise": make_blobs_with_noise,
    "one far outlier": make_far_outlier,
}

DATASETS = {
    **{name: (lambda make=make: make()[0]) for name, make in SCENARIOS.items()},
    "old faithful": lambda: load_old_faithful(standardized=True),
    "iris": lambda: load_iris()[0],
}

# The labels known for a data set: the scenarios' groups and Iris's species.
LABELS = {
    **{name: (lambda make=make: make()[1]) for name, make in SCENARIOS.items()},
    "iris": _iris_labels,
}

# Axis labels for the data sets whose features have names.
FEATURE_NAMES = {
    "old faithful": ["eruption duration (standardised)", "waiting time (standardised)"],
    "iris": ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"],
}


def feature_names(name, n_features):
    """Names of the features of data set ``name``; 'feature 0', ... if it has none."""
    return FEATURE_NAMES.get(name, [f"feature {d}" for d in range(n_features)])


def _check_name(name):
    if isinstance(name, str) and name in DATASETS:
        return name
    raise ValueError(f"Unknown data set {name!r}: name must be one of "
                     f"{', '.join(map(repr, DATASETS))}.{did_you_mean(name, DATASETS)}")


def load_dataset(name):
    """One of :data:`DATASETS` by name, as an (n_samples, n_features) array."""
    return DATASETS[_check_name(name)]()


def load_labels(name):
    """The true labels of data set ``name``, or None where none are known.

    Returns
    -------
    ndarray of shape (n_samples,) of int, or None
        The group each point of a scenario was drawn from (noise and the far
        outlier have a label of their own), or Iris's species as 0, 1, 2;
        None for Old Faithful.
    """
    loader = LABELS.get(_check_name(name))
    return None if loader is None else loader()
