"""Lesson 07's second exercise: counting a GMM's free parameters.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ..covariance import COVARIANCE_TYPES, n_parameters
from ._harness import _array, _Hint, _run


def _count_cases():
    # Every type, with K and D varied (K = 1 and D = 1 included)
    sizes = [(3, 2), (1, 4), (5, 1), (2, 6)]
    return [((K, D, cov_type), n_parameters(K, D, cov_type))
            for K, D in sizes for cov_type in COVARIANCE_TYPES]


def _covariance_count(K, D, cov_type):
    return {"full": K * D * (D + 1) // 2, "tied": D * (D + 1) // 2,
            "diag": K * D, "spherical": K}[cov_type]


def _count_mistakes(K, D, cov_type):
    means, weights, cov = K * D, K - 1, _covariance_count(K, D, cov_type)
    by_type = {
        "full": [(weights + means + K * D * D, "a symmetric D×D matrix has "
                  "D(D+1)/2 free entries, not D²: the entries below the diagonal "
                  "repeat those above."),
                 (weights + means + D * (D + 1) // 2, "'full' has one matrix per "
                  "component: K · D(D+1)/2.")],
        "tied": [(weights + means + K * D * (D + 1) // 2, "'tied' shares ONE matrix "
                  "among all components: D(D+1)/2, not K times that."),
                 (weights + means + D * D, "a symmetric D×D matrix has D(D+1)/2 free "
                  "entries, not D².")],
        "diag": [(weights + means + D, "'diag' has one variance per component AND "
                  "feature: K · D.")],
        "spherical": [(weights + means + K * D, "'spherical' has a single variance "
                       "per component: K, not K · D."),
                      (weights + means + 1, "'spherical' has one variance per "
                       "component (K of them), not one shared.")],
    }
    return [
        (weights + 1 + means + cov, "one too many: the K weights sum to 1, so only "
         "K − 1 of them are free."),
        (weights + means + cov - 1, "one too few: K − 1 weights, K · D mean "
         "coordinates, and the covariance entries."),
        (weights + cov, "the means are missing: K · D coordinates."),
        (means + cov, "the weights are missing: K − 1 of them are free."),
    ] + by_type[cov_type]


def _compare_count(got, expected, args):
    K, D, cov_type = args
    got = _array(got, (), "the count", {(1,): " — return a single number."})
    if got != np.round(got):
        raise _Hint(f"you return {float(got)}: a number of parameters is a whole number "
                    "(use // for D(D+1)/2).")
    if got == expected:
        return
    for wrong, hint in _count_mistakes(K, D, cov_type):
        if got == wrong:
            raise _Hint(f"for K={K}, D={D}, {cov_type!r}: {hint}")
    raise _Hint(f"for K={K}, D={D}, {cov_type!r} you return {int(got)}, expected "
                f"{expected}: K − 1 weights + K · D means + the covariance entries.")


def check_n_parameters(fn):
    """Check ``fn(n_components, n_features, covariance_type)``: the free parameters.

    For each of the four covariance types and several K and D, the answer
    is ``K − 1 + K D +`` the covariance entries. Prints the verdict; returns a
    :class:`Verdict`, true if all cases pass.
    """
    return _run(fn, _count_cases(), _compare_count,
                "fn(n_components, n_features, covariance_type)")
