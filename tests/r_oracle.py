"""R's mclust as a test oracle, through ``Rscript`` and temporary CSV files.

``mclust_me(X, z, model, iterations)`` runs ``mclust::me`` from the
responsibilities ``z`` for a fixed number of EM iterations and returns its
log-likelihood, proportions, means and covariances (with ``noise_volume``:
a noise component, ``me(..., Vinv)``); ``mclust_table(X, criterion, prior)``
returns R's ``mclustBIC(X)`` or ``mclustICL(X)`` grid, optionally with
``prior = priorControl()``; ``mclust_noise_bic`` is ``mclustBIC(X, G,
initialization = list(noise = mask))`` and ``mclust_bootstrap`` the standard
errors of ``MclustBootstrap``. Tests that need R call
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
dir <- args[1]; models <- strsplit(args[2], ",")[[1]]; iterations <- as.integer(args[3])
# Vinv > 0: a noise component of density Vinv (z's last column is the noise's)
Vinv <- as.numeric(args[4]); noise <- Vinv > 0; if (!noise) Vinv <- NULL
X <- as.matrix(read.csv(file.path(dir, "X.csv"), header = FALSE))
z <- as.matrix(read.csv(file.path(dir, "z.csv"), header = FALSE))
d <- ncol(X); G <- ncol(z) - noise
for (model in models) {
  # tol 0: exactly `iterations` EM iterations; inner loops (VEI, VEE, EVE,
  # VVE, VEV) run 5000 sweeps per M-step, far past their optimum
  fit <- me(X, modelName = model, z = z, Vinv = Vinv,
            control = emControl(tol = c(0, 0), itmax = c(iterations, 5000)))
  if (is.na(fit$loglik)) stop("mclust::me failed: ", attr(fit, "WARNING"))
  p <- fit$parameters
  out <- function(x, name) write.table(x, file.path(dir, paste0(model, name)),
                                       sep = ",", row.names = FALSE, col.names = FALSE)
  out(c(fit$loglik, attr(fit, "info")[1],
        bic(model, fit$loglik, nrow(X), d, G, noise = noise),
        nMclustParams(model, d, G, noise = noise)),
      "scalars.csv")
  out(p$pro, "pro.csv")
  out(t(p$mean), "mean.csv")
  out(matrix(p$variance$sigma, nrow = d), "sigma.csv")
}
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


def _rscript(tmp, name, source, *args, what=""):
    """Write ``source`` to ``tmp/name`` and run ``Rscript tmp/name tmp *args``.

    Returns R's standard output; a failure raises RuntimeError with R's stderr.
    """
    script = tmp / name
    script.write_text(source)
    done = subprocess.run(["Rscript", str(script), str(tmp), *map(str, args)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"Rscript failed{what}:\n{done.stderr}")
    return done.stdout


def mclust_me(X, z, model, iterations, noise_volume=None):
    """``mclust::me(X, model, z)`` for exactly ``iterations`` EM iterations.

    Each mclust iteration is an M-step from the current z then an E-step;
    the parameters returned are those of the last M-step and ``loglik`` is
    their total log-likelihood. With ``noise_volume`` V: a noise component
    of density ``Vinv = 1 / V``, ``z``'s last column being the noise's (R's
    ``me(..., Vinv = 1 / V)``); ``weights`` then has K + 1 entries, the
    noise's last. ``model`` may be a list of names: then one Rscript run
    fits each, and a dict name -> result comes back.

    Returns
    -------
    dict with loglik, iterations, bic (mclust's sign), n_parameters,
    weights (K,), means (K, D), covariances (K, D, D)
    """
    models = [model] if isinstance(model, str) else list(model)
    vinv = 0.0 if noise_volume is None else 1.0 / noise_volume
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _write(tmp / "X.csv", X)
        _write(tmp / "z.csv", z)
        _rscript(tmp, "me.R", _ME_SCRIPT, ",".join(models), iterations, repr(vinv),
                 what=f" for {model}")
        shape = (z.shape[1] - (noise_volume is not None), X.shape[1])
        fits = {name: _read_me(tmp, name, *shape) for name in models}
    return fits[model] if isinstance(model, str) else fits


def _read_me(tmp, model, K, D):
    loglik, its, bic, npar = _read(tmp / f"{model}scalars.csv")
    sigma = _read(tmp / f"{model}sigma.csv").reshape(D, D, K, order="F")
    return {
        "loglik": loglik, "iterations": abs(int(its)), "bic": bic,
        "n_parameters": int(npar), "weights": _read(tmp / f"{model}pro.csv"),
        "means": _read(tmp / f"{model}mean.csv").reshape(K, D),
        "covariances": np.moveaxis(sigma, 2, 0),
    }


_TABLE_SCRIPT = r"""
suppressMessages(library(mclust))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; criterion <- args[2]
prior <- if (args[3] == "prior") priorControl() else NULL
X <- as.matrix(read.csv(file.path(dir, "X.csv"), header = FALSE))
f <- if (criterion == "icl") mclustICL else mclustBIC
table <- f(X, prior = prior, verbose = FALSE)
write.table(unclass(table)[, ], file.path(dir, "table.csv"), sep = ",",
            row.names = FALSE, col.names = FALSE, na = "NaN")
writeLines(attr(table, "modelNames"), file.path(dir, "models.txt"))
"""


def mclust_table(X, criterion="bic", prior=False):
    """R's ``mclustBIC(X)`` or ``mclustICL(X)``: G = 1..9 by mclust's models.

    With ``prior=True`` R fits with ``prior = priorControl()`` and leaves
    out the models it has no prior for. NA (a failed fit) is NaN.

    Returns
    -------
    table : ndarray of shape (9, n_models), mclust's sign (higher is better)
    models : list of str, the column names
    """
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _write(tmp / "X.csv", X)
        _rscript(tmp, "table.R", _TABLE_SCRIPT, criterion, "prior" if prior else "none",
                 what=f" for mclust's {criterion}")
        table = np.loadtxt(tmp / "table.csv", delimiter=",", ndmin=2)
        return table, (tmp / "models.txt").read_text().split()


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


_NOISE_SCRIPT = r"""
suppressMessages(library(mclust))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; G <- as.integer(strsplit(args[2], ",")[[1]])
X <- as.matrix(read.csv(file.path(dir, "X.csv"), header = FALSE))
noise <- as.logical(read.csv(file.path(dir, "noise.csv"), header = FALSE)[, 1])
# the noise component: Mclust's start (hc on the points not marked noise,
# those start as noise) then me(..., Vinv = hypvol(X, reciprocal = TRUE))
bic <- mclustBIC(X, G = G, initialization = list(noise = noise), verbose = FALSE)
write.table(matrix(bic, nrow = length(G)), file.path(dir, "bic.csv"), sep = ",",
            row.names = FALSE, col.names = FALSE, na = "NaN")
write.table(c(hypvol(X), attr(bic, "Vinv")), file.path(dir, "hypvol.csv"),
            sep = ",", row.names = FALSE, col.names = FALSE)
cat(colnames(bic), "\n")
"""


def mclust_noise_bic(X, noise, components):
    """R's ``mclustBIC(X, G, initialization = list(noise = noise))``.

    Every one of mclust's 14 models for each G in ``components``, with a
    noise component started from the boolean mask ``noise``.

    Returns
    -------
    dict with bic (len(components), 14) in mclust's sign (NaN where R gave
    NA), models (the 14 names in R's order), hypervolume (R's ``hypvol(X)``)
    """
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _write(tmp / "X.csv", X)
        np.savetxt(tmp / "noise.csv", np.asarray(noise, dtype=bool), fmt="%s")
        models = _rscript(tmp, "noise.R", _NOISE_SCRIPT, ",".join(map(str, components)))
        bic = np.loadtxt(tmp / "bic.csv", delimiter=",", ndmin=2)
        return {"bic": bic, "models": models.split(),
                "hypervolume": _read(tmp / "hypvol.csv")[0]}


_BOOTSTRAP_SCRIPT = r"""
suppressMessages(library(mclust))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; model <- args[2]; G <- as.integer(args[3])
nboot <- as.integer(args[4]); type <- args[5]; set.seed(as.integer(args[6]))
X <- as.matrix(read.csv(file.path(dir, "X.csv"), header = FALSE))
fit <- Mclust(X, G = G, modelNames = model, verbose = FALSE)
seconds <- system.time(
  boot <- MclustBootstrap(fit, nboot = nboot, type = type, verbose = FALSE))[["elapsed"]]
se <- summary(boot, what = "se")
out <- function(x, name) write.table(x, file.path(dir, name), sep = ",",
                                     row.names = FALSE, col.names = FALSE)
out(c(seconds, boot$nonfit, fit$loglik), "scalars.csv")
out(se$pro, "pro.csv"); out(t(se$mean), "mean.csv")
out(matrix(se$variance, nrow = ncol(X)), "sigma.csv")
out(t(fit$parameters$mean), "fitted_mean.csv")
"""


def mclust_bootstrap(X, n_components, model, n_boot, kind, seed=0, means=None):
    """R's ``MclustBootstrap(Mclust(X, G, model), nboot, type)`` standard errors.

    ``kind`` is gmmteach's name: 'nonparametric' (R's "bs") or 'weighted'
    ("wlbs"). R may number the components of its fit differently: given
    ``means`` (K, D), R's components are put in the order of the nearest
    of them.

    Returns
    -------
    dict with seconds (R's time for the bootstrap alone), n_failed,
    loglik and fitted_means (K, D) of R's fit, and standard errors weights
    (K,), means (K, D), covariances (K, D, D), in R's order of components
    """
    K, D = n_components, X.shape[1]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _write(tmp / "X.csv", X)
        r_type = {"nonparametric": "bs", "weighted": "wlbs"}[kind]
        _rscript(tmp, "boot.R", _BOOTSTRAP_SCRIPT, model, K, n_boot, r_type, seed)
        seconds, n_failed, loglik = _read(tmp / "scalars.csv")
        sigma = _read(tmp / "sigma.csv").reshape(D, D, K, order="F")
        fitted = _read(tmp / "fitted_mean.csv").reshape(K, D)
        order = np.arange(K) if means is None else np.array(
            [np.argmin(((fitted - m) ** 2).sum(axis=1)) for m in means])
        return {"seconds": seconds, "n_failed": int(n_failed), "loglik": loglik,
                "fitted_means": fitted[order], "weights": _read(tmp / "pro.csv")[order],
                "means": _read(tmp / "mean.csv").reshape(K, D)[order],
                "covariances": np.moveaxis(sigma, 2, 0)[order]}


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
        stdout = _rscript(tmp, "subset.R", _MCLUST_SUBSET_SCRIPT, ",".join(models))
        model, G, bic = stdout.split()
        return model, int(G), float(bic)


_CLUSTCOMBI_SCRIPT = r"""
suppressMessages(library(mclust))
dir <- commandArgs(trailingOnly = TRUE)[1]
X <- as.matrix(read.csv(file.path(dir, "X.csv"), header = FALSE))
z <- as.matrix(read.csv(file.path(dir, "z.csv"), header = FALSE))
# clustCombi reads only the fit's G and z: any Mclust object, given our z
m <- Mclust(X, G = 1, modelNames = "EII", verbose = FALSE)
m$G <- ncol(z); m$z <- z
combi <- clustCombi(m)
for (K in ncol(z):1) {
  tau <- combi$combiz[[K]]
  cat(K, sprintf("%.12f", -sum(mclust:::xlog(tau))), "\n")
  write.table(tau, file.path(dir, paste0("tau", K, ".csv")), sep = ",",
              row.names = FALSE, col.names = FALSE)
}
"""


def mclust_clustcombi(X, resp):
    """R's ``clustCombi`` from the responsibilities ``resp`` of a fit on X.

    Returns
    -------
    dict mapping each number of clusters K (n_components down to 1) to
    ``(entropy, tau)``: R's ``-sum(xlog(combiz[[K]]))`` and the merged
    responsibilities ``combiz[[K]]``, shape (n_samples, K).
    """
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _write(tmp / "X.csv", X)
        _write(tmp / "z.csv", resp)
        stdout = _rscript(tmp, "combi.R", _CLUSTCOMBI_SCRIPT)
        levels = {}
        for line in stdout.strip().splitlines():
            K, entropy = line.split()
            tau = np.loadtxt(tmp / f"tau{K}.csv", delimiter=",", ndmin=2)
            levels[int(K)] = (float(entropy), tau)
        return levels
