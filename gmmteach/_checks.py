"""Input checks that fail early with a sentence a student can act on."""

import difflib
import numbers

import numpy as np

from ._names import ALL_COVARIANCE_TYPES

__all__ = [
    "check_X",
    "check_n_components",
    "check_covariance_type",
    "check_nonnegative",
    "check_positive_int",
    "check_random_state",
    "check_resp",
    "check_params",
    "check_feature_names",
    "check_overflow",
    "check_sample_weight",
    "check_resp_init",
    "check_labels_init",
    "check_choice",
    "check_int",
    "check_real",
    "check_array",
    "check_dims",
    "did_you_mean",
    "check_covariance_matrices",
    "check_bool",
    "check_seed",
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


def check_params(params, name="params"):
    """A GMMParams, else a TypeError (a fitted model gets a pointer to ``params_``)."""
    from .params import GMMParams  # params imports this module
    if isinstance(params, GMMParams):
        return params
    hint = (f"pass its parameters, {name}=model.params_" if hasattr(params, "params_")
            else "build them with gmmteach.make_params(...) or gmmteach.initial_params(...)")
    raise TypeError(f"{name} must be a GMMParams, got a {type(params).__name__}; {hint}.")


def check_resp(resp, n_samples, name="resp"):
    """Responsibilities: an (n_samples, n_components) array of finite values >= 0."""
    resp = _as_float_array(resp, name, keep_float32=False)
    if resp.ndim != 2 or resp.shape[0] != n_samples:
        raise ValueError(
            f"{name} must have shape (n_samples, n_components) = ({n_samples}, K), one "
            f"row per row of X, got shape {resp.shape}.")
    if not np.all(np.isfinite(resp)) or np.any(resp < 0):
        raise ValueError(
            f"{name} must hold finite probabilities >= 0 (each row sums to 1); use "
            "np.exp(log_resp) from e_step, not log_resp.")
    return resp


def check_soft_assignments(resp, name="resp"):
    """Soft assignments on their own: 2-D, finite, >= 0, every row summing to 1."""
    resp = _as_float_array(resp, name, keep_float32=False)
    if resp.ndim != 2 or resp.size == 0:
        raise ValueError(
            f"{name} must be a 2-D array (n_samples, n_components) of probabilities, "
            f"e.g. model.predict_proba(X); got shape {resp.shape}.")
    resp = check_resp(resp, resp.shape[0], name)
    if not np.allclose(resp.sum(axis=1), 1.0, rtol=0, atol=1e-6):
        raise ValueError(
            f"each row of {name} must sum to 1 (a point's probabilities over the "
            "components); pass model.predict_proba(X), or np.exp(log_resp).")
    return resp


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


def check_sample_weight(sample_weight, n_samples, n_components=None):
    """Sample weights: None, or one finite number >= 0 per row, not all zero.

    Parameters
    ----------
    sample_weight : array-like of shape (n_samples,) or None
    n_samples : int
        Rows of X.
    n_components : int, optional
        If given (a fit), at least this many rows must have a weight > 0.

    Returns
    -------
    ndarray of shape (n_samples,), float64, or None
    """
    if sample_weight is None:
        return None
    if _is_complex(sample_weight):
        raise TypeError("sample_weight holds complex numbers; give one real count "
                        "per row of X.")
    try:
        weights = np.asarray(sample_weight, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            "sample_weight must be numbers, one per row of X (e.g. counts); convert "
            "text to numbers first.") from None
    if weights.shape != (n_samples,):
        raise ValueError(
            f"sample_weight must hold one number per row of X, shape ({n_samples},), "
            f"got shape {weights.shape}; e.g. the count of each row, "
            "np.asarray(counts).ravel().")
    bad = ~np.isfinite(weights)
    if bad.any():
        raise ValueError(
            f"sample_weight contains {np.count_nonzero(bad)} NaN or infinite value(s) "
            f"(first at row {np.flatnonzero(bad)[0]}); give every row a finite weight "
            ">= 0 (0 leaves the row out).")
    if np.any(weights < 0):
        row = np.flatnonzero(weights < 0)[0]
        raise ValueError(
            f"sample_weight must be >= 0 (a weight says how many times a row counts), "
            f"got {weights[row]:g} at row {row}; use 0 to leave a row out.")
    _check_enough_weighted_rows(weights, n_components)
    return weights


def _check_enough_weighted_rows(weights, n_components):
    positive = np.count_nonzero(weights)
    if positive == 0:
        raise ValueError(
            "sample_weight is 0 for every row, so no data is left to fit; give at "
            "least one row a weight > 0 (or pass sample_weight=None).")
    if n_components is not None and positive < n_components:
        raise ValueError(
            f"only {positive} row(s) have sample_weight > 0, fewer than n_components="
            f"{n_components}; give more rows a positive weight or lower n_components.")


def check_noise_mask(mask, n_samples, n_components, name="noise"):
    """A boolean mask of the rows that start as noise, marking some but not all."""
    if mask is None:
        raise TypeError(
            f"{name} is required: a boolean array with one entry per row of X, True "
            f"for the points that start as noise (e.g. {name}=distances > cutoff).")
    values = np.asarray(mask)
    if values.dtype != bool:
        raise TypeError(
            f"{name} must be a boolean mask (True = noise), got {values.dtype} values; "
            f"for row numbers rows write m = np.zeros(len(X), bool); m[rows] = True.")
    if values.shape != (n_samples,):
        raise ValueError(
            f"{name} must have one entry per row of X, shape ({n_samples},), got "
            f"shape {values.shape}.")
    n_noise = int(values.sum())
    if n_noise == 0:
        raise ValueError(
            f"{name} marks no point as noise; mark at least one, or fit without "
            f"the noise component (leave {name} out).")
    if n_samples - n_noise < n_components:
        what = "every point" if n_noise == n_samples else f"{n_noise} of {n_samples} points"
        raise ValueError(
            f"{name} marks {what} as noise, leaving {n_samples - n_noise} to start "
            f"n_components={n_components} Gaussians; mark fewer points as noise.")
    return values


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
        raise TypeError(f"{name} must be an array of real numbers, got {value!r:.40}. {hint}")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of numbers (no text, equal-length "
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


# A row of a guessed resp_init must sum to 1 within this (it is a probability
# distribution over the components); further off is refused with the fix.
RESP_INIT_ROW_TOL = 1e-6


def check_resp_init(resp_init, n_samples, n_components):
    """A guessed (n_samples, n_components) resp: probabilities, rows summing to 1.

    Every component must be given some responsibility (else it has no data
    to start from). Returns the float64 array.
    """
    resp = check_resp(resp_init, n_samples, "resp_init")
    if resp.shape[1] != n_components:
        raise ValueError(
            f"resp_init must have shape (n_samples, n_components) = ({n_samples}, "
            f"{n_components}), one column per component, got {resp.shape}.")
    sums = resp.sum(axis=1)
    off = np.flatnonzero(np.abs(sums - 1.0) > RESP_INIT_ROW_TOL)
    if len(off):
        what = "0 (a point no component owns)" if sums[off[0]] == 0 else f"{sums[off[0]]:g}"
        raise ValueError(
            f"resp_init: each row must sum to 1 (a point's probabilities over the "
            f"components), but {len(off)} row(s) do not (row {off[0]} sums to {what}); "
            "give every row some weight and divide by the row sums, "
            "resp_init / resp_init.sum(axis=1, keepdims=True).")
    _check_every_component_used(resp.sum(axis=0), "resp_init")
    return resp


def check_labels_init(labels_init, n_samples, n_components):
    """Guessed hard labels: n_samples whole numbers in 0 .. n_components - 1."""
    try:
        labels = np.asarray(labels_init, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            "labels_init must be whole numbers 0 .. n_components - 1, one per row of X; "
            "turn names into numbers first, e.g. np.unique(y, return_inverse=True)[1]."
        ) from None
    if labels.shape != (n_samples,):
        raise ValueError(
            f"labels_init must hold one label per row of X, shape ({n_samples},), got "
            f"shape {labels.shape}.")
    bad = ~np.isfinite(labels) | (labels != np.round(labels)) | (labels < 0) \
        | (labels >= n_components)
    if bad.any():
        row = np.flatnonzero(bad)[0]
        raise ValueError(
            f"labels_init must be whole numbers 0 .. {n_components - 1} (n_components="
            f"{n_components}), got {labels[row]:g} at row {row}; relabel, e.g. "
            "np.unique(y, return_inverse=True)[1], or change n_components.")
    labels = labels.astype(np.intp)
    _check_every_component_used(np.bincount(labels, minlength=n_components), "labels_init")
    return labels


def _check_every_component_used(totals, name):
    unused = np.flatnonzero(totals == 0)
    if len(unused):
        raise ValueError(
            f"{name} gives no point to component(s) {unused.tolist()}, so they have "
            "nothing to start from; give every component at least one point, or "
            "lower n_components.")


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


def check_bool(value, name):
    """True or False (numpy's too), else a TypeError."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}.")
    return bool(value)


def check_seed(value, name="random_state"):
    """An int seed in ``0 .. 2**32 - 1`` (what numpy's RandomState takes)."""
    return check_int(value, name, 0, 2**32 - 1, "use e.g. random_state=0.")
