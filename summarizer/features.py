"""Sentence features computed once per cluster and shared by scoring, selection and citation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from summarizer.cluster import Cluster, Sentence

if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp

    from summarizer.terms import Terms


@dataclass(frozen=False)
class SentenceSpace:
    """A cluster's sentences and their vectors. Built lazily: a lead baseline never pays for TF-IDF."""

    cluster: Cluster
    semantic_model: str | None = None
    """None: WordLlama (``summarizer.semantic``); else a sentence-transformers model name or path."""

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self.cluster.sentences

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]

    @cached_property
    def terms(self) -> "Terms":
        """The one text pass: each sentence tokenised once, each word type stemmed once."""
        from summarizer.terms import count_terms

        return count_terms(self.texts)

    def counts(self, stem: bool = False) -> "sp.csr_matrix":
        """Sentence x term counts over words or stems (the lexical graphs' input)."""
        return self.terms.matrix(stem)

    @cached_property
    def tfidf(self) -> "sp.csr_matrix":
        """L2-normalised sublinear TF-IDF rows, IDF estimated over the cluster's own sentences."""
        from summarizer.terms import tfidf_weights

        return tfidf_weights(self.terms.counts)

    @cached_property
    def stemmed_tfidf(self) -> "sp.csr_matrix":
        """The same rows over Snowball-stemmed words ("flooded" = "floods"), for the graph methods."""
        from summarizer.terms import tfidf_weights

        return tfidf_weights(self.terms.stemmed_counts)

    @cached_property
    def dates(self) -> list[dt.date | None]:
        """Each document's date for ordering; undated documents borrow their closest dated neighbour's."""
        from summarizer.selection import inherit_dates

        dates = [d.date for d in self.cluster.documents]
        if all(d is None for d in dates) or None not in dates:  # nothing to borrow: skip the vectors
            return dates
        return inherit_dates(self.cluster, self.sentences, self.tfidf)

    @cached_property
    def date_sources(self) -> list[int | None]:
        """For each document, the document its date (``dates``) comes from: itself, a neighbour or None."""
        from summarizer.selection import closest_dated

        dates = [d.date for d in self.cluster.documents]
        if all(d is None for d in dates) or None not in dates:
            return [i if d is not None else None for i, d in enumerate(dates)]
        return closest_dated(self.cluster, self.sentences, self.tfidf)

    @cached_property
    def semantic(self) -> "np.ndarray":
        """L2-normalised static sentence embeddings (``summarizer.semantic``): paraphrases that share
        few words still point the same way. Computed on first use only (the model loads in ~0.3 s).
        With ``semantic_model`` set, a sentence-transformers model's embeddings instead."""
        return self.embed(self.texts)

    def embed(self, texts: list[str]) -> "np.ndarray":
        """L2-normalised embeddings of any texts (a point's clauses) by the model of ``semantic``."""
        if self.semantic_model:
            from summarizer.embeddings import embed as encode

            return encode(texts, self.semantic_model)
        from summarizer.semantic import embed

        return embed(texts)
