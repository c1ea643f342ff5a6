"""Ranking on sentence graphs: PageRank by power iteration on a scipy sparse matrix."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def pagerank(weights: sp.spmatrix, damping: float = 0.85, tol: float = 1e-8, max_iter: int = 200,
             personalization: np.ndarray | None = None) -> np.ndarray:
    """Stationary distribution of the random surfer on a weighted graph.

    Rows are normalised to transition probabilities; dangling nodes (no edges) jump uniformly (or by
    ``personalization``), so isolated sentences keep a small, equal score instead of NaN.
    """
    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    w = sp.csr_matrix(weights, dtype=np.float64)
    out_degree = np.asarray(w.sum(axis=1)).ravel()
    dangling = out_degree == 0
    inv = np.divide(1.0, out_degree, out=np.zeros_like(out_degree), where=~dangling)
    # The transposed transition matrix: column i of the transpose is row i of w over its out-degree
    # (the same products, in the same order, as transposing diag(inv) @ w, without that product).
    transition_t = w.T.tocsr()
    transition_t.data *= inv[transition_t.indices]
    teleport = np.full(n, 1.0 / n) if personalization is None else personalization / personalization.sum()
    jump = (1 - damping) * teleport
    any_dangling = bool(dangling.any())  # else their mass is 0 and adding it changes nothing
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        moved = transition_t @ rank
        if any_dangling:
            moved += rank[dangling].sum() * teleport
        new = damping * moved + jump
        if np.abs(new - rank).sum() < tol:
            rank = new
            break
        rank = new
    return rank / rank.sum()
