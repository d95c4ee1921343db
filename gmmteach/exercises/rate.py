"""Lesson 03's exercise: EM's rate of convergence from its log-likelihoods.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ._harness import _array, _close, _finite, _first_match, _Hint, _run


def _reference(log_likelihoods):
    # linear convergence: the increments shrink geometrically, so the ratio
    # of the last two is the rate rho (the gap to the optimum shrinks by it too)
    last, middle, first = log_likelihoods[-1], log_likelihoods[-2], log_likelihoods[-3]
    return (last - middle) / (middle - first)


def _em_run(separation, n_iter):
    """Total log-likelihoods of EM on two clusters ``separation`` apart."""
    from ..em import em_steps
    from ..widgets.convergence import start_params, two_clusters
    X = two_clusters(separation, n_samples=300)
    run = em_steps(X, start_params(X, "spread"), covariance_type="spherical",
                   reg_covar=0.0, tol=0.0, max_iter=n_iter)
    return np.array([s.log_likelihood for s in run if s.kind == "E"]) * len(X)


def _rate_cases():
    """Two-speed sequences (early and late ratios differ) and two EM runs."""
    t = np.arange(1, 41)
    two_speed = -100 + 5 * (1 - 0.8 ** t) + 3 * (1 - 0.3 ** t)
    slow = -2.5 + 0.4 * (1 - 0.95 ** t) + 0.2 * (1 - 0.5 ** t)
    return [(two_speed,), (slow,), (_em_run(3.0, 30),), (_em_run(4.0, 15),)]


def _rate_mistakes(ll):
    rho = _reference(ll)
    return [
        (ll[-1] / ll[-2], "that is the ratio of two log-likelihoods, which is always "
         "near 1; the rate is the ratio of two successive INCREMENTS, "
         "(l[-1] - l[-2]) / (l[-2] - l[-3])."),
        (1 / rho, "the ratio is upside down: the later increment goes on top, so "
         "that rho < 1 for a run that converges."),
        (-rho, "the sign: EM's increments are all positive, so their ratio is too."),
        (np.sqrt(rho), "that is sqrt(rho), the rate of the parameters' error "
         "(the Jacobian's lambda); the log-likelihood's increments shrink by rho = lambda^2."),
        ((ll[2] - ll[1]) / (ll[1] - ll[0]), "use the LAST three values (the run's "
         "linear phase near the optimum), not the first three."),
        ((ll[-1] - ll[-2]) / (ll[-1] - ll[-3]), "divide by the previous increment, "
         "l[-2] - l[-3], not by the change over two iterations."),
    ]


def _compare_rate(got, expected, args):
    got = _array(got, (), "the rate", {(1,): " — return a single number."})
    _finite(got, "the rate")
    if not _close(got, expected, rtol=1e-6):
        _first_match(got, _rate_mistakes(*args), rtol=1e-6)
        raise _Hint(f"for log-likelihoods ending {np.round(args[0][-3:], 6).tolist()} "
                    f"you return {float(got):.6f}, expected {expected:.6f}.")


def check_convergence_rate(fn):
    """Check ``fn(log_likelihoods)``: the rate ρ from a run's last three values.

    ``log_likelihoods`` is a 1-D array, one value per EM iteration; the
    answer is ``(l[-1] - l[-2]) / (l[-2] - l[-3])``, the factor by which the
    increments (and the gap to the optimum) shrink per iteration. Prints the
    verdict; returns True if all pass.
    """
    cases = [(args, _reference(*args)) for args in _rate_cases()]
    return _run(fn, cases, _compare_rate, "fn(log_likelihoods)")
