"""TextRank (Mihalcea & Tarau 2004) over the whole cluster: PageRank on a sentence similarity graph."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from summarizer.base import ExtractiveSummarizer
from summarizer.features import SentenceSpace
from summarizer.graph import pagerank
from summarizer.similarity import cosine_graph


@dataclass
class TextRank(ExtractiveSummarizer):
    """PageRank over TF-IDF cosine similarities between all sentences of all documents.

    damping: PageRank's damping factor (0.85 as in the paper).
    threshold: edges weaker than this are dropped.
    top_k: keep only each sentence's k nearest neighbours (sparse graph for very large clusters).
    """

    damping: float = 0.85
    threshold: float = 0.0
    top_k: int | None = None
    name = "textrank"

    def score(self, space: SentenceSpace) -> np.ndarray:
        graph = cosine_graph(space.tfidf, threshold=self.threshold, top_k=self.top_k)
        return pagerank(graph, damping=self.damping)
