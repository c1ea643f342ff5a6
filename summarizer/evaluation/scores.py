"""Score values: immutable, typed, in rouge-score's ``Score(precision, recall, fmeasure)`` order.

Every metric returns these; files keep their flat ``<metric>_<r|p|f>`` keys (``Score.keys``), so a
run folder written before stays readable and report columns follow from the metric names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, NamedTuple

PARTS = (("r", "recall"), ("p", "precision"), ("f", "fmeasure"))
"""Key suffix -> Score field, in the order every table and file lists them (recall first, as NIST does)."""


class Score(NamedTuple):
    """One summary's score on one metric; field order is rouge-score's, so ``Score(*rouge_score_value)`` works."""

    precision: float
    recall: float
    fmeasure: float

    def keys(self, metric: str) -> dict[str, float]:
        """``{"rouge2_r": recall, "rouge2_p": precision, "rouge2_f": fmeasure}``."""
        return {f"{metric}_{suffix}": float(getattr(self, field)) for suffix, field in PARTS}

    @classmethod
    def from_keys(cls, row: Mapping[str, float], metric: str) -> "Score":
        return cls(row[f"{metric}_p"], row[f"{metric}_r"], row[f"{metric}_f"])


def f_measure(recall: float, precision: float, alpha: float = 0.5) -> float:
    """ROUGE-1.5.5's F = PR / ((1 - alpha) P + alpha R); alpha 0.5 is the harmonic mean."""
    denom = (1 - alpha) * precision + alpha * recall
    return precision * recall / denom if denom > 0 else 0.0


def mean_score(scores: list[Score]) -> Score:
    """Field-wise mean (R, P and F each averaged, as NIST averages eval lines)."""
    if not scores:
        raise ValueError("no scores to average")
    n = len(scores)
    return Score(sum(s.precision for s in scores) / n, sum(s.recall for s in scores) / n,
                 sum(s.fmeasure for s in scores) / n)


def flat(scores: Mapping[str, Score]) -> dict[str, float]:
    """``{metric: Score}`` -> the flat ``<metric>_<r|p|f>`` row files and tables use."""
    out: dict[str, float] = {}
    for metric, score in scores.items():
        out.update(score.keys(metric))
    return out


@dataclass(frozen=True, slots=True)
class Interval:
    """An aggregate over clusters or evals: the value shown and its confidence interval."""

    mean: float
    ci_low: float
    ci_high: float

    def to_dict(self) -> dict[str, float]:
        return {"mean": self.mean, "ci_low": self.ci_low, "ci_high": self.ci_high}
