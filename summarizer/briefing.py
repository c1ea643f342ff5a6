"""A briefing: a summary turned into something an analyst can forward, with every point cited and dated.

A point is cited to *every* article that states it, not only the one its sentence was copied from:
news clusters repeat facts, and how many outlets carry a fact is part of the briefing. An article
states a point when one of its sentences is close enough to the point: TF-IDF cosine at least
``threshold`` (vectors from ``cluster.space.tfidf``), or, with ``similarity="hybrid"``, WordLlama
embedding cosine at least ``semantic_threshold`` (``cluster.space.semantic``), which also catches
paraphrases that share few words; with ``clause_thresholds``, also when one of its sentences is close
to one of the point's clauses (``summarizer.clauses``), since a news sentence bundles facts and an
article may state only one of them. The work is one sparse (or 256-dimensional) product per point and
one reduction per document, so it is linear in the cluster; a point shows at most ``max_citations``
markers, best first, and says how many more articles state it.

Near-identical articles (syndicated copies) are one source listing every outlet and id. Each point
carries its event date (``summarizer.dates``) and how that date was obtained; the renderers group
points under their dates, after a one- or two-sentence bottom line (the points closest to the
cluster's centroid).

``Briefing`` is plain frozen data; renderers (``render_markdown``, ``render_json``, and
``summarizer.briefing_html`` for HTML) need nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Literal, Mapping, Sequence

import numpy as np

from summarizer.clauses import clause_vectors
from summarizer.cluster import Cluster
from summarizer.pipeline import prepare
from summarizer.selection import (CITATION_THRESHOLD, SEMANTIC_THRESHOLD, STANDOUT_Z, SURE_LEXICAL,
                                  SURE_SEMANTIC, stands_out)
from summarizer.dates import EventDate, document_dates, event_date, format_day
from summarizer.summary import Summary

HEADLINE_CHARS = 200
"""No headline is longer than this, whatever the words (a file without spaces is one 'word')."""

# The evidence that a sentence states a point (CITATION_THRESHOLD, SEMANTIC_THRESHOLD, STANDOUT_Z,
# SURE_LEXICAL, SURE_SEMANTIC) lives in summarizer.selection: the briefing selector's restatement
# test uses the same evidence, with these as its defaults.

MAX_CITATIONS = 5
"""Markers shown per point, best first; the rest are counted ("and N more")."""

NEAR_IDENTICAL = 0.9
"""Cosine of two articles' summed TF-IDF vectors above which they are one source (syndicated copies)."""

MAX_NEAR_IDENTICAL_DOCS = 2000
"""Above this many articles only exact copies (same words) are merged: the pairwise check is quadratic."""

HEADLINE_WORDS = 16

Similarity = Literal["lexical", "hybrid"]


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
    more: int = 0
    """Sources that also state the point beyond the ``max_citations`` shown."""
    date: str | None = None
    """ISO date of the event the point reports (None when unknown)."""
    dated: Mapping[str, Any] = field(default_factory=dict)
    """How ``date`` was obtained (``EventDate.to_dict``)."""
    centrality: float = 0.0

    @property
    def supported(self) -> bool:
        """False for generated text that no source sentence supports: briefings flag it."""
        return bool(self.citations)

    @property
    def inferred_date(self) -> bool:
        """True when the date rests on an undated article's borrowed date."""
        return bool(self.dated.get("inherited_from"))

    @property
    def markers(self) -> str:
        if not self.citations:
            return UNSUPPORTED
        text = "".join(f"[{c.source}]" for c in self.citations)
        return f"{text} and {self.more} more" if self.more else text


@dataclass(frozen=True)
class Source:
    number: int
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: str | None = None
    also: tuple[str, ...] = ()
    """Ids of near-identical copies merged into this source."""
    outlets: tuple[str, ...] = ()
    """Every outlet that published this article or a copy of it."""
    date_from: str | None = None
    """For an undated article: the id of the article whose date it is given (``date`` is then a guess)."""


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
    bottom_line: tuple[int, ...] = ()
    """Indices into ``points`` of the one or two points that make the bottom line (shown first, once)."""
    similarity: str = "lexical"
    semantic_threshold: float | None = None

    @property
    def timeline(self) -> list[tuple[str | None, list[Point]]]:
        """The points outside the bottom line grouped by event date, oldest first, undated last."""
        rest = [p for i, p in enumerate(self.points) if i not in self.bottom_line]
        dates = sorted({p.date for p in rest if p.date})
        groups: list[tuple[str | None, list[Point]]] = [(d, [p for p in rest if p.date == d]) for d in dates]
        undated = [p for p in rest if not p.date]
        return groups + ([(None, undated)] if undated else [])

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["metadata"] = dict(self.metadata)
        for row, point in zip(out["points"], self.points):
            row["supported"] = point.supported
            row["dated"] = dict(point.dated)
        out["bottom_line"] = list(self.bottom_line)
        out["timeline"] = [{"date": d, "points": [self.points.index(p) for p in ps]} for d, ps in self.timeline]
        return out


def build_briefing(summary: Summary, cluster: Cluster, threshold: float = CITATION_THRESHOLD,
                   similarity: Similarity = "lexical", semantic_threshold: float = SEMANTIC_THRESHOLD,
                   max_citations: int = MAX_CITATIONS, bottom_line: int = 2,
                   clause_thresholds: tuple[float, float] | None = None) -> Briefing:
    """Cite every point to all articles stating it, date it, pick a headline and a bottom line.

    With ``clause_thresholds`` (TF-IDF, embedding), an article is also cited when one of its
    clauses matches one of the point's (``summarizer.clauses``) at these thresholds: it states one
    of the facts the point bundles, which a whole-sentence similarity does not see.

    The dense products (a point's rows against the cluster's embeddings) run on one BLAS thread
    (``summarizer.threads``): too small to share out, and spinning threads cost more than they do."""
    if similarity not in ("lexical", "hybrid"):
        raise ValueError(f"similarity must be 'lexical' or 'hybrid', not {similarity!r}")
    from summarizer.threads import one_blas_thread

    with one_blas_thread():
        return _build_briefing(summary, cluster, threshold, similarity, semantic_threshold, max_citations,
                               bottom_line, clause_thresholds)


def _build_briefing(summary: Summary, cluster: Cluster, threshold: float, similarity: Similarity,
                    semantic_threshold: float, max_citations: int, bottom_line: int,
                    clause_thresholds: tuple[float, float] | None) -> Briefing:
    cluster = prepare(cluster)  # a raw cluster is prepared as the summarizer prepared it
    space = cluster.space
    sentences = space.sentences
    metadata = dict(summary.metadata)
    if similarity == "hybrid":
        from summarizer.semantic import MAX_SENTENCES

        if len(sentences) > MAX_SENTENCES:
            similarity = "lexical"
            metadata["similarity_note"] = (f"{len(sentences)} sentences (over {MAX_SENTENCES}): "
                                           "citations use TF-IDF only")
    index = {(s.doc, s.position): i for i, s in enumerate(sentences)}
    n_docs = len(cluster.documents)
    ids = [d.id for d in cluster.documents]
    group_of, groups = source_groups(cluster)
    points = []
    if summary.sentences and sentences:
        doc_of = np.fromiter((s.doc for s in sentences), dtype=np.int64, count=len(sentences))
        starts = np.flatnonzero(np.r_[True, doc_of[1:] != doc_of[:-1]])
        docs_present = doc_of[starts]
        lexical = space.tfidf
        lexical_t = lexical.T.tocsr()  # what each point's product would transpose again (the same matrix)
        semantic = space.semantic if similarity == "hybrid" else None
        rows_of = [[index[(x.doc, x.position)] for x in s.sources if (x.doc, x.position) in index]
                   for s in summary.sentences]
        centrality = _centrality(space, [r for r in rows_of if r], semantic)
        clause_owner, clause_lexical, clause_semantic = (  # each point's clauses (summarizer.clauses)
            clause_vectors(space, sorted({r for rows in rows_of for r in rows}), semantic is not None)
            if clause_thresholds is not None else ([], None, None))
        dating = _dating(cluster, space, {sentences[r[0]].doc for r in rows_of if r})
        k = 0
        for sent, rows in zip(summary.sentences, rows_of):
            if not rows:  # provenance found no support: flag it rather than guess citations
                points.append(Point(sent.text, float(sent.score), None, None, ()))
                continue
            mine = [c for c, r in enumerate(clause_owner) if r in rows]
            lex_sims, lex_clauses = _similarities(lexical, rows, clause_lexical[mine] if mine else None, lexical_t)
            per_doc, best_row = _per_document_best(lexical, rows, doc_of, starts, STANDOUT_Z, SURE_LEXICAL, lex_sims)
            if semantic is not None:
                sem_sims, sem_clauses = _similarities(semantic, rows, clause_semantic[mine] if mine else None)
                sem_doc, sem_row = _per_document_best(semantic, rows, doc_of, starts, STANDOUT_Z, SURE_SEMANTIC,
                                                      sem_sims)
                use_sem = (sem_doc >= semantic_threshold) & (per_doc < threshold)
                per_doc = np.where(use_sem, sem_doc, per_doc)
                best_row = np.where(use_sem, sem_row, best_row)
                stated = (per_doc >= threshold) | use_sem
            else:
                stated = per_doc >= threshold
            if mine:  # also cited: an article with a sentence that matches one of the point's clauses
                sims = _clause_evidence(lex_clauses, rows, clause_thresholds[0], SURE_LEXICAL)
                if semantic is not None:
                    sims = np.where(sims > 0, sims, _clause_evidence(sem_clauses, rows, clause_thresholds[1],
                                                                     SURE_SEMANTIC))
                clause_doc, clause_row = _best_per_document(sims, starts)
                by_clause = (clause_doc > 0) & ~stated
                per_doc = np.where(by_clause, clause_doc, per_doc)
                best_row = np.where(by_clause, clause_row, best_row)
                stated |= by_clause
            own = {x.doc: x.position for x in sent.sources}
            found: dict[int, Citation] = {}
            for j in np.flatnonzero(stated | np.isin(docs_present, list(own))):
                d = int(docs_present[j])
                if d in own:
                    c = Citation(group_of[d] + 1, d, own[d], 1.0, ids[d])
                else:
                    c = Citation(group_of[d] + 1, d, sentences[int(best_row[j])].position,
                                 round(float(per_doc[j]), 4), ids[d])
                prev = found.get(c.source)
                if prev is None or (c.similarity, -c.doc) > (prev.similarity, -prev.doc):
                    found[c.source] = c
            ranked = sorted(found.values(), key=lambda c: (-c.similarity, c.source))
            shown = tuple(ranked[:max_citations])
            first = sentences[rows[0]]
            when = event_date(first.text, dating[first.doc]) if first.doc in dating else EventDate(None, "unknown")
            points.append(Point(sent.text, float(sent.score), sent.doc, sent.position, shown,
                                ids[sent.doc] if sent.doc is not None and sent.doc < n_docs else None,
                                more=len(ranked) - len(shown),
                                date=when.date.isoformat() if when.date else None, dated=when.to_dict(),
                                centrality=round(float(centrality[k]), 4)))
            k += 1
    sources = _sources(cluster, groups, space)
    return Briefing(cluster.id, choose_headline(points, cluster), tuple(points), sources, summary.method,
                    str(summary.budget), threshold, metadata, choose_bottom_line(points, bottom_line),
                    similarity, semantic_threshold if similarity == "hybrid" else None)


def _similarities(vectors: Any, rows: list[int], clauses: Any = None,
                  transposed: Any = None) -> tuple[np.ndarray, np.ndarray | None]:
    """Each sentence's best similarity to the point's rows, and to its clauses (None without): one product.

    ``transposed``, if given, is ``vectors.T`` as CSR, built once per briefing: a sparse product with
    ``vectors.T`` converts it to CSR each time (the same matrix, so the same products)."""
    import scipy.sparse as sp

    query = vectors[rows]
    if clauses is not None:
        query = sp.vstack([query, clauses], format="csr") if sp.issparse(query) else np.vstack([query, clauses])
    product = query @ (vectors.T if transposed is None else transposed)
    product = np.asarray(product.toarray() if sp.issparse(product) else product, dtype=np.float64)
    return product[:len(rows)].max(axis=0), product[len(rows):].max(axis=0) if clauses is not None else None


def _per_document_best(vectors: Any, rows: list[int], doc_of: np.ndarray, starts: np.ndarray,
                       z: float | None = None, sure: float = 1.0,
                       sims: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """For each document (in ``starts`` order), the best similarity of any of its sentences to the
    point's rows, and which sentence: one product and one segmented reduction, linear in the cluster.
    ``sims``, if given, are the similarities already computed (``_similarities``).

    With ``z``, similarities below the mean plus ``z`` standard deviations of the point's similarities
    to the whole cluster are zeroed: in a cluster about one story every sentence is somewhat close to
    every other, and only the outliers state the same fact. Similarities of at least ``sure`` are
    always kept: a fact most of the cluster repeats does not stand out, yet is stated.
    """
    if sims is None:
        sims = _similarities(vectors, rows)[0]
    if z is not None and sims.size > len(rows) + 1:
        sims = np.where(stands_out(sims, rows, z, sure), sims, 0.0)
    return _best_per_document(sims, starts)


def _clause_evidence(sims: np.ndarray, rows: list[int], threshold: float, sure: float) -> np.ndarray:
    """A point's clause similarities (``_similarities``) kept where at least ``threshold`` and standing out
    from the clauses' similarities to the rest of the cluster (the point's own sentences excluded), else 0."""
    keep = sims >= threshold
    keep &= stands_out(sims, rows, STANDOUT_Z, sure) if sims.size > len(rows) + 1 else sims >= sure
    keep[rows] = False
    return np.where(keep, sims, 0.0)


def _best_per_document(sims: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each document's best sentence similarity and the earliest sentence that has it."""
    best = np.maximum.reduceat(sims, starts)
    hit = np.flatnonzero(sims == best[np.searchsorted(starts, np.arange(len(sims)), side="right") - 1])
    seg = np.searchsorted(starts, hit, side="right") - 1
    first = np.full(len(starts), -1, dtype=np.int64)
    first[seg[::-1]] = hit[::-1]  # the earliest best sentence of each document
    return best, first


def _centrality(space: Any, rows: list[list[int]], semantic: np.ndarray | None) -> np.ndarray:
    """Each point's cosine to the centroid of all the cluster's sentences: how central its content is."""
    if not rows:
        return np.zeros(0)
    first = [r[0] for r in rows]
    if semantic is not None:
        centroid = semantic.mean(axis=0)
        picked = semantic[first]
    else:
        centroid = np.asarray(space.tfidf.mean(axis=0)).ravel()
        picked = space.tfidf[first].toarray()
    norm = np.linalg.norm(centroid)
    return picked @ centroid / norm if norm > 0 else np.zeros(len(first))


def _dating(cluster: Cluster, space: Any, docs: set[int]):
    """DocumentDates for the documents that hold points (dates parsed only where needed)."""
    dates = space.dates
    sources = space.date_sources
    ids = [d.id for d in cluster.documents]
    sentences_of: dict[int, list[str]] = {d: [] for d in docs}
    for s in space.sentences:
        if s.doc in sentences_of:
            sentences_of[s.doc].append(s.text)
    wanted = sorted(docs)
    found = document_dates([cluster.documents[d] for d in wanted], [sentences_of[d] for d in wanted],
                           [dates[d] for d in wanted],
                           [ids[sources[d]] if sources[d] is not None and sources[d] != d else None for d in wanted])
    return dict(zip(wanted, found))


def source_groups(cluster: Cluster) -> tuple[list[int], list[list[int]]]:
    """Group near-identical articles: ``group_of[doc]`` is the 0-based group, ``groups`` the members.

    Exact copies (same words, any case or spacing) always merge; with at most
    ``MAX_NEAR_IDENTICAL_DOCS`` articles, so do articles whose summed TF-IDF vectors have cosine at
    least ``NEAR_IDENTICAL`` (a copy with a different byline or a trimmed last paragraph).
    """
    docs = cluster.documents
    key_group: dict[str, int] = {}
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, d in enumerate(docs):
        key = " ".join(re.findall(r"\w+", d.text.lower()))
        if not key:
            continue
        if key in key_group:
            parent[find(i)] = find(key_group[key])
        else:
            key_group[key] = i
    sentences = cluster.sentences
    if 1 < len(docs) <= MAX_NEAR_IDENTICAL_DOCS and sentences:
        import scipy.sparse as sp

        from summarizer.selection import document_vectors

        dv = document_vectors(sentences, cluster.space.tfidf, len(docs))
        pairs = sp.triu(dv @ dv.T, k=1).tocoo()
        for i, j, v in zip(pairs.row, pairs.col, pairs.data):
            if v >= NEAR_IDENTICAL:
                a, b = find(int(i)), find(int(j))
                if a != b:
                    parent[max(a, b)] = min(a, b)
    roots: dict[int, int] = {}
    group_of = []
    groups: list[list[int]] = []
    for i in range(len(docs)):
        r = find(i)
        if r not in roots:
            roots[r] = len(groups)
            groups.append([])
        group_of.append(roots[r])
        groups[roots[r]].append(i)
    return group_of, groups


def _sources(cluster: Cluster, groups: list[list[int]], space: Any) -> tuple[Source, ...]:
    docs = cluster.documents
    own_dates = [d.date for d in docs]
    need_borrowed = any(d is None for d in own_dates) and any(d is not None for d in own_dates)
    borrowed = space.date_sources if need_borrowed and cluster.sentences else [None] * len(docs)
    out = []
    for n, members in enumerate(groups, start=1):
        head = docs[members[0]]
        dated = [docs[m].date for m in members if docs[m].date]
        date = min(dated) if dated else None
        date_from = None
        if date is None and borrowed[members[0]] is not None and borrowed[members[0]] != members[0]:
            date = docs[borrowed[members[0]]].date
            date_from = docs[borrowed[members[0]]].id
        # copies the pipeline dropped are listed on their survivor (Document.duplicates / duplicate_sources)
        outlets = tuple(dict.fromkeys(o for m in members for o in (docs[m].source, *docs[m].duplicate_sources) if o))
        also = tuple(dict.fromkeys([docs[m].id for m in members[1:]] + [x for m in members for x in docs[m].duplicates]))
        out.append(Source(n, head.id, head.title, head.source, head.url, date.isoformat() if date else None,
                          also, outlets, date_from))
    return tuple(out)


def choose_bottom_line(points: Sequence[Point], limit: int = 2) -> tuple[int, ...]:
    """The most central supported point, plus the most central one of another date when the story
    spans several days (so the bottom line covers both ends of it); in reading order."""
    ranked = sorted((i for i, p in enumerate(points) if p.supported), key=lambda i: (-points[i].centrality, i))
    if not ranked or limit < 1 or len(points) < 3:
        return ()
    chosen = [ranked[0]]
    if limit > 1:
        other = [i for i in ranked[1:] if points[i].date and points[i].date != points[ranked[0]].date]
        if other:
            chosen.append(other[0])
    return tuple(sorted(chosen, key=lambda i: (points[i].date or "9999", i)))


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
    """``# headline``, the bottom line, the timeline (points under their dates), then ``## Sources``."""
    lines = [f"# {_md(briefing.headline)}", ""]
    if not briefing.points:
        lines.append("_No sentences could be extracted from these documents._")
    if briefing.bottom_line:
        said = " ".join(_point_md(briefing.points[i], with_date=True) for i in briefing.bottom_line)
        lines += [f"**Bottom line:** {said}", ""]
    timeline = briefing.timeline
    if timeline:
        lines += ["## Timeline", ""]
        for day, points in timeline:
            lines += [f"### {_heading(day)}", ""]
            lines += [f"- {_point_md(p)}" for p in points]
            lines.append("")
    if any(p.inferred_date for p in briefing.points):
        lines += [f"{INFERRED} dated from a related article: the article stating it has no date of its own.", ""]
    lines += ["## Sources", ""]
    for s in briefing.sources:
        title = _md(s.title) if s.title else f"`{s.id}`"
        extras = [_md(x) for x in (", ".join(s.outlets) if s.outlets else s.source, s.date) if x]
        line = f"{s.number}. {f'[{title}]({s.url})' if s.url else title}"
        if extras:
            line += f" ({', '.join(extras)}{INFERRED if s.date_from else ''})"
        if s.title:
            line += f" `{s.id}`"
        if s.also:
            line += f"; also {', '.join(f'`{i}`' for i in s.also)}"
        lines.append(line)
    return "\n".join(lines) + "\n"


INFERRED = "\\*"
"""Marks a date borrowed from a related article (a Markdown-escaped asterisk)."""


def _heading(day: str | None) -> str:
    return format_day(dt.date.fromisoformat(day)) if day else "Date unknown"


def _point_md(p: Point, with_date: bool = False) -> str:
    text = f"{_md(p.text)} {p.markers}".rstrip()
    if p.inferred_date:
        text += INFERRED
    if with_date and p.date:
        text += f" ({dt.date.fromisoformat(p.date).strftime('%-d %b %Y')})"
    return text


def render_json(briefing: Briefing) -> str:
    """Everything, with provenance: per point its document, sentence index, score and all citations."""
    return json.dumps(briefing.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _md(text: str) -> str:
    """Escape characters Markdown would interpret (article text is data, not markup)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


RENDERERS: dict[str, Callable[[Briefing], str]] = {"md": render_markdown, "json": render_json}
"""Output formats by name; ``summarizer.briefing_html`` registers ``html`` here when imported."""


__all__ = ["Briefing", "Point", "Citation", "Source", "build_briefing", "choose_headline", "choose_bottom_line",
           "source_groups", "shorten", "render_markdown", "render_json", "RENDERERS", "CITATION_THRESHOLD",
           "SEMANTIC_THRESHOLD", "MAX_CITATIONS"]
