"""Lesson 10's exercise: spot a collapsing component.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ._harness import _array, _Hint, _run


def _rotated(variances, angle):
    c, s = np.cos(angle), np.sin(angle)
    R = np.array([[c, -s], [s, c]])
    return R @ np.diag(variances) @ R.T


def _collapse_cases():
    # Covariances (K, D, D) and a variance threshold. A thin, tilted ellipse has
    # a tiny eigenvalue but no tiny diagonal entry: only eigenvalues see it.
    thin_tilted = _rotated([1e-7, 2.0], np.pi / 4)
    cases = [
        ([np.eye(2), _rotated([1e-8, 1e-8], 0), _rotated([0.5, 3.0], 1.0)], 1e-4),
        ([_rotated([1.0, 2.0], 0.3), np.diag([3.0, 5e-5]), thin_tilted], 1e-4),
        ([np.eye(2) * 4, np.eye(2), _rotated([2e-4, 1.0], 0.0), thin_tilted], 1e-3),
        ([np.diag([1e-6, 1.0, 1.0]), np.eye(3)], 1e-4),
    ]
    result = []
    for covariances, threshold in cases:
        covariances = np.array(covariances)
        smallest = np.linalg.eigvalsh(covariances)[:, 0]
        result.append(((covariances, threshold), smallest < threshold))
    return result


def _compare_collapse(got, expected, args):
    covariances, threshold = args
    K = len(covariances)
    got_array = np.asarray(got)
    if got_array.dtype != bool:
        indices = got_array.ndim == 1 and got_array.dtype.kind in "iu"
        raise _Hint(("you returned positions; " if indices else "") + "return a "
                    "boolean mask, one True/False per component.")
    got_array = _array(got_array, (K,), "the mask", k_axis=0).astype(bool)
    if np.array_equal(got_array, expected):
        return
    diagonal = np.einsum("kii->ki", covariances).min(axis=1) < threshold
    largest = np.linalg.eigvalsh(covariances)[:, -1] < threshold
    determinant = np.linalg.det(covariances) < threshold
    if np.array_equal(got_array, diagonal):
        raise _Hint("you looked at the diagonal (the variances along the axes). A "
                    "thin, tilted ellipse has no small diagonal entry: use the "
                    "smallest eigenvalue, np.linalg.eigvalsh(cov)[0].")
    if np.array_equal(got_array, largest):
        raise _Hint("a component collapses when its SMALLEST variance, along some "
                    "direction, goes to 0: eigvalsh sorts ascending, take [0].")
    if np.array_equal(got_array, determinant):
        raise _Hint("the determinant mixes all directions (and depends on D and the "
                    "units): compare the smallest eigenvalue with the threshold.")
    k = int(np.argmax(got_array != expected))
    raise _Hint(f"component {k} has smallest eigenvalue "
                f"{np.linalg.eigvalsh(covariances[k])[0]:.3g}, threshold {threshold:g}; "
                f"you say {bool(got_array[k])}.")


def check_collapsed(fn):
    """Check ``fn(covariances, threshold)``: which components are collapsing.

    ``covariances`` has shape (n_components, n_features, n_features); the
    answer is a boolean array (n_components,), True where a component's
    smallest variance in any direction (smallest eigenvalue) is below
    ``threshold``. Prints the verdict; returns a :class:`Verdict`.
    """
    return _run(fn, _collapse_cases(), _compare_collapse, "fn(covariances, threshold)")
