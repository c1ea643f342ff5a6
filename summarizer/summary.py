"""The output side of the data model: a summary whose every sentence knows where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from summarizer.budget import Budget
from summarizer.cluster import Sentence


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One sentence of a summary and the source sentences behind it.

    Extractive methods set ``sources`` to the one sentence they copied (``text`` may be that
    sentence cut by the budget). Abstractive methods set it to the source sentences that support
    the generated text best; an empty ``sources`` means no support was found, and briefings flag it.
    """

    text: str
    sources: tuple[Sentence, ...] = ()
    score: float = 0.0
    support: tuple[float, ...] = ()
    """Similarity of each source to ``text`` (abstractive provenance); empty for extractive copies."""

    @property
    def doc(self) -> int | None:
        return self.sources[0].doc if self.sources else None

    @property
    def position(self) -> int | None:
        return self.sources[0].position if self.sources else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "score": self.score,
            "sources": [{"doc": s.doc, "position": s.position, "text": s.text} for s in self.sources],
        }
        if self.support:
            out["support"] = list(self.support)
        return out

    @classmethod
    def from_dict(cls, row: Mapping[str, Any]) -> "SummarySentence":
        return cls(
            text=row["text"],
            sources=tuple(Sentence(int(s["doc"]), int(s["position"]), s.get("text", "")) for s in row.get("sources", [])),
            score=float(row.get("score", 0.0)),
            support=tuple(float(x) for x in row.get("support", ())),
        )


@dataclass(frozen=True, slots=True)
class Summary:
    cluster_id: str
    sentences: tuple[SummarySentence, ...]
    method: str
    budget: Budget
    metadata: Mapping[str, Any] = field(default_factory=dict)
    """Method-specific facts worth keeping in a run folder (e.g. decoding settings, timings)."""

    @property
    def lines(self) -> list[str]:
        return [s.text for s in self.sentences]

    @property
    def text(self) -> str:
        """One sentence per line: the layout ROUGE-Lsum and ROUGE-1.5.5's SPL files expect."""
        return "\n".join(self.lines)

    @property
    def n_words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.cluster_id,
            "method": self.method,
            "budget": {"limit": self.budget.limit, "unit": self.budget.unit},
            "summary": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
            "metadata": dict(self.metadata),
        }

    @classmethod
    def from_dict(cls, row: Mapping[str, Any]) -> "Summary":
        b = row.get("budget") or {"limit": 1, "unit": "sentences"}
        if row.get("sentences"):
            sents = tuple(SummarySentence.from_dict(s) for s in row["sentences"])
        else:  # predictions from other tools: plain text, one sentence per line
            sents = tuple(SummarySentence(text=t) for t in str(row.get("summary", "")).splitlines() if t.strip())
        return cls(cluster_id=str(row["id"]), sentences=sents, method=str(row.get("method", "external")),
                   budget=Budget(int(b["limit"]), b["unit"]), metadata=row.get("metadata") or {})
