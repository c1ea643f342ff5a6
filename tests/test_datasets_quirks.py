"""tidy(): the quirk handling every loader shares, and its counts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.cluster import Cluster, Document
from summarizer.datasets import DatasetError, tidy


def cluster(cid: str, *texts: str, refs: tuple[str, ...] = ("A reference.",)) -> Cluster:
    return Cluster(cid, tuple(Document(f"{cid}.{i}", t) for i, t in enumerate(texts)), refs)


def test_counts_and_drops_each_quirk():
    raw = [
        cluster("a", "Boats left the quay.", "  boats LEFT the   quay. ", "", "Gulls followed."),
        cluster("b", "", "   "),
        cluster("c", "Only one article here."),
        cluster("d", "No references.", "Still none.", refs=()),
        cluster("a", "A second cluster with a used id.", "Another text."),
    ]
    data = tidy(raw, "mem", "test")
    r = data.report
    assert [c.id for c in data.clusters] == ["a", "c", "d", "a~2"]
    assert [d.text for d in data.clusters[0].documents] == ["Boats left the quay.", "Gulls followed."]
    assert (r.empty_documents, r.duplicate_documents, r.empty_clusters) == (3, 1, 1)
    assert (r.single_document_clusters, r.clusters_without_references, r.duplicate_ids) == (1, 1, 1)
    assert (r.n_clusters, r.n_documents) == (4, 7)
    assert "duplicate documents: 1" in r.describe() and "empty clusters: 1" in r.describe()


def test_policies_drop_small_and_unreferenced_clusters():
    raw = [cluster("one", "Just this."), cluster("bare", "x y.", "z w.", refs=()), cluster("ok", "p q.", "r s.")]
    data = tidy(raw, "mem", "test", min_documents=2, require_references=True)
    assert [c.id for c in data.clusters] == ["ok"]
    assert data.report.small_clusters_dropped == 1 and data.report.unreferenced_clusters_dropped == 1
    kept = tidy([cluster("a", "Same.", "same.")], "mem", "test", dedupe=False)
    assert len(kept.clusters[0].documents) == 2 and kept.report.duplicate_documents == 0


def test_min_documents_must_be_positive():
    with pytest.raises(DatasetError):
        tidy([], "mem", "test", min_documents=0)


@given(st.lists(st.lists(st.sampled_from(["", " ", "alpha.", "Alpha.", "beta gamma.", "delta"]), max_size=6),
                max_size=6))
def test_counts_add_up(texts_per_cluster):
    raw = [cluster(f"k{i}", *texts) for i, texts in enumerate(texts_per_cluster)]
    data = tidy(raw, "mem", "test")
    r = data.report
    total = sum(len(t) for t in texts_per_cluster)
    assert r.n_documents + r.empty_documents + r.duplicate_documents == total
    assert r.n_clusters + r.empty_clusters == len(raw)
    assert all(c.documents and all(d.text.strip() for d in c.documents) for c in data.clusters)
    assert r.to_dict()["n_clusters"] == len(data)
