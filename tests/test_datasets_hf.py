"""Hugging Face datasets: rows to clusters (tested through the offline 'json' builder) and the offline error."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("datasets")

from summarizer.datasets import DatasetError  # noqa: E402
from summarizer.datasets.hf import clusters_from_rows, load_hf  # noqa: E402


def test_rows_in_multi_news_and_list_layouts():
    rows = [{"document": "A kite flew. NEWLINE_CHAR High up. ||||| Kites filled the sky.", "summary": "– Kites flew."},
            {"document": ["Snow fell.", "Roads closed."], "summary": ["Snow closed roads.", "It snowed."]}]
    first, second = clusters_from_rows(rows, "mn")
    assert [d.text for d in first.documents] == ["A kite flew.\nHigh up.", "Kites filled the sky."]
    assert first.references == ("Kites flew.",) and first.id == "mn-0"
    assert second.references == ("Snow closed roads.", "It snowed.")
    with pytest.raises(DatasetError, match="no field 'articles'"):
        clusters_from_rows(rows, "mn", documents_field="articles")


def test_local_files_through_datasets(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [
        {"document": "One. ||||| One.", "summary": "– One."},
        {"document": "Two a. ||||| Two b.", "summary": "– Two."}]), encoding="utf-8")
    got = load_hf("json", "train", data_files=str(path))
    assert [c.id for c in got.clusters] == ["json-train-0", "json-train-1"]
    assert got.report.duplicate_documents == 1 and got.report.single_document_clusters == 1
    assert load_hf("json", "train", data_files=str(path), limit=1).report.n_clusters == 1


def test_offline_hub_is_one_clear_line(tmp_path):
    # A fresh process: huggingface_hub reads HF_HUB_OFFLINE once, when it is imported.
    env = dict(os.environ, HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1", HF_HOME=str(tmp_path / "home"))
    code = ("from summarizer.datasets.hf import load_hf\n"
            "try:\n    load_hf('multi_news')\nexcept Exception as exc:\n    print(type(exc).__name__, exc)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120).stdout
    assert out.count("\n") == 1 and out.startswith("DatasetError cannot load Hugging Face dataset 'alexfabbri/multi_news'")
    assert "HF_HUB_OFFLINE" in out
