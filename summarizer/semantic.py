"""Offline semantic sentence similarity: WordLlama static embeddings (16 MB, shipped inside the package).

Lexical cosine cannot tell a paraphrase ("Three sailors lost their lives" / "The collision killed
three crew members") from a new fact; averaged word embeddings can, in part, at a cost of about a
millisecond per hundred sentences and no torch. The weights and tokenizer come from the wordllama
package folder itself, downloads disabled, so this works without a network. Imported lazily: the
package import (~0.3-0.8 s with pydantic and requests) is paid only when a briefing needs it.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from typing import Sequence

import numpy as np

DIMENSIONS = 256

MAX_SENTENCES = 20_000
"""Above this many sentences briefings skip the embeddings (about 7,000 sentences per CPU second):
citations and redundancy fall back to TF-IDF, and the briefing says so."""


def serial_tokenizer() -> None:
    """Tokenize on the calling thread unless the user chose otherwise (``TOKENIZERS_PARALLELISM``,
    the ``tokenizers`` library's switch, read once per process at its first batch).

    WordLlama tokenizes batches of at most 256 sentences; the library's thread pool cost more CPU
    than it saved there (embedding a duc2006 cluster: about a fifth less CPU on one thread, and no
    more wall time on the 2-core development machine; docs/speed.md). The tokens are the same. The
    setting is the process's: later Hugging Face tokenizers in the same process tokenize serially too.
    """
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@lru_cache(maxsize=1)
def load_model():
    """The packaged WordLlama model (``l2_supercat``, 256 dimensions), loaded once per process."""
    serial_tokenizer()
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import wordllama  # its __init__ calls logging.basicConfig(level=INFO): undone below
    except ImportError as exc:
        raise ImportError("semantic similarity needs the wordllama package: pip install wordllama") from exc
    finally:
        for h in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(h)
        root.setLevel(level)
    from pathlib import Path

    logging.getLogger("wordllama").setLevel(logging.WARNING)
    # The package ships its weights in wordllama/weights and its tokenizer in wordllama/tokenizers:
    # the cache layout `load` looks in, so pointing the cache at the package folder finds both.
    return wordllama.WordLlama.load(config="l2_supercat", dim=DIMENSIONS, cache_dir=Path(wordllama.__file__).parent,
                                    disable_download=True)


def embed(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """L2-normalised embeddings, one float32 row per text (zero rows for texts with no known token).

    Each distinct text is embedded once, and the texts go to the model shortest first: WordLlama
    pads every batch to its longest text and pools over the padded array, so batches of similar
    lengths do less work (about a third less on news clusters); batches of 64 rather than 256 pad
    less again (about 6% less CPU on duc2006 clusters, docs/speed.md). The rows are the same either
    way: pooling sums a text's own tokens, and padding only adds zeros at the end.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    distinct = list(dict.fromkeys(texts))
    order = sorted(range(len(distinct)), key=lambda i: len(distinct[i]))
    pooled = np.asarray(load_model().embed([distinct[i] for i in order], norm=False, batch_size=batch_size),
                        dtype=np.float32)
    vectors = np.empty_like(pooled)
    vectors[order] = pooled
    if len(distinct) < len(texts):
        row = {text: i for i, text in enumerate(distinct)}
        vectors = vectors[[row[t] for t in texts]]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    np.divide(vectors, norms, out=vectors, where=norms > 0)
    return vectors


def available() -> bool:
    """True when wordllama is installed (checked without importing it)."""
    import importlib.util

    return importlib.util.find_spec("wordllama") is not None


__all__ = ["embed", "load_model", "serial_tokenizer", "available", "DIMENSIONS", "MAX_SENTENCES"]
