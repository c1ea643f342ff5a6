"""Word-overlap and BM25 sentence similarities, the lexical graphs of the TextRank literature.

Both are computed as sparse matrix products over the cluster's term counts, never as Python loops
over sentence pairs, so a cluster of thousands of sentences costs milliseconds, not minutes.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np
import scipy.sparse as sp

from summarizer.errors import InputError
from summarizer.similarity import resolve_top_k, sparse_top_k, tfidf_vectors
from summarizer.terms import TOKEN_PATTERN, count_terms, stop_word_set


def stemming_analyzer(stop_words: str | None = "english"):
    """A text -> stemmed words callable, for vectorisers that take an ``analyzer``.

    Lowercased words of two or more characters, stop words removed, Snowball-stemmed (PyStemmer):
    ROUGE is scored on stemmed words, and "flooded" and "floods" are the same fact.
    """
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    stops = stop_word_set(stop_words)
    find = re.compile(TOKEN_PATTERN).findall

    def analyze(text: str) -> list[str]:
        return stemmer.stemWords([w for w in find(text.lower()) if w not in stops])

    return analyze


def term_counts(texts: Sequence[str], stop_words: str | None = "english", stem: bool = False) -> sp.csr_matrix:
    """Sentence x term counts (lowercased words of two or more characters); empty vocabulary -> zeros."""
    return count_terms(texts, stop_words).matrix(stem)


def stemmed_tfidf(texts: Sequence[str], stop_words: str | None = "english") -> sp.csr_matrix:
    """L2-normalised sublinear TF-IDF rows over stemmed words (``similarity.tfidf_vectors``, stemmed)."""
    return tfidf_vectors(texts, stop_words=stop_words, sublinear_tf=True, stem=True)


EXACT_MAX_PAIRS = 200_000_000
"""An exact (all-pairs) lexical graph is refused above this many pair products (about 2.4 GB)."""


def _exact(left: sp.csr_matrix, right: sp.csr_matrix, norm, threshold: float, kind: str) -> sp.csr_matrix:
    """All pairs sharing a term, no self loops: right for news clusters, quadratic for huge ones."""
    df = np.bincount(left.indices, minlength=left.shape[1]).astype(np.float64)
    pairs = float(df @ df)
    if pairs > EXACT_MAX_PAIRS:
        raise InputError(f"the exact {kind} graph of {left.shape[0]:,} sentences would hold up to {pairs:,.0f} "
                         f"edges (~{pairs * 12 / 1e9:.0f} GB); set method.top_k=auto or an integer such as 20 "
                         "(a nearest-neighbour graph, linear in the number of sentences)")
    sim = (left @ right.T).tocoo()
    data = sim.data.astype(np.float64)
    if norm is not None:
        data = data / norm(sim.row, sim.col)
    keep = (sim.row != sim.col) & (data > 0) & (data >= threshold)
    return sp.csr_matrix((data[keep], (sim.row[keep], sim.col[keep])), shape=sim.shape)


def _log_length_norm(counts: sp.csr_matrix):
    """log|S_i| + log|S_j|, or 1 where that is 0 (two one-word sentences keep their raw overlap)."""
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    logs = np.log(np.maximum(lengths, 1.0))

    def norm(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        total = logs[rows] + logs[cols]
        return np.where(total > 0, total, 1.0)

    return norm


def overlap_graph(counts: sp.csr_matrix, threshold: float = 0.0, top_k: int | str | None = None) -> sp.csr_matrix:
    """Mihalcea & Tarau (2004): |{w : w in S_i and w in S_j}| / (log|S_i| + log|S_j|).

    |S| is the sentence's number of (non stop word) tokens. Pairs of one-word sentences, whose
    normaliser is log 1 + log 1 = 0, get their raw overlap (0 or 1), as sumy does. With ``top_k``
    each sentence keeps its k strongest neighbours (symmetrised), found in row blocks without
    the n x n product (``similarity.sparse_top_k``).
    """
    counts = sp.csr_matrix(counts, dtype=np.float64)
    binary = counts.copy()
    binary.data[:] = 1.0
    norm = _log_length_norm(counts)
    k = resolve_top_k(top_k, counts.shape[0])
    if k is None:
        return _exact(binary, binary, norm, threshold, "overlap")
    # Where a frequent word's postings are cut, its shortest sentences are the ones kept: the
    # overlap it adds is 1 / (log|S_i| + log|S_j|), largest for short S_j.
    shortness = 1.0 / (1.0 + np.log(np.maximum(np.asarray(counts.sum(axis=1)).ravel(), 1.0)))
    return sparse_top_k(binary.astype(np.float32), binary.astype(np.float32), k, norm=norm, threshold=threshold,
                        posting_weight=shortness)


def bm25_graph(counts: sp.csr_matrix, k1: float = 1.2, b: float = 0.75, epsilon: float = 0.25,
               threshold: float = 0.0, top_k: int | str | None = None) -> sp.csr_matrix:
    """Barrios et al. (2016): weight of edge i -> j is BM25(S_i as query, S_j as document).

    IDF is ``log((N - n + 0.5) / (n + 0.5))``; terms in more than half the sentences would get a
    negative IDF, so as in Barrios et al. they get ``epsilon`` times the mean IDF instead. The graph
    is directed (BM25 is not symmetric); PageRank takes it as it is. With ``top_k`` each sentence
    keeps the k documents it rates best, found in row blocks (``similarity.sparse_top_k``).
    """
    counts = sp.csr_matrix(counts, dtype=np.float64)
    n = counts.shape[0]
    if n == 0:
        return sp.csr_matrix((0, 0))
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    idf = np.log((n - df + 0.5) / (df + 0.5))
    positive = idf[idf > 0]
    floor = epsilon * (positive.mean() if positive.size else 1.0)
    idf = np.where(idf > 0, idf, floor)
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    avg = lengths.mean() if lengths.mean() > 0 else 1.0
    rows = np.repeat(np.arange(n), np.diff(counts.indptr))
    tf = counts.data
    doc_weight = tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[rows] / avg))
    documents = sp.csr_matrix((doc_weight, counts.indices, counts.indptr), shape=counts.shape)
    queries = sp.csr_matrix((tf * idf[counts.indices], counts.indices, counts.indptr), shape=counts.shape)
    k = resolve_top_k(top_k, n)
    if k is None:
        return _exact(queries, documents, None, threshold, "bm25")
    return sparse_top_k(queries, documents, k, threshold=threshold, symmetric=False)


def sentence_tfidf(space, stem: bool) -> sp.csr_matrix:
    """The space's shared TF-IDF rows, stemmed or not (both cached on the space)."""
    return space.stemmed_tfidf if stem else space.tfidf


def bigram_concepts(texts: Sequence[str], docs: Sequence[int], stem: bool = True) -> tuple[sp.csr_matrix, np.ndarray]:
    """Sentence x concept incidence and each concept's document frequency (Gillick & Favre 2009).

    Concepts are the (stemmed) word bigrams of a sentence, except those made of two stop words:
    a fact repeated across articles shows up as the same bigrams in several documents.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    from summarizer.concepts import bigram_analyzer

    analyze = bigram_analyzer(stem)

    try:
        incidence = CountVectorizer(analyzer=analyze, binary=True, dtype=np.float64).fit_transform(texts).tocsr()
    except ValueError:  # no bigram at all
        return sp.csr_matrix((len(texts), 1)), np.zeros(1)
    docs = np.asarray(docs)
    n_docs = int(docs.max()) + 1 if docs.size else 0
    membership = sp.csr_matrix((np.ones(len(docs)), (docs, np.arange(len(docs)))), shape=(n_docs, len(docs)))
    per_doc = membership @ incidence
    df = np.asarray((per_doc > 0).sum(axis=0)).ravel().astype(np.float64)
    return incidence, df
