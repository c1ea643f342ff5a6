"""Budgeted submodular selection (Lin & Bilmes 2011)."""

import numpy as np
from _method_fixtures import empty_cluster, flood_cluster, one_sentence_cluster

from summarizer.pipeline import prepare
from summarizer.budget import Budget
from summarizer.cluster import make_cluster
from summarizer.methods.submodular import Submodular
from summarizer.selection import Selector


def test_budget_respected_whole_sentences_with_skip():
    m = Submodular(selector=Selector(overflow="skip", min_words=1))
    for limit in (5, 12, 30, 60):
        s = m.summarize(flood_cluster(), Budget(limit, "words"))
        assert s.n_words <= limit
        assert all(x.text == x.sources[0].text for x in s.sentences)  # nothing cut


def test_diversity_avoids_near_duplicates():
    dup = "Heavy rain flooded the town of Marlow Creek on Tuesday night."
    c = make_cluster([f"{dup} Farmers counted the lost wheat.", f"{dup} Power lines fell in the storm.",
                      f"{dup} Schools stayed closed all week."])
    m = Submodular(partitions=0.5, selector=Selector(min_words=1, overflow="skip"))
    s = m.summarize(c, Budget(3, "sentences"))
    assert sum(line == dup for line in s.lines) <= 1


def test_deterministic_and_edge_cases():
    a = Submodular().summarize(flood_cluster(), Budget(40))
    assert a.lines == Submodular().summarize(flood_cluster(), Budget(40)).lines and a.n_words == 40
    assert Submodular().summarize(empty_cluster(), Budget(10)).sentences == ()
    assert len(Submodular().summarize(one_sentence_cluster(), Budget(100)).sentences) == 1


def test_scores_are_singleton_rewards():

    r = Submodular().score(prepare(flood_cluster()).space)
    assert r.shape == (len(flood_cluster().sentences),) and np.all(r > 0)


def test_bigram_coverage_prefers_facts_repeated_across_documents():
    c = make_cluster([
        "The dam burst near Alder Point on Monday. A cat sat quietly on a warm windowsill.",
        "Officials said the dam burst near Alder Point. Lunch menus changed at the local cafe.",
        "After the dam burst near Alder Point, crews arrived. Someone painted a fence blue.",
    ])
    m = Submodular(coverage="bigrams", diversity=0.0, min_df=2, selector=Selector(min_words=1, overflow="skip"))
    s = m.summarize(c, Budget(1, "sentences"))
    assert "dam burst" in s.lines[0]


def test_unknown_coverage_refused():
    import pytest

    with pytest.raises(ValueError):
        Submodular(coverage="words")
