"""What ROUGE does not say: how long, how repetitive, how abstractive, how many sources a summary uses.

Tokens are rouge-score's (lowercased alphanumeric runs, unstemmed) so the numbers line up with the
ROUGE scores beside them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Sequence

from summarizer.cluster import Cluster
from summarizer.summary import Summary


def tokens(text: str) -> list[str]:
    from summarizer.evaluation.rouge import _tokenizer

    return _tokenizer().tokenize(text)


def ngrams(toks: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)]


def redundancy(lines: Sequence[str], n: int = 2) -> float:
    """Share of the summary's n-grams that repeat an earlier one (0 = nothing said twice)."""
    grams = [g for line in lines for g in ngrams(tokens(line), n)]
    return 1.0 - len(set(grams)) / len(grams) if grams else 0.0


def novel_share(summary_lines: Sequence[str], source_grams: set[tuple[str, ...]], n: int) -> float:
    """Share of the summary's n-grams found in no source document (0 for pure extraction)."""
    grams = [g for line in summary_lines for g in ngrams(tokens(line), n)]
    return sum(g not in source_grams for g in grams) / len(grams) if grams else 0.0


def _source_grams(documents: Iterable[str], n: int) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for text in documents:
        # per line, so no n-gram spans two sentences the summary could not have joined
        for line in text.splitlines():
            out.update(ngrams(tokens(line), n))
    return out


def documents_used(summary: Summary, cluster: Cluster,
                   doc_grams: Sequence[set[tuple[str, ...]]] | None = None) -> tuple[int, str]:
    """How many source documents the summary draws on, and how we know.

    From provenance (``SummarySentence.sources``) when the method recorded it; otherwise each
    summary sentence is attributed to the document sharing most of its bigrams (at least half).
    """
    cited = {src.doc for s in summary.sentences for src in s.sources}
    if cited:
        return len(cited), "provenance"
    if doc_grams is None:
        doc_grams = [set(ngrams(tokens(d.text), 2)) for d in cluster.documents]
    used = set()
    for line in summary.lines:
        grams = set(ngrams(tokens(line), 2))
        if not grams or not doc_grams:
            continue
        shares = [len(grams & g) / len(grams) for g in doc_grams]
        top = max(range(len(shares)), key=shares.__getitem__)
        if shares[top] >= 0.5:
            used.add(top)
    return len(used), "overlap"


def source_grams(cluster: Cluster) -> tuple[frozenset, frozenset, tuple[frozenset, ...]]:
    """The cluster's unigrams, bigrams and each document's bigrams: computed once when many
    summaries of one cluster are diagnosed (a shared task has dozens per cluster), and remembered
    for the next evaluation of the same documents (the runs of a sweep in one process)."""
    return _grams_of(tuple(d.text for d in cluster.documents))


@lru_cache(maxsize=64)  # a duc2006 cluster's n-grams take about 4 MB
def _grams_of(docs: tuple[str, ...]) -> tuple[frozenset, frozenset, tuple[frozenset, ...]]:
    return (frozenset(_source_grams(docs, 1)), frozenset(_source_grams(docs, 2)),
            tuple(frozenset(ngrams(tokens(d), 2)) for d in docs))


def diagnose(summary: Summary, cluster: Cluster,
             grams: tuple[frozenset, frozenset, Sequence[frozenset]] | None = None) -> dict[str, float | int | str]:
    """Length, redundancy, novelty and source coverage of one summary."""
    lines = summary.lines
    docs = [d.text for d in cluster.documents]
    uni, bi, per_doc = grams if grams is not None else source_grams(cluster)
    n_used, how = documents_used(summary, cluster, per_doc)
    return {
        "length_words": sum(len(line.split()) for line in lines),
        "length_sentences": len(lines),
        "redundancy_bigrams": redundancy(lines, 2),
        "novel_unigrams": novel_share(lines, uni, 1),
        "novel_bigrams": novel_share(lines, bi, 2),
        "documents_used": n_used,
        "documents_total": len(docs),
        "documents_used_from": how,
    }


NUMERIC_DIAGNOSTICS = ("length_words", "length_sentences", "redundancy_bigrams", "novel_unigrams",
                       "novel_bigrams", "documents_used", "documents_total")
