"""Lesson 01's exercise: the 1-D mixture density.

Part of :mod:`gmmteach.exercises`.
"""

import numpy as np

from ..em import e_step
from ..params import make_params
from ._harness import _array, _close, _finite, _first_match, _Hint, _run


def _normal_pdf(x, mean, variance):
    return np.exp(-0.5 * (x - mean) ** 2 / variance) / np.sqrt(2 * np.pi * variance)


def _pdf_cases():
    rng = np.random.RandomState(1)
    specs = [([0.3, 0.7], [-2.0, 1.5], [0.6, 1.0], np.linspace(-5, 5, 41)),
             ([0.2, 0.5, 0.3], [-3.0, 0.0, 4.0], [0.5, 2.0, 1.3], rng.normal(0, 3, 30)),
             ([1.0], [10.0], [3.0], np.linspace(0, 20, 25)),
             ([0.5, 0.5], [0.0, 0.5], [1.0, 0.1], np.linspace(-3, 3, 31))]
    cases = []
    for weights, means, stds, x in specs:
        weights, means, stds = map(np.array, (weights, means, stds))
        params = make_params(weights, means[:, np.newaxis], "spherical",
                             covariances=stds**2)
        density = np.exp(e_step(x[:, np.newaxis], params)[1])
        cases.append(((x, weights, means, stds), density))
    return cases


def _pdf_mistakes(x, weights, means, stds):
    terms = lambda w, var: (w * _normal_pdf(x[:, None], means, var)).sum(axis=1)
    gauss = lambda var: np.exp(-0.5 * (x[:, None] - means) ** 2 / var)
    return [
        (terms(weights, stds), "it looks like you used stds as variances: the "
         "normal density uses the variance σ² = stds**2."),
        (terms(weights, stds**4), "you seem to square the stds twice: the variance "
         "is stds**2 (and scipy.stats.norm.pdf's scale= is the std σ itself)."),
        (terms(1.0, stds**2), "did you forget to multiply each component's density "
         "by its weight πₖ?"),
        (terms(1.0 / len(weights), stds**2), "each component must be weighted by its "
         "own πₖ (weights[k]), not by 1/K."),
        ((weights * gauss(stds**2)).sum(axis=1), "the normalising constant "
         "1/√(2πσ²) is missing."),
        ((weights * gauss(stds**2) / (2 * np.pi * stds**2)).sum(axis=1),
         "the constant is 1/√(2πσ²) — did you forget the square root?"),
    ]


def _compare_pdf(got, expected, args):
    x, weights = args[0], args[1]
    n, K = len(x), len(weights)
    sum_hint = " — did you forget to sum over the components?"
    got = _array(got, expected.shape, "the density",
                 {(n, K): sum_hint, (K, n): sum_hint,
                  (): " — return the density at every x, one value per x."})
    _finite(got, "the density")
    if not _close(got, expected):
        _first_match(got, _pdf_mistakes(*args))
        i = np.argmax(np.abs(got - expected))
        raise _Hint(f"at x = {x[i]:.3g} you return {got[i]:.4g} but the mixture "
                    f"density is {expected[i]:.4g}: p(x) = Σₖ πₖ N(x | μₖ, σₖ²).")


def check_mixture_pdf(fn):
    """Check ``fn(x, weights, means, stds)``: the density of a 1-D mixture.

    ``fn`` gets x of shape (n,), weights, means and stds of shape
    (n_components,) and must return p(x) = sum_k weights[k] N(x | means[k],
    stds[k]**2) of shape (n,). Prints the verdict; returns True if all pass.
    """
    return _run(fn, _pdf_cases(), _compare_pdf, "fn(x, weights, means, stds)")
