"""Interactive widgets: explore EM, fit a 1-D mixture by hand, inspect a point,
turn mclust's volume, shape and orientation dials.

Each widget builds its figure once (inside ``plt.ioff()``), keeps its state
in its controls, and on every change updates the existing artists and calls
``fig.canvas.draw_idle()`` once; scrubbing the explorer's steps redraws only
the moving artists over a cached background (blitting), a fraction of the
cost of a full redraw. :class:`EMExplorer` runs EM only when a control that
changes the problem moves (data, K, covariance type, initialisation, seed,
reg_covar); the iteration slider only indexes the stored trajectory. Errors
(a collapsed component, K larger than the data) become a sentence inside the
widget, never a traceback. Its draw mode (:mod:`.drawing`) lets the learner
click points in or out, and with known labels (the scenarios of
:mod:`gmmteach.datasets`, or drawn colours) it shows each step's agreement
with them (:mod:`.truth`).

Use ``%matplotlib widget`` (ipympl) in the notebook so the figure is live;
with another backend the figure is shown as an image (the canvas's pixels)
that is re-sent on every change.

:class:`VBExplorer` does the same for variational inference (a Bayesian
mixture switching components off) and :class:`StickBreaking` draws the
weights of a Dirichlet-process prior; both in lessons/11_bayesian_gmm.ipynb.
:class:`ConvergenceExplorer` shows how fast EM converges as two clusters
overlap (lessons/03_why_em_works.ipynb).

Introduced in lessons/02_em_step_by_step.ipynb.
"""

from .convergence import ConvergenceExplorer
from .dials import CovarianceDials
from .explorer import REG_COVAR_CHOICES, EMExplorer
from .inspector import ResponsibilityInspector
from .lower_bound import LowerBoundExplorer
from .one_dimensional import OneDimensionalMixture
from .stick_breaking import StickBreaking
from .vb_explorer import VBExplorer

__all__ = [
    "ConvergenceExplorer",
    "CovarianceDials",
    "EMExplorer",
    "LowerBoundExplorer",
    "OneDimensionalMixture",
    "ResponsibilityInspector",
    "REG_COVAR_CHOICES",
    "StickBreaking",
    "VBExplorer",
]
