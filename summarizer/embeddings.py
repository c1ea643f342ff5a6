"""Dense sentence similarity through sentence-transformers, an optional extra (``pip install mds-brief[embeddings]``).

Nothing here is imported on the lexical path: importing sentence-transformers pulls in torch.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import numpy as np
import scipy.sparse as sp

from summarizer.similarity import keep_top_k, resolve_top_k


@lru_cache(maxsize=2)
def load_encoder(model: str, device: str | None = None):
    """A SentenceTransformer by hub name or local path, loaded once per process."""
    from summarizer.errors import InputError

    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise InputError("sentence embeddings need sentence-transformers: pip install 'mds-brief[embeddings]'") from exc
    try:
        return SentenceTransformer(model, device=device)
    except (OSError, ValueError) as exc:  # no such folder, not on the hub, hub unreachable
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"cannot load sentence-transformers model {model!r}: {first}") from exc


def embed(texts: Sequence[str], model: str, batch_size: int = 64, device: str | None = None) -> np.ndarray:
    """L2-normalised sentence embeddings, one row per text."""
    encoder = load_encoder(model, device)
    vectors = encoder.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                             convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


BLOCK_ENTRIES = 4_000_000
"""Similarities computed at once when building an embedding graph (16 MB of float32 per block)."""


def embedding_graph(vectors: np.ndarray, threshold: float = 0.0, top_k: int | str | None = None,
                    block_entries: int = BLOCK_ENTRIES) -> sp.csr_matrix:
    """Cosine graph of normalised embeddings, no self loops; similarities <= 0 are dropped (PageRank needs >= 0).

    Built in row blocks of ``vectors[block] @ vectors.T`` (never an n x n array). With ``top_k``
    each row keeps its k strongest edges (ties to the lower index; symmetrised), so memory is
    linear in n; time is n^2 d multiply-adds in BLAS, seconds at 10k sentences. The exact graph
    (``top_k`` None) keeps every positive pair and is quadratic by nature.
    """
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n = vectors.shape[0]
    k = resolve_top_k(top_k, n)
    floor = max(threshold, 0.0)
    step = max(1, block_entries // max(n, 1))
    parts = []
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        sim = vectors[lo:hi] @ vectors.T
        sim[np.arange(hi - lo), np.arange(lo, hi)] = 0.0
        sim[sim <= floor] = 0.0
        if k is not None and k < n - 1:
            # entries below each row's k-th largest can never be kept: drop them before going sparse
            kth = -np.partition(-sim, k - 1, axis=1)[:, k - 1:k]
            sim[sim < kth] = 0.0
            block = keep_top_k(sp.csr_matrix(sim), k)
        else:
            block = sp.csr_matrix(sim)
        block.eliminate_zeros()
        parts.append(block)
    graph = sp.vstack(parts, format="csr") if parts else sp.csr_matrix((0, 0), dtype=np.float32)
    if k is not None:
        graph = graph.maximum(graph.T).tocsr()
    return graph
