import matplotlib
import pytest

matplotlib.use("Agg")

from gmmteach import COVARIANCE_TYPES  # noqa: E402


@pytest.fixture(params=COVARIANCE_TYPES)
def covariance_type(request):
    """Sweep a test over all four covariance types."""
    return request.param


@pytest.fixture
def make():
    """Build widgets and close their figures afterwards."""
    built = []

    def build(cls, *args, **kwargs):
        built.append(cls(*args, **kwargs))
        return built[-1]
    yield build
    for widget in built:
        widget.close()
