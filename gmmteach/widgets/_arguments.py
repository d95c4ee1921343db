"""Checks of the widgets' constructor arguments: a sentence naming the fix.

A widget's controls (ipywidgets traits) refuse a bad value with a TraitError
that names neither the argument nor what would do; and a slider silently
clamps a value outside its range. These checks run first, so a bad argument
gets a ValueError or TypeError that says which argument and what to pass.

Part of :mod:`gmmteach.widgets`.
"""

import difflib

from .._checks import check_positive_int


def check_choice(value, name, choices):
    """``value`` if it is one of ``choices``, else a ValueError listing them."""
    if isinstance(value, str) and value in choices:
        return value
    close = difflib.get_close_matches(str(value).lower(), list(choices), n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; "
                     f"got {value!r}.{hint}")


def check_int_between(value, name, low, high, why=""):
    """An int in ``[low, high]`` (no silent clamping to a slider's range)."""
    value = check_positive_int(value, name, minimum=-2**63)
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}{why}; got {value}.")
    return value
