"""The blocked embedding graph against the dense n x n reference (no model needed: random unit vectors)."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.embeddings import embedding_graph


def dense_reference(v: np.ndarray, threshold: float, k: int | None) -> np.ndarray:
    sim = v @ v.T
    np.fill_diagonal(sim, 0.0)
    sim[sim <= max(threshold, 0.0)] = 0.0
    if k is None:
        return sim
    out = np.zeros_like(sim)
    for i, row in enumerate(sim):
        cols = np.flatnonzero(row)
        best = cols[np.lexsort((cols, -row[cols]))][:k]
        out[i, best] = row[best]
    return np.maximum(out, out.T)


@pytest.mark.parametrize("k", [None, 1, 4])
@pytest.mark.parametrize("block_entries", [7, 10_000])
def test_blocked_graph_equals_dense_reference(k, block_entries):
    rng = np.random.default_rng(0)
    v = rng.normal(size=(37, 8)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    v[5] = v[6]  # an exact tie
    got = embedding_graph(v, threshold=0.1, top_k=k, block_entries=block_entries).toarray()
    np.testing.assert_allclose(got, dense_reference(v, 0.1, k), rtol=1e-5, atol=1e-6)


def test_memory_is_linear_with_top_k():
    rng = np.random.default_rng(1)
    v = rng.normal(size=(3000, 16)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    g = embedding_graph(v, top_k=5, block_entries=100_000)
    assert g.nnz <= 2 * 5 * 3000 and g.diagonal().sum() == 0
    assert embedding_graph(v[:0], top_k=5).shape == (0, 0)
