"""The JSONL layout of ``../shared/datasets``: one cluster per line.

``{"id": ..., "documents": [str | {"text": ..., "title": ...}], "references": [str]}``; parsing is
engineer A's ``summarizer.readers.read_jsonl`` (one reader, one set of error messages), this module
only adds the quirk handling and an optional ``meta.jsonl`` beside the file for DUC topic titles.
"""

from __future__ import annotations

from pathlib import Path

from summarizer.cluster import Cluster
from summarizer.datasets.files import existing
from summarizer.datasets.quirks import Dataset, DatasetError, tidy
from summarizer.readers import iter_jsonl


def load_jsonl(path: str | Path, *, meta: str | Path | None = None, min_documents: int = 1, dedupe: bool = True,
               require_references: bool = False) -> Dataset:
    """Clusters of a JSONL file; ``meta`` (a JSONL of ``{"id", "title", "narrative"}``) sets each topic."""
    from summarizer.readers import ReaderError, read_jsonl

    p = existing(path)
    try:
        clusters = list(read_jsonl(p))
    except ReaderError as exc:
        raise DatasetError(str(exc)) from exc
    notes = []
    if meta:
        topics = _topics(existing(meta))
        clusters = [Cluster(c.id, c.documents, c.references, topics.get(c.id, c.topic)) for c in clusters]
        notes.append(f"topics from {Path(meta).name}: {sum(c.id in topics for c in clusters)}")
    return tidy(clusters, str(p), "jsonl", min_documents=min_documents, dedupe=dedupe,
                require_references=require_references, notes=notes)


def _topics(path: Path) -> dict[str, str]:
    """Topic title and narrative per cluster id, from a ``meta.jsonl`` like those in ../shared/datasets."""
    out = {}
    for _, row in iter_jsonl(path, error=DatasetError):
        text = ". ".join(str(row[k]).strip() for k in ("title", "narrative") if row.get(k))
        if "id" in row and text:
            out[str(row["id"])] = text
    return out
