"""Where the clusters of one run are summarized: this machine, a Dask or Ray cluster, or N SLURM jobs.

A run maps one pure function (summarize a cluster, seeded from the run seed and the cluster id) over
its clusters, so *where* it runs never changes a result: every executor's predictions are the bytes
of a single-process run. The executor is the ``executor`` config group of ``mds run`` (structured
configs below, registered in Hydra's ConfigStore):

    mds run ... executor=local n_jobs=4                          # joblib processes (the default)
    mds run ... executor=dask executor.address=tcp://host:8786   # an existing Dask scheduler
    mds run ... executor=dask executor.n_workers=8               # a LocalCluster started for the run
    mds run ... executor=ray executor.address=auto               # a Ray cluster (pip install ray)
    mds run ... executor=slurm executor.shards=50 executor.partition=cpu   # 50 SLURM jobs via submitit

Each executor yields ``(prediction row, seconds)`` per cluster in completion order; ``predict`` in
``experiments.run`` logs them and writes the run folder in dataset order.
"""

from __future__ import annotations

import logging
import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, Sequence

from experiments.errors import UserError

Row = tuple[dict[str, Any], float]
SHARDS = "shards"
"""Folder of a run folder where SLURM shards keep their own prediction logs until they are merged."""


def summarize_each(summarize: Callable[..., list[Row]], method: Any, clusters: Sequence, budget: Any,
                   seed: int) -> list[Row]:
    """One task of several clusters, each seeded on its own, so results do not depend on the grouping."""
    return [row for c in clusters for row in summarize(method, [c], budget, seed)]


def _groups(items: Sequence, size: int) -> list[list]:
    return [list(items[i : i + size]) for i in range(0, len(items), max(1, size))]


@dataclass
class LocalExecutor:
    """joblib worker processes on this machine (``n_jobs``: -1 = all cores)."""

    n_jobs: int = 1

    def map(self, summarize: Callable[..., list[Row]], method: Any, clusters: Sequence, budget: Any, seed: int,
            run_dir: Path) -> Iterator[Row]:
        from joblib import Parallel, delayed

        from summarizer.children import TiedToParent  # workers end when this process does, even on kill -9

        jobs = Parallel(n_jobs=self.n_jobs, backend="loky", return_as="generator_unordered")(
            delayed(TiedToParent(summarize))(method, [c], budget, seed) for c in clusters)
        for rows in jobs:
            yield from rows


@dataclass
class DaskExecutor:
    """A Dask cluster: ``address`` of a running scheduler, or a LocalCluster started for this run.

    The method is scattered to every worker once; clusters go in tasks of ``chunk_size``.
    """

    address: Optional[str] = None
    n_workers: int = 2
    threads_per_worker: int = 1
    processes: bool = True
    chunk_size: int = 1
    timeout_s: float = 30.0
    """How long to wait for the scheduler at ``address``."""

    def map(self, summarize: Callable[..., list[Row]], method: Any, clusters: Sequence, budget: Any, seed: int,
            run_dir: Path) -> Iterator[Row]:
        try:
            from dask.distributed import Client, LocalCluster, as_completed
        except ImportError:
            raise UserError("executor=dask needs dask.distributed: pip install 'mds-brief[dask]'") from None
        logging.getLogger("distributed").setLevel(logging.WARNING)  # its INFO chatter would fill run.log
        local = None
        try:
            if self.address:
                client = Client(self.address, timeout=self.timeout_s)
            else:
                local = LocalCluster(n_workers=self.n_workers, threads_per_worker=self.threads_per_worker,
                                     processes=self.processes, dashboard_address=None)
                client = Client(local)
        except OSError as exc:
            raise UserError(f"executor=dask: cannot reach the scheduler at {self.address}: {exc}") from None
        try:
            shared = client.scatter(method, broadcast=True)
            futures = [client.submit(summarize_each, summarize, shared, group, budget, seed, pure=False)
                       for group in _groups(clusters, self.chunk_size)]
            for future in as_completed(futures):
                yield from future.result()
        finally:
            client.close()
            if local is not None:
                local.close()


@dataclass
class RayExecutor:
    """A Ray cluster: ``address`` ("auto" = the running one) or a local Ray started for this run."""

    address: Optional[str] = None
    num_cpus: Optional[int] = None
    chunk_size: int = 1
    timeout_s: float = 30.0
    """How long to wait for the head node at ``address`` (Ray itself retries for minutes)."""

    def map(self, summarize: Callable[..., list[Row]], method: Any, clusters: Sequence, budget: Any, seed: int,
            run_dir: Path) -> Iterator[Row]:
        try:
            import ray
        except ImportError:
            raise UserError("executor=ray needs Ray: pip install 'mds-brief[ray]'") from None
        started = not ray.is_initialized()
        if started and self.address:
            _check_reachable(self.address, self.timeout_s)
        if started:
            ray.init(address=self.address, num_cpus=None if self.address else self.num_cpus,
                     include_dashboard=False, log_to_driver=False, logging_level="ERROR")
        try:
            task = ray.remote(summarize_each)
            shared = ray.put(method)
            pending = [task.remote(summarize, shared, group, budget, seed)
                       for group in _groups(clusters, self.chunk_size)]
            while pending:
                done, pending = ray.wait(pending, num_returns=1)
                yield from ray.get(done[0])
        finally:
            if started:
                ray.shutdown()


def _check_reachable(address: str, timeout_s: float) -> None:
    """A UserError unless ``host:port`` (or ``ray://host:port``) accepts a connection within ``timeout_s``.

    "auto" and other forms without a port are left to Ray, which answers those at once."""
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"//{address}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:  # a port that is not a number
        raise UserError(f"executor=ray: {address!r} is not host:port") from None
    if not host or port is None:
        return
    try:
        socket.create_connection((host, port), timeout=timeout_s).close()
    except OSError as exc:
        raise UserError(f"executor=ray: cannot reach the Ray head at {address}: {exc.strerror or exc}") from None


def run_shard(summarize: Callable[..., list[Row]], method: Any, clusters: Sequence, budget: Any, seed: int,
              shard_dir: str) -> int:
    """One SLURM job: summarize a shard into its own crash-safe log (a restarted job skips what it did)."""
    from experiments.runfolder import PredictionLog

    log = PredictionLog(Path(shard_dir))
    done = log.recover()
    try:
        for c in clusters:
            if c.id not in done:
                for row, seconds in summarize(method, [c], budget, seed):
                    log.append(row, seconds)
    finally:
        log.close()
    return len(clusters)


@dataclass
class SlurmExecutor:
    """The run split into ``shards`` SLURM jobs with submitit; their logs merge into this run folder.

    ``cluster``: null = SLURM when ``sbatch`` is there (else an error), "local" = local processes with
    the same code path (tests, a workstation), "debug" = in this process. The submitting ``mds run``
    waits for the jobs, then writes predictions, scores and metrics exactly as a single-process run.
    """

    shards: int = 2
    cluster: Optional[str] = None
    partition: Optional[str] = None
    timeout_min: int = 60
    cpus_per_task: int = 1
    mem_gb: float = 4.0
    gpus_per_node: int = 0
    slurm_additional: dict[str, Any] = field(default_factory=dict)

    def map(self, summarize: Callable[..., list[Row]], method: Any, clusters: Sequence, budget: Any, seed: int,
            run_dir: Path) -> Iterator[Row]:
        try:
            import submitit
        except ImportError:
            raise UserError("executor=slurm needs submitit: pip install 'mds-brief[launchers]'") from None
        if self.shards < 1:
            raise UserError(f"executor.shards must be at least 1, not {self.shards}")
        cluster = self.cluster or "slurm"  # submitit's own None means "local if there is no SLURM": silent
        if cluster == "slurm" and shutil.which("sbatch") is None:
            raise UserError("executor=slurm needs SLURM (sbatch not found on this machine); "
                            "executor.cluster=local runs the same shards as local processes")
        root = Path(run_dir) / SHARDS
        executor = submitit.AutoExecutor(folder=root / "logs", cluster=cluster)
        params: dict[str, Any] = {"timeout_min": self.timeout_min, "cpus_per_task": self.cpus_per_task,
                                  "mem_gb": self.mem_gb, "name": f"mds-{Path(run_dir).name}"}
        if self.gpus_per_node:
            params["gpus_per_node"] = self.gpus_per_node
        if executor.cluster == "slurm":
            if self.partition:
                params["slurm_partition"] = self.partition
            if self.slurm_additional:
                params["slurm_additional_parameters"] = dict(self.slurm_additional)
        executor.update_parameters(**params)
        n = min(self.shards, len(clusters))
        size = -(-len(clusters) // n)
        parts = _groups(clusters, size)
        dirs = [root / f"{k:04d}" for k in range(len(parts))]
        for d in dirs:
            d.mkdir(parents=True, exist_ok=True)
        jobs = executor.map_array(run_shard, [summarize] * len(parts), [method] * len(parts), parts,
                                  [budget] * len(parts), [seed] * len(parts), [str(d) for d in dirs])
        for k, job in enumerate(jobs):
            try:
                job.result()
            except Exception as exc:  # submitit's FailedJobError carries the job's own traceback
                last = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
                raise UserError(f"shard {k} (job {job.job_id}) failed: {last}; its log is in {root / 'logs'}; "
                                "rerun the same command to redo only the unfinished clusters") from None
        from experiments.runfolder import PredictionLog

        for d in dirs:
            for entry in PredictionLog(d).recover().values():
                row = dict(entry["prediction"])
                if "timings" in entry:
                    row["timings"] = entry["timings"]
                yield row, entry["time_s"]

    @staticmethod
    def cleanup(run_dir: Path) -> None:
        """Drop the shards' logs once the run folder holds every prediction."""
        shutil.rmtree(Path(run_dir) / SHARDS, ignore_errors=True)


# --- structured configs (the ``executor`` group of mds run) -------------------------------------------

@dataclass
class LocalConf:
    _target_: str = "experiments.executors.LocalExecutor"
    n_jobs: int = "${n_jobs}"  # type: ignore[assignment]  # the top-level n_jobs, kept for the CLI


# The executors' own dataclasses are the schemas (one place for each default); the configs add the target.
@dataclass
class DaskConf(DaskExecutor):
    _target_: str = "experiments.executors.DaskExecutor"


@dataclass
class RayConf(RayExecutor):
    _target_: str = "experiments.executors.RayExecutor"


@dataclass
class SlurmConf(SlurmExecutor):
    _target_: str = "experiments.executors.SlurmExecutor"


def register_configs() -> None:
    from hydra.core.config_store import ConfigStore

    cs = ConfigStore.instance()
    for name, node in (("local", LocalConf), ("dask", DaskConf), ("ray", RayConf), ("slurm", SlurmConf)):
        cs.store(group="executor", name=name, node=node)


__all__ = ["LocalExecutor", "DaskExecutor", "RayExecutor", "SlurmExecutor", "register_configs", "summarize_each"]
