"""The input side of the data model: documents, clusters and the sentences split from them.

Plain frozen values, so a cluster can be shared between methods, worker processes and the briefing
without anyone mutating it under another's feet. Nothing here computes: splitting and vectors are
steps of ``summarizer.pipeline``, which returns a *prepared* cluster (``sentences`` and ``space`` set).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:
    from summarizer.features import SentenceSpace


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a source document; ``doc`` and ``position`` make it citable."""

    doc: int
    """Index of the document in its cluster."""
    position: int
    """Index of the sentence in its document (0-based, after cleaning and splitting)."""
    text: str

    @property
    def n_words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: dt.date | None = None
    duplicates: tuple[str, ...] = ()
    """Ids of the copies of this document that the pipeline dropped (the same story from other feeds)."""
    duplicate_sources: tuple[str, ...] = ()
    """Their outlets, where known, so a briefing can list every outlet that ran the story."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        for key in ("title", "source", "url"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.date is not None:
            out["date"] = self.date.isoformat()
        for key in ("duplicates", "duplicate_sources"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        return out

    @classmethod
    def from_dict(cls, row: Mapping[str, Any], default_id: str = "") -> "Document":
        return cls(
            id=str(row.get("id") or default_id),
            text=str(row.get("text") or ""),
            title=row.get("title") or None,
            source=row.get("source") or None,
            url=row.get("url") or None,
            date=parse_date(row.get("date")),
            duplicates=_strings(row.get("duplicates")),
            duplicate_sources=_strings(row.get("duplicate_sources")),
        )


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"expected a list of strings, got {type(value).__name__}")
    return tuple(str(v) for v in value)


def parse_date(value: Any) -> dt.date | None:
    """ISO dates (``2015-12-21``, ``2015-12-21T11:36:00``) or None; anything else is an error."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.fromisoformat(str(value)).date()
    except ValueError as exc:
        raise ValueError(f"not an ISO date: {value!r}") from exc


@dataclass(frozen=True)
class Cluster:
    """Documents about one event, with optional human reference summaries.

    A cluster straight from a reader is *raw* (``sentences`` and ``space`` are None);
    ``summarizer.pipeline.prepare`` returns the prepared value every method reads.
    """

    id: str
    documents: tuple[Document, ...]
    references: tuple[str, ...] = ()
    topic: str | None = None
    """Optional topic title or query (DUC topics); methods may ignore it."""
    sentences: tuple[Sentence, ...] | None = None
    """All sentences in document order, set by the pipeline's split step."""
    space: "SentenceSpace | None" = field(default=None, compare=False, repr=False)
    """The sentences' vectors (lazy), set by the pipeline's featurise step and shared by a method's
    scoring and the briefing's citations. Derived from ``sentences``, so not part of equality."""

    def __post_init__(self) -> None:
        # Accept lists from callers and configs, store tuples so the value stays immutable.
        object.__setattr__(self, "documents", tuple(self.documents))
        object.__setattr__(self, "references", tuple(self.references))
        if self.sentences is not None:
            object.__setattr__(self, "sentences", tuple(self.sentences))

    @property
    def prepared(self) -> bool:
        """True once the pipeline has split and featurised this cluster."""
        return self.sentences is not None and self.space is not None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "documents": [d.to_dict() for d in self.documents]}
        if self.references:
            out["references"] = list(self.references)
        if self.topic:
            out["topic"] = self.topic
        return out

    @classmethod
    def from_dict(cls, row: Mapping[str, Any], default_id: str = "cluster") -> "Cluster":
        """Build from the JSON layout of ``../shared/datasets`` (documents as strings) or ours (as objects)."""
        cid = str(row.get("id") or default_id)
        docs = row.get("documents")
        if not isinstance(docs, list):
            raise ValueError("a cluster needs a 'documents' list")
        documents = []
        for i, d in enumerate(docs):
            if isinstance(d, str):
                documents.append(Document(id=f"{cid}.{i}", text=d))
            elif isinstance(d, Mapping):
                documents.append(Document.from_dict(d, default_id=f"{cid}.{i}"))
            else:
                raise ValueError(f"document {i} is neither a string nor an object")
        refs = row.get("references") or []
        if isinstance(refs, str):
            refs = [refs]
        return cls(id=cid, documents=tuple(documents), references=tuple(str(r) for r in refs),
                   topic=row.get("topic") or None)


def make_cluster(texts: Iterable[str], cluster_id: str = "cluster", references: Iterable[str] = ()) -> Cluster:
    """Convenience for tests and notebooks: a cluster from plain article texts."""
    docs = tuple(Document(id=f"{cluster_id}.{i}", text=t) for i, t in enumerate(texts))
    return Cluster(id=cluster_id, documents=docs, references=tuple(references))


__all__ = ["Sentence", "Document", "Cluster", "make_cluster", "parse_date"]
