"""The exercise checkers: right answers pass, each typical mistake gets its hint.

The correct answers here are written from the textbook formulas with scipy,
independently of gmmteach; the wrong ones are the mistakes learners make.
"""

import numpy as np
import pytest
from scipy.stats import multivariate_normal, norm

from gmmteach.exercises import (Verdict, check_anomaly_threshold, check_best_run,
                                check_bic, check_collapsed, check_distortion,
                                check_e_step, check_em_loop, check_log_likelihood,
                                check_m_step_diag, check_m_step_full, check_mixture_pdf,
                                check_n_parameters, check_stick_breaking_weights)
from gmmteach.exercises import check_convergence_rate, check_icl, check_mahalanobis


def verdict(capsys, checker, fn):
    """(whether it passed, printed text) of checker(fn)."""
    result = checker(fn)
    assert isinstance(result, Verdict)
    return bool(result), capsys.readouterr().out


# -- unfinished work and crashes, the same for every checker -------------------
CHECKERS = [check_mixture_pdf, check_e_step, check_log_likelihood, check_em_loop,
            check_m_step_diag, check_m_step_full, check_distortion, check_best_run,
            check_bic, check_n_parameters, check_anomaly_threshold, check_collapsed,
            check_stick_breaking_weights, check_convergence_rate, check_mahalanobis,
            check_icl]


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
    result, out = verdict(capsys, checker, lambda: 0)
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
    (lambda *args: np.log(e_step(*args)), "these are log-responsibilities"),
    (lambda X, w, m, c: e_step(X, w[:2], m[:2], c[:2]),
     "Case 2 of 4: wrong shape for resp: got (50, 2), expected (50, 3) — this case has "
     "3 components and you return 2: is a number of components written into your code?"),
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


def test_m_step_diag_reg_covar_where_the_task_forbids_it(capsys):
    # Case 4 is in tiny units (variances near 1e-6): sklearn's reg_covar shows
    wrong = with_variances(lambda X, r, mu, var: var + 1e-6)
    result, out = verdict(capsys, check_m_step_diag, wrong)
    assert result is False
    assert out.startswith("✗ Case 4 of 4: every variance is 1e-06 larger")
    assert "you added reg_covar" in out


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
    (lambda ll, p, n: -2 * ll / n + p * np.log(n), "you used the mean log-likelihood"),
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
    (lambda s, p: s < np.percentile(s, 100 - p), "you used the 95th percentile, (100 − percent)"),
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


# -- what every checker does for odd answers and odd functions -----------------
def bic_as_text(ll, p, n):
    return f"{bic(ll, p, n):.4f}"


def bic_as_complex(ll, p, n):
    return complex(bic(ll, p, n), 0.0)


@pytest.mark.parametrize("wrong, hint", [
    (bic_as_text, "must be a number (or numbers), got text ('1086.2638')"),
    (bic_as_complex, "must be real, got complex numbers"),
    (lambda ll, p, n: np.array(bic(ll, p, n), dtype=object), None),
])
def test_text_and_complex_answers_never_pass(capsys, wrong, hint):
    result, out = verdict(capsys, check_bic, wrong)
    if hint is None:  # a plain number inside an object array is still a number
        assert result is True
        return
    assert result is False
    assert hint in out


def test_complex_array_with_zero_imaginary_part_never_passes(capsys):
    result, out = verdict(capsys, check_e_step, lambda *args: e_step(*args) + 0j)
    assert result is False
    assert "got complex numbers" in out


def never_returns(*args):
    while True:
        pass


@pytest.fixture
def short_time_limit(monkeypatch):
    monkeypatch.setattr("gmmteach.exercises._harness.TIME_LIMIT_S", 0.3)


def test_a_function_that_never_returns_is_stopped(capsys, short_time_limit):
    result, out = verdict(capsys, check_bic, never_returns)
    assert result is False
    assert "`never_returns` ran for more than 0.3 seconds and was stopped" in out
    assert "Traceback" not in out


def sleeps(*args):
    # Off the main thread the learner's code can only be abandoned, not stopped:
    # sleep (no CPU) rather than spin, so the abandoned thread costs nothing
    import time
    time.sleep(2)


def test_the_time_limit_works_off_the_main_thread(capsys, short_time_limit):
    import threading
    outcome = {}
    worker = threading.Thread(target=lambda: outcome.update(
        result=bool(check_bic(sleeps))))
    worker.start()
    worker.join(10)
    assert not worker.is_alive() and outcome["result"] is False
    assert "ran for more than 0.3 seconds" in capsys.readouterr().out


def test_an_earlier_alarm_is_put_back(capsys):
    import signal
    signal.setitimer(signal.ITIMER_REAL, 100.0)
    try:
        assert verdict(capsys, check_bic, bic)[0] is True
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 90 < left <= 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


@pytest.mark.parametrize("stops, expected", [
    (lambda *a: __import__("sys").exit(), "called sys.exit() (or exit() or quit())"),
    (lambda *a: exit(0), "called sys.exit()"),
])
def test_sys_exit_is_a_sentence(capsys, stops, expected):
    result, out = verdict(capsys, check_bic, stops)
    assert result is False
    assert expected in out and "Traceback" not in out


def test_keyboard_interrupt_stops_the_check_with_a_sentence(capsys):
    def interrupted(*args):
        raise KeyboardInterrupt

    result, out = verdict(capsys, check_bic, interrupted)
    assert result is False
    assert out == ("✗ Stopped during case 1 of 4: the check was interrupted before "
                   "it finished.\n")


def test_verdict_is_true_false_and_displays_nothing(capsys):
    passed, failed = check_bic(bic), check_bic(lambda ll, p, n: 0.0)
    capsys.readouterr()
    assert passed and not failed
    assert repr(passed) == "" and passed._ipython_display_() is None
    assert passed.message == "✓ All 4 cases pass"


@pytest.mark.slow  # starts a kernel
def test_a_bare_checker_call_in_a_kernel_shows_only_the_verdict(tmp_path):
    # A real Jupyter kernel: no stray True/False, and the time limit works there
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient
    cells = ["from gmmteach.exercises import check_bic\n"
             "import gmmteach.exercises._harness as h\nh.TIME_LIMIT_S = 0.5",
             "def bic(ll, p, n):\n    return -2 * ll + p * __import__('math').log(n)\n"
             "check_bic(bic)",
             "def stuck(ll, p, n):\n    while True:\n        pass\ncheck_bic(stuck)",
             "import sys\ncheck_bic(lambda ll, p, n: sys.exit(1))"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    outputs = [cell.outputs for cell in nb.cells[1:]]
    for cell_outputs in outputs:
        assert [o.output_type for o in cell_outputs] == ["stream"]  # no execute_result
    texts = ["".join(o.text for o in cell_outputs) for cell_outputs in outputs]
    assert texts[0] == "✓ All 4 cases pass\n"
    assert "ran for more than 0.5 seconds" in texts[1]
    assert "called sys.exit()" in texts[2]


# -- lesson 03: mean log-likelihood with log-sum-exp ---------------------------------
def log_likelihood(X, weights, means, covariances):
    from scipy.special import logsumexp
    log_terms = np.column_stack([
        np.log(w) + multivariate_normal(m, c).logpdf(X).reshape(len(X))
        for w, m, c in zip(weights, means, covariances)])
    return logsumexp(log_terms, axis=1).mean()


def naive_log_likelihood(X, weights, means, covariances):
    return np.log(weighted_densities(X, weights, means, covariances).sum(axis=1)).mean()


def test_log_likelihood_right_answer_passes(capsys):
    assert verdict(capsys, check_log_likelihood, log_likelihood) == (
        True, "✓ All 4 cases pass\n")


@pytest.mark.parametrize("wrong, hint", [
    (naive_log_likelihood, "Case 2 of 4: you return -inf. Some points here lie far "
     "from every component"),
    (lambda *args: log_likelihood(*args) * len(args[0]), "that is the total"),
    (lambda X, w, m, c: log_likelihood(X, np.ones_like(w), m, c),
     "did you add log πₖ"),
    (lambda X, w, m, c: np.max([np.log(wk) + multivariate_normal(mk, ck).logpdf(X)
                                for wk, mk, ck in zip(w, m, c)], axis=0).mean(),
     "you kept only the largest term"),
    (lambda X, w, m, c: np.sum([np.log(wk) + multivariate_normal(mk, ck).logpdf(X)
                                for wk, mk, ck in zip(w, m, c)], axis=0).mean(),
     "the log of a sum is not the sum of the logs"),
    (lambda X, w, m, c: [log_likelihood(X, w, m, c)] * len(X),
     "return the mean over the samples, one number"),
])
def test_log_likelihood_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_log_likelihood, wrong)
    assert result is False
    assert hint in out


# -- lesson 03: the EM loop from the learner's own steps -----------------------------
def m_step_full(X, resp):
    nk = resp.sum(axis=0)
    means = resp.T @ X / nk[:, None]
    covariances = np.array([np.cov(X.T, aweights=r, bias=True).reshape(X.shape[1], -1)
                            for r in resp.T])
    return nk / len(X), means, covariances


def em_loop(X, weights, means, covariances, n_iter, record_after_m_step=False,
            iterations_off_by=0):
    lls = []
    for _ in range(n_iter + iterations_off_by):
        if not record_after_m_step:
            lls.append(log_likelihood(X, weights, means, covariances))
        resp = e_step(X, weights, means, covariances)
        weights, means, covariances = m_step_full(X, resp)
        if record_after_m_step:
            lls.append(log_likelihood(X, weights, means, covariances))
    return weights, means, covariances, lls[:n_iter]


def test_em_loop_right_answer_passes(capsys):
    assert verdict(capsys, check_em_loop, em_loop) == (True, "✓ All 3 cases pass\n")


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, w, m, c, n: (w, m, c, em_loop(X, w, m, c, n)[3]),
     "you return the starting parameters"),
    (lambda *args: em_loop(*args, iterations_off_by=-1), "3 iterations, one too few"),
    (lambda *args: em_loop(*args, iterations_off_by=1), "5 iterations, one too many"),
    (lambda *args: em_loop(*args, record_after_m_step=True),
     "you recorded each log-likelihood after the M-step"),
    (lambda X, *rest: em_loop(X, *rest)[:3] + (np.array(em_loop(X, *rest)[3]) * len(X),),
     "those are total log-likelihoods"),
    (lambda *args: em_loop(*args)[:3], "return four things"),
])
def test_em_loop_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_em_loop, wrong)
    assert result is False
    assert hint in out


def test_em_loop_with_a_bad_m_step_says_the_likelihood_fell(capsys):
    def shrinking(X, weights, means, covariances, n_iter):
        lls = []
        for _ in range(n_iter):
            lls.append(log_likelihood(X, weights, means, covariances))
            weights, means, covariances = m_step_full(X, e_step(X, weights, means,
                                                                  covariances))
            covariances = covariances * 3.0  # not the maximiser: the climb breaks
        return weights, means, covariances, lls

    result, out = verdict(capsys, check_em_loop, shrinking)
    assert result is False
    assert "your log-likelihood goes down at iteration" in out


# -- lesson 04: full M-step --------------------------------------------------------------
def test_m_step_full_right_answer_passes(capsys):
    assert verdict(capsys, check_m_step_full, m_step_full) == (
        True, "✓ All 4 cases pass\n")


def with_covariances(change):
    def wrong(X, resp):
        weights, means, covariances = m_step_full(X, resp)
        return weights, means, change(X, resp, means, covariances)
    return wrong


def unbiased(X, resp, means, covariances):
    return np.array([np.cov(X.T, aweights=r).reshape(X.shape[1], -1) for r in resp.T])


@pytest.mark.parametrize("wrong, hint", [
    (with_covariances(lambda X, r, mu, c: c + 1e-6 * np.eye(X.shape[1])),
     "Case 4 of 4: every variance is 1e-06 larger than the reference: you added reg_covar"),
    (with_covariances(lambda X, r, mu, c: c * r.sum(axis=0)[:, None, None] / len(X)),
     "not by n_samples"),
    (with_covariances(unbiased), "np.cov(..., aweights=r) divides by Nₖ − Σr²/Nₖ"),
    (with_covariances(lambda X, r, mu, c: c * (r.sum(axis=0) / (r.sum(axis=0) - 1))[
        :, None, None]), "divide by Nₖ, not Nₖ − 1"),
    (with_covariances(lambda X, r, mu, c: np.array([
        np.cov(X.T, aweights=w, bias=True).reshape(X.shape[1], -1) * 0 +
        ((X - X.mean(axis=0)).T * w) @ (X - X.mean(axis=0)) / w.sum() for w in r.T])),
     "not on the overall mean"),
    (with_covariances(lambda X, r, mu, c: np.array([(X - m).T @ (X - m) / len(X)
                                                    for m in mu])),
     "weighted by its responsibility"),
    (with_covariances(lambda X, r, mu, c: np.einsum("kii->ki", c)), "not only the variances"),
    (with_covariances(lambda X, r, mu, c: c + np.triu(np.ones(c.shape[1:]), 1)),
     "not symmetric"),
])
def test_m_step_full_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_m_step_full, wrong)
    assert result is False
    assert hint in out


# -- lesson 05: K-Means distortion J -----------------------------------------------------
def distortion(X, centers, labels):
    return sum(np.linalg.norm(x - centers[k]) ** 2 for x, k in zip(X, labels))


def test_distortion_right_answer_passes(capsys):
    assert verdict(capsys, check_distortion, distortion) == (True, "✓ All 4 cases pass\n")


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, c, l: distortion(X, c, l) / len(X), "that is the mean"),
    (lambda X, c, l: sum(np.linalg.norm(x - c[k]) for x, k in zip(X, l)),
     "those are distances"),
    (lambda X, c, l: sum(min(np.sum((x - ck) ** 2) for ck in c) for x in X),
     "you used each point's nearest centre"),
    (lambda X, c, l: np.sum((X - c[l]) ** 2, axis=1), "J is one number"),
])
def test_distortion_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_distortion, wrong)
    assert result is False
    assert hint in out


# -- lesson 06: the best of n_init runs -----------------------------------------------
def test_best_run_right_answer_passes(capsys):
    assert verdict(capsys, check_best_run, lambda lls: int(np.nanargmax(lls))) == (
        True, "✓ All 4 cases pass\n")


@pytest.mark.parametrize("wrong, hint", [
    (lambda lls: int(np.nanargmin(lls)), "you picked the worst run"),
    (lambda lls: np.nanmax(lls), "you returned the best log-likelihood"),
    (lambda lls: int(np.nanargmax(lls)) + 1, "off by one"),
    (lambda lls: int(np.argmax(lls)), "Case 2 of 4: you picked a run whose "
     "log-likelihood is NaN"),
    (lambda lls: [int(np.nanargmax(lls))], "return one position"),
])
def test_best_run_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_best_run, wrong)
    assert result is False
    assert hint in out


# -- lesson 07: n_parameters ---------------------------------------------------------------
def count(n_components, n_features, covariance_type):
    K, D = n_components, n_features
    covariance = {"full": K * D * (D + 1) / 2, "tied": D * (D + 1) / 2,
                  "diag": K * D, "spherical": K}[covariance_type]
    return int(K - 1 + K * D + covariance)


def test_n_parameters_right_answer_passes(capsys):
    assert verdict(capsys, check_n_parameters, count) == (True, "✓ All 16 cases pass\n")


@pytest.mark.parametrize("wrong, hint", [
    (lambda K, D, t: count(K, D, t) + 1, "one too many: the K weights sum to 1"),
    (lambda K, D, t: count(K, D, t) - 1, "one too few"),
    (lambda K, D, t: count(K, D, t) + (K * D * (D - 1) // 2 if t == "full" else 0),
     "not D²"),
    (lambda K, D, t: count(K, D, t) + ((K - 1) * D * (D + 1) // 2 if t == "tied" else 0),
     "'tied' shares ONE matrix"),
    (lambda K, D, t: count(K, D, t) + (K * D - K if t == "spherical" else 0),
     "Case 4 of 16: for K=3, D=2, 'spherical': 'spherical' has a single variance"),
    (lambda K, D, t: count(K, D, t) - K * D, "the means are missing"),
    (lambda K, D, t: count(K, D, t) + 0.5, "a number of parameters is a whole number"),
    (lambda K, D, t: str(count(K, D, t)), "got text ('17')"),
])
def test_n_parameters_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_n_parameters, wrong)
    assert result is False
    assert hint in out


# -- lesson 10: a collapsing component -------------------------------------------------
def collapsed(covariances, threshold):
    return np.array([np.linalg.eigvalsh(c).min() < threshold for c in covariances])


def test_collapsed_right_answer_passes(capsys):
    assert verdict(capsys, check_collapsed, collapsed) == (True, "✓ All 4 cases pass\n")


@pytest.mark.parametrize("wrong, hint", [
    (lambda c, t: np.array([np.diag(ck).min() < t for ck in c]), "you looked at the diagonal"),
    (lambda c, t: np.array([np.linalg.eigvalsh(ck).max() < t for ck in c]),
     "SMALLEST variance"),
    (lambda c, t: np.flatnonzero(collapsed(c, t)), "you returned positions"),
    (lambda c, t: collapsed(c, t)[:2], "Case 1 of 4: wrong shape for the mask: got (2,), "
     "expected (3,) — this case has 3 components"),
])
def test_collapsed_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_collapsed, wrong)
    assert result is False


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


# -- lesson 03: the rate of convergence ------------------------------------------
def rate_by_diff(log_likelihoods):
    steps = np.diff(log_likelihoods)
    return steps[-1] / steps[-2]


def rate_by_indexing(ll):
    return float((ll[-1] - ll[-2]) / (ll[-2] - ll[-3]))


@pytest.mark.parametrize("right", [rate_by_diff, rate_by_indexing])
def test_convergence_rate_right_answers_pass(capsys, right):
    assert verdict(capsys, check_convergence_rate, right) == (True, "✓ All 4 cases pass\n")


def test_convergence_rate_of_a_geometric_sequence_is_its_ratio():
    # the reference is the textbook formula: on an exact geometric sequence
    # of increments, the rate is the common ratio
    ll = -10 + 2 * (1 - 0.7 ** np.arange(1, 20))
    assert rate_by_diff(ll) == pytest.approx(0.7, rel=1e-9)


@pytest.mark.parametrize("wrong, hint", [
    (lambda ll: ll[-1] / ll[-2], "ratio of two log-likelihoods"),
    (lambda ll: 1 / rate_by_diff(ll), "upside down"),
    (lambda ll: -rate_by_diff(ll), "the sign"),
    (lambda ll: np.sqrt(rate_by_diff(ll)), "sqrt(rho)"),
    (lambda ll: (ll[2] - ll[1]) / (ll[1] - ll[0]), "LAST three values"),
    (lambda ll: (ll[-1] - ll[-2]) / (ll[-1] - ll[-3]), "previous increment"),
    (lambda ll: np.diff(ll)[-2:], "wrong shape"),
    (lambda ll: 0.5, "you return 0.500000"),
])
def test_convergence_rate_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_convergence_rate, wrong)
    assert result is False
    assert out.startswith("✗ Case 1 of 4: ")
    assert hint in out


# -- lesson 04: the squared Mahalanobis distance -----------------------------------
def mahalanobis_by_inverse(X, means, covariances):
    return np.stack([np.sum((X - m) @ np.linalg.inv(c) * (X - m), axis=1)
                     for m, c in zip(means, covariances)], axis=1)


def mahalanobis_by_scipy(X, means, covariances):
    from scipy.spatial.distance import cdist
    return np.column_stack([cdist(X, m[None], "mahalanobis", VI=np.linalg.inv(c))[:, 0] ** 2
                            for m, c in zip(means, covariances)])


@pytest.mark.parametrize("right", [mahalanobis_by_inverse, mahalanobis_by_scipy])
def test_mahalanobis_right_answers_pass(capsys, right):
    assert verdict(capsys, check_mahalanobis, right) == (True, "✓ All 4 cases pass\n")


def test_mahalanobis_of_a_gaussian_sample_averages_the_dimension():
    # the checker's reference, by an independent fact: for x ~ N(mu, Sigma),
    # d^2 follows chi^2_D, whose mean is D
    from gmmteach.exercises.mahalanobis import _reference
    rng = np.random.default_rng(0)
    cov = np.array([[2.0, 1.2, 0.0], [1.2, 1.5, 0.3], [0.0, 0.3, 0.5]])
    X = rng.multivariate_normal([1.0, -2.0, 0.5], cov, size=20000)
    d2 = _reference(X, np.array([[1.0, -2.0, 0.5]]), cov[None])
    assert d2.mean() == pytest.approx(3.0, rel=0.02)


def mahalanobis_quadratic(X, means, matrices):
    return np.stack([np.sum((X - m) @ a * (X - m), axis=1) for m, a in zip(means, matrices)],
                    axis=1)


@pytest.mark.parametrize("wrong, hint", [
    (lambda X, m, c: np.sqrt(mahalanobis_by_inverse(X, m, c)), "SQUARE"),
    (lambda X, m, c: mahalanobis_quadratic(X, m, c), "INVERSE covariance"),
    (lambda X, m, c: mahalanobis_quadratic(X, m, [np.eye(X.shape[1])] * len(m)),
     "Euclidean"),
    (lambda X, m, c: mahalanobis_by_inverse(X, m, [np.diag(np.diag(a)) for a in c]),
     "only the variances"),
    (lambda X, m, c: mahalanobis_by_inverse(X, m, [c[0]] * len(m)), "covariances[k]"),
    (lambda X, m, c: 0.5 * mahalanobis_by_inverse(X, m, c), "no ½"),
    (lambda X, m, c: mahalanobis_by_inverse(X, m, c).T, "transpose"),
    (lambda X, m, c: mahalanobis_by_inverse(X, m, c) + 1, "you return ["),
])
def test_mahalanobis_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_mahalanobis, wrong)
    assert result is False
    assert out.startswith("✗ Case 1 of 4: ")
    assert hint in out


# -- lesson 12: ICL from BIC and the responsibilities ----------------------------------
def icl_by_hard_labels(bic, resp):
    # the completed likelihood's penalty: the log of the responsibility of the
    # component each point is assigned to, read through its hard label
    labels = np.argmax(resp, axis=1)
    return bic - 2 * np.log(resp[np.arange(len(resp)), labels]).sum()


def test_icl_right_answer_passes(capsys):
    assert verdict(capsys, check_icl, icl_by_hard_labels) == (True, "✓ All 4 cases pass\n")


def entropy_of(resp):
    return -np.sum(resp * np.log(np.where(resp > 0, resp, 1)))


@pytest.mark.parametrize("wrong, hint", [
    (lambda b, r: b + 2 * np.log(r.max(axis=1)).sum(), "plus a penalty"),
    (lambda b, r: -icl_by_hard_labels(b, r), "mclust's sign"),
    (lambda b, r: b - np.log(r.max(axis=1)).sum(), "forgot the 2"),
    (lambda b, r: b + 2 * entropy_of(r), "twice the entropy"),
    (lambda b, r: b - 2 * np.log10(r.max(axis=1)).sum(), "natural logarithm"),
    (lambda b, r: b - 2 * np.log(r.max(axis=1)).mean(), "not the mean"),
    (lambda b, r: [icl_by_hard_labels(b, r)] * 2, "wrong shape"),
    (lambda b, r: icl_by_hard_labels(b, r) + 1, "expected"),
])
def test_icl_mistakes_get_their_hint(capsys, wrong, hint):
    result, out = verdict(capsys, check_icl, wrong)
    assert result is False and out.startswith("✗ Case 1 of 4: ")
    assert hint in out
