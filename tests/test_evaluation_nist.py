"""NIST's official DUC 2006 ROUGE results, reproduced through the public API on a representative subset.

Human C on all 20 clusters it wrote for (each of its peers scored only against the 3 other
references): its ROUGE-1.5.5 Average and CI equal NIST's to the printed digits. Systems 24 (best)
and 11 (one-line summaries: ROUGE-L must not re-split them) on 3 clusters: every per-eval line and
per-topic score equals NIST's. The full reproduction of all 45 peers is bench/nist_duc2006.py.
Needs ../shared (or MDS_SHARED) and perl with XML::Parser; skips with a message otherwise.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("MDS_SHARED") or Path(__file__).resolve().parents[2] / "shared")
FOLDER = SHARED / "datasets" / "duc2006"
METRICS = ("rouge1", "rouge2", "rougeSU4")

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not (FOLDER / "official_rouge.json").is_file(),
                       reason=f"DUC 2006 official results not found in {FOLDER} (set MDS_SHARED to the folder "
                              "holding datasets/duc2006 from NIST's DUC 2006 release)"),
]


def _needs_perl():
    try:
        from summarizer.evaluation.perl import rouge155_home

        rouge155_home()
    except Exception as exc:  # noqa: BLE001 - any reason is a reason to skip
        pytest.skip(f"ROUGE-1.5.5 unavailable: {exc}")
    if shutil.which("perl") is None:
        pytest.skip("perl is not installed")


@pytest.fixture(scope="module")
def official():
    return json.loads((FOLDER / "official_rouge.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def task(official):
    """One batch, as `mds evaluate` runs it: human C everywhere it wrote, systems 24 and 11 on 3 clusters."""
    _needs_perl()
    from summarizer.evaluation import Prediction, RougeSettings, evaluate_systems
    from summarizer.readers import read_jsonl
    from summarizer.summary import Summary

    clusters = {c.id: c for c in read_jsonl(FOLDER / "dev.jsonl")}
    few = sorted(clusters)[:3]
    preds = []
    for line in (FOLDER / "peers.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if row["system"] == "C" or (row["system"] in ("24", "11") and row["id"] in few):
            preds.append(Prediction(Summary.from_dict(row), row["system"], row["human"]))
    settings = RougeSettings(metrics=METRICS, multiref="jackknife", backend="perl")
    return evaluate_systems(preds, clusters, settings, n_jobs=min(2, os.cpu_count() or 1), diagnostics=False)


def test_a_human_is_scored_against_the_other_references_only_and_matches_nist(task, official):
    human = task.systems["C"]
    assert human.human and human.n_clusters == 20 and human.n_evals == 20
    assert all(r["n_evals"] == 1 for r in human.per_cluster)
    nist = official["system_averages"]["C"]
    for key, stat in human.official_aggregate().items():
        assert f"{stat['mean']:.5f}" == f"{nist[key]:.5f}", key
        assert [f"{x:.5f}" for x in (stat["ci_low"], stat["ci_high"])] == [f"{x:.5f}" for x in nist[f"{key}_ci"]], key
    # the plain mean is a different number, and labelled as such
    assert human.aggregate()["rouge2_r"]["mean"] == pytest.approx(official["system_eval_means"]["C"]["rouge2_r"],
                                                                  abs=1e-9)
    assert 0.10 < nist["rouge2_r"] < 0.15


@pytest.mark.parametrize("system", ["24", "11"])
def test_system_per_topic_scores_equal_nists(task, official, system):
    ev = task.systems[system]
    assert ev.n_clusters == 3 and ev.n_evals == 12
    for row in ev.per_cluster:
        nist = official["per_topic"][system][row["id"]]
        for m in METRICS:
            for x in "rpf":
                assert row["scores"][f"{m}_{x}"] == pytest.approx(nist[f"{m}_{x}"], abs=1e-9), (row["id"], m, x)


def test_one_line_summaries_keep_their_sentence_for_rouge_l(official):
    """System 11 wrote each summary as one line; NIST's ROUGE-L scored that one line. Re-splitting changes it."""
    _needs_perl()
    from summarizer.evaluation import Prediction, RougeSettings, evaluate_systems
    from summarizer.readers import read_jsonl
    from summarizer.summary import Summary

    clusters = {c.id: c for c in read_jsonl(FOLDER / "dev.jsonl")}
    cid = sorted(clusters)[0]
    row = next(r for r in map(json.loads, (FOLDER / "peers.jsonl").open(encoding="utf-8"))
               if r["system"] == "11" and r["id"] == cid)
    assert len(row["summary"].splitlines()) == 1
    pred = [Prediction(Summary.from_dict(row), "11", False)]
    got = {}
    for mode in ("given", "split"):
        settings = RougeSettings(metrics=("rougeL",), multiref="jackknife", backend="perl", sentences=mode)
        task = evaluate_systems(pred, clusters, settings, diagnostics=False)
        got[mode] = task.systems["11"].per_cluster[0]["scores"]["rougeL_r"]
        assert bool(task.notes) and ("not re-split" in task.notes[0]) == (mode == "given")
    assert got["given"] == pytest.approx(official["per_topic"]["11"][cid]["rougeL_r"], abs=1e-9)
    assert abs(got["split"] - got["given"]) > 1e-3
