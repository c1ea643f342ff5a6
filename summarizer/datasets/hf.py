"""Hugging Face ``datasets`` by name (``multi_news``, ``ccdv/WCEP-10``, ...), when the hub or its cache has them.

Each row is one cluster: a ``documents`` field holding either a list of articles or one string of
articles joined by a separator (Multi-News's ``|||||``), and a ``summary`` field (a string or a list
of references). Field names and the separator are arguments, so any such dataset loads; the names
in ``PRESETS`` are filled in for you. With no network (or ``HF_HUB_OFFLINE=1``) and no local copy,
loading fails with one line saying so.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from summarizer.cluster import Cluster, Document
from summarizer.datasets.multinews import NEWLINE, SEPARATORS, clean_target
from summarizer.datasets.quirks import Dataset, DatasetError, tidy

PRESETS: dict[str, dict[str, Any]] = {
    "multi_news": {"path": "alexfabbri/multi_news", "documents_field": "document", "summary_field": "summary"},
    "wcep10": {"path": "ccdv/WCEP-10", "documents_field": "document", "summary_field": "summary"},
    "multi_x_science": {"path": "multi_x_science_sum", "documents_field": "ref_abstract", "summary_field": "related_work"},
}


def clusters_from_rows(rows: Iterable[Mapping[str, Any]], prefix: str, documents_field: str = "document",
                       summary_field: str = "summary", id_field: str | None = None) -> list[Cluster]:
    """Clusters from dataset rows; a string of documents is split on Multi-News's separators."""
    clusters = []
    for i, row in enumerate(rows):
        if documents_field not in row:
            raise DatasetError(f"{prefix}: rows have no field {documents_field!r} (fields: {', '.join(row)}); "
                               "set documents_field")
        raw = row[documents_field]
        if isinstance(raw, Mapping):  # e.g. {"abstract": [...]} columns
            raw = next((v for v in raw.values() if isinstance(v, list)), [])
        articles = [NEWLINE.sub("\n", str(a)).strip() for a in raw] if isinstance(raw, list) else \
            [NEWLINE.sub("\n", a).strip() for a in SEPARATORS.split(str(raw or ""))]
        summary = row.get(summary_field)
        refs = [clean_target(str(s)) for s in (summary if isinstance(summary, list) else [summary or ""])]
        cid = str(row[id_field]) if id_field and id_field in row else f"{prefix}-{i}"
        clusters.append(Cluster(id=cid, documents=tuple(Document(id=f"{cid}.{j}", text=a) for j, a in enumerate(articles)),
                                references=tuple(r for r in refs if r)))
    return clusters


def load_hf(name: str, split: str = "test", *, config: str | None = None, revision: str | None = None,
            documents_field: str | None = None, summary_field: str | None = None, id_field: str | None = None,
            limit: int | None = None, data_files: Any = None, min_documents: int = 1, dedupe: bool = True,
            require_references: bool = False) -> Dataset:
    """A split of a Hugging Face dataset (``name`` may be a preset from ``PRESETS`` or any hub path)."""
    preset = PRESETS.get(name, {})
    path = preset.get("path", name)
    try:
        import datasets
    except ImportError as exc:
        raise DatasetError("Hugging Face datasets are not installed: pip install 'mds-brief[hf]' (or: pip install datasets)") from exc
    split_spec = f"{split}[:{limit}]" if limit else split
    try:
        ds = datasets.load_dataset(path, config, split=split_spec, revision=revision, data_files=data_files)
    except Exception as exc:  # noqa: BLE001 - the hub raises many types; the user needs one line
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        import os

        offline = any(os.environ.get(v, "") not in ("", "0") for v in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE"))
        why = "offline mode is on (HF_HUB_OFFLINE) and it is not in the local cache" if offline else \
            "the hub is unreachable or the name is wrong, and it is not in the local cache"
        raise DatasetError(f"cannot load Hugging Face dataset {path!r} split {split_spec!r}: {why} "
                           f"({type(exc).__name__}: {first[:200]})") from exc
    clusters = clusters_from_rows(ds, prefix=f"{path.split('/')[-1]}-{split}",
                                  documents_field=documents_field or preset.get("documents_field", "document"),
                                  summary_field=summary_field or preset.get("summary_field", "summary"),
                                  id_field=id_field)
    return tidy(clusters, f"hf:{path}:{split_spec}", "hf", min_documents=min_documents, dedupe=dedupe,
                require_references=require_references)
