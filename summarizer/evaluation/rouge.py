"""The rouge-score backend: each (summary, reference) pair scored by Google's ``rouge-score``.

We never count n-grams ourselves; the only extra is each reference's size in the metric's units
(from rouge-score's own tokenizer), which ``-f A`` pooling in ``multiref`` needs.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from summarizer.budget import Budget
from summarizer.evaluation.multiref import PRF

ROUGE_SCORE_METRICS = re.compile(r"^rouge([1-9]|L|Lsum)$")


@lru_cache(maxsize=2)
def _cached_tokenizer(stemming: bool):
    """rouge-score's DefaultTokenizer, remembering texts it has seen.

    Scoring k references against m peers tokenizes (and Porter-stems) each text k or m times
    otherwise; stemming dominates the cost. The tokens are rouge-score's own, only computed once.
    """
    from rouge_score import tokenizers

    class CachedTokenizer(tokenizers.Tokenizer):
        def __init__(self) -> None:
            inner = tokenizers.DefaultTokenizer(use_stemmer=stemming)
            self._tokenize = lru_cache(maxsize=1 << 15)(lambda text: tuple(inner.tokenize(text)))

        def tokenize(self, text):
            return list(self._tokenize(text))

    return CachedTokenizer()


@lru_cache(maxsize=8)
def _scorer(metrics: tuple[str, ...], stemming: bool):
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(metrics), use_stemmer=stemming, split_summaries=False,
                                    tokenizer=_cached_tokenizer(stemming))


def _tokenizer():
    return _cached_tokenizer(False)  # stemming never changes a token count


def sentence_lines(text: str, split: bool = True) -> list[str]:
    """The text as non-empty stripped lines; a one-line text is split into sentences for ROUGE-Lsum.

    Summaries keep their own lines (one sentence per line by contract); references stored as one
    paragraph get the project's Punkt splitter, so Lsum sees sentences either way.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if split and len(lines) == 1:
        from summarizer.sentences import split_sentences

        lines = [s.strip() for s in split_sentences(lines[0]) if s.strip()] or lines
    return lines


def prepare(text: str, truncate: Budget | None, split: bool) -> str:
    """Lines (optionally cut like ROUGE-1.5.5 ``-l``/``-b``) joined by newlines."""
    lines = sentence_lines(text, split=split)
    if truncate is not None:
        lines = truncate.cut(lines)
    return "\n".join(lines)


def units(text: str, metric: str) -> int:
    """Size of a text in the metric's counting units: n-grams for rougeN, tokens for rougeL/Lsum."""
    n_tokens = len(_tokenizer().tokenize(text))
    if metric in ("rougeL", "rougeLsum"):
        return n_tokens
    return max(0, n_tokens - int(metric[5:]) + 1)


def score_pair(peer: str, reference: str, metrics: tuple[str, ...], stemming: bool) -> dict[str, PRF]:
    """``{metric: (R, P, F)}`` of one peer against one reference, texts already prepared."""
    return dict(_score_pair(peer, reference, tuple(metrics), stemming))


@lru_cache(maxsize=1 << 16)
def _score_pair(peer: str, reference: str, metrics: tuple[str, ...], stemming: bool) -> tuple[tuple[str, PRF], ...]:
    """rouge-score's numbers for one pair, remembered: the runs of a sweep (and resumed runs) score
    the same references against many identical summaries (every seed of a deterministic method,
    settings that do not change the selection), and the pure-Python LCS of ROUGE-L/Lsum is the
    cost of evaluation. Same inputs, same rouge-score call, same numbers."""
    raw = _scorer(metrics, stemming).score(reference, peer)
    return tuple((m, (raw[m].recall, raw[m].precision, raw[m].fmeasure)) for m in metrics)


def score_references(peer: str, references: Sequence[str], metrics: tuple[str, ...], stemming: bool,
                     truncate: Budget | None = None, split: bool = True
                     ) -> tuple[list[dict[str, PRF]], list[dict[str, int]]]:
    """Per-reference scores and reference sizes, ready for a ``multiref`` policy.

    ``split=False`` keeps one-line texts as one line for ROUGE-Lsum, as ROUGE-1.5.5 reads SPL files.
    """
    split = split and "rougeLsum" in metrics
    peer_text = prepare(peer, truncate, split)
    refs = [prepare(r, truncate, split) for r in references]
    scores = [score_pair(peer_text, r, metrics, stemming) for r in refs]
    sizes = [{m: units(r, m) for m in metrics} for r in refs]
    return scores, sizes
