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
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ImportError("the embedding similarity needs sentence-transformers: "
                          "pip install 'mds-brief[embeddings]'") from exc
    return SentenceTransformer(model, device=device)


def embed(texts: Sequence[str], model: str, batch_size: int = 64, device: str | None = None) -> np.ndarray:
    """L2-normalised sentence embeddings, one row per text."""
    encoder = load_encoder(model, device)
    vectors = encoder.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                             convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def embedding_graph(vectors: np.ndarray, threshold: float = 0.0, top_k: int | str | None = None) -> sp.csr_matrix:
    """Cosine graph of normalised embeddings; negative similarities are dropped (PageRank needs >= 0)."""
    sim = vectors @ vectors.T
    np.fill_diagonal(sim, 0.0)
    sim[sim < max(threshold, 0.0)] = 0.0
    graph = sp.csr_matrix(sim.astype(np.float64))
    graph.eliminate_zeros()
    top_k = resolve_top_k(top_k, graph.shape[0])
    if top_k is not None and top_k > 0:
        graph = keep_top_k(graph, top_k)
        graph = graph.maximum(graph.T).tocsr()
    return graph
