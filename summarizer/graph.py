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
    transition_t = (sp.diags(inv) @ w).T.tocsr()
    teleport = np.full(n, 1.0 / n) if personalization is None else personalization / personalization.sum()
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        new = damping * (transition_t @ rank + rank[dangling].sum() * teleport) + (1 - damping) * teleport
        if np.abs(new - rank).sum() < tol:
            rank = new
            break
        rank = new
    return rank / rank.sum()
