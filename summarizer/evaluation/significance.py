"""Is method A better than method B on the same clusters? Paired tests on per-cluster scores.

Both tests are two-sided and seeded. ``approximate_randomization`` swaps each cluster's pair of
scores with probability 1/2 (scipy's paired permutation test); ``paired_bootstrap`` resamples
clusters and asks how often the resampled difference, centred on the observed one, is as extreme
(Koehn 2004; Berg-Kirkpatrick et al. 2012). ``compare_to_baseline`` runs one test per method and
corrects the p-values with Holm's step-down method, so a report comparing many methods with one
baseline keeps its family-wise error rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

TESTS = ("bootstrap", "randomization")


@dataclass(frozen=True, slots=True)
class Comparison:
    method: str
    baseline: str
    metric: str
    mean: float
    baseline_mean: float
    difference: float
    p_value: float
    p_holm: float
    test: str
    n: int

    @property
    def significant(self) -> bool:
        return self.p_holm < 0.05

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__} | {"significant": self.significant}


def _pair(a: Sequence[float], b: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.shape != y.shape or x.ndim != 1 or x.size == 0:
        raise ValueError(f"paired tests need two aligned non-empty score lists (got {x.shape} and {y.shape})")
    return x, y


def paired_bootstrap(a: Sequence[float], b: Sequence[float], n_resamples: int = 10000, seed: int = 0) -> float:
    """Two-sided p-value of mean(a) != mean(b) by resampling clusters."""
    x, y = _pair(a, b)
    d = x - y
    observed = d.mean()
    rng = np.random.default_rng(seed)
    means = d[rng.integers(0, d.size, size=(n_resamples, d.size))].mean(axis=1)
    extreme = np.count_nonzero(np.abs(means - observed) >= abs(observed) - 1e-12)
    return float((extreme + 1) / (n_resamples + 1))


def approximate_randomization(a: Sequence[float], b: Sequence[float], n_resamples: int = 10000,
                              seed: int = 0) -> float:
    """Two-sided p-value of mean(a) != mean(b) by randomly swapping each cluster's pair."""
    from scipy.stats import permutation_test

    x, y = _pair(a, b)
    res = permutation_test((x, y), lambda u, v, axis: np.mean(u - v, axis=axis), permutation_type="samples",
                           n_resamples=n_resamples, alternative="two-sided", vectorized=True,
                           random_state=np.random.default_rng(seed))
    return float(res.pvalue)


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values, in the input order."""
    p = np.asarray(p_values, dtype=float)
    m = p.size
    order = np.argsort(p, kind="stable")
    adjusted = np.empty(m)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        adjusted[i] = running
    return adjusted.tolist()


def paired_test(a: Sequence[float], b: Sequence[float], test: str = "randomization", n_resamples: int = 10000,
                seed: int = 0) -> float:
    if test == "bootstrap":
        return paired_bootstrap(a, b, n_resamples, seed)
    if test == "randomization":
        return approximate_randomization(a, b, n_resamples, seed)
    raise ValueError(f"unknown test {test!r} (choose from {', '.join(TESTS)})")


def compare_to_baseline(scores: Mapping[str, Sequence[float]], baseline: str, metric: str = "",
                        test: str = "randomization", n_resamples: int = 10000, seed: int = 0) -> list[Comparison]:
    """Every method against ``baseline`` on aligned per-cluster scores, Holm-corrected."""
    if baseline not in scores:
        raise ValueError(f"baseline {baseline!r} is not among {', '.join(scores)}")
    base = scores[baseline]
    others = [name for name in scores if name != baseline]
    raw = [paired_test(scores[name], base, test, n_resamples, seed) for name in others]
    adjusted = holm(raw) if raw else []
    return [Comparison(method=name, baseline=baseline, metric=metric, mean=float(np.mean(scores[name])),
                       baseline_mean=float(np.mean(base)),
                       difference=float(np.mean(scores[name]) - np.mean(base)), p_value=p, p_holm=q, test=test,
                       n=len(base))
            for name, p, q in zip(others, raw, adjusted)]


def aligned(rows_a: Sequence[Mapping], rows_b: Sequence[Mapping], key: str) -> tuple[list[float], list[float], list[str]]:
    """Scores of ``key`` for the clusters both evaluations share (``Evaluation.per_cluster`` rows), by id."""
    b = {r["id"]: r["scores"][key] for r in rows_b}
    ids = [r["id"] for r in rows_a if r["id"] in b]
    a = {r["id"]: r["scores"][key] for r in rows_a}
    return [a[i] for i in ids], [b[i] for i in ids], ids
