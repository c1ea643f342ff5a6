"""Oracle (upper bound): greedy selection of the sentences that maximise ROUGE against the references.

It reads the references, so it is not a summarizer: it tells how far an extractive method could go
on a cluster under the same budget and selection rules. Reports label it "oracle (upper bound)".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from summarizer.base import ExtractiveSummarizer, build_summary
from summarizer.budget import Budget
from summarizer.cluster import Cluster
from summarizer.features import SentenceSpace
from summarizer.selection import Selector, budgeted_greedy, cost
from summarizer.summary import Summary

LABEL = "oracle (upper bound)"


@dataclass
class Oracle(ExtractiveSummarizer):
    """Greedily add the sentence that most raises the mean ROUGE recall over the references.

    The objective is rouge-score's ROUGE-N (stemmed), through the same ``Metric`` interface as the
    evaluation, on the summary exactly as it will be evaluated: arranged by the selector and cut to the budget.
    metrics: the ROUGE-N recalls summed in the objective ("rouge1", "rouge2", ...).
    pool: only the ``pool`` sentences with the best ROUGE on their own are searched (speed; 0 = all).
    """

    metrics: Sequence[str] = ("rouge1", "rouge2")
    pool: int = 100
    stemming: bool = True
    selector: Selector = field(default_factory=lambda: Selector(redundancy=1.0, min_words=1, max_words=10_000,
                                                              order="position"))
    name = "oracle"

    def __post_init__(self) -> None:
        self.metrics = tuple(self.metrics)
        for m in self.metrics:
            if not (m.startswith("rouge") and m[5:].isdigit()):
                raise ValueError(f"oracle metrics must be ROUGE-N names like 'rouge2', not {m!r}")

    def score(self, space: SentenceSpace) -> np.ndarray:
        """Each sentence's own ROUGE against the references (the oracle's selection is greedy)."""
        objective = _RougeObjective(space.cluster.references, self.metrics, self.stemming)
        return np.array([objective.value([s.text]) for s in space.sentences])

    def summarize(self, cluster: Cluster, budget: Budget) -> Summary:
        if not cluster.references:
            raise ValueError(f"oracle needs reference summaries, cluster {cluster.id!r} has none")
        sentences = cluster.sentences
        if not sentences:
            return Summary(cluster.id, (), self.name, budget, {"label": LABEL, "upper_bound": True})
        objective = _RougeObjective(cluster.references, self.metrics, self.stemming)
        dates = cluster.space.dates
        cand = self.selector.candidates(sentences)
        single = np.array([objective.value([sentences[i].text]) for i in cand])
        order = np.lexsort(([sentences[i].position for i in cand], [sentences[i].doc for i in cand], -single))
        cand = cand[order]
        if self.pool and len(cand) > self.pool:
            cand = cand[: self.pool]
        scores = np.zeros(len(sentences))
        scores[cand] = single[order][: len(cand)]

        def summary_value(chosen: list[int]) -> float:
            ordered = self.selector.arrange(chosen, sentences, cluster, scores, dates)
            texts = [sentences[i].text for i in ordered]
            if self.selector.overflow == "cut":
                texts = budget.cut(texts)
            return objective.value(texts)

        def gains(chosen: list[int], which: np.ndarray) -> np.ndarray:
            base = summary_value(chosen)
            return np.array([summary_value(chosen + [int(c)]) for c in which]) - base

        costs = [cost(budget, sentences[i].text) for i in cand]
        # scale 0: plain gain, the usual greedy oracle; stop when nothing adds ROUGE
        chosen = budgeted_greedy(cand, costs, budget.limit, _positive(gains), summary_value, scale=0.0,
                                 overflow=self.selector.overflow)
        ordered = self.selector.arrange(chosen, sentences, cluster, scores, dates)
        summary = build_summary(cluster, ordered, scores, budget, self.name, self.selector.overflow == "cut")
        meta = {"label": LABEL, "upper_bound": True, "objective": "+".join(f"{m}_r" for m in self.metrics),
                "objective_value": summary_value(chosen)}
        return Summary(summary.cluster_id, summary.sentences, summary.method, budget, meta)


def _positive(gains):
    """Gains with non-improving candidates made negative, so the greedy drops rather than adds them."""
    def wrapped(chosen, which):
        g = gains(chosen, which)
        return np.where(g > 1e-12, g, -1.0)
    return wrapped


class _RougeObjective:
    """Mean ROUGE-N recall over the references, through the evaluation's public ``Metric`` interface.

    One eval per reference (the objective averages per-reference recalls); rouge-score tokenizes
    and stems each sentence once (``evaluation.rouge``'s cached tokenizer), so the many candidate
    summaries the greedy search tries cost only n-gram matching.
    """

    def __init__(self, references: Sequence[str], metrics: Sequence[str], stemming: bool):
        from summarizer.evaluation.rouge import RougeScore

        self._metric = RougeScore(tuple(metrics), stemming)
        self._refs = [[r] for r in references]

    def value(self, texts: Sequence[str]) -> float:
        peer = "\n".join(texts)
        rows = self._metric.score_multi_all([[peer]] * len(self._refs), self._refs)
        return sum(s.recall for row in rows for s in row[0].values()) / len(self._refs)
