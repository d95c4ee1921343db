"""R's ``Mclust(faithful)`` in Python: the full 14 models x G = 1..9 search.

Times ``select_model(X, covariance_types="mclust")`` on Old Faithful (272 x 2)
and, when ``Rscript`` with mclust is installed, R's ``Mclust(faithful)`` on
the same machine in the same run, with the choice each makes. Goal (issue
12): under 10 s on 2 cores. The hierarchical start and the EM fits are timed
apart, so a slow part shows.

Run: python benchmarks/bench_select.py [--repeats 3]
"""

import argparse
import shutil
import subprocess
import time
import warnings

from gmmteach import select_model
from gmmteach.datasets import load_old_faithful
from gmmteach.selection import hc_partitions

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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    repeats = parser.parse_args().repeats
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
