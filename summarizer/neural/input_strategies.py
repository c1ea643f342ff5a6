"""Turning a cluster of documents into the one input a seq2seq model reads, within its token budget.

Models read a few hundred to a few thousand tokens; a news cluster is often ten times that. Each
strategy is a config option (a ``_target_`` under ``input_strategy``) and promises the same thing: the
text it returns is at most ``ctx.max_tokens`` tokens of the model's own tokenizer (special tokens and
task prefix already set aside), so nothing is silently cut by the tokenizer behind the user's back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Literal, Sequence

import numpy as np

from summarizer.base import ExtractiveSummarizer, Summarizer
from summarizer.budget import Budget
from summarizer.cluster import Cluster
from summarizer.pipeline import prepare as prepare_cluster


@dataclass
class InputContext:
    """What a strategy may know of the model: its tokenizer, its budget, its separator, and generate."""

    tokenizer: Any
    max_tokens: int
    separator: str = "\n"
    generate: Callable[[list[str]], list[str]] | None = None
    """Batched text -> summary, for strategies that summarize parts first (map-reduce)."""

    def ids(self, text: str) -> list[int]:
        return self.tokenizer(text, add_special_tokens=False)["input_ids"]

    def count(self, text: str) -> int:
        return len(self.ids(text)) if text else 0

    def truncate(self, text: str, n: int) -> str:
        """The longest prefix of ``text`` (cut at a token boundary) of at most ``n`` tokens."""
        if n <= 0 or not text:
            return ""
        enc = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        offsets = enc["offset_mapping"]
        if len(offsets) <= n:
            return text
        cut = text[: offsets[n - 1][1]].rstrip()
        # Re-tokenising a prefix can merge differently at the cut; shrink until it really fits.
        while cut and self.count(cut) > n:
            n -= 1
            cut = text[: offsets[n - 1][1]].rstrip() if n > 0 else ""
        return cut

    def join(self, parts: Sequence[str]) -> str:
        sep = self.separator if self.separator.isspace() else f" {self.separator} "
        return sep.join(p for p in parts if p)

    def fit(self, text: str) -> str:
        """The final guarantee every strategy ends with."""
        return self.truncate(text, self.max_tokens)


def document_texts(cluster: Cluster) -> list[str]:
    """Each document as its cleaned sentences joined by spaces (the text provenance links back to)."""
    per_doc: list[list[str]] = [[] for _ in cluster.documents]
    for s in prepare_cluster(cluster).sentences:
        per_doc[s.doc].append(s.text)
    return [" ".join(sents) for sents in per_doc]


class InputStrategy:
    """Base: one model input per cluster. Strategies that need the model override ``inputs``."""

    name = "strategy"

    def prepare(self, cluster: Cluster, ctx: InputContext) -> str:
        raise NotImplementedError

    def inputs(self, clusters: Sequence[Cluster], ctx: InputContext) -> list[str]:
        return [self.prepare(prepare_cluster(c), ctx) for c in clusters]

    def describe(self) -> dict[str, Any]:
        return {"name": self.name}


def equal_shares(lengths: Sequence[int], total: int) -> list[int]:
    """Split ``total`` tokens over documents fairly: short ones keep all they have, the rest share equally.

    Water-filling, so no budget is wasted on a short document's unused share.
    """
    shares = [0] * len(lengths)
    left = max(total, 0)
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    for k, i in enumerate(order):
        fair = left // (len(order) - k)
        shares[i] = min(lengths[i], fair)
        left -= shares[i]
    return shares


@dataclass
class Concatenate(InputStrategy):
    """All documents joined by the model's document separator.

    truncation: "end" keeps the concatenation's start (early documents win, as most MDS papers do);
        "equal" gives each document an equal share of the budget (leads of every article survive).
    """

    truncation: Literal["end", "equal"] = "end"
    name = "concatenate"

    def __post_init__(self) -> None:
        if self.truncation not in ("end", "equal"):
            raise ValueError(f"concatenate truncation must be 'end' or 'equal', not {self.truncation!r}")

    def prepare(self, cluster: Cluster, ctx: InputContext) -> str:
        return self.combine(document_texts(cluster), ctx)

    def combine(self, docs: Sequence[str], ctx: InputContext) -> str:
        """Join texts (documents, or partial summaries) within the budget."""
        docs = [d for d in docs if d]
        if self.truncation == "equal" and len(docs) > 1:
            sep_cost = ctx.count(ctx.join(["a", "b"])) - ctx.count(ctx.join(["a"])) - ctx.count("b")
            room = ctx.max_tokens - max(sep_cost, 1) * (len(docs) - 1)
            shares = equal_shares([ctx.count(d) for d in docs], room)
            docs = [ctx.truncate(d, n) for d, n in zip(docs, shares)]
        return ctx.fit(ctx.join(docs))

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "truncation": self.truncation}


@dataclass
class ExtractThenAbstract(InputStrategy):
    """An extractive method picks the sentences worth reading until the input budget is full.

    With an ``ExtractiveSummarizer`` the sentences are taken by its scores (skipping ones redundant
    with those already taken, per its selector); any other Summarizer's own summary order is used.
    order: "source" puts the picked sentences back in document order, grouped by document with the
        separator between documents (reads like the articles); "rank" keeps the best first.
    """

    extractor: Summarizer = field(default_factory=lambda: _default_extractor())
    order: Literal["source", "rank"] = "source"
    name = "extract-then-abstract"

    def prepare(self, cluster: Cluster, ctx: InputContext) -> str:
        cluster = prepare_cluster(cluster)
        sentences = cluster.sentences
        if not sentences:
            return ""
        ranked = self._ranked(cluster)
        chosen: list[int] = []
        used = 0
        sep_cost = max(ctx.count(ctx.join(["a", "b"])) - ctx.count("a") - ctx.count("b"), 1)
        for i in ranked:
            cost = ctx.count(sentences[i].text) + sep_cost
            if used + cost > ctx.max_tokens:
                continue
            chosen.append(i)
            used += cost
        if not chosen and ranked:  # a budget smaller than any sentence: the best one, cut
            return ctx.fit(sentences[ranked[0]].text)
        if self.order == "source":
            chosen.sort(key=lambda i: (sentences[i].doc, sentences[i].position))
            groups: dict[int, list[str]] = {}
            for i in chosen:
                groups.setdefault(sentences[i].doc, []).append(sentences[i].text)
            return ctx.fit(ctx.join([" ".join(g) for g in groups.values()]))
        return ctx.fit(" ".join(sentences[i].text for i in chosen))

    def _ranked(self, cluster: Cluster) -> list[int]:

        sentences = cluster.sentences
        if isinstance(self.extractor, ExtractiveSummarizer):
            space = cluster.space
            scores = np.asarray(self.extractor.score(space), dtype=np.float64)
            order = np.lexsort((np.arange(len(scores)), -scores))
            sel = self.extractor.selector
            if sel.redundancy >= 1.0:
                return [int(i) for i in order]
            vectors = space.tfidf
            kept: list[int] = []
            for i in order:
                if kept and float((vectors[kept] @ vectors[int(i)].T).max()) > sel.redundancy:
                    continue
                kept.append(int(i))
            return kept
        # A generic Summarizer: ask for everything, in its own order, and map back to sentences.
        summary = self.extractor.summarize(cluster, Budget(len(sentences), "sentences"))
        index = {(s.doc, s.position): k for k, s in enumerate(sentences)}
        return [index[(src.doc, src.position)] for ss in summary.sentences for src in ss.sources[:1]
                if (src.doc, src.position) in index]

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "extractor": getattr(self.extractor, "name", type(self.extractor).__name__),
                "order": self.order}


def _default_extractor() -> Summarizer:
    from summarizer.methods.textrank import TextRank

    return TextRank()


@dataclass
class MapReduce(InputStrategy):
    """Summarize each document, then the joined summaries, recursively until they fit the budget.

    Every map step is batched across documents and clusters. After ``max_rounds`` the joined
    summaries are cut with equal shares, so the budget holds even if summaries do not shrink.
    """

    max_rounds: int = 3
    name = "map-reduce"

    def inputs(self, clusters: Sequence[Cluster], ctx: InputContext) -> list[str]:
        if ctx.generate is None:
            raise ValueError("map-reduce needs a model to summarize documents with")
        parts = [[d for d in document_texts(c) if d] for c in clusters]
        for _ in range(self.max_rounds):
            todo = [k for k, p in enumerate(parts) if ctx.count(ctx.join(p)) > ctx.max_tokens]
            if not todo:
                break
            # Map: group each cluster's parts into chunks that fit, summarize every chunk in one batch.
            chunks = {k: self._chunks(parts[k], ctx) for k in todo}
            flat = [text for k in todo for text in chunks[k]]
            outputs = iter(ctx.generate(flat))
            for k in todo:
                parts[k] = [next(outputs).strip() for _ in chunks[k]]
        return [Concatenate("equal").combine(p, ctx) for p in parts]

    @staticmethod
    def _chunks(parts: list[str], ctx: InputContext) -> list[str]:
        """Greedy grouping of consecutive parts into inputs that fit (one part alone is truncated)."""
        out: list[str] = []
        current: list[str] = []
        for p in parts:
            if current and ctx.count(ctx.join(current + [p])) > ctx.max_tokens:
                out.append(ctx.fit(ctx.join(current)))
                current = []
            current.append(p)
        if current:
            out.append(ctx.fit(ctx.join(current)))
        return out

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "max_rounds": self.max_rounds}
