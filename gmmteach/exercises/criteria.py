"""Lesson 07's exercise: the BIC.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ._harness import _array, _close, _finite, _first_match, _Hint, _run


def _bic_cases():
    specs = [(-512.3, 11, 272), (-150.2, 5, 100), (-1234.5, 59, 150), (42.0, 3, 1000)]
    return [((ll, p, n), -2 * ll + p * np.log(n)) for ll, p, n in specs]


def _bic_mistakes(ll, p, n):
    return [
        (2 * ll - p * np.log(n), "the sign is flipped: sklearn's BIC is "
         "-2 log L + p log N, lower is better (mclust reports the negative)."),
        (-2 * ll + 2 * p, "that is AIC; BIC's penalty is p · log N."),
        (-2 * ll + p * np.log10(n), "use the natural logarithm, np.log."),
        (-2 * ll + p * np.log2(n), "use the natural logarithm, np.log."),
        (-ll + p * np.log(n), "the log-likelihood is multiplied by -2."),
        (-2 * ll + 0.5 * p * np.log(n), "the penalty is p · log N, without ½."),
        (-2 * ll + p * n, "the penalty is p · log N, not p · N."),
        (-2 * ll * n + p * np.log(n), "log_likelihood is already the total over all "
         "samples: do not multiply it by n_samples."),
        (-2 * ll / n + p * np.log(n), "you used the mean log-likelihood per sample "
         "(log_likelihood / n_samples); BIC uses the total log L, as given."),
    ]


def _compare_bic(got, expected, args):
    got = _array(got, (), "the BIC", {(1,): " — return a single number."})
    _finite(got, "the BIC")
    if not _close(got, expected):
        _first_match(got, _bic_mistakes(*args))
        ll, p, n = args
        raise _Hint(f"for log_likelihood={ll}, n_parameters={p}, n_samples={n} you "
                    f"return {float(got):.4f}, expected {expected:.4f} "
                    "(-2 log L + p log N).")


def check_bic(fn):
    """Check ``fn(log_likelihood, n_parameters, n_samples)``: sklearn's BIC.

    ``log_likelihood`` is the total over the samples; the answer is
    ``-2 log L + p log N`` (lower is better). Prints the verdict; returns True
    if all pass.
    """
    return _run(fn, _bic_cases(), _compare_bic,
                "fn(log_likelihood, n_parameters, n_samples)")
