"""Word-overlap (Mihalcea & Tarau) and BM25 (Barrios et al.) sentence graphs, checked against hand counts."""

import math

import numpy as np
import pytest

from summarizer.lexical import bm25_graph, overlap_graph, term_counts

TEXTS = ["storm river town storm", "river town bridge", "penguin ice"]


def test_overlap_matches_the_paper_formula():
    g = overlap_graph(term_counts(TEXTS, stop_words=None)).toarray()
    # shared distinct words {river, town} / (log 4 + log 3)
    assert g[0, 1] == pytest.approx(2 / (math.log(4) + math.log(3)))
    assert g[0, 1] == g[1, 0] and g[0, 2] == 0 and np.all(np.diag(g) == 0)


def test_one_word_sentences_do_not_divide_by_zero():
    g = overlap_graph(term_counts(["storm", "storm", "river"], stop_words=None)).toarray()
    assert np.isfinite(g).all() and g[0, 1] == 1.0 and g[0, 2] == 0


def test_bm25_matches_a_hand_computation():
    k1, b = 1.2, 0.75
    counts = term_counts(TEXTS, stop_words=None)
    g = bm25_graph(counts, k1=k1, b=b).toarray()
    n, avg = 3, (4 + 3 + 2) / 3
    idf = {w: math.log((n - df + 0.5) / (df + 0.5)) for w, df in {"river": 2, "town": 2}.items()}
    # both words are in 2 of 3 sentences: negative IDF, floored at epsilon * mean positive IDF
    positive = [math.log((3 - 1 + 0.5) / 1.5)]  # storm, bridge, penguin, ice: df = 1
    floor = 0.25 * positive[0]
    assert all(v < 0 for v in idf.values())
    # query = sentence 0 (river x1, town x1), document = sentence 1 (length 3)
    tf_part = 1 * (k1 + 1) / (1 + k1 * (1 - b + b * 3 / avg))
    assert g[0, 1] == pytest.approx(2 * floor * tf_part)
    # document = sentence 0 (length 4), query = sentence 1
    tf_part0 = 1 * (k1 + 1) / (1 + k1 * (1 - b + b * 4 / avg))
    assert g[1, 0] == pytest.approx(2 * floor * tf_part0)
    assert g[0, 1] != g[1, 0]


def test_top_k_and_empty_vocabulary():
    counts = term_counts(["a b c storm river", "storm river", "storm", "river"], stop_words=None)
    assert (overlap_graph(counts, top_k=1).getnnz(axis=1) >= 1).all()
    empty = term_counts(["the and", "of"])
    assert overlap_graph(empty).nnz == 0 and bm25_graph(empty).nnz == 0


def test_bigram_concepts_count_documents_not_sentences():
    from summarizer.lexical import bigram_concepts

    texts = ["Heavy rains flooded the valley.", "Heavy rain fell again.", "Heavy rain and wind.", "Of the and."]
    incidence, df = bigram_concepts(texts, docs=[0, 0, 1, 1])
    assert incidence.shape[0] == 4
    # "heavy rain" (stemmed) is in sentences 0, 1 (doc 0) and 2 (doc 1): 2 documents
    assert sorted(df.tolist())[-1] == 2
    assert incidence[3].nnz == 0  # "of the", "the and": stop-word pairs are not concepts


def _dense_top_k(exact: np.ndarray, k: int, symmetric: bool) -> np.ndarray:
    """Reference: each row's k largest entries (ties to the lower column), from the full matrix."""
    out = np.zeros_like(exact)
    for i, row in enumerate(exact):
        cols = np.flatnonzero(row > 0)
        best = cols[np.lexsort((cols, -row[cols]))][:k]
        out[i, best] = row[best]
    return np.maximum(out, out.T) if symmetric else out


@pytest.mark.parametrize("kind", ["overlap", "bm25"])
@pytest.mark.parametrize("k", [1, 3])
def test_top_k_graphs_equal_the_full_product_cut_to_k(kind, k):
    rng = np.random.default_rng(k)
    words = [f"w{i}" for i in range(30)]
    texts = [" ".join(rng.choice(words, size=rng.integers(1, 9))) for _ in range(40)]
    counts = term_counts(texts, stop_words=None)
    build = overlap_graph if kind == "overlap" else bm25_graph
    exact = build(counts).toarray()
    got = build(counts, top_k=k).toarray()
    np.testing.assert_allclose(got, _dense_top_k(exact, k, symmetric=kind == "overlap"), rtol=1e-5, atol=1e-7)


def test_exact_graph_of_a_huge_cluster_is_refused_with_advice(monkeypatch):
    import summarizer.lexical as lexical

    monkeypatch.setattr(lexical, "EXACT_MAX_PAIRS", 10)
    counts = term_counts(["storm river"] * 10, stop_words=None)
    with pytest.raises(ValueError, match="method.top_k=auto"):
        overlap_graph(counts, top_k=None)
    assert overlap_graph(counts, top_k=2).nnz <= 2 * 2 * 10  # the advice works: at most k edges a row, symmetrised
