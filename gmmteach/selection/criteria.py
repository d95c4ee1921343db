"""ICL: BIC plus the entropy of the classification, for choosing K for clusters.

BIC asks how well a mixture describes the *density*; a density with two
overlapping components can be the best one even when the points do not fall
into two groups. The Integrated Completed Likelihood (Biernacki, Celeux &
Govaert 2000; mclust's ``icl``) also scores the hard classification that the
model gives, ``map(n) = argmax_k r_nk``:

    ICL = BIC - 2 sum_n log r_n,map(n)        (sklearn's sign, lower is better)

Each point whose most responsible component has ``r < 1`` adds
``-2 log r > 0``, so overlapping components (unsure points) are penalised;
for well-separated clusters ``r ~ 1`` and ICL ~ BIC. The sum is close to the
entropy of the responsibilities, ``-sum_nk r_nk log r_nk``. mclust reports
``-ICL`` (higher is better), as it does BIC.

Introduced in lessons/08_mclust_models.ipynb.
"""

import numpy as np

from .._checks import check_soft_assignments

__all__ = ["classification_penalty", "icl"]


def classification_penalty(resp):
    """``-2 sum_n log r_n,map(n)`` >= 0: what ICL adds to BIC.

    Parameters
    ----------
    resp : ndarray of shape (n_samples, n_components)

    Returns
    -------
    float
    """
    return _classification_penalty(check_soft_assignments(resp))


def _classification_penalty(resp):
    # classification_penalty for the package's own (checked) responsibilities
    return float(-2 * np.sum(np.log(np.max(resp, axis=1))))


def icl(model, X):
    """ICL of a fitted mixture on X, sklearn's sign (lower is better).

    ``model.bic(X) + classification_penalty(model.predict_proba(X))``; R's
    ``icl(Mclust(X))`` is minus this.

    Parameters
    ----------
    model : fitted GaussianMixture
    X : array-like of shape (n_samples, n_features)

    Returns
    -------
    float
    """
    if not (hasattr(model, "bic") and hasattr(model, "predict_proba")):
        raise TypeError(f"model must be a fitted mixture (e.g. GaussianMixture(...).fit(X)), "
                        f"got a {type(model).__name__}.")
    return float(model.bic(X) + _classification_penalty(model.predict_proba(X)))
