"""Draw mode and known labels in the EM explorer, clicked through the canvas.

Clicks go through matplotlib's own event machinery: a ``MouseEvent`` handed
to ``fig.canvas.callbacks.process``, as ipympl does with the browser's clicks.
"""

import numpy as np
import pytest
from matplotlib.backend_bases import MouseEvent
from sklearn.metrics import adjusted_rand_score as sklearn_ari

from gmmteach import datasets, em_steps, initial_params, m_step
from gmmteach.widgets import EMExplorer
from gmmteach.widgets.drawing import BRUSH_SPREAD, DRAWN

from widget_helpers import count_draws


def mouse(widget, name, xy, key=None, ax=None):
    """One mouse event ``name`` at data coordinates ``xy`` of ``ax`` (the data panel)."""
    x, y = (widget.ax_data if ax is None else ax).transData.transform(xy)
    button = None if name == "motion_notify_event" else 1
    event = MouseEvent(name, widget.fig.canvas, x, y, button=button, key=key)
    widget.fig.canvas.callbacks.process(name, event)


def click(widget, xy, key=None, ax=None):
    """A left click: the button pressed and released at ``xy``."""
    for name in ("button_press_event", "button_release_event"):
        mouse(widget, name, xy, key, ax)


def drawing(make, data="blobs", **kwargs):
    explorer = make(EMExplorer, data, **kwargs)
    explorer.fig.canvas.draw()  # the transforms of the laid-out figure
    explorer.drawing.toggle.value = True
    return explorer


def kmeans_run(X, K=3, seed=0):
    params, resp = initial_params(X, K, "full", init_params="kmeans", random_state=seed)
    return list(em_steps(X, params, covariance_type="full", initial_resp=resp))


def test_a_click_adds_a_point_there_and_reruns_em(make):
    explorer = drawing(make)
    blobs, runs = explorer.X, explorer.n_em_runs
    click(explorer, (1.5, -0.5))
    assert explorer.data.value == DRAWN and explorer.n_em_runs == runs + 1
    np.testing.assert_array_equal(explorer.X[:-1], blobs)
    np.testing.assert_allclose(explorer.X[-1], [1.5, -0.5], atol=1e-9)
    want = kmeans_run(explorer.X)
    assert len(explorer.trajectory) == len(want)
    np.testing.assert_allclose(explorer.trajectory[-1].params.means,
                               want[-1].params.means, rtol=0, atol=1e-12)
    assert explorer.message.value == ""


def test_a_drag_draws_a_trail_and_em_runs_when_drawing_stops(make):
    explorer = drawing(make)
    runs = explorer.n_em_runs
    mouse(explorer, "button_press_event", (-2.0, 0.0))
    for x in np.linspace(-2.0, 2.0, 41)[1:]:  # a stroke across the panel
        mouse(explorer, "motion_notify_event", (x, 0.0))
    assert explorer.n_em_runs == runs and len(explorer.X) == 500  # still drawing
    trail = explorer.drawing.preview.get_offsets()
    assert 5 < len(trail) < 41  # one point every TRAIL_PIXELS, not every event
    mouse(explorer, "button_release_event", (2.0, 0.0))
    assert explorer.n_em_runs == runs + 1  # one run for the whole stroke
    np.testing.assert_allclose(explorer.X[500:], trail)
    explorer.drawing.undo()  # and one change to undo
    assert len(explorer.X) == 500


def test_shift_click_removes_the_nearest_point(make):
    explorer = drawing(make)
    target = explorer.X[17]
    click(explorer, target + 0.01, key="shift")
    assert len(explorer.X) == 499
    assert not np.any(np.all(explorer.X == target, axis=1))


def test_the_brush_adds_a_seeded_cloud(make):
    clouds = []
    for _ in range(2):
        explorer = drawing(make, brush_size=20)
        click(explorer, (0.0, 0.0))
        clouds.append(explorer.X[500:])
    np.testing.assert_array_equal(clouds[0], clouds[1])  # seeded: same clicks, same cloud
    assert clouds[0].shape == (20, 2)
    np.testing.assert_allclose(clouds[0][0], [0, 0], atol=1e-9)  # at the click itself
    width = np.diff(explorer.ax_data.get_xlim())[0]
    spread = np.linalg.norm(clouds[0], axis=1).max()
    assert 0 < spread < 5 * BRUSH_SPREAD * width


def test_undo_and_clear(make):
    explorer = drawing(make)
    click(explorer, (0.0, 0.0))
    click(explorer, (1.0, 1.0))
    explorer.drawing.undo_button.click()
    assert len(explorer.X) == 501 and np.allclose(explorer.X[-1], 0, atol=1e-9)
    explorer.drawing.clear_button.click()
    assert len(explorer.drawing.points) == 0
    assert "Your drawing has 0 points; EM needs at least K = 3" in explorer.message.value
    assert not explorer.artists["points"].get_visible()  # the old run is hidden
    click(explorer, (0.0, 0.0))
    assert "has 1 point;" in explorer.message.value
    np.testing.assert_allclose(explorer.drawing.preview.get_offsets(), [[0, 0]],
                               atol=1e-9)
    explorer.drawing.undo()
    explorer.drawing.undo()  # back before the clear: EM runs again
    assert len(explorer.X) == 501 and explorer.message.value == ""
    assert len(explorer.drawing.preview.get_offsets()) == 0


def test_with_the_toggle_off_a_click_inspects(make):
    explorer = drawing(make)
    explorer.drawing.toggle.value = False
    runs = explorer.n_em_runs
    click(explorer, explorer.X[42] + 1e-3)
    assert explorer.selected == 42 and len(explorer.X) == 500
    assert explorer.n_em_runs == runs and explorer.data.value == "blobs"


def test_add_points_gives_what_clicks_give(make):
    clicked = drawing(make)
    for xy in [(0.0, 0.0), (2.0, 1.0)]:
        click(clicked, xy)
    coded = make(EMExplorer, "blobs")
    coded.add_points([[0.0, 0.0], [2.0, 1.0]])
    np.testing.assert_allclose(coded.X, clicked.X, atol=1e-9)
    np.testing.assert_allclose(coded.trajectory[-1].params.means,
                               clicked.trajectory[-1].params.means, atol=1e-8)


def test_one_structural_redraw_per_click(make):
    explorer = drawing(make)
    draws = count_draws(explorer.fig)
    click(explorer, (0.0, 0.0))
    assert len(draws) == 1


def test_drawn_points_on_iris_keep_the_other_features_at_their_means(make):
    explorer = drawing(make, "iris")
    iris = explorer.X
    click(explorer, (6.0, 3.0))
    np.testing.assert_allclose(explorer.X[-1], [6.0, 3.0, *iris[:, 2:].mean(axis=0)],
                               atol=1e-9)
    assert explorer.x_axis.label == "sepal length (cm)"  # the drawing keeps the names
    assert explorer.ax_data.get_ylabel() == "sepal width (cm)"


def test_a_click_that_fails_is_a_sentence_not_a_traceback(make, monkeypatch):
    explorer = drawing(make)

    def broken(x, y):
        raise IndexError("a bug")
    monkeypatch.setattr(explorer.drawing, "_cloud", broken)
    click(explorer, (0.0, 0.0))
    assert "Drawing failed: unexpected IndexError: a bug" in explorer.message.value
    assert len(explorer.X) == 500


# -- known labels: the agreement readout and "your labels" ------------------------
def test_scenarios_show_the_agreement_with_the_truth_at_each_step(make):
    explorer = make(EMExplorer, "blobs plus noise", n_components=3)
    truth = datasets.load_labels("blobs plus noise")
    for index in (1, len(explorer.trajectory) - 1):
        explorer.iteration.value = index
        assigned = explorer.responsibilities(index).argmax(axis=1)
        assert explorer.truth.ari == pytest.approx(sklearn_ari(truth, assigned),
                                                   abs=1e-12)
        assert f"{explorer.truth.ari:.3f}" in explorer.truth.readout.value
    assert explorer.truth.table.value == ""
    explorer.truth.show_table.value = True
    table = explorer.truth.table.value
    assert "label 3" in table and table.count("<tr>") == 5  # a header, four labels


def test_the_truth_is_hidden_where_no_labels_are_known(make):
    explorer = make(EMExplorer, "old faithful", n_components=2)
    assert explorer.truth.widget.layout.display == "none"
    assert "your labels" not in explorer.init_params.options
    explorer.data.value = "iris"
    assert "your labels" in explorer.init_params.options
    assert explorer.truth.widget.layout.display is None


def test_your_labels_start_from_one_m_step_on_them(make):
    explorer = make(EMExplorer, "overlapping blobs", init_params="your labels")
    X, y = datasets.make_overlapping_blobs()
    resp = np.eye(3)[y]
    start = m_step(X, resp, "full")
    np.testing.assert_allclose(explorer.trajectory[0].params.means, start.means)
    want = list(em_steps(X, start, covariance_type="full", initial_resp=resp))
    np.testing.assert_allclose(explorer.trajectory[-1].params.means,
                               want[-1].params.means, atol=1e-12)
    explorer.iteration.value = 0
    assert explorer.truth.ari == 1.0  # the start is the labels themselves
    assert "one M-step on your labels" in explorer.readout.value


def test_drawn_colours_are_labels(make):
    explorer = drawing(make, "old faithful", n_components=2)
    explorer.drawing.clear()
    explorer.drawing.brush.value = 15
    for colour, xy in [(0, (-1.0, -1.0)), (1, (1.0, 1.0))]:
        explorer.drawing.colour.value = colour
        click(explorer, xy)
    assert explorer.labels.tolist() == [0] * 15 + [1] * 15
    assert "your labels" in explorer.init_params.options
    explorer.init_params.value = "your labels"
    assert explorer.message.value == "" and explorer.truth.ari == 1.0
    assert "agreement with your colours (30 points)" in explorer.truth.readout.value
    explorer.n_components.value = 3
    assert "set K to 2" in explorer.message.value


@pytest.mark.parametrize("name", list(datasets.SCENARIOS))
def test_every_scenario_runs_in_the_explorer(make, name):
    explorer = make(EMExplorer, name, n_components=3)
    assert "could not run" not in explorer.message.value
    assert explorer.truth.ari is not None


# -- bad input, in words -----------------------------------------------------------
@pytest.mark.parametrize("points, labels, message", [
    (np.zeros(2), -1, r"points is 1-D"),
    (np.zeros((2, 3)), -1, r"points must have 2 columns .* got shape \(2, 3\)"),
    ([[0.0, np.nan]], -1, r"points contains 1 NaN"),
    ([[0.0, 1.0]], 9, r"labels must be -1 \(no colour\) or 0 \.\. 7"),
    ([[0.0, 1.0]], [0, 1], r"labels must be one integer per point \(1\)"),
    ([[0.0, 1.0]], 0.5, r"labels must be one integer per point"),
])
def test_bad_points_get_a_sentence(make, points, labels, message):
    explorer = make(EMExplorer, "blobs")
    with pytest.raises(ValueError, match=message):
        explorer.add_points(points, labels)
    assert len(explorer.X) == 500


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(brush_size=0), ValueError, r"brush_size must be between 1 and 50"),
    (dict(brush_size=51), ValueError, r"brush_size must be between 1 and 50"),
    (dict(brush_size=2.5), TypeError, r"brush_size must be an integer"),
    (dict(data="two moons"), ValueError, r"Did you mean 'moons'\?"),
    (dict(data="old faithful", init_params="your labels"), ValueError,
     r"init_params must be one of"),
])
def test_bad_drawing_arguments_get_a_sentence(kwargs, error, message):
    with pytest.raises(error, match=message):
        EMExplorer(**kwargs)


# -- the 1-D widget ----------------------------------------------------------------
def test_one_dimensional_draw_mode_adds_values_and_refits_the_target(make):
    from gmmteach import GaussianMixture
    from gmmteach.widgets import OneDimensionalMixture
    widget = make(OneDimensionalMixture)
    widget.fig.canvas.draw()
    widget.drawing.toggle.value = True
    before = widget.x
    click(widget, (4.0, 0.1), ax=widget.ax)
    assert widget.x.shape == (501, 1) and widget.x[-1, 0] == pytest.approx(4.0)
    want = GaussianMixture(2, random_state=0).fit(widget.x)
    assert widget.em_log_likelihood == pytest.approx(want.score(widget.x) * 501)
    heights = sum(bar.get_height() * bar.get_width() for bar in widget.artists["hist"])
    assert heights == pytest.approx(1.0)  # a new histogram of the 501 values
    click(widget, (4.01, 0.1), key="shift", ax=widget.ax)
    np.testing.assert_array_equal(widget.x, before)
    widget.drawing.brush.value = 5
    widget.add_points([10.0])
    assert widget.x.shape == (501, 1)  # from code: exactly the values given
    click(widget, (-1.0, 0.1), ax=widget.ax)  # a click: a cloud of five
    assert widget.x.shape == (506, 1) and widget.x[-5, 0] == pytest.approx(-1.0)
    widget.drawing.undo()
    widget.drawing.clear()
    assert widget.x.shape == (501, 1) and "EM could not run" in widget.message.value
    widget.drawing.undo()
    assert widget.message.value == ""
    with pytest.raises(ValueError, match=r"points must be values of x"):
        widget.add_points(np.zeros((2, 2)))

