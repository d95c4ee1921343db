"""Choices by name (covariance types, data sets, options): "did you mean" for a typo.

Part of :mod:`gmmteach._checks`.
"""

import difflib

from .._names import ALL_COVARIANCE_TYPES

__all__ = ["check_covariance_type", "check_choice", "did_you_mean", "is_sequence"]


def check_covariance_type(covariance_type, allowed=None, owner=None):
    """sklearn's four types or mclust's 14 models, else a ValueError listing them.

    ``allowed`` narrows the choice (e.g. the four types a variational fit
    supports); ``owner`` names who narrows it, for the message.
    """
    if not isinstance(covariance_type, str):
        raise TypeError(f"covariance_type must be a name such as 'full', got "
                        f"{covariance_type!r}.")
    if allowed is not None and covariance_type not in allowed:
        also = (f" mclust's {covariance_type!r} is fitted by GaussianMixture and "
                "select_model." if covariance_type in ALL_COVARIANCE_TYPES else "")
        raise ValueError(
            f"{owner} supports covariance_type "
            f"{', '.join(repr(t) for t in allowed)}; got {covariance_type!r}.{also}"
            f"{did_you_mean(covariance_type, allowed)}")
    if covariance_type not in ALL_COVARIANCE_TYPES:
        raise ValueError(
            f"Unknown covariance_type {covariance_type!r}; choose one of "
            f"{', '.join(repr(t) for t in ALL_COVARIANCE_TYPES)}."
            f"{did_you_mean(covariance_type, ALL_COVARIANCE_TYPES)}")
    return covariance_type


def check_choice(value, choices, name):
    """One of ``choices``, else a ValueError listing them and the nearest.

    A misspelling in any case (``'FULL'``, ``'ful'``) gets "Did you mean ...?".
    """
    choices = list(choices)
    if isinstance(value, str) and value in choices:
        return value
    raise ValueError(f"{name}={value!r} is not one of "
                     f"{', '.join(repr(c) for c in choices)}.{did_you_mean(value, choices)}")


def did_you_mean(value, choices):
    """`` Did you mean 'x'?`` for the choice nearest ``value`` (any case), or ''."""
    if not isinstance(value, str) or not value:
        return ""
    lower = {str(c).lower(): c for c in choices}
    if value.lower() in lower:
        return f" Did you mean {lower[value.lower()]!r}?"
    close = difflib.get_close_matches(value.lower(), list(lower), n=1, cutoff=0.5)
    return f" Did you mean {lower[close[0]]!r}?" if close else ""


def is_sequence(value):
    """True for a list, tuple, range or other iterable of items; False for text."""
    # a string iterates over its letters, never what a list of names or K values means
    return hasattr(value, "__iter__") and not isinstance(value, (str, bytes))
