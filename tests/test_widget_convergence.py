"""``ConvergenceExplorer`` driven headless: move the separation, look at the artists."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from gmmteach import convergence
from gmmteach.widgets import ConvergenceExplorer
from gmmteach.widgets.convergence import EDGES


@pytest.fixture(scope="module")
def explorer():
    widget = ConvergenceExplorer(separation=4.0, max_iter=1500)
    yield widget
    widget.close()


def test_opens_with_the_rate_beside_the_eigenvalue(explorer):
    assert explorer.n_em_runs == 1 and explorer.message.value == ""
    assert explorer.rate == pytest.approx(explorer.eigenvalue ** 2, abs=2e-3)
    assert f"ρ = {explorer.rate:.4f}" in explorer.readout.value
    assert f"λ = {explorer.eigenvalue:.4f}" in explorer.readout.value


def test_moving_the_separation_runs_em_once_and_moves_the_lines(explorer):
    before = explorer.gap_line.get_ydata().copy()
    lines = (explorer.gap_line, explorer.predicted_line)
    rate_4 = explorer.rate
    explorer.separation.value = 2.0
    assert explorer.n_em_runs == 2
    assert (explorer.gap_line, explorer.predicted_line) == lines  # moved, not redrawn
    assert explorer.rate > rate_4  # overlap: slower
    shown = explorer.gap_line.get_ydata()
    expected = convergence.log_likelihood_gap(explorer.log_likelihoods, explorer.rate)
    assert np.allclose(shown[expected > 0], expected[expected > 0])
    assert not np.array_equal(shown[:len(before)], before)
    heights = [bar.get_height() for bar in explorer.mixture_artists["hist"]]
    assert np.dot(heights, np.diff(EDGES)) == pytest.approx(1.0, abs=0.02)  # a density


def test_the_nearly_symmetric_start_shows_a_plateau(explorer):
    explorer.separation.value = 4.0
    explorer.start.value = "symmetric"
    gaps = explorer.gap_line.get_ydata()
    assert gaps[100] == pytest.approx(gaps[0], rel=0.02)  # flat for 100 iterations
    assert np.nanmin(gaps) < 1e-6  # then converges
    explorer.start.value = "spread"


def test_bad_start_is_a_sentence():
    with pytest.raises(ValueError, match="start must be one of"):
        ConvergenceExplorer(start="middle")


def test_plot_convergence_draws_a_log_scale_and_leaves_holes_at_zero():
    import matplotlib.pyplot as plt
    from gmmteach import plotting
    fig, ax = plt.subplots()
    line, reference = plotting.plot_convergence(ax, [1.0, 0.1, 0.0], [1.0, 0.1, 0.01])
    assert ax.get_yscale() == "log"
    assert np.isnan(line.get_ydata()[2]) and list(reference.get_ydata()) == [1.0, 0.1, 0.01]
    plotting.update_convergence(line, reference, [2.0, 1.0])
    assert list(line.get_ydata()) == [2.0, 1.0] and len(reference.get_ydata()) == 0
    plt.close(fig)
