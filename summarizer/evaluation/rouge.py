"""ROUGE with Google's ``rouge-score``: the :class:`RougeScore` implementation of ``Metric``.

Each (peer, model) pair is scored by ``rouge_score.RougeScorer``; several models in one eval are
pooled as ROUGE-1.5.5's ``-f A`` does (``multiref.average``), which needs each model's size in
the metric's units (from rouge-score's own tokenizer). We never count n-grams ourselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

from summarizer.budget import Budget
from summarizer.evaluation.metric import Eval, EvalScores, Metric
from summarizer.evaluation.multiref import average
from summarizer.evaluation.scores import Score

ROUGE_SCORE_METRICS = re.compile(r"^rouge([1-9]|L|Lsum)$")


@lru_cache(maxsize=2)
def _cached_tokenizer(stemming: bool):
    """rouge-score's DefaultTokenizer, remembering texts it has seen.

    Scoring k references against m peers tokenizes (and Porter-stems) each text k or m times
    otherwise; stemming dominates the cost. Lines are cached one by one (rouge-score's tokenizer
    treats a newline as any other space), so summaries that share sentences, as the oracle's
    candidates do, share the work. The tokens are rouge-score's own, only computed once.
    """
    from rouge_score import tokenizers

    class CachedTokenizer(tokenizers.Tokenizer):
        def __init__(self) -> None:
            inner = tokenizers.DefaultTokenizer(use_stemmer=stemming)
            self._line = lru_cache(maxsize=1 << 16)(lambda line: tuple(inner.tokenize(line)))

        def tokenize(self, text):
            return [tok for line in text.split("\n") for tok in self._line(line)]

    return CachedTokenizer()


@lru_cache(maxsize=8)
def _scorer(metrics: tuple[str, ...], stemming: bool):
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(metrics), use_stemmer=stemming, split_summaries=False,
                                    tokenizer=_cached_tokenizer(stemming))


def _tokenizer():
    return _cached_tokenizer(False)  # stemming never changes a token count


def sentence_lines(text: str, split: bool = False) -> list[str]:
    """The text as non-empty stripped lines (what ROUGE's SPL reader keeps).

    ``split=True`` also splits a one-line text into sentences with the project's Punkt splitter
    (the ``sentences: split`` setting); by default the lines a text has are its sentences.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if split and len(lines) == 1:
        from summarizer.sentences import split_sentences

        lines = [s.strip() for s in split_sentences(lines[0]) if s.strip()] or lines
    return lines


def prepare(text: str, truncate: Budget | None, split: bool = False) -> str:
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


def score_pair(peer: str, reference: str, metrics: tuple[str, ...], stemming: bool) -> dict[str, Score]:
    """``{metric: Score}`` of one peer against one reference, texts already prepared."""
    return dict(_score_pair(peer, reference, tuple(metrics), stemming))


@lru_cache(maxsize=1 << 16)
def _score_pair(peer: str, reference: str, metrics: tuple[str, ...], stemming: bool) -> tuple[tuple[str, Score], ...]:
    """rouge-score's numbers for one pair, remembered: the runs of a sweep (and resumed runs) score
    the same references against many identical summaries (every seed of a deterministic method,
    settings that do not change the selection), and the pure-Python LCS of ROUGE-L/Lsum is the
    cost of evaluation. Same inputs, same rouge-score call, same numbers."""
    raw = _scorer(metrics, stemming).score(reference, peer)
    return tuple((m, Score(*raw[m])) for m in metrics)


def score_references(peer: str, references: Sequence[str], metrics: tuple[str, ...], stemming: bool,
                     truncate: Budget | None = None, split: bool = False
                     ) -> tuple[list[dict[str, Score]], list[dict[str, int]]]:
    """Per-reference scores and reference sizes, ready for a ``multiref`` policy."""
    peer_text = prepare(peer, truncate, split)
    refs = [prepare(r, truncate, split) for r in references]
    scores = [score_pair(peer_text, r, metrics, stemming) for r in refs]
    sizes = [{m: units(r, m) for m in metrics} for r in refs]
    return scores, sizes


def _score_pairs(pairs: list[tuple[str, str]], metrics: tuple[str, ...], stemming: bool) -> list[dict[str, Score]]:
    return [score_pair(p, m, metrics, stemming) for p, m in pairs]


def _score_in_jobs(pairs: list[tuple[str, str]], metrics: tuple[str, ...], stemming: bool,
                   n_jobs: int) -> list[dict[str, Score]]:
    """``_score_pairs`` in ``n_jobs`` worker processes (-1: every core) when there is enough work."""
    if n_jobs == 1 or len(pairs) < 64:
        return _score_pairs(pairs, metrics, stemming)
    from joblib import Parallel, delayed

    from summarizer.children import TiedToParent

    n = n_jobs if n_jobs > 0 else -1
    size = max(16, len(pairs) // (4 * (n if n > 0 else 4)))
    chunks = [pairs[i:i + size] for i in range(0, len(pairs), size)]
    parts = Parallel(n_jobs=n)(delayed(TiedToParent(_score_pairs))(c, metrics, stemming) for c in chunks)
    return [r for part in parts for r in part]


@dataclass(frozen=True)
class RougeScore(Metric):
    """rouge-score's ROUGE-N/L/Lsum; several models in an eval pooled like ROUGE-1.5.5 ``-f A``."""

    metrics: tuple[str, ...] = ("rouge1", "rouge2", "rougeL", "rougeLsum")
    stemming: bool = True
    truncate: Budget | None = None
    cache: str | Path | None = field(default=None, compare=False)
    """An SQLite file of rouge-score results shared by runs and processes (``rouge_cache``); None: none.
    It never changes a number, only whether rouge-score has to be called again."""
    name = "rouge-score"

    def __post_init__(self) -> None:
        object.__setattr__(self, "metrics", tuple(self.metrics))
        bad = [m for m in self.metrics if not ROUGE_SCORE_METRICS.match(m)]
        if bad:
            raise ValueError(f"backend rouge-score cannot compute {', '.join(bad)}")

    @property
    def names(self) -> tuple[str, ...]:
        return self.metrics

    def score_evals(self, evals: Sequence[Eval], n_jobs: int = 1,
                    on_done: Callable[[int], None] | None = None) -> EvalScores:
        """Each distinct (peer, model) pair is scored once, however many evals share it (jackknifing)."""
        prep: dict[str, str] = {}

        def p(text: str) -> str:
            if text not in prep:
                prep[text] = prepare(text, self.truncate)
            return prep[text]

        pairs = list(dict.fromkeys((p(pt), p(mt)) for e in evals for pt in e.peers.values()
                                   for mt in e.models.values()))
        results = self._score_unique(pairs, n_jobs)
        by_pair = dict(zip(pairs, results))
        sizes = {t: {m: units(t, m) for m in self.metrics} for t in {mt for _, mt in pairs}}
        out: dict[str, dict[str, dict[str, Score]]] = {}
        for e in evals:
            models = [p(t) for t in e.models.values()]
            row = out.setdefault(e.id, {})
            for peer, text in e.peers.items():
                per_model = [by_pair[(p(text), m)] for m in models]
                row[peer] = {name: average([s[name] for s in per_model], [sizes[m][name] for m in models])
                             for name in self.metrics}
            if on_done:
                on_done(len(e.peers))
        return EvalScores(scores=out)

    def _score_unique(self, pairs: list[tuple[str, str]], n_jobs: int) -> list[dict[str, Score]]:
        """rouge-score on each distinct pair: from the cache file when it has it, else computed (in
        ``n_jobs`` processes when there is enough work) and added to the cache."""
        from summarizer.evaluation.rouge_cache import RougeCache, pair_key

        known: dict[tuple[str, str], dict[str, Score]] = {}
        keys: dict[tuple[str, str], str] = {}
        store = RougeCache(self.cache) if self.cache is not None else None
        try:
            if store is not None:
                keys = {pair: pair_key(pair[0], pair[1], self.metrics, self.stemming) for pair in pairs}
                hits = store.get_many(keys.values())
                known = {pair: hits[k] for pair, k in keys.items() if k in hits}
            todo = [pair for pair in pairs if pair not in known]
            computed = _score_in_jobs(todo, self.metrics, self.stemming, n_jobs)
            known.update(zip(todo, computed))
            if store is not None and todo:
                store.put_many({keys[pair]: scores for pair, scores in zip(todo, computed)})
        finally:
            if store is not None:
                store.close()
        return [known[pair] for pair in pairs]

    def describe(self) -> str:
        from summarizer.evaluation.settings import _version

        return f"rouge-score {_version('rouge-score')}"
