"""Running a learner's function safely and turning every failure into a hint.

Part of :mod:`gmmteach.exercises`.
"""

import traceback
import warnings

import numpy as np

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
