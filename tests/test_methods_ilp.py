"""Concept-coverage ILP (Gillick & Favre 2009): exact optimum, budget, pruning and the greedy fallback."""

import logging
from itertools import combinations

import numpy as np
import pytest
import scipy.sparse as sp
from _method_fixtures import empty_cluster, flood_cluster, one_sentence_cluster
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.pipeline import prepare
from summarizer.budget import Budget
from summarizer.cluster import make_cluster
from summarizer.concepts import Concepts
from summarizer.methods.ilp import ConceptILP, solve_coverage
from summarizer.selection import Selector


def _instance():
    # 4 sentences x 5 concepts; costs 3, 2, 2, 4; weights 5, 4, 3, 2, 2
    a = sp.csr_matrix(np.array([
        [1, 1, 0, 0, 0],   # s0: c0 c1          value 9, cost 3
        [1, 0, 1, 0, 0],   # s1: c0 c2          value 8, cost 2
        [0, 1, 0, 1, 0],   # s2: c1 c3          value 6, cost 2
        [0, 0, 1, 1, 1],   # s3: c2 c3 c4       value 7, cost 4
    ], dtype=float))
    w = np.array([5.0, 4.0, 3.0, 2.0, 2.0])
    return Concepts(a, w, w.copy()), np.arange(4), np.array([3.0, 2.0, 2.0, 4.0])


def _brute_force(concepts, costs, limit):
    best, best_set = -1.0, ()
    for r in range(len(costs) + 1):
        for subset in combinations(range(len(costs)), r):
            if costs[list(subset)].sum() <= limit:
                hit = np.asarray(concepts.incidence[list(subset)].sum(axis=0)).ravel() > 0 if subset else []
                value = float(concepts.weights[hit].sum()) if subset else 0.0
                if value > best:
                    best, best_set = value, subset
    return best, set(best_set)


@pytest.mark.parametrize("limit", [2, 3, 4, 5, 6, 7, 11])
def test_optimal_on_hand_checked_instance(limit):
    concepts, cand, costs = _instance()
    chosen = solve_coverage(concepts, cand, costs, limit)
    best, _ = _brute_force(concepts, costs, limit)
    hit = np.asarray(concepts.incidence[chosen].sum(axis=0)).ravel() > 0
    assert costs[chosen].sum() <= limit
    assert float(concepts.weights[hit].sum()) == best


def test_hand_checked_optimum_beats_greedy_choice():
    # budget 4: greedy by value/cost takes s1 (8/2) then s2 (c1, c3: +6) = 14 -- also optimal here;
    # budget 5: s0 + s1 = 12 (c0 once), s1 + s2 = 14, s0 + s2 = 11 -> {s1, s2}
    concepts, cand, costs = _instance()
    assert set(solve_coverage(concepts, cand, costs, 5)) == {1, 2}
    # budget 6: s1 + s3 = 5 + 3 + 2 + 2 = 12 ... s0 + s1 = 12, s1 + s2 = 14, s2 + s3 (6) = 4+3+2+2 = 11
    assert set(solve_coverage(concepts, cand, costs, 6)) == {1, 2}


def test_greedy_fallback_when_solver_finds_nothing(monkeypatch, caplog):
    from scipy.optimize import OptimizeResult

    def out_of_time(*args, **kwargs):
        return OptimizeResult(x=None, status=1, message="Time limit reached.", success=False)

    monkeypatch.setattr("scipy.optimize.milp", out_of_time)
    concepts, cand, costs = _instance()
    with caplog.at_level(logging.WARNING, logger="summarizer.methods.ilp"):
        chosen = solve_coverage(concepts, cand, costs, 5)
    assert "greedy fallback" in caplog.text
    assert costs[chosen].sum() <= 5 and chosen  # the greedy's own choice, within budget
    s = ConceptILP(min_df=1).summarize(flood_cluster(), Budget(30))
    assert s.sentences and s.n_words <= 30


def test_prefers_facts_repeated_across_documents():
    c = make_cluster([
        "The dam burst near Alder Point on Monday. A cat sat quietly on a warm windowsill.",
        "Officials said the dam burst near Alder Point. Lunch menus changed at the local cafe.",
        "After the dam burst near Alder Point, crews arrived. Someone painted a fence blue.",
    ])
    s = ConceptILP(min_df=2, selector=Selector(min_words=1, overflow="skip")).summarize(c, Budget(1, "sentences"))
    assert "dam burst" in s.lines[0]


@settings(max_examples=12, deadline=None)
@given(limit=st.integers(1, 120), unit=st.sampled_from(["words", "bytes", "sentences"]),
       overflow=st.sampled_from(["cut", "skip"]))
def test_budget_honoured_exactly(limit, unit, overflow):
    budget = Budget(limit if unit != "bytes" else limit * 5, unit)
    s = ConceptILP(min_df=2, selector=Selector(overflow=overflow, min_words=1)).summarize(flood_cluster(), budget)
    size = sum(budget.size(t) for t in s.lines) if unit != "sentences" else len(s.lines)
    assert size <= budget.limit
    total = sum(budget.size(x.text) for x in flood_cluster().sentences)
    if overflow == "cut" and unit == "words" and total >= budget.limit:
        assert size == budget.limit  # the fill sentence makes the cut land on the limit


def test_deterministic_and_edge_cases():
    a = ConceptILP().summarize(flood_cluster(), Budget(40))
    assert a.lines == ConceptILP().summarize(flood_cluster(), Budget(40)).lines
    assert ConceptILP().summarize(empty_cluster(), Budget(10)).sentences == ()
    assert len(ConceptILP().summarize(one_sentence_cluster(), Budget(100)).sentences) == 1


def test_pruning_keeps_large_clusters_small():
    docs = [" ".join(f"Storm number {d} hit coastal town {k} hard on day {k % 7}." for k in range(60))
            for d in range(20)]
    c = make_cluster(docs)
    assert len(prepare(c).sentences) >= 1000
    s = ConceptILP(max_sentences=50, time_limit=5.0).summarize(c, Budget(50))
    assert s.sentences and s.n_words <= 50


def test_bad_settings_are_clear_errors():
    with pytest.raises(ValueError, match="max_sentences"):
        ConceptILP(max_sentences=0)
    with pytest.raises(ValueError, match="time_limit"):
        ConceptILP(time_limit=0)


def test_concepts_weights_and_min_df_fallback():
    from summarizer.concepts import cluster_concepts

    c = prepare(make_cluster(["The dam burst near Alder Point.", "Officials said the dam burst at night."]))
    con = cluster_concepts(c.space, min_df=2)
    names = list(con.names)
    assert con.weights[names.index("dam burst")] == 2 and con.weights[names.index("alder point")] == 0
    lone = cluster_concepts(prepare(make_cluster(["Only one article mentions the dam burst."])).space, min_df=3)
    assert lone.weights.max() == 1  # min_df lowered to what a one-document cluster can reach
    early = cluster_concepts(c.space, min_df=1, position_weight=1.0)
    assert np.allclose(early.weights, 2 * con.df)  # every concept here is first seen in sentence 0
