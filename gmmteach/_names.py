"""The covariance models' names, with no imports, so every module can check them.

sklearn's four types and mclust's 14 models (volume, shape, orientation:
E equal, V variable, I identity), in mclust's order.
"""

__all__ = ["COVARIANCE_TYPES", "MCLUST_MODELS", "ALL_COVARIANCE_TYPES"]

COVARIANCE_TYPES = ("full", "tied", "diag", "spherical")
MCLUST_MODELS = ("EII", "VII", "EEI", "VEI", "EVI", "VVI", "EEE", "VEE", "EVE", "VVE",
                 "EEV", "VEV", "EVV", "VVV")
ALL_COVARIANCE_TYPES = COVARIANCE_TYPES + MCLUST_MODELS
