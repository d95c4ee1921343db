"""Lesson 06's exercise: keep the best of several EM runs.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ._harness import _Hint, _real_numbers, _run


def _best_run_cases():
    # Final mean log-likelihoods of n_init runs; a failed run is NaN (it
    # collapsed), so a plain argmax would pick it
    cases = [[-3.35, -2.766, -2.511, -2.6, -2.511],
             [-1.2, -0.9, float("nan"), -1.0],
             [4.2, 3.9, 4.25, 1.0, 4.1, 4.0, 2.2],  # positive: densities above 1
             [-10.0]]
    return [((np.array(c),), c) for c in cases]


def _position(got, lls):
    """got as a whole-number position, or a hint about what it is instead."""
    value, best = _real_numbers(got, "the position"), np.nanmax(lls)
    if value.shape != ():
        raise _Hint(f"return one position, a whole number; got shape {value.shape}.")
    if value == best and value != int(value):
        raise _Hint("you returned the best log-likelihood; return its position "
                    "(np.nanargmax), so that the run's parameters can be kept too.")
    if value != int(value):
        raise _Hint(f"a position is a whole number, got {float(value)}.")
    return int(value)


def _compare_best_run(got, values, args):
    lls = args[0]
    index, best, n = _position(got, lls), np.nanmax(lls), len(lls)
    off_by_one = _Hint("off by one: Python counts positions from 0, so the first run "
                       "is 0.")
    one_based = 0 < index <= n and lls[index - 1] == best
    if one_based and index == n:
        raise off_by_one
    if not 0 <= index < n:
        raise _Hint(f"position {index} is outside the {n} runs (positions 0 to "
                    f"{n - 1}; Python counts from 0).")
    if np.isnan(lls[index]):
        raise _Hint("you picked a run whose log-likelihood is NaN (a failed run): "
                    "np.argmax returns the position of a NaN; use np.nanargmax.")
    if lls[index] == best:
        return
    if lls[index] == np.nanmin(lls):
        raise _Hint("you picked the worst run: the log-likelihood is higher for "
                    "a better fit, so take the maximum (not the minimum, as for BIC).")
    if one_based:
        raise off_by_one
    raise _Hint(f"run {index} has {lls[index]}, but the best is {best}.")


def check_best_run(fn):
    """Check ``fn(log_likelihoods)``: the position of the best of n_init runs.

    ``log_likelihoods`` has shape (n_init,), each run's final mean
    log-likelihood (``lower_bound_``), NaN for a run that failed. The answer
    is the position of the highest. Prints the verdict; returns a
    :class:`Verdict`.
    """
    return _run(fn, _best_run_cases(), _compare_best_run, "fn(log_likelihoods)")
