"""The selector's restatement test: a briefing skips what chosen points already say, and stops early
rather than pad its budget with repeats (``Selector.restatement``, ``selection.restates``)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from summarizer.budget import Budget
from summarizer.cluster import Sentence, make_cluster
from summarizer.methods.textrank import TextRank
from summarizer.selection import Selector, restates, stands_out

N = 40
DIM = 64


def unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def embeddings(seed: int = 0) -> np.ndarray:
    """N unrelated sentences (random directions in 64 dimensions: cosines about +-0.12)."""
    return unit(np.random.default_rng(seed).standard_normal((N, DIM)))


def sentences() -> list[Sentence]:
    return [Sentence(i, 0, f"sentence number {i} says something long enough here") for i in range(N)]


def paraphrase(of: np.ndarray, noise: np.ndarray, cos: float) -> np.ndarray:
    """A vector at cosine ``cos`` from ``of`` (``noise`` orthogonalised against it)."""
    noise = unit(noise - (noise @ of) * of)
    return cos * of + np.sqrt(1 - cos**2) * noise


def select(semantic: np.ndarray, scores: np.ndarray, restatement: float | None, told: float = 0.7,
           limit: int = 5, report: dict | None = None) -> list[int]:
    sel = Selector(redundancy=1.0, min_words=1, overflow="skip", restatement=restatement,
                   restatement_semantic=0.35, told=told)
    return sel.select(sentences(), scores, Budget(limit, "sentences"), None, semantic, report)


def test_a_paraphrase_of_a_chosen_point_is_skipped() -> None:
    e = embeddings()
    e[1] = paraphrase(e[0], e[1], 0.55)  # stands out from sentence 0's similarities to the rest
    scores = np.linspace(2, 1, N)
    assert select(e, scores, None)[:2] == [0, 1]
    chosen = select(e, scores, 1.0)
    assert 0 in chosen and 1 not in chosen


def test_a_fact_the_cluster_tells_in_the_words_of_a_chosen_point_is_skipped() -> None:
    """Sentence 1 does not look like sentence 0, but the outlets' versions (2-5) look like both."""
    e = embeddings(1)
    base = e[0]
    e[1] = paraphrase(base, e[1], 0.2)  # below restatement_semantic: the direct test misses it
    for k in range(2, 6):
        e[k] = unit(base + e[1] + 0.3 * e[k])
    scores = np.r_[3.0, 2.9, np.linspace(1, 0, N - 2)]
    assert float(e[0] @ e[1]) < 0.35
    assert restates(0, None, e, 1.0, 0.35, 1.0)[2:6].all()
    assert 1 in select(e, scores, 1.0, told=1.01, limit=3)  # above 1: the told test is off
    assert 1 not in select(e, scores, 1.0, told=0.7, limit=3)


def test_selection_stops_under_budget_and_reports_why() -> None:
    e = embeddings(2)
    for k in range(1, N):  # everything restates sentence 0
        e[k] = paraphrase(e[0], e[k], 0.9)
    report: dict = {}
    chosen = select(e, np.linspace(2, 1, N), 1.0, limit=5, report=report)
    assert chosen == [0]
    assert report["used"] == 1 and report["limit"] == 5 and report["restated"] >= 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), pairs=st.lists(st.tuples(st.integers(0, N - 1), st.integers(0, N - 1),
                                                           st.floats(0.3, 0.95)), max_size=12),
       told=st.sampled_from([0.5, 0.7, 1.01]), limit=st.integers(1, 12))
def test_no_chosen_point_restates_another(seed, pairs, told, limit) -> None:
    e = embeddings(seed)
    for a, b, cos in pairs:
        if a != b:
            e[b] = paraphrase(e[a], e[b], cos)
    scores = np.random.default_rng(seed).random(N)
    chosen = select(e, scores, 1.0, told=told, limit=limit)
    assert len(chosen) <= limit and len(set(chosen)) == len(chosen)
    for k, a in enumerate(chosen):
        said = restates(a, None, e, 1.0, 0.35, 1.0)
        assert not said[chosen[k + 1:]].any()


def test_stands_out_ignores_the_own_sentences() -> None:
    sims = np.array([1.0, 0.2, 0.21, 0.19, 0.2, 0.6])
    assert list(np.flatnonzero(stands_out(sims, [0], 1.5, 0.8))) == [0, 5]
    assert not stands_out(np.array([1.0, 0.5]), [0], 1.5, 0.8)[1]  # too few others: only sure matches


def test_briefing_says_it_stopped_early(tmp_path) -> None:
    """End to end through the CLI: five outlets tell one fact, the JSON says the budget is not full."""
    from hostile import invoke

    told = ["The river burst its banks in Marrowby on Wednesday, flooding forty streets, officials said.",
            "On Wednesday the river in Marrowby burst its banks and flooded dozens of streets.",
            "Streets across Marrowby were flooded when the river burst its banks on Wednesday.",
            "Officials said the river flooded many streets of Marrowby after bursting its banks.",
            "Marrowby's river burst its banks midweek, leaving several streets under water."]
    other = ["The local football club postponed its Saturday match against Dunmore Rovers.",
             "A new bakery on Mill Lane has started selling rye bread at weekends.",
             "The council approved a plan for twelve electric bus chargers near the station.",
             "Volunteers at the animal shelter are looking for homes for seven young cats.",
             "The library will extend its evening opening hours from next month onwards.",
             "A choir from Dunmore sang carols outside the cathedral to raise money for charity.",
             "Two students won a national prize for a robot that sorts recycling by colour.",
             "The price of a bus ticket to the coast rises by twenty cents in January.",
             "Farmers complained that the autumn apple harvest was the smallest in a decade.",
             "A retired teacher published a history of the town's oldest pub and its owners."]
    docs = [f"{t} {a} {b}" for t, a, b in zip(told, other[:5], other[5:])]
    path = tmp_path / "cluster.json"
    path.write_text(json.dumps({"id": "flood", "documents": docs}), encoding="utf-8")
    out = invoke(["brief", str(path), "--format", "json", "similarity=lexical",
                  "method.selector.semantic_redundancy=null", "method.selector.redundancy=0.9"])
    assert out.rc == 0, out.err
    briefing = json.loads(out.out)
    assert len(briefing["points"]) < 15
    assert "restate chosen points" in briefing["metadata"]["budget_note"]
    off = invoke(["brief", str(path), "--format", "json", "similarity=lexical", "method.selector.semantic_redundancy=null",
                  "method.selector.redundancy=0.9", "method.selector.restatement=null"])
    assert len(json.loads(off.out)["points"]) > len(briefing["points"])


@pytest.mark.parametrize("restatement", [None, 1.0])
def test_textrank_briefing_selector_keeps_the_budget(restatement) -> None:
    c = make_cluster(["The mayor opened the new bridge on Monday. Traffic was light. The bridge cost 4 million.",
                      "A new bridge opened on Monday, the mayor said. It cost four million euros.",
                      "Rain fell all week. The river rose by a metre."])
    sel = Selector(redundancy=0.25, min_words=3, overflow="skip", restatement=restatement)
    s = TextRank(selector=sel).summarize(c, Budget(20, "words"))
    assert 0 < s.n_words <= 20
