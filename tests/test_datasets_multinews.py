"""Multi-News line files: '|||||' or story_separator_special_tag, NEWLINE_CHAR, targets starting '– '."""

from __future__ import annotations

import gzip

import pytest

from summarizer.datasets import DatasetError
from summarizer.datasets.multinews import load_multinews

SRC = [
    "Storm hits coast. NEWLINE_CHAR NEWLINE_CHAR Towns flooded. ||||| Coast towns count damage after storm. |||||",
    "Only one story about a museum reopening.",
    "A farmer sold a pumpkin. ||||| A farmer sold a pumpkin. ||||| Record pumpkin sold at fair.",
]
TGT = [
    "– A storm flooded coastal towns. NEWLINE_CHAR It was the worst in years.",
    "– The museum reopened.",
    "– A record pumpkin was sold.",
]


def test_original_release(tmp_path):
    (tmp_path / "test.src").write_text("\n".join(SRC) + "\n", encoding="utf-8")
    (tmp_path / "test.tgt").write_text("\n".join(TGT) + "\n", encoding="utf-8")
    got = load_multinews(tmp_path / "test.src")
    assert [c.id for c in got.clusters] == ["test-0", "test-1", "test-2"]
    storm = got.clusters[0]
    assert [d.text for d in storm.documents] == ["Storm hits coast.\n\nTowns flooded.", "Coast towns count damage after storm."]
    assert storm.references == ("A storm flooded coastal towns.\nIt was the worst in years.",)
    r = got.report
    assert (r.empty_documents, r.duplicate_documents, r.single_document_clusters) == (1, 1, 1)


def test_preprocessed_variant_gzipped(tmp_path):
    src = [line.replace("|||||", "story_separator_special_tag") for line in SRC]
    with gzip.open(tmp_path / "val.txt.src.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(src) + "\n")
    with gzip.open(tmp_path / "val.txt.tgt.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(TGT) + "\n")
    got = load_multinews(tmp_path / "val.txt.src.gz")
    assert len(got.clusters[0].documents) == 2 and got.clusters[2].references == ("A record pumpkin was sold.",)


def test_files_of_different_lengths(tmp_path):
    (tmp_path / "a.src").write_text("x ||||| y\nz\n", encoding="utf-8")
    (tmp_path / "a.tgt").write_text("– only one\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="one line per cluster"):
        load_multinews(tmp_path / "a.src")
    with pytest.raises(DatasetError, match="cannot guess"):
        load_multinews(tmp_path / "a.tgt")
