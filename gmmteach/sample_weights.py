"""Sample weights: a row of X that counts as ``w_n`` observations.

A weight ``w_n >= 0`` says how many times row n was observed: the count of
a histogram bin at its centre, of a repeated row after deduplication
(frequency weights). Every statistic EM and k-means need is a sum over the
rows, ``sum_n r_nk f(x_n)`` (``f = 1`` gives ``N_k``, ``f = x`` the means'
numerators, ``f = x x^T`` the scatter). Counting row n ``w_n`` times makes
each of them ``sum_n w_n r_nk f(x_n)``, so the weights enter in one place:
:func:`weigh` multiplies each row of the responsibilities (or of k-means'
one-hot labels) by its weight, and everything after it is unchanged.
:func:`gmmteach.em.estimate_params` (``m_step``, ``em_steps``,
``initial_params``, ``vb_steps``, the estimators) and k-means' centre update
both go through it.

Conventions, all those of repeating row n ``w_n`` times:

- integer weights give exactly the fit on X with each row repeated ``w_n``
  times (from the same start); a weight 0 leaves the row out; weights all
  equal to each other give the fit without weights;
- the log-likelihood on each record is the weighted mean
  ``sum_n w_n log p(x_n) / sum_n w_n``;
- the number of samples is ``N = sum_n w_n`` (BIC's ``log N``, the
  variational prior's defaults).

Introduced in lessons/09_using_the_model.ipynb.
"""

import numpy as np

__all__ = ["weigh", "weighted_mean", "total_weight"]


def weigh(resp, sample_weight):
    """The weighted responsibilities ``w_n r_nk`` (``resp`` itself if no weights).

    Parameters
    ----------
    resp : ndarray of shape (n_samples, n_components)
        Responsibilities, or one-hot labels (k-means).
    sample_weight : ndarray of shape (n_samples,) or None

    Returns
    -------
    ndarray of shape (n_samples, n_components)
    """
    if sample_weight is None:
        return resp
    return resp * sample_weight[:, np.newaxis]


def weighted_mean(values, sample_weight):
    """``sum_n w_n v_n / sum_n w_n`` (the plain mean if no weights).

    Parameters
    ----------
    values : ndarray of shape (n_samples,)
    sample_weight : ndarray of shape (n_samples,) or None

    Returns
    -------
    float
    """
    if sample_weight is None:
        return float(values.mean())
    kept = sample_weight > 0  # a row of weight 0 is left out, even at log p = -inf
    return float(values[kept] @ sample_weight[kept] / sample_weight.sum())


def total_weight(n_samples, sample_weight):
    """``N = sum_n w_n``, the number of observations the rows stand for."""
    return float(n_samples) if sample_weight is None else float(sample_weight.sum())
