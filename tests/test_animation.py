"""Animation export: a GIF and a jshtml page with one frame per EM record."""

import re

import matplotlib
import numpy as np
import pytest
from matplotlib.animation import FuncAnimation
from PIL import Image, ImageChops

from gmmteach import GaussianMixture, datasets, e_step, em_steps, initial_params
from gmmteach.animation import animate, lecture_style, log_likelihoods_after, step_title


@pytest.fixture(scope="module")
def faithful_run():
    X = datasets.load_dataset("old faithful")
    params, resp = initial_params(X, 2, random_state=0)
    trajectory = list(em_steps(X, params, covariance_type="full", initial_resp=resp,
                               max_iter=3))
    return X, trajectory


def test_gif_has_one_frame_per_step(tmp_path, faithful_run):
    X, trajectory = faithful_run
    anim = animate(trajectory, X, interval=100)
    assert isinstance(anim, FuncAnimation)
    path = tmp_path / "em.gif"
    anim.save(path, writer="pillow", dpi=40)
    with Image.open(path) as gif:
        assert gif.n_frames == len(trajectory) == 7  # init + 3 x (E, M)
        gif.seek(0)
        first = gif.convert("RGB")
        gif.seek(gif.n_frames - 1)
        last = gif.convert("RGB")
    assert ImageChops.difference(first, last).getbbox() is not None  # EM moved


def test_jshtml_stores_every_frame(faithful_run):
    X, trajectory = faithful_run
    html = animate(trajectory, X, show_log_likelihood=False).to_jshtml(fps=5)
    frames = re.findall(r'frames\[\d+\] = "data:image/png;base64', html)
    assert len(frames) == len(trajectory)


@pytest.mark.filterwarnings("ignore::gmmteach.ConvergenceWarning")
def test_a_fitted_models_trajectory_animates_on_four_features(tmp_path):
    # trajectory(X) has no responsibilities: points stay grey, ellipses move
    X = datasets.load_dataset("iris")
    model = GaussianMixture(3, covariance_type="diag", random_state=0, max_iter=4)
    model.fit(X)
    trajectory = model.trajectory(X)
    anim = animate(trajectory, X, dims=(2, 3))
    anim.save(tmp_path / "iris.gif", writer="pillow", dpi=30)
    with Image.open(tmp_path / "iris.gif") as gif:
        assert gif.n_frames == len(trajectory)
    ax = anim._fig.axes[0]
    assert ax.get_xlim()[0] < X[:, 2].min() and ax.get_xlim()[1] > X[:, 2].max()


def test_a_start_from_single_points_keeps_the_climb_readable(tmp_path):
    # k-means++ puts each component on one point with covariance reg_covar:
    # the first log-likelihood is about -1e6, the rest a few units
    X = datasets.load_dataset("blobs")
    params, resp = initial_params(X, 3, init_params="k-means++", random_state=0)
    trajectory = list(em_steps(X, params, covariance_type="full", initial_resp=resp))
    first, *rest = [s.log_likelihood for s in trajectory if s.kind == "E"]
    assert first < -1e5
    anim = animate(trajectory, X)
    anim.save(tmp_path / "climb.gif", writer="pillow", dpi=20)
    ax_curve = anim._fig.axes[1]
    bottom, top = ax_curve.get_ylim()
    assert first < bottom < min(rest) and max(rest) < top < max(rest) + 1
    assert any("below the chart" in t.get_text() for t in ax_curve.texts)


def test_an_empty_trajectory_is_refused():
    with pytest.raises(ValueError, match="trajectory is empty"):
        animate([], np.zeros((3, 2)))


def test_lecture_style_is_large_and_temporary():
    normal = matplotlib.rcParams["font.size"]
    with lecture_style(**{"font.size": 24}):
        assert matplotlib.rcParams["font.size"] == 24
        assert matplotlib.rcParams["lines.linewidth"] >= 3
    assert matplotlib.rcParams["font.size"] == normal


def test_step_titles(faithful_run):
    _, trajectory = faithful_run
    titles = [step_title(s) for s in trajectory[:3]]
    assert titles == ["initial parameters",
                      "iteration 1: E-step (new responsibilities)",
                      "iteration 1: M-step (new parameters)"]


def minus(value):
    return f"{value:.4f}".replace("-", "\u2212")


def test_m_step_titles_show_the_log_likelihood_after_them(faithful_run):
    X, trajectory = faithful_run  # 3 iterations: init, E1, M1, E2, M2, E3, M3
    after = log_likelihoods_after(trajectory, X)
    e = [s.log_likelihood for s in trajectory if s.kind == "E"]
    one_more = list(em_steps(X, trajectory[-1].params, covariance_type="full",
                             max_iter=1))[1].log_likelihood
    assert after == pytest.approx([e[0], e[0], e[1], e[1], e[2], e[2], one_more],
                                  abs=1e-12)
    anim = animate(trajectory, X)
    title = anim._fig.axes[0].title
    anim._draw_frame(2)  # M-step 1
    assert title.get_text().splitlines()[1] == (
        f"log-likelihood after it {minus(e[1])} (was {minus(e[0])})")
    anim._draw_frame(6)  # the last M-step: one more E-step gives its value
    assert minus(one_more) in title.get_text() and one_more > e[2]


@pytest.mark.filterwarnings("ignore:Animation was deleted")
def test_scatter_axes_are_labelled_and_iterations_are_integers(faithful_run):
    X, trajectory = faithful_run
    names = datasets.feature_names("old faithful", 2)
    fig = animate(trajectory, X, feature_names=names)._fig
    ax_data, ax_curve = fig.axes
    assert (ax_data.get_xlabel(), ax_data.get_ylabel()) == tuple(names)
    fig.canvas.draw()
    ticks = ax_curve.get_xticks()
    assert len(ticks) >= 2 and np.all(ticks == np.round(ticks))
    plain = animate(trajectory, X)._fig.axes[0]
    assert plain.get_xlabel() == "feature 0"
    with pytest.raises(ValueError, match="feature_names has 1 names but X has 2"):
        animate(trajectory, X, feature_names=["a"])


def drawn_sizes(trajectory, X):
    """Widths of the 1-sigma ellipses and the curve, area of the centres."""
    fig = animate(trajectory, X)._fig
    ax_data, ax_curve = fig.axes
    ellipse = ax_data.patches[0]
    centres = [c for c in ax_data.collections if c.get_paths() and len(c.get_offsets()) == 2]
    return (ellipse.get_linewidth(), ax_curve.lines[0].get_linewidth(),
            centres[0].get_sizes()[0], centres[0].get_linewidths()[0])


@pytest.mark.filterwarnings("ignore:Animation was deleted")
def test_lecture_style_thickens_every_artist(faithful_run):
    X, trajectory = faithful_run
    normal = drawn_sizes(trajectory, X)
    with lecture_style():
        lecture = drawn_sizes(trajectory, X)
    assert lecture[0] >= 4 and lecture[1] >= 4  # ellipses and curve, in points
    assert lecture[2] >= 3 * normal[2]  # centres larger, not hairlines
    assert lecture[3] >= normal[3]
    assert all(big > small for big, small in zip(lecture, normal))


def test_the_below_the_chart_note_covers_no_point_of_the_curve(tmp_path):
    # a short climb from single points: the second value, at the bottom of the
    # chart and near its middle, once sat under the note
    X = datasets.load_dataset("blobs")
    params, resp = initial_params(X, 3, init_params="k-means++", random_state=0)
    trajectory = list(em_steps(X, params, covariance_type="full", initial_resp=resp,
                               max_iter=10, tol=0))
    anim = animate(trajectory, X, interval=100)
    fig = anim._fig
    ax_curve = fig.axes[1]
    fig.canvas.draw()
    note = next(t for t in ax_curve.texts if "below the chart" in t.get_text())
    box = note.get_window_extent()  # the text; its box pads it by a few pixels
    line = ax_curve.lines[0]
    shown = ax_curve.transData.transform(line.get_xydata()[1:])  # all but the first
    marker_size = 1.5 * matplotlib.rcParams["lines.markersize"] * fig.dpi / 72
    inside = [(x, y) for x, y in shown if box.x0 - marker_size < x < box.x1 + marker_size
              and box.y0 - marker_size < y < box.y1 + marker_size]
    assert inside == []


def test_every_frame_marks_the_curve_the_first_at_the_starts_log_likelihood(faithful_run):
    X, trajectory = faithful_run
    anim = animate(trajectory, X)
    marker = anim._fig.axes[1].lines[1]
    for index in (0, 1, 2, len(trajectory) - 1):
        anim._draw_frame(index)
        step = trajectory[index]
        # the start's value, the log-likelihood of the initial parameters,
        # is the first E-step's: marked at iteration 1
        expected = e_step(X, step.params)[1].mean() if step.kind == "init" \
            else step.log_likelihood
        assert list(marker.get_xdata()) == [max(step.iteration, 1)]
        np.testing.assert_allclose(marker.get_ydata(), [expected], rtol=1e-12)
