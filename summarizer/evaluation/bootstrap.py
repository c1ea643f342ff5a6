"""Seeded bootstrap confidence intervals for a mean of per-cluster scores.

The score reported is the plain mean; the interval comes from the resampled means (percentile
method). Unlike rouge-score's BootstrapAggregator we do not report the resampling median as the
score, and the same seed always gives the same interval.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np


def resample_indices(n: int, n_resamples: int = 1000, seed: int = 0) -> np.ndarray:
    """``(n_resamples, n)`` indices drawn with replacement; shared by every metric so CIs are consistent."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, n, size=(n_resamples, n))


def bootstrap_ci(values: Sequence[float], confidence: float = 0.95, n_resamples: int = 1000,
                 seed: int = 0, indices: np.ndarray | None = None) -> dict[str, float]:
    """``{"mean", "ci_low", "ci_high"}`` for the mean of ``values``."""
    x = np.asarray(values, dtype=float)
    if x.ndim != 1 or x.size == 0:
        raise ValueError("bootstrap_ci needs a non-empty 1-D sequence of scores")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), not {confidence}")
    mean = float(x.mean())
    if x.size == 1:
        return {"mean": mean, "ci_low": mean, "ci_high": mean}
    idx = resample_indices(x.size, n_resamples, seed) if indices is None else indices
    means = x[idx].mean(axis=1)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return {"mean": mean, "ci_low": float(low), "ci_high": float(high)}


def bootstrap_table(columns: dict[str, Sequence[float]], confidence: float = 0.95, n_resamples: int = 1000,
                    seed: int = 0) -> dict[str, dict[str, float]]:
    """``bootstrap_ci`` of several aligned columns with the same resamples."""
    if not columns:
        return {}
    n = len(next(iter(columns.values())))
    idx = resample_indices(n, n_resamples, seed) if n > 1 else None
    return {k: bootstrap_ci(v, confidence, n_resamples, seed, indices=idx) for k, v in columns.items()}
