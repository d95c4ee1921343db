"""Volume, shape and orientation of given covariances, and the model's rules.

``decompose`` splits each ``Sigma_k`` into ``lambda_k D_k A_k D_k^T``;
``check_structure`` refuses covariances that break a model's letters (for
parameters a user gives, e.g. ``precisions_init``), with a sentence that
says what is wrong and how to fix it.
"""

import numpy as np

from .._checks import check_choice, check_covariance_matrices
from .._names import MCLUST_MODELS

__all__ = ["check_structure", "decompose"]

# Given covariances count as equal (volumes, shapes) or commuting when they
# agree to this relative tolerance: numbers typed or printed with 6 digits
# pass, a different model does not.
STRUCTURE_RTOL = 1e-5


def decompose(covariances):
    """Volumes, shapes and orientations: ``Sigma_k = lambda_k D_k A_k D_k^T``.

    Parameters
    ----------
    covariances : ndarray of shape (K, D, D)

    Returns
    -------
    volumes : ndarray of shape (K,)
        ``lambda_k = |Sigma_k|^(1/D)``.
    shapes : ndarray of shape (K, D)
        Diagonal of ``A_k`` (eigenvalues / lambda_k, decreasing; product 1).
    orientations : ndarray of shape (K, D, D)
        ``D_k``: the eigenvectors, as columns in the same order.
    """
    covariances = check_covariance_matrices(covariances)
    values, vectors = np.linalg.eigh(covariances)
    values, vectors = values[:, ::-1], vectors[:, :, ::-1]
    volumes = np.exp(np.log(values).mean(axis=1))
    return volumes, values / volumes[:, np.newaxis], vectors


def _broken_rules(name, covariances):
    # Which of the model's letters the covariances break, in words
    volumes, shapes, _ = decompose(covariances)
    close = lambda a, b: np.allclose(a, b, rtol=STRUCTURE_RTOL, atol=0.0)
    broken = []
    if name[0] == "E" and not close(volumes, volumes[0]):
        broken.append(f"equal volumes |Sigma_k|^(1/D) (they are {np.round(volumes, 4)})")
    if name[1] == "I" and not close(shapes, 1.0):
        broken.append("spherical components (equal eigenvalues)")
    if name[1] == "E" and not close(shapes, shapes[:1]):
        broken.append("one shape (eigenvalues in equal proportions)")
    if name[2] == "I":
        diagonal = np.eye(covariances.shape[1]) * covariances
        if not close(covariances, diagonal):
            broken.append("diagonal matrices")
    if name[2] == "E":
        first, rest = covariances[0], covariances[1:]
        if not close(first @ rest, rest @ first):
            broken.append("one orientation (matrices with the same eigenvectors)")
    return broken


def check_structure(name, covariances, what="covariances"):
    """Raise a ValueError unless ``covariances`` have model ``name``'s structure.

    Parameters
    ----------
    name : one of mclust's 14 model names
    covariances : ndarray of shape (K, D, D), symmetric positive-definite
    what : str
        How the message calls the array (e.g. 'precisions').
    """
    name = check_choice(name, MCLUST_MODELS, "name")
    covariances = check_covariance_matrices(covariances, what)
    broken = _broken_rules(name, covariances)
    if broken:
        raise ValueError(
            f"The {what} given for covariance_type={name!r} break the model: it "
            f"needs {' and '.join(broken)}. Give {what} of that form, or use "
            f"covariance_type='VVV' (any covariances)."
        )
