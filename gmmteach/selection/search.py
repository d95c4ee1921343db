"""Choosing K and the covariance model by BIC, like R's ``mclust::Mclust(X)``.

``select_model`` fits every combination of K and covariance model and keeps
the model with the lowest BIC. Signs: scikit-learn (and gmmteach) use
``BIC = -2 log L + p log N``, lower is better; mclust reports
``2 log L - p log N``, higher is better. Same ranking, flipped sign.

Two named sets of models: ``"sklearn"`` (full, tied, diag, spherical) and
``"mclust"`` (mclust's fourteen, EII ... VVV). With ``"mclust"`` the search
starts EM the way ``Mclust`` does, from the cuts of one hierarchical
agglomeration tree (:mod:`.hc`), so it reaches the same fits as R.

Introduced in lessons/07_choosing_k.ipynb; the fourteen models in
lessons/08_mclust_models.ipynb.
"""

import difflib
import numbers
from dataclasses import dataclass, replace

import numpy as np

from .._base import _Run
from .._checks import check_noise_mask, check_positive_int, check_X, is_sequence
from ..covariance import COVARIANCE_TYPES, CollapsedComponentError
from ..em import em_steps, m_step
from ..init import INIT_METHODS
from ..mclust import MCLUST_MODELS, SKLEARN_ALIASES
from ..mixture import GaussianMixture
from ..noise import NoiseGaussianMixture, noise_em_steps, noise_start
from ..prior import MODELS_WITH_PRIOR, map_m_step, resolve_prior
from .hc import hc_partitions, hc_rows
from .criteria import _classification_penalty
from .summary import summary_text

__all__ = ["COVARIANCE_SETS", "CRITERIA", "ModelSelection", "fit_from_partition",
           "select_model"]

COVARIANCE_SETS = {"sklearn": COVARIANCE_TYPES, "mclust": MCLUST_MODELS}
CRITERIA = ("bic", "icl")

# EM settings of the "hc" start, as mclust's: nothing added to the
# covariances, and EM stops when the total log-likelihood changes by less
# than MCLUST_TOL of itself (emControl(tol = 1e-5)).
HC_DEFAULTS = {"reg_covar": 0.0, "max_iter": 1000}
MCLUST_TOL = 1e-5
# mclust.options("subset"): on more points than this, Mclust agglomerates a
# random subset of this many, takes one M-step on each cut of that subset
# and runs EM from there on all the data (hc is quadratic in the points)
HC_SUBSET = 2000
SINGULAR = np.sqrt(np.finfo(float).eps)


@dataclass(frozen=True, eq=False)
class ModelSelection:
    """BIC, AIC and ICL over a grid of K and covariance models.

    Attributes
    ----------
    n_components : list of int
    covariance_types : list of str
    bic, aic : ndarray of shape (len(n_components), len(covariance_types))
        sklearn's sign (lower is better); NaN where the fit failed.
    log_likelihood : ndarray, same shape
        Total log-likelihood ``N * score(X)`` of each fit.
    best : dict
        ``n_components``, ``covariance_type``, ``bic`` and ``icl`` of the
        lowest value of the criterion asked for.
    best_model_ : GaussianMixture
        The fitted model chosen.
    n_samples : int
    resp : ndarray of shape (n_samples, n_components)
        Responsibilities under the chosen model (with 'hc': of R's last E-step).
    labels : ndarray of shape (n_samples,)
        ``resp.argmax(axis=1)``: the classification of the chosen model.
    icl : ndarray, shape as ``bic``
        ICL, sklearn's sign: BIC plus ``-2 sum_n log r_n,map(n)``
        (:mod:`gmmteach.selection.criteria`).
    criterion : {'bic', 'icl'}
        What ``best`` minimised.

    With the 'hc' start every number is R's: the grids, ``resp`` and
    ``labels`` are those of the E-step where mclust's EM stopped, and
    ``best_model_`` holds the parameters of the one M-step after it (R's
    ``$parameters``; sklearn's fit ends the same way), so
    ``best_model_.bic(X)`` can differ from ``bic`` in the second decimal.
    """

    n_components: list
    covariance_types: list
    bic: np.ndarray
    aic: np.ndarray
    log_likelihood: np.ndarray
    best: dict
    best_model_: GaussianMixture
    n_samples: int = 0
    resp: np.ndarray = None
    icl: np.ndarray = None
    criterion: str = "bic"

    @property
    def mclust_bic(self):
        """The BIC grid with mclust's sign, ``2 log L - p log N`` (higher is better)."""
        return -self.bic

    @property
    def mclust_icl(self):
        """The ICL grid with mclust's sign (R's ``mclustICL(X)``, higher is better)."""
        return -self.icl

    @property
    def labels(self):
        """Most responsible component of each sample under the chosen model."""
        return self.resp.argmax(axis=1)

    def table(self, criterion="bic"):
        """The grid as aligned text, rows K, columns covariance types."""
        values = getattr(self, criterion)
        header = f"{'K':>3} " + "".join(f"{t:>12}" for t in self.covariance_types)
        rows = [
            f"{k:>3} " + "".join(f"{v:>12.2f}" for v in row)
            for k, row in zip(self.n_components, values)
        ]
        best = (f"best by {self.criterion.upper()}: K={self.best['n_components']}, "
                f"covariance_type={self.best['covariance_type']!r}")
        sign = "higher" if criterion.startswith("mclust_") else "lower"
        title = (f"{criterion[7:].upper()}, mclust's sign" if sign == "higher"
                 else criterion.upper())
        return "\n".join([f"{title} ({sign} is better)", header, *rows, best])

    def summary(self):
        """Text shaped like R's ``summary(Mclust(X))`` for the chosen model."""
        return summary_text(self)

    def __str__(self):
        return self.table()


def _resolve_types(covariance_types):
    # A named set, or an iterable of names, each checked by GaussianMixture
    if isinstance(covariance_types, str):
        if covariance_types in COVARIANCE_SETS["sklearn"] + COVARIANCE_SETS["mclust"]:
            raise ValueError(
                f"covariance_types={covariance_types!r} is one model, not a set; "
                f"write covariance_types=[{covariance_types!r}].")
        if covariance_types not in COVARIANCE_SETS:
            raise ValueError(
                f"covariance_types={covariance_types!r} is not a named set; use "
                f"'sklearn' (the four), 'mclust' (the fourteen) or a list of "
                f"names such as ['full', 'VEV'].")
        return list(COVARIANCE_SETS[covariance_types])
    types = list(covariance_types)
    if not types:
        raise ValueError("covariance_types is empty; name at least one model.")
    for cov_type in types:
        GaussianMixture(covariance_type=cov_type)._check_settings()
    return types


def _resolve_ks(n_components):
    if isinstance(n_components, numbers.Number):
        raise TypeError(
            f"n_components must be a list or range of K values, got the single "
            f"number {n_components!r}; write n_components=[{n_components}] or "
            f"range(1, {n_components} + 1).")
    if not is_sequence(n_components):
        raise TypeError(
            f"n_components must be a list or range of K values, got "
            f"{type(n_components).__name__} {n_components!r}; e.g. n_components=range(1, 10).")
    ks = list(n_components)
    bad = [k for k in ks if isinstance(k, bool) or not isinstance(k, numbers.Integral)
           or k < 1]
    if bad or not ks:
        raise ValueError(
            f"n_components must hold whole numbers >= 1 (e.g. range(1, 10)), "
            f"got {bad[0] if bad else 'nothing'}.")
    return [int(k) for k in ks]


def _check_settings(init_params, gm_kwargs):
    # Build one model with every setting so that a typo or a bad value fails
    # here, naming its argument, instead of turning every fit into NaN.
    if init_params not in ("hc", *INIT_METHODS):
        raise ValueError(
            f"Unknown init_params {init_params!r}; choose 'hc' (mclust's start) or "
            f"one of {', '.join(repr(m) for m in INIT_METHODS)}.")
    extra = sorted(set(gm_kwargs) - set(HC_DEFAULTS))
    if init_params == "hc" and extra:
        raise TypeError(
            f"With init_params='hc' (mclust's start) only reg_covar and max_iter "
            f"apply, not {', '.join(extra)}; use init_params='kmeans' for n_init "
            f"and the other GaussianMixture settings.")
    if "covariance_type" in gm_kwargs:
        raise TypeError(
            "select_model takes covariance_types (plural: 'sklearn', 'mclust' or a "
            "list such as ['VEV']), not covariance_type.")
    try:
        model = GaussianMixture(**gm_kwargs)
    except TypeError:
        valid = GaussianMixture._get_param_names()
        unknown = sorted(set(gm_kwargs) - set(valid))
        raise TypeError(
            f"select_model got unknown argument(s) {', '.join(unknown)}; it passes "
            f"these on to GaussianMixture: {', '.join(valid)}.") from None
    model._check_settings()


def _one_hot(labels, n_components):
    resp = np.zeros((len(labels), n_components))
    resp[np.arange(len(labels)), labels] = 1.0
    return resp


def _mclust_run(X, start, cov_type, settings, prior=None, em=em_steps):
    """EM as mclust's me(), then the one M-step of R's summary().

    EM runs until the total log-likelihood changes by less than MCLUST_TOL
    of itself, ``|dL| / (1 + |L|) < 1e-5`` (emControl's default; with a
    prior too, mclust stops on the plain log-likelihood). R's loglik, BIC,
    ICL and classification are those of the E-step that stopped it; R's
    ``summary()`` then takes one more M-step for ``$parameters`` (kept unless
    it fails), and so does this run, as sklearn's fit.

    ``em`` is em_steps, or noise_em_steps with a noise component.

    Returns
    -------
    run : list of EMStep, without their resp
    last_e_step : EMStep or None
        The E-step that converged, with its resp (None if max_iter ran out).
    """
    n_samples, run, last_e_step = X.shape[0], [], None
    with_prior = {} if prior is None else {"prior": prior}
    steps = em(X, start, covariance_type=cov_type, tol=0.0, **with_prior,
               reg_covar=settings["reg_covar"], max_iter=settings["max_iter"])
    for step in steps:
        if step.kind != "E":
            try:
                _check_not_singular(step.params, n_samples, cov_type)
            except CollapsedComponentError:
                if last_e_step is None:
                    raise
                run[-1] = replace(run[-1], converged=True)
                break  # R keeps the parameters the last E-step used
        run.append(replace(step.without_resp(), converged=last_e_step is not None))
        if last_e_step is not None:
            break
        if step.kind == "E" and _mclust_converged(step, n_samples):
            last_e_step = step
    return run, last_e_step


def _check_not_singular(params, n_samples, cov_type):
    # mclust gives up on a fit (BIC NA) when, after an M-step, a component's
    # volume lambda_k = |Sigma_k|^(1/D), an entry of its shape (eigenvalues
    # over lambda_k) or its n_k is at most sqrt(machine eps): a component
    # shrinking onto one point, whose likelihood grows without bound
    eigenvalues = np.linalg.eigvalsh(params.full_covariances())
    if np.any(eigenvalues <= 0) or np.any(params.weights * n_samples <= SINGULAR):
        raise CollapsedComponentError(cov_type)
    volume = np.exp(np.log(eigenvalues).mean(axis=1))
    if np.any(volume <= SINGULAR) or np.any(eigenvalues / volume[:, None] <= SINGULAR):
        raise CollapsedComponentError(cov_type)


def _mclust_converged(step, n_samples):
    total, change = step.log_likelihood * n_samples, step.change * n_samples
    return abs(change) / (1 + abs(total)) < MCLUST_TOL


def fit_from_partition(X, labels, covariance_type, reg_covar=0.0, max_iter=1000,
                       prior=None, noise=None):
    """EM from a hard partition, as mclust's ``me(X, modelName, unmap(labels))``.

    One M-step on the partition, then EM until the total log-likelihood
    changes by less than 1e-5 of itself; a component whose volume or shape
    falls to sqrt(eps) raises, as mclust gives up on it.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    labels : int ndarray of shape (n_samples,), values 0..K-1
    covariance_type : str
    prior : True or ConjugatePrior, optional
        MAP-EM under a conjugate prior (:mod:`gmmteach.prior`), as
        ``me(..., prior = priorControl())`` for True.
    noise : bool ndarray of shape (n_samples,), optional
        With a noise component (R's ``me(..., Vinv = hypvol(X, TRUE))``):
        these rows start as noise and ``labels`` (shape
        ``(n_samples - noise.sum(),)``) partition the others.

    Returns
    -------
    GaussianMixture, fitted (a NoiseGaussianMixture with ``noise``)

    Raises
    ------
    CollapsedComponentError
    """
    return _fit_partition(X, labels, covariance_type, reg_covar, max_iter, prior,
                          noise)[0]


def _fit_partition(X, labels, covariance_type, reg_covar=0.0, max_iter=1000,
                   prior=None, noise=None, rows=slice(None)):
    # fit_from_partition, and the E-step where mclust stopped (or None): mclust's
    # mstep on X[rows] with unmap(labels), then me() on all of X
    if noise is not None:
        return _fit_partition_with_noise(X, labels, covariance_type, reg_covar,
                                         max_iter, noise)
    k = int(labels.max()) + 1
    settings = {"reg_covar": reg_covar, "max_iter": max_iter}
    model = GaussianMixture(k, covariance_type=covariance_type, **settings)
    X = model._validate_X(X, reset=True)
    model._check_parameters(X)
    prior = resolve_prior(prior, X, k, covariance_type)
    if prior is None:
        start = m_step(X[rows], _one_hot(labels, k), covariance_type, reg_covar)
    else:
        start = map_m_step(X[rows], _one_hot(labels, k), covariance_type, prior,
                           reg_covar)
    run, last_e_step = _mclust_run(X, start, covariance_type, settings, prior)
    model._store(_as_run(start, run))
    return model, last_e_step


def _fit_partition_with_noise(X, labels, covariance_type, reg_covar, max_iter, noise):
    # the same with mclust's noise component: noise_start, noise_em_steps
    k = int(labels.max()) + 1
    settings = {"reg_covar": reg_covar, "max_iter": max_iter}
    model = NoiseGaussianMixture(k, covariance_type=covariance_type, noise_init=noise,
                                 **settings)
    X = model._validate_X(X, reset=True)
    model._check_parameters(X)
    start = noise_start(X, _one_hot(labels, k), noise, covariance_type, reg_covar)
    run, last_e_step = _mclust_run(X, start, covariance_type, settings, em=noise_em_steps)
    model._store(_as_run(start, run))
    return model, last_e_step


def _as_run(start, steps):
    """The estimator's record of one run, from the steps mclust's rule kept."""
    bounds = [s.log_likelihood for s in steps if s.kind == "E"]
    last = steps[-1]
    return _Run(start, -np.inf, last.params, bounds[-1] if bounds else -np.inf,
                bounds, last.iteration, bool(last.converged))


def _fit_one(X, k, cov_type, start, settings, prior=None, noise=None):
    """(fitted GaussianMixture, mean log-likelihood, resp), or None if it collapses.

    With an hc start (mclust's) the log-likelihood and resp are R's: those
    of the E-step where mclust's EM stopped; otherwise the model's own.
    """
    try:
        if isinstance(start, tuple):  # (rows, the hc cut of those rows)
            rows, labels = start
            model, last_e_step = _fit_partition(X, labels, cov_type, settings["reg_covar"],
                                                settings["max_iter"], prior, noise, rows)
            if last_e_step is not None:
                return model, last_e_step.log_likelihood, last_e_step.resp
        elif noise is not None:
            model = NoiseGaussianMixture(k, covariance_type=cov_type, noise_init=noise,
                                         random_state=start, **settings).fit(X)
        else:
            model = GaussianMixture(k, covariance_type=cov_type, random_state=start,
                                    **settings).fit(X)
        return model, model.score(X), model.predict_proba(X)
    except CollapsedComponentError:
        return None


def _criteria(model, n_samples, mean_log_likelihood, resp):
    # BIC, AIC, ICL and the total log-likelihood of one fit
    loglik, p = mean_log_likelihood * n_samples, model._n_parameters()
    bic = -2 * loglik + p * np.log(n_samples)
    return bic, -2 * loglik + 2 * p, bic + _classification_penalty(resp), loglik


def _starts(X, ks, init_params, random_state, hc_subset):
    # One start per K: (rows, the hc cut of those rows) or a seed for
    # GaussianMixture's own (a K above n_samples gets no start: NaN row)
    ks = [k for k in ks if k <= X.shape[0]]
    if init_params != "hc":
        return {k: random_state for k in ks}
    rows = hc_rows(X.shape[0], hc_subset, random_state)
    cuts = hc_partitions(X[rows], [k for k in ks if k <= len(X[rows])])
    # one component: mclust fits it on all the data (its mvn)
    return {k: (slice(None), np.zeros(X.shape[0], int)) if k == 1 else (rows, cut)
            for k, cut in cuts.items()}


def _with_prior(prior, cov_type):
    # R's mclustBIC(X, prior = priorControl()) leaves the models without a
    # prior (VEE, EVE, VVE, EVV) out: their column stays NaN
    if prior is None or prior is False:
        return True
    return SKLEARN_ALIASES.get(cov_type, cov_type) in MODELS_WITH_PRIOR


def _grid(X, ks, types, starts, settings, prior=None, noise=None):
    """Fit every (K, model); the BIC, AIC, ICL and log-likelihood grids and the fits."""
    shape = (len(ks), len(types))
    grids = np.full((4, *shape), np.nan)  # bic, aic, icl, log-likelihood
    models, resps = {}, {}
    for i, k in enumerate(ks):
        for j, cov_type in enumerate(types):
            fit = None
            if k in starts and _with_prior(prior, cov_type):
                fit = _fit_one(X, k, cov_type, starts[k], settings, prior, noise)
            if fit is not None:
                models[i, j], resps[i, j] = fit[0], fit[2]
                grids[:, i, j] = _criteria(fit[0], X.shape[0], fit[1], fit[2])
    return (*grids, models, resps)


def _check_criterion(criterion):
    if criterion in CRITERIA:
        return criterion
    close = difflib.get_close_matches(str(criterion).lower(), CRITERIA, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(
        f"criterion must be 'bic' (the density, R's Mclust) or 'icl' (clusters, "
        f"R's mclustICL), got {criterion!r}.{hint}")


def _check_prior_setting(prior, init_params, noise):
    if prior is not None and prior is not False and noise is not None:
        raise TypeError(
            "prior= and noise= together are not available yet; fit with one of them.")
    if prior is not None and prior is not False and init_params != "hc":
        raise TypeError(
            f"prior= works with mclust's start, init_params='hc', not "
            f"init_params={init_params!r}; drop init_params or the prior.")


def _best(ks, types, grids, criterion):
    values = grids[criterion]
    i, j = np.unravel_index(np.nanargmin(values), values.shape)
    best = {"n_components": ks[i], "covariance_type": types[j],
            "bic": float(grids["bic"][i, j]), "icl": float(grids["icl"][i, j])}
    return best, (i, j)


def _check_enough_samples(X, ks, noise):
    # K Gaussians need at least K points: a K above N is a NaN row of the grid
    # (as in mclust), but when every K is, there is nothing to choose from
    if noise is None and min(ks) > X.shape[0]:
        raise ValueError(
            f"n_components asks for K={min(ks)} components or more, more than the "
            f"number of samples ({X.shape[0]}); pass n_components=range(1, "
            f"{X.shape[0] + 1}) or fewer, or use more data.")


def _check_spread(X, instead=", or pass init_params='kmeans'"):
    # 'hc' standardises every column by its standard deviation (mclust's SVD
    # view of the data): a column that never varies would be divided by 0
    constant = np.flatnonzero(np.ptp(X, axis=0) == 0)
    if constant.size:
        what = ("every point is the same" if constant.size == X.shape[1]
                else f"column {constant[0]} of X is constant ({X[0, constant[0]]:g})")
        raise ValueError(
            f"{what}: the 'hc' start (mclust's models) scales each column by its "
            "spread, which is 0 here; drop the constant column(s), e.g. "
            f"X[:, X.std(axis=0) > 0]{instead}.")


def select_model(X, n_components=range(1, 10), covariance_types="sklearn",
                 random_state=0, init_params=None, criterion="bic", prior=None,
                 noise=None, hc_subset=HC_SUBSET, **gm_kwargs):
    """Fit a GaussianMixture for every K and covariance model; keep the best BIC (or ICL).

    ``select_model(X, covariance_types="mclust")`` is R's ``Mclust(X)``: the
    fourteen models over K = 1..9, each started from mclust's hierarchical
    agglomeration (``init_params="hc"``), EM run to mclust's tolerance.
    ``criterion="icl"`` chooses as R's ``mclustICL(X)``; ``prior=True`` fits
    as ``Mclust(X, prior = priorControl())``.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
    n_components : iterable of int, default=range(1, 10)
    covariance_types : 'sklearn', 'mclust' or iterable of str, default='sklearn'
        A named set (:data:`COVARIANCE_SETS`) or a list of names, e.g.
        ``['full', 'VEV']``.
    random_state : int, default=0
        Seed of every k-means or random start, and of the subset 'hc'
        agglomerates on big data.
    init_params : {'hc', 'kmeans', 'k-means++', 'random', 'random_from_data'}, optional
        How each EM starts. Default: 'hc' for the 'mclust' set, else
        GaussianMixture's 'kmeans'. 'hc' is mclust's: one start per K, EM
        until the log-likelihood changes by less than 1e-5 of itself,
        ``reg_covar=0`` and ``max_iter=1000`` unless given.
    criterion : {'bic', 'icl'}, default='bic'
        What ``best`` minimises; both grids are always kept.
    prior : True or ConjugatePrior, optional
        MAP-EM under a conjugate prior (:mod:`gmmteach.prior`; with 'hc').
        True: mclust's default for each K (:func:`gmmteach.default_prior`).
        The models mclust has no prior for (VEE, EVE, VVE, EVV) stay NaN.
        BIC and ICL use the plain log-likelihood, as mclust's.
    noise : bool array-like of shape (n_samples,), optional
        Add mclust's uniform noise component (:mod:`gmmteach.noise`), starting
        from these points as noise: R's ``Mclust(X, initialization =
        list(noise = mask))``. The 'hc' tree is built on the other points;
        the fits are :class:`~gmmteach.noise.NoiseGaussianMixture`, whose
        ``resp`` has a last column for the noise (in ``labels``, the noise is
        ``n_components``; R's 0). K = 0 (noise alone) is not fitted.
    hc_subset : int or None, default=2000
        With 'hc' on more points than this, agglomerate a random subset of
        this many (seeded by ``random_state``), one M-step on each of its
        cuts, then EM on all the data: mclust's ``subset`` option and
        default. None agglomerates all the points (slow beyond a few
        thousand: the tree's cost is quadratic in them). With ``noise`` the
        tree is built on all the points that start as not noise.
    **gm_kwargs
        Passed to every :class:`GaussianMixture` (e.g. ``n_init=5``,
        ``reg_covar=1e-4``); with 'hc' only ``reg_covar`` and ``max_iter``.

    Returns
    -------
    ModelSelection
    """
    X = check_X(X)
    ks, types = _resolve_ks(n_components), _resolve_types(covariance_types)
    criterion = _check_criterion(criterion)
    if init_params is None:
        init_params = "hc" if covariance_types == "mclust" or prior else "kmeans"
    settings = dict(HC_DEFAULTS, **gm_kwargs) if init_params == "hc" else dict(
        gm_kwargs, init_params=init_params)
    _check_settings(init_params, settings)
    _check_prior_setting(prior, init_params, noise)
    if noise is not None:  # K Gaussians need K points that are not noise
        noise = check_noise_mask(noise, X.shape[0], 1)
        ks = [k for k in ks if k <= X.shape[0] - noise.sum()]
    _check_enough_samples(X, ks, noise)
    if init_params == "hc":
        _check_spread(X)
    if hc_subset is not None:
        check_positive_int(hc_subset, "hc_subset (how many points 'hc' agglomerates; "
                           "None for all)", minimum=2)
    if noise is None:
        starts = _starts(X, ks, init_params, random_state, hc_subset)
    else:  # the tree on every point that starts as not noise
        starts = _starts(X[~noise], ks, init_params, random_state, None)
    bic, aic, icls, loglik, models, resps = _grid(X, ks, types, starts, settings, prior,
                                                  noise)
    if not models:
        raise ValueError(
            "Every fit collapsed (a component fell onto a point or a line); lower "
            "n_components, raise reg_covar (e.g. reg_covar=1e-4) or standardise X.")
    best, (i, j) = _best(ks, types, {"bic": bic, "icl": icls}, criterion)
    return ModelSelection(ks, types, bic, aic, loglik, best, models[i, j], X.shape[0],
                          resps[i, j], icls, criterion)
