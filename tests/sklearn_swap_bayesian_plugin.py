"""pytest plugin: sklearn's own BayesianGaussianMixture tests, run against gmmteach.

Loaded with ``-p tests.sklearn_swap_bayesian_plugin`` (see
tests/test_sklearn_bayesian_suite.py): before sklearn's test module is
imported, ``sklearn.mixture.BayesianGaussianMixture`` is replaced by
gmmteach's, so ``from sklearn.mixture import BayesianGaussianMixture`` in that
module binds ours. Nothing of sklearn's is copied.
"""

import pytest
import sklearn.mixture

import gmmteach

sklearn.mixture.BayesianGaussianMixture = gmmteach.BayesianGaussianMixture


@pytest.fixture(autouse=True)
def _gmmteach_is_under_test(request):
    # Every test must see gmmteach's class, or it would test sklearn itself
    swapped = getattr(request.module, "BayesianGaussianMixture", None)
    assert swapped is gmmteach.BayesianGaussianMixture
