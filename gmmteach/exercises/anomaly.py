"""Lesson 09's exercise: an anomaly threshold from a percentile of log-densities.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ._harness import _array, _Hint, _run


def _anomaly_cases():
    rng = np.random.RandomState(7)
    cases = []
    # n * percent / 100 is a whole number, so every sensible rule (percentile,
    # sorting) flags exactly that many points
    for n, percent in [(200, 5), (1000, 2), (500, 10), (300, 1)]:
        scores = -1.0 - rng.gamma(2.0, 1.5, size=n)
        cases.append(((scores, percent), scores < np.percentile(scores, percent)))
    return cases


def _compare_anomaly(got, expected, args):
    scores, percent = args
    n, wanted = len(scores), int(expected.sum())
    got_array = np.asarray(got)
    if got_array.dtype != bool:
        indices = got_array.ndim == 1 and len(got_array) == wanted
        raise _Hint(("you returned indices; " if indices else "") + "return a boolean "
                    "mask with one True/False per score, e.g. `scores < threshold`.")
    got_array = _array(got_array, expected.shape, "the mask").astype(bool)
    if np.array_equal(got_array, scores > np.percentile(scores, 100 - percent)):
        raise _Hint("you flagged the highest scores; anomalies are the least "
                    "likely points, with the lowest scores.")
    if np.array_equal(got_array, scores < np.percentile(scores, 100 - percent)):
        raise _Hint(f"you used the {100 - percent}th percentile, (100 − percent): "
                    "np.percentile(scores, q) is the score that q% of the scores fall "
                    f"below, so the lowest {percent}% are those below "
                    "np.percentile(scores, percent).")
    if got_array.sum() != wanted:
        raise _Hint(f"you flagged {got_array.sum()} of {n} points, expected {wanted} "
                    f"({percent}% of {n}); percent is in percent (5 means 5%), as is "
                    "np.percentile's q.")
    if not np.array_equal(got_array, expected):
        raise _Hint(f"you flagged {wanted} points, the right number, but not the "
                    f"{wanted} lowest scores.")


def check_anomaly_threshold(fn):
    """Check ``fn(scores, percent)``: a mask of the ``percent``% lowest scores.

    ``scores`` has shape (n_samples,) (e.g. ``score_samples``), ``percent`` is
    a number such as 5; the answer is a boolean array of shape (n_samples,),
    True for the anomalies. Prints the verdict; returns True if all pass.
    """
    return _run(fn, _anomaly_cases(), _compare_anomaly, "fn(scores, percent)")
