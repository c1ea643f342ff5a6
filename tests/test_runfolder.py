"""Atomic writes, the crash-safe prediction log and the environment record."""

from __future__ import annotations

import json
import os

import pytest

from experiments import runfolder
from experiments.runfolder import PredictionLog, write_atomic


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "metrics.json"
    write_atomic(target, "old\n")

    def broken_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["metrics.json"]


def test_log_recovers_complete_lines_and_cuts_a_torn_one(tmp_path):
    log = PredictionLog(tmp_path)
    log.append({"id": "a", "summary": "x"}, 0.5)
    log.append({"id": "b", "summary": "y"}, 0.25)
    log.close()
    with open(log.path, "a") as f:
        f.write('{"prediction": {"id": "c", "sum')
    done = PredictionLog(tmp_path).recover()
    assert list(done) == ["a", "b"] and done["b"]["time_s"] == 0.25
    assert log.path.read_text().count("\n") == 2 and log.path.read_text().endswith("\n")
    again = PredictionLog(tmp_path)
    again.append({"id": "c", "summary": "z"}, 0.1)
    again.finish(["c", "a", "b"], {**done, "c": {"prediction": {"id": "c", "summary": "z"}, "time_s": 0.1}})
    assert [json.loads(line)["id"] for line in (tmp_path / "predictions.jsonl").open()] == ["c", "a", "b"]
    assert [json.loads(line)["time_s"] for line in (tmp_path / "timings.jsonl").open()] == [0.1, 0.5, 0.25]
    assert not log.path.exists()


def test_a_corrupt_line_stops_recovery_there(tmp_path):
    path = tmp_path / runfolder.PARTIAL
    path.write_text('{"prediction": {"id": "a"}, "time_s": 1}\nnot json\n{"prediction": {"id": "b"}, "time_s": 1}\n')
    assert list(PredictionLog(tmp_path).recover()) == ["a"]


def test_environment_names_what_reproduces_a_run():
    env = runfolder.environment(7)
    assert env["seed"] == 7 and env["python"] and env["platform"] and env["splitter"]
    assert {"numpy", "hydra-core", "rouge-score"} <= set(env["packages"])
    assert env["git"] is None or len(env["git"]["commit"]) == 40
    json.dumps(env)


def test_a_busy_run_folder_is_refused(tmp_path):
    with runfolder.exclusive(tmp_path):
        with pytest.raises(runfolder.RunFolderBusy, match="in use by another mds run"):
            with runfolder.exclusive(tmp_path):
                pass
    with runfolder.exclusive(tmp_path):  # released on exit
        pass


def test_method_timings_leave_the_prediction(tmp_path):
    log = PredictionLog(tmp_path)
    entry = log.append({"id": "a", "metadata": {"beams": 4}, "timings": {"generation_time_s": 1.5}}, 2.0)
    assert entry["prediction"] == {"id": "a", "metadata": {"beams": 4}} and entry["timings"] == {"generation_time_s": 1.5}
    log.finish(["a"], PredictionLog(tmp_path).recover())
    assert json.loads((tmp_path / "timings.jsonl").read_text()) == {"id": "a", "time_s": 2.0, "generation_time_s": 1.5}
    assert "timings" not in (tmp_path / "predictions.jsonl").read_text()
