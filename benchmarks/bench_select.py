"""R's ``Mclust(faithful)`` in Python: the full 14 models x G = 1..9 search.

Times ``select_model(X, covariance_types="mclust")`` on Old Faithful (272 x 2)
and, when ``Rscript`` with mclust is installed, R's ``Mclust(faithful)`` on
the same machine in the same run, with the choice each makes. Goal (issue
12): under 10 s on 2 cores. The hierarchical start and the EM fits are timed
apart, so a slow part shows.

Big data (``--big``, issue 18): N = 20,000, D = 3, four blobs of different
sizes, shapes and orientations; ``select_model(X, covariance_types="mclust")``
(hc on a seeded subset of 2,000 points, as mclust's ``subset`` option, then
EM on all) against R's ``Mclust(X)`` (its own random subset of 2,000), once
each. Goal: within 2x R's time, the same choice.

    OPENBLAS_NUM_THREADS=1 python benchmarks/bench_select.py [--repeats 3] [--big]

One BLAS thread, like for like: R here links the single-threaded reference
BLAS (``sessionInfo()``: libblas.so.3). Almost all of gmmteach's time on the
big data is EM on all 20,000 points (the hc start on 2,000 is ~5 s), whose
E-step products ((K D) x N) a two-thread OpenBLAS on a shared 2-core machine
slows several-fold: the same run took 80-103 s with the default threads and
28-49 s with one (issue 18 measurements, load average ~3).
"""

import argparse
import shutil
import subprocess
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from gmmteach import select_model
from gmmteach.datasets import load_old_faithful
from gmmteach.selection import hc_partitions

R_BIG = (
    "suppressMessages(library(mclust)); X <- as.matrix(read.csv('{path}', header=FALSE)); "
    "set.seed(0); s <- Sys.time(); m <- Mclust(X, verbose=FALSE); "
    "cat(as.numeric(Sys.time() - s, units='secs'), m$modelName, m$G, m$bic, '\\n')"
)

R_CODE = (
    "suppressMessages(library(mclust)); t <- c(); "
    "for (i in 1:{repeats}) {{ s <- Sys.time(); m <- Mclust(faithful, verbose=FALSE); "
    "t <- c(t, as.numeric(Sys.time() - s, units='secs')) }}; "
    "cat(min(t), m$modelName, m$G, m$bic, '\\n')"
)


def best_of(repeats, function):
    """Shortest wall time of ``repeats`` calls, and the last result."""
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - began)
    return min(times), result


def r_mclust(repeats):
    """(seconds, model, G, BIC) of R's Mclust(faithful), or None without R."""
    if shutil.which("Rscript") is None:
        return None
    done = subprocess.run(["Rscript", "-e", R_CODE.format(repeats=repeats)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        return None
    seconds, model, G, bic = done.stdout.split()
    return float(seconds), model, int(G), float(bic)


def big_data(n_samples=20_000, seed=0):
    """Four 3-D blobs with different volumes, shapes and orientations."""
    rng = np.random.RandomState(seed)
    centres = rng.uniform(-8, 8, size=(4, 3))
    factors = rng.standard_normal((4, 3, 3)) * rng.uniform(0.3, 1.2, size=(4, 1, 1))
    labels = rng.choice(4, size=n_samples, p=[0.4, 0.3, 0.2, 0.1])
    noise = np.einsum("ni,nij->nj", rng.standard_normal((n_samples, 3)), factors[labels])
    return centres[labels] + noise


def r_big(X):
    """(seconds, model, G, BIC) of R's Mclust(X) on the big data, or None."""
    if shutil.which("Rscript") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "X.csv"
        np.savetxt(path, X, delimiter=",", fmt="%.17g")
        done = subprocess.run(["Rscript", "-e", R_BIG.format(path=path)],
                              capture_output=True, text=True)
    if done.returncode != 0:
        return None
    seconds, model, G, bic = done.stdout.split()
    return float(seconds), model, int(G), float(bic)


def big(repeats):
    X = big_data()
    print(f"Big data: N={len(X):,}, D=3, 14 models x G=1..9 (best of {repeats} for "
          f"gmmteach, one R run)")
    seconds, selection = best_of(repeats, lambda: select_model(X, covariance_types="mclust"))
    best = selection.best
    print(f"  gmmteach select_model: {seconds:6.2f} s  -> {best['covariance_type']}, "
          f"G={best['n_components']}, BIC {-best['bic']:.3f} (mclust's sign)")
    r = r_big(X)
    if r is None:
        print("  R Mclust(X): not measured (Rscript with mclust not found)")
        return
    print(f"  R mclust Mclust     : {r[0]:6.2f} s  -> {r[1]}, G={r[2]}, BIC {r[3]:.3f}")
    print(f"  ratio gmmteach / R  : {seconds / r[0]:6.2f}   goal: <= 2, same choice: "
          f"{(best['covariance_type'], best['n_components']) == (r[1], r[2])}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--big", action="store_true",
                        help="also N=20,000, D=3 against R's Mclust(X) (slow)")
    args = parser.parse_args()
    repeats = args.repeats
    if args.big:
        big(1)
    X = load_old_faithful()
    warnings.simplefilter("ignore")
    hc_time, _ = best_of(repeats, lambda: hc_partitions(X, range(1, 10)))
    seconds, selection = best_of(repeats, lambda: select_model(X, covariance_types="mclust"))
    best = selection.best
    print(f"Old Faithful, 14 models x G=1..9 (best of {repeats})")
    print(f"  gmmteach select_model: {seconds:6.2f} s  (hc start {hc_time:.2f} s)  "
          f"-> {best['covariance_type']}, G={best['n_components']}, "
          f"BIC {-best['bic']:.3f} (mclust's sign)   goal: < 10 s")
    r = r_mclust(repeats)
    if r is None:
        print("  R Mclust(faithful): not measured (Rscript with mclust not found)")
        return
    print(f"  R mclust Mclust     : {r[0]:6.2f} s  -> {r[1]}, G={r[2]}, BIC {r[3]:.3f}")
    print(f"  ratio gmmteach / R  : {seconds / r[0]:6.1f}")


if __name__ == "__main__":
    main()
