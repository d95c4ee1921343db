"""Lesson 03's second exercise: the EM loop, from the learner's own steps.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ..em import em_steps
from ..params import make_params
from ._harness import _array, _close, _finite, _first_match, _fmt, _Hint, _run


def _em_trajectory(X, weights, means, covariances, n_iter):
    """[(log_likelihood, params after the M-step)] for iterations 1..n_iter."""
    start = make_params(weights, means, "full", covariances=covariances)
    steps = em_steps(X, start, covariance_type="full", reg_covar=0.0, tol=0.0,
                     max_iter=n_iter)
    return [(s.log_likelihood, s.params) for s in steps if s.kind == "M"]


def _em_loop_cases():
    rng = np.random.RandomState(5)
    cases = []
    # Overlapping clusters and few iterations, so every iteration still moves
    # the parameters (a loop one iteration short or long cannot pass)
    for n, K, D, n_iter in [(60, 2, 2, 4), (90, 3, 2, 3), (50, 2, 3, 5)]:
        centres = rng.normal(0, 1.2, size=(K, D))
        X = centres[np.arange(n) % K] + rng.normal(size=(n, D))
        start = (np.full(K, 1.0 / K), X[rng.choice(n, K, replace=False)],
                 np.tile(np.eye(D), (K, 1, 1)))
        args = (X, *start, n_iter)
        cases.append((args, _em_trajectory(X, *start, n_iter + 1)))
    return cases


def _params_tuple(params):
    return params.weights, params.means, params.covariances


def _wrong_iterations(got_params, trajectory, args):
    """Hints for parameters from the wrong number of iterations."""
    X, weights, means, covariances, n_iter = args
    if all(_close(g, s) for g, s in zip(got_params, (weights, means, covariances))):
        raise _Hint("you return the starting parameters: each iteration's M-step "
                    "result must become the parameters of the next E-step.")
    for count, what in [(n_iter - 1, "one too few"), (n_iter + 1, "one too many")]:
        after = _params_tuple(trajectory[count - 1][1]) if count >= 1 else None
        if after and all(_close(g, r) for g, r in zip(got_params, after)):
            raise _Hint(f"your parameters are those after {count} iterations, {what}: "
                        "run exactly n_iter E-steps and n_iter M-steps.")


def _compare_log_likelihoods(lls, all_lls, n_samples):
    """Hints for a list of log-likelihoods that is not em_steps'."""
    _first_match(lls, [
        (all_lls[1:len(lls) + 1], "you recorded each log-likelihood after the M-step; "
         "record the one the E-step computes, for the parameters it was given "
         "(as em_steps and sklearn's lower_bounds_ do)."),
        (all_lls[:len(lls)] * n_samples, "those are total log-likelihoods; record the "
         "mean over the samples."),
    ])
    falls = np.flatnonzero(np.diff(lls) < -1e-9)
    if falls.size:
        raise _Hint(f"your log-likelihood goes down at iteration {falls[0] + 2}; with "
                    "reg_covar = 0, EM's never does (lesson 03): check the steps.")


def _compare_em_loop(got, trajectory, args):
    if not isinstance(got, (tuple, list)) or len(got) != 4:
        raise _Hint("return four things: `return weights, means, covariances, "
                    "log_likelihoods`.")
    n_iter, names = args[-1], ("weights", "means", "covariances", "log_likelihoods")
    all_lls = np.array([ll for ll, _ in trajectory])
    expected = _params_tuple(trajectory[n_iter - 1][1]) + (all_lls[:n_iter],)
    parts = [_array(p, r.shape, what, k_axis=0) for p, r, what in
             zip(got[:3], expected, names)]
    for array, what in zip(parts, names):
        _finite(array, what)
    if not all(_close(g, r) for g, r in zip(parts, expected)):
        _wrong_iterations(parts, trajectory, args)
    lls = _array(got[3], (n_iter,), "log_likelihoods",
                 {(n_iter + 1,): " — one value per iteration, computed by its E-step."})
    _finite(lls, "log_likelihoods")
    if not _close(lls, expected[3]):
        _compare_log_likelihoods(lls, all_lls, len(args[0]))
    for g, r, what in zip(parts + [lls], expected, names):
        if not _close(g, r):
            raise _Hint(f"after {n_iter} iterations your {what} differ from "
                        f"em_steps': you give {_fmt(g.ravel()[:4])}…, em_steps "
                        f"{_fmt(r.ravel()[:4])}…")


def check_em_loop(fn):
    """Check ``fn(X, weights, means, covariances, n_iter)``: n_iter EM iterations.

    Full covariances and no regularisation. ``fn`` must return ``(weights,
    means, covariances, log_likelihoods)``: the parameters after ``n_iter``
    E- and M-steps, and the ``n_iter`` mean log-likelihoods the E-steps
    computed (of the parameters they were given, as ``em_steps`` records
    them). Compared with :func:`gmmteach.em_steps` (``reg_covar=0``,
    ``tol=0``). Prints the verdict; returns a :class:`Verdict`.
    """
    return _run(fn, _em_loop_cases(), _compare_em_loop,
                "fn(X, weights, means, covariances, n_iter)")
