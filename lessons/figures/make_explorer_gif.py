"""Regenerate the README's explorer GIF: ``python lessons/figures/make_explorer_gif.py``.

EM on three seeded blobs from deliberately poor starting means (so several
E- and M-steps are visible), drawn by ``gmmteach.animate``, saved with Pillow.
"""
from pathlib import Path

import numpy as np

import gmmteach

X, _ = gmmteach.datasets.make_blobs(n_samples=500, cluster_std=1.3, random_state=0)
start = gmmteach.make_params(weights=np.full(3, 1 / 3),
                             means=[[-4.0, -2.0], [0.0, 7.0], [5.0, -2.0]],
                             covariances=np.stack([np.eye(2)] * 3),
                             covariance_type="full")
trajectory = list(gmmteach.em_steps(X, start, covariance_type="full", max_iter=12))
out = Path(__file__).with_name("explorer.gif")
gmmteach.animate(trajectory, X, interval=500, figsize=(8, 3.6)).save(out, writer="pillow", dpi=72)
print(f"wrote {out} with {len(trajectory)} frames")
