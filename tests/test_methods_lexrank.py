"""LexRank: threshold and continuous variants."""

import numpy as np
import pytest
from _method_fixtures import empty_cluster, flood_cluster, one_sentence_cluster

from summarizer.pipeline import prepare
from summarizer.budget import Budget
from summarizer.methods.lexrank import LexRank


def test_threshold_variant_differs_from_continuous():
    space = prepare(flood_cluster()).space
    cont = LexRank(variant="continuous").score(space)
    thr = LexRank(variant="threshold", threshold=0.1).score(space)
    assert np.isclose(cont.sum(), 1.0) and np.isclose(thr.sum(), 1.0)
    assert not np.allclose(cont, thr)


def test_threshold_above_every_similarity_gives_uniform_scores():
    space = prepare(flood_cluster()).space
    scores = LexRank(variant="threshold", threshold=0.99).score(space)
    assert np.allclose(scores, 1.0 / len(space.sentences))


def test_threshold_variant_ranks_by_degree():
    from summarizer.cluster import make_cluster

    # the hub sentence shares words with the three others, which share nothing among themselves
    c = make_cluster(["Storm rain river town. Storm wind. Rain cold. River wide."])
    scores = LexRank(variant="threshold", threshold=0.05).score(prepare(c).space)
    assert int(np.argmax(scores)) == 0


def test_budget_determinism_and_edge_cases():
    a = LexRank().summarize(flood_cluster(), Budget(25, "words"))
    assert a.n_words == 25 and a.lines == LexRank().summarize(flood_cluster(), Budget(25, "words")).lines
    assert LexRank().summarize(empty_cluster(), Budget(10)).sentences == ()
    assert len(LexRank().summarize(one_sentence_cluster(), Budget(100)).sentences) == 1


def test_unknown_variant():
    with pytest.raises(ValueError):
        LexRank(variant="binary")
