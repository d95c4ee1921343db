"""EMExplorer's pairs plot: every two features of the step on screen (D > 2)."""

import numpy as np

from gmmteach.datasets import load_iris
from gmmteach.widgets import EMExplorer


def test_pairs_button_draws_the_step_on_screen(make):
    X = load_iris()[0]
    explorer = make(EMExplorer, X, n_components=2)
    assert not explorer.pairs.disabled
    explorer.iteration.value = 2  # the M-step of iteration 1
    explorer.pairs.click()
    axes = np.array(explorer.pairs_figure.axes).reshape(4, 4)
    means = explorer.step.params.means
    centre = [p for p in axes[1, 0].patches][0].center
    np.testing.assert_allclose(centre, means[0, [0, 1]])
    assert len(explorer.pairs_view.outputs) == 1


def test_pairs_button_is_off_for_two_features(make):
    explorer = make(EMExplorer, "blobs")
    assert explorer.pairs.disabled
