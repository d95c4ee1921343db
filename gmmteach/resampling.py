"""How sure are the estimates? Bootstrap standard errors, like mclust's.

``bootstrap(model, X)`` refits the model (the same K and covariance type)
many times on perturbed data, as R's ``MclustBootstrap`` does, and reports
the spread of each estimate across the refits:

* ``kind="nonparametric"`` (R's ``type = "bs"``): each refit sees ``N`` rows
  drawn from X with replacement;
* ``kind="weighted"`` (R's ``type = "wlbs"``, the weighted likelihood
  bootstrap of Newton & Raftery 1994): each refit sees all rows, weighted by
  ``w ~ N * Dirichlet(1, ..., 1)``; the M-step's sums become weighted sums,
  ``N_k = sum_n w_n r_nk``, ``mu_k = sum_n w_n r_nk x_n / N_k``, ...

The standard error of an estimate is the standard deviation of its refitted
values (with ``n - 1``, R's ``sd``) and its 95% interval the 2.5% and 97.5%
percentiles of them.

**Label switching.** A mixture's likelihood does not change when its
components are renumbered, so a refit started anywhere could come back
with component 1 and 2 swapped, and averaging across refits would mix two
components. As in mclust, every refit starts from the fitted model's own
responsibilities (of the resampled rows): its first M-step gives estimates
close to the fitted ones, component k where component k was, and EM climbs
to the nearby optimum, so component k of every refit is component k of the
model. Refits that collapse (a singular covariance, as mclust's ``me``
gives up) are dropped and redrawn, up to ``10 * n_boot`` times.

Refits run EM the way mclust's ``me`` does: no ``reg_covar`` beyond the
model's, until the total log-likelihood (weighted, for the weighted kind)
changes by less than 1e-5 of itself (R's ``me.weighted`` stops on an
absolute change of 1e-5 instead). R's ``MclustBootstrap`` cannot bootstrap a
model with a noise component, and neither does this.

Introduced in lessons/12_can_i_trust_this_fit.ipynb, beside the noise component.
"""

import functools
from dataclasses import dataclass

import numpy as np

from ._checks import check_choice, check_positive_int, check_random_state
from .covariance import CollapsedComponentError
from .em import _m_step, em_steps
from .mixture import GaussianMixture
from .noise import NoiseGaussianMixture
from .selection.search import _mclust_run

__all__ = ["BootstrapResult", "bootstrap", "KINDS"]

KINDS = ("nonparametric", "weighted")
ESTIMATES = ("weights", "means", "covariances")
MAX_ITER = 1000  # mclust's me runs to convergence; a bound that is never reached


@dataclass(frozen=True, eq=False)
class BootstrapResult:
    """The refitted estimates of a bootstrap and their spread.

    Attributes
    ----------
    kind : {'nonparametric', 'weighted'}
    n_boot : int
        Refits kept.
    n_failed : int
        Refits that collapsed and were redrawn.
    estimates : dict
        The model's ``weights``, ``means`` and ``covariances`` (its
        ``weights_``, ``means_``, ``covariances_``).
    samples : dict
        For each key, the refits' values stacked: shape ``(n_boot, *shape)``
        of the model's attribute.
    standard_errors : dict
        For each key, an array shaped like the model's attribute.
    intervals : dict
        For each key, ``(lower, upper)``: the 2.5% and 97.5% percentiles,
        each shaped like the model's attribute.
    """

    kind: str
    n_boot: int
    n_failed: int
    estimates: dict
    samples: dict

    @property
    def standard_errors(self):
        """Standard deviation of the refits (``ddof=1``, R's ``sd``)."""
        return {key: values.std(axis=0, ddof=1) for key, values in self.samples.items()}

    @property
    def intervals(self):
        """95% percentile intervals, ``(lower, upper)`` per estimate."""
        return {key: tuple(np.percentile(values, [2.5, 97.5], axis=0))
                for key, values in self.samples.items()}

    def __repr__(self):
        return (f"BootstrapResult(kind={self.kind!r}, n_boot={self.n_boot}, "
                f"n_failed={self.n_failed})")


def _refit_resampled(X, resp, model, rng):
    # R's type = "bs": me(X[idx], z[idx]) for N rows drawn with replacement
    rows = rng.randint(X.shape[0], size=X.shape[0])
    Xb = X[rows]
    start = _m_step(Xb, resp[rows], model.covariance_type, model.reg_covar)
    settings = {"reg_covar": model.reg_covar, "max_iter": MAX_ITER}
    return _refit_params(*_mclust_run(Xb, start, model.covariance_type, settings))


def _refit_weighted(X, resp, model, rng):
    # R's type = "wlbs": every row, weighted by N * Dirichlet(1, ..., 1) (R's
    # w = rexp(N) / max(w): the same up to a scale, which no estimate sees);
    # the weights enter EM's sums as w_n r_nk (gmmteach.sample_weights)
    weights = rng.dirichlet(np.ones(X.shape[0])) * X.shape[0]
    start = _m_step(X, resp, model.covariance_type, model.reg_covar,
                    sample_weight=weights)
    settings = {"reg_covar": model.reg_covar, "max_iter": MAX_ITER}
    em = functools.partial(em_steps, sample_weight=weights)
    return _refit_params(*_mclust_run(X, start, model.covariance_type, settings,
                                      em=em))


def _refit_params(run, last_e_step):
    # R's me() returns the parameters its converged E-step used (not the
    # M-step after it that summary() adds); the last ones if it never converged
    return run[-1].params if last_e_step is None else last_e_step.params


_REFITS = {"nonparametric": _refit_resampled, "weighted": _refit_weighted}


def _check_model(model, X):
    if isinstance(model, NoiseGaussianMixture) or not isinstance(model, GaussianMixture):
        what = ("a NoiseGaussianMixture (its noise is not bootstrapped yet)"
                if isinstance(model, NoiseGaussianMixture) else
                f"a {type(model).__name__}")
        raise TypeError(
            f"bootstrap needs a fitted GaussianMixture (e.g. select_model(X).best_model_), "
            f"got {what}.")
    model._check_is_fitted()
    return model._validate_X(X, reset=False).astype(float)


def bootstrap(model, X, n_boot=999, kind="nonparametric", random_state=None):
    """Bootstrap standard errors and intervals of a fitted mixture's estimates.

    R's ``MclustBootstrap(model, nboot, type = "bs" | "wlbs")``; see the
    module docstring for the two kinds and why the components keep their
    numbers.

    Parameters
    ----------
    model : GaussianMixture, fitted on X
    X : array-like of shape (n_samples, n_features)
        The data the model was fitted on.
    n_boot : int, default=999
        Number of refits.
    kind : {'nonparametric', 'weighted'}, default='nonparametric'
    random_state : int, RandomState or None

    Returns
    -------
    BootstrapResult
        ``standard_errors`` and ``intervals`` are dicts with keys
        ``'weights'``, ``'means'``, ``'covariances'``, each shaped like the
        model's ``weights_``, ``means_``, ``covariances_``.
    """
    X = _check_model(model, X)
    n_boot = check_positive_int(n_boot, "n_boot", minimum=1)  # e.g. 999, R's default
    refit = _REFITS[check_choice(kind, KINDS, "kind")]
    rng, resp = check_random_state(random_state), model.predict_proba(X).astype(float)
    fits, n_failed = [], 0
    while len(fits) < n_boot and n_failed < 10 * n_boot:
        try:
            fits.append(refit(X, resp, model, rng))
        except CollapsedComponentError:
            n_failed += 1
    return _result(kind, fits, n_failed, model)


def _result(kind, fits, n_failed, model):
    if not fits:
        raise ValueError(
            f"Every one of {n_failed} refits collapsed (a component fell onto a point "
            f"or a line); bootstrap a model with fewer components or a constrained "
            f"covariance_type.")
    samples = {key: np.stack([getattr(p, key) for p in fits]) for key in ESTIMATES}
    estimates = {key: np.asarray(getattr(model.params_, key)) for key in ESTIMATES}
    return BootstrapResult(kind, len(fits), n_failed, estimates, samples)
