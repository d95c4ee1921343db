"""Parameter records: a GMMParams where one is expected.

Not re-exported by :mod:`gmmteach._checks`: it imports :mod:`gmmteach.params`,
which itself uses the other check modules (so they cannot import it back).
Import it from here: ``from gmmteach._checks.records import check_params``.

Part of :mod:`gmmteach._checks`.
"""

from ..params import GMMParams

__all__ = ["check_params"]


def check_params(params, name="params"):
    """A GMMParams, else a TypeError (a fitted model gets a pointer to ``params_``)."""
    if isinstance(params, GMMParams):
        return params
    hint = (f"pass its parameters, {name}=model.params_" if hasattr(params, "params_")
            else "build them with gmmteach.make_params(...) or gmmteach.initial_params(...)")
    raise TypeError(f"{name} must be a GMMParams, got a {type(params).__name__}; {hint}.")
