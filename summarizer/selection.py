"""Choosing sentences under a budget: the one place every extractive scorer goes through.

Scorers only rate sentences (as in sumy); this module turns ratings into a summary: length filters,
redundancy control (a threshold or MMR), the budget, the order of the points and the final cut.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Sequence

import numpy as np
import scipy.sparse as sp

from summarizer.budget import Budget
from summarizer.cluster import Cluster, Sentence

Order = Literal["date", "position", "score"]
Overflow = Literal["cut", "skip"]


@dataclass(frozen=True)
class Selector:
    """Shared selection settings; every extractive method's config has one.

    redundancy: a candidate whose cosine similarity to an already chosen sentence exceeds this is
        skipped (1.0 turns the check off). News clusters repeat facts across articles, so this matters.
    mmr: if set, Maximal Marginal Relevance with this lambda replaces the plain threshold greedy:
        each step takes argmax lambda * score - (1 - lambda) * max similarity to the chosen.
    min_words / max_words: candidate sentence length in words (fragments and run-ons are skipped).
    order: "date" (document date when known, then document and position), "position" (document,
        then position) or "score" (most important first).
    overflow: "cut" fills the budget and cuts the last sentence exactly as ROUGE-1.5.5's -l/-b would
        (for evaluation); "skip" only takes sentences that fit whole (for readable briefings).
    """

    redundancy: float = 0.5
    mmr: float | None = None
    min_words: int = 5
    max_words: int = 80
    order: Order = "date"
    overflow: Overflow = "cut"

    def candidates(self, sentences: Sequence[Sentence]) -> np.ndarray:
        """Indices of sentences whose length is within bounds (all of them if none is)."""
        lengths = np.fromiter((s.n_words for s in sentences), dtype=np.int64, count=len(sentences))
        ok = np.flatnonzero((lengths >= self.min_words) & (lengths <= self.max_words))
        if ok.size == 0:  # e.g. a cluster of headlines: better short points than no briefing
            ok = np.flatnonzero(lengths > 0)
        return ok

    def select(self, sentences: Sequence[Sentence], scores: np.ndarray, budget: Budget,
               vectors: sp.csr_matrix | None = None) -> list[int]:
        """Indices of the chosen sentences, in the order they were chosen (best first)."""
        cand = self.candidates(sentences)
        if cand.size == 0:
            return []
        scores = np.asarray(scores, dtype=np.float64)
        # Deterministic ranking: score descending, then document, then position.
        docs = np.array([sentences[i].doc for i in cand])
        pos = np.array([sentences[i].position for i in cand])
        ranked = cand[np.lexsort((pos, docs, -scores[cand]))]
        check = vectors is not None and self.redundancy < 1.0
        if self.mmr is not None and vectors is not None:
            return self._mmr(sentences, scores, ranked, budget, vectors)
        chosen: list[int] = []
        used = 0
        for i in ranked:
            size = budget.size(sentences[i].text)
            if self.overflow == "skip" and used + size > budget.limit:
                continue
            if check and chosen and _max_similarity(vectors, i, chosen) > self.redundancy:
                continue
            chosen.append(int(i))
            used += size
            if used >= budget.limit:
                break
        return chosen

    def _mmr(self, sentences: Sequence[Sentence], scores: np.ndarray, ranked: np.ndarray, budget: Budget,
             vectors: sp.csr_matrix) -> list[int]:
        lam = float(self.mmr)
        s = scores[ranked]
        span = s.max() - s.min()
        rel = (s - s.min()) / span if span > 0 else np.ones_like(s)
        sim_to_chosen = np.zeros(len(ranked))
        alive = np.ones(len(ranked), dtype=bool)
        chosen: list[int] = []
        used = 0
        sub = vectors[ranked]
        while alive.any() and used < budget.limit:
            gain = np.where(alive, lam * rel - (1 - lam) * sim_to_chosen, -np.inf)
            j = int(np.argmax(gain))  # argmax takes the first maximum: ties go to the better-ranked
            alive[j] = False
            i = int(ranked[j])
            size = budget.size(sentences[i].text)
            if self.overflow == "skip" and used + size > budget.limit:
                continue
            if sim_to_chosen[j] > self.redundancy:
                continue
            chosen.append(i)
            used += size
            sim_to_chosen = np.maximum(sim_to_chosen, (sub @ vectors[i].T).toarray().ravel())
        return chosen

    def arrange(self, chosen: Sequence[int], sentences: Sequence[Sentence], cluster: Cluster,
                scores: np.ndarray) -> list[int]:
        """Put the chosen sentences in reading order."""
        if self.order == "score":
            return list(chosen)
        if self.order == "date":
            far = dt.date.max
            return sorted(chosen, key=lambda i: (cluster.documents[sentences[i].doc].date or far,
                                                 sentences[i].doc, sentences[i].position))
        return sorted(chosen, key=lambda i: (sentences[i].doc, sentences[i].position))


def _max_similarity(vectors: sp.csr_matrix, i: int, chosen: list[int]) -> float:
    sims = vectors[chosen] @ vectors[i].T
    return float(sims.max()) if sims.nnz else 0.0
