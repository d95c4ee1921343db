"""Per-point arrays: responsibilities, guessed labels, sample weights, noise masks.

Part of :mod:`gmmteach._checks`.
"""

import numpy as np

from .arrays import _as_float_array, _is_complex

__all__ = [
    "check_resp", "check_soft_assignments", "check_sample_weight", "check_noise_mask",
    "RESP_INIT_ROW_TOL", "check_resp_init", "check_labels_init",
    "check_component_statistics", "check_log_resp",
]


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


_NOT_GIVEN = object()


def check_component_statistics(resp, X, nk=_NOT_GIVEN, means=_NOT_GIVEN):
    """The M-step's statistics: X, its resp, and optionally nk and means, checked together.

    Parameters
    ----------
    resp : array-like of shape (n_samples, n_components)
    X : array-like of shape (n_samples, n_features)
    nk : array-like of shape (n_components,), optional
        Effective counts, ``resp.sum(axis=0)``: finite and >= 0.
    means : array-like of shape (n_components, n_features), optional

    Returns
    -------
    tuple of float arrays (resp, X, nk, means); nk and means None when not given
    (None itself, given, is refused: these are required where they are asked for).
    """
    from .arrays import check_X, check_array

    X = check_X(X)
    resp = check_resp(resp, X.shape[0])
    K, D = resp.shape[1], X.shape[1]
    if nk is not _NOT_GIVEN:
        nk = check_array(nk, "nk", ndim=1, length=K, nonnegative=True,
                         hint="Pass one count per component, nk = resp.sum(axis=0).")
    if means is not _NOT_GIVEN:
        hint = (f"Pass one mean per component, shape (n_components, n_features) = "
                f"({K}, {D}), e.g. model.means_.")
        means = check_array(means, "means", ndim=2, length=K, hint=hint)
        if means.shape[1] != D:
            raise ValueError(f"means has {means.shape[1]} columns but X has {D} features. "
                             f"{hint}")
    return (resp, X, None if nk is _NOT_GIVEN else nk,
            None if means is _NOT_GIVEN else means)


def check_log_resp(log_resp, shape, name="log_resp"):
    """Log-responsibilities of a given shape: numbers <= 0, -inf allowed (log 0), no NaN."""
    values = _as_float_array(log_resp, name, keep_float32=False)
    if values.shape != tuple(shape):
        raise ValueError(f"{name} must have the shape of resp, {tuple(shape)}, got "
                         f"{values.shape}; pass np.log(resp).")
    if np.any(np.isnan(values)) or np.any(values > 1e-6):
        raise ValueError(f"{name} must hold logarithms of probabilities (<= 0, -inf for "
                         "a 0), without NaN; pass np.log(resp).")
    return values
