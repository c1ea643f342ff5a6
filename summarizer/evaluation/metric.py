"""One interface for every evaluation metric, shaped after sacrerouge's ``Metric``.

A metric scores a *batch* of evals in one call: an :class:`Eval` is a set of peers (summaries)
scored against the same models (references), pooled the way ROUGE-1.5.5's ``-f A`` pools them.
Everything else is derived from that one call: ``score_multi_all`` (several summaries per input),
``score_all`` (one per input), ``score`` (one summary). How several references combine
(average, best, NIST's jackknifing) and who is scored against what (a human never against the
reference they wrote) is decided in one place, :mod:`summarizer.evaluation.multiref`, which
builds the evals; a metric never needs to know.

Adding a metric = one subclass implementing ``names`` and ``score_evals`` (and ``describe``)
plus one config under ``conf/eval`` naming it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from summarizer.evaluation.scores import Interval, Score


@dataclass(frozen=True, slots=True)
class Eval:
    """One evaluation unit: peers scored against the same models (texts, one sentence per line)."""

    id: str
    peers: Mapping[str, str]
    models: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class OfficialAverage:
    """An implementation's own aggregate of one peer over all its evals (ROUGE-1.5.5's ``Average``)."""

    score: Score
    ci_low: Score
    ci_high: Score
    n_evals: int

    def interval(self, part: str) -> Interval:
        return Interval(getattr(self.score, part), getattr(self.ci_low, part), getattr(self.ci_high, part))


@dataclass(frozen=True)
class EvalScores:
    """What a batch call returns: ``scores[eval_id][peer][metric]`` and, when the implementation
    computes one itself, ``averages[peer][metric]`` over every eval of that peer in the batch."""

    scores: dict[str, dict[str, dict[str, Score]]] = field(default_factory=dict)
    averages: dict[str, dict[str, OfficialAverage]] = field(default_factory=dict)


class Metric(ABC):
    """A reference-based metric: ``score_evals`` is the one method an implementation must provide."""

    name: str = "metric"

    @property
    @abstractmethod
    def names(self) -> tuple[str, ...]:
        """The score names this metric returns for every peer (e.g. ``("rouge1", "rouge2")``)."""

    @abstractmethod
    def score_evals(self, evals: Sequence[Eval], n_jobs: int = 1,
                    on_done: Callable[[int], None] | None = None) -> EvalScores:
        """Score every peer of every eval against that eval's models, in one batch."""

    def describe(self) -> str:
        return self.name

    @property
    def official_average(self) -> str | None:
        """Name of the implementation's own aggregate over evals (None: only the plain mean exists)."""
        return None

    # -- derived, sacrerouge style ------------------------------------------------------------
    def score_multi_all(self, summaries_list: Sequence[Sequence[str]],
                        references_list: Sequence[Sequence[str]]) -> list[list[dict[str, Score]]]:
        """``summaries_list[i]`` (several summaries of input i) each against ``references_list[i]``."""
        if len(summaries_list) != len(references_list):
            raise ValueError("score_multi_all needs one reference list per input")
        evals = [Eval(f"{i:07d}", {f"{j:05d}": s for j, s in enumerate(sums)},
                      {f"{k:05d}": r for k, r in enumerate(refs)})
                 for i, (sums, refs) in enumerate(zip(summaries_list, references_list))]
        got = self.score_evals(evals).scores
        return [[got[e.id][p] for p in e.peers] for e in evals]

    def score_all(self, summaries: Sequence[str], references_list: Sequence[Sequence[str]]) -> list[dict[str, Score]]:
        return [row[0] for row in self.score_multi_all([[s] for s in summaries], references_list)]

    def score(self, summary: str, references: Sequence[str]) -> dict[str, Score]:
        return self.score_all([summary], [references])[0]
