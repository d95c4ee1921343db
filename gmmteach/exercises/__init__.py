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

from .anomaly import check_anomaly_threshold
from .bayes import check_stick_breaking_weights
from .criteria import check_bic
from .density import check_mixture_pdf
from .expectation import check_e_step
from .maximisation import check_m_step_diag

__all__ = [
    "check_mixture_pdf",
    "check_e_step",
    "check_m_step_diag",
    "check_bic",
    "check_anomaly_threshold",
    "check_stick_breaking_weights",
]
