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
on past an unfinished exercise. A function that runs longer than
``TIME_LIMIT_S`` seconds is stopped, and one that calls ``sys.exit()`` is
reported, each in one sentence. Text and complex numbers never pass.

A checker returns a :class:`Verdict`: true when every case passes, so a
solution notebook can ``assert check_e_step(e_step)``, and displayed as
nothing, so a bare call at the end of a cell shows only the printed line.

Introduced in lessons/01_gaussians_and_mixtures.ipynb.
"""

from ._harness import TIME_LIMIT_S, Verdict
from .anomaly import check_anomaly_threshold
from .collapse import check_collapsed
from .counting import check_n_parameters
from .bayes import check_stick_breaking_weights
from .criteria import check_bic
from .density import check_mixture_pdf
from .distortion import check_distortion
from .em_loop import check_em_loop
from .expectation import check_e_step
from .icl import check_icl
from .likelihood import check_log_likelihood
from .mahalanobis import check_mahalanobis
from .maximisation import check_m_step_diag
from .maximisation_full import check_m_step_full
from .rate import check_convergence_rate
from .restarts import check_best_run

__all__ = [
    "check_mixture_pdf",
    "check_e_step",
    "check_log_likelihood",
    "check_em_loop",
    "check_m_step_diag",
    "check_m_step_full",
    "check_distortion",
    "check_best_run",
    "check_bic",
    "check_n_parameters",
    "check_anomaly_threshold",
    "check_collapsed",
    "Verdict",
    "TIME_LIMIT_S",
    "check_stick_breaking_weights",
    "check_convergence_rate",
    "check_mahalanobis",
    "check_icl",
]
