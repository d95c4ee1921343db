"""The exercise checkers: right answers pass, each typical mistake gets its hint.

The correct answers here are written from the textbook formulas with scipy,
independently of gmmteach; the wrong ones are the mistakes learners make.
"""

import numpy as np
import pytest
from scipy.stats import multivariate_normal, norm

from gmmteach.exercises import (check_anomaly_threshold, check_bic, check_e_step,
                                check_m_step_diag, check_mixture_pdf,
                                check_stick_breaking_weights)


def verdict(capsys, checker, fn):
    """(returned value, printed text) of checker(fn)."""
    result = checker(fn)
    return result, capsys.readouterr().out


# -- unfinished work and crashes, the same for every checker -------------------
CHECKERS = [check_mixture_pdf, check_e_step, check_m_step_diag, check_bic,
            check_anomaly_threshold, check_stick_breaking_weights]


def template_raises(*args):
    raise NotImplementedError


def template_ellipsis(*args):
    ...
    return ...


def template_no_return(*args):
    answer = 1  # noqa: F841  (computed, then forgotten)


@pytest.mark.parametrize("checker", CHECKERS)
@pytest.mark.parametrize("fn, expected", [
    (template_raises, "still raises NotImplementedError"),
    (template_ellipsis, "returns `...`"),
    (template_no_return, "returned None: did you forget `return`?"),
])
def test_unfinished_exercise_is_not_done_yet_and_does_not_raise(capsys, checker, fn,
                                                                expected):
    result, out = verdict(capsys, checker, fn)
    assert result is False
    assert out.startswith("Not done yet — ")
    assert expected in out


@pytest.mark.parametrize("checker", CHECKERS)
def test_exception_is_named_without_traceback(capsys, checker):
    def crashes(*args):
        total = 0
        return 1 / total

    result, out = verdict(capsys, checker, crashes)
    assert result is False
    assert "raised ZeroDivisionError: division by zero" in out
    assert "(at `return 1 / total`)" in out
    assert "Traceback" not in out and 'File "' not in out


@pytest.mark.parametrize("checker", CHECKERS)
def test_wrong_signature_is_explained(capsys, checker):
    result, out = verdict(capsys, checker, lambda x: x)
    assert result is False
    assert "TypeError" in out and "It must be fn(" in out


def test_passing_the_result_instead_of_the_function(capsys):
    result, out = verdict(capsys, check_bic, 3.0)
    assert result is False
    assert "Pass the function itself" in out


def test_a_later_case_is_named(capsys):
    # Right on the first two cases only (K = 2 and K = 3, not K = 1)
    def only_several_components(x, weights, means, stds):
        if len(weights) == 1:
            return np.zeros_like(x)
        return mixture_pdf(x, weights, means, stds)

    result, out = verdict(capsys, check_mixture_pdf, only_several_components)
    assert result is False
    assert out.startswith("✗ Case 3 of 4: ")
    assert "at x = " in out


# -- lesson 01: mixture density -------------------------------------------------------
def mixture_pdf(x, weights, means, stds):
    return sum(w * norm.pdf(x, m, s) for w, m, s in zip(weights, means, stds))


def test_mixture_pdf_right_answer_passes(capsys):
    assert verdict(capsys, check_mixture_pdf, mixture_pdf) == (
        True, "✓ All 4 cases pass\n")


@pytest.mark.parametrize("wrong, hint", [
    (lambda x, w, m, s: sum(wk * norm.pdf(x, mk, np.sqrt(sk)) for wk, mk, sk in zip(w, m, s)),
     "used stds as variances"),
    (lambda x, w, m, s: sum(wk * norm.pdf(x, mk, sk**2) for wk, mk, sk in zip(w, m, s)),
     "square the stds twice"),
    (lambda x, w, m, s: sum(norm.pdf(x, mk, sk) for mk, sk in zip(m, s)),
     "forget to multiply each component's density by its weight"),
    (lambda x, w, m, s: np.mean([norm.pdf(x, mk, sk) for mk, sk in zip(m, s)], axis=0),
     "not by 1/K"),
    (lambda x, w, m, s: np.array([wk * norm.pdf(x, mk, sk) for wk, mk, sk in zip(w, m, s)]),
     "expected (41,) — did you forget to sum over the components?"),
    (lambda x, w, m, s: sum(wk * np.exp(-0.5 * (x - mk) ** 2 / sk**2)
                            for wk, mk, sk in zip(w, m, s)),
     "normalising constant 1/√(2πσ²) is missing"),
    (lambda x, w, m, s: float(mixture_pdf(x, w, m, s).sum()),
     "got (), expected (41,) — return the density at every x"),
    (lambda x, w, m, s: mixture_pdf(x, w, m, s) + 0.01,
     "at x = "),
])
def test_mixture_pdf_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_mixture_pdf, wrong)
    assert result is False
    assert out.startswith("✗ Case ")
    assert hint in out


# -- lesson 02: E-step ---------------------------------------------------------------
def weighted_densities(X, weights, means, covariances):
    return np.column_stack([w * multivariate_normal(m, c).pdf(X).reshape(len(X))
                            for w, m, c in zip(weights, means, covariances)])


def e_step(X, weights, means, covariances):
    dens = weighted_densities(X, weights, means, covariances)
    return dens / dens.sum(axis=1, keepdims=True)


def test_e_step_right_answer_passes(capsys):
    assert verdict(capsys, check_e_step, e_step) == (True, "✓ All 4 cases pass\n")


def test_e_step_in_log_space_passes(capsys):
    from scipy.special import logsumexp

    def log_space(X, weights, means, covariances):
        log_dens = np.column_stack([
            np.log(w) + multivariate_normal(m, c).logpdf(X).reshape(len(X))
            for w, m, c in zip(weights, means, covariances)])
        return np.exp(log_dens - logsumexp(log_dens, axis=1, keepdims=True))

    assert verdict(capsys, check_e_step, log_space)[0] is True


def unweighted(X, weights, means, covariances):
    return e_step(X, np.ones(len(weights)), means, covariances)


def inverse_as_covariance(X, weights, means, covariances):
    return e_step(X, weights, means, np.linalg.inv(covariances))


def unnormalised(X, weights, means, covariances):
    return weighted_densities(X, weights, means, covariances)


def normalised_over_samples(X, weights, means, covariances):
    dens = weighted_densities(X, weights, means, covariances)
    return dens / dens.sum(axis=0, keepdims=True)


def third_component_short(X, weights, means, covariances):
    # Right for K != 3; for K = 3 half of component 2's share moves to the others
    resp = e_step(X, weights, means, covariances)
    if resp.shape[1] == 3:
        moved = resp[:, 2] / 2
        resp = resp + np.column_stack([moved / 2, moved / 2, -moved])
    return resp


@pytest.mark.parametrize("wrong, hint", [
    (lambda *args: e_step(*args).T, "got (2, 30), expected (30, 2) — did you transpose?"),
    (unweighted, "multiply each component's density by its weight πₖ"),
    (inverse_as_covariance, "covariance where its inverse belongs"),
    (unnormalised, "rows of resp do not sum to 1 — did you normalise by the sum "
     "over components?"),
    (normalised_over_samples, "you divided by the sum over samples (axis=0)"),
    (third_component_short, "Case 2 of 4: component k=2's responsibilities are off"),
    (lambda *args: np.full_like(e_step(*args), np.nan), "resp contains NaN"),
])
def test_e_step_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_e_step, wrong)
    assert result is False
    assert hint in out


# -- lesson 04: diagonal M-step --------------------------------------------------------
def m_step_diag(X, resp):
    nk = resp.sum(axis=0)
    means = resp.T @ X / nk[:, None]
    variances = np.array([np.average((X - mu) ** 2, axis=0, weights=r)
                          for mu, r in zip(means, resp.T)])
    return nk / len(X), means, variances


def test_m_step_diag_right_answer_passes(capsys):
    assert verdict(capsys, check_m_step_diag, m_step_diag) == (
        True, "✓ All 4 cases pass\n")


def with_variances(change):
    def wrong(X, resp):
        weights, means, variances = m_step_diag(X, resp)
        return weights, means, change(X, resp, means, variances)
    return wrong


def with_means(change):
    def wrong(X, resp):
        weights, means, variances = m_step_diag(X, resp)
        return weights, change(X, resp, means), variances
    return wrong


def with_second_mean_shifted(X, resp, means):
    means = means.copy()
    means[1] += 0.1
    return means


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, r: m_step_diag(X, r)[:2], "return three things"),
    (lambda X, r: (r.sum(axis=0),) + m_step_diag(X, r)[1:], "those are the Nₖ"),
    (lambda X, r: (np.ones(r.shape[1]),) + m_step_diag(X, r)[1:], "the weights sum to 3"),
    (with_means(lambda X, r, mu: mu.T), "got (2, 3), expected (3, 2) — did you transpose?"),
    (with_means(lambda X, r, mu: r.T @ X / len(X)), "divide by Nₖ = Σₙ rₙₖ, not by n_samples"),
    (with_means(lambda X, r, mu: np.tile(X.mean(axis=0), (r.shape[1], 1))),
     "every component got the overall mean"),
    (with_means(with_second_mean_shifted), "component k=1's means are off"),
    (with_variances(lambda X, r, mu, var: np.sqrt(var)), "look like standard deviations"),
    (with_variances(lambda X, r, mu, var: np.stack([np.diag(v) for v in var])),
     "for 'diag' keep only the diagonal"),
    (with_variances(lambda X, r, mu, var: var * r.sum(axis=0)[:, None] / len(X)),
     "divide by Nₖ, not by n_samples"),
    (with_variances(lambda X, r, mu, var: np.array([
        np.average((X - X.mean(axis=0)) ** 2, axis=0, weights=w) for w in r.T])),
     "centre on each component's new mean"),
    (with_variances(lambda X, r, mu, var: np.tile(X.var(axis=0), (r.shape[1], 1))),
     "variances are off"),
])
def test_m_step_diag_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_m_step_diag, wrong)
    assert result is False
    assert hint in out


def test_m_step_diag_tolerates_a_tiny_reg_covar(capsys):
    # sklearn's reg_covar=1e-6 on top of the variances is not a mistake
    wrong = with_variances(lambda X, r, mu, var: var + 1e-6)
    assert verdict(capsys, check_m_step_diag, wrong)[0] is True


# -- lesson 07: BIC ----------------------------------------------------------------------
def bic(log_likelihood, n_parameters, n_samples):
    return -2 * log_likelihood + n_parameters * np.log(n_samples)


def test_bic_right_answer_passes(capsys):
    assert verdict(capsys, check_bic, bic) == (True, "✓ All 4 cases pass\n")


@pytest.mark.parametrize("wrong, hint", [
    (lambda ll, p, n: -bic(ll, p, n), "the sign is flipped"),
    (lambda ll, p, n: -2 * ll + 2 * p, "that is AIC"),
    (lambda ll, p, n: -2 * ll + p * np.log10(n), "natural logarithm"),
    (lambda ll, p, n: -ll + p * np.log(n), "multiplied by -2"),
    (lambda ll, p, n: -2 * ll + p * n, "not p · N"),
    (lambda ll, p, n: -2 * ll * n + p * np.log(n), "already the total"),
    (lambda ll, p, n: [bic(ll, p, n)], "return a single number"),
    (lambda ll, p, n: bic(ll, p, n) + 1, "you return 1087.2638, expected 1086.2638"),
])
def test_bic_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_bic, wrong)
    assert result is False
    assert hint in out


# -- lesson 09: anomaly threshold ------------------------------------------------------
def lowest(scores, percent):
    return scores < np.percentile(scores, percent)


def lowest_by_sorting(scores, percent):
    mask = np.zeros(len(scores), dtype=bool)
    mask[np.argsort(scores)[: round(len(scores) * percent / 100)]] = True
    return mask


@pytest.mark.parametrize("right", [lowest, lowest_by_sorting])
def test_anomaly_threshold_right_answers_pass(capsys, right):
    assert verdict(capsys, check_anomaly_threshold, right) == (
        True, "✓ All 4 cases pass\n")


@pytest.mark.parametrize("wrong, hint", [
    (lambda s, p: s > np.percentile(s, 100 - p), "you flagged the highest scores"),
    (lambda s, p: np.argsort(s)[: len(s) * p // 100], "you returned indices"),
    (lambda s, p: lowest(s, p).astype(int), "return a boolean mask"),
    (lambda s, p: s < np.percentile(s, p / 100), "you flagged 1 of 200 points, expected 10 (5% of 200)"),
    (lambda s, p: s <= np.percentile(s, 2 * p), "you flagged 20 of 200"),
    (lambda s, p: lowest_by_sorting(np.where(s == s.min(), 0.0, s), p),
     "the right number, but not the 10 lowest scores"),
    (lambda s, p: lowest(s, p)[:-1], "wrong shape for the mask: got (199,)"),
])
def test_anomaly_threshold_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_anomaly_threshold, wrong)
    assert result is False
    assert hint in out


# -- lesson 11: expected weights of a Dirichlet process ----------------------------
def stick_weights_by_loop(alpha, beta):
    """Blei & Jordan (2006): E[pi_k] = E[v_k] prod_{j<k} (1 - E[v_j]), as a loop."""
    weights, left = [], 1.0
    for a, b in zip(alpha, beta):
        mean_v = a / (a + b)  # mean of Beta(a, b)
        weights.append(left * mean_v)
        left *= 1.0 - mean_v
    return np.array(weights) / sum(weights)


def stick_weights_by_scipy(alpha, beta):
    from scipy.stats import beta as beta_distribution
    mean_v = beta_distribution(alpha, beta).mean()
    weights = mean_v * np.concatenate(([1.0], np.cumprod(beta_distribution(
        beta, alpha).mean())[:-1]))  # 1 - v ~ Beta(b, a)
    return weights / weights.sum()


@pytest.mark.parametrize("right", [stick_weights_by_loop, stick_weights_by_scipy])
def test_stick_breaking_right_answers_pass(capsys, right):
    assert verdict(capsys, check_stick_breaking_weights, right) == (
        True, "✓ All 4 cases pass\n")


def stick_fraction(alpha, beta):
    return alpha / (alpha + beta)


def stick_left_before(rest):
    return np.concatenate(([1.0], np.cumprod(rest)[:-1]))


@pytest.mark.parametrize("wrong, hint", [
    (lambda a, b: stick_fraction(a, b) * stick_left_before(1 - stick_fraction(a, b)),
     "divide by their sum"),
    (lambda a, b: (w := stick_fraction(a, b) * np.cumprod(1 - stick_fraction(a, b)))
     / w.sum(), "j < k"),
    (lambda a, b: (w := stick_fraction(b, a) * stick_left_before(stick_fraction(a, b)))
     / w.sum(), "alpha and beta are swapped"),
    (lambda a, b: stick_fraction(a, b) / stick_fraction(a, b).sum(),
     "multiply by prod_{j<k} (1 - E[v_j])"),
    (lambda a, b: a / a.sum(), "Dirichlet-distribution answer"),
    (lambda a, b: stick_weights_by_loop(a, b)[::-1], "you return"),
    (lambda a, b: stick_weights_by_loop(a, b)[:-1], "wrong shape"),
])
def test_stick_breaking_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_stick_breaking_weights, wrong)
    assert result is False
    assert out.startswith("✗ Case 1 of 4: ")
    assert hint in out
