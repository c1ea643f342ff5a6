"""A directory of cluster folders of .txt articles, references in references/ or *.ref.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.datasets import DatasetError
from summarizer.datasets.folders import load_folders


def test_cluster_folders_with_both_reference_layouts(tmp_path):
    a = tmp_path / "bridge"
    (a / "references").mkdir(parents=True)
    (a / "one.txt").write_text("The council approved a new bridge on Monday.\n\nWork starts in May.", encoding="utf-8")
    (a / "two.txt").write_text("A bridge over the river was approved by the council.", encoding="utf-8")
    (a / "dup.txt").write_text("A bridge over the river was approved by the  council.", encoding="utf-8")
    (a / "references" / "r1.txt").write_text("The council approved a bridge.", encoding="utf-8")
    b = tmp_path / "ferry"
    b.mkdir()
    (b / "x.txt").write_text("The ferry resumed service after the storm.", encoding="utf-8")
    (b / "y.txt").write_text("", encoding="utf-8")
    (b / "gold.ref.txt").write_text("Ferry service resumed.", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    got = load_folders(tmp_path)
    assert [c.id for c in got.clusters] == ["bridge", "ferry"]
    bridge, ferry = got.clusters
    assert len(bridge.documents) == 2 and bridge.references == ("The council approved a bridge.",)
    assert ferry.references == ("Ferry service resumed.",) and len(ferry.documents) == 1
    assert all("Ferry service resumed" not in d.text for d in ferry.documents)
    r = got.report
    assert (r.duplicate_documents, r.empty_documents, r.empty_clusters, r.single_document_clusters) == (1, 1, 1, 1)


def test_not_a_directory_of_folders(tmp_path):
    with pytest.raises(DatasetError, match="no such directory"):
        load_folders(tmp_path / "absent")
    (tmp_path / "loose.txt").write_text("An article outside any cluster folder.", encoding="utf-8")
    with pytest.raises(DatasetError, match="no cluster folders"):
        load_folders(tmp_path)


def test_cluster_folders_read_saved_web_pages(tmp_path, caplog):
    import shutil

    pytest.importorskip("trafilatura")
    pages = Path(__file__).parent / "pages"
    folder = tmp_path / "harbour"
    folder.mkdir()
    shutil.copy(pages / "harbour.html", folder / "a.html")
    shutil.copy(pages / "index.html", folder / "b.html")
    (folder / "c.txt").write_text("The harbour authority of Varnholm met again on Friday to discuss the barrier.\n",
                                  encoding="utf-8")
    dataset = load_folders(tmp_path)
    [cluster] = dataset.clusters
    assert [d.id for d in cluster.documents] == ["harbour/a", "harbour/c"]
    assert cluster.documents[0].source == "The Varnholm Herald"
    assert "b.html: no article text found" in caplog.text
    assert dataset.report.to_dict()["empty_documents"] == 1
