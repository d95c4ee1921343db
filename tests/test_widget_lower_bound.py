"""``LowerBoundExplorer`` driven headless: press its buttons, look at the artists."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from scipy import stats
from scipy.special import logsumexp

from gmmteach import datasets
from gmmteach.widgets import LowerBoundExplorer

from widget_helpers import count_draws

X, _ = datasets.make_1d_mixture(300, random_state=1)


@pytest.fixture
def explorer():
    widget = LowerBoundExplorer(X)
    yield widget
    widget.close()


def shown(explorer):
    """(theta, ln p, bound) as drawn by the dots, bound None when not drawn."""
    artists = explorer.bound_artists
    theta, ll = artists["point"].get_xdata()[0], artists["point"].get_ydata()[0]
    on_bound = artists["bound_point"].get_ydata()
    return theta, ll, (on_bound[0] if len(on_bound) else None)


def scipy_log_likelihood(params):
    """Total log-likelihood of a 1-D spherical mixture, from scipy's normal density."""
    terms = np.log(params.weights) + stats.norm.logpdf(
        X, params.means.ravel(), np.sqrt(params.covariances))
    return logsumexp(terms, axis=1).sum()


def test_opens_on_the_first_e_step_with_the_bound_touching(explorer):
    assert explorer.n_em_runs == 1 and explorer.message.value == ""
    assert explorer.step.value == 1 and explorer.trajectory[1].kind == "E"
    theta, ll, on_bound = shown(explorer)
    params = explorer.trajectory[1].params
    assert theta == params.means[0, 0]
    assert ll == pytest.approx(scipy_log_likelihood(params), rel=1e-12)
    assert on_bound == pytest.approx(ll, abs=1e-9)  # KL = 0
    assert "touching" in explorer.bound_artists["gap_label"].get_text()
    assert "<b>E-step</b> of iteration 1" in explorer.readout.value


def test_next_step_is_the_m_step_at_the_top_of_the_bound(explorer):
    draws, n_draws = count_draws(explorer.fig), explorer.n_draws
    lines = dict(explorer.bound_artists)
    explorer.forward.click()
    assert explorer.step.value == 2 and explorer.trajectory[2].kind == "M"
    assert explorer.n_draws == n_draws + 1 and draws == []  # one blitted redraw
    assert explorer.n_em_runs == 1 and explorer.bound_artists == lines
    theta, ll, on_bound = shown(explorer)
    new, old = explorer.trajectory[2].params, explorer.trajectory[1].params
    q = explorer.trajectory[2].resp
    assert theta == new.means[0, 0]
    assert theta == pytest.approx(q[:, 0] @ X[:, 0] / q[:, 0].sum())  # weighted mean
    grid, curve = explorer.bound_artists["bound"].get_data()
    spacing = grid[1] - grid[0]
    assert abs(grid[np.argmax(curve)] - theta) <= spacing  # the bound's top
    before = scipy_log_likelihood(old)
    assert ll > on_bound > before  # ln p(new) >= L(q, new) >= ln p(old)
    assert explorer.bound_artists["previous"].get_ydata()[0] == pytest.approx(before)
    assert "<b>M-step</b> of iteration 1" in explorer.readout.value


def test_next_e_step_touches_again_and_back_returns(explorer):
    explorer.forward.click()
    explorer.forward.click()
    assert explorer.trajectory[explorer.step.value].kind == "E"
    _, ll, on_bound = shown(explorer)
    assert on_bound == pytest.approx(ll, abs=1e-9)
    explorer.back.click()
    assert explorer.step.value == 2
    explorer.step.value = 0  # the start: no q, no bound
    _, _, on_bound = shown(explorer)
    assert on_bound is None and len(explorer.bound_artists["bound"].get_xdata()) == 0
    explorer.back.click()
    assert explorer.step.value == 0  # stays at the first step


def test_the_curve_is_the_log_likelihood_along_the_mean(explorer):
    explorer.step.value = 4
    params = explorer.trajectory[4].params
    grid, curve = explorer.bound_artists["log_likelihood"].get_data()
    for index in (0, 150, 299):
        means = params.means.ravel().copy()
        means[0] = grid[index]
        terms = np.log(params.weights) + stats.norm.logpdf(X, means, np.sqrt(params.covariances))
        assert curve[index] == pytest.approx(logsumexp(terms, axis=1).sum(), rel=1e-12)


def test_component_dropdown_changes_the_axis_without_rerunning_em(explorer):
    explorer.component.value = 1
    assert explorer.n_em_runs == 1
    theta, _, _ = shown(explorer)
    assert theta == explorer.trajectory[explorer.step.value].params.means[1, 0]
    assert "μ1" in explorer.ax_bound.get_xlabel()


def test_seed_reruns_em_from_another_start(explorer):
    first = explorer.trajectory[0].params.means.copy()
    draws = count_draws(explorer.fig)
    explorer.random_state.value = 5
    assert explorer.n_em_runs == 2 and len(draws) == 1  # one full redraw
    assert not np.array_equal(explorer.trajectory[0].params.means, first)
    starts = explorer.trajectory[0].params.means.ravel()
    assert np.all(np.isin(starts, X.ravel()))  # the means start on data points
    assert explorer.step.value == 1


def test_a_collapse_is_a_sentence_not_a_traceback():
    spikes = np.r_[np.zeros(5), np.full(5, 10.0)]  # at reg_covar=0, a variance reaches 0
    widget = LowerBoundExplorer(spikes, random_state=2)
    assert widget.message.value == ""
    widget.random_state.value = 0
    assert "collapsed" in widget.message.value and "another seed" in widget.message.value
    assert "previous run" in widget.message.value and "Traceback" not in widget.message.value
    widget.close()


@pytest.mark.parametrize("kwargs, match", [
    (dict(X=np.zeros((10, 2))), "X must be 1-D data"),
    (dict(X=X, component=2), "component must be between 0 and 1"),
])
def test_bad_arguments_are_explained(kwargs, match):
    with pytest.raises(ValueError, match=match):
        LowerBoundExplorer(**kwargs)


def test_zoom_frames_the_step_on_screen_and_shows_the_gap(explorer):
    last = len(explorer.trajectory) - 1
    explorer.step.value = last - 2  # a late step: a small climb on the run's scale
    full_x, full_y = explorer.ax_bound.get_xlim(), explorer.ax_bound.get_ylim()
    theta, ll, on_bound = shown(explorer)
    draws = count_draws(explorer.fig)
    explorer.zoom.value = True
    assert explorer.n_em_runs == 1 and len(draws) == 1
    assert shown(explorer) == pytest.approx((theta, ll, on_bound))  # the same numbers
    low, high = explorer.ax_bound.get_xlim()
    assert low < theta < high and high - low < (full_x[1] - full_x[0]) / 5
    bottom, top = explorer.ax_bound.get_ylim()
    assert bottom < on_bound < ll < top
    assert (ll - on_bound) / (top - bottom) > 5 * (ll - on_bound) / (full_y[1] - full_y[0])
    explorer.step.value = last  # each step brings its own limits: one full redraw
    assert len(draws) == 2 and explorer.ax_bound.get_xlim() != (low, high)
    explorer.zoom.value = False
    assert explorer.ax_bound.get_xlim() == full_x and explorer.ax_bound.get_ylim() == full_y


def test_a_blitted_step_has_the_pixels_of_a_full_redraw(explorer):
    canvas = explorer.fig.canvas
    canvas.draw()  # the first full draw keeps the background

    def pixels():
        return np.asarray(canvas.get_renderer().buffer_rgba()).copy()

    images = []
    for index in (2, 3, 6):  # M-step (old point, gap), E-step (touching), M-step
        explorer.step.value = index
        blitted = pixels()
        canvas.draw()  # everything drawn anew, the moving artists included
        assert np.array_equal(pixels(), blitted), f"stale pixels at step {index}"
        images.append(blitted)
    assert not np.array_equal(images[0], images[1])
