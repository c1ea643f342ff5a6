"""End to end: ``mds run`` by subprocess on small invented data, from a working directory of its own."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
WORDS = ("harbor council vote bridge storm ferry river mayor budget school teacher strike rail "
         "union flood village market farmer drought minister court appeal museum festival").split()

SLOW_METHOD = '''
import os, time
from summarizer.methods.textrank import TextRank

class SlowTextRank(TextRank):
    """TextRank that sleeps SLOW_SECONDS per cluster, so a test can kill a run in the middle."""

    def summarize(self, cluster, budget):
        time.sleep(float(os.environ.get("SLOW_SECONDS", "0")))
        return super().summarize(cluster, budget)
'''


def invented_clusters(n_clusters: int = 6, seed: int = 7) -> list[dict]:
    """Clusters of made-up news sentences: documents share words with each other and with the references."""
    rng = random.Random(seed)
    clusters = []
    for c in range(n_clusters):
        topic = rng.sample(WORDS, 6)
        facts = [" ".join(rng.sample(topic, 3) + rng.sample(WORDS, 4)).capitalize() + "." for _ in range(8)]
        docs = [" ".join(rng.sample(facts, 5)) for _ in range(3)]
        refs = [" ".join(rng.sample(facts, 3)) for _ in range(2)]
        clusters.append({"id": f"c{c}", "documents": docs, "references": refs})
    return clusters


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """Data, a test method, its config and a neutral working directory."""
    root = tmp_path_factory.mktemp("run")
    data = root / "data.jsonl"
    data.write_text("".join(json.dumps(c) + "\n" for c in invented_clusters()), encoding="utf-8")
    (root / "slow_method.py").write_text(SLOW_METHOD, encoding="utf-8")
    conf = root / "extra_conf" / "method"
    conf.mkdir(parents=True)
    (conf / "slow.yaml").write_text((REPO / "conf/method/textrank.yaml").read_text()
                                    + "_target_: slow_method.SlowTextRank\n", encoding="utf-8")
    cwd = root / "elsewhere"
    cwd.mkdir()
    return {"root": root, "data": data, "cwd": cwd,
            "base": [f"hydra.searchpath=[file://{root / 'extra_conf'}]", "data=jsonl", f"data.loader.path={data}",
                     "method=slow", "data.budget.limit=20", "progress=false", "evaluation.n_resamples=200"]}


def mds_run(env, *args: str, seconds: float = 0.0, cwd: Path | None = None, check: bool = True,
            extra_env: dict | None = None) -> subprocess.CompletedProcess:
    e = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(env["root"]), os.environ.get("PYTHONPATH")])),
             SLOW_SECONDS=str(seconds), **(extra_env or {}))
    proc = subprocess.run([sys.executable, "-m", "experiments.cli", "run", *args], cwd=cwd or env["cwd"], env=e,
                          capture_output=True, text=True, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


@pytest.fixture(scope="module")
def reference_run(env):
    """An uninterrupted sequential run every other run is compared with."""
    run_dir = env["root"] / "reference"
    mds_run(env, *env["base"], f"hydra.run.dir={run_dir}")
    return run_dir


def same_results(a: Path, b: Path) -> None:
    for name in ("predictions.jsonl", "scores.jsonl", "metrics.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_help_and_cfg(env):
    out = mds_run(env, "--help").stdout
    assert "mds run" in out and "resume=" in out and "data:" in out
    cfg = mds_run(env, "--cfg", "job", "method=textrank", "data=duc2006").stdout
    assert "summarizer.methods.textrank.TextRank" in cfg and "name: duc2006" in cfg


def test_one_run_writes_the_run_folder(env, reference_run):
    run = reference_run
    for name in ("config.yaml", "environment.json", "predictions.jsonl", "timings.jsonl", "scores.jsonl",
                 "metrics.json", "run.log"):
        assert (run / name).is_file(), name
    assert not (run / "predictions.partial.jsonl").exists()
    preds = [json.loads(line) for line in (run / "predictions.jsonl").open()]
    assert [p["id"] for p in preds] == [f"c{i}" for i in range(6)]
    assert all(p["summary"] and p["sentences"][0]["sources"] for p in preds)
    assert all(len(p["summary"].split()) <= 20 for p in preds)
    timings = [json.loads(line) for line in (run / "timings.jsonl").open()]
    assert [t["id"] for t in timings] == [p["id"] for p in preds] and all(t["time_s"] >= 0 for t in timings)
    metrics = json.loads((run / "metrics.json").read_text())
    assert metrics["method"] == "slow" and metrics["dataset"] == "jsonl" and metrics["n_clusters"] == 6
    assert 0 < metrics["aggregate"]["rouge1_r"]["mean"] <= 1
    assert metrics["settings"]["truncate"] == {"limit": 20, "unit": "words"}
    scores = [json.loads(line) for line in (run / "scores.jsonl").open()]
    assert [s["id"] for s in scores] == [p["id"] for p in preds]
    config = (run / "config.yaml").read_text()
    assert "${" not in config and str(env["data"]) in config
    environment = json.loads((run / "environment.json").read_text())
    assert environment["seed"] == 0 and "hydra-core" in environment["packages"] and environment["splitter"]
    assert "summarized 6 clusters" in (run / "run.log").read_text()


@pytest.mark.slow
def test_same_config_is_byte_identical_in_parallel_and_from_another_cwd(env, reference_run, tmp_path):
    other = tmp_path / "parallel"
    mds_run(env, *env["base"], f"hydra.run.dir={other}", "n_jobs=2", cwd=tmp_path)
    same_results(reference_run, other)


def test_default_folder_is_deterministic_and_rerun_is_a_no_op(env, tmp_path):
    args = [*env["base"], f"output_root={tmp_path}", "data.limit=2"]
    mds_run(env, *args)
    runs = list(tmp_path.glob("jsonl/slow/*"))
    assert len(runs) == 1 and runs[0].name.startswith("data.budget.limit=20")
    before = (runs[0] / "predictions.jsonl").stat().st_mtime_ns
    second = mds_run(env, *args)
    assert "nothing to do" in second.stdout + second.stderr
    assert (runs[0] / "predictions.jsonl").stat().st_mtime_ns == before


@pytest.mark.slow
def test_a_rouge_cache_file_changes_no_number_nor_the_run_folder(env, reference_run, tmp_path):
    cache = tmp_path / "rouge.sqlite"
    mds_run(env, *env["base"], f"output_root={tmp_path / 'runs'}", f"rouge_cache={cache}")
    (cold,) = tmp_path.glob("runs/jsonl/slow/*")
    assert "rouge_cache" not in cold.name and cache.is_file()
    warm = tmp_path / "warm"  # every pair is in the file now
    mds_run(env, *env["base"], f"hydra.run.dir={warm}", f"rouge_cache={cache}")
    for run in (cold, warm):
        for name in ("predictions.jsonl", "scores.jsonl"):
            assert (run / name).read_bytes() == (reference_run / name).read_bytes(), name
        assert json.loads((run / "metrics.json").read_text())["aggregate"] == \
            json.loads((reference_run / "metrics.json").read_text())["aggregate"]


def test_another_config_in_the_same_folder_is_refused(env, reference_run):
    proc = mds_run(env, *env["base"], f"hydra.run.dir={reference_run}", "method.damping=0.5", check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1].startswith("mds: error:") and "method" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_kill_9_then_resume_equals_an_uninterrupted_run(env, reference_run, tmp_path):
    run_dir = tmp_path / "killed"
    e = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(env["root"]), os.environ.get("PYTHONPATH")])),
             SLOW_SECONDS="1.0")
    proc = subprocess.Popen([sys.executable, "-m", "experiments.cli", "run", *env["base"], f"hydra.run.dir={run_dir}"],
                            cwd=env["cwd"], env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    partial = run_dir / "predictions.partial.jsonl"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if partial.exists() and partial.read_text().count("\n") >= 2:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = partial.read_text().count("\n")
    assert 2 <= done < 6, "the run was not killed in the middle"
    assert not (run_dir / "predictions.jsonl").exists() and not (run_dir / "metrics.json").exists()
    with open(partial, "a") as f:  # as if killed in the middle of writing a line
        f.write('{"prediction": {"id": "c5", "summ')
    resumed = mds_run(env, f"resume={run_dir}")
    assert f"{done} of 6 clusters already done, {6 - done} to go" in (run_dir / "run.log").read_text(), resumed.stderr
    same_results(reference_run, run_dir)
    assert len(json.loads((run_dir / "environment.json").read_text())["resumes"]) == 1


def test_sweep_with_joblib_ends_with_a_summary_and_survives_a_failing_job(env, tmp_path):
    sweep = tmp_path / "sweep"
    proc = mds_run(env, "-m", *env["base"], f"data.loader.path={env['data']},{tmp_path / 'absent.jsonl'}",
                   "data.limit=3", "hydra/launcher=joblib", "hydra.launcher.n_jobs=2", f"hydra.sweep.dir={sweep}",
                   check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert json.loads((sweep / "0" / "metrics.json").read_text())["n_clusters"] == 3
    assert "absent.jsonl: no such file" in (sweep / "1" / "error.txt").read_text()
    summary = json.loads((sweep / "summary.json").read_text())
    assert [r["status"] for r in summary["runs"]] == ["done", "failed"]
    table = (sweep / "summary.md").read_text()
    assert "rouge2_r" in table and "failed: " in table and f"resume={sweep}" in proc.stderr


@pytest.mark.slow
def test_sweep_with_submitit_local_executor(env, tmp_path):
    sweep = tmp_path / "sweep"
    mds_run(env, "-m", *env["base"], "method.damping=0.85,0.6", "data.limit=2", "hydra/launcher=submitit_local",
            "hydra.launcher.timeout_min=5", f"hydra.sweep.dir={sweep}")
    assert (sweep / ".submitit").is_dir()
    summary = json.loads((sweep / "summary.json").read_text())
    assert [r["status"] for r in summary["runs"]] == ["done", "done"]
    assert all(r["n_clusters"] == 2 for r in summary["runs"])


def test_missing_or_bad_data_is_one_line(env, tmp_path):
    missing = mds_run(env, "data=jsonl", f"output_root={tmp_path}", check=False)
    assert missing.returncode == 2 and "data.loader.path" in missing.stderr and "Traceback" not in missing.stderr
    absent = mds_run(env, "data=jsonl", f"data.loader.path={tmp_path / 'nope.jsonl'}", f"output_root={tmp_path}",
                     check=False)
    assert absent.returncode == 2 and "nope.jsonl: no such file" in absent.stderr
    assert absent.stderr.strip().splitlines()[-1].startswith("mds: error:")


def test_hugging_face_offline_error_is_one_line(env, tmp_path):
    pytest.importorskip("datasets", reason="the hf loader needs the [hf] extra (pip install 'mds-brief[hf]')")
    proc = mds_run(env, "data=hf", "data.loader.name=multi_news", f"output_root={tmp_path}", check=False,
                   extra_env={"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("mds: error: cannot load Hugging Face dataset") and "HF_HUB_OFFLINE" in last


def test_presets_sweep_over_existing_method_configs():
    from hydra import compose, initialize_config_module

    import experiments.run  # noqa: F401  (registers the resolvers)

    for preset, datasets in (("extractive_duc2007", {"duc2007_update"}), ("extractive_duc2006", {"duc2006"}),
                             ("extractive_dev", {"duc2007_update", "duc2006"})):
        with initialize_config_module("conf", version_base="1.3"):
            cfg = compose("config", overrides=[f"experiment={preset}"], return_hydra_config=True)
        params = cfg.hydra.sweeper.params
        methods = params.method.split(",")
        assert cfg.hydra.mode.name == "MULTIRUN" and len(methods) == 10
        assert all((REPO / "conf" / "method" / f"{m}.yaml").is_file() for m in methods)
        assert set(params.get("data", cfg.data.name).split(",")) == datasets


@pytest.mark.shared
def test_dev_set_preset_path_runs(env, tmp_path):
    path = Path(os.environ.get("MDS_SHARED") or REPO.parent / "shared") / "datasets" / "duc2007_update" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} absent: set MDS_SHARED to the folder holding datasets/")
    mds_run(env, "method=lead", "data=duc2007_update", "data.limit=3", "progress=false", f"output_root={tmp_path}")
    metrics = json.loads(next(tmp_path.glob("duc2007_update/lead/*/metrics.json")).read_text())
    assert metrics["n_clusters"] == 3 and metrics["settings"]["truncate"] == {"limit": 100, "unit": "words"}


def test_split_timings_moves_method_timings_out_of_metadata():
    from experiments.run import split_timings

    row = split_timings({"id": "a", "metadata": {"num_beams": 4, "generation_time_s": 0.7}})
    assert row == {"id": "a", "metadata": {"num_beams": 4}, "timings": {"generation_time_s": 0.7}}
    assert split_timings({"id": "b", "metadata": {}}) == {"id": "b", "metadata": {}}


def test_launcher_choices_compose():
    from hydra import compose, initialize_config_module

    import experiments.run  # noqa: F401

    targets = {}
    for launcher in ("joblib", "submitit_local", "submitit_slurm", "slurm"):
        with initialize_config_module("conf", version_base="1.3"):
            cfg = compose("config", overrides=[f"hydra/launcher={launcher}"], return_hydra_config=True)
        targets[launcher] = cfg.hydra.launcher._target_.rsplit(".", 1)[-1]
    assert targets == {"joblib": "JoblibLauncher", "submitit_local": "LocalLauncher",
                       "submitit_slurm": "SlurmLauncher", "slurm": "SlurmLauncher"}
