"""How well a clustering agrees with known labels: the adjusted Rand index.

EM's components have no names: component 2 of a fit may be the group called
0 in the truth. So agreement is counted over *pairs* of points, which needs
no matching of names: a pair is together or apart in the truth, together or
apart in the clustering, and the Rand index is the share of pairs on which
the two agree. Random labels already agree on many pairs, so the adjusted
Rand index (Hubert & Arabie, 1985) subtracts what chance gives:

    ARI = (index - expected index) / (max index - expected index),

1 for the same partition (whatever the names), about 0 for random labels,
negative for less agreement than chance. Equal to scikit-learn's
``sklearn.metrics.adjusted_rand_score`` (tested).

Introduced in lessons/10_pitfalls.ipynb.
"""

import numpy as np

__all__ = ["adjusted_rand_score", "contingency_table"]


def _check_labels(labels_true, labels_pred):
    """Two 1-D label arrays of one length, else a sentence naming the fix."""
    arrays = []
    for name, labels in (("labels_true", labels_true), ("labels_pred", labels_pred)):
        labels = np.asarray(labels)
        if labels.ndim != 1:
            raise ValueError(f"{name} must be 1-D, one label per point, got shape "
                             f"{labels.shape}; for responsibilities use "
                             "resp.argmax(axis=1).")
        if labels.dtype.kind == "f" and not np.all(np.isfinite(labels)):
            raise ValueError(f"{name} contains NaN or infinite values; give every "
                             "point a label.")
        arrays.append(labels)
    if len(arrays[0]) != len(arrays[1]):
        raise ValueError(f"labels_true has {len(arrays[0])} labels but labels_pred "
                         f"has {len(arrays[1])}; give one label per point in both.")
    return arrays


def contingency_table(labels_true, labels_pred):
    """How many points of each true group fall in each cluster.

    Parameters
    ----------
    labels_true, labels_pred : array-like of shape (n_samples,)
        Any hashable labels (ints, strings).

    Returns
    -------
    table : ndarray of shape (n_classes, n_clusters), int
        ``table[i, j]`` points have true label ``classes[i]`` and cluster
        ``clusters[j]``.
    classes, clusters : ndarray
        The distinct labels of each side, sorted.
    """
    labels_true, labels_pred = _check_labels(labels_true, labels_pred)
    classes, true_index = np.unique(labels_true, return_inverse=True)
    clusters, pred_index = np.unique(labels_pred, return_inverse=True)
    cells = true_index.ravel() * len(clusters) + pred_index.ravel()
    table = np.bincount(cells, minlength=len(classes) * len(clusters))
    return table.reshape(len(classes), len(clusters)), classes, clusters


def adjusted_rand_score(labels_true, labels_pred):
    """The Rand index of two labelings, adjusted for chance.

    Parameters
    ----------
    labels_true, labels_pred : array-like of shape (n_samples,)

    Returns
    -------
    float
        1.0 for the same partition up to the names of the groups (and for
        fewer than two points); about 0.0 for independent labels; at least -0.5.
    """
    table = contingency_table(labels_true, labels_pred)[0].astype(np.int64)
    n = int(table.sum())
    # pairs together in both: sum_ij n_ij (n_ij - 1), counting ordered pairs
    sum_squares = int((table ** 2).sum())
    together_both = sum_squares - n
    # together in the clustering only, and in the truth only
    together_pred = int((table.sum(axis=0) ** 2).sum()) - sum_squares
    together_true = int((table.sum(axis=1) ** 2).sum()) - sum_squares
    apart_both = n * n - together_pred - together_true - sum_squares
    if together_pred == 0 and together_true == 0:
        return 1.0  # no pair on which they disagree (e.g. identical, or n < 2)
    # Hubert & Arabie's ARI, written in the four pair counts
    return 2.0 * (together_both * apart_both - together_true * together_pred) / (
        (together_both + together_true) * (together_true + apart_both)
        + (together_both + together_pred) * (together_pred + apart_both))
