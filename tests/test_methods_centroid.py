"""Centroid (MEAD): closeness to the cluster's topic words, optional position and first-sentence terms."""

import numpy as np
import pytest
from _method_fixtures import empty_cluster, flood_cluster, one_sentence_cluster

from summarizer.pipeline import prepare
from summarizer.budget import Budget
from summarizer.cluster import make_cluster
from summarizer.methods.centroid import Centroid


def test_topic_sentence_beats_off_topic_sentence():
    c = make_cluster([
        "The flood covered the town. Penguins swim in cold seas.",
        "The flood reached the town hall. The town flood was severe.",
    ])
    for scoring in ("sum", "cosine"):
        scores = Centroid(scoring=scoring).score(prepare(c).space)
        off = [i for i, s in enumerate(prepare(c).sentences) if s.text.startswith("Penguins")][0]
        assert scores[off] == scores.min()


def test_position_weight_favours_early_sentences():
    space = prepare(flood_cluster()).space
    base = Centroid().score(space)
    with_pos = Centroid(position_weight=5.0).score(space)
    delta = with_pos - base
    positions = np.array([s.position for s in space.sentences])
    assert delta[positions == 0].min() > delta[positions == 4].max()


def test_first_sentence_weight_changes_scores():
    space = prepare(flood_cluster()).space
    assert not np.allclose(Centroid().score(space), Centroid(first_weight=1.0).score(space))


def test_budget_and_edge_cases():
    assert Centroid().summarize(flood_cluster(), Budget(2, "sentences")).sentences.__len__() == 2
    assert Centroid().summarize(empty_cluster(), Budget(10)).sentences == ()
    assert len(Centroid().summarize(one_sentence_cluster(), Budget(100)).sentences) == 1
    with pytest.raises(ValueError):
        Centroid(scoring="max")
