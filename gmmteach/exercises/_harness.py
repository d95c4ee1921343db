"""Running a learner's function safely and turning every failure into a hint.

Part of :mod:`gmmteach.exercises`.
"""

import numbers
import signal
import threading
import time
import traceback
import warnings

import numpy as np

# Float answers are compared with this slack: a correct implementation may sum
# in another order or go through log-space, which changes the last few digits.
RTOL, ATOL = 1e-5, 1e-8

# A right answer to any exercise takes milliseconds; a call that runs longer
# than this is a loop that never ends (or one that does far too much work).
TIME_LIMIT_S = 5.0


class _Hint(Exception):
    """What to tell the learner about a wrong answer."""

class _NotDone(_Hint):
    """The function is still the unfinished template."""

class _TimeUp(BaseException):
    """Raised inside the learner's code when the time limit is reached.

    A BaseException, so that the learner's own ``except Exception:`` does not
    swallow it.
    """


class Verdict:
    """What a checker found: true when every case passes.

    The checker has already printed the verdict, so the object displays
    nothing: a bare ``check_x(fn)`` at the end of a cell shows one line, and
    ``assert check_x(fn)`` works in the solution notebooks.

    Attributes
    ----------
    passed : bool
    message : str
        The line that was printed.
    """

    def __init__(self, passed, message):
        self.passed, self.message = bool(passed), message

    def __bool__(self):
        return self.passed

    def __repr__(self):
        return ""  # shown once, by print; a plain REPL prints an empty line

    def _ipython_display_(self):
        """Jupyter and IPython: display nothing (no stray ``True``)."""


def _verdict(passed, message):
    print(message)
    return Verdict(passed, message)


# -- running the learner's function ------------------------------------------
def _where(exc, fn):
    """`` (at `line`)`` for the line of the learner's code that raised."""
    filename = getattr(getattr(fn, "__code__", None), "co_filename", None)
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename == filename and f.line]
    return f" (at `{frames[-1].line.strip()}`)" if frames else ""


def _raise_time_up(signum, frame):
    raise _TimeUp


def _with_alarm(fn, args, seconds):
    """fn(*args), interrupted by SIGALRM after `seconds` (main thread only).

    A Jupyter kernel runs cells on its main thread, so this is the usual path;
    the timer and handler that were set before are put back afterwards.
    """
    start = time.monotonic()
    old_handler = signal.signal(signal.SIGALRM, _raise_time_up)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay > 0:  # someone else's timer (e.g. pytest-timeout): re-arm it
            left = max(old_delay - (time.monotonic() - start), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left, old_interval)


def _in_thread(fn, args, seconds):
    """fn(*args) in a helper thread; _TimeUp if it has not finished in time.

    Used off the main thread, where signals cannot be set: the learner's code
    cannot be stopped there, only abandoned (it runs on in the background).
    """
    outcome = {}

    def target():
        try:
            outcome["result"] = fn(*args)
        except BaseException as exc:  # handed to the caller below
            outcome["error"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise _TimeUp
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _timed(fn, args, seconds):
    on_main = threading.current_thread() is threading.main_thread()
    if on_main and hasattr(signal, "setitimer"):
        return _with_alarm(fn, args, seconds)
    return _in_thread(fn, args, seconds)


def _text(exc):
    """``Type: message`` of an exception, even one whose message cannot be shown."""
    try:
        message = str(exc)
    except Exception:  # the learner's own exception class may break __str__
        message = ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _guarded(step, args, who, explain):
    """step(*args) under the time limit, with every way of failing made a hint.

    The one boundary between the learner's code and the checker: it runs both
    the learner's function and the comparison of its answer (whose
    ``__array__``, ``__eq__``, ``__float__``... are the learner's code too).
    ``who`` names what ran in the hints for a timeout or ``sys.exit()``;
    ``explain(exc)`` makes the hint for any other exception, GeneratorExit and
    other BaseExceptions included. A hint raised by a comparison passes
    through; a KeyboardInterrupt (the stop button) is left to :func:`_run`.
    """
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")  # NaNs are reported by the hints instead
            return _timed(step, args, TIME_LIMIT_S)
    except (_Hint, KeyboardInterrupt):
        raise
    except _TimeUp:
        raise _Hint(f"{who} ran for more than {TIME_LIMIT_S:g} seconds and was "
                    "stopped; a right answer takes milliseconds. Look for a loop "
                    "that never ends (a `while` whose condition stays true).") from None
    except SystemExit:
        raise _Hint(f"{who} called sys.exit() (or exit() or quit()), which would "
                    "stop the notebook's kernel: `return` the answer instead.") from None
    except BaseException as exc:  # any bug in the learner's code becomes a hint
        raise explain(exc) from None


def _call(fn, args, signature):
    """fn(*copies of args), turning every way of failing into a hint."""
    name = getattr(fn, "__name__", "your function")
    copies = [np.array(a) if isinstance(a, np.ndarray) else a for a in args]
    result = _guarded(fn, copies, f"`{name}`",
                      lambda exc: _raised_hint(exc, fn, name, signature))
    if result is Ellipsis:
        raise _NotDone(f"`{name}` returns `...`: replace it with your code.")
    if result is None:
        raise _NotDone(f"`{name}` returned None: did you forget `return`?")
    return result


def _raised_hint(exc, fn, name, signature):
    """The hint for an exception raised by the learner's function."""
    if isinstance(exc, NotImplementedError):
        return _NotDone(f"`{name}` still raises NotImplementedError: replace that "
                        "line with your code.")
    if isinstance(exc, TypeError) and "argument" in _text(exc) and not _where(exc, fn):
        return _Hint(f"calling it raised {_text(exc)}. It must be {signature}.")
    return _Hint(f"your function raised {_text(exc)}{_where(exc, fn)}")


def _compared(compare, answer, expected, args):
    """compare(answer, expected, args), guarded like the learner's own call.

    An answer that numpy cannot read (a ragged list, a (mask, threshold)
    tuple, 10**400, NaN where a whole number is due, an object whose
    ``__array__`` raises) ends here as a hint, whatever the checker.
    """
    _guarded(compare, (answer, expected, args), "reading your answer",
             lambda exc: _Hint(f"your answer cannot be read as the number or array "
                               f"this exercise asks for ({_text(exc)}); return "
                               f"plain numbers or a numpy array of the right shape."))


def _run(fn, cases, compare, signature):
    """Check fn on every case; print one line and return a :class:`Verdict`."""
    if not callable(fn):
        return _verdict(False, f"✗ Pass the function itself, without calling it: "
                        f"{signature} is checked with check_...(name_of_your_function).")
    number = 0
    try:
        for number, (args, expected) in enumerate(cases, start=1):
            _compared(compare, _call(fn, args, signature), expected, args)
    except _NotDone as hint:
        return _verdict(False, f"Not done yet — {hint}")
    except _Hint as hint:
        return _verdict(False, f"✗ Case {number} of {len(cases)}: {hint}")
    except KeyboardInterrupt:  # the learner pressed stop: say so, no traceback
        return _verdict(False, f"✗ Stopped during case {number} of {len(cases)}: "
                        "the check was interrupted before it finished.")
    return _verdict(True, f"✓ All {len(cases)} cases pass")


# -- comparing answers ---------------------------------------------------------
def _not_a_number(value):
    return isinstance(value, (str, bytes, complex, np.complexfloating)) or not (
        isinstance(value, (numbers.Real, np.bool_)))


def _real_numbers(got, what):
    """got as a float array; a hint for text, complex numbers and the like."""
    try:
        array = np.asarray(got)
    except (TypeError, ValueError):  # ragged lists and other odd objects
        array = np.asarray(got, dtype=object)
    if array.dtype.kind in "USO" and array.size and any(
            isinstance(v, (str, bytes)) for v in array.ravel()):
        raise _Hint(f"{what} must be a number (or numbers), got text "
                    f"({str(array.ravel()[0])!r}): return the number itself, not a "
                    "string made from it.")
    if array.dtype.kind == "c" or (array.dtype.kind == "O" and any(
            isinstance(v, (complex, np.complexfloating)) for v in array.ravel())):
        raise _Hint(f"{what} must be real, got complex numbers: a square root or "
                    "log of a negative number? Every quantity here is real.")
    if array.dtype.kind == "O" and any(_not_a_number(v) for v in array.ravel()):
        raise _Hint(f"{what} should be an array of numbers, got a "
                    f"{type(got).__name__} holding other things.")
    try:
        return array.astype(float)
    except (TypeError, ValueError):
        raise _Hint(f"{what} should be an array of numbers, got a "
                    f"{type(got).__name__}.") from None


def _hard_coded_k(shape, got_shape, k_axis):
    """A hint when only the number of components differs, else ''."""
    if k_axis is None or len(shape) != len(got_shape):
        return ""
    differ = [i for i, (a, b) in enumerate(zip(shape, got_shape)) if a != b]
    if differ != [k_axis % len(shape)]:
        return ""
    return (f" — this case has {shape[k_axis]} components and you return "
            f"{got_shape[k_axis]}: is a number of components written into your code? "
            "Take it from the inputs (e.g. len(weights) or resp.shape[1]).")


def _array(got, shape, what, shape_hints=None, k_axis=None):
    """got as a float array of the expected shape, or a hint about its shape.

    ``k_axis`` is the axis that counts components, for the hint about a
    hard-coded number of components (the cases vary K).
    """
    array = _real_numbers(got, what)
    if array.shape == shape:
        return array
    hint = (shape_hints or {}).get(array.shape, "") or _hard_coded_k(
        shape, array.shape, k_axis)
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


def _added_to_diagonal(got, expected):
    """The constant c > 0 if got = expected + c on every variance, else None.

    ``got`` and ``expected`` are variances (K, D) or covariances (K, D, D).
    """
    diff = np.asarray(got) - np.asarray(expected)
    if diff.ndim == 3:  # full matrices: the off-diagonal entries must agree
        off = diff - np.einsum("kii->ki", diff)[..., None] * np.eye(diff.shape[-1])
        if not np.allclose(off, 0, atol=ATOL):
            return None
        diff = np.einsum("kii->ki", diff)
    c = float(np.median(diff))
    if c > 0 and np.allclose(diff, c, rtol=1e-3, atol=0):
        return c
    return None


def _reg_covar_hint(got, expected):
    c = _added_to_diagonal(got, expected)
    if c is not None:
        raise _Hint(f"every variance is {c:.3g} larger than the reference: you added "
                    "reg_covar, which this task asks you to leave out (it is not part "
                    "of the maximum-likelihood formula; on data with tiny variances "
                    "it changes the answer).")


def _fmt(values):
    return np.array2string(np.asarray(values), precision=4, separator=", ")
