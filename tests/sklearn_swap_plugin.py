"""pytest plugin: sklearn's own mixture tests, run against gmmteach.

Loaded with ``-p tests.sklearn_swap_plugin`` (see tests/test_sklearn_suite.py):
before sklearn's test module is imported, ``sklearn.mixture.GaussianMixture``
is replaced by gmmteach's, so ``from sklearn.mixture import GaussianMixture``
in that module binds ours. Nothing of sklearn's is copied.
"""

import os

import sklearn.mixture

import gmmteach

sklearn.mixture.GaussianMixture = gmmteach.GaussianMixture


def pytest_collection_modifyitems(config, items):
    """Deselect the tests named in GMMTEACH_SKLEARN_EXCLUDED (exact names)."""
    excluded = set(filter(None, os.environ.get("GMMTEACH_SKLEARN_EXCLUDED", "").split(",")))
    kept = [item for item in items if getattr(item, "originalname", item.name) not in excluded]
    config.hook.pytest_deselected(items=[i for i in items if i not in kept])
    items[:] = kept
