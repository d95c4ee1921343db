"""A noise component: one uniform density beside the Gaussians (mclust's noise).

Outliers pull a Gaussian mixture's means and blow up its covariances. R's
mclust (``Mclust(X, initialization = list(noise = mask))``) adds one more
component, a uniform density over the data's region, to catch them:

    p(x) = pi_0 / V + sum_k pi_k N(x | mu_k, Sigma_k),     pi_0 + sum_k pi_k = 1,

with ``V`` the data's hypervolume (:func:`hypervolume`). EM treats the
uniform as one more column of the responsibilities: the E-step's noise
column is ``log pi_0 - log V`` (the same at every point), and the M-step
estimates ``pi_0 = sum_n r_n0 / N`` while every Gaussian's mean and
covariance are the usual weighted estimates from its own column; the noise
column's share is simply missing from them. The start is a guess of which
points are noise (the mask): those start with ``r_n0 = 1``, the others are
clustered into the K Gaussians.

Fitted here by :func:`noise_em_steps` (frozen :class:`~gmmteach.em.EMStep`
records whose ``params`` is a :class:`NoiseParams`) and
:class:`NoiseGaussianMixture` (scikit-learn's API; ``predict`` says ``-1``
for noise); ``select_model(X, ..., noise=mask)`` is R's
``Mclust(X, initialization = list(noise = mask))``.

Introduced in lessons/12_can_i_trust_this_fit.ipynb.
"""

from dataclasses import dataclass

import numpy as np

from ._checks import (
    check_array, check_covariance_type, check_noise_mask, check_nonnegative, check_positive_int, check_real,
    check_resp, check_sample_weight, check_X,
)
from .em import EMStep, _m_step, logsumexp
from .gaussian import log_gaussian_prob
from .init import _initial_resp
from .mixture import GaussianMixture
from .params import ComponentArrays, read_only
from .sample_weights import weighted_mean

__all__ = ["NoiseGaussianMixture", "NoiseParams", "hypervolume", "noise_e_step",
           "noise_em_steps", "noise_m_step", "noise_start"]


def _log_box_volume(Z):
    # log of the volume of the axis-aligned box around the rows of Z
    return float(np.log(Z.max(axis=0) - Z.min(axis=0)).sum())


def hypervolume(X):
    """The volume ``V`` of the noise's uniform density (R's ``hypvol``).

    The smaller of two boxes around the data: the box of the variables'
    ranges, and the box of the ranges of the principal-component scores
    (the same points rotated onto their principal axes, R's ``princomp``),
    which is smaller when the cloud is tilted.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    float
    """
    X = check_X(X, min_samples=2)
    centred = X - X.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)  # principal axes
    with np.errstate(divide="ignore"):  # a constant column: volume 0
        return float(np.exp(min(_log_box_volume(X), _log_box_volume(centred @ vt.T))))


@dataclass(frozen=True, eq=False)
class NoiseParams(ComponentArrays):
    """A Gaussian mixture plus a uniform noise component.

    Attributes
    ----------
    gaussian : GMMParams
        The K Gaussians; their ``weights`` are shares among the Gaussians
        (summing to one).
    noise_proportion : float
        ``pi_0``, the noise's share of the whole mixture.
    volume : float
        ``V``: the noise density is ``1 / V`` everywhere.

    ``weights`` (shape (n_components,)) are the Gaussians' shares of the whole
    mixture, ``(1 - pi_0) * gaussian.weights``: with ``noise_proportion``
    they sum to one. ``means``, ``covariances``, ``precisions_cholesky`` and
    ``covariance_type`` are the Gaussians'.
    """

    gaussian: object
    noise_proportion: float
    volume: float

    weights = property(lambda self: (1 - self.noise_proportion) * self.gaussian.weights)
    means = property(lambda self: self.gaussian.means)
    covariances = property(lambda self: self.gaussian.covariances)
    precisions_cholesky = property(lambda self: self.gaussian.precisions_cholesky)
    covariance_type = property(lambda self: self.gaussian.covariance_type)


def _check_noise_params(params, name="params"):
    if not isinstance(params, NoiseParams):
        raise TypeError(
            f"{name} must be NoiseParams (a mixture with a noise component), got a "
            f"{type(params).__name__}; make them with noise_start(X, resp, noise, "
            f"covariance_type), or use e_step / em_steps for a mixture without noise.")
    return params


def _weighted_log_prob(X, params):
    # columns log pi_k + log N(x_n | k) for the Gaussians, then log pi_0 - log V
    gaussian = log_gaussian_prob(X, params.means, params.precisions_cholesky,
                                 params.covariance_type)
    with np.errstate(divide="ignore"):  # log 0 = -inf: a component with no share
        gaussian += np.log(params.weights)
        noise = np.log(params.noise_proportion) - np.log(params.volume)
    return np.column_stack([gaussian, np.full(X.shape[0], noise)])


def noise_e_step(X, params):
    """Expectation with the noise: responsibilities of K Gaussians and the noise.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    params : NoiseParams

    Returns
    -------
    log_resp : ndarray of shape (n_samples, n_components + 1)
        The last column is the noise's.
    log_prob_norm : ndarray of shape (n_samples,)
        ``log p(x_n)``, the noise included.
    """
    params = _check_noise_params(params)
    weighted = _weighted_log_prob(check_X(X, n_features=params.n_features), params)
    log_prob_norm = logsumexp(weighted)
    return weighted - log_prob_norm[:, np.newaxis], log_prob_norm


def noise_m_step(X, resp, covariance_type, volume, reg_covar=0.0, previous=None,
                 sample_weight=None):
    """Maximisation with the noise: the Gaussians from their columns, ``pi_0``.

    The Gaussians' means and covariances are the ordinary M-step on the
    first K columns of ``resp`` (mclust's Fortran does the same, its pooled
    models dividing by the Gaussians' total ``sum_k N_k``, not by N);
    ``pi_0 = sum_n r_n0 / N``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    resp : ndarray of shape (n_samples, n_components + 1)
        The last column is the noise's.
    covariance_type : str
    volume : float
    reg_covar : float, default=0.0
    previous : ndarray, optional
        The covariances this M-step improves on (mclust's iterative models).
    sample_weight : ndarray of shape (n_samples,), optional
        Row n counts ``w_n`` times: ``pi_0 = sum_n w_n r_n0 / sum_n w_n``.

    Returns
    -------
    NoiseParams
    """
    check_covariance_type(covariance_type)
    X = check_X(X)
    resp = check_resp(resp, X.shape[0])
    if resp.shape[1] < 2:
        raise ValueError(
            f"resp must have a column per Gaussian and a last column for the noise, "
            f"got {resp.shape[1]} column(s); pass e.g. np.exp(noise_e_step(X, params)[0]).")
    volume = _check_volume(volume)
    reg_covar = check_nonnegative(reg_covar, "reg_covar",
                                  "use a small positive value such as 1e-6, or 0.")
    sample_weight = check_sample_weight(sample_weight, X.shape[0])
    return _noise_m_step(X, resp, covariance_type, volume, reg_covar, previous,
                         sample_weight)


def _check_volume(volume):
    return check_real(volume, "volume", 0, strict=True,
                      hint="The noise's volume is positive, e.g. hypervolume(X).")


def _noise_m_step(X, resp, covariance_type, volume, reg_covar=0.0, previous=None,
                  sample_weight=None):
    # noise_m_step without its checks (noise_em_steps checks once, then loops)
    gaussian = _m_step(X, resp[:, :-1], covariance_type, reg_covar, previous,
                       sample_weight)
    noise_share = weighted_mean(resp[:, -1], sample_weight)
    return NoiseParams(gaussian, float(noise_share), float(volume))


def noise_start(X, resp, noise, covariance_type, reg_covar=0.0, volume=None,
                sample_weight=None):
    """The first parameters: M-step from ``resp`` on the points not marked noise.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    resp : ndarray of shape (n_samples - noise.sum(), n_components)
        Responsibilities of the rows ``X[~noise]`` (an hc cut, k-means, ...).
    noise : bool ndarray of shape (n_samples,)
        The rows that start as noise (``r_n0 = 1``).
    volume : float, optional
        Default :func:`hypervolume` of X (R's default ``Vinv``).
    sample_weight : ndarray of shape (n_samples,), optional

    Returns
    -------
    NoiseParams
    """
    check_covariance_type(covariance_type)
    X = check_X(X)
    resp = check_array(resp, "resp", ndim=2, nonnegative=True,
                       hint="Pass resp of shape (n_samples - noise.sum(), n_components).")
    noise = check_noise_mask(noise, X.shape[0], resp.shape[1])
    resp = check_resp(resp, int((~noise).sum()))
    volume = hypervolume(X) if volume is None else _check_volume(volume)
    reg_covar = check_nonnegative(reg_covar, "reg_covar",
                                  "use a small positive value such as 1e-6, or 0.")
    sample_weight = check_sample_weight(sample_weight, X.shape[0])
    return _noise_start(X, resp, noise, covariance_type, reg_covar, volume, sample_weight)


def _noise_start(X, resp, noise, covariance_type, reg_covar, volume, sample_weight=None):
    # noise_start without its checks (the estimator and select_model check first)
    full = np.zeros((X.shape[0], resp.shape[1] + 1))
    full[~noise, :-1] = resp
    full[noise, -1] = 1.0
    return _noise_m_step(X, full, covariance_type, volume, reg_covar,
                         sample_weight=sample_weight)


def noise_em_steps(X, initial_params, *, covariance_type, reg_covar=0.0, tol=1e-3,
                   max_iter=100, previous_log_likelihood=-np.inf, sample_weight=None):
    """EM with a noise component, every step a frozen :class:`~gmmteach.em.EMStep`.

    The same loop and records as :func:`gmmteach.em_steps` (its ``resp``
    has one more column, the noise's; its ``params`` are
    :class:`NoiseParams`), with :func:`noise_e_step` and :func:`noise_m_step`.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    initial_params : NoiseParams
        E.g. from :func:`noise_start`.
    covariance_type : str
    reg_covar, tol, max_iter, previous_log_likelihood, sample_weight
        As in :func:`gmmteach.em_steps` (a checked array or None).

    Yields
    ------
    EMStep
    """
    params = _check_noise_params(initial_params, "initial_params")
    check_covariance_type(covariance_type)
    X = check_X(X, n_features=params.n_features)
    reg_covar = check_nonnegative(reg_covar, "reg_covar",
                                  "use a small positive value such as 1e-6, or 0.")
    check_nonnegative(tol, "tol", "use 0 to run exactly max_iter iterations.")
    check_positive_int(max_iter, "max_iter", minimum=0)
    sample_weight = check_sample_weight(sample_weight, X.shape[0])
    log_likelihood = previous_log_likelihood
    yield EMStep(0, "init", params)
    for iteration in range(1, max_iter + 1):
        log_resp, log_prob_norm = noise_e_step(X, params)
        resp = read_only(np.exp(log_resp), copy=False)
        mean_log_likelihood = weighted_mean(log_prob_norm, sample_weight)
        change = float(mean_log_likelihood - log_likelihood)
        log_likelihood = float(mean_log_likelihood)
        yield EMStep(iteration, "E", params, resp, log_likelihood, change)
        params = _noise_m_step(X, resp, covariance_type, params.volume, reg_covar,
                              params.covariances, sample_weight)
        converged = bool(abs(change) < tol)
        yield EMStep(iteration, "M", params, resp, log_likelihood, change, converged)
        if converged:
            return


class NoiseGaussianMixture(GaussianMixture):
    """A GaussianMixture plus mclust's uniform noise component.

    Parameters
    ----------
    n_components : int, default=1
        The number of Gaussians (the noise is one more).
    noise_init : bool array-like of shape (n_samples,)
        A first guess of the noise points of the X given to ``fit`` (e.g.
        points far from their nearest neighbours). They start as noise; the
        other points are clustered by ``init_params`` into the Gaussians.
    **kwargs
        Every other :class:`~gmmteach.GaussianMixture` setting, except
        ``weights_init``, ``means_init`` and ``precisions_init`` (the start
        comes from ``noise_init``).

    Attributes
    ----------
    noise_proportion_ : float
        ``pi_0``, the estimated share of noise.
    noise_volume_ : float
        ``V`` (:func:`hypervolume` of the fitted X): noise density ``1 / V``.
    weights_ : ndarray of shape (n_components,)
        The Gaussians' shares; ``weights_.sum() + noise_proportion_ == 1``.
    means_, covariances_, ... : as in GaussianMixture, the Gaussians'.

    ``predict`` labels noise points ``-1``; ``predict_proba`` has
    ``n_components + 1`` columns, the last the noise's; ``score_samples``
    is ``log p(x)`` with the noise's density included. BIC counts mclust's
    two extra parameters (the noise proportion and the volume).
    """

    def __init__(self, n_components=1, *, noise_init=None, covariance_type="full",
                 tol=1e-3, reg_covar=1e-6, max_iter=100, n_init=1, init_params="kmeans",
                 random_state=None, warm_start=False, verbose=0, verbose_interval=10):
        super().__init__(n_components, covariance_type=covariance_type, tol=tol,
                         reg_covar=reg_covar, max_iter=max_iter, n_init=n_init,
                         init_params=init_params, random_state=random_state,
                         warm_start=warm_start, verbose=verbose,
                         verbose_interval=verbose_interval)
        self.noise_init = noise_init

    def __repr__(self):
        # the mask in a few words, not as a few hundred True/False
        mask = self.noise_init
        if mask is None:
            return super().__repr__()
        self.noise_init = _MaskRepr(mask)
        try:
            return super().__repr__()
        finally:
            self.noise_init = mask

    # -- hooks ------------------------------------------------------------------
    def _check_parameters(self, X, sample_weight=None):
        super()._check_parameters(X, sample_weight)
        self._noise = check_noise_mask(self.noise_init, X.shape[0], self.n_components,
                                       "noise_init")
        self._volume = hypervolume(X)

    def _initial_params(self, X, random_state, sample_weight=None):
        clean = ~self._noise
        weights = None if sample_weight is None else sample_weight[clean]
        resp = _initial_resp(X[clean], self.n_components, self.init_params, random_state,
                            weights)
        return _noise_start(X, resp, self._noise, self.covariance_type, self.reg_covar,
                            self._volume, sample_weight)

    def _steps(self, X, start, previous_lower_bound, sample_weight=None):
        return noise_em_steps(X, start, covariance_type=self.covariance_type,
                              reg_covar=self.reg_covar, tol=self.tol,
                              max_iter=self.max_iter,
                              previous_log_likelihood=previous_lower_bound,
                              sample_weight=sample_weight)

    def _estimate_weighted_log_prob(self, X):
        return _weighted_log_prob(X, self.params_)

    def _log_prob_resp(self, X):
        log_resp, log_prob_norm = noise_e_step(X, self.params_)
        return log_prob_norm, log_resp

    def _n_parameters(self):
        # mclust's nMclustParams(noise = TRUE): the Gaussians' count + 2
        return super()._n_parameters() + 2

    # -- what the noise adds --------------------------------------------------------
    @property
    def noise_proportion_(self):
        """``pi_0``, the share of the mixture that is uniform noise."""
        return self._fitted().noise_proportion

    @property
    def noise_volume_(self):
        """``V``, the volume the noise is uniform over (density ``1 / V``)."""
        return self._fitted().volume

    def predict(self, X):
        """The most responsible component of each sample, ``-1`` for the noise."""
        return _noise_labels(super().predict(X), self.n_components)

    def fit_predict(self, X, y=None, sample_weight=None):
        """Fit, then :meth:`predict` (``-1`` for noise) on X."""
        return _noise_labels(super().fit_predict(X, y, sample_weight), self.n_components)

    def sample(self, n_samples=1):
        """Not available: the uniform's region is a volume, not a stored box."""
        raise NotImplementedError(
            "NoiseGaussianMixture.sample is not available: the noise is uniform over a "
            "volume V, not over a stored region; sample the Gaussians with a "
            "GaussianMixture built from weights_, means_ and covariances_.")


class _MaskRepr:
    def __init__(self, mask):
        self.mask = mask

    def __repr__(self):
        if np.ndim(self.mask) != 1:
            return repr(self.mask)
        return f"<{int(np.sum(self.mask))} of {len(self.mask)} points marked>"


def _noise_labels(labels, n_components):
    # the noise is the last column of resp, index n_components: call it -1
    return np.where(labels == n_components, -1, labels)
