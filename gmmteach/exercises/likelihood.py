"""Lesson 03's exercise: the mean log-likelihood, computed with log-sum-exp.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ..em import e_step
from ..params import make_params
from ._harness import _array, _close, _first_match, _Hint, _run
from .expectation import _random_covariances, _resp


def _log_likelihood_cases():
    rng = np.random.RandomState(4)
    cases = []
    for n, K, D, far in [(30, 2, 2, False), (40, 3, 2, True), (25, 4, 1, False),
                         (20, 2, 3, True)]:
        weights = rng.dirichlet(np.full(K, 3.0))
        means = rng.normal(0, 1.5, size=(K, D))
        covariances = _random_covariances(rng, K, D)
        X = means[rng.randint(K, size=n)] + rng.normal(size=(n, D))
        if far:  # 80 units from every mean: each density is exp(-thousands) = 0.0
            X[-2:] = means.mean(axis=0) + 80.0
        params = make_params(weights, means, "full", covariances=covariances)
        cases.append(((X, weights, means, covariances), e_step(X, params)[1].mean()))
    return cases


def _naive_terms(X, weights, means, covariances):
    """pi_k N(x_n | mu_k, Sigma_k), computed directly (underflows far away)."""
    return _resp(X, weights, means, covariances, normalise=False)


def _log_likelihood_mistakes(X, weights, means, covariances):
    per_sample = np.log(_naive_terms(X, weights, means, covariances).sum(axis=1))
    reference = e_step(X, make_params(weights, means, "full",
                                      covariances=covariances))[1]
    log_terms = np.log(_resp(X, weights, means, covariances)) + reference[:, None]
    unweighted = log_terms - np.log(weights)
    return [
        (reference.sum(), "that is the total Σₙ log p(xₙ); the task asks for the mean "
         "over the samples (as sklearn's score and lower_bound_): divide by n_samples."),
        (log_terms.max(axis=1).mean(), "you kept only the largest term, maxₖ; "
         "log-sum-exp is that maximum plus log Σₖ exp(term − maximum)."),
        (np.log(np.exp(unweighted).sum(axis=1)).mean(), "did you add log πₖ to each "
         "component's log-density before the log-sum-exp?"),
        (unweighted.max(axis=1).mean(), "did you add log πₖ to each component's "
         "log-density before the log-sum-exp?"),
        (log_terms.sum(axis=1).mean(), "you summed the log-terms over k; the log of a "
         "sum is not the sum of the logs: use logsumexp over k."),
        (per_sample[np.isfinite(per_sample)].mean(), "you dropped the points whose "
         "density underflowed to 0; every point counts: work in logs (logsumexp)."),
    ]


def _compare_log_likelihood(got, expected, args):
    got = _array(got, (), "the mean log-likelihood", {
        (len(args[0]),): " — return the mean over the samples, one number."})
    if np.isneginf(got) or np.isnan(got):
        raise _Hint(f"you return {float(got)}. Some points here lie far from every "
                    "component: each density πₖ N(x | μₖ, Σₖ) underflows to 0.0 in "
                    "double precision (exp(−1000) is 0.0), and log(0) = −inf. Stay in logs: "
                    "log πₖ + log N(x | μₖ, Σₖ) for every k, then "
                    "scipy.special.logsumexp over k.")
    if not _close(got, expected):
        _first_match(got, _log_likelihood_mistakes(*args))
        raise _Hint(f"you return {float(got):.6g}, the reference mean log-likelihood "
                    f"is {expected:.6g}: (1/N) Σₙ log Σₖ πₖ N(xₙ | μₖ, Σₖ).")


def check_log_likelihood(fn):
    """Check ``fn(X, weights, means, covariances)``: the mean log-likelihood.

    ``fn`` gets the arguments of the E-step exercise (full covariances) and
    must return ``(1/N) sum_n log sum_k pi_k N(x_n | mu_k, Sigma_k)``, one
    number, finite even for points far from every component. Prints the
    verdict; returns a :class:`Verdict`, true if all cases pass.
    """
    return _run(fn, _log_likelihood_cases(), _compare_log_likelihood,
                "fn(X, weights, means, covariances)")
