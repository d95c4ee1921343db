"""Checks of the widgets' constructor arguments: a sentence naming the fix.

A widget's controls (ipywidgets traits) refuse a bad value with a TraitError
that names neither the argument nor what would do; and a slider silently
clamps a value outside its range. These checks run first, so a bad argument
gets a ValueError or TypeError that says which argument and what to pass.

Part of :mod:`gmmteach.widgets`.
"""

from .. import _checks

# The seed boxes (BoundedIntText) hold 0 .. 2**31 - 1.
MAX_SEED = 2**31 - 1


def check_choice(value, name, choices):
    """``value`` if it is one of ``choices``, else a ValueError listing them."""
    if isinstance(value, str) and value in choices:
        return value
    raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; "
                     f"got {value!r}.{_checks.did_you_mean(value, choices)}")


def check_int_between(value, name, low, high, why=""):
    """An int in ``[low, high]`` (no silent clamping to a slider's range)."""
    value = _checks.check_int(value, name)
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}{why}; got {value}.")
    return value


def check_real_between(value, name, low, high, why=""):
    """A finite number in ``[low, high]`` (no silent clamping to a slider's range)."""
    value = _checks.check_real(value, name)
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}{why}; got {value}.")
    return value


def check_seed(random_state):
    """A seed for the seed box, 0 .. 2**31 - 1."""
    return check_int_between(random_state, "random_state", 0, MAX_SEED,
                             " (the seed box's range)")


def check_run(max_iter, tol):
    """EM's ``max_iter`` (>= 1) and ``tol`` (>= 0), checked."""
    return (_checks.check_int(max_iter, "max_iter", minimum=1),
            _checks.check_real(tol, "tol", minimum=0,
                               hint="use 0 to run exactly max_iter iterations."))


def check_step_index(index, n_steps, name="index"):
    """A step of a trajectory of ``n_steps``: an int, negative from the end.

    A number outside the trajectory is an IndexError that states the range
    (Python's protocol for a position in a sequence).
    """
    index = _checks.check_int(index, name, hint="a step number, e.g. 0 for the start.")
    if not -n_steps <= index < n_steps:
        raise IndexError(f"{name}={index} is outside the trajectory: it has {n_steps} "
                         f"steps, 0 .. {n_steps - 1} (or -{n_steps} .. -1 from the end).")
    return index
