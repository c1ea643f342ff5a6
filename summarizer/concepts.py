"""Weighted bigram concepts of a cluster (Gillick & Favre 2009), shared by the ILP, DPP and learned scorers.

A fact that several articles report shows up as the same stemmed word bigrams in several documents,
so a concept's weight is the number of documents it appears in; rare bigrams (below ``min_df``)
weigh nothing. Concepts whose first occurrence comes early in a document can be up-weighted
(``position_weight``): news leads state the event, and the lead baseline is hard to beat on DUC.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from summarizer.features import SentenceSpace


@dataclass(frozen=True)
class Concepts:
    """Sentence x concept incidence (binary CSR), each concept's weight and document frequency."""

    incidence: sp.csr_matrix
    weights: np.ndarray
    df: np.ndarray
    names: tuple[str, ...] = ()

    def sentence_weight(self) -> np.ndarray:
        """Summed weight of the concepts each sentence holds (its value if chosen alone)."""
        return np.asarray(self.incidence @ self.weights).ravel()


def cluster_concepts(space: SentenceSpace, min_df: int = 3, stem: bool = True,
                     position_weight: float = 0.0, min_df_share: float = 0.0) -> Concepts:
    """The cluster's bigram concepts weighted by document frequency.

    min_df: documents a bigram must appear in to weigh anything; when no bigram reaches it (tiny
        clusters, one document) the threshold is lowered to the highest document frequency seen, so
        a one-article cluster still has concepts.
    min_df_share: raises the threshold to this share of the cluster's documents when that is higher
        (0.15: 3 of 10 articles as Gillick & Favre, 4 of 25), so big clusters keep only what many
        articles repeat, and their ILPs stay small.
    position_weight: p >= 0 multiplies each weight by ``1 + p / (1 + first position)``, where the
        first position is the earliest sentence index (within its document) holding the concept.
    """
    sentences = space.sentences
    incidence, df, names = bigram_incidence(space.texts, [s.doc for s in sentences], stem=stem)
    if df.size and df.max() > 0:
        n_docs = len({s.doc for s in sentences})
        threshold = min(max(float(min_df), round(min_df_share * n_docs)), float(df.max()))
        weights = np.where(df >= threshold, df, 0.0)
    else:
        weights = np.zeros_like(df)
    if position_weight and incidence.nnz:
        pos = np.fromiter((s.position for s in sentences), dtype=np.float64, count=len(sentences))
        coo = incidence.tocoo()
        first = np.full(incidence.shape[1], np.inf)
        np.minimum.at(first, coo.col, pos[coo.row])
        first[~np.isfinite(first)] = 1e9
        weights = weights * (1.0 + position_weight / (1.0 + first))
    return Concepts(incidence, weights.astype(np.float64), df, names)


def bigram_analyzer(stem: bool = True):
    """Text -> its concepts: lowercased (stemmed) word bigrams, except pairs of two stop words."""
    import re

    from summarizer.stopwords import ENGLISH_STOP_WORDS

    find = re.compile(r"(?u)\b\w+\b").findall
    if stem:
        import Stemmer

        stem_words = Stemmer.Stemmer("english").stemWords
    else:
        def stem_words(words):
            return words

    def analyze(text: str) -> list[str]:
        words = find(text.lower())
        stems = stem_words(words)
        return [f"{stems[i]} {stems[i + 1]}" for i in range(len(words) - 1)
                if not (words[i] in ENGLISH_STOP_WORDS and words[i + 1] in ENGLISH_STOP_WORDS)]

    return analyze


def bigram_incidence(texts, docs, stem: bool = True) -> tuple[sp.csr_matrix, np.ndarray, tuple[str, ...]]:
    """Sentence x concept incidence (columns alphabetical), document frequencies and the concept names."""
    analyze = bigram_analyzer(stem)
    per_sentence = [sorted(set(analyze(t))) for t in texts]
    names = tuple(sorted({c for row in per_sentence for c in row}))
    if not names:
        return sp.csr_matrix((len(texts), 1)), np.zeros(1), ("",)
    column = {c: i for i, c in enumerate(names)}
    indptr = np.cumsum([0, *(len(r) for r in per_sentence)])
    indices = np.fromiter((column[c] for row in per_sentence for c in row), dtype=np.int64, count=int(indptr[-1]))
    incidence = sp.csr_matrix((np.ones(indices.size), indices, indptr), shape=(len(texts), len(names)))
    docs = np.asarray(docs, dtype=np.int64)
    n_docs = int(docs.max()) + 1 if docs.size else 0
    membership = sp.csr_matrix((np.ones(len(docs)), (docs, np.arange(len(docs)))), shape=(n_docs, len(docs)))
    df = np.asarray(((membership @ incidence) > 0).sum(axis=0)).ravel().astype(np.float64)
    return incidence, df, names

