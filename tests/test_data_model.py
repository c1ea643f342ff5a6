"""The data model is immutable, round-trips through JSON, and keeps provenance."""

import dataclasses
import datetime as dt
import json

import pytest

from summarizer.pipeline import prepare
from summarizer import Budget, Cluster, Document, Summary, SummarySentence, make_cluster
from summarizer.cluster import Sentence


def test_cluster_accepts_shared_dataset_layout_and_our_layout():
    shared = Cluster.from_dict({"id": "D1", "documents": ["A. B.", "C."], "references": ["ref"]})
    assert [d.id for d in shared.documents] == ["D1.0", "D1.1"]
    ours = Cluster.from_dict({"id": "X", "documents": [{"id": "a", "text": "T.", "title": "Head", "date": "2015-11-26"}]})
    assert ours.documents[0].title == "Head"
    assert ours.documents[0].date == dt.date(2015, 11, 26)
    again = Cluster.from_dict(json.loads(json.dumps(ours.to_dict())))
    assert again == ours


def test_cluster_is_immutable_and_hashable_by_value():
    c = make_cluster(["One sentence here."], "c")
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.id = "other"  # type: ignore[misc]
    assert isinstance(c.documents, tuple)


def test_bad_cluster_rows_are_rejected_with_a_reason():
    with pytest.raises(ValueError, match="documents"):
        Cluster.from_dict({"id": "x"})
    with pytest.raises(ValueError, match="ISO date"):
        Document.from_dict({"id": "d", "text": "t", "date": "yesterday"})


def test_sentences_carry_document_and_position():
    c = prepare(make_cluster(["First one. Second one.", "Third one."]))
    assert [(s.doc, s.position) for s in c.sentences] == [(0, 0), (0, 1), (1, 0)]


def test_summary_round_trips_with_provenance():
    src = Sentence(1, 4, "The source sentence.")
    s = Summary("c", (SummarySentence("The source sentence.", (src,), 0.25),), "textrank", Budget(100))
    back = Summary.from_dict(json.loads(json.dumps(s.to_dict())))
    assert back == s
    assert back.sentences[0].doc == 1 and back.sentences[0].position == 4


def test_external_predictions_read_as_plain_lines():
    s = Summary.from_dict({"id": "c", "summary": "Line one.\nLine two.\n"})
    assert s.lines == ["Line one.", "Line two."]
    assert s.method == "external"
