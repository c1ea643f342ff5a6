"""TextRank (Mihalcea & Tarau 2004) over the whole cluster: PageRank on a sentence similarity graph."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp

from summarizer.base import ExtractiveSummarizer
from summarizer.features import SentenceSpace
from summarizer.graph import pagerank
from summarizer.similarity import cosine_graph, resolve_top_k

Similarity = Literal["overlap", "tfidf", "bm25", "embedding"]
SIMILARITIES: tuple[str, ...] = ("overlap", "tfidf", "bm25", "embedding")


@dataclass
class TextRank(ExtractiveSummarizer):
    """PageRank over a similarity graph between all sentences of all documents.

    similarity: "overlap" (Mihalcea & Tarau 2004's normalised word overlap), "tfidf" (cosine of
        TF-IDF vectors), "bm25" (Barrios et al. 2016; a directed graph) or "embedding" (cosine of
        sentence-transformers embeddings; needs the ``embeddings`` extra and ``model``).
    damping: PageRank's damping factor (0.85 as in the paper).
    threshold: edges weaker than this are dropped.
    top_k: keep only each sentence's k strongest neighbours; "auto" keeps the exact graph up to
        5,000 sentences and a 20-nearest-neighbour graph above, so 100k-sentence clusters stay
        linear in time and memory (``summarizer.similarity``); null always builds the exact graph.
    model: sentence-transformers model name or local path, for ``similarity="embedding"``.
    stem: Snowball-stem words before comparing sentences (lexical similarities only).
    position_bias: 0 is plain TextRank (uniform teleport); b > 0 teleports to a sentence in
        proportion to ``1 / (1 + position) ** b``, a PageRank personalisation toward the opening of
        each article, where news states its main facts.
    """

    damping: float = 0.85
    threshold: float = 0.0
    top_k: int | str | None = "auto"
    similarity: Similarity = "tfidf"
    model: str | None = None
    position_bias: float = 0.0
    stem: bool = True
    name = "textrank"

    def __post_init__(self) -> None:
        if self.similarity not in SIMILARITIES:
            raise ValueError(f"textrank similarity must be one of {', '.join(SIMILARITIES)}, not {self.similarity!r}")
        if self.similarity == "embedding" and not self.model:
            raise ValueError("textrank similarity 'embedding' needs a model (sentence-transformers name or path)")
        if not 0.0 < self.damping < 1.0:
            raise ValueError(f"damping must be in (0, 1), not {self.damping!r}")

    def graph(self, space: SentenceSpace) -> sp.csr_matrix:
        """The weighted sentence graph this configuration ranks."""
        if self.similarity == "tfidf":
            vectors = space.stemmed_tfidf if self.stem else space.tfidf
            return cosine_graph(vectors, threshold=self.threshold, top_k=self.top_k)
        top_k = resolve_top_k(self.top_k, len(space.sentences))
        if self.similarity == "embedding":
            from summarizer.embeddings import embed, embedding_graph

            return embedding_graph(embed(space.texts, self.model), threshold=self.threshold, top_k=top_k)
        from summarizer.lexical import bm25_graph, overlap_graph

        counts = space.counts(stem=self.stem)
        if self.similarity == "overlap":
            return overlap_graph(counts, threshold=self.threshold, top_k=top_k)
        return bm25_graph(counts, threshold=self.threshold, top_k=top_k)

    def score(self, space: SentenceSpace) -> np.ndarray:
        return pagerank(self.graph(space), damping=self.damping,
                        personalization=position_prior(space, self.position_bias))


def position_prior(space: SentenceSpace, bias: float) -> np.ndarray | None:
    """Teleport distribution ``1 / (1 + position) ** bias`` (None, i.e. uniform, when bias is 0)."""
    if not bias:
        return None
    positions = np.fromiter((s.position for s in space.sentences), dtype=np.float64, count=len(space.sentences))
    return 1.0 / (1.0 + positions) ** bias
