"""The sweep summary table over run folders (written here by hand, as mds run lays them out)."""

from __future__ import annotations

import json

import pytest

from experiments.sweep import SweepSummary
from omegaconf import OmegaConf


def fake_run(sweep, n, overrides, method, r2):
    run = sweep / str(n)
    (run / ".hydra").mkdir(parents=True)
    (run / ".hydra" / "overrides.yaml").write_text("".join(f"- {o}\n" for o in overrides))
    if r2 is not None:
        agg = {"rouge1_r": {"mean": 0.4, "ci_low": 0.35, "ci_high": 0.45},
               "rouge2_r": {"mean": r2, "ci_low": r2 - 0.01, "ci_high": r2 + 0.01}}
        (run / "metrics.json").write_text(json.dumps({"method": method, "dataset": "d", "n_clusters": 3,
                                                      "aggregate": agg, "length_words": {"mean": 99.5}}))


def test_table_marks_best_and_missing_runs(tmp_path):
    fake_run(tmp_path, 0, ["method=lead", "data=d"], "lead", 0.08)
    fake_run(tmp_path, 1, ["method=textrank", "data=d"], "textrank", 0.1)
    fake_run(tmp_path, 10, ["method=broken", "data=d"], "broken", None)
    fake_run(tmp_path, 2, ["method=typo", "data=d"], "typo", None)
    (tmp_path / "2" / "error.txt").write_text("data.loader.path: no such file\n")
    config = OmegaConf.create({"hydra": {"sweep": {"dir": str(tmp_path)}}})
    with pytest.raises(SystemExit) as stop:
        SweepSummary(scores=["rouge2_r", "rougeSU4_r"]).on_multirun_end(config)
    assert stop.value.code == 1
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert [r["run"] for r in summary["runs"]] == ["0", "1", "2", "10"]
    assert [r["status"] for r in summary["runs"]] == ["done", "done", "failed", "missing"]
    table = (tmp_path / "summary.md").read_text().splitlines()
    header = next(line for line in table if line.startswith("| run"))
    assert "rouge2_r" in header and "rougeSU4_r" not in header
    assert any("| textrank | method=textrank |" in line and "**10.00 [9.00, 11.00]**" in line for line in table)
    assert any("| lead |" in line and "8.00 [7.00, 9.00]" in line and "**" not in line for line in table)
    assert any("method=broken" in line and "missing" in line for line in table)
    assert any("method=typo" in line and "failed: data.loader.path: no such file" in line for line in table)


def test_a_complete_sweep_returns(tmp_path):
    fake_run(tmp_path, 0, ["method=lead"], "lead", 0.08)
    SweepSummary().on_multirun_end(OmegaConf.create({"hydra": {"sweep": {"dir": str(tmp_path)}}}))
    assert "| 0 | d | lead | method=lead |" in (tmp_path / "summary.md").read_text()


def test_oracle_is_an_upper_bound_never_best(tmp_path):
    """As in ``mds report``: the oracle reads the references, so it is labelled and never marked best."""
    import sys

    from experiments.sweep import write_summary

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    from hostile import make_run_folder

    make_run_folder(tmp_path / "0", "lead")
    make_run_folder(tmp_path / "1", "oracle", {"aggregate": {"rouge1_r": {"mean": 0.9, "ci_low": 0.8, "ci_high": 1.0}}})
    write_summary(tmp_path, ["rouge1_r"])
    table = (tmp_path / "summary.md").read_text()
    oracle_row = next(line for line in table.splitlines() if line.startswith("| 1 |"))
    lead_row = next(line for line in table.splitlines() if line.startswith("| 0 |"))
    assert "oracle (upper bound)" in oracle_row and "**" not in oracle_row
    assert "**40.00" in lead_row
    assert "upper bound, never marked best" in table
