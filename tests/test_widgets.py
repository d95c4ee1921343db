"""Widgets driven headless: set a control's value, look at the artists."""

import subprocess
import sys

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.colors import to_rgba_array
from scipy import stats

import gmmteach
from gmmteach import COVARIANCE_TYPES, GaussianMixture, datasets, em_steps
from gmmteach import initial_params
from gmmteach.plotting import OKABE_ITO
from gmmteach.widgets import EMExplorer, OneDimensionalMixture, ResponsibilityInspector

from widget_helpers import count_draws

# Five points on two spots plus a square: K=10 is more than the points, and
# with reg_covar=0 a component sitting on a spot has a singular covariance.
TINY = np.array([[0, 0], [0, 0], [0, 0], [1, 1], [1, 1],
                 [5, 5], [5, 6], [6, 5], [6, 6.0]])


def expected_run(X, K, covariance_type="full", init="kmeans", seed=0, reg_covar=1e-6):
    params, resp = initial_params(X, K, covariance_type, init_params=init,
                                  random_state=seed, reg_covar=reg_covar)
    return list(em_steps(X, params, covariance_type=covariance_type,
                         reg_covar=reg_covar, initial_resp=resp))


def reference_run(explorer):
    """The explorer's run again, straight from em_steps, every resp kept."""
    return expected_run(explorer.X, explorer.n_components.value,
                        explorer.covariance_type.value, explorer.init_params.value,
                        explorer.random_state.value, explorer.reg_covar.value)


def assert_shows(explorer, index):
    """Artists, marker and readout are those of ``trajectory[index]``."""
    step = reference_run(explorer)[index]
    K, dims = step.params.n_components, list(explorer.dims)
    means = step.params.means[:, dims]
    np.testing.assert_allclose(explorer.artists["centres"].get_offsets(), means)
    centres = [e.center for e in explorer.artists["ellipses"]]
    np.testing.assert_allclose(centres, np.vstack([means, means]))  # 1 and 2 sigma
    if step.resp is not None:
        palette = to_rgba_array(OKABE_ITO)[np.arange(K) % len(OKABE_ITO)]
        # stored as bytes per channel: within half a step of 1/255
        np.testing.assert_allclose(explorer.artists["points"].get_facecolors(),
                                   np.clip(step.resp @ palette, 0, 1), atol=0.5 / 255)
    marker = explorer.ll_marker
    if step.kind == "init":
        # step 0 is marked too: at iteration 1, whose value the first E-step
        # computes from the initial parameters, as a direct E-step does
        start = gmmteach.e_step(explorer.X, step.params)[1].mean()
        assert list(marker.get_xdata()) == [1]
        np.testing.assert_allclose(marker.get_ydata(), [start], rtol=1e-12)
    else:
        assert list(marker.get_xdata()) == [step.iteration]
        assert list(marker.get_ydata()) == [step.log_likelihood]
    assert f"step {index} of {len(explorer.trajectory) - 1}" in explorer.readout.value


# -- EMExplorer --------------------------------------------------------------------
@pytest.mark.parametrize("data, K", [("unequal sizes", 2), ("ring", 2), ("moons", 5),
                                     ("blobs plus noise", 5), ("old faithful", 1),
                                     ("blobs", 3), ("iris", 3)])
def test_the_opening_view_cuts_no_ellipse(make, data, K):
    # the fit's 2-sigma ellipses once ran past the frame on these (the limits
    # held only the data); measured on the drawn patches, in pixels
    explorer = make(EMExplorer, data, n_components=K)
    explorer.fig.canvas.draw()
    frame = explorer.ax_data.get_window_extent()
    for ellipse in explorer.artists["ellipses"]:
        box = ellipse.get_window_extent()
        assert (box.x0 >= frame.x0 - 0.5 and box.x1 <= frame.x1 + 0.5
                and box.y0 >= frame.y0 - 0.5 and box.y1 <= frame.y1 + 0.5), (data, K)


def test_scrubbing_moves_artists_and_never_reruns_em(make):
    explorer = make(EMExplorer, "blobs", n_components=3)
    assert explorer.n_em_runs == 1 and explorer.message.value == ""
    assert_shows(explorer, len(explorer.trajectory) - 1)  # starts at the fit
    artists = dict(explorer.artists)
    draws, n_draws = count_draws(explorer.fig), explorer.n_draws
    assert len(explorer.trajectory) >= 5  # init, E1, M1, E2, M2 at least
    for changes, index in enumerate([0, 1, 2, 3, len(explorer.trajectory) - 1], 1):
        explorer.iteration.value = index
        assert_shows(explorer, index)
        assert explorer.n_draws == n_draws + changes  # one redraw per change,
        assert draws == []  # of the moving artists only (blitted, not in full)
    assert explorer.n_em_runs == 1
    for name in ("points", "centres"):
        assert explorer.artists[name] is artists[name]
    explorer.iteration.value = 1
    assert "<b>E-step</b> of iteration 1" in explorer.readout.value
    explorer.iteration.value = 2
    assert "<b>M-step</b> of iteration 1" in explorer.readout.value


def test_play_is_linked_to_the_step_slider(make):
    explorer = make(EMExplorer)
    assert explorer.play.max == explorer.iteration.max == len(explorer.trajectory) - 1
    controls = [c for box in explorer.widget.children[:4] for c in
                getattr(box, "children", ())]
    assert explorer.play in controls and explorer.iteration in controls


@pytest.mark.parametrize("control, value, expected", [
    ("n_components", 5, dict(K=5)),
    ("covariance_type", "spherical", dict(covariance_type="spherical")),
    ("init_params", "random_from_data", dict(init="random_from_data")),
    ("random_state", 7, dict(seed=7)),
    ("reg_covar", 1e-2, dict(reg_covar=1e-2)),
])
def test_each_structural_control_reruns_em(make, control, value, expected):
    explorer = make(EMExplorer, "anisotropic", n_components=3)
    draws = count_draws(explorer.fig)
    setattr(getattr(explorer, control), "value", value)
    assert explorer.n_em_runs == 2 and len(draws) == 1
    X = datasets.load_dataset("anisotropic")
    want = expected_run(X, **(dict(K=3) | expected))
    assert len(explorer.trajectory) == len(want)
    np.testing.assert_allclose(explorer.trajectory[-1].params.means,
                               want[-1].params.means)
    assert len(explorer.artists["ellipses"]) == 2 * want[-1].params.n_components
    assert_shows(explorer, explorer.iteration.value)


def test_changing_data_to_iris_offers_four_axes(make):
    explorer = make(EMExplorer, "blobs", n_components=3)
    explorer.data.value = "iris"
    X = datasets.load_dataset("iris")
    np.testing.assert_array_equal(explorer.X, X)
    assert [value for _, value in explorer.x_axis.options] == [0, 1, 2, 3]
    runs = explorer.n_em_runs
    explorer.x_axis.value, explorer.y_axis.value = 2, 3
    assert explorer.n_em_runs == runs  # a new view, not a new fit
    points = explorer.artists["points"].get_offsets()
    np.testing.assert_array_equal(points, X[:, [2, 3]])
    assert_shows(explorer, explorer.iteration.value)
    step = explorer.step
    cov = step.params.full_covariances()[0][np.ix_([2, 3], [2, 3])]
    ellipse = explorer.artists["ellipses"][0]  # component 0, 1 sigma
    assert ellipse.width == pytest.approx(2 * np.sqrt(np.linalg.eigvalsh(cov)[1]))
    assert ellipse.height == pytest.approx(2 * np.sqrt(np.linalg.eigvalsh(cov)[0]))
    assert explorer.ax_data.get_xlabel() == "petal length (cm)"
    assert explorer.ax_data.get_ylabel() == "petal width (cm)"


def test_axes_are_named_and_equally_scaled(make):
    explorer = make(EMExplorer, "blobs", n_components=2)
    assert explorer.ax_data.get_xlabel() == "feature 0"
    explorer.data.value = "old faithful"  # same width, new names
    assert explorer.ax_data.get_xlabel() == "eruption duration (standardised)"
    assert explorer.ax_data.get_ylabel() == "waiting time (standardised)"
    # equal scales: a spherical covariance is drawn as a circle on screen
    explorer.covariance_type.value = "spherical"
    explorer.fig.canvas.draw()
    ellipse = explorer.artists["ellipses"][0]
    corners = ellipse.get_window_extent()
    assert corners.width == pytest.approx(corners.height, rel=1e-3)


def test_own_data_array(make):
    X = datasets.make_blobs(200, centers=2, random_state=3)[0]
    explorer = make(EMExplorer, X, n_components=2)
    assert explorer.data.value == "your data"
    np.testing.assert_allclose(explorer.trajectory[-1].params.means,
                               expected_run(X, 2)[-1].params.means)


def test_a_first_log_likelihood_far_below_is_left_off_the_curve(make):
    explorer = make(EMExplorer, "blobs", n_components=3, init_params="random_from_data")
    iterations, values = explorer.ll_line.get_data()
    bottom, top = explorer.ax_curve.get_ylim()
    assert values[0] < -1e5 and values[0] < bottom < min(values[1:])
    assert top - bottom < 1 and "iteration 1" in explorer.ll_note.get_text()
    explorer.init_params.value = "kmeans"  # an ordinary climb: all of it shown
    iterations, values = explorer.ll_line.get_data()
    bottom, top = explorer.ax_curve.get_ylim()
    assert bottom <= min(values) and max(values) <= top
    assert explorer.ll_note.get_text() == ""


@pytest.mark.parametrize("init", ["random_from_data", "random"])
def test_a_new_run_gets_its_own_curve_limits(make, init):
    # the marker, still on the old run's last iteration, must not count
    explorer = make(EMExplorer, "old faithful", n_components=3)
    explorer.init_params.value = init
    fresh = make(EMExplorer, "old faithful", n_components=3, init_params=init)
    assert explorer.ax_curve.get_xlim() == fresh.ax_curve.get_xlim()
    assert explorer.ax_curve.get_ylim() == fresh.ax_curve.get_ylim()


def test_collapse_shows_a_message_and_keeps_the_figure(make):
    explorer = make(EMExplorer, TINY, n_components=2)
    trajectory, artists = explorer.trajectory, explorer.artists
    n_draws = explorer.n_draws
    explorer.reg_covar.value = 0.0
    assert "collapsed" in explorer.message.value
    assert "still shows the previous run" in explorer.message.value
    assert "Traceback" not in explorer.message.value
    assert explorer.trajectory is trajectory and explorer.artists is artists
    assert explorer.n_draws == n_draws and explorer.n_em_runs == 2
    explorer.n_components.value = 10  # more components than points
    assert "fewer than n_components=10" in explorer.message.value
    explorer.reg_covar.value, explorer.n_components.value = 1e-3, 2
    assert explorer.message.value == "" and explorer.trajectory is not trajectory


def test_a_failing_first_choice_still_builds_the_widget(make):
    explorer = make(EMExplorer, TINY, n_components=10)
    assert explorer.trajectory == [] and "fewer than" in explorer.message.value
    explorer.iteration.value = 0  # nothing to show, nothing raised
    explorer.n_components.value = 2
    assert explorer.message.value == "" and len(explorer.artists["ellipses"]) == 4


def test_display_without_ipympl_uses_an_output(make):
    explorer = make(EMExplorer)
    assert isinstance(explorer._view, widgets.Output)  # Agg here: not a DOMWidget
    assert explorer._view in explorer.widget.children
    bundle = explorer._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == \
        explorer.widget.model_id


GRID_DATA = ("blobs", "anisotropic", "old faithful")


@pytest.mark.slow  # every K x type x data set: make test, not make check
@pytest.mark.parametrize("data", GRID_DATA)
def test_every_k_and_covariance_type_renders(make, data):
    # K 1-8 x 4 types x first/last step through the controls, as a learner would
    explorer = make(EMExplorer, data, n_components=1)
    explorer.fig.set_dpi(30)  # the same drawing code, fewer pixels to fill
    X = datasets.load_dataset(data)
    for covariance_type in COVARIANCE_TYPES:
        explorer.covariance_type.value = covariance_type
        for K in range(1, 9):
            explorer.n_components.value = K
            assert explorer.message.value == "", (data, covariance_type, K)
            assert explorer.trajectory[-1].params.n_components == K
            assert_shows(explorer, len(explorer.trajectory) - 1)  # drawn by the change
            explorer.iteration.value = 0
            assert_shows(explorer, 0)
    want = expected_run(X, 8, "spherical")
    np.testing.assert_allclose(explorer.trajectory[-1].params.means,
                               want[-1].params.means)


def test_explorer_offers_mclusts_models(make):
    explorer = make(EMExplorer, "old faithful", n_components=2)
    assert explorer.covariance_type.options[4:] == gmmteach.mclust.MCLUST_MODELS
    explorer.covariance_type.value = "VEV"
    assert explorer.message.value == ""
    assert explorer.trajectory[-1].params.covariance_type == "VEV"
    assert_shows(explorer, len(explorer.trajectory) - 1)


# -- OneDimensionalMixture ---------------------------------------------------------
def test_sliders_give_the_log_likelihood_and_curves(make):
    x, _ = datasets.make_1d_mixture()
    mixture = make(OneDimensionalMixture, x, n_components=2)
    weights, means, stds = (0.3, 0.7), (-2.0, 1.5), (0.6, 1.0)  # the true ones
    for sliders, values in zip((mixture.weights, mixture.means, mixture.stds),
                               (weights, means, stds)):
        for slider, value in zip(sliders, values):
            slider.value = value
    pdf = sum(w * stats.norm(m, s).pdf(x.ravel())
              for w, m, s in zip(weights, means, stds))
    assert mixture.log_likelihood == pytest.approx(np.log(pdf).sum(), rel=1e-3)
    assert f"{mixture.log_likelihood:.2f}" in mixture.readout.value
    grid = mixture.artists["total"].get_xdata()
    total = sum(w * stats.norm(m, s).pdf(grid) for w, m, s in zip(weights, means, stds))
    np.testing.assert_allclose(mixture.artists["total"].get_ydata(), total, rtol=2e-2)
    # EM's maximum is at least as good as the true parameters (up to slider steps)
    assert mixture.em_log_likelihood >= mixture.log_likelihood - 1.0


def test_weights_are_normalised_and_one_draw_per_slider(make):
    mixture = make(OneDimensionalMixture, n_components=3)
    draws = count_draws(mixture.fig)
    mixture.weights[0].value = 0.9
    weights, _, _ = mixture.parameters()
    assert weights.sum() == pytest.approx(1.0) and len(draws) == 1


def test_one_dimensional_mixture_refuses_2d_data():
    with pytest.raises(ValueError, match="1-D data"):
        OneDimensionalMixture(np.zeros((10, 2)))


# -- ResponsibilityInspector -------------------------------------------------------
@pytest.fixture
def faithful_fit():
    X = datasets.load_dataset("old faithful")
    return X, GaussianMixture(2, random_state=0).fit(X).params_


def scipy_resp(X, params):
    dens = np.column_stack([
        w * stats.multivariate_normal(m, c).pdf(X)
        for w, m, c in zip(params.weights, params.means, params.full_covariances())])
    return dens / dens.sum(axis=1, keepdims=True)


def test_inspect_shows_the_responsibilities(make, faithful_fit):
    X, params = faithful_fit
    inspector = make(ResponsibilityInspector, X, params)
    expected = scipy_resp(X, params)
    index = int(np.argmin(np.abs(expected[:, 0] - 0.5)))  # the most shared point
    inspector.inspect(index)
    heights = [bar.get_height() for bar in inspector.bars]
    np.testing.assert_allclose(heights, expected[index], atol=1e-9)
    np.testing.assert_array_equal(inspector.highlight.get_offsets(), X[[index]])
    assert f"point {index}" in inspector.readout.value
    with pytest.raises(ValueError, match="index must be between"):
        inspector.inspect(len(X))


def test_inspector_axes_are_named(make, faithful_fit):
    X, params = faithful_fit
    plain = make(ResponsibilityInspector, X, params)
    assert (plain.ax_data.get_xlabel(), plain.ax_data.get_ylabel()) == (
        "feature 0", "feature 1")
    names = datasets.feature_names("old faithful", 2)
    named = make(ResponsibilityInspector, X, params, dims=(1, 0), feature_names=names)
    assert (named.ax_data.get_xlabel(), named.ax_data.get_ylabel()) == (names[1], names[0])
    with pytest.raises(ValueError, match="feature_names has 3 names but X has 2"):
        ResponsibilityInspector(X, params, feature_names=["a", "b", "c"])


def test_a_click_selects_the_nearest_point(make, faithful_fit):
    X, params = faithful_fit
    inspector = make(ResponsibilityInspector, X, params)
    inspector.fig.canvas.draw()
    distances = np.linalg.norm(X[:, None] - X[None], axis=-1) + np.eye(len(X)) * 1e9
    target = int(np.argmax(distances.min(axis=1)))  # the loneliest point
    x, y = inspector.ax_data.transData.transform(X[target]) + 0.4  # a bit off
    event = MouseEvent("button_press_event", inspector.fig.canvas, x, y, button=1)
    inspector.fig.canvas.callbacks.process("button_press_event", event)
    assert inspector.selected == target
    x, y = inspector.ax_bars.transAxes.transform((0.5, 0.5))  # outside the data
    event = MouseEvent("button_press_event", inspector.fig.canvas, x, y, button=1)
    inspector.fig.canvas.callbacks.process("button_press_event", event)
    assert inspector.selected == target


def test_stopping_before_convergence_is_a_note_not_an_error(make):
    explorer = make(EMExplorer, "old faithful", n_components=2, max_iter=2)
    assert "stopped after max_iter=2" in explorer.message.value
    assert len(explorer.trajectory) == 5 and not explorer.trajectory[-1].converged
    assert_shows(explorer, 4)


CANVAS_SCRIPT = """
import base64, io, sys
import matplotlib
matplotlib.use(sys.argv[1])
import numpy as np
from IPython.core.interactiveshell import InteractiveShell
from PIL import Image
from gmmteach.widgets import EMExplorer

InteractiveShell.instance()  # as in a notebook: an Output view gets images
explorer = EMExplorer("old faithful", n_components=3)
canvas = explorer.fig.canvas
draws = []
canvas.mpl_connect("draw_event", draws.append)

def pixels():
    return np.asarray(canvas.get_renderer().buffer_rgba()).copy()

def shown():  # the image the learner sees without a live canvas
    png = base64.b64decode(explorer._view.outputs[-1]["data"]["image/png"])
    return np.asarray(Image.open(io.BytesIO(png)))

def saved():
    buffer = io.BytesIO()
    explorer.fig.savefig(buffer, format="png", dpi=explorer.fig.dpi)
    return np.asarray(Image.open(buffer))

def scrub_to(index):
    n_draws = len(draws)
    explorer.iteration.value = index
    assert len(draws) == n_draws, "a scrub must not redraw the whole figure"
    blitted = pixels()
    if explorer._view is not canvas:
        assert np.array_equal(shown(), blitted), index
    assert np.array_equal(saved(), blitted), "savefig shows the same figure"
    canvas.draw()  # a full redraw of the same step gives the same pixels
    assert np.array_equal(pixels(), blitted), index
    return blitted

canvas.draw()  # what the browser asks for after draw_idle()
images = {i: scrub_to(i) for i in [0, 1, 2, 7, len(explorer.trajectory) - 1, 3]}
assert not np.array_equal(images[0], images[1]), "the E-step recolours the points"
assert not np.array_equal(images[1], images[2]), "the M-step moves the ellipses"
explorer.n_components.value = 2  # new limits and curve: a new background
if explorer._view is canvas:  # ipympl draws when the browser asks, later
    assert explorer._background is None
canvas.draw()
assert not np.array_equal(scrub_to(1), images[1])
saved()  # drawing a file must not leave ghosts in the next scrub's background
explorer.iteration.value = 4
if explorer._background is None:
    canvas.draw()  # ipympl: the draw the browser asks for
after_save = pixels()
canvas.draw()
assert np.array_equal(pixels(), after_save), "ghosts after savefig"
print("ok")
"""


@pytest.mark.slow  # renders each step twice, in two backends: make test only
@pytest.mark.parametrize("backend", ["agg", "module://ipympl.backend_nbagg"])
def test_scrubs_blit_the_same_pixels_as_a_full_redraw(tmp_path, backend):
    # Agg (an image in an Output) and ipympl's live canvas (%matplotlib
    # widget), each in a fresh interpreter with an IPython shell
    script = tmp_path / "canvas.py"
    script.write_text(CANVAS_SCRIPT)
    done = subprocess.run([sys.executable, str(script), backend], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


# -- EMExplorer: responsibilities recomputed, clicks, a given start ---------------
def click(widget, ax, xy):
    """A left click at data coordinates ``xy`` of ``ax``, as ipympl sends it."""
    x, y = ax.transData.transform(xy)
    event = MouseEvent("button_press_event", widget.fig.canvas, x, y, button=1)
    widget.fig.canvas.callbacks.process("button_press_event", event)


def test_only_the_start_keeps_its_responsibilities(make):
    explorer = make(EMExplorer, "blobs", n_components=3)
    reference = reference_run(explorer)
    assert [s.resp is None for s in explorer.trajectory] == (
        [False] + [True] * (len(reference) - 1))
    for index in [3, 0, 1, len(reference) - 1, 2, 4]:
        np.testing.assert_allclose(explorer.responsibilities(index),
                                   reference[index].resp, rtol=0, atol=1e-12)
    assert explorer._colours[0].dtype == np.uint8  # colours kept compact


def test_a_clicked_point_follows_the_steps(make):
    explorer = make(EMExplorer, "old faithful", n_components=2,
                    init_params="random_from_data")
    reference = reference_run(explorer)
    explorer.iteration.value = 1  # E-step 1, mid-run
    explorer.fig.canvas.draw()
    moves = np.abs(reference[1].resp[:, 0] - reference[-1].resp[:, 0])
    index = int(np.argmax(moves))  # a point that changes sides during the run
    click(explorer, explorer.ax_data, explorer.X[index] + 1e-3)
    assert explorer.selected == index
    np.testing.assert_array_equal(explorer.highlight.get_offsets(),
                                  explorer.X[[index]])
    readout, runs = explorer.point_readout, explorer.n_em_runs
    for step in (1, 5, len(reference) - 1):
        explorer.iteration.value = step
        for k, r in enumerate(reference[step].resp[index]):
            assert f"k={k}: {r:.3f}" in readout.value
    assert explorer.point_readout is readout and explorer.n_em_runs == runs
    first, last = reference[1].resp[index], reference[-1].resp[index]
    assert abs(first[0] - last[0]) > 0.1  # the bars did change with the step
    click(explorer, explorer.ax_curve, (1, reference[1].log_likelihood))
    assert explorer.selected == index  # a click on the curve selects nothing
    with pytest.raises(ValueError, match="index must be between 0 and 271"):
        explorer.inspect(272)


def test_the_ring_and_bars_are_drawn_with_the_moving_artists(make):
    explorer = make(EMExplorer, "old faithful", n_components=2)
    explorer.fig.canvas.draw()
    draws = count_draws(explorer.fig)
    explorer.inspect(3)
    assert explorer.highlight in explorer._step_artists() and draws == []
    explorer.iteration.value = 0
    assert "point 3" in explorer.point_readout.value and draws == []


def bishop_start(X):
    return initial_params(X, 2, "full", weights_init=[0.5, 0.5],
                          means_init=[[-1.5, 1.0], [1.5, -1.0]],
                          precisions_init=np.array([np.eye(2)] * 2))[0]


def test_the_explorer_starts_from_given_parameters(make):
    X = datasets.load_dataset("old faithful")
    start = bishop_start(X)
    explorer = make(EMExplorer, "old faithful", initial_params=start)
    want = list(em_steps(X, start, covariance_type="full"))
    assert explorer.init_params.value == "your start"
    assert (explorer.n_components.value, explorer.covariance_type.value) == (2, "full")
    assert len(explorer.trajectory) == len(want) > 10  # a real climb, not a fit
    np.testing.assert_array_equal(explorer.trajectory[0].params.means, start.means)
    np.testing.assert_allclose(explorer.trajectory[-1].params.means,
                               want[-1].params.means)
    explorer.iteration.value = 0
    assert "parameters from your initial_params" in explorer.readout.value
    assert np.ptp(explorer.artists["points"].get_facecolors(), axis=0).max() < 1e-12
    explorer.n_components.value = 3
    assert "your start&#x27; has K=2" in explorer.message.value
    assert explorer.trajectory[-1].params.n_components == 2  # previous run kept
    explorer.init_params.value = "kmeans"
    assert explorer.trajectory[-1].params.n_components == 3


def minus(value):
    """``value`` to 4 decimals with the typographic minus the readouts use."""
    return f"{value:.4f}".replace("-", "\u2212")


def test_m_steps_show_the_log_likelihood_after_them(make):
    explorer = make(EMExplorer, "old faithful", n_components=2,
                    init_params="random_from_data")
    reference = reference_run(explorer)
    last = reference[-1].params
    one_more = list(em_steps(explorer.X, last, covariance_type="full", max_iter=1))
    for index, step in enumerate(reference):
        if step.kind != "M":
            continue
        after = (reference[index + 1].log_likelihood if index + 1 < len(reference)
                 else one_more[1].log_likelihood)
        assert explorer.log_likelihood_after[index] == pytest.approx(after, abs=1e-12)
        assert after > step.log_likelihood - 1e-12  # the M-step made progress
        explorer.iteration.value = index
        shown = f"after this M-step: {minus(after)} (was {minus(step.log_likelihood)})"
        assert shown in explorer.readout.value


BAD_ARGUMENTS = [
    (dict(covariance_type="FULL"), ValueError,
     r"covariance_type must be one of 'full'.*got 'FULL'\. Did you mean 'full'\?"),
    (dict(data="Blobs"), ValueError,
     r"data must be one of 'blobs'.*got 'Blobs'\. Did you mean 'blobs'\?"),
    (dict(reg_covar=float("nan")), ValueError, r"reg_covar must be a finite number"),
    (dict(reg_covar="small"), TypeError, r"reg_covar must be a number"),
    (dict(n_components=0), ValueError, r"n_components must be between 1 and 10"),
    (dict(n_components=11), ValueError, r"n_components must be between 1 and 10"),
    (dict(n_components=2.0), TypeError, r"n_components must be an integer"),
    (dict(max_iter=1.5), TypeError, r"max_iter must be an integer, got 1\.5"),
    (dict(max_iter=0), ValueError, r"max_iter must be at least 1"),
    (dict(tol=-1), ValueError, r"tol must be a finite number >= 0"),
    (dict(init_params="k-means"), ValueError,
     r"init_params must be one of .*Did you mean 'kmeans'\?"),
    (dict(random_state=-1), ValueError, r"random_state must be between 0 and"),
    (dict(data=np.zeros((5, 1))), ValueError, r"data has 1 feature but"),
    (dict(data=[[0, 1], [np.nan, 2]]), ValueError, r"data contains 1 NaN"),
    (dict(initial_params="bishop"), TypeError, r"initial_params must be a GMMParams"),
]


@pytest.mark.parametrize("kwargs, error, message", BAD_ARGUMENTS)
def test_bad_explorer_arguments_get_a_sentence(kwargs, error, message):
    with pytest.raises(error, match=message):
        EMExplorer(**kwargs)


def test_a_start_of_other_width_is_refused():
    iris = datasets.load_dataset("iris")
    with pytest.raises(ValueError, match="initial_params has means of 2 features "
                                         "but the data has 4"):
        EMExplorer("iris", initial_params=bishop_start(iris[:, :2]))


@pytest.mark.slow  # builds an explorer per data set: make test only
def test_rebuilt_explorers_leave_no_pyplot_figure_open(make, recwarn):
    import matplotlib.pyplot as plt
    before = plt.get_fignums()
    for _ in range(21):  # a cell run 21 times
        make(EMExplorer, "blobs", n_components=2, max_iter=3)
    assert plt.get_fignums() == before
    assert not [w for w in recwarn if "More than 20 figures" in str(w.message)]


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(X=np.full(50, 3.0)), ValueError, r"X is constant \(every value is 3\)"),
    (dict(bins=0), ValueError, r"bins must be at least 1"),
    (dict(bins=2.5), TypeError, r"bins must be an integer"),
    (dict(n_components=4), ValueError, r"n_components must be 1, 2 or 3"),
    (dict(X=[1.0, np.nan, 2.0]), ValueError, r"X contains 1 NaN"),
])
def test_bad_one_dimensional_arguments_get_a_sentence(kwargs, error, message):
    with pytest.raises(error, match=message):
        OneDimensionalMixture(**kwargs)


def test_big_data_draws_a_stated_sample_but_fits_all_of_it(make):
    # beyond DISPLAY_SAMPLE points the scatter is a fixed sample; EM, the
    # ellipses and a clicked point's responsibilities use every row
    from gmmteach.widgets.explorer import DISPLAY_SAMPLE
    X, _ = datasets.make_blobs(DISPLAY_SAMPLE + 1000, centers=3, random_state=0)
    explorer = make(EMExplorer, X, n_components=3, max_iter=3)
    explorer.fig.canvas.draw()
    shown = explorer.X[explorer.shown]
    assert len(shown) == DISPLAY_SAMPLE
    assert len(np.unique(explorer.shown)) == DISPLAY_SAMPLE
    np.testing.assert_array_equal(explorer.artists["points"].get_offsets(), shown)
    assert f"{DISPLAY_SAMPLE:,} of {len(X):,} points drawn" in explorer.sample_note.get_text()
    for index in (0, len(explorer.trajectory) - 1):
        explorer.iteration.value = index
        step = reference_run(explorer)[index]
        np.testing.assert_allclose(explorer.artists["centres"].get_offsets(),
                                   step.params.means)
        if step.resp is not None:
            palette = to_rgba_array(OKABE_ITO)[:3]
            np.testing.assert_allclose(explorer.artists["points"].get_facecolors(),
                                       step.resp[explorer.shown] @ palette,
                                       atol=0.5 / 255)
    assert explorer.responsibilities().shape == (len(X), 3)
    first = explorer.shown[0]  # a click lands on a drawn point, its row of X
    x, y = explorer.ax_data.transData.transform(X[first])
    event = MouseEvent("button_press_event", explorer.fig.canvas, x, y, button=1)
    explorer.fig.canvas.callbacks.process("button_press_event", event)
    assert explorer.selected == first
    small = make(EMExplorer, "blobs", max_iter=3)  # 500 points: all drawn, no note
    assert len(small.artists["points"].get_offsets()) == 500
    assert small.sample_note.get_text() == ""
