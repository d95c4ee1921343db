"""How fast EM converges: linearly, at a rate set by the missing information.

One EM iteration (an E-step, then an M-step) is a map ``θ_new = M(θ)``, and
a fixed point ``θ* = M(θ*)`` is where EM stops. Near it the map is linear,
``θ_{t+1} - θ* ≈ J (θ_t - θ*)`` with ``J`` the Jacobian of ``M`` at
``θ*``. Dempster, Laird & Rubin (1977, §3) showed ``J = I_c⁻¹ I_m``: the
share of the complete-data information ``I_c`` that is missing (``I_m``,
the information the unseen labels would have carried), so
``J = I - I_c⁻¹ I_obs``. At a strict local maximum its eigenvalues lie in
[0, 1); the largest, ``λ``, is EM's rate: the parameters' error shrinks by
about ``λ`` per iteration, and the log-likelihood's gap ``ℓ* - ℓ_t``, which
is quadratic in that error, by about ``λ²``. Well separated clusters leave
little missing (each point's label is nearly certain): ``λ`` near 0, a few
iterations. Overlapping clusters leave much: ``λ`` near 1, a slow creep. At
a saddle point the largest eigenvalue exceeds 1: EM is pushed away from it,
but started exactly on it, it stays.

``convergence_rate`` measures the rate from a run's log-likelihoods alone;
``em_jacobian`` estimates ``J`` by finite differences of one EM iteration on
the parameter vector (``parameter_vector``). The two are independent, and
``convergence_rate ≈ λ²`` (tests/test_convergence.py).

Introduced in lessons/03_why_em_works.ipynb.
"""

import numpy as np

from ._checks import check_array, check_gaps, check_real
from .em import em_steps
from .params import GMMParams, make_params

__all__ = ["parameter_vector", "params_from_vector", "em_map", "em_jacobian",
           "largest_eigenvalue", "convergence_rate", "log_likelihood_gap",
           "predicted_gap"]

# Central differences: the error is O(step²) from the map's curvature plus
# O(eps / step) from rounding; 1e-5 balances the two for parameters of order 1.
JACOBIAN_STEP = 1e-5
# Increments of a log-likelihood below this (relative to its size) are rounding.
ROUNDING_FLOOR = 1e-11


def _covariance_entries(covariances, covariance_type):
    """The free numbers of the covariances: one triangle of each full matrix."""
    if covariance_type == "full":
        rows, cols = np.triu_indices(covariances.shape[-1])
        return covariances[:, rows, cols].ravel()
    if covariance_type == "tied":
        return covariances[np.triu_indices(len(covariances))]
    return covariances.ravel()  # 'diag' and 'spherical': every entry is free


def parameter_vector(params):
    """θ as one vector: K - 1 weights, the means, the free covariance entries.

    The last weight is ``1 - sum`` of the others, and a symmetric matrix has
    ``D (D + 1) / 2`` free entries, so a small step in any coordinate is
    again a valid mixture (``params_from_vector``).

    Parameters
    ----------
    params : GMMParams with covariance_type 'full', 'tied', 'diag' or 'spherical'

    Returns
    -------
    ndarray of shape (n_free,)
    """
    _check_params(params)
    return np.concatenate([params.weights[:-1], params.means.ravel(),
                           _covariance_entries(params.covariances, params.covariance_type)])


def params_from_vector(vector, like):
    """The GMMParams of ``vector``, shaped and typed as ``like``."""
    _check_params(like, "like")
    n_free = len(parameter_vector(like))
    vector = check_array(vector, "vector", ndim=1, length=n_free,
                         hint="Pass a vector like parameter_vector(like), of the same length.")
    K, D, kind = like.n_components, like.n_features, like.covariance_type
    weights = np.append(vector[:K - 1], 1.0 - np.sum(vector[:K - 1]))
    means = vector[K - 1:K - 1 + K * D].reshape(K, D)
    entries = vector[K - 1 + K * D:]
    if kind in ("full", "tied"):
        n = K if kind == "full" else 1
        rows, cols = np.triu_indices(D)
        matrices = np.zeros((n, D, D))
        matrices[:, rows, cols] = entries.reshape(n, -1)
        matrices[:, cols, rows] = entries.reshape(n, -1)
        covariances = matrices if kind == "full" else matrices[0]
    else:
        covariances = entries.reshape(like.covariances.shape)
    return make_params(weights, means, kind, covariances=covariances)


def _check_params(params, name="params"):
    if not isinstance(params, GMMParams):
        raise TypeError(f"{name} must be a GMMParams, such as an EMStep's .params "
                        "or a fitted model's parameters from gmmteach.make_params(...).")
    if params.covariance_type not in ("full", "tied", "diag", "spherical"):
        raise ValueError("the convergence tools take the four scikit-learn covariance "
                         f"types, got {params.covariance_type!r}.")


def em_map(X, params):
    """One EM iteration, ``M(θ)``: an E-step from ``params``, then an M-step.

    Runs :func:`gmmteach.em_steps` for one iteration with ``reg_covar=0``
    (the plain EM map, whose fixed points are stationary points of the
    likelihood).

    Returns
    -------
    GMMParams
    """
    _check_params(params)
    *_, m_step = em_steps(X, params, covariance_type=params.covariance_type,
                          reg_covar=0.0, tol=0.0, max_iter=1)
    return m_step.params


def em_jacobian(X, params, step=JACOBIAN_STEP):
    """The Jacobian of the EM map at ``params``, by central differences.

    Column ``j`` is ``(M(θ + h e_j) - M(θ - h e_j)) / 2h`` on
    :func:`parameter_vector`'s coordinates. The eigenvalues do not depend on
    the coordinates chosen (another smooth choice gives ``A J A⁻¹``).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    params : GMMParams
        Usually a fixed point: the end of a long EM run with ``reg_covar=0``.
    step : float, default=1e-5

    Returns
    -------
    ndarray of shape (n_free, n_free)
    """
    step = check_real(step, "step", 0, strict=True,
                      hint="A small positive step, e.g. step=1e-5.")
    theta = parameter_vector(params)
    columns = []
    for j in range(len(theta)):
        h = np.zeros_like(theta)
        h[j] = step
        up, down = (parameter_vector(em_map(X, params_from_vector(theta + s * h, params)))
                    for s in (1, -1))
        columns.append((up - down) / (2 * step))
    return np.column_stack(columns)


def largest_eigenvalue(jacobian):
    """The eigenvalue of largest modulus (EM's rate at a fixed point), a float.

    ``J = I_c⁻¹ I_m`` is similar to a symmetric matrix, so its eigenvalues
    are real; finite differences add imaginary parts of the order of their
    error, which are dropped.
    """
    jacobian = check_array(jacobian, "jacobian", ndim=2,
                           hint="Pass a square matrix, e.g. em_jacobian(X, params).")
    if jacobian.shape[0] != jacobian.shape[1]:
        raise ValueError(f"jacobian must be a square matrix, got shape {jacobian.shape}; "
                         "pass e.g. em_jacobian(X, params).")
    eigenvalues = np.linalg.eigvals(jacobian)
    return float(eigenvalues[np.argmax(np.abs(eigenvalues))].real)


def _increments(log_likelihoods):
    hint = "Pass one number per EM iteration (e.g. the E-steps' log_likelihood)."
    ll = check_array(log_likelihoods, "log_likelihoods", ndim=1, hint=hint)
    if len(ll) < 4:
        raise ValueError("log_likelihoods must be a sequence of at least 4 finite "
                         "numbers, one per EM iteration (e.g. the E-steps' "
                         "log_likelihood).")
    return ll, np.diff(ll)


def convergence_rate(log_likelihoods, tail=0.5):
    """The factor ρ by which EM's progress shrinks per iteration, from its log-likelihoods.

    Linear convergence makes the increments ``ℓ_{t+1} - ℓ_t`` geometric, ``∝ ρ^t``,
    with the same ρ as the gap ``ℓ* - ℓ_t``. ρ is ``exp`` of the slope of a
    least-squares line through ``log(increment)`` over the last ``tail``
    share of the final run of shrinking increments above rounding (so a
    plateau and the climb after it are left out). Near a maximum
    ``ρ ≈ λ²``, ``λ`` the largest eigenvalue of :func:`em_jacobian`.

    Parameters
    ----------
    log_likelihoods : array-like of shape (n_iter,)
        One per iteration, in order (totals or means: ρ is the same).
    tail : float in (0, 1], default=0.5

    Returns
    -------
    float
    """
    ll, steps = _increments(log_likelihoods)
    tail = check_real(tail, "tail", 0, 1, strict=True,
                      hint="The share of the increments fitted, e.g. tail=0.5.")
    floor = ROUNDING_FLOOR * max(1.0, np.abs(ll).max())
    above = np.flatnonzero(steps > floor)
    first = end = above[-1] if len(above) else 0
    while first > 0 and floor < steps[first - 1] and steps[first] < steps[first - 1]:
        first -= 1  # back through the last run of shrinking increments
    if end - first < 2:
        raise ValueError("fewer than 3 shrinking log-likelihood increments are above "
                         "rounding: run EM with tol=0 from further away, or for more "
                         "iterations.")
    last = np.arange(first, end + 1)[-max(3, int(np.ceil(tail * (end + 1 - first)))):]
    slope = np.polyfit(last, np.log(steps[last]), 1)[0]
    return float(np.exp(slope))


def log_likelihood_gap(log_likelihoods, rate=None):
    """The gap ``ℓ* - ℓ_t`` to the optimum, which a finite run never reaches.

    ``ℓ*`` is the last value plus the geometric tail of the increments still
    to come, ``Δ_last ρ / (1 - ρ)``, with ρ from :func:`convergence_rate`
    (or ``rate``).

    Returns
    -------
    gaps : ndarray of shape (n_iter,), positive
    """
    ll, steps = _increments(log_likelihoods)
    rho = convergence_rate(ll) if rate is None else float(rate)
    if not 0 <= rho < 1:
        raise ValueError(f"the rate must be in [0, 1) for EM to be converging, got {rho:.4g}.")
    optimum = ll[-1] + max(steps[-1], 0.0) * rho / (1 - rho)
    return optimum - ll


def predicted_gap(gaps, eigenvalue, anchor=1e-6):
    """The gap a rate of ``eigenvalue ** 2`` per iteration predicts, for a plot.

    The line ``gap_a * (eigenvalue ** 2) ** (t - a)`` through the first
    iteration ``a`` whose gap is below ``anchor`` (the linear regime), or
    through the last iteration if none is; drawn from 10 iterations before
    ``a`` on (NaN before).

    Returns
    -------
    ndarray of shape (n_iter,)
    """
    # a gap is >= 0; log_likelihood_gap's last ones may be -1e-14 from rounding
    gaps = check_gaps(gaps, "gaps", ROUNDING_FLOOR)
    eigenvalue = check_real(eigenvalue, "eigenvalue",
                            hint="E.g. largest_eigenvalue(em_jacobian(X, params)).")
    anchor = check_real(anchor, "anchor", 0, strict=True,
                        hint="A small positive gap, e.g. anchor=1e-6.")
    below = np.flatnonzero((gaps < anchor) & (gaps > 0))
    a = below[0] if len(below) else len(gaps) - 1
    steps = np.arange(len(gaps)) - a
    predicted = np.full(len(gaps), np.nan)
    shown = steps >= -10
    predicted[shown] = gaps[a] * abs(float(eigenvalue)) ** (2.0 * steps[shown])
    return predicted
