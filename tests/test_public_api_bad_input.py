"""Issue 19: every public callable answers bad input in words.

The callables are enumerated from ``__all__`` (gmmteach, every subpackage,
and every module gmmteach's ``__all__`` names), so a new public name fails
:func:`test_every_public_callable_has_a_recipe` until it gets a recipe here.
Each recipe is one valid call; the walker replaces one argument at a time by
a value from the table of its kind (NaN, inf, wrong shape, wrong type, wrong
length, out of range, empty, a string for a number, a number for a string,
bool for int) and asserts a ``ValueError`` / ``TypeError`` raised inside
gmmteach whose message names the argument. Misspelt choices (a typo, another
case) must say "did you mean".
"""

import importlib
import inspect
import math
import pkgutil
import traceback
import types
import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import gmmteach as g  # noqa: E402
from gmmteach import bound, checking, combine, convergence, mclust, metrics, noise  # noqa: E402
from gmmteach import plotting  # noqa: E402
from gmmteach import datasets, exercises, widgets, vb, selection  # noqa: E402

RNG = np.random.RandomState(0)
X = RNG.standard_normal((40, 2))
GM = g.GaussianMixture(2, random_state=0).fit(X)
P = GM.params_
RESP = GM.predict_proba(X)
LABELS = GM.predict(X)
TRAJ = list(g.em_steps(X, P, covariance_type="full", max_iter=3))
STEP = TRAJ[-1]
VBTRAJ = list(g.vb_steps(X, RESP, covariance_type="full", max_iter=3))
VBP = VBTRAJ[-1].params
NGM = g.NoiseGaussianMixture(2, noise_init=np.arange(40) < 4, random_state=0).fit(X)
LL = np.array([-3.0, -2.5, -2.2, -2.1, -2.05])
W = np.array([0.6, 0.4])
FULL = np.array(P.covariances)
GRID = np.linspace(-1.0, 1.0, 5)
GRID2 = np.column_stack([GRID, GRID])
QQ = checking.chi2_qq(X, P)
STEPS = combine.combine_components(RESP)
NONNEG = {"tol", "reg_covar", "weight_concentration_prior", "mean_precision_prior",
          "degrees_of_freedom_prior", "n_std", "margin", "alpha", "cluster_std", "radius",
          "distance", "interval", "max_size", "min_alpha", "threshold", "step", "anchor",
          "tail", "min_span", "noise_fraction", "noise", "separation", "weights",
          "variances", "resp", "sample_weight", "stds", "nk", "gaps"}
CHOICE_NAMES = {"covariance_type", "init_params", "kind", "what", "data", "model",
                "name", "start", "criterion", "prior_type", "weight_concentration_prior_type",
                "covariance_types"}


def _ax():
    return plt.figure().add_subplot()


def _close(widget):
    widget.close()
    return widget


def _fit(cls, X=X, **kwargs):
    return cls(**kwargs).fit(X)


class Recipe:
    """One valid call of a public callable, and how its arguments may be spoiled."""

    def __init__(self, call, kwargs, *, kinds=None, skip=(), extra=None, allowed=(),
                 accepts=None):
        self.call, self.kwargs, self.accepts = call, kwargs, accepts or {}
        self.kinds, self.skip = kinds or {}, set(skip)
        self.extra, self.allowed = extra or {}, tuple(allowed)


def _r(call, **kwargs):
    return Recipe(call, kwargs)


def _w(cls, **kwargs):
    return Recipe(lambda **kw: _close(cls(**kw)), kwargs)


R = {
    # estimators: the constructor's arguments are checked at fit, as in sklearn
    "GaussianMixture": Recipe(lambda **kw: _fit(g.GaussianMixture, **kw),
                              dict(X=X, n_components=2, covariance_type="full", tol=1e-3,
                                   reg_covar=1e-6, max_iter=100, n_init=1,
                                   init_params="kmeans", random_state=0),
                              extra={"n_components": [0, 41, None]}),
    "BayesianGaussianMixture": Recipe(
        lambda **kw: _fit(g.BayesianGaussianMixture, **kw),
        dict(X=X, n_components=2, covariance_type="full", tol=1e-3, reg_covar=1e-6,
             max_iter=100, weight_concentration_prior=0.5, mean_precision_prior=1.0,
             mean_prior=np.zeros(2), degrees_of_freedom_prior=2.0, random_state=0,
             weight_concentration_prior_type="dirichlet_process"),
        extra={"n_components": [0, None], "mean_prior": ["ab"]}),
    "NoiseGaussianMixture": Recipe(
        lambda **kw: _fit(g.NoiseGaussianMixture, **kw),
        dict(X=X, n_components=2, noise_init=np.arange(40) < 4, covariance_type="full",
             tol=1e-3, max_iter=100, random_state=0), extra={"n_components": [0, None]}),
    "make_params": _r(g.make_params, weights=W, means=P.means, covariance_type="full",
                      covariances=FULL),
    "animate": Recipe(lambda **kw: plt.close(g.animate(**kw)._fig),
                      dict(trajectory=TRAJ, X=X, interval=400, dims=(0, 1))),
    "bootstrap": _r(g.bootstrap, model=GM, X=X, n_boot=3, kind="nonparametric",
                    random_state=0),
    "default_prior": _r(g.default_prior, X=X, n_components=2),
    "e_step": _r(g.e_step, X=X, params=P),
    "m_step": _r(g.m_step, X=X, resp=RESP, covariance_type="full", reg_covar=1e-6),
    "em_steps": Recipe(lambda **kw: list(g.em_steps(**kw)),
                       dict(X=X, initial_params=P, covariance_type="full", reg_covar=1e-6,
                            tol=1e-3, max_iter=3)),
    "icl": _r(g.icl, model=GM, X=X),
    # lesson 12: model checking and merging components
    "squared_mahalanobis": _r(checking.squared_mahalanobis, X=X, params=P),
    "chi2_qq": _r(checking.chi2_qq, X=X, params=P, labels=GM.predict(X)),
    "combine_components": _r(combine.combine_components, resp=RESP),
    "entropy": _r(combine.entropy, resp=RESP),
    "merge_gains": _r(combine.merge_gains, resp=RESP),
    "plot_qq": Recipe(lambda **kw: plotting.plot_qq(_ax(), **kw), dict(pairs=QQ)),
    "plot_merge_entropy": Recipe(lambda **kw: plotting.plot_merge_entropy(_ax(), **kw),
                                 dict(steps=STEPS)),
    "initial_params": _r(g.initial_params, X=X, n_components=2, covariance_type="full",
                         init_params="kmeans", random_state=0, reg_covar=1e-6),
    "initial_resp": _r(g.initial_resp, X=X, n_components=2, init_params="kmeans",
                       random_state=0),
    "kmeans": _r(g.kmeans, X=X, n_clusters=2, random_state=0, max_iter=300, tol=1e-4),
    "lecture_style": Recipe(g.lecture_style, {}),
    "n_parameters": Recipe(g.n_parameters, dict(n_components=3, n_features=2,
                                                covariance_type="full"),
                           extra={"n_components": [0], "covariance_type": ["vvv"]}),
    "select_model": Recipe(g.select_model,
                           dict(X=X, n_components=[1, 2], covariance_types=["full"],
                                random_state=0, criterion="bic"),
                           kinds={"n_components": "array", "covariance_types": "skip"},
                           extra={"n_components": [[50]]}),
    "vb_steps": Recipe(lambda **kw: list(g.vb_steps(**kw)),
                       dict(X=X, initial_resp=RESP, covariance_type="full",
                            weight_concentration_prior=0.5, reg_covar=1e-6, tol=1e-3,
                            max_iter=3, previous_elbo=-np.inf),
                       skip={"previous_elbo"}),
    # gmmteach.bound
    "lower_bound": _r(bound.lower_bound, X=X, params=P, resp=RESP),
    "kl_gap": _r(bound.kl_gap, X=X, params=P, resp=RESP),
    "log_likelihood": _r(bound.log_likelihood, X=X, params=P),
    "log_likelihood_profile": Recipe(bound.log_likelihood_profile,
                                     dict(X=X, params=P, component=0, grid=GRID2),
                                     extra={"component": [2, 1.5, "0"]},
                                     # a grid of any length is a valid grid
                                     accepts={"grid": {"wrong length"}}),
    "lower_bound_profile": Recipe(bound.lower_bound_profile,
                                  dict(X=X, params=P, resp=RESP, component=0, grid=GRID2),
                                  extra={"component": [2, 1.5, "0"]},
                                  # a grid of any length is a valid grid
                                  accepts={"grid": {"wrong length"}}),
    "reg_covar_penalty": _r(bound.reg_covar_penalty, params=P, resp=RESP, reg_covar=1e-6),
    # gmmteach.convergence
    "parameter_vector": _r(convergence.parameter_vector, params=P),
    "params_from_vector": _r(convergence.params_from_vector,
                             vector=convergence.parameter_vector(P), like=P),
    "em_map": _r(convergence.em_map, X=X, params=P),
    "em_jacobian": _r(convergence.em_jacobian, X=X, params=P, step=1e-5),
    "largest_eigenvalue": _r(convergence.largest_eigenvalue, jacobian=np.eye(3) * 0.5),
    "convergence_rate": _r(convergence.convergence_rate, log_likelihoods=LL, tail=0.5),
    "log_likelihood_gap": _r(convergence.log_likelihood_gap, log_likelihoods=LL),
    "predicted_gap": _r(convergence.predicted_gap, gaps=np.array([1.0, 0.5, 0.25]),
                        eigenvalue=0.5, anchor=1e-6),
    # gmmteach.datasets
    "load_old_faithful": Recipe(datasets.load_old_faithful, dict(standardized=False)),
    "load_iris": Recipe(datasets.load_iris, {}),
    "make_blobs": _r(datasets.make_blobs, n_samples=50, centers=3, cluster_std=1.0,
                     random_state=0),
    "make_anisotropic_blobs": _r(datasets.make_anisotropic_blobs, n_samples=50,
                                 random_state=0),
    "make_moons": _r(datasets.make_moons, n_samples=50, noise=0.08, random_state=0),
    "make_1d_mixture": _r(datasets.make_1d_mixture, n_samples=50, weights=(0.3, 0.7),
                          means=(-2.0, 1.5), stds=(0.6, 1.0), random_state=0),
    "make_overlapping_blobs": _r(datasets.make_overlapping_blobs, n_samples=50,
                                 random_state=0),
    "make_unequal_blobs": _r(datasets.make_unequal_blobs, sizes=(35, 12, 3),
                             random_state=0),
    "make_ring": _r(datasets.make_ring, n_samples=50, radius=4.0, noise=0.3,
                    random_state=0),
    "make_blobs_with_noise": _r(datasets.make_blobs_with_noise, n_samples=50,
                                noise_fraction=0.05, random_state=0),
    "make_far_outlier": _r(datasets.make_far_outlier, n_samples=50, distance=25.0,
                           random_state=0),
    "standardize": _r(datasets.standardize, X=X),
    "load_dataset": _r(datasets.load_dataset, name="blobs"),
    "load_labels": _r(datasets.load_labels, name="blobs"),
    # gmmteach.mclust
    "check_structure": Recipe(mclust.check_structure, dict(name="VVV", covariances=FULL),
                              skip={"what"}, extra={"name": ["xyz", "vvv"]}),
    "decompose": _r(mclust.decompose, covariances=FULL),
    "estimate_covariances": _r(mclust.estimate_covariances, resp=RESP, X=X,
                               nk=RESP.sum(0), means=P.means, reg_covar=1e-6, name="VVV"),
    "scatter_matrices": _r(mclust.scatter_matrices, resp=RESP, X=X, means=P.means,
                           nk=RESP.sum(0), reg_covar=0.0),
    # gmmteach.metrics
    # labels may be any hashable names ('a', 'b', ...), as in sklearn
    "adjusted_rand_score": Recipe(metrics.adjusted_rand_score,
                                  dict(labels_true=LABELS, labels_pred=LABELS[::-1].copy()),
                                  accepts={"labels_true": {"text"}, "labels_pred": {"text"}}),
    "contingency_table": Recipe(metrics.contingency_table,
                                dict(labels_true=LABELS, labels_pred=LABELS[::-1].copy()),
                                accepts={"labels_true": {"text"}, "labels_pred": {"text"}}),
    # gmmteach.noise
    "hypervolume": _r(noise.hypervolume, X=X),
    "noise_e_step": _r(noise.noise_e_step, X=X, params=NGM.params_),
    "noise_em_steps": Recipe(lambda **kw: list(noise.noise_em_steps(**kw)),
                             dict(X=X, initial_params=NGM.params_, covariance_type="full",
                                  tol=1e-3, max_iter=3)),
    "noise_m_step": _r(noise.noise_m_step, X=X, resp=NGM.predict_proba(X),
                       covariance_type="full", volume=noise.hypervolume(X)),
    "noise_start": _r(noise.noise_start, X=X, resp=RESP[4:], noise=np.arange(40) < 4,
                      covariance_type="full"),
    # gmmteach.plotting
    "component_colors": _r(plotting.component_colors, n_components=3),
    "project": _r(plotting.project, means=P.means, covariances=FULL,
                  covariance_type="full", dims=(0, 1)),
    "ellipse_geometry": Recipe(plotting.ellipse_geometry, dict(covariances=FULL, n_std=1.0),
                               # one 2 x 2 covariance is documented valid
                               accepts={"covariances": {"wrong ndim"}}),
    "covariance_ellipse": _r(plotting.covariance_ellipse, mean=P.means[0], cov=FULL[0],
                             n_std=1.0),
    "plot_ellipses": Recipe(lambda **kw: plotting.plot_ellipses(_ax(), **kw),
                            dict(means=P.means, covariances=FULL, covariance_type="full",
                                 n_std=(1, 2), dims=(0, 1)),
                            accepts={"n_std": {"wrong length"}}),  # one ring is valid
    "update_ellipses": Recipe(
        lambda **kw: plotting.update_ellipses(
            plotting.plot_ellipses(_ax(), P.means, FULL, "full"), **kw),
        dict(means=P.means, covariances=FULL, covariance_type="full", n_std=(1, 2)),
        accepts={"n_std": {"wrong length"}}),  # one ring is valid
    "responsibility_colors": _r(plotting.responsibility_colors, resp=RESP),
    "plot_responsibilities": Recipe(lambda **kw: plotting.plot_responsibilities(_ax(), **kw),
                                    dict(X=X, resp=RESP, dims=(0, 1)),
                                    accepts={"resp": ("none",)}),  # None: grey points
    "plot_labels": Recipe(lambda **kw: plotting.plot_labels(_ax(), **kw),
                          dict(X=X, labels=LABELS, dims=(0, 1))),
    "plot_density_contours": Recipe(
        lambda **kw: plotting.plot_density_contours(_ax(), **kw),
        dict(params=P, xlim=(-3.0, 3.0), ylim=(-3.0, 3.0), levels=5, resolution=20)),
    "plot_mixture_1d": Recipe(lambda **kw: plotting.plot_mixture_1d(_ax(), **kw),
                              dict(x=X[:, 0], weights=W, means=np.array([-1.0, 1.0]),
                                   variances=np.array([1.0, 0.5]), bins=10),
                              # 1-D data may come as a column, shape (n_samples, 1)
                              accepts={"x": {"wrong ndim"}}),
    "update_mixture_1d": Recipe(
        lambda **kw: plotting.update_mixture_1d(
            plotting.plot_mixture_1d(_ax(), X[:, 0], W, [-1.0, 1.0], [1.0, 0.5]), **kw),
        dict(weights=W, means=np.array([-1.0, 1.0]), variances=np.array([1.0, 0.5]))),
    "plot_log_likelihood": Recipe(lambda **kw: plotting.plot_log_likelihood(_ax(), **kw),
                                  dict(log_likelihoods=LL, current=2)),
    "update_log_likelihood_marker": Recipe(
        lambda **kw: plotting.update_log_likelihood_marker(
            *plotting.plot_log_likelihood(_ax(), LL, current=1)[::-1][:2][::-1], **kw),
        dict(current=2)),
    "log_likelihood_ylim": _r(plotting.log_likelihood_ylim, log_likelihoods=LL,
                              margin=0.08, min_span=0.01),
    "first_far_below": _r(plotting.first_far_below, log_likelihoods=LL),
    "minus_sign": Recipe(plotting.minus_sign, dict(number="-1.5"), kinds={"number": "record"}),
    "fit_log_likelihood_view": Recipe(None, {}),
    "log_likelihood_curve": _r(plotting.log_likelihood_curve, trajectory=TRAJ),
    "plot_criterion": Recipe(lambda **kw: plotting.plot_criterion(_ax(), **kw),
                             dict(n_components=[1, 2], values=np.array([[1.0], [2.0]]),
                                  covariance_types=["full"]), skip={"criterion"},
                             accepts={"values": {"nan"}}),  # NaN marks a failed fit
    "plot_uncertainty": Recipe(lambda **kw: plotting.plot_uncertainty(_ax(), **kw),
                               dict(X=X, resp=RESP, dims=(0, 1), max_size=80.0)),
    "plot_step": Recipe(lambda **kw: plotting.plot_step(_ax(), **kw),
                        dict(X=X, step=STEP, dims=(0, 1), n_std=(1, 2)),
                        accepts={"n_std": {"wrong length"}}),  # one ring is valid
    "update_step": Recipe(
        lambda **kw: plotting.update_step(plotting.plot_step(_ax(), X, STEP), **kw),
        dict(X=X, step=STEP)),
    "set_data_limits": Recipe(lambda **kw: plotting.set_data_limits(_ax(), **kw),
                              dict(X=X, dims=(0, 1), margin=0.1, params=P)),
    "plot_bound_profile": Recipe(lambda **kw: plotting.plot_bound_profile(_ax(), **kw),
                                 dict(grid=GRID, log_likelihood=GRID - 5.0,
                                      bound=GRID - 6.0, at=(0.0, -5.0, -6.0))),
    "update_bound_profile": Recipe(
        lambda **kw: plotting.update_bound_profile(
            plotting.plot_bound_profile(_ax(), GRID, GRID - 5, GRID - 6, (0.0, -5.0, -6.0)), **kw),
        dict(grid=GRID, log_likelihood=GRID - 5.0, bound=GRID - 6.0, at=(0.0, -5.0, -6.0))),
    "plot_mclust_bic": Recipe(lambda **kw: plotting.plot_mclust_bic(_ax(), **kw),
                              dict(n_components=[1, 2], values=np.array([[1.0], [2.0]]),
                                   covariance_types=["VVV"]),
                              accepts={"values": {"nan"}}),  # NaN: no fit, a gap
    "plot_classification": Recipe(lambda **kw: plotting.plot_classification(_ax(), **kw),
                                  dict(X=X, labels=LABELS, means=P.means, covariances=FULL,
                                       covariance_type="full", dims=(0, 1))),
    "plot_pairs": Recipe(lambda **kw: plt.close(plotting.plot_pairs(**kw)[0]),
                         dict(X=X, model_or_resp=RESP, what="classification")),
    "n_active": _r(plotting.n_active, weights=W, threshold=0.01),
    "weight_alphas": _r(plotting.weight_alphas, weights=W, min_alpha=0.06),
    "plot_expected_weights": Recipe(lambda **kw: plotting.plot_expected_weights(_ax(), **kw),
                                    dict(weights=W, threshold=0.01)),
    "update_expected_weights": Recipe(
        lambda **kw: plotting.update_expected_weights(
            plotting.plot_expected_weights(_ax(), W)[0], **kw), dict(weights=W)),
    "fade_by_weight": Recipe(
        lambda **kw: plotting.fade_by_weight(plotting.plot_step(_ax(), X, STEP), **kw),
        dict(weights=W, min_alpha=0.06)),
    "elbo_curve": _r(plotting.elbo_curve, trajectory=VBTRAJ),
    "plot_elbo": Recipe(lambda **kw: plotting.plot_elbo(_ax(), **kw),
                        dict(elbos=LL, current=2)),
    "plot_stick": Recipe(lambda **kw: plotting.plot_stick(_ax(), **kw), dict(weights=W)),
    "update_stick": Recipe(
        lambda **kw: plotting.update_stick(plotting.plot_stick(_ax(), W), **kw),
        dict(weights=W)),
    "plot_convergence": Recipe(lambda **kw: plotting.plot_convergence(_ax(), **kw),
                               dict(gaps=np.array([1.0, 0.5, 0.25])), skip={"label"}),
    "update_convergence": Recipe(None, {}),
    # gmmteach.selection
    "classification_penalty": _r(selection.classification_penalty, resp=RESP),
    "fit_from_partition": Recipe(None, {}),
    "hc_partitions": Recipe(None, {}),
    # gmmteach.vb
    "VBPrior": Recipe(None, {}),
    "elbo": _r(vb.elbo, params=VBP, resp=VBTRAJ[-2].resp, log_resp=np.log(VBTRAJ[-2].resp)),
    "expected_log_weights": _r(vb.expected_log_weights,
                               weight_concentration=VBP.weight_concentration,
                               prior_type=VBP.weight_concentration_prior_type),
    "expected_weights": _r(vb.expected_weights,
                           weight_concentration=VBP.weight_concentration,
                           prior_type=VBP.weight_concentration_prior_type),
    "stick_breaking_update": _r(vb.stick_breaking_update, nk=RESP.sum(0),
                                weight_concentration_prior=0.5),
    "vb_e_step": _r(vb.vb_e_step, X=X, params=VBP),
    "vb_m_step": _r(vb.vb_m_step, X=X, resp=RESP, prior=vb.vb_prior(X, 2), reg_covar=1e-6),
    "vb_prior": _r(vb.vb_prior, X=X, n_components=2),
    # gmmteach.widgets
    "ConvergenceExplorer": _w(widgets.ConvergenceExplorer, separation=4.0, start="spread",
                              n_samples=100, random_state=0, max_iter=200),
    "CovarianceDials": Recipe(lambda **kw: _close(widgets.CovarianceDials(**kw)),
                              dict(X=X, n_components=2, model="VVV"),
                              extra={"n_components": [0, 16], "model": ["vvv"]}),
    "EMExplorer": Recipe(lambda **kw: _close(widgets.EMExplorer(**kw)),
                         dict(data="blobs", n_components=2, covariance_type="full",
                              init_params="kmeans", random_state=0, reg_covar=1e-6,
                              max_iter=20, tol=1e-3), extra={"n_components": [0, 16]}),
    "LowerBoundExplorer": Recipe(lambda **kw: _close(widgets.LowerBoundExplorer(**kw)),
                                 dict(X=X[:, 0], n_components=2, component=0, random_state=0,
                                      reg_covar=0.0, max_iter=10),
                                 extra={"n_components": [0], "component": [2]},
                                 # 1-D data may come as a column, shape (n_samples, 1)
                                 accepts={"X": {"wrong ndim"}}),
    "OneDimensionalMixture": _w(widgets.OneDimensionalMixture, X=X[:, :1], n_components=2,
                                bins=30),
    "ResponsibilityInspector": _w(widgets.ResponsibilityInspector, X=X, params=P,
                                  dims=(0, 1)),
    "StickBreaking": Recipe(lambda **kw: _close(widgets.StickBreaking(**kw)),
                            dict(alpha=1.0, n_sticks=15, random_state=0),
                            extra={"alpha": [1e9], "n_sticks": [0, 10**4]}),
    "VBExplorer": Recipe(lambda **kw: _close(widgets.VBExplorer(**kw)),
                         dict(data="old faithful", n_components=5,
                              weight_concentration_prior=0.5, covariance_type="full",
                              random_state=0, max_iter=20, tol=1e-3),
                         extra={"n_components": [0, 16], "data": ["Old Faithful"],
                                "covariance_type": ["VVV"],
                                "weight_concentration_prior": [-1.0]}),
    # widget methods a learner calls
    "EMExplorer.show_step": Recipe(
        lambda index: EXPLORER().show_step(index), dict(index=1),
        extra={"index": [10**6]}, allowed=(IndexError,), accepts={"index": {"negative"}}),
    "EMExplorer.responsibilities": Recipe(
        lambda index: EXPLORER().responsibilities(index), dict(index=1),
        extra={"index": [10**6]}, allowed=(IndexError,), accepts={"index": {"negative"}}),
}

# Records the package builds for itself; their fields are checked where they are made
# (a learner builds a GMMParams with make_params, which checks every array).
RECORDS = {"GMMParams", "BootstrapResult", "ConjugatePrior", "EMStep", "ModelSelection", "VBParams",
           "VBStep", "NoiseParams", "MclustModel", "Verdict", "VBPrior", "CombineStep"}
# Callables a learner never calls directly: they take the artists a plot_* returned
# or the package's internal records (covered by their own module's tests).
INTERNAL = {"fit_log_likelihood_view", "update_convergence", "fit_from_partition",
            "hc_partitions"}

_EXPLORER = []


def EXPLORER():
    if not _EXPLORER:
        _EXPLORER.append(widgets.EMExplorer("blobs", 2, max_iter=5))
    return _EXPLORER[0]


def public_callables():
    """{name: object} for every callable in gmmteach's public ``__all__`` lists."""
    # the public subpackages (gmmteach._checks is the validation layer itself)
    names = ["gmmteach"] + [f"gmmteach.{m.name}" for m in pkgutil.iter_modules(g.__path__)
                            if m.ispkg and not m.name.startswith("_")]
    found, seen, todo = {}, set(), list(names)
    while todo:
        module = importlib.import_module(todo.pop(0))
        if module.__name__ in seen:
            continue
        seen.add(module.__name__)
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, types.ModuleType):
                todo.append(value.__name__)
            elif callable(value) and not (isinstance(value, type)
                                          and issubclass(value, BaseException)):
                found.setdefault(name, value)
    return found


PUBLIC = public_callables()
CHECKERS = {n for n, f in PUBLIC.items() if getattr(f, "__module__", "").startswith(
    "gmmteach.exercises") and n.startswith("check_")}


def test_every_public_callable_has_a_recipe():
    missing = set(PUBLIC) - set(R) - RECORDS - INTERNAL - CHECKERS
    assert not missing, f"add a recipe for {sorted(missing)}"


def _kind(name, value, recipe):
    if name in recipe.kinds:
        return recipe.kinds[name]
    if isinstance(value, (bool, np.bool_)):
        return "flag"
    if isinstance(value, str):
        return "choice" if name in CHOICE_NAMES else "skip"
    if isinstance(value, (int, np.integer)):
        return "count"
    if isinstance(value, float):
        return "nonneg" if name in NONNEG else "real"
    if isinstance(value, tuple) and name == "dims":
        return "dims"
    if isinstance(value, (np.ndarray, tuple, list)) and _numeric(value):
        return "array"
    return "record"


def _numeric(value):
    try:
        return np.asarray(value, dtype=float).size > 0
    except (TypeError, ValueError):
        return False


def _default_is_none(qualname, name):
    target = PUBLIC.get(qualname.split(".")[0])
    try:
        parameter = inspect.signature(target).parameters.get(name)
    except (TypeError, ValueError):
        return False
    return parameter is not None and parameter.default is None


def _bad_arrays(name, value, first):
    a = np.asarray(value, dtype=float)
    nan, inf = a.copy(), a.copy()
    nan.flat[0], inf.flat[0] = np.nan, np.inf
    bad = {"nan": nan, "inf": inf, "text": np.full(a.shape, "a"), "none": None,
           "wrong ndim": a[..., None] if a.ndim < 3 else a[0]}
    if first:
        bad["empty"] = a[:0]
    else:
        bad["wrong length"] = a[:-1]
    if name in NONNEG or name == "covariances":
        bad["negative"] = -a - 1.0
    return bad


BAD = {
    "count": {"negative": -1, "fraction": 1.5, "string": "3", "bool": True,
              "nan": math.nan, "inf": math.inf},
    "real": {"nan": math.nan, "inf": math.inf, "string": "0.5", "complex": 1j},
    "nonneg": {"nan": math.nan, "inf": math.inf, "string": "0.5", "negative": -1.0},
    "dims": {"out of range": (0, 5), "one": (0,), "fraction": (0.5, 1), "same": (0, 0),
             "string": "ab"},
    "record": {"number": 3, "string": "abc"},
    "flag": {"string": "yes"},
}


def _choice_bad(value):
    if isinstance(value, list):
        return {}
    return {"number": 3, "unknown": "zzzz", "empty": "", "case": value.swapcase(),
            "typo": value[:-1]}


def _cases():
    for qualname, recipe in R.items():
        if recipe.call is None:
            continue
        first = next((n for n, v in recipe.kwargs.items()
                      if _kind(n, v, recipe) == "array"), None)
        for name, value in recipe.kwargs.items():
            kind = _kind(name, value, recipe)
            if name in recipe.skip or kind == "skip":
                continue
            table = (_choice_bad(value) if kind == "choice" else
                     _bad_arrays(name, value, name == first) if kind == "array" else
                     dict(BAD[kind]))
            if _default_is_none(qualname, name):
                table.pop("none", None)  # None is the documented default
            for i, extra in enumerate(recipe.extra.get(name, [])):
                table[f"extra {i}: {extra!r}"[:40]] = extra
            for label in recipe.accepts.get(name, ()):
                table.pop(label)  # a valid value here (Python's negative index, ...)
            for label, bad in table.items():
                yield pytest.param(qualname, name, label, bad, id=f"{qualname}-{name}-{label}")


# Cases still failing (issue 19, unfinished): expected to fail, strictly, so a fix
# must take its line out. Regenerate with the outcome() of each case.
KNOWN = Path(__file__).with_name("bad_input_known_failures.txt")
KNOWN_FAILURES = set(KNOWN.read_text().splitlines()) if KNOWN.exists() else set()


def _mark(case):
    if case.id in KNOWN_FAILURES:
        return pytest.param(*case.values, id=case.id, marks=pytest.mark.xfail(
            strict=True, reason="issue 19: not yet refused in words"))
    return case


CASES = [_mark(case) for case in _cases()]


def test_recipes_are_valid_calls():
    """Each recipe, unspoiled, runs without an error (else the walk proves nothing)."""
    failed = {}
    for qualname, recipe in R.items():
        try:
            if recipe.call is not None:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    recipe.call(**recipe.kwargs)
        except Exception as error:  # noqa: BLE001 - listed below
            failed[qualname] = f"{type(error).__name__}: {error}"
        plt.close("all")
    assert not failed, "\n".join(f"{k}: {v}" for k, v in failed.items())


def _raised_in_gmmteach(error):
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and "gmmteach" in frames[-1].filename.replace("\\", "/").split("/")


def outcome(qualname, name, bad):
    """'ok' when the call refuses ``bad`` in words naming ``name``, else why not."""
    recipe = R[qualname]
    kwargs = dict(recipe.kwargs, **{name: bad})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = recipe.call(**kwargs)
    except (ValueError, TypeError) + recipe.allowed as error:
        message = str(error)
        if not _raised_in_gmmteach(error):
            return f"raw {type(error).__name__} from outside gmmteach: {message[:80]}"
        if name.lower() not in message.lower():
            return f"{type(error).__name__} not naming {name}: {message[:80]}"
        return "ok"
    except Exception as error:  # noqa: BLE001 - the point is to see which
        return f"raw {type(error).__name__}: {str(error)[:80]}"
    finally:
        plt.close("all")
    return f"accepted (returned {type(result).__name__})"


@pytest.mark.slow  # about 2,000 cases: make test runs them, make check does not
@pytest.mark.parametrize("qualname, name, label, bad", CASES)
def test_bad_argument_is_refused_in_words(qualname, name, label, bad):
    verdict = outcome(qualname, name, bad)
    assert verdict == "ok", verdict
    if label in ("case", "typo"):
        with pytest.raises(ValueError, match="(?i)did you mean"):
            R[qualname].call(**dict(R[qualname].kwargs, **{name: bad}))


@pytest.mark.parametrize("checker", sorted(CHECKERS))
@pytest.mark.parametrize("fn", [3, None, "e_step", [lambda x: x]])
def test_checker_given_no_function_says_so(checker, fn, capsys):
    verdict = PUBLIC[checker](fn)
    assert not verdict
    assert capsys.readouterr().out.strip()
