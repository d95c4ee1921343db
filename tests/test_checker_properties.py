"""The checkers' promise, on arbitrary answers (hypothesis).

Whatever the learner's function returns or raises, every ``check_*`` of
:mod:`gmmteach.exercises` prints a hint and returns a false verdict: it
never raises and never hangs. The checkers are taken from the module's
``__all__``, so a new checker is covered without editing this file.
"""

import builtins

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import gmmteach.exercises as exercises
import gmmteach.exercises._harness as harness

CHECKERS = [name for name in exercises.__all__ if name.startswith("check_")]


# dunders are looked up on the type, so each broken conversion gets a class
BROKEN_METHODS = ["__array__", "__len__", "__iter__", "__float__", "__int__",
                  "__eq__", "__index__", "__bool__", "__getitem__", "__repr__",
                  "__format__", "__lt__", "__sub__"]


def _broken(method, error):
    def fail(self, *args, **kwargs):
        raise error("broken answer")
    extra = {"__len__": lambda self: 3} if method == "__getitem__" else {}
    return type(f"Broken{method.strip('_').title()}", (), {method: fail, **extra})()


class BadMessage(Exception):
    """An exception whose message cannot even be turned into text."""

    def __str__(self):
        raise RuntimeError("no message")


EXCEPTIONS = sorted(
    (cls for cls in vars(builtins).values()
     if isinstance(cls, type) and issubclass(cls, BaseException)
     and cls not in (KeyboardInterrupt, SystemExit, BaseExceptionGroup, ExceptionGroup)),
    key=lambda cls: cls.__name__) + [BadMessage]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.sampled_from([10**400, -10**400, 2**63]),
    st.floats(allow_nan=True, allow_infinity=True), st.complex_numbers(),
    st.text(max_size=5), st.binary(max_size=5), st.just(Ellipsis),
    st.sampled_from([np.nan, np.inf, -np.inf, np.float64("nan"), np.int64(3),
                     np.float32("inf"), np.bool_(True), np.str_("3")]))

arrays = hnp.arrays(
    dtype=st.one_of(hnp.scalar_dtypes(), hnp.byte_string_dtypes(), hnp.unicode_string_dtypes()),
    shape=hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5))

broken = st.builds(_broken, st.sampled_from(BROKEN_METHODS),
                   st.sampled_from([ValueError, TypeError, RuntimeError, GeneratorExit,
                                    OverflowError, BadMessage]))

answers = st.recursive(
    st.one_of(scalars, arrays, broken),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),  # ragged nested lists, mixed types
        st.tuples(inner, inner),  # e.g. (mask, threshold)
        st.tuples(arrays, scalars),
        st.dictionaries(st.text(max_size=3), inner, max_size=3)),
    max_leaves=8)

behaviours = st.one_of(
    answers.map(lambda value: ("return", value)),
    st.sampled_from(EXCEPTIONS).map(lambda error: ("raise", error)))


def learner(behaviour):
    kind, value = behaviour

    def my_answer(*args):
        if kind == "raise":
            raise value("from the learner")
        return value
    return my_answer


@pytest.fixture
def short_time_limit(monkeypatch):
    monkeypatch.setattr(harness, "TIME_LIMIT_S", 2.0)


def test_every_checker_is_exercised():
    assert len(CHECKERS) >= 16 and all(callable(getattr(exercises, n)) for n in CHECKERS)


@pytest.mark.parametrize("name", CHECKERS)
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(behaviour=behaviours)
def test_any_answer_gets_a_false_verdict_and_a_hint(name, behaviour, capsys, short_time_limit):
    verdict = getattr(exercises, name)(learner(behaviour))
    printed = capsys.readouterr().out
    assert not verdict, (name, behaviour)
    assert isinstance(verdict, exercises.Verdict)
    assert printed.strip() and printed.startswith(("✗", "Not done yet")), printed
    assert "Traceback" not in printed


@pytest.mark.parametrize("name", CHECKERS)
@pytest.mark.parametrize("stop", [KeyboardInterrupt, SystemExit])
def test_stopping_the_kernel_still_ends_in_a_sentence(name, stop, capsys):
    def my_answer(*args):
        raise stop
    verdict = getattr(exercises, name)(my_answer)
    assert not verdict and capsys.readouterr().out.startswith("✗")
