"""The facts lesson 12 prints, against independent computations (R's mclust).

The lesson's numbers are compared with its stored outputs by nbval; here the
same fits are compared with R: the bootstrap standard errors with
``MclustBootstrap`` at R's default of 999 refits (within Monte Carlo error:
two runs of 999 differ by about 1/sqrt(998), 3%, so 15% is over four
standard deviations), and the noise component's fits with ``mclustBIC(X, G
= 3, initialization = list(noise = guess))`` from the lesson's own guess.
Needs Rscript with mclust.
"""

import numpy as np
import pytest
import r_oracle

from gmmteach import GaussianMixture, NoiseGaussianMixture, bootstrap, datasets

pytestmark = pytest.mark.slow


def test_bootstrap_standard_errors_agree_with_mclustbootstrap():
    r_oracle.require_mclust()
    X = datasets.load_old_faithful()
    model = GaussianMixture(2, random_state=0).fit(X)  # the lesson's fit
    theirs = r_oracle.mclust_bootstrap(X, 2, "VVV", 999, "nonparametric",
                                       means=model.means_)
    assert model.score(X) * len(X) == pytest.approx(theirs["loglik"], rel=1e-6)
    se = bootstrap(model, X, n_boot=999, random_state=0).standard_errors
    for key in ("weights", "means"):
        assert np.allclose(se[key], theirs[key], rtol=0.15), key


@pytest.mark.parametrize("scenario", ["make_far_outlier", "make_blobs_with_noise"])
def test_noise_component_fits_equal_mclusts(scenario):
    r_oracle.require_mclust()
    X, _ = getattr(datasets, scenario)()
    density = GaussianMixture(3, random_state=0).fit(X).score_samples(X)
    guess = density < np.quantile(density, 0.05)  # the lesson's first guess
    robust = NoiseGaussianMixture(3, noise_init=guess, random_state=0).fit(X)
    theirs = r_oracle.mclust_noise_bic(X, guess, [3])
    r_bic = theirs["bic"][0, theirs["models"].index("VVV")]
    assert -robust.bic(X) == pytest.approx(r_bic, rel=1e-6)
