"""Clause-level citation evidence: a point that bundles facts is cited by an article stating one of them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.briefing import build_briefing
from summarizer.budget import Budget
from summarizer.clauses import clause_vectors, content_words, split_clauses
from summarizer.cluster import Cluster, Document
from summarizer.pipeline import prepare
from summarizer.summary import Summary, SummarySentence


def test_clauses_split_at_conjunctions_and_subordinators() -> None:
    assert split_clauses("Three tanker crew members died when the Meridian Star and the Santa Lucia "
                         "collided near Ostrano on Tuesday.") == [
        "Three tanker crew members died", "the Meridian Star and the Santa Lucia collided near Ostrano on Tuesday"]
    assert split_clauses("The carmaker blamed falling diesel orders, and the union called a strike at the "
                         "Harwick plant.") == [
        "The carmaker blamed falling diesel orders", "the union called a strike at the Harwick plant"]
    assert len(split_clauses("Output will stop next year; the engines will be built at the Dravec plant instead.")) == 2


def test_short_sides_are_no_clause() -> None:
    # a bare "and" between noun phrases and an attribution leave a side too short to state a fact
    assert split_clauses("A chemical tanker and a passenger ferry collided in thick fog near Ostrano.") == []
    assert split_clauses('"The port remains closed to traffic," she said.') == []
    assert split_clauses("Fishing is banned.") == []
    # a trailing attribution is no clause: one template's "officials said" would match every article
    assert split_clauses("The bridge in Selby flooded after the storm, officials said.") == []
    assert split_clauses("Three crew members died when the tanker and the ferry collided near the harbour, "
                         "the coastguard said on Wednesday.") == [
        "Three crew members died", "the tanker and the ferry collided near the harbour"]


def test_quotations_stay_whole_and_attributions_are_no_clause() -> None:
    quote = ('"We agreed to strengthen our exchange of information on the strikes and the location of the groups," '
             "the defence minister said after talks with his Russian counterpart.")
    assert split_clauses(quote) == []  # the quotation is one clause; who said it is not a fact of the point
    both = ('Addressing extremists in Syria, Hollande said, "We agreed to strike the terrorists only" and added, '
            '"not to strike the groups that are fighting against the terrorists."')
    assert split_clauses(both) == ['"We agreed to strike the terrorists only"',
                                   'added, "not to strike the groups that are fighting against the terrorists."']


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_clauses_are_parts_of_the_sentence(text: str) -> None:
    for clause in split_clauses(text):
        assert clause in text and len(content_words(clause)) >= 3


FILLER = ["The museum in the old town reopened after a long renovation of its roof.",
          "Bakers in the valley reported a good harvest of wheat this summer.",
          "The city council approved a new cycling lane along the river bank.",
          "A jazz festival will bring musicians from twelve countries in July.",
          "Schools in the district will get new computers for their libraries.",
          "The local football club signed a young goalkeeper from the north."]
DOCS = (
    Document("a", "Three crew members of the Meridian Star tanker died in a fire that spread through the engine "
                  "room and the cabins, after the vessel collided with the ferry Santa Lucia in fog.\n"
                  + "\n".join(FILLER[:3])),
    Document("b", "The ferry Santa Lucia collided with a vessel in thick fog.\n"
                  + "\n".join(FILLER[3:])),
    Document("c", "Prices of wheat and barley rose again on the markets of the capital this week."),
)
CLUSTER = Cluster("ferry", DOCS)


def point_briefing(**settings):
    sentences = prepare(CLUSTER).sentences
    point = sentences[0]
    summary = Summary("ferry", (SummarySentence(point.text, (point,), 1.0),), "test", Budget(50))
    return build_briefing(summary, CLUSTER, similarity="lexical", threshold=0.6, **settings)


def test_an_article_stating_one_clause_of_a_point_is_cited() -> None:
    without = point_briefing()
    assert [c.doc for c in without.points[0].citations] == [0]  # whole sentences: cosine 0.55, under 0.6
    with_clauses = point_briefing(clause_thresholds=(0.8, 0.8))  # b's sentence and the point's second clause: 0.9
    cited = [c.doc for c in with_clauses.points[0].citations]
    assert cited == [0, 1]  # b reports the collision in fog, one of the point's facts; c nothing
    assert with_clauses.points[0].citations[1].position == 0
    assert point_briefing(clause_thresholds=(0.99, 0.99)).points[0].citations == without.points[0].citations


def test_clause_vectors_keep_the_clause_words_only() -> None:
    space = prepare(CLUSTER).space
    owner, lexical, semantic = clause_vectors(space, [0], semantic=False)
    assert owner == [0, 0] and semantic is None  # the point splits in two
    norms = np.sqrt(np.asarray(lexical.multiply(lexical).sum(axis=1)).ravel())
    assert np.allclose(norms, 1.0)
    words = space.terms.words
    first = {words[j] for j in lexical[0].indices}
    assert {"crew", "died", "engine"} <= first and "fog" not in first and "ferry" not in first
    second = {words[j] for j in lexical[1].indices}
    assert {"collided", "fog", "ferry"} <= second and "crew" not in second
    assert clause_vectors(space, [3], semantic=False)[0] == []  # a one-clause sentence has no clauses


def test_brief_config_sets_clause_thresholds() -> None:
    from experiments import brief

    assert brief.briefing_settings(brief.compose_config(None, []))["clause_thresholds"] == (0.4, 0.45)
    assert brief.briefing_settings(brief.compose_config(None, ["clause_thresholds=null"]))["clause_thresholds"] is None
    with pytest.raises(ValueError, match="clause_thresholds must be two numbers"):
        brief.briefing_settings(brief.compose_config(None, ["clause_thresholds=0.4"]))
