"""evaluate(): the contract other modules rely on, parallel == sequential, clear errors."""

import json

import pytest

from summarizer.budget import Budget
from summarizer.evaluation import Evaluation, RougeSettings, evaluate
from summarizer.summary import Summary, SummarySentence
from _evaluation_fixtures import clusters, summaries


def test_rows_follow_the_contract():
    ev = evaluate(summaries(), clusters())
    assert isinstance(ev, Evaluation) and ev.n_clusters == 4
    row = ev.per_cluster[0]
    assert row["id"] == "flood"
    assert set(row["scores"]) == {f"{m}_{x}" for m in ("rouge1", "rouge2", "rougeL", "rougeLsum") for x in "rpf"}
    assert row["diagnostics"]["length_words"] == 12
    agg = ev.aggregate()
    assert set(agg) == set(row["scores"])
    assert set(agg["rouge2_r"]) == {"mean", "ci_low", "ci_high"}
    assert agg["rouge1_r"]["mean"] == pytest.approx(sum(ev.column("rouge1_r")) / 4)


def test_storm_with_one_reference_is_the_same_under_every_policy():
    rows = {p: evaluate(summaries(), clusters(), RougeSettings(multiref=p)).per_cluster for p in
            ("average", "best", "jackknife")}
    storm = [r[3]["scores"] for r in rows.values()]
    assert storm[0] == pytest.approx(storm[1]) and storm[0] == pytest.approx(storm[2])
    flood = [r[0]["scores"]["rouge1_r"] for r in rows.values()]
    assert len({round(x, 9) for x in flood}) == 3  # two references: the policies differ


def test_mapping_of_clusters_and_a_subset_of_summaries():
    by_id = {c.id: c for c in clusters()}
    ev = evaluate(summaries()[:2], by_id)
    assert [r["id"] for r in ev.per_cluster] == ["flood", "budget"]


def test_parallel_scoring_is_identical_to_sequential():
    seq = evaluate(summaries(), clusters(), n_jobs=1)
    par = evaluate(summaries(), clusters(), n_jobs=2, progress=True)
    assert par.per_cluster == seq.per_cluster
    assert par.aggregate(seed=5) == seq.aggregate(seed=5)


def test_aggregate_is_deterministic_per_seed():
    ev = evaluate(summaries(), clusters())
    assert ev.aggregate(seed=1) == ev.aggregate(seed=1)
    assert ev.aggregate(seed=1) != ev.aggregate(seed=2)


def test_truncation_changes_the_scores_and_is_described():
    s = RougeSettings(truncate=Budget(4, "words"))
    cut = evaluate(summaries(), clusters(), s)
    full = evaluate(summaries(), clusters())
    assert cut.aggregate()["rouge1_p"]["mean"] != full.aggregate()["rouge1_p"]["mean"]
    assert "-l 4" in s.describe()


def test_json_and_markdown_name_the_settings():
    ev = evaluate(summaries(), clusters(), RougeSettings(multiref="jackknife"))
    data = json.loads(ev.to_json())
    assert data["settings"]["multiref"] == "jackknife" and "jackknife" in data["settings_description"]
    assert data["n_clusters"] == 4 and len(data["per_cluster"]) == 4
    md = ev.to_markdown()
    assert "jackknife" in md and "| rouge2 |" in md


def test_settings_roundtrip_and_validation():
    s = RougeSettings(metrics=["rouge1"], truncate={"limit": 100, "unit": "bytes"})
    assert s.metrics == ("rouge1",) and s.truncate == Budget(100, "bytes")
    assert RougeSettings.from_dict(s.to_dict()) == s
    for bad in ({"multiref": "median"}, {"backend": "java"}, {"metrics": ("rougeSU4",)}, {"metrics": ()}):
        with pytest.raises(ValueError):
            RougeSettings(**bad)
    with pytest.raises(ValueError):
        RougeSettings(backend="perl", truncate=Budget(2, "sentences"))


@pytest.mark.parametrize("case,msg", [("unknown", "no cluster"), ("dup", "two summaries"), ("norefs", "no reference")])
def test_bad_inputs_are_refused(case, msg):
    cl, sm = clusters(), summaries()
    if case == "unknown":
        sm = [Summary("nope", (SummarySentence("x"),), "t", Budget(5))]
    elif case == "dup":
        sm = sm + sm[:1]
    else:
        from summarizer.cluster import make_cluster
        cl = [make_cluster(["a b c."], "flood")]
        sm = sm[:1]
    with pytest.raises(ValueError, match=msg):
        evaluate(sm, cl)
