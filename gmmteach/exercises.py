"""Checkers for the lessons' exercises: run your function, get a specific hint.

Each ``check_*`` builds a few seeded cases, runs the learner's function on
every one, compares the result with the reference (gmmteach's own code or the
textbook formula) and prints one line:

* ``✓ All 4 cases pass``;
* ``Not done yet — ...`` while the function still raises
  ``NotImplementedError`` or returns ``...`` or ``None``;
* ``✗ Case 2 of 4: ...`` with a hint that names what is wrong: which shape,
  which component, which term of the formula looks forgotten.

A checker never raises and never shows a traceback (an exception in the
learner's code is reported by its type, message and line), so a notebook runs
on past an unfinished exercise. It returns True or False, so a solution
notebook can ``assert check_e_step(e_step)``.

Introduced in lessons/01_gaussians_and_mixtures.ipynb.
"""

import traceback
import warnings

import numpy as np

from .em import e_step, m_step
from .params import make_params

__all__ = [
    "check_mixture_pdf",
    "check_e_step",
    "check_m_step_diag",
    "check_bic",
    "check_anomaly_threshold",
]

# Float answers are compared with this slack: a correct implementation may sum
# in another order or go through log-space, which changes the last few digits.
RTOL, ATOL = 1e-5, 1e-8


class _Hint(Exception):
    """What to tell the learner about a wrong answer."""


class _NotDone(_Hint):
    """The function is still the unfinished template."""


# -- running the learner's function ------------------------------------------
def _where(exc, fn):
    """`` (at `line`)`` for the line of the learner's code that raised."""
    filename = getattr(getattr(fn, "__code__", None), "co_filename", None)
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename == filename and f.line]
    return f" (at `{frames[-1].line.strip()}`)" if frames else ""


def _call(fn, args, signature):
    """fn(*copies of args), turning every way of failing into a hint."""
    name = getattr(fn, "__name__", "your function")
    copies = [np.array(a) if isinstance(a, np.ndarray) else a for a in args]
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")  # NaNs are reported below instead
            result = fn(*copies)
    except NotImplementedError:
        raise _NotDone(f"`{name}` still raises NotImplementedError: replace that "
                       "line with your code.") from None
    except TypeError as exc:
        if "argument" in str(exc) and not _where(exc, fn):
            raise _Hint(f"calling it raised TypeError: {exc}. It must be "
                        f"{signature}.") from None
        raise _Hint(f"your function raised TypeError: {exc}{_where(exc, fn)}") from None
    except Exception as exc:  # any bug in the learner's code becomes a hint
        raise _Hint(f"your function raised {type(exc).__name__}: {exc}"
                    f"{_where(exc, fn)}") from None
    if result is Ellipsis:
        raise _NotDone(f"`{name}` returns `...`: replace it with your code.")
    if result is None:
        raise _NotDone(f"`{name}` returned None: did you forget `return`?")
    return result


def _run(fn, cases, compare, signature):
    """Check fn on every case; print one line and return whether all pass."""
    if not callable(fn):
        print(f"✗ Pass the function itself, without calling it: {signature} "
              "is checked with check_...(name_of_your_function).")
        return False
    try:
        for number, (args, expected) in enumerate(cases, start=1):
            compare(_call(fn, args, signature), expected, args)
    except _NotDone as hint:
        print(f"Not done yet — {hint}")
        return False
    except _Hint as hint:
        print(f"✗ Case {number} of {len(cases)}: {hint}")
        return False
    print(f"✓ All {len(cases)} cases pass")
    return True


# -- comparing answers ---------------------------------------------------------
def _array(got, shape, what, shape_hints=None):
    """got as a float array of the expected shape, or a hint about its shape."""
    try:
        array = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        raise _Hint(f"{what} should be an array of numbers, got a "
                    f"{type(got).__name__}.") from None
    if array.shape == shape:
        return array
    hint = (shape_hints or {}).get(array.shape, "")
    if not hint and len(shape) == 2 and array.shape == shape[::-1]:
        hint = " — did you transpose?"
    raise _Hint(f"wrong shape for {what}: got {array.shape}, expected {shape}{hint}")


def _close(a, b, rtol=RTOL, atol=ATOL):
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=rtol, atol=atol)


def _first_match(got, variants, rtol=RTOL, atol=ATOL):
    """Raise the hint of the first known mistake that reproduces got."""
    for wrong, hint in variants:
        if _close(got, wrong, rtol, atol):
            raise _Hint(hint)


def _finite(array, what):
    if not np.all(np.isfinite(array)):
        raise _Hint(f"{what} contains NaN or infinite values — look for a "
                    "division by zero or the log of zero.")


def _fmt(values):
    return np.array2string(np.asarray(values), precision=4, separator=", ")


# -- lesson 01: the mixture density --------------------------------------------
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


# -- lesson 02: the E-step ------------------------------------------------------
def _random_covariances(rng, n_components, n_features):
    A = rng.normal(size=(n_components, n_features, n_features))
    return A @ np.swapaxes(A, 1, 2) / n_features + 0.3 * np.eye(n_features)


def _e_step_cases():
    rng = np.random.RandomState(2)
    cases = []
    for n, K, D in [(30, 2, 2), (50, 3, 2), (20, 2, 3), (25, 4, 1)]:
        weights = rng.dirichlet(np.full(K, 3.0))
        means = rng.normal(0, 1.5, size=(K, D))
        covariances = _random_covariances(rng, K, D)
        X = means[rng.randint(K, size=n)] + rng.normal(size=(n, D))
        params = make_params(weights, means, "full", covariances=covariances)
        cases.append(((X, weights, means, covariances), np.exp(e_step(X, params)[0])))
    return cases


def _resp(X, weights, means, covariances, normalise=True):
    # The definition, from scratch: r_nk ∝ pi_k N(x_n | mu_k, Sigma_k)
    D = X.shape[1]
    diff = X[:, None, :] - means  # (n, K, D)
    maha = np.einsum("nkd,kde,nke->nk", diff, np.linalg.inv(covariances), diff)
    dens = np.exp(-0.5 * maha) / np.sqrt(np.linalg.det(2 * np.pi * covariances))
    weighted = weights * dens
    return weighted / weighted.sum(axis=1, keepdims=True) if normalise else weighted


def _e_step_mistakes(X, weights, means, covariances):
    K, D = means.shape
    no_det = _resp(X, weights, means, covariances) * np.sqrt(
        np.linalg.det(2 * np.pi * covariances))
    return [
        (_resp(X, np.full(K, 1.0 / K), means, covariances), "did you multiply each "
         "component's density by its weight πₖ before normalising?"),
        (_resp(X, weights, means, np.linalg.inv(covariances)), "you seem to use the "
         "covariance where its inverse belongs: the exponent is "
         "-½ (x−μ)ᵀ Σ⁻¹ (x−μ)."),
        (no_det / no_det.sum(axis=1, keepdims=True), "the constant |2πΣₖ|^(-½) differs "
         "from component to component, so it does not cancel: keep it."),
        (_resp(X, weights, means, covariances, normalise=False), "rows of resp do "
         "not sum to 1 — did you normalise by the sum over components?"),
    ]


def _compare_e_step(got, expected, args):
    got = _array(got, expected.shape, "resp")
    _finite(got, "resp")
    if _close(got, expected):
        return
    _first_match(got, _e_step_mistakes(*args))
    if not np.allclose(got.sum(axis=1), 1.0, rtol=RTOL):
        by_sample = " you divided by the sum over samples (axis=0);" if np.allclose(
            got.sum(axis=0), 1.0) else ""
        raise _Hint(f"rows of resp do not sum to 1 —{by_sample} did you normalise "
                    "by the sum over components (axis=1)?")
    error = np.abs(got - expected)
    n, k = np.unravel_index(np.argmax(error), error.shape)
    raise _Hint(f"component k={k}'s responsibilities are off: for sample {n} "
                    f"you give {got[n, k]:.4f}, the reference {expected[n, k]:.4f}.")


def check_e_step(fn):
    """Check ``fn(X, weights, means, covariances)``: the E-step, full covariances.

    ``fn`` gets X (n_samples, n_features), weights (n_components,), means
    (n_components, n_features) and covariances (n_components, n_features,
    n_features), and must return resp of shape (n_samples, n_components)
    with r_nk = p(component k | x_n). Prints the verdict; returns True if all
    pass.
    """
    return _run(fn, _e_step_cases(), _compare_e_step,
                "fn(X, weights, means, covariances)")


# -- lesson 03: the M-step with diagonal covariances ---------------------------
def _m_step_cases():
    rng = np.random.RandomState(3)
    cases = []
    for n, K, D, hard in [(40, 3, 2, False), (60, 2, 3, False), (30, 2, 2, True),
                          (35, 4, 1, False)]:
        X = rng.normal(size=(n, D)) * rng.uniform(0.5, 3, size=D) + rng.normal(size=D)
        resp = rng.dirichlet(np.ones(K), size=n)
        if hard:  # one-hot rows, as after K-means: the plain per-cluster statistics
            resp = np.eye(K)[np.arange(n) % K]
        params = m_step(X, resp, "diag", reg_covar=0.0)
        cases.append(((X, resp), (params.weights, params.means, params.covariances)))
    return cases


def _weighted_variances(X, resp, centres, divisor):
    return np.stack([r @ (X - c) ** 2 for r, c in zip(resp.T, centres)]) / divisor


def _m_step_mistakes(X, resp):
    n = len(X)
    nk = resp.sum(axis=0)[:, None]
    means = resp.T @ X / nk
    variances = _weighted_variances(X, resp, means, nk)
    overall = np.broadcast_to(X.mean(axis=0), means.shape)
    return {
        "weights": [(nk.ravel(), "those are the Nₖ = Σₙ rₙₖ; the weights are "
                     "Nₖ / n_samples.")],
        "means": [(resp.T @ X / n, "divide by Nₖ = Σₙ rₙₖ, not by n_samples."),
                  (resp.T @ X, "the weighted sum Σₙ rₙₖ xₙ must be divided by Nₖ."),
                  (overall, "every component got the overall mean: weight each "
                   "point by rₙₖ.")],
        "variances": [(np.sqrt(variances), "those look like standard deviations: "
                       "return variances."),
                      (variances * nk / n, "divide by Nₖ, not by n_samples."),
                      (_weighted_variances(X, resp, overall, nk), "centre on each "
                       "component's new mean μₖ, not on the overall mean.")],
    }


def _compare_part(got, expected, what, mistakes):
    _finite(got, what)
    if _close(got, expected):
        return
    _first_match(got, mistakes)
    if what == "weights" and not np.isclose(got.sum(), 1.0):
        raise _Hint(f"the weights sum to {got.sum():.4g}, not 1: weights are "
                    "Nₖ / n_samples.")
    error = np.abs(got - expected).reshape(len(expected), -1).max(axis=1)
    k = int(np.argmax(error))
    raise _Hint(f"component k={k}'s {what} are off: you give {_fmt(got[k])}, "
                f"the reference {_fmt(expected[k])}.")


def _compare_m_step(got, expected, args):
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        raise _Hint("return three things: `return weights, means, variances`.")
    K, D = expected[1].shape
    full_hint = {(K, D, D): " — for 'diag' keep only the diagonal: one variance "
                 "per component and feature."}
    mistakes = _m_step_mistakes(*args)
    for what, part, reference in zip(("weights", "means", "variances"), got, expected):
        array = _array(part, reference.shape, what, full_hint)
        _compare_part(array, reference, what, mistakes[what])


def check_m_step_diag(fn):
    """Check ``fn(X, resp)``: the M-step with diagonal covariances.

    ``fn`` gets X (n_samples, n_features) and resp (n_samples,
    n_components) and must return ``(weights, means, variances)`` of shapes
    (n_components,), (n_components, n_features), (n_components, n_features),
    without any regularisation. Prints the verdict; returns True if all pass.
    """
    return _run(fn, _m_step_cases(), _compare_m_step, "fn(X, resp)")


# -- lesson 06: BIC ------------------------------------------------------------------
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


# -- lesson 07: anomalies ----------------------------------------------------------
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
