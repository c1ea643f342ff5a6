"""Provenance: generated sentences are linked to the source sentences that support them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.pipeline import prepare
from summarizer.cluster import make_cluster
from summarizer.neural.provenance import Provenance

CLUSTER = make_cluster([
    "The harbour authority of Keltby closed the north pier on Monday. Storm damage was found on the pilings.",
    "Engineers inspected the pilings of the north pier. Repairs will cost two million crowns, the mayor said.",
    "A new ferry timetable starts in May. Tickets go on sale next week.",
])


@pytest.mark.parametrize("method", ["tfidf", "overlap"])
def test_paraphrase_is_linked_to_its_sources(method):
    space = prepare(CLUSTER).space
    out = Provenance(method=method, top_k=2).link(
        ["Keltby's harbour authority shut the north pier after storm damage.",
         "The mayor put the cost of repairs at two million crowns."], space)
    first, second = out
    assert (first.sources[0].doc, first.sources[0].position) == (0, 0)
    assert (second.sources[0].doc, second.sources[0].position) == (1, 1)
    for s in out:
        assert list(s.support) == sorted(s.support, reverse=True)
        assert s.score == pytest.approx(s.support[0], abs=1e-4)
        assert len(s.sources) == len(s.support) <= 2


@pytest.mark.parametrize("method", ["tfidf", "overlap"])
def test_invented_claim_is_unsupported(method):
    out = Provenance(method=method).link(["Astronauts landed a balloon on Jupiter yesterday."], prepare(CLUSTER).space)
    assert out[0].sources == () and out[0].support == ()
    assert out[0].text == "Astronauts landed a balloon on Jupiter yesterday."


def test_threshold_and_top_k_limit_sources():
    space = prepare(CLUSTER).space
    text = ["Engineers found storm damage on the pilings of the north pier."]
    assert len(Provenance(top_k=1, threshold=0.0).link(text, space)[0].sources) == 1
    assert Provenance(threshold=0.99).link(text, space)[0].sources == ()
    with pytest.raises(ValueError):
        Provenance(method="bleu")
    with pytest.raises(ValueError):
        Provenance(top_k=0)


def test_empty_inputs():
    assert Provenance().link([], prepare(CLUSTER).space) == ()
    empty = make_cluster([""])
    assert Provenance().link(["Anything at all."], prepare(empty).space)[0].sources == ()


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(st.sampled_from(list("abc pier north storm.")), max_size=60), max_size=4),
       st.sampled_from(["tfidf", "overlap"]))
def test_similarities_are_bounded(generated, method):
    sims = Provenance(method=method).similarity(generated, prepare(CLUSTER).space)
    assert sims.shape == (len(generated), len(prepare(CLUSTER).sentences))
    assert (sims >= 0).all() and (sims <= 1 + 1e-9).all()
