"""Plotting: ellipse geometry by hand, colour mixing, curves and in-place updates."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba_array
from scipy import stats

from gmmteach import datasets, em_steps, initial_params, make_params
from gmmteach.plotting import (
    OKABE_ITO, covariance_ellipse, first_far_below, fit_log_likelihood_view,
    log_likelihood_curve, log_likelihood_ylim, plot_criterion, plot_density_contours,
    plot_ellipses, plot_labels, plot_log_likelihood, plot_mixture_1d,
    plot_responsibilities, plot_step, plot_uncertainty, project, responsibility_colors,
    set_data_limits, update_log_likelihood_marker, update_mixture_1d, update_step,
)


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def rotation(degrees):
    t = np.radians(degrees)
    return np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])


def same_angle(a, b, tol=1e-9):
    """Equal as directions of an axis, i.e. modulo 180 degrees."""
    d = abs(a - b) % 180.0
    return min(d, 180.0 - d) < tol


# -- covariance_ellipse ---------------------------------------------------------
def test_axis_aligned_ellipse_has_std_axes():
    # variances 4 and 1: standard deviations 2 and 1, full axes 4 and 2
    e = covariance_ellipse([1.0, -1.0], np.diag([4.0, 1.0]), n_std=1)
    assert (e.width, e.height) == pytest.approx((4.0, 2.0))
    assert same_angle(e.angle, 0.0)
    assert tuple(e.center) == (1.0, -1.0)


def test_tall_ellipse_is_turned_90_degrees():
    e = covariance_ellipse([0, 0], np.diag([1.0, 4.0]), n_std=1)
    assert (e.width, e.height) == pytest.approx((4.0, 2.0))
    assert same_angle(e.angle, 90.0)


@pytest.mark.parametrize("degrees", [30.0, 120.0, 165.0])
def test_rotated_ellipse(degrees):
    R = rotation(degrees)
    cov = R @ np.diag([9.0, 1.0]) @ R.T
    e = covariance_ellipse([0, 0], cov, n_std=1)
    assert (e.width, e.height) == pytest.approx((6.0, 2.0))
    assert same_angle(e.angle, degrees)


@pytest.mark.parametrize("n_std", [1.0, 2.0, 3.0])
def test_ellipse_outline_is_the_mahalanobis_contour(n_std):
    # every point x of the drawn outline has (x - mu)^T Sigma^-1 (x - mu) = n_std^2
    mean = np.array([2.0, -3.0])
    cov = np.array([[3.0, 1.2], [1.2, 1.0]])
    e = covariance_ellipse(mean, cov, n_std)
    # the patch maps the unit circle onto the ellipse
    theta = np.linspace(0, 2 * np.pi, 50)
    outline = e.get_patch_transform().transform(np.c_[np.cos(theta), np.sin(theta)])
    d = outline - mean
    mahalanobis2 = np.einsum("ni,ij,nj->n", d, np.linalg.inv(cov), d)
    np.testing.assert_allclose(mahalanobis2, n_std**2, rtol=1e-9)


def test_ellipse_refuses_a_3x3_covariance():
    with pytest.raises(ValueError, match="2 x 2"):
        covariance_ellipse([0, 0, 0], np.eye(3))


def test_ellipse_refuses_a_negative_eigenvalue():
    with pytest.raises(ValueError, match="negative eigenvalue"):
        covariance_ellipse([0, 0], np.array([[1.0, 2.0], [2.0, 1.0]]))


# -- one case per covariance type: (covariances, expected (width, height, angle))
# per component, the 1-sigma axes worked out by hand (angle None: a circle).
R30 = rotation(30.0)
ELLIPSE_CASES = {
    "full": (np.array([np.diag([4.0, 1.0]), R30 @ np.diag([9.0, 1.0]) @ R30.T]),
             [(4, 2, 0), (6, 2, 30)]),
    "tied": (np.diag([4.0, 1.0]), [(4, 2, 0), (4, 2, 0)]),
    "diag": (np.array([[4.0, 1.0], [1.0, 9.0]]), [(4, 2, 0), (6, 2, 90)]),
    "spherical": (np.array([4.0, 9.0]), [(4, 4, None), (6, 6, None)]),
}


def test_plot_ellipses_each_covariance_type(ax, covariance_type):
    covariances, expected = ELLIPSE_CASES[covariance_type]
    means = np.array([[0.0, 0.0], [5.0, 5.0]])
    ellipses = plot_ellipses(ax, means, covariances, covariance_type, n_std=(1, 2))
    assert len(ellipses) == 4  # 1-sigma of both, then 2-sigma of both
    for k, (width, height, angle) in enumerate(expected):
        for s, n_std in enumerate((1, 2)):
            e = ellipses[s * 2 + k]
            assert (e.width, e.height) == pytest.approx((n_std * width, n_std * height))
            assert tuple(e.center) == tuple(means[k])
            if angle is not None:
                assert same_angle(e.angle, angle)
    assert all(e in ax.patches for e in ellipses)


def test_projection_takes_the_covariance_sub_block(ax):
    # a 3-D Gaussian seen on features (0, 2): variances 4 and 1, covariance 0
    means = np.array([[1.0, 2.0, 3.0]])
    covariances = np.array([np.diag([4.0, 100.0, 1.0])])
    m2, c2 = project(means, covariances, "full", dims=(0, 2))
    np.testing.assert_array_equal(m2, [[1.0, 3.0]])
    np.testing.assert_array_equal(c2, [np.diag([4.0, 1.0])])
    (e,) = plot_ellipses(ax, means, covariances, "full", n_std=(1,), dims=(2, 0))
    assert (e.width, e.height) == pytest.approx((4.0, 2.0))
    assert same_angle(e.angle, 90.0)  # feature 0 (variance 4) is now vertical
    assert tuple(e.center) == (3.0, 1.0)


def test_bad_dims_say_what_is_wrong(ax):
    with pytest.raises(ValueError, match="dims must be two feature indices"):
        project(np.zeros((1, 2)), np.ones(1), "spherical", dims=(0, 2))


# -- points ----------------------------------------------------------------------
def test_soft_colours_are_the_responsibility_mix():
    resp = np.array([[1.0, 0.0], [0.5, 0.5], [0.25, 0.75]])
    colors = responsibility_colors(resp, colors=["red", "blue"])
    np.testing.assert_allclose(colors, [[1, 0, 0, 1], [0.5, 0, 0.5, 1],
                                        [0.25, 0, 0.75, 1]])


def test_unassigned_responsibility_is_drawn_grey_not_transparent():
    resp = np.array([[0.0, 0.0], [0.5, 0.0]])  # a partial resp, rows short of 1
    colors = responsibility_colors(resp, colors=["red", "blue"])
    grey = to_rgba_array("#999999")[0]
    np.testing.assert_allclose(colors[0], grey)
    np.testing.assert_allclose(colors[1], 0.5 * to_rgba_array("red")[0] + 0.5 * grey)


def test_plot_responsibilities_uses_okabe_ito(ax):
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    resp = np.array([[0.2, 0.8], [1.0, 0.0]])
    points = plot_responsibilities(ax, X, resp)
    palette = to_rgba_array(OKABE_ITO[:2])
    np.testing.assert_allclose(points.get_facecolors(), resp @ palette)
    np.testing.assert_array_equal(points.get_offsets(), X)


def test_points_without_responsibilities_are_grey(ax):
    points = plot_responsibilities(ax, np.zeros((3, 2)), None)
    np.testing.assert_allclose(points.get_facecolors(), to_rgba_array(["#999999"] * 3))


def test_plot_labels_colours_by_label(ax):
    X = np.arange(8.0).reshape(4, 2)
    points = plot_labels(ax, X, [2, 0, 1, 2])
    palette = to_rgba_array(OKABE_ITO[:3])
    np.testing.assert_allclose(points.get_facecolors(), palette[[2, 0, 1, 2]])


def test_uncertain_points_are_bigger(ax):
    X = np.zeros((3, 2))
    resp = np.array([[1.0, 0.0], [0.5, 0.5], [0.8, 0.2]])  # uncertainty 0, .5, .2
    sizes = plot_uncertainty(ax, X, resp).get_sizes()
    assert sizes[0] < sizes[2] < sizes[1]


# -- densities and curves ----------------------------------------------------------
def test_density_contours_lie_on_the_marginal_log_density(ax):
    # marginal of a 3-D Gaussian on features (0, 1), checked with scipy
    params = make_params([1.0], [[0.0, 1.0, 5.0]], "full",
                         covariances=[[[2.0, 0.5, 0.3], [0.5, 1.0, 0.2],
                                       [0.3, 0.2, 3.0]]])
    marginal = stats.multivariate_normal([0.0, 1.0], [[2.0, 0.5], [0.5, 1.0]])
    levels = [-5.0, -4.0, -3.0]  # the log-density peaks at -log(2 pi sqrt(1.75))
    contours = plot_density_contours(ax, params, (-5.0, 5.0), (-4.0, 6.0),
                                     levels=levels, dims=(0, 1), resolution=200)
    for level, segments in zip(levels, contours.allsegs):
        vertices = np.concatenate(segments)
        assert len(vertices) > 20
        np.testing.assert_allclose(marginal.logpdf(vertices), level, atol=0.01)


def test_density_contours_accept_a_single_colour(ax):
    params = make_params([1.0], [[0.0, 0.0]], "spherical", covariances=[1.0])
    contours = plot_density_contours(ax, params, (-3, 3), (-3, 3), levels=3, colors="k")
    np.testing.assert_allclose(contours.get_edgecolor()[:, :3], 0.0)


def test_mixture_1d_curves_are_weighted_normals(ax):
    x = np.linspace(-3, 3, 50)
    weights, means, variances = np.array([0.3, 0.7]), np.array([-1.0, 1.0]), [0.25, 1.0]
    artists = plot_mixture_1d(ax, x, weights, means, variances, bins=10)
    grid = artists["total"].get_xdata()
    expected = [w * stats.norm(m, np.sqrt(v)).pdf(grid)
                for w, m, v in zip(weights, means, variances)]
    for line, curve in zip(artists["components"], expected):
        np.testing.assert_allclose(line.get_ydata(), curve)
    np.testing.assert_allclose(artists["total"].get_ydata(), np.sum(expected, axis=0))
    assert len(artists["hist"]) == 10
    update_mixture_1d(artists, [1.0, 0.0], [0.0, 0.0], [1.0, 1.0])
    np.testing.assert_allclose(artists["total"].get_ydata(), stats.norm.pdf(grid))


def test_log_likelihood_marker_moves_and_hides(ax):
    line, marker = plot_log_likelihood(ax, [-3.0, -2.0, -1.5], current=2)
    assert list(marker.get_xdata()) == [2] and list(marker.get_ydata()) == [-2.0]
    update_log_likelihood_marker(marker, line, 3)
    assert list(marker.get_xdata()) == [3] and list(marker.get_ydata()) == [-1.5]
    update_log_likelihood_marker(marker, line, None)
    assert len(marker.get_xdata()) == 0


def test_log_likelihood_ticks_show_values_not_an_offset(ax):
    plot_log_likelihood(ax, [-1234.5671, -1234.5669, -1234.5668])
    ax.figure.canvas.draw()
    assert ax.yaxis.get_major_formatter().get_offset() == ""
    assert all(t.get_text().startswith("\u22121234.") for t in ax.get_yticklabels()
               if t.get_text())


COLLAPSED_START = [-2.42e6, -3.97, -3.93, -3.90, -3.885, -3.8849]


def test_a_collapsed_start_is_left_below_the_chart():
    bottom, top = log_likelihood_ylim(COLLAPSED_START)
    assert bottom < -3.97 and top > -3.8849
    assert top - bottom < 0.2  # the climb fills the axis, not a 1e6 range


@pytest.mark.parametrize("values", [
    [-3.0, -2.0, -1.5],  # an ordinary climb
    [-5.0, -3.9, -3.8999],  # a big first step, then converged: all shown
    [-2.42e6, -3.9],  # two points: nothing to gain
    [-1.5],
])
def test_ordinary_curves_are_shown_whole(values):
    assert not first_far_below(values)
    bottom, top = log_likelihood_ylim(values)
    assert bottom < min(values) and max(values) < top


def test_a_run_that_barely_moves_looks_flat():
    values = [-3.88492, -3.88485, -3.88480]  # k-means start: gains 1e-4
    bottom, top = log_likelihood_ylim(values)
    assert top - bottom >= 0.01  # ten times tol, not 1e-4 stretched to fill
    assert max(values) < top < max(values) + 0.001  # the curve at the top


def test_fit_view_notes_the_first_value_and_autoscales_again(ax):
    line, _ = plot_log_likelihood(ax, COLLAPSED_START)
    note = fit_log_likelihood_view(ax, line)
    assert ax.get_ylim() == log_likelihood_ylim(COLLAPSED_START)
    assert note.get_text() == "\u2193 iteration 1: \u22122.42e+06, below the chart"
    assert note.get_visible()
    line.set_data([1, 2, 3], [-3.0, -2.0, -1.5])  # a new run on the same axes
    assert fit_log_likelihood_view(ax, line, note) is note
    assert note.get_text() == "" and not note.get_visible()
    assert ax.get_xlim()[0] < 1 and 3 < ax.get_xlim()[1] < 4
    bottom, top = ax.get_ylim()
    assert bottom <= -3.0 and top >= -1.5 and top - bottom < 3


def test_log_likelihood_curve_reads_the_e_steps():
    X = datasets.load_dataset("old faithful")
    params, resp = initial_params(X, 2, random_state=0)
    trajectory = list(em_steps(X, params, covariance_type="full", initial_resp=resp))
    iterations, values = log_likelihood_curve(trajectory)
    e_steps = [s for s in trajectory if s.kind == "E"]
    assert list(iterations) == list(range(1, len(e_steps) + 1))
    assert list(values) == [s.log_likelihood for s in e_steps]


def test_criterion_chart_mclust_sign(ax):
    bic = np.array([[10.0, 12.0], [8.0, np.nan], [9.0, 7.5]])  # sklearn's sign
    lines = plot_criterion(ax, [1, 2, 3], bic, ["full", "tied"], mclust_sign=True)
    np.testing.assert_array_equal(lines[0].get_ydata(), [-10.0, -8.0, -9.0])
    best = lines[-1]  # the star: lowest BIC = highest mclust BIC, K=3 'tied'
    assert list(best.get_xdata()) == [3] and list(best.get_ydata()) == [-7.5]
    assert "higher is better" in ax.get_ylabel()
    ax.clear()
    lines = plot_criterion(ax, [1, 2, 3], bic, ["full", "tied"], criterion="AIC")
    assert list(lines[-1].get_ydata()) == [7.5]
    assert ax.get_ylabel().startswith("AIC") and "lower is better" in ax.get_ylabel()


# -- a whole step ---------------------------------------------------------------------
def test_update_step_moves_the_same_artists(ax, covariance_type):
    X = datasets.load_dataset("iris")
    params, resp = initial_params(X, 3, covariance_type, random_state=0)
    trajectory = list(em_steps(X, params, covariance_type=covariance_type,
                               initial_resp=resp))
    artists = plot_step(ax, X, trajectory[0], dims=(2, 3))
    before = (artists["points"], artists["centres"], list(artists["ellipses"]))
    last = trajectory[-1]
    update_step(artists, X, last)
    assert before == (artists["points"], artists["centres"], artists["ellipses"])
    centres = artists["centres"].get_offsets()
    np.testing.assert_allclose(centres, last.params.means[:, [2, 3]])
    for k, ellipse in enumerate(artists["ellipses"][:3]):  # 1-sigma ellipses
        cov = last.params.full_covariances()[k][np.ix_([2, 3], [2, 3])]
        assert ellipse.center == pytest.approx(last.params.means[k, [2, 3]])
        assert ellipse.width == pytest.approx(2 * np.sqrt(np.linalg.eigvalsh(cov)[1]))
    palette = to_rgba_array(OKABE_ITO[:3])
    np.testing.assert_allclose(artists["points"].get_facecolors(), last.resp @ palette,
                               atol=1e-12)


def test_set_data_limits_adds_a_margin(ax):
    set_data_limits(ax, np.array([[0.0, 10.0], [10.0, 30.0]]), margin=0.1)
    assert ax.get_xlim() == pytest.approx((-1.0, 11.0))
    assert ax.get_ylim() == pytest.approx((8.0, 32.0))
