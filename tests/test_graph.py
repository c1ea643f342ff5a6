"""PageRank on sparse graphs against a dense linear-algebra reference (and networkx when installed)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from summarizer.graph import pagerank


def dense_pagerank(weights: np.ndarray, damping: float, personalization: np.ndarray | None = None) -> np.ndarray:
    """Solve x = d P'^T x + (1 - d) v exactly, P' row-normalised with dangling rows replaced by v."""
    n = len(weights)
    v = np.full(n, 1.0 / n) if personalization is None else personalization / personalization.sum()
    out = weights.sum(axis=1)
    p = np.where(out[:, None] > 0, weights / np.where(out > 0, out, 1)[:, None], v[None, :])
    return np.linalg.solve(np.eye(n) - damping * p.T, (1 - damping) * v)


def random_graph(n: int, density: float, seed: int, symmetric: bool = True) -> np.ndarray:
    rng = np.random.default_rng(seed)
    w = rng.random((n, n)) * (rng.random((n, n)) < density)
    np.fill_diagonal(w, 0)
    return np.maximum(w, w.T) if symmetric else w


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("symmetric", [True, False])
def test_matches_the_dense_solution(seed, symmetric):
    w = random_graph(30, 0.15, seed, symmetric)  # sparse enough to leave some dangling nodes
    rank = pagerank(sp.csr_matrix(w), damping=0.85, tol=1e-13, max_iter=1000)
    assert rank.sum() == pytest.approx(1.0)
    assert (rank > 0).all()
    np.testing.assert_allclose(rank, dense_pagerank(w, 0.85), rtol=1e-7, atol=1e-10)


def test_personalization_matches_the_dense_solution():
    w = random_graph(25, 0.2, 7)
    v = np.arange(1, 26, dtype=float)
    rank = pagerank(sp.csr_matrix(w), damping=0.7, tol=1e-13, max_iter=1000, personalization=v)
    np.testing.assert_allclose(rank, dense_pagerank(w, 0.7, v), rtol=1e-7, atol=1e-10)


def test_matches_networkx():
    nx = pytest.importorskip("networkx")
    w = random_graph(40, 0.1, 11)
    graph = nx.from_numpy_array(w)
    expected = nx.pagerank(graph, alpha=0.85, tol=1e-12, max_iter=1000, weight="weight")
    rank = pagerank(sp.csr_matrix(w), damping=0.85, tol=1e-13, max_iter=1000)
    np.testing.assert_allclose(rank, [expected[i] for i in range(40)], rtol=1e-6, atol=1e-9)


def test_edge_cases():
    assert pagerank(sp.csr_matrix((0, 0))).shape == (0,)
    isolated = pagerank(sp.csr_matrix((5, 5)))
    np.testing.assert_allclose(isolated, 0.2)
    star = np.zeros((4, 4))
    star[0, 1:] = star[1:, 0] = 1.0
    rank = pagerank(sp.csr_matrix(star))
    assert rank[0] > rank[1] and rank[1:].std() < 1e-12  # the hub ranks first, the leaves tie


def test_deterministic_and_invariant_to_weight_scale():
    w = sp.csr_matrix(random_graph(50, 0.1, 3))
    a, b = pagerank(w), pagerank(w)
    assert np.array_equal(a, b)
    np.testing.assert_allclose(pagerank(w * 10.0), a, rtol=1e-9)
