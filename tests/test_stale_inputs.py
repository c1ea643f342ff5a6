"""A run folder never mixes stale results with new ones: fingerprints of data, config, code and weights."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import hostile
from experiments.files import OutputError, check_output
from experiments.runfolder import RunFolder, RunFolderError, code_version, input_fingerprints


def _run(tmp: Path, *extra: str) -> hostile.Result:
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        return hostile.invoke(["run", "data=jsonl", f"data.loader.path={tmp / 'd.jsonl'}", "method=lead",
                               "progress=false", f"hydra.run.dir={tmp / 'run'}", "evaluation.n_resamples=20", *extra])
    finally:
        os.chdir(cwd)


def _write(tmp: Path, second_doc: str) -> None:
    rows = [hostile.cluster(), hostile.cluster(id="c2", documents=[second_doc, *hostile.GOOD_DOCS[1:]])]
    (tmp / "d.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_changed_data_is_recomputed_and_unchanged_is_kept(tmp_path):
    _write(tmp_path, "The dam held overnight. Engineers inspected it at dawn.")
    first = _run(tmp_path)
    assert first.rc == 0, first.err
    folder = RunFolder(tmp_path / "run")
    before = {p["id"]: p["summary"] for p in folder.read_predictions()}
    prints = folder.read_fingerprints()
    assert set(prints) >= {"data", "config", "code", "model", "clusters"} and set(prints["clusters"]) == {"c1", "c2"}

    again = _run(tmp_path)  # nothing changed: nothing to do
    assert again.rc == 0 and "nothing to do" in again.out + again.err

    _write(tmp_path, "Looters broke into shops on the high street. Police made arrests.")
    third = _run(tmp_path)
    assert third.rc == 0, third.err
    assert "1 of 2 clusters changed" in third.out + third.err
    after = {p["id"]: p["summary"] for p in folder.read_predictions()}
    assert after["c1"] == before["c1"] and after["c2"] != before["c2"]
    assert "Looters" in after["c2"]
    assert folder.read_fingerprints()["clusters"]["c2"] != prints["clusters"]["c2"]


def test_other_code_is_refused(tmp_path):
    _write(tmp_path, "The dam held overnight.")
    assert _run(tmp_path).rc == 0
    folder = RunFolder(tmp_path / "run")
    prints = folder.read_fingerprints()
    prints["code"]["source_sha256"] = "0" * 64
    folder.write_fingerprints(prints)
    res = _run(tmp_path)
    assert res.rc == 2 and hostile.one_line_error(res.err)
    assert "the code (mds-brief source) changed" in res.err


def test_fingerprints_hash_data_and_local_weights(tmp_path):
    (tmp_path / "d.jsonl").write_text("x\n")
    ckpt = tmp_path / "ckpt"
    ckpt.mkdir()
    (ckpt / "model.safetensors").write_bytes(b"weights")
    resolved = {"data": {"loader": {"path": str(tmp_path / "d.jsonl")}}, "method": {"model": str(ckpt)}, "n_jobs": 1}
    one = input_fingerprints(resolved, ("path",), ("n_jobs",))
    (ckpt / "model.safetensors").write_bytes(b"other weights")
    two = input_fingerprints({**resolved, "n_jobs": 4}, ("path",), ("n_jobs",))
    assert one["model"] != two["model"] and one["config"] == two["config"] and one["data"] == two["data"]
    assert one["code"] == code_version()


def test_metrics_are_validated_both_ways(tmp_path):
    folder = RunFolder(tmp_path)
    with pytest.raises(RunFolderError, match="n_clusters"):
        folder.write_metrics({"method": "lead", "dataset": "x", "n_clusters": "three", "aggregate": {}})
    assert not folder.metrics.exists()
    folder.metrics.write_text(json.dumps({"method": "lead", "dataset": "x", "n_clusters": 2,
                                          "aggregate": {"rouge1_r": {"mean": "high"}}}))
    with pytest.raises(RunFolderError, match=r"aggregate.rouge1_r.mean"):
        folder.read_metrics()


def test_output_checks(tmp_path):
    src = tmp_path / "in.json"
    src.write_text("{}")
    (tmp_path / "link.md").symlink_to(src)
    with pytest.raises(OutputError, match="is the input"):
        check_output(src, [src])
    with pytest.raises(OutputError, match="is the input"):
        check_output(tmp_path / "link.md", [src])
    with pytest.raises(OutputError, match="is a directory"):
        check_output(tmp_path, [src])
    with pytest.raises(OutputError, match="does not exist"):
        check_output(tmp_path / "no" / "x.md", [src])
    arts = tmp_path / "arts"
    arts.mkdir()
    with pytest.raises(OutputError, match="inside the input directory"):
        check_output(arts / "brief.txt", [arts])
    assert check_output(arts / "brief.md", [arts]) == (arts / "brief.md").resolve()
