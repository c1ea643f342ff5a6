"""Briefings: every point cited to every article stating it, a real headline, Markdown and JSON."""

from __future__ import annotations

import datetime as dt
import json

from summarizer.pipeline import prepare
from summarizer.briefing import (RENDERERS, Briefing, build_briefing, choose_headline, render_json, render_markdown,
                                 shorten)
from summarizer.budget import Budget
from summarizer.cluster import Cluster, Document
from summarizer.summary import Summary, SummarySentence

DOCS = (
    Document("a", "Storm Hilda closed the Port Selby ferry route on Friday.\n"
                  "The harbour master said waves reached six metres.", title="Ferry halted by Storm Hilda",
             url="https://example.org/a", date=dt.date(2023, 1, 13)),
    Document("b", "The ferry route at Port Selby was closed by Storm Hilda, stranding lorries.\n"
                  "Bakeries on the island ran out of flour.", title="Island bakeries run dry"),
    Document("c", "A new museum opened in the capital with paintings from three centuries.\n"
                  "Critics praised the lighting of the main hall.", title="Museum opens"),
)
CLUSTER = Cluster("storm", DOCS)


def summary_of(*pairs: tuple[int, int]) -> Summary:
    sents = {(s.doc, s.position): s for s in prepare(CLUSTER).sentences}
    return Summary("storm", tuple(SummarySentence(sents[p].text, (sents[p],), score=1.0 - 0.1 * k)
                                  for k, p in enumerate(pairs)), "test", Budget(50))


def test_points_cite_every_article_stating_them() -> None:
    b = build_briefing(summary_of((0, 0), (1, 1)), CLUSTER)
    first, second = b.points
    assert [c.source for c in first.citations] == [1, 2]  # the ferry closure is in a and b, not in c
    assert first.citations[0].similarity == 1.0 and first.citations[0].position == 0
    assert first.citations[1].doc == 1 and first.citations[1].position == 0
    assert 0.3 <= first.citations[1].similarity < 1.0
    assert [c.source for c in second.citations] == [2]  # bakeries: only b
    assert first.markers == "[1][2]"


def test_threshold_controls_citations() -> None:
    assert len(build_briefing(summary_of((0, 0)), CLUSTER, threshold=0.99).points[0].citations) == 1
    assert len(build_briefing(summary_of((0, 0)), CLUSTER, threshold=0.0).points[0].citations) == 3


def test_sources_and_headline() -> None:
    b = build_briefing(summary_of((0, 0), (0, 1)), CLUSTER)
    assert [s.number for s in b.sources] == [1, 2, 3]
    assert b.sources[0].url == "https://example.org/a" and b.sources[0].date == "2023-01-13"
    assert b.headline == "Ferry halted by Storm Hilda"  # the article cited by most points
    # b states both points of this summary (a only the first), so its title wins
    assert build_briefing(summary_of((0, 0), (1, 1)), CLUSTER).headline == "Island bakeries run dry"


def test_headline_without_titles_is_a_shortened_point() -> None:
    cluster = Cluster("x", tuple(Document(d.id, d.text) for d in DOCS))
    sents = prepare(cluster).sentences
    s = Summary("x", (SummarySentence(sents[0].text, (sents[0],), 1.0),), "t", Budget(10))
    assert build_briefing(s, cluster).headline == "Storm Hilda closed the Port Selby ferry route on Friday"
    assert shorten("one two three, four five six seven eight nine ten", max_words=6) == "one two three, four five six\u2026"
    assert shorten("alpha beta gamma delta, epsilon zeta eta theta", max_words=6) == "alpha beta gamma delta"
    assert choose_headline([], cluster) == "No content to brief"


def test_markdown_rendering() -> None:
    md = render_markdown(build_briefing(summary_of((0, 0), (0, 1)), CLUSTER))
    lines = md.splitlines()
    assert lines[0] == "# Ferry halted by Storm Hilda"
    assert "- Storm Hilda closed the Port Selby ferry route on Friday. [1][2]" in lines
    assert "## Sources" in lines
    assert "1. [Ferry halted by Storm Hilda](https://example.org/a) (2023-01-13) `a`" in lines
    assert "3. Museum opens `c`" in lines


def test_markdown_escapes_article_text() -> None:
    cluster = Cluster("m", (Document("m", "Officials said *all* [routes] were_closed on Friday.", title="T"),))
    sents = prepare(cluster).sentences
    md = render_markdown(build_briefing(Summary("m", (SummarySentence(sents[0].text, (sents[0],)),), "t", Budget(9)),
                                        cluster))
    assert r"\*all\* \[routes\] were\_closed" in md


def test_json_round_trip_has_provenance() -> None:
    b = build_briefing(summary_of((0, 0)), CLUSTER)
    data = json.loads(render_json(b))
    assert data["points"][0]["doc"] == 0 and data["points"][0]["position"] == 0
    assert data["points"][0]["doc_id"] == "a"
    assert data["points"][0]["citations"][1] == {"source": 2, "doc": 1, "doc_id": "b", "position": 0,
                                                 "similarity": b.points[0].citations[1].similarity}
    assert data["sources"][0]["id"] == "a" and data["citation_threshold"] == b.citation_threshold
    assert set(RENDERERS) >= {"md", "json"}


def test_empty_summary_is_still_a_briefing() -> None:
    b = build_briefing(Summary("storm", (), "t", Budget(10)), CLUSTER)
    assert isinstance(b, Briefing) and b.points == ()
    assert "No sentences" in render_markdown(b)


def test_generated_point_without_support_is_flagged_not_cited() -> None:
    from summarizer import Budget, Summary, SummarySentence, make_cluster
    from summarizer.briefing import UNSUPPORTED, build_briefing, render_json, render_markdown

    cluster = make_cluster(["The river rose two metres overnight in the old town.", "Schools stayed closed on Friday."])
    supported = SummarySentence("The river rose two metres.", (prepare(cluster).sentences[0],), 0.9, (0.8,))
    invented = SummarySentence("The mayor resigned after the vote.", (), 0.1)
    briefing = build_briefing(Summary(cluster.id, (supported, invented), "seq2seq", Budget(50)), cluster)
    assert briefing.points[0].supported and briefing.points[0].markers == "[1]"
    assert not briefing.points[1].supported
    md = render_markdown(briefing)
    assert f"The mayor resigned after the vote. {UNSUPPORTED}" in md
    assert '"supported": false' in render_json(briefing)
