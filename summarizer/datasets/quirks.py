"""What every loader does after parsing: drop what cannot be summarized, and count it.

Released MDS datasets have known defects (empty articles, the same article twice in a cluster,
clusters left with one article or none). Loaders hand raw clusters to ``tidy`` so the defects are
handled the same way for every format and reported as counts instead of silently changing results.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Iterable

from summarizer.cluster import Cluster
from summarizer.layout import normalise_layout
from summarizer.errors import InputError


class DatasetError(InputError):
    """A dataset file or directory that cannot be read; the message names the path and the problem."""


@dataclass(frozen=True, slots=True)
class LoadReport:
    """Counts of the quirks a loader met, so a run folder says what was dropped or kept and why."""

    source: str
    format: str
    n_clusters: int = 0
    """Clusters kept."""
    n_documents: int = 0
    """Documents kept, over all kept clusters."""
    empty_documents: int = 0
    """Documents with no text, dropped."""
    duplicate_documents: int = 0
    """Documents whose text repeats an earlier document of the same cluster, dropped."""
    empty_clusters: int = 0
    """Clusters left with no document, dropped."""
    single_document_clusters: int = 0
    """Clusters with one document: kept (single-document summarization) unless ``min_documents`` > 1."""
    small_clusters_dropped: int = 0
    """Clusters with fewer than ``min_documents`` documents (but at least one), dropped."""
    clusters_without_references: int = 0
    """Clusters with no reference summary: kept unless ``require_references``."""
    unreferenced_clusters_dropped: int = 0
    duplicate_ids: int = 0
    """Cluster ids seen before; renamed ``<id>~2``, ``<id>~3``... so predictions stay keyed uniquely."""
    notes: tuple[str, ...] = field(default=())
    """Format-specific facts (e.g. DUC topics with no model summaries)."""

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["notes"] = list(self.notes)
        return out

    def describe(self) -> str:
        """One line for logs: what was kept and every non-zero quirk count."""
        counts = {k: v for k, v in asdict(self).items()
                  if isinstance(v, int) and k not in ("n_clusters", "n_documents") and v}
        quirks = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in counts.items()) or "no quirks"
        return f"{self.format} {self.source}: {self.n_clusters} clusters, {self.n_documents} documents ({quirks})"


@dataclass(frozen=True, slots=True)
class Dataset:
    """Clusters in dataset order, and what loading them met."""

    clusters: tuple[Cluster, ...]
    report: LoadReport

    def __len__(self) -> int:
        return len(self.clusters)


def _fingerprint(text: str) -> str:
    """Texts equal up to case and whitespace count as duplicates (re-crawled copies differ in spacing)."""
    return hashlib.sha1(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()


def tidy(clusters: Iterable[Cluster], source: str, format: str, *, min_documents: int = 1,
         dedupe: bool = True, require_references: bool = False, notes: Iterable[str] = ()) -> Dataset:
    """Normalise each document's layout (``summarizer.layout``: hard wraps, markup, CRLF), drop empty and
    duplicate documents, then clusters that are empty, too small or unreferenced.

    Dataset order is kept: run folders and resumed runs rely on it.
    """
    if min_documents < 1:
        raise DatasetError(f"min_documents must be at least 1, not {min_documents}")
    counts = dict(empty_documents=0, duplicate_documents=0, empty_clusters=0, single_document_clusters=0,
                  small_clusters_dropped=0, clusters_without_references=0, unreferenced_clusters_dropped=0,
                  duplicate_ids=0)
    kept: list[Cluster] = []
    seen_ids: dict[str, int] = {}
    for cluster in clusters:
        docs, prints = [], set()
        for doc in cluster.documents:
            doc = replace(doc, text=normalise_layout(doc.text))
            if not doc.text.strip():
                counts["empty_documents"] += 1
                continue
            if dedupe:
                key = _fingerprint(doc.text)
                if key in prints:
                    counts["duplicate_documents"] += 1
                    continue
                prints.add(key)
            docs.append(doc)
        references = tuple(r for r in cluster.references if r.strip())
        if not docs:
            counts["empty_clusters"] += 1
            continue
        if len(docs) == 1:
            counts["single_document_clusters"] += 1
        if len(docs) < min_documents:
            counts["small_clusters_dropped"] += 1
            continue
        if not references:
            counts["clusters_without_references"] += 1
            if require_references:
                counts["unreferenced_clusters_dropped"] += 1
                continue
        cid = cluster.id
        if cid in seen_ids:
            counts["duplicate_ids"] += 1
            seen_ids[cid] += 1
            cid = f"{cid}~{seen_ids[cluster.id]}"
        else:
            seen_ids[cid] = 1
        kept.append(Cluster(id=cid, documents=tuple(docs), references=references, topic=cluster.topic))
    report = LoadReport(source=source, format=format, n_clusters=len(kept),
                        n_documents=sum(len(c.documents) for c in kept), notes=tuple(notes), **counts)
    return Dataset(clusters=tuple(kept), report=report)


__all__ = ["Dataset", "DatasetError", "LoadReport", "tidy"]
