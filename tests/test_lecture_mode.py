"""The lecture mode's setting (gmmteach/lecture.py), without a browser.

What it looks like at 1280 x 720 is measured in tests/test_lecture.py.
"""

import json
import os
import subprocess
import sys

import pytest

from gmmteach import lecture
from gmmteach.animation import LECTURE_RC

LOOK = """
import json, matplotlib
matplotlib.use("agg")
import matplotlib.pyplot
import gmmteach
from gmmteach.widgets import EMExplorer
e = EMExplorer(data="old faithful", n_components=2)
print(json.dumps({"font_size": matplotlib.rcParams["font.size"],
                  "linewidth": matplotlib.rcParams["lines.linewidth"],
                  "figsize": list(e.fig.get_size_inches()),
                  "wraps": e.ax_curve.yaxis.label.get_wrap(),
                  "lesson_layout": type(matplotlib.pyplot.figure().get_layout_engine()).__name__,
                  "widget_layout": type(e.fig.get_layout_engine()).__name__}))
"""


def look(**env):
    """rcParams and the explorer's figure in a fresh Python with ``env`` set."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in (lecture.SETTING, lecture.SERVER_HINT)} | env
    out = subprocess.run([sys.executable, "-c", LOOK], env=environment, check=True,
                         capture_output=True, text=True, timeout=120).stdout
    return json.loads(out.splitlines()[-1])


SERVER_HINT = lecture.SERVER_HINT  # a variable the server gives its kernels


@pytest.mark.parametrize("env, expected", [
    ({}, False),
    ({"GMMTEACH_LECTURE": "1"}, True),
    ({"GMMTEACH_LECTURE": "0"}, False),
    ({SERVER_HINT: "/"}, True),
    ({SERVER_HINT: "/", "GMMTEACH_LECTURE": "0"}, False),
])
def test_the_setting_and_the_lecture_server_turn_it_on(monkeypatch, env, expected):
    for name in ("GMMTEACH_LECTURE", SERVER_HINT):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert lecture.active() is expected


def test_a_misspelt_setting_is_refused(monkeypatch):
    monkeypatch.setenv("GMMTEACH_LECTURE", "yes")
    with pytest.raises(ValueError, match="GMMTEACH_LECTURE is 'yes'; set it to 1"):
        lecture.active()


@pytest.mark.slow  # builds every widget in lecture style: make test only
def test_the_lecture_mode_restyles_every_figure_and_the_widgets():
    plain, projector = look(), look(GMMTEACH_LECTURE="1")
    assert plain["font_size"] == 10 and plain["figsize"] == [9.5, 4.2]
    assert not plain["wraps"] and plain["lesson_layout"] == "NoneType"
    assert projector["font_size"] == LECTURE_RC["font.size"] == 18
    assert projector["linewidth"] == LECTURE_RC["lines.linewidth"]
    # page-wide and short: 1180 x 360 px at 100 dpi (9.5 x 4.2 scaled is 5.2 high)
    assert projector["figsize"] == pytest.approx([11.8, 3.6])
    assert projector["wraps"]
    # a lesson's figure makes room for the large labels; a widget's is laid out
    # once per new view, not at every redraw
    assert projector["lesson_layout"] == "ConstrainedLayoutEngine"
    assert projector["widget_layout"] == "NoneType"


def test_widget_figsize_scales_the_width_and_caps_the_height(monkeypatch):
    monkeypatch.setenv("GMMTEACH_LECTURE", "1")
    assert lecture.widget_figsize((5.9, 1.0)) == pytest.approx((11.8, 2.0))
    assert lecture.widget_figsize((9.5, 4.2)) == pytest.approx((11.8, 3.6))
    monkeypatch.setenv("GMMTEACH_LECTURE", "0")
    assert lecture.widget_figsize((9.5, 4.2)) == (9.5, 4.2)
