"""WCEP JSONL of events: articles (text, title, time, url, origin) and one summary."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from summarizer.datasets import DatasetError
from summarizer.datasets.wcep import load_wcep

EVENTS = [
    {"id": 17, "date": "2019-03-02", "summary": "A bridge collapsed in a river town.", "category": "Disasters",
     "articles": [
         {"id": "w1", "title": "Bridge falls", "text": "The old bridge fell into the river.", "time": "2019-03-02 08:15:00",
          "url": "http://example.org/1", "origin": "WCEP"},
         {"id": "w2", "title": "Collapse", "text": "The old bridge fell into the river.", "time": "2019-03-02 09:00:00",
          "origin": "CommonCrawl"},
         {"id": "w3", "text": "Engineers inspect what is left of the bridge.", "time": "soon"},
         {"id": "w4", "text": ""},
     ]},
    {"id": 18, "summary": "", "articles": [{"id": "w5", "text": "A quiet day at the harbour."}]},
]


def test_events_articles_dates_and_quirks(tmp_path):
    path = tmp_path / "test.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("".join(json.dumps(e) + "\n" for e in EVENTS))
    got = load_wcep(path)
    event = got.clusters[0]
    assert event.id == "17" and event.references == ("A bridge collapsed in a river town.",)
    assert [d.id for d in event.documents] == ["w1", "w3"]
    assert event.documents[0].date == dt.date(2019, 3, 2) and event.documents[0].source == "WCEP"
    assert event.documents[0].url == "http://example.org/1" and event.documents[1].date is None
    r = got.report
    assert (r.duplicate_documents, r.empty_documents, r.clusters_without_references) == (1, 1, 1)
    assert r.notes == ("unparsed article times: 1",)
    assert [len(c.documents) for c in load_wcep(path, max_articles=1).clusters] == [1, 1]
    assert load_wcep(path, require_references=True).report.n_clusters == 1


def test_not_wcep(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": 1, "summary": "s"}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="x.jsonl:1: a WCEP cluster needs an 'articles' list"):
        load_wcep(path)
