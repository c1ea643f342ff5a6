"""The JSON formats the toolkit reads, checked at the boundary: clusters, documents and predictions.

``Cluster.from_dict`` and ``Summary.from_dict`` are lenient converters; these pydantic models say
what a file must hold, so that ``references: [1, 2]`` or ``"summary": null`` is one clear error
naming the field instead of a run scored against the text "1" or an empty summary.
"""

from __future__ import annotations

from typing import Any, Mapping

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, ValidationError


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")  # other tools' extra fields are kept out of the way, not refused


class DocumentRow(_Open):
    id: StrictStr | StrictInt | None = None
    text: StrictStr
    title: StrictStr | None = None
    source: StrictStr | None = None
    url: StrictStr | None = None
    date: StrictStr | None = None


class ClusterRow(_Open):
    """A cluster: documents as strings (the ``../shared/datasets`` layout) or as objects (ours)."""

    id: StrictStr | StrictInt | None = None
    documents: list[StrictStr | DocumentRow]
    references: StrictStr | list[StrictStr] | None = None
    topic: StrictStr | None = None


class SourceRow(_Open):
    doc: StrictInt = Field(ge=0)
    position: StrictInt = Field(ge=0)
    text: StrictStr = ""


class SentenceRow(_Open):
    text: StrictStr
    sources: list[SourceRow] = []
    score: StrictFloat | StrictInt = 0.0
    support: list[StrictFloat | StrictInt] = []


class BudgetRow(_Open):
    limit: StrictInt = Field(ge=1)
    unit: StrictStr


class PredictionRow(_Open):
    """A summary to score: ``id`` and ``summary`` (one sentence per line), or our ``sentences`` with provenance."""

    id: StrictStr | StrictInt
    summary: StrictStr | None = None
    sentences: list[SentenceRow] | None = None
    method: StrictStr | None = None
    budget: BudgetRow | None = None
    metadata: dict[str, Any] | None = None


def problem(exc: ValidationError) -> str:
    """pydantic's report as one line: the field at fault and what is wrong with it."""
    errors = exc.errors()
    first = max(errors, key=lambda e: len(e["loc"]))  # the deepest: in a union, the branch that got furthest
    where = ".".join(str(p) for p in first["loc"] if not _is_union_branch(p)) or "value"
    got = first.get("input")
    shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{where}: {first['msg'].lower()}, got {shown}"


def _is_union_branch(part: Any) -> bool:
    # pydantic names the union member it tried ("str", "DocumentRow", "list[str]"); users need the field path
    return isinstance(part, str) and (part in ("str", "int", "float") or part[:1].isupper() or "[" in part)


def check_cluster(row: Mapping[str, Any]) -> None:
    """Raise ``ValueError`` (one line) when ``row`` is not a cluster."""
    try:
        ClusterRow.model_validate(row)
    except ValidationError as exc:
        raise ValueError(problem(exc)) from None


def check_prediction(row: Mapping[str, Any]) -> None:
    """Raise ``ValueError`` (one line) when ``row`` is not a prediction with text to score."""
    try:
        model = PredictionRow.model_validate(row)
    except ValidationError as exc:
        raise ValueError(problem(exc)) from None
    if model.summary is None and not model.sentences:
        if "summary" in row:
            raise ValueError('summary: is null; a prediction needs text to score (one sentence per line)')
        raise ValueError('summary: a prediction needs "summary" (text, one sentence per line) or "sentences"')


__all__ = ["ClusterRow", "DocumentRow", "PredictionRow", "check_cluster", "check_prediction"]
