"""A briefing: a summary turned into something an analyst can forward, with every point cited.

A point is cited to *every* article that states it, not only the one its sentence was copied from:
news clusters repeat facts, and how many outlets carry a fact is part of the briefing. An article
states a point when one of its sentences has TF-IDF cosine similarity at least ``CITATION_THRESHOLD``
with the point (vectors from ``cluster.space.tfidf``: stop words removed, sublinear tf, IDF
over the cluster's sentences).

``Briefing`` is plain frozen data; renderers (``render_markdown``, ``render_json``, and
``summarizer.briefing_html`` for HTML) need nothing else.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Mapping

import numpy as np

from summarizer.cluster import Cluster
from summarizer.summary import Summary

CITATION_THRESHOLD = 0.3
"""TF-IDF cosine at which another article's sentence counts as stating the same point. On news
clusters, paraphrases of one fact by two outlets score about 0.3-0.6 and sentences that merely share
names (Putin, Hollande, Syria) about 0.1-0.25; 0.3 keeps the first and drops the second."""

HEADLINE_CHARS = 200
"""No headline is longer than this, whatever the words (a file without spaces is one 'word')."""
HEADLINE_WORDS = 16


@dataclass(frozen=True)
class Citation:
    """An article that states a point: its number in the source list and its closest sentence."""

    source: int
    """1-based number in ``Briefing.sources``."""
    doc: int
    position: int
    similarity: float
    doc_id: str = ""


UNSUPPORTED = "(unsupported: no source sentence found)"


@dataclass(frozen=True)
class Point:
    text: str
    score: float
    doc: int | None
    """Document the point's sentence was taken from (None for unsupported generated text)."""
    position: int | None
    citations: tuple[Citation, ...]
    doc_id: str | None = None

    @property
    def supported(self) -> bool:
        """False for generated text that no source sentence supports: briefings flag it."""
        return bool(self.citations)

    @property
    def markers(self) -> str:
        if not self.citations:
            return UNSUPPORTED
        return "".join(f"[{c.source}]" for c in self.citations)


@dataclass(frozen=True)
class Source:
    number: int
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Briefing:
    cluster_id: str
    headline: str
    points: tuple[Point, ...]
    sources: tuple[Source, ...]
    method: str
    budget: str
    citation_threshold: float = CITATION_THRESHOLD
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["metadata"] = dict(self.metadata)
        for row, point in zip(out["points"], self.points):
            row["supported"] = point.supported
        return out


def build_briefing(summary: Summary, cluster: Cluster, threshold: float = CITATION_THRESHOLD) -> Briefing:
    """Cite every point to all articles stating it, pick a headline, list the sources."""
    space = cluster.space
    sentences = space.sentences
    index = {(s.doc, s.position): i for i, s in enumerate(sentences)}
    n_docs = len(cluster.documents)
    ids = [d.id for d in cluster.documents]
    points = []
    if summary.sentences and sentences:
        vectors = space.tfidf
        doc_of = np.fromiter((s.doc for s in sentences), dtype=np.int64, count=len(sentences))
        for sent in summary.sentences:
            rows = [index[(x.doc, x.position)] for x in sent.sources if (x.doc, x.position) in index]
            if not rows:  # provenance found no support: flag it rather than guess citations
                points.append(Point(sent.text, float(sent.score), None, None, ()))
                continue
            sims = np.asarray((vectors[rows] @ vectors.T).max(axis=0).todense()).ravel()
            citations = []
            for d in range(n_docs):
                mask = doc_of == d
                if not mask.any():
                    continue
                local = np.flatnonzero(mask)
                best = local[int(np.argmax(sims[local]))]
                own = any(x.doc == d for x in sent.sources)
                if own:  # the source itself: cite the sentence the point was taken from
                    x = next(x for x in sent.sources if x.doc == d)
                    citations.append(Citation(d + 1, d, x.position, 1.0, ids[d]))
                elif sims[best] >= threshold:
                    citations.append(Citation(d + 1, d, sentences[best].position, round(float(sims[best]), 4), ids[d]))
            points.append(Point(sent.text, float(sent.score), sent.doc, sent.position, tuple(citations),
                                ids[sent.doc] if sent.doc is not None and sent.doc < n_docs else None))
    sources = tuple(
        Source(i + 1, d.id, d.title, d.source, d.url, d.date.isoformat() if d.date else None)
        for i, d in enumerate(cluster.documents)
    )
    return Briefing(cluster.id, choose_headline(points, cluster), tuple(points), sources, summary.method,
                    str(summary.budget), threshold, dict(summary.metadata))


def choose_headline(points: list[Point] | tuple[Point, ...], cluster: Cluster) -> str:
    """The title of the article that states most of the briefing's points; else the top point, shortened.

    An article cited by most points covers the story as the briefing tells it, so its own headline
    (written by an editor) is the best one-line summary we have.
    """
    titled = {i for i, d in enumerate(cluster.documents) if d.title}
    if titled:
        weight: dict[int, float] = {}
        for p in points:
            for c in p.citations:
                if c.doc in titled:
                    weight[c.doc] = weight.get(c.doc, 0.0) + c.similarity
        if weight:
            best = max(sorted(weight), key=lambda d: weight[d])
            return _cap(str(cluster.documents[best].title))
        return _cap(str(cluster.documents[min(titled)].title))
    if not points:
        return "No content to brief"
    top = max(points, key=lambda p: p.score)
    return shorten(top.text)


def _cap(title: str, max_chars: int = HEADLINE_CHARS) -> str:
    return title if len(title) <= max_chars else title[:max_chars].rstrip() + "\u2026"


def shorten(text: str, max_words: int = HEADLINE_WORDS, max_chars: int = HEADLINE_CHARS) -> str:
    """A sentence as a headline: no final period; long ones cut at a clause boundary or with an ellipsis.

    ``max_chars`` also bounds text without spaces (a URL, CJK, a run of junk), which has one "word".
    """
    text = " ".join(text.split()).rstrip(" .")
    if len(text) > max_chars:
        text = text[:max_chars].rstrip() + "\u2026"
    words = text.split()
    if len(words) <= max_words:
        return text
    head = " ".join(words[:max_words])
    cut = max(head.rfind(", "), head.rfind("; "), head.rfind(" - "))
    if cut >= len(head) // 2:
        return head[:cut]
    return head + "\u2026"


def render_markdown(briefing: Briefing) -> str:
    """``# headline``, one bullet per point ending in citation markers, then ``## Sources``."""
    lines = [f"# {_md(briefing.headline)}", ""]
    if briefing.points:
        lines += [f"- {_md(p.text)} {p.markers}".rstrip() for p in briefing.points]
    else:
        lines.append("_No sentences could be extracted from these documents._")
    lines += ["", "## Sources", ""]
    for s in briefing.sources:
        title = _md(s.title) if s.title else f"`{s.id}`"
        extras = [x for x in (s.source, s.date) if x]
        line = f"{s.number}. {f'[{title}]({s.url})' if s.url else title}"
        if extras:
            line += f" ({', '.join(extras)})"
        if s.title:
            line += f" `{s.id}`"
        lines.append(line)
    return "\n".join(lines) + "\n"


def render_json(briefing: Briefing) -> str:
    """Everything, with provenance: per point its document, sentence index, score and all citations."""
    return json.dumps(briefing.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _md(text: str) -> str:
    """Escape characters Markdown would interpret (article text is data, not markup)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


RENDERERS: dict[str, Callable[[Briefing], str]] = {"md": render_markdown, "json": render_json}
"""Output formats by name; ``summarizer.briefing_html`` registers ``html`` here when imported."""


__all__ = ["Briefing", "Point", "Citation", "Source", "build_briefing", "choose_headline", "shorten",
           "render_markdown", "render_json", "RENDERERS", "CITATION_THRESHOLD"]
