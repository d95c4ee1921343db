"""Argument checks for the ``plot_*`` entry points (never the per-frame ``update_*``).

Part of :mod:`gmmteach.plotting`.
"""

import numpy as np

from .._checks import (check_array, check_covariance_type, check_int, check_real, check_X,
                       is_sequence)
from ..covariance import storage_type
from ..params import expected_shape

# eigh of a singular covariance can return -1e-17 instead of 0: rounding,
# not a real negative variance, so it is let through rather than refused.
EIGENVALUE_SLACK = 1e-10


def _refuse_model(value, name, hint):
    # A fitted estimator is not an array: name what to pass instead.
    if hasattr(value, "fit") or hasattr(value, "params_"):
        raise TypeError(
            f"{name} must be an array, got a {type(value).__name__}; {hint}.")


def points(X, name="X"):
    """The data to draw, as a finite 2-D float array of shape (n_samples, n_features)."""
    _refuse_model(X, name, "pass the data the model was fitted on")
    return check_X(X, name=name)


def per_point(values, n_samples, name, hint):
    """One row per point of X, else a ValueError naming both lengths."""
    _refuse_model(values, name, hint)
    values = np.asarray(values)
    if values.ndim == 0 or len(values) != n_samples:
        raise ValueError(
            f"{name} has {values.size if values.ndim == 0 else len(values)} rows but X "
            f"has {n_samples} points; pass one row per point of X ({hint}).")
    return values


def resp(values, n_samples=None, name="resp"):
    """Responsibilities for every point: (n_samples, n_components), finite, >= 0."""
    hint = f"e.g. {name}=model.predict_proba(X)"
    _refuse_model(values, name, hint)
    values = check_array(values, name, hint=hint + ".")
    if n_samples is not None:
        values = per_point(values, n_samples, name, hint)
    if values.ndim != 2 or np.any(values < 0):
        raise ValueError(
            f"{name} must be a finite (n_samples, n_components) array of probabilities "
            f">= 0; {hint}.")
    return values


def labels(values, n_samples):
    """Hard labels: one integer >= 0 per point."""
    values = per_point(values, n_samples, "labels", "e.g. labels=model.predict(X)")
    if values.size == 0:
        raise ValueError("labels is empty; pass one label per point, e.g. "
                         "labels=model.predict(X).")
    if not np.issubdtype(values.dtype, np.integer) or values.ndim != 1 or values.min() < 0:
        raise ValueError(
            "labels must be a 1-D array of component indices 0, 1, ..., K-1 (ints "
            ">= 0); e.g. labels=model.predict(X).")
    return values


def criterion_values(values, n_components, covariance_types):
    """A (n_k, n_types) table with at least one finite value."""
    _refuse_model(values, "values", "pass the table select_model returns")
    if values is None or isinstance(values, str):
        raise TypeError(f"values must be a table of numbers, got {values!r}; pass the "
                        "table select_model returns, e.g. result.bic.")
    try:
        values = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError("values must be a table of numbers (NaN for a failed fit); "
                        "pass the table select_model returns, e.g. result.bic.") from None
    if np.isinf(values).any():
        raise ValueError("values holds an infinite value; a criterion is finite, or NaN "
                         "for a failed fit. Pass the table select_model returns.")
    shape = (len(n_components), len(covariance_types))
    if values.shape != shape:
        raise ValueError(
            f"values must have shape (len(n_components), len(covariance_types)) = "
            f"{shape}, got {values.shape}.")
    if not np.isfinite(values).any():
        raise ValueError(
            "values holds no finite number: every fit failed (NaN), so there is "
            "nothing to plot; try a larger reg_covar or fewer components.")
    return values


def arrays(means, covariances):
    """Refuse a fitted model where its means and covariances belong."""
    for value, name in ((means, "means"), (covariances, "covariances")):
        _refuse_model(value, name, "pass model.means_, model.covariances_ and "
                                   "model.covariance_type")


def step(value):
    """An EMStep (a record from em_steps), else a TypeError."""
    if not (hasattr(value, "params") and hasattr(value, "resp")):
        raise TypeError(
            f"step must be an EMStep from gmmteach.em_steps, got a "
            f"{type(value).__name__}; e.g. step = list(em_steps(X, params, "
            "covariance_type='full'))[-1].")
    return value


def qq_pairs(pairs):
    """(theoretical, observed) pairs of equal-length finite 1-D arrays, as chi2_qq gives."""
    try:
        pairs = [(np.asarray(t, dtype=float), np.asarray(o, dtype=float)) for t, o in pairs]
    except (TypeError, ValueError):
        pairs = None
    if not pairs or any(t.ndim != 1 or t.shape != o.shape or not np.all(np.isfinite(t))
                        or not np.all(np.isfinite(o)) for t, o in pairs):
        raise ValueError(
            "pairs must be a list of (theoretical, observed) pairs of equal-length "
            "finite 1-D arrays, one per component: pass chi2_qq(X, model.params_).")
    return pairs


def merge_levels(steps):
    """Numbers of clusters and entropies of combine_components's levels (at least two)."""
    try:
        n_clusters = np.array([s.n_clusters for s in steps], dtype=float)
        entropies = np.array([s.entropy for s in steps], dtype=float)
    except (AttributeError, TypeError, ValueError):
        n_clusters = None
    if n_clusters is None or len(n_clusters) < 2 or not np.all(np.isfinite(entropies)):
        raise ValueError(
            "steps must be the list that combine_components(model.predict_proba(X)) "
            "returns (at least two levels).")
    return n_clusters, entropies


def components(means, covariances, covariance_type):
    """Means (K, D), a known covariance type, and covariances as that type stores them.

    The covariances must be finite and positive semi-definite (a collapsed
    component's singular covariance still draws, as a flat ellipse).
    """
    arrays(means, covariances)
    means = check_array(means, "means", ndim=2,
                        hint="Pass model.means_, of shape (n_components, n_features).")
    covariance_type = check_covariance_type(covariance_type)
    shape = expected_shape(covariance_type, *means.shape)
    hint = (f"For covariance_type={covariance_type!r} and these means pass shape {shape}, "
            "e.g. model.covariances_.")
    covariances = check_array(covariances, "covariances", hint=hint)
    if covariances.shape != shape:
        raise ValueError(f"covariances has shape {covariances.shape}. {hint}")
    if storage_type(covariance_type) in ("full", "tied"):
        covariance_matrices(covariances.reshape(-1, *shape[-2:]))
    elif np.any(covariances < 0):
        raise ValueError("covariances holds a negative variance; variances are >= 0 "
                         "(pass model.covariances_).")
    return means, covariances, covariance_type


def covariance_matrices(covariances, name="covariances"):
    """Symmetric matrices with no negative eigenvalue (beyond rounding)."""
    if not np.allclose(covariances, np.swapaxes(covariances, -1, -2)):
        raise ValueError(f"{name} must be symmetric; use (S + S.T) / 2.")
    eigenvalues = np.linalg.eigvalsh(covariances)
    if np.any(eigenvalues < -EIGENVALUE_SLACK * np.abs(eigenvalues).max()):
        raise ValueError(f"{name} has a negative eigenvalue, so it is not a covariance; "
                         "pass a symmetric positive semi-definite matrix.")
    return covariances


def two_by_two(covariances, name="covariances"):
    """One 2 x 2 covariance or (K, 2, 2) of them, finite and positive semi-definite."""
    hint = "For more features pick two with project(..., dims=(i, j))."
    covariances = check_array(covariances, name, hint=hint)
    if covariances.ndim not in (2, 3) or covariances.shape[-2:] != (2, 2):
        raise ValueError(f"{name} must be a 2 x 2 covariance (or K of them), got shape "
                         f"{covariances.shape}. {hint}")
    return covariance_matrices(covariances, name)


def n_stds(n_std):
    """The standard deviations to draw at: a non-empty 1-D sequence of numbers > 0."""
    n_std = check_array(n_std, "n_std", ndim=1, hint="e.g. n_std=(1, 2).")
    if np.any(n_std <= 0):
        raise ValueError(f"n_std must be > 0 (standard deviations), got {n_std}; "
                         "e.g. n_std=(1, 2).")
    return n_std


def n_std(value):
    """One number of standard deviations, > 0."""
    return check_real(value, "n_std", 0, strict=True, hint="e.g. n_std=2.")


def mixture_1d(weights, means, variances, n_components=None):
    """A 1-D mixture's weights (>= 0), means and variances (> 0), one of each per component."""
    hint = "pass one value per component, e.g. model.weights_, model.means_[:, 0]"
    weights = check_array(weights, "weights", ndim=1, length=n_components,
                          nonnegative=True, hint=hint + ".")
    means = check_array(means, "means", ndim=1, length=len(weights), hint=hint + ".")
    variances = check_array(variances, "variances", ndim=1, length=len(weights),
                            hint=hint + " and the variances.")
    if np.any(variances <= 0):
        raise ValueError(f"variances must be > 0 (a Gaussian's spread), got {variances}.")
    return weights, means, variances


def values_1d(x, name="x"):
    """1-D data: shape (n_samples,) or (n_samples, 1), finite, flattened."""
    x = check_array(x, name, hint="Pass the 1-D data, e.g. X[:, 0].")
    if x.ndim == 2 and x.shape[1] != 1 or x.ndim > 2:
        raise ValueError(f"{name} must be 1-D data, shape (n_samples,) or (n_samples, 1), "
                         f"got shape {x.shape}; pick one feature, e.g. X[:, 0].")
    return np.ravel(x)


def bins(value):
    """Histogram bins: how many (an int >= 1), or their edges (increasing)."""
    return count_or_increasing(value, "bins", "30", "[-3, -2, -1, 0, 1, 2, 3]")


def limits(value, name):
    """An axis range (low, high): two finite numbers, low < high."""
    value = check_array(value, name, ndim=1, length=2, hint="e.g. (-3.0, 3.0).")
    if not value[0] < value[1]:
        raise ValueError(f"{name} must be (low, high) with low < high, got {tuple(value)}.")
    return tuple(value)


def contour_levels(levels):
    """How many contour levels (an int >= 1), or the levels themselves (increasing)."""
    return count_or_increasing(levels, "levels", "10", "[-8, -6, -4]")


def count_or_increasing(value, name, count_example, values_example):
    """An int >= 1 (how many), or a 1-D sequence of increasing numbers (where)."""
    hint = (f"Pass how many, such as {name}={count_example}, or increasing values "
            f"such as {name}={values_example}.")
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return check_int(value, name, 1, hint=hint)
    if isinstance(value, (bool, float, str)) or value is None:
        raise TypeError(f"{name} must be an int or a sequence of numbers, got {value!r}. "
                        + hint)
    value = check_array(value, name, ndim=1, hint=hint)
    if np.any(np.diff(value) <= 0):
        raise ValueError(f"{name} must increase, got {value}. {hint}")
    return value


def grid_size(value, name="resolution"):
    """Grid points per axis: an int >= 2."""
    return check_int(value, name, 2, hint=f"e.g. {name}=100.")


def size(value, name):
    """A marker size in points^2: a finite number >= 0."""
    return check_real(value, name, 0, hint=f"e.g. {name}=80.")


def curve(values, name, example):
    """A curve's values, one per iteration: a non-empty 1-D array of finite numbers."""
    return check_array(values, name, ndim=1,
                       hint=f"Pass one number per iteration, e.g. {example}.")


def iterations(values, n_iter):
    """None (1, 2, ..., n_iter) or the x values of a curve, one per value."""
    if values is None:
        return np.arange(1, n_iter + 1)
    return check_array(values, "iterations", ndim=1, length=n_iter,
                       hint="Pass one iteration number per value, or None for 1, 2, ...")


def current(value):
    """The iteration to mark: None (no marker) or a whole number >= 0."""
    if value is None:
        return None
    return check_int(value, "current", 0,
                     hint="Pass the iteration to mark, e.g. current=3, or None for none.")


def fraction(value, name, example):
    """A share or an opacity: a finite number in [0, 1]."""
    return check_real(value, name, 0, 1, hint=f"e.g. {name}={example}.")


def nonnegative(value, name, example):
    """A finite number >= 0 (a margin, a span)."""
    return check_real(value, name, 0, hint=f"e.g. {name}={example}.")


def expected_weights(values, n_components=None, name="weights"):
    """One weight per component: a non-empty 1-D array of finite numbers >= 0."""
    hint = "Pass one expected weight per component, e.g. model.weights_."
    values = check_array(values, name, ndim=1, nonnegative=True, hint=hint)
    if n_components is not None and len(values) != n_components:
        raise ValueError(f"{name} has {len(values)} values but the plot shows "
                         f"{n_components} components; {hint}")
    return values


def stick_pieces(values, n_pieces=None):
    """Lengths of the pieces broken off a unit stick: >= 0, summing to at most 1."""
    values = expected_weights(values, n_pieces)
    if values.sum() > 1 + 1e-9:
        raise ValueError(f"weights must sum to at most 1 (pieces of a unit stick), got "
                         f"a sum of {values.sum():.4g}; e.g. StickBreaking's weights.")
    return values


def trajectory(steps, field):
    """A list of records from em_steps / vb_steps, each carrying ``field``."""
    hint = "pass list(em_steps(X, params)) or a fitted model's trajectory(X)"
    if not is_sequence(steps):
        raise TypeError(f"trajectory must be a list of steps, got a "
                        f"{type(steps).__name__}; {hint}.")
    steps = list(steps)
    bad = next((s for s in steps if not hasattr(s, field)), None)
    if bad is not None:
        raise TypeError(f"trajectory must hold the steps em_steps or vb_steps yield, "
                        f"found a {type(bad).__name__} in it; {hint}.")
    return steps


def n_components_axis(values):
    """The numbers of components on the x axis: a non-empty 1-D list of ints >= 1."""
    hint = "Pass the K values that were fitted, e.g. n_components=[1, 2, 3]."
    array = check_array(values, "n_components", ndim=1, hint=hint)
    if np.any(array < 1) or np.any(array != np.round(array)):
        raise ValueError(f"n_components must be whole numbers >= 1, got {array}. {hint}")
    return array.astype(int)


def covariance_types(names):
    """A list of covariance type names (sklearn's four or mclust's models)."""
    if not is_sequence(names):
        raise TypeError(f"covariance_types must be a list of names such as ['full'] or "
                        f"['VVV', 'EEE'], got {names!r}.")
    return [check_covariance_type(name) for name in names]


def bound_profile(grid, log_likelihood, bound, at, previous):
    """The curves, point and old point of a lower-bound profile (PRML Fig. 9.14)."""
    hint = "Pass the values at each grid point, e.g. bound.log_likelihood_profile(...)."
    grid = check_array(grid, "grid", ndim=1, hint="Pass the parameter values, e.g. "
                       "np.linspace(-3, 3, 200).")
    log_likelihood = check_array(log_likelihood, "log_likelihood", ndim=1,
                                 length=len(grid), hint=hint)
    if bound is not None:
        bound = check_array(bound, "bound", ndim=1, length=len(grid), hint=hint)
    at = _numbers(at, "at", 3, "(theta, ln p(X | theta), L(q, theta))",
                  none_last=bound is None)
    if bound is None and at[2] is not None:
        raise ValueError(f"bound is None (no q yet) but at gives L(q, theta) = {at[2]:g}; "
                         "pass the bound curve too, or at=(theta, log_likelihood, None).")
    if previous is not None:
        previous = _numbers(previous, "previous", 2, "(theta_old, ln p(X | theta_old))")
    return grid, log_likelihood, bound, at, previous


def _numbers(values, name, n, what, none_last=False):
    # a short tuple of finite numbers; its last entry may be None (no bound yet)
    if isinstance(values, str) or not hasattr(values, "__len__") or len(values) != n:
        raise TypeError(f"{name} must be {n} numbers {what}, got {values!r:.60}.")
    last = none_last and values[-1] is None
    numbers = [check_real(v, name, hint=f"{name} is {what}.")
               for v in (values[:-1] if last else values)]
    return tuple(numbers + [None] * last)
