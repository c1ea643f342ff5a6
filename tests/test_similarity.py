"""Sparse similarity graphs against dense numpy references on small inputs."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import similarity
from summarizer.similarity import (
    cosine_graph,
    keep_top_k,
    knn_graph,
    posting_cap,
    resolve_top_k,
    strongest_postings,
    tfidf_vectors,
)

TEXTS = [
    "The river flooded the old mill town after three days of rain.",
    "Rain kept falling on the mill town as the river rose.",
    "Engineers opened the dam gates upstream of the town.",
    "The dam gates were opened by engineers on Tuesday night.",
    "A bakery in the town handed out bread to families.",
    "Families waited for bread outside the bakery.",
    "Officials said the river would crest on Friday.",
    "The festival of kites was postponed until spring.",
]


def random_vectors(n: int, terms: int, density: float, seed: int) -> sp.csr_matrix:
    """Non-negative L2-normalised sparse rows, like TF-IDF (some rows may be empty)."""
    rng = np.random.default_rng(seed)
    dense = rng.random((n, terms)) * (rng.random((n, terms)) < density)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    dense = np.divide(dense, norms, out=np.zeros_like(dense), where=norms > 0)
    return sp.csr_matrix(dense.astype(np.float32))


def dense_knn(vectors: sp.csr_matrix, k: int) -> np.ndarray:
    """Reference: each row's k most similar other rows (ties to the lower index), then max(W, W^T)."""
    sim = (vectors @ vectors.T).toarray().astype(np.float64)
    np.fill_diagonal(sim, 0.0)
    out = np.zeros_like(sim)
    for i, row in enumerate(sim):
        cols = np.flatnonzero(row > 0)
        best = cols[np.lexsort((cols, -row[cols]))][:k]
        out[i, best] = row[best]
    return np.maximum(out, out.T)


def test_tfidf_rows_are_unit_length_and_empty_vocabulary_is_zero():
    x = tfidf_vectors(TEXTS)
    assert x.shape[0] == len(TEXTS)
    np.testing.assert_allclose(np.sqrt(x.multiply(x).sum(axis=1)).A.ravel(), 1.0, rtol=1e-5)
    empty = tfidf_vectors(["the of and", "!!"])
    assert empty.shape == (2, 1) and empty.nnz == 0


def test_exact_graph_is_dense_cosine_without_self_loops():
    x = tfidf_vectors(TEXTS)
    dense = (x @ x.T).toarray()
    np.fill_diagonal(dense, 0)
    g = cosine_graph(x, top_k=None)
    np.testing.assert_allclose(g.toarray(), dense, atol=1e-6)
    assert (g != g.T).nnz == 0
    strong = cosine_graph(x, threshold=0.2, top_k=None).toarray()
    assert strong.min() == 0 and (strong[strong > 0] >= 0.2).all()
    np.testing.assert_allclose(strong, np.where(dense >= 0.2, dense, 0), atol=1e-6)


@pytest.mark.parametrize("k", [1, 2, 3, 7])
def test_knn_graph_matches_dense_reference(k):
    x = random_vectors(60, 40, 0.1, seed=k)
    got = knn_graph(x, k, pairs_per_sentence=None).toarray()
    np.testing.assert_allclose(got, dense_knn(x, k), atol=1e-6)
    assert np.allclose(got, got.T) and not got.diagonal().any()


@pytest.mark.parametrize("k", [1, 3, 10])
def test_knn_graph_matches_dense_reference_on_long_rows_with_ties(k):
    # Rows with hundreds of candidates (the sampled pre-filter is used) and many equal values.
    rng = np.random.default_rng(k)
    dense = (rng.random((300, 12)) < 0.4).astype(np.float32)
    dense[:5] = dense[5:10]  # duplicate rows: similarity ties with the diagonal's value
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    x = sp.csr_matrix(np.divide(dense, norms, out=np.zeros_like(dense), where=norms > 0))
    got = knn_graph(x, k, pairs_per_sentence=None, block_pairs=5000).toarray()
    np.testing.assert_allclose(got, dense_knn(x, k), atol=1e-6)


def test_knn_graph_keeps_the_k_strongest_neighbours_of_every_row():
    x = tfidf_vectors(TEXTS)
    exact = cosine_graph(x, top_k=None).toarray()
    g = knn_graph(x, 2, pairs_per_sentence=None).toarray()
    for i, row in enumerate(exact):
        best = np.argsort(-row, kind="stable")[:2]
        best = best[row[best] > 0]
        np.testing.assert_allclose(g[i, best], row[best], atol=1e-6)
    assert (g[g > 0] <= exact[g > 0] + 1e-6).all()


def test_knn_graph_does_not_depend_on_the_block_size():
    x = random_vectors(200, 60, 0.08, seed=3)
    whole = knn_graph(x, 5, pairs_per_sentence=None, block_pairs=10**9)
    tiny = knn_graph(x, 5, pairs_per_sentence=None, block_pairs=50)
    assert (whole != tiny).nnz == 0
    again = knn_graph(x, 5, pairs_per_sentence=None, block_pairs=50)
    assert np.array_equal(tiny.indices, again.indices) and np.array_equal(tiny.data, again.data)


def test_knn_graph_ties_go_to_the_lower_index():
    x = sp.csr_matrix(np.array([[1, 0], [1, 0], [1, 0], [1, 0], [0, 1]], dtype=np.float32))
    g = knn_graph(x, 1, pairs_per_sentence=None).toarray()
    # Row 0's equal neighbours 1, 2, 3: it keeps 1; rows 1-3 keep 0. Symmetrised: 0-1, 0-2, 0-3.
    expected = np.zeros((5, 5))
    for j in (1, 2, 3):
        expected[0, j] = expected[j, 0] = 1.0
    np.testing.assert_allclose(g, expected)


def capped_knn(vectors: sp.csr_matrix, k: int, cap: int) -> np.ndarray:
    """Reference for a posting cap: each term links a row only to the ``cap`` rows where it weighs
    most (ties to the lower index); a row's k best candidates by that partial dot product (ties to
    the lower index) keep their exact cosine; then max(W, W^T)."""
    dense = vectors.toarray().astype(np.float64)
    cut = np.zeros_like(dense)
    for t in range(dense.shape[1]):
        col = dense[:, t]
        holders = np.flatnonzero(col > 0)
        if len(holders) < 2:
            continue
        best = holders[np.lexsort((holders, -col[holders]))][:cap]
        cut[best, t] = col[best]
    linking = (dense > 0).sum(axis=0) > 1
    partial = (dense * linking) @ cut.T
    exact = dense @ dense.T
    out = np.zeros_like(exact)
    for i in range(len(dense)):
        cols = np.flatnonzero((partial[i] > 0) & (np.arange(len(dense)) != i))
        best = cols[np.lexsort((cols, -partial[i, cols]))][:k]
        out[i, best] = exact[i, best]
    return np.maximum(out, out.T)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 40), st.integers(1, 15), st.integers(1, 6), st.integers(1, 12), st.integers(0, 2**31 - 1))
def test_a_posting_cap_matches_the_capped_reference(n, terms, k, cap, seed):
    rng = np.random.default_rng(seed)
    # Small integers, not normalised: many ties, and every dot product is exact in float32.
    x = sp.csr_matrix(rng.integers(0, 4, size=(n, terms)).astype(np.float32) * (rng.random((n, terms)) < 0.4))
    got = knn_graph(x, k, max_postings=cap, block_pairs=7).toarray()
    np.testing.assert_allclose(got, capped_knn(x, k, cap), atol=1e-6)


def test_frequent_terms_link_only_their_strongest_sentences_but_count_in_the_weights():
    # Term 0 is in every row, weighing most in the short rows 3 and 4; rows 0-2 share nothing else.
    dense = np.array([[1, 1, 0, 0], [1, 0, 1, 0], [1, 0, 0, 1], [1, 0, 0, 0], [1, 0, 0, 0]], dtype=np.float32)
    x = sp.csr_matrix(dense / np.linalg.norm(dense, axis=1, keepdims=True))
    capped = knn_graph(x, 1, max_postings=2).toarray()
    full = knn_graph(x, 4, pairs_per_sentence=None).toarray()
    assert capped[0, 3] > 0 and capped[0, 1] == 0 and full[0, 1] > 0  # 0 -> 3 through the cut postings
    assert capped[0, 3] == pytest.approx(float(x[0].multiply(x[3]).sum()), abs=1e-6)  # exact cosine
    weights = np.array([1.0, 1.0, 5.0, 1.0, 1.0])  # a posting weight reorders the postings: 2 first
    kept = strongest_postings(sp.csr_matrix(x.T), 1, weights)
    assert kept[0].indices.tolist() == [2] and kept[0].data[0] == pytest.approx(x[2, 0])


def test_posting_cap_respects_the_pair_budget():
    rng = np.random.default_rng(0)
    df = rng.integers(1, 500, size=1000)
    d = df[df > 1].astype(float)
    for budget in (10.0, 1e4, 1e6, 1e7):
        cap = posting_cap(df, budget)
        assert cap is not None and cap >= 1
        assert (d * np.minimum(d, cap)).sum() <= budget or cap == 1
        assert (d * np.minimum(d, cap + 1)).sum() > budget  # one more would not fit
    assert posting_cap(df, (d * d).sum()) is None
    assert posting_cap(np.array([1, 1, 0]), 0.0) is None  # nothing links


def test_the_default_pair_budget_keeps_ordinary_clusters_exact():
    x = random_vectors(300, 200, 0.05, seed=5)
    assert (knn_graph(x, 10) != knn_graph(x, 10, pairs_per_sentence=None)).nnz == 0


def test_resolve_top_k(monkeypatch):
    monkeypatch.setattr(similarity, "AUTO_EXACT_MAX", 10)
    assert resolve_top_k("auto", 10) is None
    assert resolve_top_k("auto", 11) == similarity.AUTO_K
    assert resolve_top_k(None, 10**6) is None and resolve_top_k(0, 5) is None
    assert resolve_top_k(7, 5) == 7
    monkeypatch.setattr(similarity, "AUTO_EXACT_PAIRS", 100)
    assert resolve_top_k("auto", 10, pairs=100) is None
    assert resolve_top_k("auto", 10, pairs=101) == similarity.AUTO_K
    for bad in ("many", -1, 2.5, True):
        with pytest.raises(ValueError):
            resolve_top_k(bad, 5)


def test_auto_switches_from_exact_to_knn(monkeypatch):
    x = random_vectors(40, 30, 0.15, seed=9)
    assert (cosine_graph(x) != cosine_graph(x, top_k=None)).nnz == 0
    monkeypatch.setattr(similarity, "AUTO_EXACT_MAX", 20)
    monkeypatch.setattr(similarity, "AUTO_K", 3)
    np.testing.assert_allclose(cosine_graph(x).toarray(), dense_knn(x, 3), atol=1e-6)
    monkeypatch.setattr(similarity, "AUTO_EXACT_MAX", 1000)
    monkeypatch.setattr(similarity, "AUTO_EXACT_PAIRS", 10)  # too many pairs for the exact graph
    np.testing.assert_allclose(cosine_graph(x).toarray(), dense_knn(x, 3), atol=1e-6)


def test_empty_inputs():
    assert knn_graph(sp.csr_matrix((0, 3), dtype=np.float32), 2).shape == (0, 0)
    assert knn_graph(sp.csr_matrix((4, 3), dtype=np.float32), 2).nnz == 0
    with pytest.raises(ValueError):
        knn_graph(random_vectors(3, 3, 1.0, 0), 0)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.integers(1, 12), st.integers(1, 6), st.integers(0, 2**31 - 1))
def test_keep_top_k_keeps_the_k_largest_of_each_row(n, m, k, seed):
    rng = np.random.default_rng(seed)
    values = rng.integers(-3, 4, size=(n, m)).astype(float)  # small integers: many ties
    stored = rng.random((n, m)) < 0.6
    matrix = sp.csr_matrix((values[stored], np.nonzero(stored)), shape=(n, m))
    got = keep_top_k(matrix, k).toarray()
    for i in range(n):
        cols = np.flatnonzero(stored[i])
        best = cols[np.lexsort((cols, -values[i, cols]))][:k]
        expected = np.zeros(m)
        expected[best] = values[i, best]
        np.testing.assert_array_equal(got[i], expected)


def test_stemming_links_word_forms_of_the_same_fact():
    pytest.importorskip("Stemmer")
    texts = ["The river flooded the valley.", "Floods reached the valley road.", "Markets closed early."]
    plain, stemmed = tfidf_vectors(texts), tfidf_vectors(texts, stem=True)
    for x in (plain, stemmed):
        np.testing.assert_allclose(np.asarray(x.multiply(x).sum(axis=1)).ravel(), 1.0, rtol=1e-5)
    assert (stemmed[0] @ stemmed[1].T).toarray()[0, 0] > (plain[0] @ plain[1].T).toarray()[0, 0] > 0
    assert (stemmed[0] @ stemmed[2].T).nnz == 0
