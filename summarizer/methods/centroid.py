"""Centroid-based summarization (Radev et al. 2004, MEAD): sentences close to the cluster's centroid."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp

from summarizer.base import ExtractiveSummarizer
from summarizer.features import SentenceSpace
from summarizer.lexical import sentence_tfidf


@dataclass
class Centroid(ExtractiveSummarizer):
    """MEAD's linear score ``centroid_weight * C_i + position_weight * P_i + first_weight * F_i``.

    C_i: the centroid value of the sentence, the sum of the centroid's TF-IDF weights over the
        sentence's words ("sum", as in MEAD) or the cosine between sentence and centroid ("cosine",
        which does not favour long sentences). The centroid is the mean TF-IDF vector of the
        cluster's documents, keeping only words weighing at least ``keep`` of its largest weight
        (MEAD's centroid threshold), so that the centroid holds the topic words only.
    P_i: position score ``(n - i) / n * C_max`` for the i-th of n sentences of its document.
    F_i: overlap (inner product of TF-IDF vectors) with the first sentence of its document.
    Scores of all three are on the C scale, as in MEAD, so the weights are comparable.
    stem: Snowball-stem words before building TF-IDF vectors.
    """

    centroid_weight: float = 1.0
    position_weight: float = 0.0
    first_weight: float = 0.0
    keep: float = 0.1
    scoring: Literal["sum", "cosine"] = "cosine"
    stem: bool = True
    name = "centroid"

    def __post_init__(self) -> None:
        if self.scoring not in ("sum", "cosine"):
            raise ValueError(f"centroid scoring must be 'sum' or 'cosine', not {self.scoring!r}")

    def score(self, space: SentenceSpace) -> np.ndarray:
        sentences = space.sentences
        vectors = sp.csr_matrix(sentence_tfidf(space, self.stem), dtype=np.float64)
        docs = np.array([s.doc for s in sentences])
        positions = np.array([s.position for s in sentences])
        # document vectors = sum of their sentence vectors (same vocabulary and IDF), averaged per
        # document so long articles do not outweigh short ones
        n_docs = int(docs.max()) + 1
        membership = sp.csr_matrix((np.ones(len(sentences)), (docs, np.arange(len(sentences)))),
                                   shape=(n_docs, len(sentences)))
        doc_vectors = membership @ vectors
        norms = np.sqrt(np.asarray(doc_vectors.multiply(doc_vectors).sum(axis=1)).ravel())
        doc_vectors = sp.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ doc_vectors
        centroid = np.asarray(doc_vectors.mean(axis=0)).ravel()
        if centroid.size and centroid.max() > 0:
            centroid[centroid < self.keep * centroid.max()] = 0.0
        if self.scoring == "sum":
            binary = vectors.copy()
            binary.data[:] = 1.0
            c = binary @ centroid
        else:
            norm = np.linalg.norm(centroid)
            c = vectors @ centroid / norm if norm > 0 else np.zeros(len(sentences))
        c = np.asarray(c, dtype=np.float64).ravel()
        total = self.centroid_weight * c
        c_max = c.max() if c.size else 0.0
        if self.position_weight:
            counts = np.bincount(docs, minlength=n_docs)[docs]
            total = total + self.position_weight * (counts - positions) / counts * c_max
        if self.first_weight:
            first = np.zeros(len(sentences), dtype=np.int64)
            starts = np.flatnonzero(positions == 0)
            first[starts] = starts
            first = np.maximum.accumulate(first)  # index of the first sentence of each one's document
            overlap = np.asarray(vectors.multiply(vectors[first]).sum(axis=1)).ravel()
            total = total + self.first_weight * overlap * (c_max if c_max > 0 else 1.0)
        return total
