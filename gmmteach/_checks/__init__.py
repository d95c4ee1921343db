"""Input checks that fail early with a sentence a student can act on.

The one validation layer: public functions call these at their boundary, once.
By subject: :mod:`.scalars`, :mod:`.choices`, :mod:`.arrays`, :mod:`.assignments`,
re-exported here; :mod:`.records` (``check_params``) is imported from its own
module, since it needs :class:`gmmteach.params.GMMParams`, whose module uses
the checks here.
"""

from .scalars import (
    check_positive_int, check_n_components, check_nonnegative, check_random_state,
    check_int, check_real, check_bool, check_seed,
)
from .choices import check_covariance_type, check_choice, did_you_mean, is_sequence
from .arrays import (
    OVERFLOW_LIMIT, check_X, check_overflow, check_feature_names, check_array,
    check_dims, check_covariance_matrices, check_gaps,
)
from .assignments import (
    check_resp, check_soft_assignments, check_sample_weight, check_noise_mask,
    RESP_INIT_ROW_TOL, check_resp_init, check_labels_init, check_component_statistics,
    check_log_resp,
)

__all__ = [
    "check_positive_int", "check_n_components", "check_nonnegative",
    "check_random_state", "check_int", "check_real", "check_bool", "check_seed",
    "check_covariance_type", "check_choice", "did_you_mean", "is_sequence", "OVERFLOW_LIMIT",
    "check_X", "check_overflow", "check_feature_names", "check_array", "check_dims",
    "check_covariance_matrices", "check_resp", "check_soft_assignments",
    "check_sample_weight", "check_noise_mask", "RESP_INIT_ROW_TOL", "check_resp_init",
    "check_labels_init", "check_component_statistics", "check_log_resp",
    "check_gaps",
]
