"""A pairs plot: every two features of the data, with the mixture's marginals.

R's ``clPairs`` and ``plot(Mclust(X), what = "classification")`` for data
with more than two columns: a D x D grid whose panel in row i, column j
draws feature j (across) against feature i (up), and whose diagonal names
the features. The marginal of a Gaussian on two features is the Gaussian
with those two entries of the mean and that 2 x 2 block of the covariance,
so every panel's ellipses are exact (:func:`~gmmteach.plotting.project`).

Part of :mod:`gmmteach.plotting`; introduced in lessons/08_mclust_models.ipynb.
"""

import matplotlib.pyplot as plt
import numpy as np

from .._checks import check_choice
from ..em import e_step
from . import _checks
from .colors import component_colors
from .ellipses import plot_ellipses
from .points import plot_labels, plot_responsibilities, plot_uncertainty

__all__ = ["PAIRS_WHAT", "plot_pairs"]

PAIRS_WHAT = ("classification", "responsibilities", "uncertainty")


def _from_model_or_resp(model_or_resp, X):
    # (resp, means, covariances, covariance_type) from a fitted model or an
    # EMStep, or (resp, None, None, None) from an array of responsibilities
    if hasattr(model_or_resp, "params") and hasattr(model_or_resp, "resp"):
        params, resp = model_or_resp.params, model_or_resp.resp
        resp = np.exp(e_step(X, params)[0]) if resp is None else resp
        return resp, params.means, params.covariances, params.covariance_type
    if hasattr(model_or_resp, "predict_proba"):
        model = model_or_resp
        model._check_is_fitted()
        return (model.predict_proba(X), model.means_, model.covariances_,
                model.covariance_type)
    return _checks.resp(model_or_resp, len(X), "model_or_resp"), None, None, None


def _check_pairs(X, what, feature_names):
    X = _checks.points(X)
    if X.shape[1] < 2:
        raise ValueError(
            f"plot_pairs needs at least two features, X has {X.shape[1]}; for one "
            f"feature draw plot_mixture_1d(ax, X[:, 0], ...).")
    check_choice(what, PAIRS_WHAT, "what")
    if feature_names is None:
        return X, [f"feature {d}" for d in range(X.shape[1])]
    names = [str(n) for n in feature_names]
    if len(names) != X.shape[1]:
        raise ValueError(f"feature_names has {len(names)} names but X has "
                         f"{X.shape[1]} features; give one name per column of X.")
    return X, names


def _draw_points(ax, X, resp, what, dims, colors):
    if what == "responsibilities":
        return plot_responsibilities(ax, X, resp, colors=colors, dims=dims)
    if what == "uncertainty":
        return plot_uncertainty(ax, X, resp, colors=colors, dims=dims, max_size=40.0)
    return plot_labels(ax, X, resp.argmax(axis=1), colors=colors, dims=dims)


def _name_diagonal(ax, name):
    ax.text(0.5, 0.5, name, transform=ax.transAxes, ha="center", va="center",
            fontsize="large")


def plot_pairs(X, model_or_resp, what="classification", feature_names=None,
               n_std=(1,), colors=None, figsize=None):
    """Every pair of features, points coloured by the mixture, with its ellipses.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features), n_features >= 2
    model_or_resp : fitted mixture, EMStep, or ndarray of shape (n_samples, n_components)
        A fitted model is only read (``predict_proba``, ``means_``,
        ``covariances_``), never fitted; an EMStep gives its parameters and
        responsibilities (an E-step of its parameters if it has none); with
        an array of responsibilities no ellipses are drawn.
    what : {'classification', 'responsibilities', 'uncertainty'}
        Points by their most responsible component (R's default), by their
        responsibilities mixed, or by label and sized by their uncertainty
        ``1 - max_k r_nk`` (as :func:`plot_uncertainty`).
    feature_names : sequence of str, optional
        Written on the diagonal; default the model's ``feature_names_in_``
        if it has them, else 'feature 0', ...
    n_std : sequence of float, default=(1,)
        The ellipses drawn around every component (mclust draws one).
    colors : sequence of colours, optional
    figsize : pair of float, optional
        Default 2.2 inches per feature each way.

    Returns
    -------
    figure : matplotlib Figure
    axes : ndarray of Axes, shape (n_features, n_features)
        ``axes[i, j]`` draws feature j across and feature i up.
    """
    if feature_names is None:
        feature_names = getattr(model_or_resp, "feature_names_in_", None)
    X, names = _check_pairs(X, what, feature_names)
    resp, means, covariances, covariance_type = _from_model_or_resp(model_or_resp, X)
    colors = component_colors(resp.shape[1], colors)
    D = X.shape[1]
    figure, axes = plt.subplots(D, D, figsize=figsize or (2.2 * D, 2.2 * D),
                                sharex="col", sharey="row", squeeze=False)
    for i in range(D):
        for j in range(D):
            if i == j:
                _name_diagonal(axes[i, i], names[i])
                continue
            _draw_points(axes[i, j], X, resp, what, (j, i), colors)
            if means is not None:
                plot_ellipses(axes[i, j], means, covariances, covariance_type,
                              n_std=n_std, colors=colors, dims=(j, i))
    for ax in axes.flat:
        ax.label_outer()
    return figure, axes
