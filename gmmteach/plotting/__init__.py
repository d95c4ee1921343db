"""Pictures of mixtures: ellipses, soft colours, densities, curves and charts.

Every function takes arrays and a matplotlib ``ax`` and returns the artists
it drew; none of them fits anything. The ``update_*`` helpers change those
artists in place (``set_offsets``, ``set_facecolors``, ``set_width``, ...),
so the widgets and the animations share one way to draw an EM step and one
way to move it to another step.

For data with more than two features, pass ``dims=(i, j)``: the marginal of
a Gaussian on two axes is again Gaussian, with the means ``mu[[i, j]]`` and
the 2 x 2 sub-block of the covariance, so ellipses are exact projections.

Colours default to the Okabe-Ito palette, which stays distinguishable for
the common kinds of colour blindness.

Introduced in lessons/01_gaussians_and_mixtures.ipynb.
"""

from .bound import plot_bound_profile, update_bound_profile
from .colors import OKABE_ITO, component_colors, responsibility_colors
from .combine import plot_merge_entropy
from .convergence import plot_convergence, update_convergence
from .curves import (
    first_far_below,
    fit_log_likelihood_view,
    log_likelihood_curve,
    log_likelihood_ylim,
    minus_sign,
    plot_criterion,
    plot_log_likelihood,
    update_log_likelihood_marker,
)
from .ellipses import (
    covariance_ellipse,
    ellipse_geometry,
    plot_ellipses,
    project,
    update_ellipses,
)
from .mclust import MCLUST_STYLE, plot_classification, plot_mclust_bic
from .mixture_1d import plot_mixture_1d, update_mixture_1d
from .pairs import PAIRS_WHAT, plot_pairs
from .qq import plot_qq
from .points import (
    plot_density_contours,
    plot_labels,
    plot_responsibilities,
    plot_uncertainty,
    set_data_limits,
)
from .steps import plot_step, update_step
from .weights import (
    ACTIVE_THRESHOLD,
    elbo_curve,
    fade_by_weight,
    n_active,
    plot_elbo,
    plot_expected_weights,
    plot_stick,
    update_expected_weights,
    update_stick,
    weight_alphas,
)

__all__ = [
    "plot_merge_entropy",
    "plot_qq",
    "OKABE_ITO",
    "component_colors",
    "project",
    "ellipse_geometry",
    "covariance_ellipse",
    "plot_ellipses",
    "update_ellipses",
    "responsibility_colors",
    "plot_responsibilities",
    "plot_labels",
    "plot_density_contours",
    "plot_mixture_1d",
    "update_mixture_1d",
    "plot_log_likelihood",
    "update_log_likelihood_marker",
    "log_likelihood_ylim",
    "first_far_below",
    "minus_sign",
    "fit_log_likelihood_view",
    "log_likelihood_curve",
    "plot_criterion",
    "plot_uncertainty",
    "plot_step",
    "update_step",
    "set_data_limits",
    "plot_bound_profile",
    "update_bound_profile",
    "MCLUST_STYLE",
    "plot_mclust_bic",
    "plot_classification",
    "PAIRS_WHAT",
    "plot_pairs",
    "ACTIVE_THRESHOLD",
    "n_active",
    "weight_alphas",
    "plot_expected_weights",
    "update_expected_weights",
    "fade_by_weight",
    "elbo_curve",
    "plot_elbo",
    "plot_stick",
    "update_stick",
    "plot_convergence",
    "update_convergence",
]
