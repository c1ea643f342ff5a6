"""Distribution within a run: Dask, Ray and SLURM shards give the bytes of a single-process run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from experiments import executors
from experiments.run import summarize_chunk
from summarizer.budget import Budget
from summarizer.cluster import Cluster
from test_cli_run import invented_clusters

REPO = Path(__file__).resolve().parents[1]


def clusters(n: int = 4) -> list[Cluster]:
    return [Cluster.from_dict(row) for row in invented_clusters(n)]


def method():
    from summarizer.methods.textrank import TextRank

    return TextRank()


def sequential(items: list[Cluster]) -> dict[str, dict]:
    return {row["id"]: row for c in items for row, _ in summarize_chunk(method(), [c], Budget(20), 0)}


def test_executor_configs_compose():
    from hydra import compose, initialize_config_module
    from hydra.core.global_hydra import GlobalHydra

    executors.register_configs()
    GlobalHydra.instance().clear()
    with initialize_config_module("conf", version_base="1.3"):
        local = compose("config", overrides=["n_jobs=3"])
        dask = compose("config", overrides=["executor=dask", "executor.address=tcp://10.0.0.1:8786"])
        slurm = compose("config", overrides=["executor=slurm", "executor.shards=50", "executor.partition=cpu"])
    GlobalHydra.instance().clear()
    assert local.executor._target_.endswith("LocalExecutor") and local.executor.n_jobs == 3
    assert dask.executor.address == "tcp://10.0.0.1:8786" and dask.executor._target_.endswith("DaskExecutor")
    assert slurm.executor.shards == 50 and slurm.executor.partition == "cpu"


def test_dask_local_cluster_matches_sequential(tmp_path):
    pytest.importorskip("dask.distributed")
    items = clusters()
    ex = executors.DaskExecutor(n_workers=1, processes=False, chunk_size=3)
    got = {row["id"]: row for row, seconds in ex.map(summarize_chunk, method(), items, Budget(20), 0, tmp_path)}
    assert got == sequential(items)


def test_dask_unreachable_scheduler_is_a_user_error(tmp_path):
    pytest.importorskip("dask.distributed")
    from experiments.errors import UserError

    ex = executors.DaskExecutor(address="tcp://127.0.0.1:9", timeout_s=1)  # discard port: nothing listens
    with pytest.raises(UserError, match="cannot reach the scheduler at tcp://127.0.0.1:9"):
        list(ex.map(summarize_chunk, method(), clusters(1), Budget(20), 0, tmp_path))


def test_slurm_without_slurm_is_a_user_error_not_a_silent_local_run(tmp_path, monkeypatch):
    pytest.importorskip("submitit")
    from experiments.errors import UserError

    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))  # no sbatch (submitit alone would run locally)
    ex = executors.SlurmExecutor(shards=2)
    with pytest.raises(UserError, match="needs SLURM .*sbatch not found.*executor.cluster=local"):
        list(ex.map(summarize_chunk, method(), clusters(2), Budget(20), 0, tmp_path))
    assert not (tmp_path / executors.SHARDS).exists()


@pytest.mark.slow  # runs where Ray is installed: CI's long step
def test_ray_unreachable_head_is_a_prompt_user_error(tmp_path):
    pytest.importorskip("ray")
    import time

    from experiments.errors import UserError

    ex = executors.RayExecutor(address="127.0.0.1:9", timeout_s=1)  # discard port: nothing listens
    start = time.monotonic()
    with pytest.raises(UserError, match="cannot reach the Ray head at 127.0.0.1:9"):
        list(ex.map(summarize_chunk, method(), clusters(1), Budget(20), 0, tmp_path))
    assert time.monotonic() - start < 10  # Ray alone retries for about five minutes


@pytest.mark.slow
def test_ray_matches_sequential(tmp_path):
    pytest.importorskip("ray")
    items = clusters(3)
    ex = executors.RayExecutor(num_cpus=1)
    got = {row["id"]: row for row, _ in ex.map(summarize_chunk, method(), items, Budget(20), 0, tmp_path)}
    assert got == sequential(items)


def test_a_restarted_shard_skips_what_it_finished(tmp_path):
    from experiments.runfolder import PredictionLog

    items = clusters(3)
    first = sequential(items[:1])
    log = PredictionLog(tmp_path)
    log.append(dict(first[items[0].id], metadata={"marker": "kept"}), 0.5)  # finished before a pre-emption
    log.close()
    calls = []

    def counting(m, cs, budget, seed):
        calls.extend(c.id for c in cs)
        return summarize_chunk(m, cs, budget, seed)

    assert executors.run_shard(counting, method(), items, Budget(20), 0, str(tmp_path)) == 3
    assert calls == [items[1].id, items[2].id]
    entries = PredictionLog(tmp_path).recover()
    assert entries[items[0].id]["prediction"]["metadata"] == {"marker": "kept"}
    assert set(entries) == {c.id for c in items}


def mds_run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    proc = subprocess.run([sys.executable, "-m", "experiments.cli", "run", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


@pytest.mark.slow
def test_slurm_shards_with_submitit_local_merge_into_a_byte_identical_run_folder(tmp_path):
    pytest.importorskip("submitit")
    data = tmp_path / "data.jsonl"
    data.write_text("".join(json.dumps(c) + "\n" for c in invented_clusters(5)), encoding="utf-8")
    base = ["data=jsonl", f"data.loader.path={data}", "data.budget.limit=20", "progress=false",
            "evaluation.n_resamples=100"]
    mds_run(*base, f"hydra.run.dir={tmp_path / 'single'}", cwd=tmp_path)
    mds_run(*base, f"hydra.run.dir={tmp_path / 'sharded'}", "executor=slurm", "executor.shards=2",
            "executor.cluster=local", cwd=tmp_path)
    for name in ("predictions.jsonl", "scores.jsonl", "metrics.json"):
        assert (tmp_path / "single" / name).read_bytes() == (tmp_path / "sharded" / name).read_bytes(), name
    assert not (tmp_path / "sharded" / executors.SHARDS).exists()
    assert not (tmp_path / "sharded" / "predictions.partial.jsonl").exists()
