"""Lesson 05's exercise: the K-Means objective (distortion) J.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ._harness import _array, _close, _first_match, _Hint, _run


def _distortion_cases():
    rng = np.random.RandomState(6)
    cases = []
    for n, K, D in [(40, 3, 2), (30, 2, 2), (50, 4, 3), (20, 1, 1)]:
        X = rng.normal(0, 2, size=(n, D))
        centers = rng.normal(0, 2, size=(K, D))
        labels = rng.randint(K, size=n)  # not the nearest centres: use these labels
        J = sum(np.sum((x - centers[k]) ** 2) for x, k in zip(X, labels))
        cases.append(((X, centers, labels), J))
    return cases


def _distortion_mistakes(X, centers, labels):
    squared = ((X - centers[labels]) ** 2).sum(axis=1)
    nearest = ((X[:, None, :] - centers) ** 2).sum(axis=2).min(axis=1)
    return [
        (squared.mean(), "that is the mean; J is the SUM over the points of the "
         "squared distances."),
        (np.sqrt(squared).sum(), "those are distances; J sums SQUARED distances "
         "‖xₙ − μₖ‖²."),
        (nearest.sum(), "you used each point's nearest centre; J uses the centre of "
         "the cluster `labels` assigns it to (they agree only once K-Means has "
         "converged)."),
        (((X - centers[labels]) ** 2).sum(axis=0).max(), "sum over the features too: "
         "‖xₙ − μₖ‖² adds the squares of every coordinate."),
    ]


def _compare_distortion(got, expected, args):
    got = _array(got, (), "J", {(len(args[0]),): " — sum over the points: J is one "
                                "number."})
    if not _close(got, expected):
        _first_match(got, _distortion_mistakes(*args))
        raise _Hint(f"you return {float(got):.6g}, expected {expected:.6g}: "
                    "J = Σₙ ‖xₙ − μ_{labels[n]}‖².")


def check_distortion(fn):
    """Check ``fn(X, centers, labels)``: the K-Means objective J.

    ``X`` (n_samples, n_features), ``centers`` (n_clusters, n_features),
    ``labels`` (n_samples,) of ints; the answer is ``sum_n ||x_n -
    centers[labels[n]]||^2``. Prints the verdict; returns a :class:`Verdict`.
    """
    return _run(fn, _distortion_cases(), _compare_distortion,
                "fn(X, centers, labels)")
