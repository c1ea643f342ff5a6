"""The one interface every method implements: a Cluster and a Budget in, a Summary out.

Experiments, reports and briefings only ever call ``summarize`` / ``summarize_many``; extractive
methods only implement ``score`` and inherit selection, ordering and the budget cut.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence

import numpy as np

from summarizer.budget import Budget
from summarizer.cluster import Cluster
from summarizer.features import SentenceSpace
from summarizer.pipeline import prepare
from summarizer.selection import Selector
from summarizer.summary import Summary, SummarySentence


class Summarizer(ABC):
    """A multi-document summarization method."""

    name: str = "summarizer"

    @abstractmethod
    def summarize(self, cluster: Cluster, budget: Budget) -> Summary:
        """Summarize one cluster within the budget.

        ``cluster`` is prepared (``summarizer.pipeline.prepare``) or raw; implementations call
        ``prepare(cluster)`` first, which prepares a raw cluster with the default pipeline and returns
        a prepared one as is, and the Summary's sentence indices refer to the prepared cluster.
        """

    def summarize_many(self, clusters: Iterable[Cluster], budget: Budget) -> list[Summary]:
        """Summarize several clusters; batched methods (seq2seq) override this."""
        return [self.summarize(c, budget) for c in clusters]


@dataclass
class ExtractiveSummarizer(Summarizer):
    """Base for methods that rate source sentences; subclasses implement ``score`` only."""

    selector: Selector = field(default_factory=Selector)
    name = "extractive"

    @abstractmethod
    def score(self, space: SentenceSpace) -> np.ndarray:
        """One importance score per sentence of ``space.sentences`` (higher is better)."""

    def summarize(self, cluster: Cluster, budget: Budget) -> Summary:
        cluster = prepare(cluster)
        if not cluster.space.sentences:
            return Summary(cluster.id, (), self.name, budget)
        return self.select_and_order(cluster, budget)

    def select_and_order(self, cluster: Cluster, budget: Budget) -> Summary:
        """Choose and order sentences of a prepared cluster with at least one sentence.

        Score-then-select by default; set-function methods (ILP, DPP, submodular) override this step
        and inherit preparation and the empty-cluster case from ``summarize``.
        """
        space = cluster.space
        sentences = space.sentences
        scores = np.asarray(self.score(space), dtype=np.float64)
        if scores.shape != (len(sentences),):
            raise ValueError(f"{self.name}: expected {len(sentences)} scores, got shape {scores.shape}")
        vectors = space.tfidf if self.selector.redundancy < 1.0 or self.selector.mmr is not None else None
        semantic = None
        if self.selector.semantic_redundancy is not None:
            from summarizer.semantic import MAX_SENTENCES

            semantic = space.semantic if len(sentences) <= MAX_SENTENCES else None
        report: dict = {}
        chosen = self.selector.select(sentences, scores, budget, vectors, semantic, report)
        ordered = self.selector.arrange(chosen, sentences, cluster, scores, space.dates)
        summary = build_summary(cluster, ordered, scores, budget, self.name, self.selector.overflow == "cut")
        if report.get("restated") and report["used"] < report["limit"]:  # say why the budget is not full
            summary = replace(summary, metadata={**summary.metadata, "restated": report["restated"], "budget_note": (
                f"{report['used']} of {report['limit']} {report['unit']}: {report['restated']} more candidates "
                "restate chosen points and were left out")})
        return summary


def build_summary(cluster: Cluster, indices: Sequence[int], scores: np.ndarray, budget: Budget, method: str,
                  cut: bool = True) -> Summary:
    """A Summary of the given (prepared) cluster's sentences in the given order, cut to the budget if asked."""
    sentences = prepare(cluster).sentences
    texts = [sentences[i].text for i in indices]
    if cut:
        texts = budget.cut(texts)
    out = tuple(
        SummarySentence(text=t, sources=(sentences[i],), score=float(scores[i]))
        for t, i in zip(texts, indices)
    )
    return Summary(cluster.id, out, method, budget)
