"""Sentence vectors and sparse similarity graphs (scikit-learn TF-IDF, scipy sparse maths).

Two graphs of L2-normalised TF-IDF rows:

- the exact graph, every pair of sentences sharing a term (``vectors @ vectors.T``): right for
  news clusters of a few thousand sentences, but its size and cost grow with n squared;
- the k-nearest-neighbour graph, built in row blocks and never materialising n x n: each block's
  candidate neighbours come from one sparse product with the terms' postings (the sentences
  holding each term), the k best candidates of each row are kept, and their weights are the exact
  cosines over all terms. Frequent terms link everything to everything and make all-pairs
  quadratic, so a term's postings are cut to the ``max_postings`` sentences where it weighs most
  (short sentences, where a shared word counts most), ``max_postings`` chosen so the candidate
  pairs stay within ``PAIRS_PER_SENTENCE`` per sentence: ordinary clusters stay exact and the
  cost grows linearly with n.

``cosine_graph(..., top_k="auto")`` picks the exact graph up to ``AUTO_EXACT_MAX`` sentences (and
``AUTO_EXACT_PAIRS`` pair products) and the kNN graph above; docs/speed.md has what each costs
in time and in ROUGE.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import scipy.sparse as sp

from summarizer.terms import TOKEN_PATTERN, count_terms, tfidf_weights

__all__ = ["TOKEN_PATTERN", "tfidf_vectors", "cosine_graph", "knn_graph", "sparse_top_k", "keep_top_k",
           "resolve_top_k", "posting_cap", "strongest_postings"]

AUTO_EXACT_MAX = 5000
"""With ``top_k="auto"``, clusters of at most this many sentences get the exact all-pairs graph..."""
AUTO_EXACT_PAIRS = 20_000_000
"""...if their pair products (sum of squared document frequencies, an upper bound on the exact
graph's edges) are at most this many: text where every sentence shares words with every other
(e.g. no stop words removed) gets the kNN graph sooner, so the exact graph never exceeds ~20M edges."""
AUTO_K = 20
"""With ``top_k="auto"``, neighbours kept per sentence above ``AUTO_EXACT_MAX`` sentences."""
PAIRS_PER_SENTENCE = 2000
"""Work budget of a kNN graph: each term's postings are cut to the sentences where it weighs most,
as many as keep the candidate pairs (the sum over terms of df * min(df, cut)) under this many per
sentence, so the cost grows linearly with n. Clusters of ordinary size fit whole (exact top-k);
weights of the kept edges always use every term. Chosen by neighbour recall against the exact
top-k (``bench/knn_recall.py``, docs/speed.md)."""
BLOCK_PAIRS = 4_000_000
"""Candidate pairs computed at once when building a kNN graph (bounds the memory of one block)."""

TopK = int | str | None


def tfidf_vectors(texts: Sequence[str], stop_words: str | None = "english", sublinear_tf: bool = True,
                  stem: bool = False) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows, IDF over the given texts; no vocabulary -> zeros.

    ``stem`` Snowball-stems the words left after stop-word removal, so "flooded" and "floods"
    count as one term, as ROUGE's stemming does. A cluster's pipeline takes these from its
    ``SentenceSpace`` (one text pass for both); this is the same for loose texts.
    """
    return tfidf_weights(count_terms(texts, stop_words).matrix(stem), sublinear_tf=sublinear_tf)


def resolve_top_k(top_k: TopK, n: int, pairs: float | None = None) -> int | None:
    """The number of neighbours a graph of n sentences keeps: None (exact graph) or k >= 1.

    ``"auto"`` is None up to ``AUTO_EXACT_MAX`` sentences (and, when known, ``AUTO_EXACT_PAIRS``
    pair products) and ``AUTO_K`` above; 0 and None mean the exact graph.
    """
    if top_k is None:
        return None
    if isinstance(top_k, str):
        if top_k != "auto":
            raise ValueError(f"top_k must be an integer, null or 'auto', not {top_k!r}")
        small = n <= AUTO_EXACT_MAX and (pairs is None or pairs <= AUTO_EXACT_PAIRS)
        return None if small else AUTO_K
    if isinstance(top_k, bool) or int(top_k) != top_k or top_k < 0:
        raise ValueError(f"top_k must be a non-negative integer, null or 'auto', not {top_k!r}")
    return int(top_k) or None


def cosine_graph(vectors: sp.csr_matrix, threshold: float = 0.0, top_k: TopK = "auto",
                 pairs_per_sentence: float | None = PAIRS_PER_SENTENCE) -> sp.csr_matrix:
    """Symmetric cosine-similarity graph of L2-normalised rows, no self loops.

    ``threshold`` drops weak edges. ``top_k`` keeps each sentence's k strongest neighbours and
    symmetrises (an edge stays if either end keeps it); ``"auto"`` keeps the exact graph for
    ordinary clusters and switches to a kNN graph for very large ones (see ``resolve_top_k``).
    """
    vectors = sp.csr_matrix(vectors)
    pairs = None
    if top_k == "auto":
        df = np.bincount(vectors.indices, minlength=vectors.shape[1]).astype(np.float64)
        pairs = float(df @ df)
    k = resolve_top_k(top_k, vectors.shape[0], pairs)
    if k is not None:
        return knn_graph(vectors, k, threshold=threshold, pairs_per_sentence=pairs_per_sentence)
    sim = (vectors @ vectors.T).tocsr()
    rows = np.repeat(np.arange(sim.shape[0]), np.diff(sim.indptr))
    sim.data[sim.indices == rows] = 0  # no self loops (scipy's setdiag costs more than the product)
    if threshold > 0:
        sim.data[sim.data < threshold] = 0
    sim.eliminate_zeros()
    return sim


def knn_graph(vectors: sp.csr_matrix, k: int, threshold: float = 0.0,
              pairs_per_sentence: float | None = PAIRS_PER_SENTENCE, max_postings: int | None = None,
              block_pairs: int = BLOCK_PAIRS) -> sp.csr_matrix:
    """Symmetric k-nearest-neighbour cosine graph, computed in row blocks without an n x n matrix.

    Candidates of a row are the sentences sharing a term with it, each term's postings cut to the
    ``max_postings`` sentences of largest weight (by default the largest cut that fits
    ``pairs_per_sentence``; both None: no cut, i.e. the exact top-k); the k candidates of largest
    dot product over the postings kept are chosen (ties to the lower index) with their exact
    cosine over all terms. Edges below ``threshold`` are dropped.
    """
    x = sp.csr_matrix(vectors, dtype=np.float32)
    return sparse_top_k(x, x, k, threshold=threshold, pairs_per_sentence=pairs_per_sentence, max_postings=max_postings,
                        block_pairs=block_pairs)


PairNorm = Callable[[np.ndarray, np.ndarray], np.ndarray]


def sparse_top_k(left: sp.csr_matrix, right: sp.csr_matrix, k: int, norm: PairNorm | None = None,
                 threshold: float = 0.0, pairs_per_sentence: float | None = PAIRS_PER_SENTENCE,
                 max_postings: int | None = None, block_pairs: int = BLOCK_PAIRS, symmetric: bool = True,
                 posting_weight: np.ndarray | None = None) -> sp.csr_matrix:
    """Each row's k strongest edges of ``(left @ right.T) / norm(i, j)``, no self loops, in row blocks.

    The weighted graphs of every lexical similarity are such products: cosine (``left = right``
    = L2-normalised TF-IDF), Mihalcea & Tarau's overlap (binary rows, ``norm`` the sum of the
    log lengths), BM25 (query weights x document weights). ``left`` and ``right`` share their
    sparsity pattern (the sentences' terms). Candidates are found through each term's
    ``max_postings`` strongest postings in ``right`` (see ``knn_graph``; ``posting_weight`` scales
    a sentence's values for that ranking only), blocks of about ``block_pairs`` candidate pairs at
    a time, so time and memory grow linearly with n; the weights kept are exact over all terms.
    ``symmetric`` keeps an edge when either end chose it (undirected graphs).
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k!r}")
    left, right = sp.csr_matrix(left), sp.csr_matrix(right)
    n = left.shape[0]
    if n == 0:
        return sp.csr_matrix((0, 0), dtype=np.float32)
    df = np.bincount(left.indices, minlength=left.shape[1])
    if max_postings is None and pairs_per_sentence is not None:
        max_postings = posting_cap(df, pairs_per_sentence * n)
    linking = sp.diags((df > 1).astype(left.dtype))  # a term in one sentence links nothing
    linked = (left @ linking).tocsr()
    linked.eliminate_zeros()
    postings = (right @ linking).T.tocsr()  # term -> the sentences it can link a row to
    postings.eliminate_zeros()
    if max_postings is not None:
        postings = strongest_postings(postings, max_postings, posting_weight)
    per_term = np.diff(postings.indptr).astype(np.float64)
    # Pairs each row will generate, to cut blocks of bounded size (memory stays flat as n grows).
    binary = linked.copy()
    binary.data[:] = 1.0
    row_pairs = binary @ per_term
    rows_out, cols_out = [], []
    for lo, hi in _blocks(row_pairs, block_pairs):
        block = linked[lo:hi] @ postings
        if norm is not None:
            block_rows = np.repeat(np.arange(lo, hi), np.diff(block.indptr))
            block.data = (block.data / norm(block_rows, block.indices)).astype(block.dtype)
        r, c, _ = _top_k_rows(block, k, row_offset=lo)
        rows_out.append(r.astype(np.int32))
        cols_out.append(c.astype(np.int32))
    del linked, postings, binary, block  # memory: the peak is the symmetrisation below
    rows = np.concatenate(rows_out)
    cols = np.concatenate(cols_out)
    del rows_out, cols_out
    weights = _pair_dots(left, right, rows, cols)
    if norm is not None:
        weights = (weights / norm(rows, cols)).astype(np.float32)
    keep = (weights > 0) & (weights >= threshold)
    graph = sp.csr_matrix((weights[keep], (rows[keep], cols[keep])), shape=(n, n), dtype=np.float32)
    del rows, cols, weights, keep
    return graph.maximum(graph.T).tocsr() if symmetric else graph


def posting_cap(df: np.ndarray, max_pairs: float) -> int | None:
    """The largest posting length P such that linking through every term, each cut to its P
    strongest sentences, makes at most ``max_pairs`` candidate pairs (sum of df * min(df, P) over
    the terms in more than one sentence); None when no term needs cutting."""
    d = np.sort(df[df > 1]).astype(np.float64)
    if d.size == 0 or float(d @ d) <= max_pairs:
        return None
    low, high = 1, int(d[-1]) - 1  # pairs grow with P: the largest P that fits, by bisection
    while low < high:
        mid = (low + high + 1) // 2
        if float(d @ np.minimum(d, mid)) <= max_pairs:
            low = mid
        else:
            high = mid - 1
    return low


def strongest_postings(postings: sp.csr_matrix, cap: int, weight: np.ndarray | None = None) -> sp.csr_matrix:
    """Each term's (row's) ``cap`` postings of largest value (times ``weight`` of the sentence
    when given), ties to the lower sentence; the values kept are the postings' own."""
    key = postings if weight is None else sp.csr_matrix(postings @ sp.diags(weight.astype(np.float64)))
    rows, cols, _ = _top_k_rows(sp.csr_matrix(key), cap)
    kept = sp.csr_matrix((np.ones(len(rows), dtype=postings.dtype), (rows, cols)), shape=postings.shape)
    return sp.csr_matrix(postings.multiply(kept))


def keep_top_k(matrix: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """Keep the k largest entries of each row (ties broken by column index, so results are deterministic)."""
    matrix = sp.csr_matrix(matrix)
    matrix.sum_duplicates()
    rows, cols, data = _top_k_rows(matrix, k, threshold=None)
    return sp.csr_matrix((data, (rows, cols)), shape=matrix.shape, dtype=matrix.dtype)


def _blocks(row_pairs: np.ndarray, budget: int) -> list[tuple[int, int]]:
    """Consecutive row ranges whose summed pair counts stay near ``budget`` (at least one row each)."""
    n = len(row_pairs)
    ends = np.searchsorted(np.cumsum(row_pairs), np.arange(1, int(row_pairs.sum() // budget) + 1) * budget)
    cuts = np.unique(np.concatenate([[0], np.clip(ends, 1, n), [n]]))
    return [(int(a), int(b)) for a, b in zip(cuts[:-1], cuts[1:]) if b > a]


def _top_k_rows(block: sp.csr_matrix, k: int, row_offset: int | None = None,
                threshold: float | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, column and value of the k largest entries of each row of a CSR block, ties to the lower column.

    With ``row_offset`` the block holds rows ``row_offset...`` of a square matrix and the diagonal
    (a sentence's similarity to itself) is skipped; entries <= ``threshold`` are never kept.
    """
    n_rows = block.shape[0]
    indptr, indices, data = block.indptr, block.indices, block.data
    counts = np.diff(indptr)
    # The diagonal may take one of the k + 1 best places of its row; it is dropped at the end.
    places = k if row_offset is None else k + 1
    bounds = _lower_bounds(indptr, data, counts, places).astype(data.dtype)
    ok = data >= np.repeat(bounds, counts)
    if threshold is not None:
        ok &= data > threshold
    if not ok.all():  # most entries of long rows cannot be among the best: drop them first
        where = np.flatnonzero(ok)
        indices, data = indices[where], data[where]
        indptr = np.searchsorted(where, indptr)
        counts = np.diff(indptr)
    row_of = np.repeat(np.arange(n_rows, dtype=np.int64), counts)
    row_kth = _kth_largest(indptr, data, counts, places)[row_of]
    keep = data > row_kth  # rows of at most `places` entries have kth = -inf and keep them all
    tied = np.flatnonzero(data == row_kth)
    if tied.size:  # fill each row up to `places` with its tied entries of lowest column index
        need = places - np.bincount(row_of[keep], minlength=n_rows)
        tied = tied[np.lexsort((indices[tied], row_of[tied]))]
        tied_rows = row_of[tied]
        rank = np.arange(len(tied)) - np.searchsorted(tied_rows, tied_rows, side="left")
        keep[tied[rank < need[tied_rows]]] = True
    rows, cols, values = row_of[keep], indices[keep].astype(np.int64), data[keep]
    if row_offset is None:
        return rows, cols, values
    # Drop the diagonal; a row whose k + 1 best did not include it drops its (k + 1)-th instead:
    # its smallest value, of those the highest column (rows are in order, so no sort is needed).
    is_self = cols == rows + row_offset
    per_row = np.bincount(rows, minlength=n_rows)
    has_self = np.zeros(n_rows, dtype=bool)
    has_self[rows[is_self]] = True
    full = (per_row == places) & ~has_self
    drop = is_self
    if full.any():
        filled = np.flatnonzero(per_row)  # rows are contiguous: one reduceat segment per row
        starts = (np.cumsum(per_row) - per_row)[filled]
        lowest = np.full(n_rows, np.inf, dtype=values.dtype)
        lowest[filled] = np.minimum.reduceat(values, starts)
        worst = full[rows] & (values == lowest[rows])
        last = np.full(n_rows, -1, dtype=np.int64)
        last[filled] = np.maximum.reduceat(np.where(worst, cols, -1), starts)
        drop = is_self | (worst & (cols == last[rows]))
    keep = ~drop
    return rows[keep] + row_offset, cols[keep], values[keep]


def _lower_bounds(indptr: np.ndarray, data: np.ndarray, counts: np.ndarray, k: int,
                  sample: int = 8) -> np.ndarray:
    """For each row, a value no larger than its k-th largest entry (-inf for short rows).

    The k-th largest of ``sample * k`` evenly spaced entries of a row is a lower bound on the
    row's own k-th largest; filtering with it leaves about 1/sample of a long row to sort out.
    """
    size = sample * k
    bound = np.full(len(counts), -np.inf, dtype=np.float64)
    long = np.flatnonzero(counts > size)
    if long.size:
        spread = (np.arange(size)[None, :] * counts[long][:, None]) // size  # distinct positions
        picked = data[indptr[long][:, None] + spread]
        bound[long] = np.partition(picked, size - k, axis=1)[:, size - k]
    return bound


def _kth_largest(indptr: np.ndarray, data: np.ndarray, counts: np.ndarray, k: int) -> np.ndarray:
    """The k-th largest value of each CSR row (-inf for rows of at most k entries).

    Rows are padded into 2-D arrays of similar lengths (buckets growing by half) and partitioned
    together, so the cost is one vectorised pass instead of a Python call per row.
    """
    kth = np.full(len(counts), -np.inf, dtype=np.float64)
    long = np.flatnonzero(counts > k)
    if long.size == 0:
        return kth
    bucket = np.floor(np.log(counts[long]) / np.log(1.5)).astype(np.int64)
    for b in np.unique(bucket):
        rows = long[bucket == b]
        lengths = counts[rows]
        width = int(lengths.max())
        slot = np.repeat(np.arange(len(rows)), lengths)
        offset = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        padded = np.full((len(rows), width), -np.inf, dtype=data.dtype)
        padded[slot, offset] = data[np.repeat(indptr[rows], lengths) + offset]
        kth[rows] = np.partition(padded, width - k, axis=1)[:, width - k]
    return kth


def _pair_dots(a: sp.csr_matrix, b: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray,
               chunk: int = 200_000) -> np.ndarray:
    """Dot products of row ``rows[i]`` of ``a`` with row ``cols[i]`` of ``b`` (cosines for
    L2-normalised rows), chunked so memory stays bounded."""
    out = np.empty(len(rows), dtype=np.float32)
    for lo in range(0, len(rows), chunk):
        hi = lo + chunk
        out[lo:hi] = np.asarray(a[rows[lo:hi]].multiply(b[cols[lo:hi]]).sum(axis=1)).ravel()
    return out
