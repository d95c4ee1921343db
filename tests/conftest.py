import matplotlib
import pytest

matplotlib.use("Agg")

from gmmteach import COVARIANCE_TYPES  # noqa: E402


@pytest.fixture(params=COVARIANCE_TYPES)
def covariance_type(request):
    """Sweep a test over all four covariance types."""
    return request.param
