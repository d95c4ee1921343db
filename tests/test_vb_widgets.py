"""Lesson 11's widgets and pictures driven headless: set a control, look at the artists."""

import numpy as np
import pytest
from scipy import stats

from gmmteach import datasets, plotting
from gmmteach.init import check_random_state, initial_resp
from gmmteach.vb import vb_steps
from gmmteach.widgets import StickBreaking, VBExplorer

from widget_helpers import count_draws


def expected_run(X, K, prior_type="dirichlet_process", prior=None,
                 covariance_type="full", seed=0):
    resp = initial_resp(X, K, "kmeans", check_random_state(seed))
    return list(vb_steps(X, resp, covariance_type=covariance_type,
                         weight_concentration_prior_type=prior_type,
                         weight_concentration_prior=1 / K if prior is None else prior,
                         max_iter=300))


def assert_shows(explorer, index):
    """Bars, ellipses, centres, marker and readout are those of ``trajectory[index]``."""
    step = explorer.trajectory[index]
    weights = step.params.weights
    np.testing.assert_allclose([bar.get_height() for bar in explorer.bars], weights)
    means = step.params.means[:, list(explorer.dims)]
    np.testing.assert_allclose(explorer.artists["centres"].get_offsets(), means)
    alphas = [e.get_alpha() for e in explorer.artists["ellipses"][:len(weights)]]
    heavy, light = np.argmax(weights), np.argmin(weights)
    assert alphas[heavy] == 1.0 and alphas[light] < alphas[heavy] or np.ptp(weights) == 0
    marker_x = list(explorer.elbo_marker.get_xdata())
    if step.kind == "M":
        assert marker_x == [step.iteration]
        assert list(explorer.elbo_marker.get_ydata()) == [step.elbo]
    assert f"step {index} of {len(explorer.trajectory) - 1}" in explorer.readout.value
    assert f"<b>{np.sum(weights >= 0.01)} of {len(weights)}</b>" in explorer.readout.value


# -- VBExplorer --------------------------------------------------------------------
def test_vb_explorer_runs_the_generator_once_and_scrubs_by_blitting(make):
    explorer = make(VBExplorer, "old faithful", n_components=10, max_iter=300)
    X = datasets.load_dataset("old faithful")
    expected = expected_run(X, 10)
    assert len(explorer.trajectory) == len(expected)
    np.testing.assert_allclose(explorer.trajectory[-1].params.weights,
                               expected[-1].params.weights)
    assert explorer.n_vb_runs == 1 and explorer.message.value == ""
    assert_shows(explorer, len(expected) - 1)
    bars, points = list(explorer.bars), explorer.artists["points"]
    draws, n_draws = count_draws(explorer.fig), explorer.n_draws
    for changes, index in enumerate([0, 1, 2, 3, 40, len(expected) - 1], 1):
        explorer.iteration.value = index
        assert_shows(explorer, index)
        assert explorer.n_draws == n_draws + changes  # one redraw per change,
        assert draws == []  # of the moving artists only
    assert explorer.n_vb_runs == 1
    assert list(explorer.bars) == bars and explorer.artists["points"] is points


def test_switched_off_components_fade(make):
    explorer = make(VBExplorer, "old faithful", n_components=10, max_iter=300)
    weights = explorer.step.params.weights
    assert plotting.n_active(weights) == 2  # sklearn's BayesianGaussianMixture too
    alphas = np.array([e.get_alpha() for e in explorer.artists["ellipses"][:10]])
    assert np.all(alphas[weights < 0.01] < 0.2) and np.all(alphas[weights > 0.3] > 0.7)


@pytest.mark.parametrize("control, value, expected_kwargs", [
    ("weight_concentration_prior", 10.0, {"prior": 10.0}),
    ("weight_concentration_prior_type", "dirichlet_distribution",
     {"prior_type": "dirichlet_distribution"}),
    ("covariance_type", "diag", {"covariance_type": "diag"}),
    ("random_state", 3, {"seed": 3}),
])
def test_each_structural_control_reruns_once(make, control, value, expected_kwargs):
    explorer = make(VBExplorer, "old faithful", n_components=6, max_iter=300)
    getattr(explorer, control).value = value
    assert explorer.n_vb_runs == 2
    kwargs = {"prior": 1 / 6} | expected_kwargs
    expected = expected_run(datasets.load_dataset("old faithful"), 6, **kwargs)
    np.testing.assert_allclose(explorer.trajectory[-1].params.weights,
                               expected[-1].params.weights)
    assert_shows(explorer, len(expected) - 1)


def test_dirichlet_distribution_with_large_concentration_keeps_every_component(make):
    explorer = make(VBExplorer, "old faithful", n_components=10, max_iter=300,
                    weight_concentration_prior_type="dirichlet_distribution",
                    weight_concentration_prior=100.0)
    assert "<b>10 of 10</b>" in explorer.readout.value


def test_k_max_and_iris_rebuild_the_bars(make):
    explorer = make(VBExplorer, "old faithful", n_components=4)
    explorer.n_components.value = 15
    assert len(explorer.bars) == 15 and len(explorer.artists["ellipses"]) == 30
    explorer.data.value = "iris"
    assert len(explorer.x_axis.options) == 4 and explorer.message.value == ""


def test_degenerate_choice_is_a_sentence_not_a_traceback(make):
    tiny = np.array([[0, 0], [1, 1], [5, 5], [6, 6.0]])
    explorer = make(VBExplorer, tiny, n_components=3)
    assert explorer.n_vb_runs == 1 and explorer.trajectory
    explorer.n_components.value = 8  # more components than points
    assert "could not run" in explorer.message.value
    assert "lower K_max" in explorer.message.value
    assert "still shows the previous run" in explorer.message.value
    assert len(explorer.bars) == 3  # the old run stays on screen


def test_blitted_scrub_equals_a_full_redraw(make):
    explorer = make(VBExplorer, "old faithful", n_components=10, max_iter=300)
    canvas = explorer.fig.canvas
    canvas.draw()
    for index in (0, 3, 20):
        explorer.iteration.value = index
        blitted = np.asarray(canvas.buffer_rgba()).copy()
        canvas.draw()
        assert np.array_equal(np.asarray(canvas.buffer_rgba()), blitted), index


def figure_state(explorer):
    """What the figure shows, artist by artist: positions, limits, labels, data."""
    state = []
    for ax in explorer.fig.axes:
        state += [ax.get_position().bounds, ax.get_position(original=True).bounds,
                  ax.get_xlim(), ax.get_ylim(),
                  [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]]
    artists = explorer.artists
    state += [artists["points"].get_facecolors(), artists["centres"].get_offsets(),
              artists["centres"].get_facecolors(),
              [(*e.center, e.width, e.height, e.angle, e.get_alpha())
               for e in artists["ellipses"]],
              [bar.get_height() for bar in explorer.bars],
              explorer.elbo_line.get_xydata(), explorer.elbo_marker.get_xydata(),
              explorer.elbo_note.get_text(), explorer.readout.value]
    return state


def assert_same_state(ours, theirs):
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        if isinstance(a, str) or isinstance(a, list) and isinstance(a[0], str):
            assert a == b
        else:
            np.testing.assert_array_equal(np.asarray(a, dtype=float),
                                          np.asarray(b, dtype=float))


def test_a_new_prior_moves_the_artists_and_shows_a_fresh_explorers_figure(make):
    # a change of the concentration moves the artists in place and redraws the
    # ELBO panel alone where the labels' room is unchanged: the figure must be
    # pixel for pixel what a new explorer built with that prior draws in full
    explorer = make(VBExplorer, "old faithful", n_components=10, max_iter=300,
                    weight_concentration_prior=0.01)
    canvas = explorer.fig.canvas
    canvas.draw()
    bars, points = list(explorer.bars), explorer.artists["points"]
    ellipses = list(explorer.artists["ellipses"])
    full_draws = count_draws(explorer.fig)
    partial = 0
    for prior in (0.1, 1.0, 31.6, 100.0, 0.0316):
        before = len(full_draws)
        explorer.weight_concentration_prior.value = prior
        partial += len(full_draws) == before  # no full render: the ELBO panel alone
        shown = np.asarray(canvas.buffer_rgba()).copy()
        assert list(explorer.bars) == bars and explorer.artists["points"] is points
        assert explorer.artists["ellipses"] == ellipses
        fresh = make(VBExplorer, "old faithful", n_components=10, max_iter=300,
                     weight_concentration_prior=prior)
        fresh.fig.canvas.draw()
        assert_same_state(figure_state(explorer), figure_state(fresh))
        np.testing.assert_array_equal(shown, np.asarray(fresh.fig.canvas.buffer_rgba()),
                                      err_msg=f"prior {prior}")
        fresh.close()
    assert partial >= 2  # the partial redraw was exercised, not only full ones


# -- StickBreaking -------------------------------------------------------------------
def test_stick_weights_follow_beta_quantiles(make):
    sticks = make(StickBreaking, alpha=2.0, n_sticks=12, random_state=5)
    u = np.random.default_rng(5).uniform(size=12)
    v = stats.beta(1, 2.0).ppf(u)  # the same uniforms through Beta(1, 2)'s quantiles
    expected = v * np.concatenate(([1.0], np.cumprod(1 - v)[:-1]))
    np.testing.assert_allclose(sticks.weights, expected, rtol=1e-10)
    np.testing.assert_allclose([b.get_height() for b in sticks.bars], expected)
    widths = [p.get_width() for p in sticks.pieces]
    np.testing.assert_allclose(widths[:-1], expected)
    assert sum(widths) == pytest.approx(1.0)


def test_alpha_moves_the_same_artists_once_and_the_prior_mean(make):
    sticks = make(StickBreaking, alpha=1.0)
    bars, n_draws = list(sticks.bars), sticks.n_draws
    sticks.alpha.value = 10.0
    assert list(sticks.bars) == bars and sticks.n_draws == n_draws + 1
    k = np.arange(15)
    np.testing.assert_allclose(sticks.prior_line.get_ydata(),
                               (10 / 11) ** k / 11)  # E[v](1 - E[v])^k, E[v] = 1/11
    assert "α = 10" in sticks.readout.value


def test_small_alpha_puts_the_stick_on_few_pieces(make):
    sticks = make(StickBreaking, alpha=0.01)
    assert plotting.n_active(sticks.weights) <= 2 and sticks.weights.sum() > 0.999
    sticks.alpha.value = 100.0  # small pieces: 15 of them leave most of the stick
    assert sticks.weights.max() < 0.1 and sticks.weights.sum() < 0.5


def test_redraw_button_draws_new_sticks(make):
    sticks = make(StickBreaking, random_state=0)
    before = sticks.weights.copy()
    sticks.redraw.click()
    assert sticks.random_state.value == 1 and not np.allclose(sticks.weights, before)


@pytest.mark.parametrize("kwargs, words", [
    ({"n_sticks": 1}, "n_sticks"), ({"alpha": 0.0}, r"alpha must be between 0.01 and 100")])
def test_stick_breaking_refuses_bad_arguments(kwargs, words):
    with pytest.raises(ValueError, match=words):
        StickBreaking(**kwargs)


# -- gmmteach.plotting.weights --------------------------------------------------------
def test_weight_alphas_and_active_count():
    weights = np.array([0.6, 0.15, 0.24, 0.009, 0.001])
    np.testing.assert_allclose(plotting.weight_alphas(weights)[:3],
                               np.sqrt(weights[:3] / 0.6))
    assert plotting.weight_alphas(weights)[-1] == pytest.approx(plotting.weights.MIN_ALPHA)
    assert plotting.n_active(weights) == 3


@pytest.mark.slow  # two full variational runs beside sklearn's
@pytest.mark.parametrize("prior_type, prior", [("dirichlet_process", 0.1),
                                               ("dirichlet_distribution", 10.0)])
def test_vb_explorer_lands_on_sklearns_model(make, prior_type, prior):
    from sklearn.mixture import BayesianGaussianMixture  # the oracle

    explorer = make(VBExplorer, "old faithful", n_components=10, max_iter=300,
                    weight_concentration_prior_type=prior_type,
                    weight_concentration_prior=prior)
    oracle = BayesianGaussianMixture(
        n_components=10, weight_concentration_prior_type=prior_type,
        weight_concentration_prior=prior, max_iter=300, random_state=0).fit(explorer.X)
    final = explorer.trajectory[-1]
    assert final.iteration == oracle.n_iter_
    np.testing.assert_allclose(final.params.weights, oracle.weights_, rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose([b.get_height() for b in explorer.bars], oracle.weights_,
                               rtol=1e-6, atol=1e-12)


def test_a_prior_seen_before_shows_its_kept_run_as_a_new_run_would(make):
    # moving the concentration slider back reuses the run kept for that value:
    # no new run, and the figure is pixel for pixel a fresh explorer's
    explorer = make(VBExplorer, "old faithful", n_components=6, max_iter=300,
                    weight_concentration_prior=0.01)
    explorer.weight_concentration_prior.value = 10.0
    assert explorer.n_vb_runs == 2
    explorer.weight_concentration_prior.value = 0.01
    assert explorer.n_vb_runs == 2
    fresh = make(VBExplorer, "old faithful", n_components=6, max_iter=300,
                 weight_concentration_prior=0.01)
    assert len(explorer.trajectory) == len(fresh.trajectory)
    for ours, theirs in zip(explorer.trajectory, fresh.trajectory):
        np.testing.assert_array_equal(ours.params.weights, theirs.params.weights)
    assert explorer.readout.value == fresh.readout.value
    assert explorer.message.value == fresh.message.value
    explorer.fig.canvas.draw()
    fresh.fig.canvas.draw()
    np.testing.assert_array_equal(np.asarray(explorer.fig.canvas.buffer_rgba()),
                                  np.asarray(fresh.fig.canvas.buffer_rgba()))
