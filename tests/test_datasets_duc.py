"""DUC as NIST releases it: SGML document sets in per-topic folders, models named D0601.M.250.A.A."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.datasets import DatasetError
from summarizer.datasets.duc import docno_date, load_duc, set_topic

DOC = """<DOC>
<DOCNO> {docno} </DOCNO>
<DOCTYPE> NEWS STORY </DOCTYPE>
<BODY>
<HEADLINE> {headline} </HEADLINE>
<TEXT>
<P>
{p1}
</P>
<P>
{p2}
</P>
</TEXT>
</BODY>
</DOC>
"""


def doc(docno: str, headline: str, p1: str, p2: str) -> str:
    return DOC.format(docno=docno, headline=headline, p1=p1, p2=p2)


@pytest.fixture
def release(tmp_path):
    docs = tmp_path / "docs"
    (docs / "D0601A").mkdir(parents=True)
    (docs / "D0601A" / "APW19990707.0181").write_text(
        doc("APW19990707.0181", "Dam opens", "The new dam opened &amp; filled.", "Farmers cheered."), encoding="utf-8")
    (docs / "D0601A" / "NYT19990708.0002").write_text(
        doc("NYT19990708.0002", "Water", "Irrigation began downstream.", "Prices fell.")
        + doc("NYT19990708.0003", "Again", "Irrigation began downstream.", "Prices fell."), encoding="utf-8")
    (docs / "D0703A-A").mkdir()
    (docs / "D0703A-A" / "XIE19960123.0270").write_text(
        doc("XIE19960123.0270", "Coins", "A new coin was minted.", "Banks prepared."), encoding="utf-8")
    (docs / "d30001t").mkdir()
    (docs / "d30001t" / "AP880911-0016").write_bytes(
        doc("AP880911-0016", "Caf\xe9", "A caf\xe9 opened by the sea.", "Tourists came.").encode("latin-1"))
    models = tmp_path / "models"
    models.mkdir()
    (models / "D0601.M.250.A.B").write_text("Farmers welcomed a new dam.", encoding="utf-8")
    (models / "D0601.M.250.A.A").write_text("A dam opened and irrigation began.", encoding="utf-8")
    (models / "D0703-A.M.100.A.C").write_text("A coin was minted.", encoding="utf-8")
    (models / "D30001.M.100.T.A").write_text("A seaside cafe opened.", encoding="utf-8")
    (models / "D0699.M.250.A.A").write_text("No such set.", encoding="utf-8")
    (models / "README").write_text("not a model", encoding="utf-8")
    topics = tmp_path / "topics.sgml"
    topics.write_text("<topic>\n<num> D0601A </num>\n<title> Dams </title>\n<narr>\nDescribe the dam.\n</narr>\n</topic>\n",
                      encoding="utf-8")
    return docs, models, topics


def test_sets_models_topics_and_dates(release):
    docs, models, topics = release
    got = load_duc(docs, models, topics=topics)
    assert [c.id for c in got.clusters] == ["D0601A", "D0703A-A", "d30001t"]
    dam, coins, cafe = got.clusters
    assert dam.references == ("A dam opened and irrigation began.", "Farmers welcomed a new dam.")
    assert dam.topic == "Dams Describe the dam."
    first = dam.documents[0]
    assert first.id == "APW19990707.0181" and first.title == "Dam opens" and first.source == "APW"
    assert first.text == "The new dam opened & filled.\nFarmers cheered." and first.date == dt.date(1999, 7, 7)
    assert coins.references == ("A coin was minted.",)
    assert cafe.documents[0].text.startswith("A caf\xe9 opened") and cafe.documents[0].date == dt.date(1988, 9, 11)
    r = got.report
    assert r.duplicate_documents == 1 and r.single_document_clusters == 2
    assert r.notes == ("model summaries matching no document set: 1 (D0699)",)


def test_length_filter_and_missing_models(release):
    docs, models, _ = release
    got = load_duc(docs, models, length=100)
    assert [len(c.references) for c in got.clusters] == [0, 1, 1]
    assert load_duc(docs, models, length=100, require_references=True).report.unreferenced_clusters_dropped == 1
    with pytest.raises(DatasetError, match="no such directory"):
        load_duc(docs, docs / "nope")


def test_names():
    assert [set_topic(n) for n in ("D0601A", "d30001t", "D0703A-A", "odd")] == ["D0601", "D30001", "D0703-A", "ODD"]
    assert docno_date("XIE19960123.0270") == dt.date(1996, 1, 23) and docno_date("FBIS3-1") is None
