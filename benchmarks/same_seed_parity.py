"""Same-seed parity with scikit-learn on three data sets no test uses.

    PYTHONPATH=. python benchmarks/same_seed_parity.py

3 data sets x 3 seeds x 4 covariance types x {'kmeans', 'k-means++'}: counts
the fits whose lower_bound_ equals sklearn's to 1e-8 and names any other.
"""

import warnings

warnings.simplefilter("ignore")
from gmmteach import GaussianMixture as G
from sklearn.mixture import GaussianMixture as S
from sklearn.datasets import load_wine, load_breast_cancer, make_blobs
from sklearn.preprocessing import StandardScaler
sets = {
 "wine (std)": (StandardScaler().fit_transform(load_wine().data), 3),
 "breast_cancer[:, :6] (raw)": (load_breast_cancer().data[:, :6], 4),
 "blobs 600x5 K=6": (make_blobs(600, 5, centers=6, cluster_std=2.0, random_state=11)[0], 6),
}
total = ok = 0
for name, (X, K) in sets.items():
    for seed in (0, 1, 2):
        for ct in ("full", "tied", "diag", "spherical"):
            for init in ("kmeans", "k-means++"):
                kw = dict(n_components=K, covariance_type=ct, init_params=init, random_state=seed)
                a, b = G(**kw).fit(X), S(**kw).fit(X)
                total += 1
                good = abs(a.lower_bound_ - b.lower_bound_) <= 1e-8
                ok += good
                if not good: print("MISMATCH", name, seed, ct, init, a.lower_bound_, b.lower_bound_)
print(f"{ok}/{total} fits with |lower_bound_ - sklearn| <= 1e-8")
