"""CovarianceDials: mclust's valid combinations, cached fits, artists in place."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from gmmteach import datasets, n_parameters
from gmmteach.mclust import MCLUST_MODELS
from gmmteach.selection import fit_from_partition, hc_partitions
from gmmteach.widgets import CovarianceDials
from gmmteach.widgets.dials import valid_model

X = datasets.load_old_faithful(standardized=True)


@pytest.fixture
def dials():
    widget = CovarianceDials(X, 3, "VVV")
    yield widget
    widget.close()
    plt.close("all")


def set_dial(dials, name, letter):
    index = ("volume", "shape", "orientation").index(name)
    dials.dials.children[index].value = letter


def test_every_dial_setting_is_one_of_mclusts_fourteen():
    names = {valid_model(v, s, o, changed)[0]
             for v in "EV" for s in "EVI" for o in "EVI"
             for changed in ("volume", "shape", "orientation")}
    assert names == set(MCLUST_MODELS)


def test_shape_identity_forces_a_sphere_with_a_note(dials):
    set_dial(dials, "shape", "I")
    assert dials.model == "VII"
    assert "orientation set to I" in dials.message.value
    set_dial(dials, "orientation", "E")
    assert dials.model == "VEE" and "shape set to E" in dials.message.value


def test_one_redraw_per_change_and_ellipses_updated_in_place(dials):
    ellipses, draws = list(dials.ellipses), dials.n_draws
    width = ellipses[0].get_width()
    set_dial(dials, "orientation", "I")
    assert dials.model == "VVI" and dials.n_draws == draws + 1
    assert dials.ellipses == ellipses            # same artists, moved
    assert ellipses[0].get_width() != width
    dials.k_slider.value = 2
    assert len(dials.ellipses) == 4 and dials.n_draws == draws + 2


def test_fits_are_cached_and_equal_a_direct_fit(dials):
    set_dial(dials, "volume", "E")
    set_dial(dials, "volume", "V")
    assert sorted(dials._fits) == [("EVV", 3), ("VVV", 3)]
    direct = fit_from_partition(X, hc_partitions(X, [3])[3], "EVV")
    np.testing.assert_allclose(dials._fits["EVV", 3].means_, direct.means_)


def test_readout_gives_mclusts_parameter_count(dials):
    set_dial(dials, "shape", "E")
    assert dials.model == "VEV"
    total = n_parameters(3, 2, "VEV")
    assert "ellipsoidal, equal shape" in dials.readout.value
    assert f"(of {total} in all)" in dials.readout.value


def test_a_collapse_is_a_message_not_a_traceback():
    tiny = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.5], [3.0, 3.0]])
    widget = CovarianceDials(tiny, 2, "VVV")
    assert "VVV with K=2" in widget.message.value
    widget.close()


def test_identical_points_are_a_message_in_words():
    widget = CovarianceDials(np.ones((20, 2)))
    assert "every point is the same" in widget.message.value
    assert "SVD" not in widget.message.value and "Traceback" not in widget.message.value
    widget.close()
