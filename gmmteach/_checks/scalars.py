"""Single numbers: counts, sizes, tolerances, seeds, flags.

Part of :mod:`gmmteach._checks`.
"""

import numbers

import numpy as np

__all__ = [
    "check_positive_int", "check_n_components", "check_nonnegative", "check_random_state",
    "check_int", "check_real", "check_bool", "check_seed", "InvalidParameterError",
]


class InvalidParameterError(ValueError, TypeError):
    """A parameter of the wrong kind (text where a number is due, None...).

    Both a ValueError and a TypeError, as scikit-learn's exception of that
    name: code written against sklearn catches it as a ValueError.
    """


def check_positive_int(value, name, minimum=1):
    """An int >= ``minimum`` (bools are refused), else TypeError/ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidParameterError(
            f"{name} must be an integer, got {value!r}; pass a whole number >= "
            f"{minimum}, e.g. {name}={max(minimum, 3)}.")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}.")
    return int(value)


def check_n_components(n_components):
    """A positive integer number of components."""
    return check_positive_int(n_components, "n_components", minimum=1)


def check_nonnegative(value, name, hint):
    """A finite real number >= 0, else a ValueError that ends with ``hint``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r}.")
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value}; {hint}")
    return float(value)


def check_random_state(seed):
    """A ``numpy.random.RandomState`` from None, an int or a RandomState.

    A RandomState is used as is (its stream goes on from where it is), so
    repeated starts draw new numbers, exactly as in scikit-learn.
    """
    if isinstance(seed, np.random.RandomState):
        return seed
    if seed is None:
        return np.random.mtrand._rand  # numpy's global stream, as sklearn
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        if not 0 <= seed <= 2**32 - 1:
            raise ValueError(
                f"random_state must be an int between 0 and 2**32 - 1, None, or a "
                f"numpy RandomState; got {seed}. Use e.g. random_state=0.")
        return np.random.RandomState(seed)
    raise TypeError(
        f"random_state must be None, an int or a numpy RandomState, got {seed!r}; "
        "e.g. random_state=0."
    )


def check_int(value, name, minimum=None, maximum=None, hint=""):
    """A whole number in ``[minimum, maximum]`` (bools refused), else a sentence.

    Out of range is an error that states the range, never a clamped value.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer (a whole number), got {value!r}"
                        f"{' (a ' + type(value).__name__ + ')' if value is not None else ''}."
                        f"{' ' + hint if hint else ''}")
    _check_range(value, name, minimum, maximum, hint)
    return int(value)


def check_real(value, name, minimum=None, maximum=None, hint="", strict=False):
    """A finite real number in ``[minimum, maximum]`` (``(minimum, ...`` if strict)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r}"
                        f" (a {type(value).__name__}).{' ' + hint if hint else ''}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}."
                         f"{' ' + hint if hint else ''}")
    if strict and minimum is not None and value <= minimum:
        raise ValueError(f"{name} must be greater than {minimum}, got {value}."
                         f"{' ' + hint if hint else ''}")
    _check_range(value, name, minimum, maximum, hint)
    return float(value)


def _check_range(value, name, minimum, maximum, hint):
    low = "" if minimum is None else f"{minimum} <= "
    high = "" if maximum is None else f" <= {maximum}"
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ValueError(f"{name} must satisfy {low}{name}{high}, got {value}."
                         f"{' ' + hint if hint else ''}")


def check_bool(value, name):
    """True or False (numpy's too), else a TypeError."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}.")
    return bool(value)


def check_seed(value, name="random_state"):
    """An int seed in ``0 .. 2**32 - 1`` (what numpy's RandomState takes)."""
    return check_int(value, name, 0, 2**32 - 1, "use e.g. random_state=0.")
