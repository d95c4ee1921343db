"""Lesson 12's exercise: ICL from BIC and the responsibilities.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ._harness import _array, _close, _finite, _first_match, _Hint, _run


def _map_penalty(resp):
    # -2 sum_n log r_n,map(n): each unsure point adds -2 log(max_k r_nk) > 0
    return -2 * np.sum(np.log(resp.max(axis=1)))


def _entropy(resp):
    return -np.sum(resp * np.log(np.where(resp > 0, resp, 1.0)))


def _icl_cases():
    """Sure and unsure points, two to five components, a point exactly split."""
    rng = np.random.default_rng(12)
    specs = [(1022.6, rng.dirichlet([0.3, 0.3], size=40)),
             (-350.2, rng.dirichlet([1.0, 1.0, 1.0], size=25)),
             (5000.0, rng.dirichlet([0.1] * 5, size=60)),
             (12.5, np.array([[0.5, 0.5], [0.9, 0.1], [0.2, 0.8], [1.0, 0.0]]))]
    return [((bic, resp), bic + _map_penalty(resp)) for bic, resp in specs]


def _icl_mistakes(bic, resp):
    penalty = _map_penalty(resp)
    return [
        (bic - penalty, "ICL is BIC plus a penalty (sklearn's sign, lower is better): "
         "each unsure point makes ICL worse, so add −2 Σ log r, which is ≥ 0."),
        (-(bic + penalty), "that is mclust's sign (higher is better); return sklearn's: "
         "BIC − 2 Σₙ log rₙ,map(n)."),
        (bic + penalty / 2, "the penalty is −2 Σₙ log rₙ,map(n): you forgot the 2."),
        (bic + 2 * _entropy(resp), "that is BIC plus twice the entropy −Σₙₖ rₙₖ log rₙₖ, "
         "a close cousin; ICL uses only each point's largest responsibility, "
         "resp.max(axis=1)."),
        (bic + _entropy(resp), "that is BIC plus the entropy; ICL adds −2 Σₙ log of each "
         "point's LARGEST responsibility, resp.max(axis=1)."),
        (bic - 2 * np.sum(np.log(resp.min(axis=1) + 0.0)), "use each point's largest "
         "responsibility (its MAP component), resp.max(axis=1), not the smallest."),
        (bic - 2 * np.sum(np.log10(resp.max(axis=1))), "use the natural logarithm, np.log."),
        (bic - 2 * np.mean(np.log(resp.max(axis=1))), "sum over the points, not the "
         "mean: ICL, like BIC, counts every point."),
    ]


def _compare_icl(got, expected, args):
    got = _array(got, (), "the ICL", {(1,): " — return a single number."})
    _finite(got, "the ICL")
    if not _close(got, expected):
        with np.errstate(divide="ignore"):
            _first_match(got, _icl_mistakes(*args))
        bic, resp = args
        raise _Hint(f"for bic={bic} and resp of shape {resp.shape} you return "
                    f"{float(got):.4f}, expected {expected:.4f} "
                    "(BIC − 2 Σₙ log maxₖ rₙₖ).")


def check_icl(fn):
    """Check ``fn(bic, resp)``: ICL in sklearn's sign from BIC and responsibilities.

    ``bic`` is a model's BIC (sklearn's sign, lower is better) and ``resp``
    its responsibilities, shape (n_samples, n_components); the answer is
    ``bic - 2 sum_n log max_k r_nk``. Prints the verdict; returns True if all
    pass.
    """
    return _run(fn, _icl_cases(), _compare_icl, "fn(bic, resp)")
