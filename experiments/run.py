"""``mds run``: one dataset x one method (or a sweep of them) through Hydra, into resumable run folders.

The folder of a run holds ``config.yaml`` (resolved), ``environment.json``, ``predictions.jsonl``
(one ``Summary.to_dict()`` per cluster, dataset order), ``timings.jsonl`` (seconds per cluster, kept
apart so predictions are byte-identical between runs), ``scores.jsonl`` (per-cluster ROUGE),
``metrics.json`` (aggregate with bootstrap CIs) and ``run.log``. Rerunning the same command, or
``mds run resume=<folder>``, computes only the clusters a killed run had not finished.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import re
import sys
import time
import zlib
from pathlib import Path
from typing import Any, Iterable, Sequence

import hydra
from hydra.core.hydra_config import HydraConfig
from hydra.types import RunMode
from hydra.utils import instantiate, to_absolute_path
from omegaconf import DictConfig, OmegaConf

from experiments import executors, runfolder
from experiments.errors import UserError
from experiments.hydra_app import run_hydra_app

log = logging.getLogger("mds.run")

VOLATILE = ("n_jobs", "progress", "output_root", "batch_clusters", "executor", "rouge_cache")
"""Settings that change how fast a run goes, never its results: a run may resume with others."""
ERROR = runfolder.ERROR
"""Written in a sweep's run folder when the job stopped on a user error (one line)."""
PATH_KEYS = ("path", "src", "tgt", "docs", "models", "topics", "meta", "data_files")
"""Loader arguments that are paths: made absolute against the directory ``mds run`` was started in."""


# --- resolvers used by the configs -----------------------------------------------------------------

def shared_dir() -> str:
    """``$MDS_SHARED``, else the ``shared/`` folder beside the repository holding this package."""
    env = os.environ.get("MDS_SHARED")
    return str(Path(env).expanduser().resolve()) if env else str(Path(__file__).resolve().parents[2] / "shared")


def folder_tag(override_dirname: str) -> str:
    """A folder name for a run's extra overrides: ``default`` when none, hashed when long or path-like."""
    if not override_dirname:
        return "default"
    safe = re.sub(r"[^A-Za-z0-9._=,+-]", "_", override_dirname)
    if len(safe) <= 80 and safe == override_dirname:
        return safe
    return f"{safe[:40]}-{hashlib.sha1(override_dirname.encode()).hexdigest()[:10]}"


def register_resolvers() -> None:
    from experiments.configs import register

    OmegaConf.register_new_resolver("mds_shared", shared_dir, replace=True)
    OmegaConf.register_new_resolver("mds_tag", folder_tag, replace=True)
    register()


register_resolvers()  # at import: Hydra's launchers import this module in their worker processes
executors.register_configs()  # the executor group's structured configs, before Hydra composes


# --- the Hydra app -------------------------------------------------------------------------------

def task(cfg: DictConfig) -> None:
    """One job: everything a run does, with user errors as one line (and exit 2 for a single run)."""
    from summarizer.errors import InputError

    run_dir = Path(HydraConfig.get().runtime.output_dir)
    try:
        with runfolder.exclusive(run_dir):
            run_experiment(cfg, run_dir)
        (run_dir / ERROR).unlink(missing_ok=True)
    except (UserError, InputError, runfolder.RunFolderBusy, runfolder.RunFolderError) as exc:
        message = " ".join(str(exc).split())
        log.error(message)
        if HydraConfig.get().mode == RunMode.MULTIRUN:
            # One bad job must not stop the others: record it; the sweep summary lists it and fails the sweep.
            runfolder.write_atomic(run_dir / ERROR, message + "\n")
            print(f"mds: error: job {HydraConfig.get().job.num}: {message}", file=sys.stderr)
            return
        print(f"mds: error: {message}", file=sys.stderr)
        raise SystemExit(2) from None


_app = hydra.main(config_path="pkg://conf", config_name="config", version_base="1.3")(task)


def main(argv: Sequence[str] | None = None) -> int:
    """``mds run [overrides]``: run Hydra with these arguments (``-m``, ``--help``, ``--cfg job`` work)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        argv = expand_resume(argv)
    except UserError as exc:
        print(f"mds: error: {exc}", file=sys.stderr)
        return 2
    return run_hydra_app(_app, "mds run", argv,
                         interrupted="mds: interrupted; finished clusters are kept: rerun the same command "
                                     "(or resume=<run folder>) to go on")


def expand_resume(argv: list[str]) -> list[str]:
    """``resume=<folder>`` -> the overrides that made that run or sweep, pointed at the same folder."""
    given = [a.split("=", 1)[1] for a in argv if a.startswith("resume=")]
    if not given:
        return argv
    rest = [a for a in argv if not a.startswith("resume=")]
    folder = Path(given[-1]).expanduser().resolve()
    if (folder / "multirun.yaml").is_file():
        saved = OmegaConf.load(folder / "multirun.yaml").hydra.overrides
        hydra_overrides = [o for o in saved.hydra if not o.startswith(("hydra.sweep.dir=", "hydra.mode="))]
        return ["-m", *hydra_overrides, *saved.task, f"hydra.sweep.dir={folder}", *rest]
    if (folder / ".hydra" / "hydra.yaml").is_file():
        saved = OmegaConf.load(folder / ".hydra" / "hydra.yaml").hydra.overrides
        hydra_overrides = [o for o in saved.hydra if not o.startswith(("hydra.run.dir=", "hydra.mode=",
                                                                       "hydra.sweep.dir="))]
        return [*hydra_overrides, *saved.task, f"hydra.run.dir={folder}", "hydra.mode=RUN", *rest]
    if not folder.exists():
        raise UserError(f"resume={given[-1]}: no such folder; resume takes a folder an earlier mds run wrote "
                        "(e.g. runs/<data>/<method>/default, or runs/sweeps/<time>)")
    raise UserError(f"{folder}: not a run folder or sweep folder of mds run (no .hydra/hydra.yaml or multirun.yaml)")


# --- one run -------------------------------------------------------------------------------------

def resolved_config(cfg: DictConfig) -> dict[str, Any]:
    """The job's config with every interpolation resolved and loader paths made absolute."""
    try:
        resolved = OmegaConf.to_container(cfg, resolve=True, throw_on_missing=True)
    except Exception as exc:  # omegaconf's MissingMandatoryValue / InterpolationResolutionError
        raise UserError(f"incomplete config: {str(exc).splitlines()[0]} (set it on the command line, e.g. "
                        "data.loader.path=...)") from exc
    loader = resolved.get("data", {}).get("loader", {})
    for key in PATH_KEYS:
        if isinstance(loader.get(key), str) and loader[key]:
            loader[key] = str(Path(to_absolute_path(os.path.expanduser(loader[key]))))
    return resolved


def check_resumable(run_dir: Path, resolved: dict[str, Any]) -> bool:
    """True when ``run_dir`` holds an earlier start of this very config; an error when it holds another."""
    path = run_dir / "config.yaml"
    if not path.exists():
        return False
    before = OmegaConf.to_container(OmegaConf.load(path))
    differ = sorted(k for k in set(before) | set(resolved)
                    if k not in VOLATILE and before.get(k) != resolved.get(k))
    started = any((run_dir / name).exists() for name in (runfolder.PARTIAL, runfolder.PREDICTIONS))
    if differ and not started:  # an earlier start failed before predicting anything: start afresh
        return False
    if differ:
        raise UserError(f"{run_dir} holds a run of another config (differs in: {', '.join(differ)}); "
                        "choose another folder with hydra.run.dir=... or delete that one")
    return True


def run_experiment(cfg: DictConfig, run_dir: Path) -> dict[str, Any]:
    """Load, summarize what is missing, evaluate, write the run folder; returns metrics.json's content.

    A folder made from the same config is resumed; one made by other code or other model weights is
    refused (its results cannot be trusted to match); clusters whose input changed since they were
    summarized are recomputed (each prediction keeps the hash of the cluster it was made from).
    """
    run_dir.mkdir(parents=True, exist_ok=True)
    folder = runfolder.RunFolder(run_dir)
    resolved = resolved_config(cfg)
    check_settings(resolved)
    resuming = check_resumable(run_dir, resolved)
    conf = OmegaConf.create(resolved)
    fingerprints = runfolder.input_fingerprints(resolved, PATH_KEYS, VOLATILE)
    if resuming:
        check_fingerprints(folder, fingerprints)
    else:
        runfolder.write_atomic(folder.config, OmegaConf.to_yaml(conf))

    dataset = load_dataset(conf.data)
    log.info("data: %s", dataset.report.describe())
    clusters = select_clusters(dataset, conf)
    inputs = {c.id: runfolder.cluster_fingerprint(c) for c in clusters}
    if resuming and folder.is_complete() and folder.read_fingerprints().get("clusters") == inputs:
        folder.read_metrics()  # a complete folder must still be readable
        log.info("%s is complete and its inputs are unchanged; nothing to do (delete it to recompute)", run_dir)
        return json.loads(folder.metrics.read_text(encoding="utf-8"))
    record_environment(run_dir, resolved, resuming)

    clusters = prepare_clusters(clusters, build(conf.pipeline, "pipeline"))
    method = build(conf.method, "method")
    budget = build(conf.budget, "budget")
    predictions = predict(method, clusters, budget, run_dir, conf, inputs, fingerprints)
    return evaluate_run(predictions, clusters, dataset.report, run_dir, conf)


def prepare_clusters(clusters: list, pipeline) -> list:
    """The dataset's clusters through the shared preparation (``summarizer.pipeline``), warnings logged."""
    import warnings

    from summarizer.pipeline import prepare

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        prepared = [prepare(c, pipeline) for c in clusters]
    for message in dict.fromkeys(str(w.message) for w in caught):  # each warning once
        log.warning("%s", message)
    dropped = sum(len(c.documents) for c in clusters) - sum(len(c.documents) for c in prepared)
    if dropped:
        log.info("pipeline: %d duplicate document(s) dropped after cleaning", dropped)
    return prepared


def check_settings(resolved: dict[str, Any]) -> None:
    """Settings whose wrong type would otherwise surface as a traceback deep inside a run."""
    for key in ("n_jobs", "seed", "batch_clusters"):
        value = resolved.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise UserError(f"{key} must be an integer, not {value!r}")
    if resolved.get("n_jobs") == 0:
        raise UserError("n_jobs must be a positive number of processes or -1 (all cores), not 0")
    if isinstance(resolved.get("batch_clusters"), int) and resolved["batch_clusters"] < 1:
        raise UserError(f"batch_clusters must be 1 or more, not {resolved['batch_clusters']}")
    limit = (resolved.get("data") or {}).get("limit")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise UserError(f"data.limit must be a positive number of clusters (or null for all), not {limit!r}")


def select_clusters(dataset, conf: DictConfig) -> list:
    limit = conf.data.get("limit")
    clusters = list(dataset.clusters if limit is None else dataset.clusters[: int(limit)])
    if not clusters:
        raise UserError(f"dataset {conf.data.name} has no clusters left to summarize ({dataset.report.describe()})")
    return clusters


def check_fingerprints(folder: runfolder.RunFolder, now: dict[str, Any]) -> None:
    """Refuse to resume a folder whose predictions came from other code or other model weights."""
    try:
        before = folder.read_fingerprints()
    except runfolder.RunFolderError as exc:
        raise UserError(str(exc)) from None
    changed = runfolder.compare_fingerprints(before, now)
    if changed:
        raise UserError(f"{folder.path} was computed with other inputs: {' and '.join(changed)} changed since; "
                        "its results would be stale. Delete the folder to recompute, or choose another with "
                        "hydra.run.dir=...")


def record_environment(run_dir: Path, resolved: dict[str, Any], resuming: bool) -> None:
    """environment.json of the first start; each resume is appended to its ``resumes`` list."""
    path = run_dir / "environment.json"
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    from summarizer.sentences import splitter_name

    pipeline = resolved.get("pipeline") or {}
    splitter = splitter_name(pipeline.get("language", "english"), pipeline.get("splitter", "punkt"))
    current = runfolder.environment(int(resolved.get("seed", 0)), {"started": now, "splitter": splitter})
    if resuming and path.exists():
        env = json.loads(path.read_text(encoding="utf-8"))
        env.setdefault("resumes", []).append(current)
    else:
        env = current
    runfolder.write_json(path, env)


def build(node: DictConfig, where: str) -> Any:
    """``instantiate`` with the user's mistakes (bad arguments, unreadable data) as one-line errors."""
    from hydra.errors import InstantiationException

    from summarizer.datasets import DatasetError

    try:
        return instantiate(node, _convert_="all")
    except InstantiationException as exc:
        cause = exc.__cause__
        if isinstance(cause, (DatasetError, UserError)):
            raise cause from None
        if isinstance(cause, (TypeError, ValueError)):  # unknown or invalid argument in the config
            raise UserError(f"{where} ({node.get('_target_')}): {cause}") from None
        if cause is None:  # e.g. a _target_ that cannot be imported
            raise UserError(f"{where}: {str(exc).splitlines()[0]}") from None
        raise


def load_dataset(data: DictConfig):
    from summarizer.datasets import Dataset

    dataset = build(data.loader, "data.loader")
    if not isinstance(dataset, Dataset):
        raise UserError(f"data.loader._target_ {data.loader._target_} returned {type(dataset).__name__}, not a Dataset")
    return dataset


def seed_everything(seed: int, cluster_id: str) -> None:
    """Seed every RNG from the run seed and the cluster id: results do not depend on order or workers."""
    value = zlib.crc32(f"{seed}:{cluster_id}".encode("utf-8"))
    random.seed(value)
    import numpy as np

    np.random.seed(value)
    if "torch" in sys.modules:
        sys.modules["torch"].manual_seed(value)


def summarize_chunk(method, clusters: Sequence, budget, seed: int) -> list[tuple[dict[str, Any], float]]:
    """Summaries of a few clusters with the seconds each took (a batch's time is shared evenly)."""
    seed_everything(seed, clusters[0].id)
    start = time.perf_counter()
    summaries = method.summarize_many(clusters, budget) if len(clusters) > 1 else [method.summarize(clusters[0], budget)]
    each = (time.perf_counter() - start) / len(clusters)
    return [(split_timings(s.to_dict()), each) for s in summaries]


def split_timings(row: dict[str, Any]) -> dict[str, Any]:
    """Move a method's own timings (metadata keys ending in ``time_s``) out of the prediction.

    They go to ``timings.jsonl`` (under ``"timings"`` here until then): a prediction must be the same
    bytes every time the same config runs.
    """
    meta = row.get("metadata") or {}
    moved = {k: meta.pop(k) for k in [k for k in meta if k.endswith("time_s")]}
    if moved:
        row["timings"] = moved
    return row


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def finished_entries(run_dir: Path) -> dict[str, dict[str, Any]]:
    """Log entries rebuilt from a finished ``predictions.jsonl`` (with the input hashes of fingerprints.json)."""
    folder = runfolder.RunFolder(run_dir)
    if not folder.predictions.exists():
        return {}
    timings = {}
    if folder.timings.exists():
        with open(folder.timings, encoding="utf-8") as f:
            timings = {r["id"]: r for r in map(json.loads, f)}
    try:
        inputs = folder.read_fingerprints().get("clusters") or {}
    except runfolder.RunFolderError:
        inputs = {}
    return {p["id"]: {"prediction": p, "time_s": timings.get(p["id"], {}).get("time_s", 0.0), "input": inputs.get(p["id"]),
                      "timings": {k: v for k, v in timings.get(p["id"], {}).items() if k not in ("id", "time_s")}}
            for p in folder.read_predictions()}


def predict(method, clusters: list, budget, run_dir: Path, conf: DictConfig, inputs: dict[str, str] | None = None,
            fingerprints: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Predictions of every cluster in dataset order, computing only those no earlier start finished
    from the same input (``inputs``: cluster id -> ``cluster_fingerprint``)."""
    from tqdm import tqdm

    inputs = inputs if inputs is not None else {c.id: runfolder.cluster_fingerprint(c) for c in clusters}
    plog = runfolder.PredictionLog(run_dir)
    entries = finished_entries(run_dir)
    entries.update(plog.recover())  # the log is newer than a predictions.jsonl it sits beside
    stale = [c.id for c in clusters if c.id in entries and entries[c.id].get("input") != inputs[c.id]]
    if stale:
        log.warning("%d of %d clusters changed since they were summarized in %s (first: %s): recomputing them",
                    len(stale), len(clusters), run_dir, stale[0])
        for cid in stale:
            del entries[cid]
    wanted = {c.id for c in clusters}
    todo = [c for c in clusters if c.id not in entries]
    if entries:
        log.info("resuming: %d of %d clusters already done, %d to go", len(wanted & set(entries)),
                 len(clusters), len(todo))
    executor = build(conf.executor, "executor") if "executor" in conf else executors.LocalExecutor(int(conf.n_jobs))
    seed = int(conf.seed)
    bar = tqdm(total=len(todo), desc=f"{conf.method_name} on {conf.data.name}", unit="cluster",
               disable=not conf.progress or not todo, file=sys.stderr, dynamic_ncols=True)
    try:
        if isinstance(executor, executors.LocalExecutor) and (executor.n_jobs == 1 or len(todo) <= 1):
            results = (r for chunk in _chunks(todo, max(1, int(conf.batch_clusters)))
                       for r in summarize_chunk(method, chunk, budget, seed))
        else:
            results = executor.map(summarize_chunk, method, todo, budget, seed, run_dir) if todo else iter(())
        for row, seconds in results:
            entries[row["id"]] = plog.append(row, seconds, inputs[row["id"]])
            bar.update()
    finally:
        bar.close()
        plog.close()
    plog.finish([c.id for c in clusters], entries, fingerprints)
    if isinstance(executor, executors.SlurmExecutor):
        executor.cleanup(run_dir)
    total = sum(entries[c.id]["time_s"] for c in clusters)
    log.info("summarized %d clusters: %.2f s of method time (%.3f s per cluster)", len(clusters), total,
             total / len(clusters))
    return [entries[c.id]["prediction"] for c in clusters]


def evaluate_run(predictions: list[dict[str, Any]], clusters: list, report, run_dir: Path,
                 conf: DictConfig) -> dict[str, Any]:
    """scores.jsonl and metrics.json from the predictions (deterministic: seeded bootstrap)."""
    from summarizer.evaluation import evaluate
    from summarizer.summary import Summary

    settings = build(conf.eval, "eval")
    summaries = [Summary.from_dict(p) for p in predictions]
    log.info("evaluating: %s", settings.describe())
    result = evaluate(summaries, clusters, settings, n_jobs=max(1, int(conf.n_jobs)), progress=bool(conf.progress),
                      cache=conf.get("rouge_cache"))
    runfolder.write_jsonl(run_dir / "scores.jsonl", result.per_cluster)
    lengths = [s.n_words for s in summaries]
    metrics = {
        "method": conf.method_name,
        "dataset": conf.data.name,
        "n_clusters": len(clusters),
        "settings": settings.to_dict(),
        "settings_description": settings.describe(),
        "aggregate": result.aggregate(confidence=float(conf.evaluation.confidence),
                                      n_resamples=int(conf.evaluation.n_resamples), seed=int(conf.seed)),
        "length_words": {"mean": sum(lengths) / len(lengths), "min": min(lengths), "max": max(lengths)},
        "load_report": report.to_dict(),
    }
    runfolder.RunFolder(run_dir).write_metrics(metrics)
    headline = ", ".join(f"{k} {v['mean']:.4f}" for k, v in metrics["aggregate"].items() if k.endswith(("1_r", "2_r")))
    log.info("done: %s -> %s", headline or "scored", run_dir)
    return metrics


if __name__ == "__main__":
    sys.exit(main())
