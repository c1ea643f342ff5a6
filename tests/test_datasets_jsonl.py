"""The ../shared/datasets JSONL layout, on files written here with invented text."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from summarizer.datasets import DatasetError
from summarizer.datasets.jsonl import load_jsonl


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_loads_clusters_references_and_topics(tmp_path):
    data = write_jsonl(tmp_path / "dev.jsonl", [
        {"id": "T1", "documents": ["The ferry sank.", "The ferry sank.", "Divers searched the bay."],
         "references": ["A ferry sank and divers searched."]},
        {"id": "T2", "documents": [{"text": "Mayor opened a bridge.", "title": "Bridge"}], "references": []},
    ])
    meta = write_jsonl(tmp_path / "meta.jsonl", [{"id": "T1", "title": "ferry accident", "narrative": "Describe it."}])
    got = load_jsonl(data, meta=meta)
    assert [c.id for c in got.clusters] == ["T1", "T2"]
    assert got.clusters[0].topic == "ferry accident. Describe it."
    assert got.clusters[1].documents[0].title == "Bridge"
    r = got.report
    assert (r.duplicate_documents, r.single_document_clusters, r.clusters_without_references) == (1, 1, 1)
    assert load_jsonl(data, require_references=True).report.n_clusters == 1


def test_errors_name_the_file(tmp_path):
    with pytest.raises(DatasetError, match="nope.jsonl: no such file"):
        load_jsonl(tmp_path / "nope.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "documents": ["a"]}\n{oops\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="bad.jsonl:2"):
        load_jsonl(bad)


def shared() -> Path:
    return Path(os.environ.get("MDS_SHARED") or Path(__file__).resolve().parents[2] / "shared")


@pytest.mark.shared
def test_shared_dev_sets_load_with_their_quirks_counted():
    path = shared() / "datasets" / "duc2007_update" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} absent: set MDS_SHARED to the folder holding datasets/")
    got = load_jsonl(path, meta=path.with_name("meta.jsonl"))
    assert got.report.n_clusters == 30 and all(len(c.references) == 4 for c in got.clusters)
    assert all(c.topic for c in got.clusters)
