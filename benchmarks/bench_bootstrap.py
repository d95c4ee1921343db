"""Bootstrap standard errors beside R's ``MclustBootstrap``: time and agreement.

Timing (issue 17): 999 nonparametric refits of Old Faithful, VVV with K=2,
by ``gmmteach.bootstrap`` and by R's ``MclustBootstrap`` (R's time is
measured inside R, for the bootstrap alone, so Rscript's start-up is not
counted); the median of ``--repeats`` interleaved runs, so a busy machine
slows both alike. With ``--compare``: the ratio of every standard error (weights,
means, covariances) to R's, for Old Faithful VVV,2 and Iris VEV,2 and both
kinds, at 999 refits each. Two independent bootstraps of 999 refits differ
by Monte Carlo error alone: the relative error of one standard error is
about 1 / sqrt(2 * 998) = 2.2%, of the ratio of two about 3.2%.

Needs Rscript with mclust (through tests/r_oracle.py).
Run: python benchmarks/bench_bootstrap.py [--compare] [--n-boot 999] [--repeats 3]
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import r_oracle  # noqa: E402  (the one R helper, in tests/)

from gmmteach import bootstrap, select_model  # noqa: E402
from gmmteach.datasets import load_iris, load_old_faithful  # noqa: E402

CASES = {"old faithful": (load_old_faithful, 2, "VVV"),
         "iris": (lambda: load_iris()[0], 2, "VEV")}
KEYS = ("weights", "means", "covariances")


def ours_and_rs(name, kind, n_boot, seed=1):
    """(our BootstrapResult, our seconds, R's result dict) for one case."""
    load, K, model_name = CASES[name]
    X = load()
    model = select_model(X, [K], [model_name]).best_model_
    began = time.perf_counter()
    result = bootstrap(model, X, n_boot, kind=kind, random_state=seed)
    seconds = time.perf_counter() - began
    theirs = r_oracle.mclust_bootstrap(X, K, model_name, n_boot, kind, seed,
                                       means=model.means_)
    return result, seconds, theirs


def ratios(result, theirs):
    """Our standard errors over R's, every entry (diagonal of symmetric pairs once)."""
    se = result.standard_errors
    values = [se[key] / theirs[key] for key in KEYS]
    D = values[1].shape[1]
    values[2] = values[2][:, np.triu_indices(D)[0], np.triu_indices(D)[1]]
    return np.concatenate([v.ravel() for v in values])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--n-boot", type=int, default=999)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    times = [ours_and_rs("old faithful", "nonparametric", args.n_boot, seed)[1:]
             for seed in range(args.repeats)]
    ours = float(np.median([t[0] for t in times]))
    rs = float(np.median([t[1]["seconds"] for t in times]))
    print(f"{args.n_boot} refits of Old Faithful VVV,2 (nonparametric), median of "
          f"{args.repeats}: gmmteach {ours:.2f} s, R MclustBootstrap {rs:.2f} s, "
          f"ratio {ours / rs:.2f}")
    if not args.compare:
        return
    print(f"{'case':30s} {'SE ratio to R: min':>18s} {'median':>7s} {'max':>6s} "
          f"{'max |r - 1|':>11s}  ours s   R s")
    for name in CASES:
        for kind in ("nonparametric", "weighted"):
            result, seconds, theirs = ours_and_rs(name, kind, args.n_boot)
            r = ratios(result, theirs)
            print(f"{name + ', ' + kind:30s} {r.min():18.3f} {np.median(r):7.3f} "
                  f"{r.max():6.3f} {np.abs(r - 1).max():11.3f}  {seconds:6.2f} "
                  f"{theirs['seconds']:5.2f}")


if __name__ == "__main__":
    main()
