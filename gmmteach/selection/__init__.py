"""Choosing the model: K and the covariance model by BIC, like R's ``Mclust(X)``.

* :mod:`.search` -- ``select_model`` fits every K and covariance model and
  keeps the best BIC; :class:`ModelSelection` holds the grid.
* :mod:`.criteria` -- ICL, BIC plus the classification's entropy
  (``criterion="icl"``, R's ``mclustICL``).
* :mod:`.hc` -- mclust's default start, model-based hierarchical
  agglomeration.
* :mod:`.summary` -- the text of R's ``summary(Mclust(X))``.

Introduced in lessons/07_choosing_k.ipynb and lessons/08_mclust_models.ipynb.
"""

from .criteria import classification_penalty, icl
from .hc import hc_partitions
from .search import (COVARIANCE_SETS, CRITERIA, ModelSelection, fit_from_partition,
                     select_model)

__all__ = ["COVARIANCE_SETS", "CRITERIA", "ModelSelection", "classification_penalty",
           "fit_from_partition", "hc_partitions", "icl", "select_model"]
