"""Report tables: CIs, best per column, significance paired by cluster id, split by settings, published rows."""

from pathlib import Path

import numpy as np
import pytest

from experiments.errors import UserError
from experiments.report_runs import ClusterResult, Run, label_runs
from experiments.report_tables import (
    build_table, build_tables, load_published, metric_name, published_rows, shipped_published, table_records,
)

SETTINGS = {"metrics": ["rouge1", "rouge2"], "stemming": True, "multiref": "average",
            "truncate": {"limit": 100, "unit": "words"}, "backend": "rouge-score"}


def run(method, r2, r1=None, ids=None, settings=SETTINGS, dataset="toy", aggregate=None, times=None):
    ids = ids or [f"c{i}" for i in range(len(r2))]
    r1 = r1 if r1 is not None else [x * 3 for x in r2]
    clusters = tuple(
        ClusterResult(cid, {"rouge2_r": a, "rouge1_r": b, "rouge2_f": a / 2, "rouge1_f": b / 2}, words=90 + i,
                      time_s=None if times is None else times[i])
        for i, (cid, a, b) in enumerate(zip(ids, r2, r1))
    )
    return Run(path=Path(f"/runs/{method}"), method=method, dataset=dataset, settings=settings,
               settings_description="desc " + str(settings.get("backend")), aggregate=aggregate or {},
               clusters=clusters)


RNG = np.random.default_rng(1)
BASE = list(RNG.uniform(0.05, 0.10, 40))


def test_recall_is_the_measure_when_summaries_are_cut_and_f1_otherwise():
    t = build_table(label_runs([run("lead", BASE)]))
    assert t.columns == ("rouge1_r", "rouge2_r")
    nocut = dict(SETTINGS, truncate=None)
    t = build_table(label_runs([run("lead", BASE, settings=nocut)]))
    assert t.columns == ("rouge1_f", "rouge2_f")
    t = build_table(label_runs([run("lead", BASE)]), measure="f")
    assert t.columns == ("rouge1_f", "rouge2_f")


def test_mean_and_ci_come_from_metrics_json_aggregate_when_present():
    agg = {"rouge2_r": {"mean": 0.5, "ci_low": 0.4, "ci_high": 0.6}}
    t = build_table(label_runs([run("lead", BASE, aggregate=agg)]))
    cell = t.rows[0].cells["rouge2_r"]
    assert (cell.mean, cell.ci_low, cell.ci_high) == (0.5, 0.4, 0.6)
    # rouge1_r has no aggregate: a bootstrap CI around the per-cluster mean
    c1 = t.rows[0].cells["rouge1_r"]
    assert c1.mean == pytest.approx(np.mean(BASE) * 3)
    assert c1.ci_low < c1.mean < c1.ci_high


def test_better_method_is_significant_and_best_equal_one_is_not():
    better = [x + 0.03 for x in BASE]
    same = list(BASE)
    runs = label_runs([run("lead", BASE), run("textrank", better), run("lexrank", same)])
    t = build_table(runs)
    rows = {r.label: r for r in t.rows}
    assert rows["lead"].is_baseline and t.baseline == "lead"
    assert rows["textrank"].cells["rouge2_r"].significant
    assert rows["textrank"].cells["rouge2_r"].delta == pytest.approx(0.03)
    assert rows["textrank"].cells["rouge2_r"].best
    assert not rows["lexrank"].cells["rouge2_r"].significant
    assert rows["lexrank"].cells["rouge2_r"].p_value == pytest.approx(1.0, abs=0.05)
    # Holm: adjusted p-values are never below the raw ones
    for r in t.rows:
        for c in r.cells.values():
            if c.p_value is not None:
                assert c.p_adjusted >= c.p_value - 1e-12
    assert "Holm" in t.significance_legend() and "paired bootstrap" in t.significance_legend()
    t2 = build_table(runs, test="randomization")
    assert "approximate randomization" in t2.significance_legend()
    assert {r.label: r for r in t2.rows}["textrank"].cells["rouge2_r"].significant


def test_worse_method_is_marked_worse():
    worse = [x - 0.03 for x in BASE]
    t = build_table(label_runs([run("lead", BASE), run("random", worse)]))
    cell = {r.label: r for r in t.rows}["random"].cells["rouge2_r"]
    assert cell.significant and cell.delta < 0


def test_pairs_by_cluster_id_not_by_position():
    # Same per-cluster scores in a different order: no difference at all once paired by id.
    ids = [f"c{i}" for i in range(len(BASE))]
    shuffled = list(range(len(BASE)))[::-1]
    other = run("textrank", [BASE[i] for i in shuffled], ids=[ids[i] for i in shuffled])
    t = build_table(label_runs([run("lead", BASE), other]))
    cell = {r.label: r for r in t.rows}["textrank"].cells["rouge2_r"]
    assert cell.delta == pytest.approx(0.0, abs=1e-12) and not cell.significant


def test_only_clusters_in_both_runs_are_compared():
    half = run("textrank", [x + 0.05 for x in BASE[:20]], ids=[f"c{i}" for i in range(20)])
    t = build_table(label_runs([run("lead", BASE), half]))
    cell = {r.label: r for r in t.rows}["textrank"].cells["rouge2_r"]
    assert cell.n_paired == 20
    assert any("different clusters" in n for n in t.notes)


def test_oracle_is_labelled_upper_bound_and_never_best():
    oracle = [x + 0.2 for x in BASE]
    t = build_table(label_runs([run("lead", BASE), run("oracle", oracle), run("textrank", [x + 0.01 for x in BASE])]))
    rows = {r.method: r for r in t.rows}
    assert rows["oracle"].label == "oracle (upper bound)"
    assert not rows["oracle"].cells["rouge2_r"].best
    assert rows["textrank"].cells["rouge2_r"].best


def test_runs_with_different_settings_or_datasets_are_split_never_mixed():
    perl = dict(SETTINGS, backend="perl")
    runs = label_runs([run("lead", BASE), run("textrank", BASE, settings=perl), run("lexrank", BASE),
                       run("centroid", BASE, dataset="other")])
    tables = build_tables(runs)
    assert [sorted(r.method for r in t.rows) for t in tables] == [["lead", "lexrank"], ["textrank"], ["centroid"]]
    assert tables[0].settings_description != tables[1].settings_description
    assert tables[0].title != tables[1].title
    assert tables[1].baseline is None  # a lone run has nothing to be compared with


def test_default_baseline_is_lead_and_explicit_one_is_used():
    runs = label_runs([run("textrank", BASE), run("lead", BASE)])
    assert build_table(runs).baseline == "lead"
    assert build_table(runs, baseline="textrank").baseline == "textrank"
    with pytest.raises(UserError, match="names no run"):
        build_tables(runs, baseline="bart")


def test_same_method_runs_get_distinct_labels():
    a = run("textrank", BASE)
    b = run("textrank", BASE)
    from dataclasses import replace

    a = replace(a, overrides=("method=textrank", "method.damping=0.5"), path=Path("/s/0"))
    b = replace(b, overrides=("method=textrank", "method.damping=0.85"), path=Path("/s/1"))
    labels = [r.label for r in label_runs([a, b])]
    assert labels == ["textrank (method.damping=0.5)", "textrank (method.damping=0.85)"]
    with pytest.raises(UserError, match="matches 2 runs"):
        build_table(label_runs([a, b]), baseline="textrank")


def test_published_rows_only_for_their_dataset_and_known_columns():
    entries = [{"dataset": "toy", "source": "Paper X.", "settings": "ROUGE-1.5.5 -n 2",
                "rows": [{"name": "System Z", "scores": {"rouge2_r": {"mean": 0.1, "ci_low": 0.09, "ci_high": 0.11},
                                                        "rougeSU4_r": 0.2, "rouge1_r": 0.4}}]},
               {"dataset": "elsewhere", "rows": [{"name": "Nope", "scores": {"rouge2_r": 0.5}}]}]
    rows, notes = published_rows(entries, "toy", ["rouge1_r", "rouge2_r"])
    assert [r.label for r in rows] == ["System Z"] and rows[0].kind == "published"
    assert set(rows[0].cells) == {"rouge1_r", "rouge2_r"}
    assert "ROUGE-1.5.5 -n 2" in notes[0]
    t = build_table(label_runs([run("lead", BASE)]), published=entries)
    assert not any(c.best for r in t.published for c in r.cells.values())
    recs = table_records(t)
    assert {r["source"] for r in recs} == {"run", "published, not re-run"}


def test_shipped_published_file_is_valid():
    files = shipped_published()
    assert any(f.name == "duc2006.yaml" for f in files)
    entries = load_published(files)
    duc = next(e for e in entries if e["dataset"] == "duc2006")
    assert all("rouge2_r" in row["scores"] for row in duc["rows"])


def test_bad_published_file_is_a_one_line_error(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("dataset: toy\nrows:\n  - scores: {}\n")
    with pytest.raises(UserError, match="needs 'name'"):
        load_published([bad])
    with pytest.raises(UserError, match="no such"):
        load_published([tmp_path / "missing.yaml"])


def test_metric_names():
    assert metric_name("rouge2_r") == "ROUGE-2 R"
    assert metric_name("rougeLsum_f") == "ROUGE-Lsum F"
    assert metric_name("rougeSU4_r") == "ROUGE-SU4 R"


def test_records_are_flat_and_name_the_test():
    t = build_table(label_runs([run("lead", BASE), run("textrank", [x + 0.03 for x in BASE])]))
    recs = table_records(t)
    assert len(recs) == 4
    tr = [r for r in recs if r["method"] == "textrank" and r["metric"] == "rouge2_r"][0]
    assert tr["test"] == "paired bootstrap" and tr["correction"] == "holm" and tr["significant"] is True
    assert tr["length_words"] == pytest.approx(np.mean([90 + i for i in range(40)]))
