"""Animation export: a GIF and a jshtml page with one frame per EM record."""

import re

import matplotlib
import numpy as np
import pytest
from matplotlib.animation import FuncAnimation
from PIL import Image, ImageChops

from gmmteach import GaussianMixture, datasets, em_steps, initial_params
from gmmteach.animation import animate, lecture_style, step_title


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
