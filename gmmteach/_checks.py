"""Input checks that fail early with a sentence a student can act on."""

import numbers

import numpy as np

from .covariance import COVARIANCE_TYPES

__all__ = [
    "check_X",
    "check_n_components",
    "check_covariance_type",
    "check_nonnegative",
    "check_positive_int",
    "check_random_state",
]


def check_X(X, n_components=None, n_features=None, name="X", *, min_samples=1,
            keep_float32=False):
    """Return X as a 2-D float array, or raise a ValueError that says why not.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_components : int, optional
        If given, X must have at least this many rows.
    n_features : int, optional
        If given (a fitted model), X must have exactly this many columns.
    min_samples : int, default=1
        Fewest rows accepted (a fit needs 2, as in sklearn).
    keep_float32 : bool, default=False
        Return float32 input as float32 (the estimators do, as sklearn);
        everything else becomes float64.
    """
    X = _as_float_array(X, name, keep_float32)
    if X.ndim == 1:
        raise ValueError(
            f"{name} is 1-D (shape {X.shape}) but must be 2-D, one row per sample. "
            f"For a single feature use {name}.reshape(-1, 1); for a single sample "
            f"use {name}.reshape(1, -1)."
        )
    if X.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D of shape (n_samples, n_features), got {X.ndim}-D "
            f"shape {X.shape}; reshape it to one row per sample."
        )
    if X.size == 0:
        raise ValueError(
            f"{name} is empty (shape {X.shape}); pass at least one sample with at "
            "least one feature."
        )
    _check_finite(X, name)
    if X.shape[0] < min_samples:
        raise ValueError(
            f"{name} has {X.shape[0]} sample(s) but at least {min_samples} are needed "
            "to fit; pass more rows (one row per sample)."
        )
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(
            f"{name} has {X.shape[1]} features but the model was fitted on "
            f"{n_features}; pass data with the same {n_features} columns."
        )
    if n_components is not None and X.shape[0] < n_components:
        raise ValueError(
            f"{name} has {X.shape[0]} samples, fewer than n_components="
            f"{n_components}; use more data or set n_components <= {X.shape[0]}."
        )
    return X


def _as_float_array(X, name, keep_float32):
    # Complex numbers would be silently cut to their real part by float(),
    # so they are refused before any conversion.
    if _is_complex(X):
        raise TypeError(
            f"{name} holds complex numbers, which a Gaussian mixture cannot model; "
            f"pass real data, e.g. np.column_stack([{name}.real, {name}.imag])."
        )
    dtype = getattr(X, "dtype", None)
    keep = keep_float32 and dtype is not None and np.dtype(dtype) == np.float32
    try:
        return np.asarray(X, dtype=np.float32 if keep else np.float64)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be numbers in a 2-D array of shape (n_samples, n_features); "
            "convert text or mixed columns to numbers first."
        ) from None


def _is_complex(X):
    try:
        return np.iscomplexobj(X)
    except (TypeError, ValueError):  # ragged or mixed input: refused just below
        return False


def _check_finite(X, name):
    bad = ~np.isfinite(X)
    if bad.any():
        row, col = np.argwhere(bad)[0]
        raise ValueError(
            f"{name} contains {np.count_nonzero(bad)} NaN or infinite value(s) "
            f"(first at row {row}, column {col}); drop or impute them first, "
            f"e.g. {name} = {name}[np.isfinite({name}).all(axis=1)]."
        )


def check_positive_int(value, name, minimum=1):
    """An int >= ``minimum`` (bools are refused), else TypeError/ValueError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}.")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}.")
    return int(value)


def check_n_components(n_components):
    """A positive integer number of components."""
    return check_positive_int(n_components, "n_components", minimum=1)


def check_covariance_type(covariance_type):
    """One of the four covariance types, else a ValueError listing them."""
    if covariance_type not in COVARIANCE_TYPES:
        raise ValueError(
            f"Unknown covariance_type {covariance_type!r}; choose one of "
            f"{', '.join(repr(t) for t in COVARIANCE_TYPES)}."
        )
    return covariance_type


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
        return np.random.RandomState(seed)
    raise TypeError(
        f"random_state must be None, an int or a numpy RandomState, got {seed!r}; "
        "e.g. random_state=0."
    )
