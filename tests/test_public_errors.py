"""Issue 11: every raw error on the public surface became a sentence.

One row per mistake: (what the student calls, the exception type, a fragment
of the sentence that names the argument and the fix).
"""

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

import gmmteach as g
from gmmteach import plotting

X = np.random.RandomState(0).standard_normal((40, 2))
GM = g.GaussianMixture(2, random_state=0).fit(X)
P = GM.params_
BGM = g.BayesianGaussianMixture(n_components=2, random_state=0).fit(X)
RESP = np.full((40, 2), 0.5)
X_NAN = np.vstack([X, [[np.nan, 0.0]]])
STEP = list(g.em_steps(X, P, covariance_type="full", max_iter=1))[-1]


def _axes():
    return plt.figure().add_subplot()


def _set(name):
    return lambda: setattr(GM, name, np.zeros(2))


CASES = {
    # 1. e_step / m_step
    "e_step 1-D X": (lambda: g.e_step(X[:, 0], P), ValueError, r"X is 1-D.*reshape"),
    "e_step wrong n_features": (lambda: g.e_step(np.c_[X, X[:, 0]], P), ValueError,
                                "X has 3 features but the model was fitted on 2"),
    "e_step fitted model as params": (lambda: g.e_step(X, GM), TypeError,
                                      r"params must be a GMMParams.*params=model.params_"),
    "e_step NaN X": (lambda: g.e_step(X_NAN, P), ValueError, "NaN or infinite"),
    "m_step typo 'ful'": (lambda: g.m_step(X, RESP, "ful"), ValueError,
                          "Unknown covariance_type 'ful'; choose one of 'full'"),
    "m_step NaN X": (lambda: g.m_step(X_NAN, np.full((41, 2), 0.5), "full"), ValueError,
                     "NaN or infinite"),
    "m_step resp wrong shape": (lambda: g.m_step(X, RESP[:30], "full"), ValueError,
                                r"resp must have shape .*\(40, K\).*got shape \(30, 2\)"),
    "m_step negative resp": (lambda: g.m_step(X, RESP - 1, "full"), ValueError,
                             r"resp must hold finite probabilities >= 0.*np.exp\(log_resp\)"),
    "m_step negative reg_covar": (lambda: g.m_step(X, RESP, "full", -1.0), ValueError,
                                  "reg_covar must be a finite number >= 0, got -1.0"),
    "m_step NaN reg_covar": (lambda: g.m_step(X, RESP, "full", np.nan), ValueError,
                             "reg_covar must be a finite number >= 0, got nan"),
    # 2. em_steps
    "em_steps initial_resp wrong rows": (
        lambda: list(g.em_steps(X, P, covariance_type="full", initial_resp=RESP[:3])),
        ValueError, r"initial_resp must have shape .*got shape \(3, 2\)"),
    "em_steps initial_resp wrong K": (
        lambda: list(g.em_steps(X, P, covariance_type="full",
                                initial_resp=np.full((40, 3), 1 / 3))),
        ValueError, r"initial_resp must have shape .*\(40, 2\), got \(40, 3\)"),
    # 3. initial_params
    "initial_params negative reg_covar": (lambda: g.initial_params(X, 2, reg_covar=-1.0),
                                          ValueError, "reg_covar must be a finite number"),
    "initial_params NaN reg_covar": (lambda: g.initial_params(X, 2, reg_covar=np.nan),
                                     ValueError, "reg_covar must be a finite number"),
    "initial_params random_state=-1": (
        lambda: g.initial_params(X, 2, random_state=-1), ValueError,
        (r"random_state must be an int between 0 and 2\*\*32 - 1, None, or a numpy "
         "RandomState")),
    "initial_params random_state=2**40": (
        lambda: g.initial_params(X, 2, random_state=2**40), ValueError,
        r"random_state must be an int between 0 and 2\*\*32 - 1"),
    # 4. values whose squares overflow
    "fit X near 1e153": (lambda: g.GaussianMixture(2, random_state=0).fit(X * 1e153),
                         ValueError, r"squares overflow float64; rescale it"),
    "predict_proba of a point 1e200 away": (lambda: GM.predict_proba([[1e200, 0.0]]),
                                            ValueError, "overflow float64; rescale"),
    # 5. pandas missing values
    "fit DataFrame with pd.NA": (
        lambda: g.GaussianMixture(2).fit(pd.DataFrame(
            {"a": pd.array([1, None, 3] * 10, dtype="Int64"), "b": np.arange(30.0)})),
        ValueError, r"X holds missing values \(pd.NA\); drop or impute"),
    # 6. fitted attributes
    "gm.means_ = ...": (_set("means_"), AttributeError,
                        r"means_ is learnt by fit.*means_init=.*gmmteach.make_params"),
    "gm.weights_ = ...": (_set("weights_"), AttributeError, "weights_init="),
    "gm.covariances_ = ...": (_set("covariances_"), AttributeError, "precisions_init="),
    "gm.precisions_ = ...": (_set("precisions_"), AttributeError, "precisions_init="),
    "bgm.means_ = ...": (lambda: setattr(BGM, "means_", 0), AttributeError,
                         r"means_ is learnt by fit.*mean_prior=\.\.\. to the constructor\.$"),
    "bgm.degrees_of_freedom_ = ...": (lambda: setattr(BGM, "degrees_of_freedom_", 0),
                                      AttributeError, "degrees_of_freedom_prior="),
    # 7. plotting entry points
    "plot_responsibilities length mismatch": (
        lambda: plotting.plot_responsibilities(_axes(), X, RESP[:10]), ValueError,
        "resp has 10 rows but X has 40 points"),
    "plot_responsibilities model as resp": (
        lambda: plotting.plot_responsibilities(_axes(), X, GM), TypeError,
        r"resp must be an array, got a GaussianMixture.*predict_proba"),
    "plot_responsibilities model as X": (
        lambda: plotting.plot_responsibilities(_axes(), GM, RESP), TypeError,
        "X must be an array, got a GaussianMixture"),
    "plot_labels length mismatch": (
        lambda: plotting.plot_labels(_axes(), X, np.zeros(5, int)), ValueError,
        "labels has 5 rows but X has 40 points"),
    "plot_labels empty": (lambda: plotting.plot_labels(_axes(), X[:0], []), ValueError,
                          "X is empty"),
    "plot_labels negative": (lambda: plotting.plot_labels(_axes(), X, -np.ones(40, int)),
                             ValueError, r"labels must be .*ints >= 0"),
    "plot_uncertainty length mismatch": (
        lambda: plotting.plot_uncertainty(_axes(), X, RESP[:3]), ValueError,
        "resp has 3 rows but X has 40 points"),
    "plot_criterion all NaN": (
        lambda: plotting.plot_criterion(_axes(), [1, 2], np.full((2, 1), np.nan), ["full"]),
        ValueError, "every fit failed"),
    "plot_ellipses model as means": (
        lambda: plotting.plot_ellipses(_axes(), GM, P.covariances, "full"), TypeError,
        r"means must be an array.*model.means_"),
    "plot_step model as step": (lambda: plotting.plot_step(_axes(), X, GM), TypeError,
                                "step must be an EMStep"),
    "plot_step X of another length": (lambda: plotting.plot_step(_axes(), X[:5], STEP),
                                      ValueError, "resp has 40 rows but X has 5 points"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_public_error_names_argument_and_fix(name):
    call, kind, fragment = CASES[name]
    with pytest.raises(kind, match=fragment):
        call()
    plt.close("all")


def test_lists_are_accepted_as_arrays():
    # the checks convert lists, so e_step/m_step on lists equal those on arrays
    np.testing.assert_array_equal(g.e_step(X.tolist(), P)[0], g.e_step(X, P)[0])
    np.testing.assert_array_equal(g.m_step(X.tolist(), RESP.tolist(), "full").means,
                                  g.m_step(X, RESP, "full").means)


def test_fitted_attributes_still_read():
    np.testing.assert_array_equal(GM.means_, P.means)
