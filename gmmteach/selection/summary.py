"""The text of R's ``summary(Mclust(X))`` for a :class:`ModelSelection`."""

import numpy as np

from ..mclust import MODELS, SKLEARN_ALIASES

__all__ = ["summary_text"]

RULE = "-" * 52


def model_words(covariance_type):
    """``'VEV (ellipsoidal, equal shape)'``; sklearn names show their mclust twin."""
    name = SKLEARN_ALIASES.get(covariance_type, covariance_type)
    words = f"{name} ({MODELS[name].description})"
    return words if name == covariance_type else f"{covariance_type!r} = {words}"


def _table(labels, n_components):
    # with a noise component its column (label n_components) is R's "0"
    counts = np.bincount(labels, minlength=n_components)
    names = [k + 1 for k in range(n_components)] + [0] * (len(counts) > n_components)
    width = max(len(str(c)) for c in [*counts, n_components])
    header = " ".join(f"{name:>{width}}" for name in names)
    return header + "\n" + " ".join(f"{c:>{width}}" for c in counts)


def summary_text(selection):
    """Model, G, log-likelihood, n, df, BIC and ICL (mclust's sign), table."""
    model, n = selection.best_model_, selection.n_samples
    k, cov_type = selection.best["n_components"], selection.best["covariance_type"]
    i = selection.n_components.index(k)
    j = selection.covariance_types.index(cov_type)
    loglik = selection.log_likelihood[i, j]
    df = model._n_parameters()  # n_parameters(k, D, cov_type), + 2 with noise
    noise = " and a noise term" if hasattr(model, "noise_proportion_") else ""
    bic, icl = -selection.bic[i, j], -selection.icl[i, j]
    lines = [
        RULE, "Gaussian finite mixture model fitted by EM algorithm", RULE, "",
        f"Mclust {model_words(cov_type)} model with {k} component"
        f"{'' if k == 1 else 's'}{noise}:", "",
        f" {'log-likelihood':>14} {'n':>5} {'df':>4} {'BIC':>11} {'ICL':>11}",
        f" {loglik:>14.3f} {n:>5} {df:>4} {bic:>11.3f} "
        f"{icl:>11.3f}", "",
        "Clustering table:", _table(selection.labels, k),
    ]
    return "\n".join(lines)
