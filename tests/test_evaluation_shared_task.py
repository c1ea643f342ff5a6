"""A whole shared task: many systems per cluster, humans jackknifed as NIST does, ranking and significance.

Invented texts (no DUC data) and the rouge-score backend, so every test is fast; the same layout
reproduces NIST's DUC 2006 numbers with the Perl backend (test_evaluation_nist.py, bench/nist_duc2006.py).
"""

import json
from dataclasses import dataclass

import pytest

from summarizer.budget import Budget
from summarizer.evaluation import (Eval, EvalScores, Metric, Prediction, RougeSettings, Score, evaluate,
                                   evaluate_systems)
from summarizer.evaluation import multiref, ranking
from summarizer.evaluation.rouge import RougeScore
from summarizer.summary import Summary, SummarySentence
from _evaluation_fixtures import clusters, summaries


def summary(cid, text, method="t"):
    return Summary(cid, tuple(SummarySentence(t) for t in text.splitlines()), method, Budget(100))


def shared_task():
    """Two systems on every cluster, and the author of flood's first reference as a human peer."""
    cl = clusters()
    preds = [Prediction(s, "sys-a") for s in summaries()]
    preds += [Prediction(summary(c.id, c.documents[0].text.split(". ")[0] + "."), "sys-b") for c in cl]
    preds.append(Prediction(summary("flood", cl[0].references[0]), "H", True))
    return cl, preds


def test_nist_layout_four_evals_and_the_human_only_where_its_reference_is_left_out():
    refs = {"c": ["r0", "r1", "r2", "r3"]}
    peers = [multiref.Peer("s1", "c", "x"), multiref.Peer("s2", "c", "y"), multiref.Peer("H", "c", "r2", 2)]
    layout = multiref.plan(peers, refs, "jackknife")
    assert [e.id for e in layout.evals] == ["c.0", "c.1", "c.2", "c.3"]
    for j, e in enumerate(layout.evals):
        assert list(e.models.values()) == [r for i, r in enumerate(refs["c"]) if i != j]
        assert set(e.peers) == ({"s1", "s2", "H"} if j == 2 else {"s1", "s2"})
    assert layout.of_peer[("H", "c")] == ["c.2"] and len(layout.of_peer[("s1", "c")]) == 4


@pytest.mark.parametrize("policy", ["average", "best", "jackknife"])
def test_no_policy_scores_a_human_against_its_own_reference(policy):
    refs = {"c": ["r0", "r1", "r2"]}
    layout = multiref.plan([multiref.Peer("s", "c", "x"), multiref.Peer("H", "c", "r1", 1)], refs, policy)
    for e in layout.evals:
        if "H" in e.peers:
            assert "r1" not in e.models.values() and e.models
    with pytest.raises(ValueError, match="nothing to score it against"):
        multiref.plan([multiref.Peer("H", "c", "r0", 0)], {"c": ["r0"]}, policy)


def test_a_human_peer_gets_the_score_against_the_other_references_only():
    cl, preds = shared_task()
    task = evaluate_systems(preds, cl, RougeSettings(multiref="jackknife"), diagnostics=False)
    assert list(task.systems) == ["sys-a", "sys-b", "H"]
    human = task.systems["H"]
    assert human.human and not task.systems["sys-a"].human
    row = human.per_cluster[0]
    assert row["n_evals"] == 1 and row["own_reference"] == 0
    alone = RougeScore(("rouge1", "rouge2", "rougeL", "rougeLsum")).score(cl[0].references[0], [cl[0].references[1]])
    for m, s in alone.items():
        assert Score.from_keys(row["scores"], m) == pytest.approx(s)
    assert row["scores"]["rouge1_r"] < 0.9  # never against itself (that would give 1.0 in one of the evals)
    # systems: 2 evals on the 2-reference clusters, 1 on the one-reference cluster
    assert [r["n_evals"] for r in task.systems["sys-a"].per_cluster] == [2, 2, 2, 1]


def test_one_system_evaluate_is_the_shared_task_path():
    cl, preds = shared_task()
    task = evaluate_systems(preds, cl, RougeSettings(multiref="jackknife"), diagnostics=False)
    alone = evaluate(summaries(), cl, RougeSettings(multiref="jackknife"), diagnostics=False)
    assert alone.per_cluster == task.systems["sys-a"].per_cluster


@pytest.mark.parametrize("case,msg", [("human", "matches none of its references"), ("dup", "two summaries of system")])
def test_bad_shared_tasks_are_refused(case, msg):
    cl, preds = shared_task()
    if case == "human":
        preds.append(Prediction(summary("budget", "Not a reference at all."), "H", True))
    else:
        preds.append(preds[0])
    with pytest.raises(ValueError, match=msg):
        evaluate_systems(preds, cl)


def test_ranking_orders_by_the_key_and_tests_against_the_top_system():
    cl, preds = shared_task()
    task = evaluate_systems(preds, cl, RougeSettings(multiref="jackknife"), diagnostics=False)
    rows = ranking.rank(task, "rouge2_r", n_resamples=200)
    means = [r.table["rouge2_r"]["mean"] for r in rows]
    assert means == sorted(means, reverse=True) and [r.rank for r in rows] == [1, 2, 3]
    assert rows[0].vs_best is None
    for r in rows[1:]:
        assert r.vs_best["best"] == rows[0].system
        if r.system == "H":  # one shared cluster: nothing to test, said so rather than a p-value
            assert r.vs_best["n_clusters"] == 1 and r.vs_best["p_holm"] != r.vs_best["p_holm"]
        else:
            assert r.vs_best["n_clusters"] == 4 and 0 < r.vs_best["p_holm"] <= 1
    text = ranking.render_table(task, rows, "rouge2_r", "mean")
    assert "H (human)" in text and "plain mean over clusters" in text
    assert text.index(rows[0].system) < text.index(rows[1].system)
    data = ranking.to_dict(task, rows, "rouge2_r", "mean")
    assert data["average"] == "mean" and [r["system"] for r in data["ranking"]] == [r.system for r in rows]
    json.dumps(data)


def test_the_metric_interface_derives_every_call_from_one_batch():
    m = RougeScore(("rouge1",))
    multi = m.score_multi_all([["the cat sat", "a dog"], ["rain fell"]], [["the cat sat on the mat"], ["rain fell"]])
    assert [len(x) for x in multi] == [2, 1]
    assert multi[0][0]["rouge1"] == pytest.approx(Score(precision=1.0, recall=0.5, fmeasure=2 / 3))
    assert m.score_all(["the cat sat", "rain fell"], [["the cat sat on the mat"], ["rain fell"]]) == [multi[0][0],
                                                                                                     multi[1][0]]
    assert m.score("rain fell", ["rain fell"])["rouge1"] == Score(1.0, 1.0, 1.0)


@dataclass(frozen=True)
class WordRatio(Metric):
    """A toy metric: one class is all a new metric needs to run through the whole protocol."""

    name = "word-ratio"

    @property
    def names(self):
        return ("ratio",)

    def score_evals(self, evals, n_jobs=1, on_done=None):
        out = {}
        for e in evals:
            ref = sum(len(t.split()) for t in e.models.values()) / len(e.models)
            out[e.id] = {p: {"ratio": Score(1.0, len(t.split()) / ref, 1.0)} for p, t in e.peers.items()}
        return EvalScores(out)


def test_any_metric_runs_through_the_same_protocol():
    cl, preds = shared_task()
    task = evaluate_systems(preds, cl, RougeSettings(metrics=("rouge1",), multiref="jackknife"), diagnostics=False,
                            metric=_Renamed(WordRatio()))
    assert task.systems["H"].per_cluster[0]["scores"]["rouge1_r"] == pytest.approx(
        len(cl[0].references[0].split()) / len(cl[0].references[1].split()))


@dataclass(frozen=True)
class _Renamed(Metric):
    """Reports the toy metric under the settings' name, so the settings line still names what ran."""

    inner: Metric
    name = "renamed"

    @property
    def names(self):
        return ("rouge1",)

    def score_evals(self, evals, n_jobs=1, on_done=None):
        got = self.inner.score_evals(evals, n_jobs, on_done)
        return EvalScores({e: {p: {"rouge1": v["ratio"]} for p, v in row.items()} for e, row in got.scores.items()})
