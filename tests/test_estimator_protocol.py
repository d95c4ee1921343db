"""gmmteach.GaussianMixture inside scikit-learn's machinery, as a drop-in.

Each test uses real sklearn (the oracle): Pipeline, GridSearchCV, clone,
check_is_fitted, pickle, DataFrame columns, float32, sklearn's exception
classes, the verbose printout and sklearn's input rules.
"""

import io
import pickle
import re
import warnings
from contextlib import redirect_stdout

import numpy as np
import pytest

sklearn = pytest.importorskip("sklearn", reason="pip install -r tests/requirements.txt")
pd = pytest.importorskip("pandas", reason="pip install -r tests/requirements.txt")

from sklearn.base import clone  # noqa: E402
from sklearn.exceptions import ConvergenceWarning as SkConvergenceWarning  # noqa: E402
from sklearn.exceptions import NotFittedError as SkNotFittedError  # noqa: E402
from sklearn.mixture import GaussianMixture as SkGaussianMixture  # noqa: E402
from sklearn.model_selection import GridSearchCV  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.utils.validation import check_is_fitted  # noqa: E402

import gmmteach  # noqa: E402
from gmmteach import GaussianMixture  # noqa: E402

RNG = np.random.RandomState(42)
X = np.vstack([RNG.normal(0, 1, (80, 2)), RNG.normal(5, 1, (80, 2)) * [1, 3]])


def test_pipeline_predicts_and_scores_like_sklearns():
    ours = make_pipeline(StandardScaler(), GaussianMixture(2, random_state=0)).fit(X)
    theirs = make_pipeline(StandardScaler(), SkGaussianMixture(2, random_state=0)).fit(X)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    assert ours.score(X) == pytest.approx(theirs.score(X), abs=1e-10)


def test_grid_search_picks_the_same_model_as_with_sklearn():
    grid = {"n_components": [1, 2, 3], "covariance_type": ["full", "diag"]}
    ours = GridSearchCV(GaussianMixture(random_state=0), grid, cv=3).fit(X)
    theirs = GridSearchCV(SkGaussianMixture(random_state=0), grid, cv=3).fit(X)
    assert ours.best_params_ == theirs.best_params_
    np.testing.assert_allclose(ours.cv_results_["mean_test_score"],
                               theirs.cv_results_["mean_test_score"], atol=1e-8)


def test_clone_and_get_params_round_trip_with_sklearn():
    model = GaussianMixture(3, covariance_type="tied", verbose=0, verbose_interval=5)
    copy = clone(model)
    assert copy is not model and copy.get_params() == model.get_params()
    sk = SkGaussianMixture(4, tol=1e-4, init_params="k-means++")
    ours = GaussianMixture(**sk.get_params()).get_params()
    # gmmteach's only extra parameters: a start from the learner's guess (issue 21)
    extra = {name: ours.pop(name) for name in ("resp_init", "labels_init")}
    assert ours == sk.get_params() and extra == {"resp_init": None, "labels_init": None}


def test_check_is_fitted_and_sklearns_not_fitted_error():
    model = GaussianMixture(2)
    with pytest.raises(SkNotFittedError):
        check_is_fitted(model)
    try:
        model.predict(X)
    except SkNotFittedError as error:  # code written for sklearn catches ours
        assert "not fitted yet" in str(error)
    else:
        pytest.fail("predict before fit did not raise")
    check_is_fitted(model.fit(X))


def test_convergence_warning_is_sklearns_category():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=SkConvergenceWarning)
        GaussianMixture(3, max_iter=1, random_state=0).fit(X)
    assert not caught  # sklearn's filter silenced ours
    with pytest.warns(SkConvergenceWarning):
        GaussianMixture(3, max_iter=1, random_state=0).fit(X)
    assert issubclass(gmmteach.ConvergenceWarning, SkConvergenceWarning)


def test_sklearn_tags_say_density_estimator():
    tags = GaussianMixture().__sklearn_tags__()
    assert tags.estimator_type == SkGaussianMixture().__sklearn_tags__().estimator_type
    assert tags.target_tags.required is False


def test_pickle_is_at_most_twice_sklearns_and_keeps_the_trajectory():
    kwargs = dict(n_components=3, covariance_type="full", random_state=0)
    ours, theirs = GaussianMixture(**kwargs).fit(X), SkGaussianMixture(**kwargs).fit(X)
    ours_size, theirs_size = len(pickle.dumps(ours)), len(pickle.dumps(theirs))
    assert ours_size <= 2 * theirs_size, (ours_size, theirs_size)
    again = pickle.loads(pickle.dumps(ours))
    np.testing.assert_array_equal(again.predict(X), ours.predict(X))
    steps = again.trajectory(X)  # replayed from the stored start
    assert [s.log_likelihood for s in steps if s.kind == "M"] == ours.lower_bounds_
    np.testing.assert_array_equal(steps[-1].params.means, ours.means_)


def test_trajectory_with_resp_matches_predict_proba_of_each_step():
    model = GaussianMixture(2, random_state=0, max_iter=5).fit(X)
    steps = model.trajectory(X, keep_resp=True)
    assert all(s.resp is not None for s in steps[1:])
    assert steps[-1].resp.shape == (len(X), 2)


def test_dataframe_columns_are_recorded_and_checked_as_in_sklearn():
    df = pd.DataFrame(X, columns=["width", "height"])
    ours, theirs = GaussianMixture(2, random_state=0).fit(df), SkGaussianMixture(
        2, random_state=0).fit(df)
    np.testing.assert_array_equal(ours.feature_names_in_, theirs.feature_names_in_)
    swapped = df[["height", "width"]]
    with pytest.raises(ValueError, match="feature names should match"):
        theirs.predict(swapped)
    with pytest.raises(ValueError, match="feature names should match"):
        ours.predict(swapped)
    with pytest.warns(UserWarning, match="does not have valid feature names"):
        ours.predict(X)
    assert not hasattr(GaussianMixture(2).fit(X), "feature_names_in_")


def test_float32_stays_float32_and_matches_float64_closely():
    X32 = X.astype(np.float32)
    ours = GaussianMixture(2, random_state=0).fit(X32)
    theirs = SkGaussianMixture(2, random_state=0).fit(X32)
    for name in ("weights_", "means_", "covariances_", "precisions_",
                 "precisions_cholesky_"):
        assert getattr(ours, name).dtype == getattr(theirs, name).dtype == np.float32
    assert ours.predict_proba(X32).dtype == np.float32
    np.testing.assert_allclose(ours.means_, theirs.means_, rtol=1e-4)


def test_complex_input_is_refused_with_a_type_error():
    with pytest.raises(TypeError, match="complex numbers"):
        GaussianMixture(2).fit(X + 1j)
    with pytest.raises(TypeError, match="complex"):
        gmmteach.kmeans(X + 1j, 2)


def test_one_sample_fit_is_refused_like_sklearn():
    with pytest.raises(ValueError):
        SkGaussianMixture(1).fit(X[:1])
    with pytest.raises(ValueError, match="at least 2"):
        GaussianMixture(1).fit(X[:1])
    GaussianMixture(1).fit(X[:2])  # two samples fit in both
    SkGaussianMixture(1).fit(X[:2])


@pytest.mark.parametrize("total, accepted", [(1 + 5e-9, True), (1 + 5e-7, False)])
def test_weights_init_sum_rule_is_sklearns(total, accepted):
    weights = np.array([0.5, total - 0.5])
    for cls in (GaussianMixture, SkGaussianMixture):
        model = cls(2, weights_init=weights, random_state=0)
        if accepted:
            model.fit(X)
        else:
            with pytest.raises(ValueError, match="sum"):
                model.fit(X)


def _printout(cls, verbose):
    out = io.StringIO()
    with redirect_stdout(out), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cls(3, n_init=2, verbose=verbose, verbose_interval=2, random_state=0).fit(X)
    # timings differ from run to run; everything else must be the same
    return re.sub(r"\d+\.\d+s", "<t>", out.getvalue())


@pytest.mark.parametrize("verbose", [1, 2])
def test_verbose_printout_is_sklearns(verbose):
    assert _printout(GaussianMixture, verbose) == _printout(SkGaussianMixture, verbose)


@pytest.mark.parametrize("bad, message", [
    ("seed", "random_state"),
    (0, None),
])
def test_kmeans_input_checks(bad, message):
    if message is None:
        labels, centers = gmmteach.kmeans(X.tolist(), 2, random_state=np.random.RandomState(0))
        assert centers.shape == (2, 2)
        return
    with pytest.raises(TypeError, match=message):
        gmmteach.kmeans(X, 2, random_state=bad)


def test_kmeans_refuses_bad_data_with_sentences():
    with pytest.raises(ValueError, match="reshape"):
        gmmteach.kmeans(X[:, 0], 2)
    with pytest.raises(ValueError, match="n_clusters=500 is more than"):
        gmmteach.kmeans(X, 500)
    with pytest.raises(ValueError, match="NaN"):
        gmmteach.kmeans(np.vstack([X, [np.nan, 0]]), 2)
    labels, _ = gmmteach.kmeans(pd.DataFrame(X), 2, random_state=0)
    assert labels.shape == (len(X),)
