"""Combining one summary's scores against several references: the policy is a named setting.

Scores are ``(recall, precision, f)`` triples. ``weights`` are the sizes of the references in the
metric's units (n-grams for ROUGE-N, tokens for ROUGE-L), which ROUGE-1.5.5's ``-f A`` uses: it
pools hit and reference counts over the models instead of averaging per-model recalls.
"""

from __future__ import annotations

from typing import Sequence

PRF = tuple[float, float, float]


def f_measure(recall: float, precision: float, alpha: float = 0.5) -> float:
    """ROUGE-1.5.5's F = PR / ((1 - alpha) P + alpha R); alpha 0.5 is the harmonic mean."""
    denom = (1 - alpha) * precision + alpha * recall
    return precision * recall / denom if denom > 0 else 0.0


def average(scores: Sequence[PRF], weights: Sequence[float]) -> PRF:
    """``-f A``: recall = sum of hits / sum of reference sizes; precision = mean over references.

    Precision averages plainly because the peer's size is the same against every reference.
    """
    if not scores:
        raise ValueError("no references to average over")
    total = float(sum(weights))
    recall = sum(s[0] * w for s, w in zip(scores, weights)) / total if total > 0 else 0.0
    precision = sum(s[1] for s in scores) / len(scores)
    return recall, precision, f_measure(recall, precision)


def best(scores: Sequence[PRF], weights: Sequence[float] | None = None) -> PRF:
    """``-f B``: the scores against the reference with the highest recall (the first on ties)."""
    if not scores:
        raise ValueError("no references to choose from")
    top = max(range(len(scores)), key=lambda i: (scores[i][0], -i))
    return tuple(scores[top])  # type: ignore[return-value]


def jackknife(scores: Sequence[PRF], weights: Sequence[float]) -> PRF:
    """NIST's jackknifing: k evaluations, each ``average`` over the other k-1 references, then the mean.

    With one reference there is nothing to leave out and the result is ``average`` of that one.
    """
    k = len(scores)
    if k < 2:
        return average(scores, weights)
    folds = [average([s for j, s in enumerate(scores) if j != i], [w for j, w in enumerate(weights) if j != i])
             for i in range(k)]
    return tuple(sum(f[x] for f in folds) / k for x in range(3))  # type: ignore[return-value]


POLICIES = {"average": average, "best": best, "jackknife": jackknife}


def combine(policy: str, scores: Sequence[PRF], weights: Sequence[float]) -> PRF:
    try:
        return POLICIES[policy](scores, weights)
    except KeyError:
        raise ValueError(f"unknown multi-reference policy {policy!r} (choose from {', '.join(POLICIES)})") from None
