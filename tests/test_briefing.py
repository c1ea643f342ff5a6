"""Briefings: every point cited to every article stating it, a real headline, Markdown and JSON."""

from __future__ import annotations

import datetime as dt
import json

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
    sents = {(s.doc, s.position): s for s in CLUSTER.sentences}
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
    sents = cluster.sentences
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
    sents = cluster.sentences
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
    supported = SummarySentence("The river rose two metres.", (cluster.sentences[0],), 0.9, (0.8,))
    invented = SummarySentence("The mayor resigned after the vote.", (), 0.1)
    briefing = build_briefing(Summary(cluster.id, (supported, invented), "seq2seq", Budget(50)), cluster)
    assert briefing.points[0].supported and briefing.points[0].markers == "[1]"
    assert not briefing.points[1].supported
    md = render_markdown(briefing)
    assert f"The mayor resigned after the vote. {UNSUPPORTED}" in md
    assert '"supported": false' in render_json(briefing)


# --- Timeline, bottom line, capped citations, merged copies ----------------------------------------

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from summarizer.briefing import _per_document_best, source_groups  # noqa: E402
from summarizer.cluster import make_cluster  # noqa: E402

TIMELINE = Cluster("t", (
    Document("early", "Ministers met in Ostrano on Thursday to discuss the fishing quotas.\n"
                      "The fishing quota talks ended without a deal after six hours.\n"
                      "Fishermen protested outside the quota talks in the harbour square.",
             title="Quota talks fail", source="Coastal Herald", date=dt.date(2023, 3, 17)),
    Document("late", "The ministers reached a quota agreement on Monday after a second round.\n"
                     "The agreement cuts cod catches by a fifth over three years.\n"
                     "Harbour unions called the cod agreement a betrayal of small boats.",
             title="Quota deal reached", source="Wire", date=dt.date(2023, 3, 27)),
    Document("undated", "The agreement on cod quotas was signed by all ministers.\n"
                        "Small boats will get a compensation fund under the cod agreement.",
             title="Cod deal signed"),
))


def timeline_briefing(**kw) -> Briefing:
    sents = TIMELINE.sentences
    picks = [s for s in sents if s.position < 2]
    summary = Summary("t", tuple(SummarySentence(s.text, (s,), 1.0 - 0.01 * i) for i, s in enumerate(picks)),
                      "test", Budget(200))
    return build_briefing(summary, TIMELINE, **kw)


def test_points_are_dated_and_grouped_oldest_first() -> None:
    b = timeline_briefing(bottom_line=0)
    dates = [d for d, _ in b.timeline]
    assert dates == sorted(dates) and dates[0] == "2023-03-16" and "2023-03-27" in dates
    first = b.points[0]
    assert first.date == "2023-03-16" and first.dated["how"] == "expression"
    assert first.dated["expression"] == "on Thursday" and first.dated["reference"] == "2023-03-17"
    assert b.points[1].dated["how"] == "article"  # no date words: the article's lead event
    undated = [p for p in b.points if p.doc_id == "undated"]
    assert undated and all(p.inferred_date and p.dated["inherited_from"] == "late" for p in undated)
    md = render_markdown(b)
    assert md.index("### Thursday 16 March 2023") < md.index("### Monday 27 March 2023")
    assert "dated from a related article" in md
    assert "(Wire, 2023-03-27) `late`" in md and "2023-03-27\\*" in md  # the undated source says so


def test_bottom_line_comes_first_and_is_not_repeated() -> None:
    b = timeline_briefing()
    assert 1 <= len(b.bottom_line) <= 2
    md = render_markdown(b)
    assert md.splitlines()[2].startswith("**Bottom line:**")
    for i in b.bottom_line:
        assert md.count(b.points[i].text) == 1
    data = json.loads(render_json(b))
    assert data["bottom_line"] == list(b.bottom_line)
    timeline_points = [i for g in data["timeline"] for i in g["points"]]
    assert sorted(timeline_points + data["bottom_line"]) == list(range(len(b.points)))
    assert all({"date", "how", "expression", "reference", "inherited_from"} <= set(p["dated"]) for p in data["points"])


def test_citations_are_capped_ranked_and_counted() -> None:
    texts = [f"The river flooded the old town of Marrow on Friday.\nReporter{i} walked ward{i} by bridge{i} and lane{i}."
             for i in range(30)]
    texts.append("A museum opened with paintings from three centuries.")
    cluster = make_cluster(texts)
    s = cluster.sentences[0]
    b = build_briefing(Summary(cluster.id, (SummarySentence(s.text, (s,), 1.0),), "t", Budget(20)), cluster,
                       max_citations=5)
    p = b.points[0]
    assert len(p.citations) == 5 and p.citations[0].doc == 0 and p.more == 25
    assert [c.similarity for c in p.citations] == sorted((c.similarity for c in p.citations), reverse=True)
    assert p.markers.endswith("and 25 more")
    assert "and 25 more" in render_markdown(b)


def test_identical_articles_are_one_source_listing_their_outlets() -> None:
    text = "Storm Hilda closed the Port Selby ferry route on Friday.\nWaves reached six metres at the harbour."
    docs = tuple(Document(f"copy{i}", text if i % 2 else text.upper().replace("\n", "  \n"), title="Ferry halted",
                          source=f"Outlet {i}") for i in range(6))
    cluster = Cluster("six", docs + (Document("other", "A museum opened with paintings from three centuries."),))
    group_of, groups = source_groups(cluster)
    assert groups == [[0, 1, 2, 3, 4, 5], [6]] and group_of[:6] == [0] * 6
    s = cluster.sentences[0]
    b = build_briefing(Summary("six", (SummarySentence(s.text, (s,), 1.0),), "t", Budget(20)), cluster)
    assert len(b.sources) == 2 and b.sources[0].outlets == tuple(f"Outlet {i}" for i in range(6))
    assert b.sources[0].also == ("copy1", "copy2", "copy3", "copy4", "copy5")
    assert b.points[0].markers == "[1]"
    assert "Outlet 0, Outlet 1" in render_markdown(b)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=8), st.integers(0, 2**31 - 1))
def test_per_document_reduction_matches_a_loop(doc_sizes: list[int], seed: int) -> None:
    rng = np.random.default_rng(seed)
    doc_of = np.repeat(np.arange(len(doc_sizes)), doc_sizes)
    vectors = sp.csr_matrix(rng.integers(0, 3, size=(len(doc_of), 6)).astype(float))
    rows = [int(rng.integers(len(doc_of)))]
    starts = np.flatnonzero(np.r_[True, doc_of[1:] != doc_of[:-1]])
    best, where = _per_document_best(vectors, rows, doc_of, starts)
    sims = (vectors[rows] @ vectors.T).toarray().max(axis=0)
    for d in range(len(doc_sizes)):
        local = np.flatnonzero(doc_of == d)
        assert best[d] == sims[local].max()
        assert where[d] == local[int(np.argmax(sims[local]))]


def test_hybrid_similarity_cites_a_paraphrase_lexical_misses() -> None:
    pytest.importorskip("wordllama")
    cluster = make_cluster([
        "Three sailors aboard the tanker lost their lives in the collision.\nThe port was closed.",
        "The crash killed three crew members of the ship.\nOfficials opened an inquiry.",
        "A new museum opened in the capital with paintings from three centuries.\nCritics praised the hall.",
        "The mayor presented the school budget to the council.\nTeachers welcomed the extra money.",
        "Farmers reported a record apple harvest this autumn.\nPrices fell at the market.",
    ])
    s = cluster.sentences[0]
    summary = Summary(cluster.id, (SummarySentence(s.text, (s,), 1.0),), "t", Budget(20))
    lexical = build_briefing(summary, cluster)
    hybrid = build_briefing(summary, cluster, similarity="hybrid")
    assert [c.doc for c in lexical.points[0].citations] == [0]
    assert [c.doc for c in hybrid.points[0].citations] == [0, 1]
    assert hybrid.similarity == "hybrid" and hybrid.semantic_threshold is not None
    with pytest.raises(ValueError):
        build_briefing(summary, cluster, similarity="magic")


def test_huge_clusters_fall_back_to_lexical_citations(monkeypatch) -> None:
    import summarizer.semantic

    monkeypatch.setattr(summarizer.semantic, "MAX_SENTENCES", 2)
    s = CLUSTER.sentences[0]
    b = build_briefing(Summary("storm", (SummarySentence(s.text, (s,), 1.0),), "t", Budget(20)), CLUSTER,
                       similarity="hybrid")
    assert b.similarity == "lexical" and "TF-IDF only" in b.metadata["similarity_note"]
