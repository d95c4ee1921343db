"""Data and parameter arrays: X, 1-D/2-D arrays, covariance matrices, feature indices and names.

Part of :mod:`gmmteach._checks`.
"""

import numbers

import numpy as np

from .scalars import InvalidParameterError, check_int

__all__ = [
    "OVERFLOW_LIMIT", "check_X", "check_overflow", "check_feature_names", "check_array",
    "check_dims", "check_covariance_matrices", "check_gaps",
]


# Squares of values above about 1e154 overflow float64 (max about 1.8e308),
# so distances between such points are inf and EM cannot proceed.
OVERFLOW_LIMIT = 1e150


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
    check_overflow(X, name)
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
        _check_missing(X, name)
        raise ValueError(
            f"{name} must be numbers in a 2-D array of shape (n_samples, n_features); "
            "convert text or mixed columns to numbers first."
        ) from None


def _check_missing(X, name):
    # A pandas table with pd.NA cannot become floats; pandas is never imported,
    # its isna() method is enough to tell.
    isna = getattr(X, "isna", None)
    if callable(isna) and np.asarray(isna()).any():
        raise ValueError(
            f"{name} holds missing values (pd.NA); drop or impute them first, e.g. "
            f"{name} = {name}.dropna(), then pass {name}.to_numpy(dtype=float).")


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


def check_overflow(X, name="X"):
    """Refuse values whose squares overflow float64, with a rescaling hint."""
    largest = float(np.abs(X).max()) if X.size else 0.0
    if largest > OVERFLOW_LIMIT:
        raise ValueError(
            f"{name} holds values as large as {largest:.3g}, whose squares "
            f"overflow float64; rescale it first, e.g. {name} = {name} / "
            f"np.abs({name}).max(), or standardise each column.")
    return X


def check_feature_names(feature_names, n_features):
    """One axis label per feature: the names given, or 'feature 0', ..."""
    if feature_names is None:
        return [f"feature {d}" for d in range(n_features)]
    if len(feature_names) != n_features:
        raise ValueError(f"feature_names has {len(feature_names)} names but X has "
                         f"{n_features} features; give one name per column of X.")
    return list(feature_names)


def check_array(value, name, ndim=None, length=None, nonnegative=False, hint=""):
    """A finite float array of ``ndim`` dimensions and ``length`` rows, else a sentence.

    Parameters
    ----------
    value : array-like
    name : str
        The argument's name, for the message.
    ndim : int, optional
    length : int, optional
        Rows required (e.g. one per component).
    nonnegative : bool, default=False
    hint : str
        What to pass instead, appended to every message.
    """
    if value is None or isinstance(value, str) or _is_complex(value):
        raise InvalidParameterError(
            f"{name} must be an array of real numbers, got {value!r:.40}. {hint}")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise InvalidParameterError(f"{name} must be an array of numbers (no text, equal-length "
                        f"rows). {hint}") from None
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D, got shape {array.shape}. {hint}")
    if array.size == 0:
        raise ValueError(f"{name} is empty; pass at least one value. {hint}")
    if length is not None and len(array) != length:
        raise ValueError(f"{name} must have {length} rows, got {len(array)}. {hint}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} holds NaN or infinite values; pass finite numbers. {hint}")
    if nonnegative and np.any(array < 0):
        raise ValueError(f"{name} must be >= 0, got {array.min():g}. {hint}")
    return array


def check_dims(dims, n_features, name="dims"):
    """Two different feature indices in ``0 .. n_features - 1``, as a tuple."""
    if isinstance(dims, str) or not hasattr(dims, "__len__") or len(dims) != 2:
        raise TypeError(f"{name} must be a pair of feature indices such as (0, 1), "
                        f"got {dims!r}.")
    what = (f"{name} must be two feature indices between 0 and {n_features - 1} "
            f"(the columns of X to draw), got {dims!r}")
    try:
        pair = tuple(check_int(d, name, 0, n_features - 1) for d in dims)
    except TypeError:
        raise TypeError(f"{what}; e.g. {name}=(0, 1).") from None
    except ValueError:
        raise ValueError(f"{what}; e.g. {name}=(0, 1).") from None
    if n_features > 1 and pair[0] == pair[1]:
        raise ValueError(f"{name} must name two different features, got {dims!r}; "
                         "e.g. dims=(0, 1).")
    return pair


def check_covariance_matrices(covariances, name="covariances", n_features=None):
    """Symmetric positive-definite matrices, shape (K, D, D), else a sentence."""
    hint = f"pass {name} of shape (n_components, n_features, n_features), e.g. model.covariances_."
    full = check_array(covariances, name, ndim=3, hint=hint)
    K, D, D2 = full.shape
    if D != D2 or (n_features is not None and D != n_features):
        raise ValueError(f"{name} must be square D x D matrices, got shape {full.shape}; {hint}")
    if not np.allclose(full, np.swapaxes(full, 1, 2), rtol=1e-6, atol=1e-12):
        raise ValueError(f"{name} must be symmetric; use (S + S.T) / 2.")
    if np.any(np.linalg.eigvalsh(full)[:, 0] <= 0):
        raise ValueError(f"{name} must be positive definite (every eigenvalue > 0); "
                         "add a small value to the diagonal, e.g. S + 1e-6 * np.eye(D).")
    return full


def check_gaps(gaps, name="gaps", floor=1e-11):
    """Gaps to an optimum, ``ℓ* - ℓ_t``: a non-empty 1-D finite array, >= 0.

    The last gaps of a converged run may be ``-1e-14`` from rounding: a value
    below zero by less than ``floor`` times the largest gap (or 1) passes.
    """
    hint = "Pass the gaps to the optimum, e.g. log_likelihood_gap(lls)."
    gaps = check_array(gaps, name, ndim=1, hint=hint)
    if np.any(gaps < -floor * max(1.0, np.abs(gaps).max())):
        raise ValueError(f"{name} must be >= 0 (distances to the optimum), got "
                         f"{gaps.min():g}. {hint}")
    return gaps
