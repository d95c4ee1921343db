"""Choosing K and the covariance type by BIC, like R's ``mclust::Mclust(X)``.

``select_model`` fits every combination of K and covariance type and keeps
the model with the lowest BIC. Signs: scikit-learn (and gmmteach) use
``BIC = -2 log L + p log N``, lower is better; mclust reports
``2 log L - p log N``, higher is better. Same ranking, flipped sign.

Introduced in lessons/07_choosing_k.ipynb.
"""

from dataclasses import dataclass

import numpy as np

from .._checks import check_X
from ..covariance import COVARIANCE_TYPES
from ..mixture import GaussianMixture

__all__ = ["COVARIANCE_SETS", "ModelSelection", "select_model"]

COVARIANCE_SETS = {}


@dataclass(frozen=True, eq=False)
class ModelSelection:
    """BIC and AIC over a grid of K and covariance types.

    Attributes
    ----------
    n_components : list of int
    covariance_types : list of str
    bic, aic : ndarray of shape (len(n_components), len(covariance_types))
        sklearn's sign (lower is better); NaN where the fit failed.
    log_likelihood : ndarray, same shape
        Total log-likelihood ``N * score(X)`` of each fit.
    best : dict
        ``n_components``, ``covariance_type`` and ``bic`` of the lowest BIC.
    best_model_ : GaussianMixture
        The fitted model with the lowest BIC.
    """

    n_components: list
    covariance_types: list
    bic: np.ndarray
    aic: np.ndarray
    log_likelihood: np.ndarray
    best: dict
    best_model_: GaussianMixture

    def table(self, criterion="bic"):
        """The grid as aligned text, rows K, columns covariance types."""
        values = getattr(self, criterion)
        header = f"{'K':>3} " + "".join(f"{t:>12}" for t in self.covariance_types)
        rows = [
            f"{k:>3} " + "".join(f"{v:>12.2f}" for v in row)
            for k, row in zip(self.n_components, values)
        ]
        best = (f"best by BIC: K={self.best['n_components']}, "
                f"covariance_type={self.best['covariance_type']!r}")
        return "\n".join([f"{criterion.upper()} (lower is better)", header, *rows, best])

    def __str__(self):
        return self.table()


def _fit_one(X, k, cov_type, random_state, gm_kwargs):
    # A fit that collapses or has fewer samples than K scores NaN, not an error
    model = GaussianMixture(k, covariance_type=cov_type, random_state=random_state,
                            **gm_kwargs)
    try:
        model.fit(X)
    except ValueError:
        return None
    return model


def select_model(X, n_components=range(1, 10), covariance_types=COVARIANCE_TYPES,
                 random_state=0, **gm_kwargs):
    """Fit a GaussianMixture for every K and covariance type; keep the best BIC.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_components : iterable of int, default=range(1, 10)
    covariance_types : iterable of str, default=all four
    random_state : int, default=0
    **gm_kwargs
        Passed to every :class:`GaussianMixture` (e.g. ``n_init=5``).

    Returns
    -------
    ModelSelection
    """
    X = check_X(X)
    ks, types = [int(k) for k in n_components], list(covariance_types)
    shape = (len(ks), len(types))
    bic, aic, loglik = np.full(shape, np.nan), np.full(shape, np.nan), np.full(shape, np.nan)
    models = {}
    for i, k in enumerate(ks):
        for j, cov_type in enumerate(types):
            model = _fit_one(X, k, cov_type, random_state, gm_kwargs)
            if model is not None:
                models[i, j] = model
                bic[i, j], aic[i, j] = model.bic(X), model.aic(X)
                loglik[i, j] = model.score(X) * X.shape[0]
    if not models:
        raise ValueError("Every fit failed; lower n_components or raise reg_covar.")
    i, j = np.unravel_index(np.nanargmin(bic), shape)
    best = {"n_components": ks[i], "covariance_type": types[j], "bic": float(bic[i, j])}
    return ModelSelection(ks, types, bic, aic, loglik, best, models[i, j])
