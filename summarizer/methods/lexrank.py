"""LexRank (Erkan & Radev 2004): eigenvector centrality on the cosine graph of TF-IDF sentence vectors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from summarizer.base import ExtractiveSummarizer
from summarizer.features import SentenceSpace
from summarizer.graph import pagerank
from summarizer.lexical import sentence_tfidf
from summarizer.similarity import cosine_graph


@dataclass
class LexRank(ExtractiveSummarizer):
    """Both variants of the paper.

    variant: "threshold" links two sentences when their cosine exceeds ``threshold`` and ranks the
        unweighted graph (degree-normalised, the paper's LexRank with threshold 0.1 as its best);
        "continuous" keeps the cosine values as edge weights (continuous LexRank).
    threshold: cosine cut-off of the threshold variant; the continuous variant ignores it.
    damping: 1 - the paper's jump probability d (d = 0.15 there).
    top_k: keep each sentence's k strongest neighbours only (sparse graphs for very large clusters).
    stem: Snowball-stem words before building TF-IDF vectors.
    """

    variant: Literal["threshold", "continuous"] = "threshold"
    threshold: float = 0.1
    damping: float = 0.85
    top_k: int | str | None = "auto"
    stem: bool = True
    name = "lexrank"

    def __post_init__(self) -> None:
        if self.variant not in ("threshold", "continuous"):
            raise ValueError(f"lexrank variant must be 'threshold' or 'continuous', not {self.variant!r}")

    def score(self, space: SentenceSpace) -> np.ndarray:
        vectors = sentence_tfidf(space, self.stem)
        if self.variant == "continuous":
            return pagerank(cosine_graph(vectors, top_k=self.top_k), damping=self.damping)
        graph = cosine_graph(vectors, threshold=self.threshold, top_k=self.top_k)
        # cosine_graph keeps edges >= threshold; the paper links pairs strictly above it
        graph.data[graph.data <= self.threshold] = 0
        graph.eliminate_zeros()
        graph.data[:] = 1.0
        return pagerank(graph, damping=self.damping)
