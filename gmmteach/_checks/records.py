"""Parameter records: a GMMParams where one is expected.

Not re-exported by :mod:`gmmteach._checks`: it imports :mod:`gmmteach.params`,
which itself uses the other check modules (so they cannot import it back).
Import it from here: ``from gmmteach._checks.records import check_params``.

Part of :mod:`gmmteach._checks`.
"""

from ..params import GMMParams

__all__ = ["check_params", "check_vb_params", "check_vb_prior"]


def check_params(params, name="params"):
    """A GMMParams, else a TypeError (a fitted model gets a pointer to ``params_``)."""
    if isinstance(params, GMMParams):
        return params
    hint = (f"pass its parameters, {name}=model.params_" if hasattr(params, "params_")
            else "build them with gmmteach.make_params(...) or gmmteach.initial_params(...)")
    raise TypeError(f"{name} must be a GMMParams, got a {type(params).__name__}; {hint}.")


def check_vb_params(params, name="params"):
    """A VBParams (a variational posterior), else a TypeError saying where one comes from."""
    from ..vb.records import VBParams  # here, not at the top: gmmteach.vb imports _checks

    if isinstance(params, VBParams):
        return params
    hint = (f"pass its posterior, {name}=model.params_" if hasattr(params, "params_")
            else "take one from a VBStep, e.g. list(vb_steps(X, resp))[-1].params")
    if isinstance(params, GMMParams):
        hint = ("a GMMParams is EM's point estimate; the variational steps need the "
                "posterior, e.g. list(vb_steps(X, resp))[-1].params")
    raise TypeError(f"{name} must be a VBParams, got a {type(params).__name__}; {hint}.")


def check_vb_prior(prior, name="prior"):
    """A VBPrior, else a TypeError pointing at vb_prior."""
    from ..vb.prior import VBPrior

    if isinstance(prior, VBPrior):
        return prior
    raise TypeError(f"{name} must be a VBPrior, got a {type(prior).__name__}; build it "
                    "with gmmteach.vb.vb_prior(X, n_components).")
