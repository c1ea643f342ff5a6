"""Sentence features computed once per cluster and shared by scoring, selection and citation."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from summarizer.cluster import Cluster, Sentence

if TYPE_CHECKING:
    import scipy.sparse as sp


@dataclass(frozen=False)
class SentenceSpace:
    """A cluster's sentences and their vectors. Built lazily: a lead baseline never pays for TF-IDF."""

    cluster: Cluster

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return self.cluster.sentences

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]

    @cached_property
    def tfidf(self) -> "sp.csr_matrix":
        """L2-normalised TF-IDF rows, IDF estimated over the cluster's own sentences."""
        from summarizer.similarity import tfidf_vectors

        return tfidf_vectors(self.texts)
