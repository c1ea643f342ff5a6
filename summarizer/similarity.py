"""Sentence vectors and sparse similarity graphs (scikit-learn vectorisers, scipy sparse maths)."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import scipy.sparse as sp

TOKEN_PATTERN = r"(?u)\b\w\w+\b"


def tfidf_vectors(texts: Sequence[str], stop_words: str | None = "english", sublinear_tf: bool = True) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows; an all-empty input gives a zero matrix instead of sklearn's error."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(lowercase=True, stop_words=stop_words, sublinear_tf=sublinear_tf,
                                 token_pattern=TOKEN_PATTERN, dtype=np.float32)
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # empty vocabulary: only stop words or punctuation
        return sp.csr_matrix((len(texts), 1), dtype=np.float32)


def cosine_graph(vectors: sp.csr_matrix, threshold: float = 0.0, top_k: int | None = None) -> sp.csr_matrix:
    """Symmetric cosine-similarity graph of L2-normalised rows, no self loops.

    ``threshold`` drops weak edges; ``top_k`` keeps each sentence's k strongest neighbours (then
    symmetrises), which keeps the graph sparse on clusters of 100k sentences.
    """
    sim = (vectors @ vectors.T).tocsr()
    sim.setdiag(0)
    if threshold > 0:
        sim.data[sim.data < threshold] = 0
    sim.eliminate_zeros()
    if top_k is not None and top_k > 0:
        sim = keep_top_k(sim, top_k)
        sim = sim.maximum(sim.T).tocsr()
    return sim


def keep_top_k(matrix: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """Keep the k largest entries of each row (ties broken by column index, so results are deterministic)."""
    matrix = matrix.tocsr()
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    counts = np.diff(indptr)
    if counts.max(initial=0) <= k:
        return matrix
    keep = np.ones(len(data), dtype=bool)
    for row in np.flatnonzero(counts > k):
        lo, hi = indptr[row], indptr[row + 1]
        order = np.lexsort((indices[lo:hi], -data[lo:hi]))
        keep[lo + order[k:]] = False
    rows = np.repeat(np.arange(matrix.shape[0]), counts)
    return sp.csr_matrix((data[keep], (rows[keep], indices[keep])), shape=matrix.shape)
