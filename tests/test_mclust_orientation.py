"""The common orientation D of EVE and VVE: Newton's derivatives and its optimum.

Expected values from independent computations: finite differences of the
objective along ``D expm(S)`` (scipy's expm), and the M-step of the plane
rotations alone iterated far past the package's tolerance.
"""

import numpy as np
import pytest
import scipy.linalg

from gmmteach.mclust import ellipsoidal

OBJECTIVES = [ellipsoidal._sum_of_volumes, ellipsoidal._sum_of_log_variances]


def _problem(n_components=3, n_features=4, seed=1):
    rng = np.random.RandomState(seed)
    factors = rng.standard_normal((n_components, n_features, n_features))
    scatter = factors @ factors.transpose(0, 2, 1) + np.eye(n_features)
    return scatter, rng.uniform(5, 20, n_components)


def _objective_along(M, objective, nk, angles):
    # f at D expm(S), S = sum_a t_a E_a, computed with scipy's expm
    S = np.tensordot(angles, ellipsoidal._generators(M.shape[-1])[1], 1)
    rotation = scipy.linalg.expm(S)
    turned = rotation.T @ M @ rotation
    return objective(np.diagonal(turned, axis1=1, axis2=2), nk)[0]


@pytest.mark.parametrize("objective", OBJECTIVES)
@pytest.mark.parametrize("n_features", [2, 3, 4])
def test_newtons_gradient_and_hessian_equal_finite_differences(objective, n_features):
    M, nk = _problem(n_features=n_features)
    _, first, second = objective(np.diagonal(M, axis1=1, axis2=2), nk)
    gradient, hessian = ellipsoidal._angle_derivatives(M, first, second)
    unit, h = np.eye(len(gradient)), 1e-4
    f = lambda t: _objective_along(M, objective, nk, t)  # noqa: E731
    numeric_gradient = [(f(h * u) - f(-h * u)) / (2 * h) for u in unit]
    numeric_hessian = [[(f(h * (u + v)) - f(h * (u - v)) - f(h * (v - u)) + f(-h * (u + v)))
                        / (4 * h * h) for v in unit] for u in unit]
    np.testing.assert_allclose(gradient, numeric_gradient, rtol=1e-6,
                               atol=1e-7 * np.abs(gradient).max())
    np.testing.assert_allclose(hessian, numeric_hessian, rtol=1e-5,
                               atol=1e-6 * np.abs(hessian).max())


def _rotations_only(scatter, nk, objective, sweeps=500):
    # the optimum by plane rotations alone (no Newton steps), from D = I
    M = scatter.copy()
    for _ in range(sweeps):
        rotation = ellipsoidal._jacobi_sweep(M, objective, nk)
        M = rotation.T @ M @ rotation
    return np.diagonal(M, axis1=1, axis2=2)


@pytest.mark.parametrize("model", ["EVE", "VVE"])
def test_m_step_reaches_the_optimum_of_the_plane_rotations(model):
    scatter, nk = _problem()
    step = {"EVE": ellipsoidal.m_step_eve, "VVE": ellipsoidal.m_step_vve}[model]
    objective = OBJECTIVES[model == "VVE"]
    covariances = step(scatter, nk)
    # m_kj = d_j^T W_k d_j at the optimum: D from the covariances' eigenvectors
    orientation = np.linalg.eigh(covariances.sum(axis=0))[1]
    diag = np.diagonal(orientation.T @ scatter @ orientation, axis1=1, axis2=2)
    expected = _rotations_only(scatter, nk, objective)
    assert objective(diag, nk)[0] == pytest.approx(objective(expected, nk)[0], rel=1e-12)
    np.testing.assert_allclose(np.sort(diag, axis=1), np.sort(expected, axis=1), rtol=1e-6)


@pytest.mark.parametrize("objective", OBJECTIVES)
@pytest.mark.parametrize("seed", range(5))
def test_no_step_raises_the_objective_from_a_far_start(objective, seed):
    # from D = I on random scatters the first Newton steps are often refused
    # (Hessian not positive definite, or f would rise): the sweeps take over
    M, nk = _problem(n_components=4, n_features=5, seed=seed)
    values = []
    for _ in range(25):
        values.append(objective(np.diagonal(M, axis1=1, axis2=2), nk)[0])
        _, M = ellipsoidal._orientation_step(M, objective, nk)
    # at the optimum a sweep's tiny turns may move f by rounding (1 ulp)
    assert np.all(np.diff(values) <= 1e-14 * np.abs(values[:-1]))
    assert values[-1] < values[0]
