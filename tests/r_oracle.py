"""R's mclust as a test oracle, through ``Rscript`` and temporary CSV files.

``mclust_me(X, z, model, iterations)`` runs ``mclust::me`` from the
responsibilities ``z`` for a fixed number of EM iterations and returns its
log-likelihood, proportions, means and covariances. Tests that need R call
:func:`require_mclust`: it skips locally (saying how to install R's mclust)
and fails in CI (``CI=true``, set by ``.ci/run``, which installs it).
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from external import skip_or_fail

INSTALL = "sudo apt-get install r-cran-mclust"

_ME_SCRIPT = r"""
suppressMessages(library(mclust))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; model <- args[2]; iterations <- as.integer(args[3])
X <- as.matrix(read.csv(file.path(dir, "X.csv"), header = FALSE))
z <- as.matrix(read.csv(file.path(dir, "z.csv"), header = FALSE))
# tol 0: exactly `iterations` EM iterations; inner loops (VEI, VEE, EVE,
# VVE, VEV) run 5000 sweeps per M-step, far past their optimum
fit <- me(X, modelName = model, z = z,
          control = emControl(tol = c(0, 0), itmax = c(iterations, 5000)))
if (is.na(fit$loglik)) stop("mclust::me failed: ", attr(fit, "WARNING"))
p <- fit$parameters
out <- function(x, name) write.table(x, file.path(dir, name), sep = ",",
                                     row.names = FALSE, col.names = FALSE)
d <- ncol(X); G <- ncol(z)
out(c(fit$loglik, attr(fit, "info")[1],
      bic(model, fit$loglik, nrow(X), d, G), nMclustParams(model, d, G)),
    "scalars.csv")
out(p$pro, "pro.csv")
out(t(p$mean), "mean.csv")
out(matrix(p$variance$sigma, nrow = d), "sigma.csv")
"""


def missing_mclust_reason():
    """None if ``Rscript`` can load mclust, else a sentence saying what to install."""
    if shutil.which("Rscript") is None:
        return f"Rscript is not installed; install R's mclust with `{INSTALL}`."
    done = subprocess.run(["Rscript", "-e", "library(mclust)"], capture_output=True,
                          check=False)
    if done.returncode != 0:
        return f"R cannot load mclust; install it with `{INSTALL}`."
    return None


def require_mclust():
    """Skip (locally) or fail (in CI) when R's mclust is not available."""
    skip_or_fail(missing_mclust_reason(), "the mclust oracle")


def _write(path, array):
    np.savetxt(path, np.atleast_2d(array), delimiter=",", fmt="%.17g")


def _read(path):
    return np.loadtxt(path, delimiter=",", ndmin=1)


def mclust_me(X, z, model, iterations):
    """``mclust::me(X, model, z)`` for exactly ``iterations`` EM iterations.

    Each mclust iteration is an M-step from the current z then an E-step;
    the parameters returned are those of the last M-step and ``loglik`` is
    their total log-likelihood.

    Returns
    -------
    dict with loglik, iterations, bic (mclust's sign), n_parameters,
    weights (K,), means (K, D), covariances (K, D, D)
    """
    K, D = z.shape[1], X.shape[1]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _write(tmp / "X.csv", X)
        _write(tmp / "z.csv", z)
        script = tmp / "me.R"
        script.write_text(_ME_SCRIPT)
        done = subprocess.run(["Rscript", str(script), str(tmp), model, str(iterations)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"Rscript failed for {model}:\n{done.stderr}")
        loglik, its, bic, npar = _read(tmp / "scalars.csv")
        sigma = _read(tmp / "sigma.csv").reshape(D, D, K, order="F")
        return {
            "loglik": loglik, "iterations": abs(int(its)), "bic": bic,
            "n_parameters": int(npar), "weights": _read(tmp / "pro.csv"),
            "means": _read(tmp / "mean.csv").reshape(K, D),
            "covariances": np.moveaxis(sigma, 2, 0),
        }


def n_mclust_params(models, dimensions, components):
    """R's ``nMclustParams(model, d, G)`` for every combination, as a dict."""
    code = (
        "suppressMessages(library(mclust)); "
        f"for (m in c({', '.join(repr(m) for m in models)})) "
        f"for (d in c({', '.join(map(str, dimensions))})) "
        f"for (G in c({', '.join(map(str, components))})) "
        "cat(m, d, G, nMclustParams(m, d, G), '\\n')"
    )
    done = subprocess.run(["Rscript", "-e", code], capture_output=True, text=True,
                          check=True)
    rows = (line.split() for line in done.stdout.splitlines())
    return {(m, int(d), int(g)): int(n) for m, d, g, n in rows}


_MCLUST_SUBSET_SCRIPT = r"""
suppressMessages(library(mclust))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
X <- as.matrix(read.csv(file.path(dir, "X.csv"), header = FALSE))
rows <- scan(file.path(dir, "rows.csv"), quiet = TRUE)
G <- scan(file.path(dir, "G.csv"), quiet = TRUE)
models <- strsplit(args[2], ",")[[1]]
m <- Mclust(X, G = G, modelNames = models, verbose = FALSE,
            initialization = list(subset = rows))
cat(m$modelName, m$G, sprintf("%.10f", m$bic), "\n")
"""


def mclust_with_subset(X, rows, components, models):
    """R's ``Mclust(X, G, modelNames, initialization = list(subset = rows))``.

    ``rows`` are 0-based (passed to R as 1-based): the subset R agglomerates
    and takes its first M-steps on, before EM on all of X.

    Returns
    -------
    (modelName, G, BIC with mclust's sign)
    """
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _write(tmp / "X.csv", X)
        np.savetxt(tmp / "rows.csv", np.asarray(rows) + 1, fmt="%d")
        np.savetxt(tmp / "G.csv", np.asarray(list(components)), fmt="%d")
        script = tmp / "subset.R"
        script.write_text(_MCLUST_SUBSET_SCRIPT)
        done = subprocess.run(["Rscript", str(script), str(tmp), ",".join(models)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"Rscript failed:\n{done.stderr}")
        model, G, bic = done.stdout.split()
        return model, int(G), float(bic)
