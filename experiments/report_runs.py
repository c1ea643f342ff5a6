"""Reading run folders (written by ``mds run``) into typed values the report can compare.

A run folder holds ``metrics.json``, ``scores.jsonl`` and ``predictions.jsonl`` (plus ``config.yaml``,
``environment.json``, ``run.log`` and optionally ``timings.jsonl``); a sweep folder holds run folders
(Hydra multirun layout). Anything else given to ``mds report`` is a one-line error naming the path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from experiments.errors import UserError

from experiments.runfolder import METRICS, PREDICTIONS, SCORES, TIMINGS, RunFolder, RunFolderError

RUN_FILES = (METRICS, SCORES, PREDICTIONS)


@dataclass(frozen=True)
class ClusterResult:
    """What one run did on one cluster: its scores, summary length and time."""

    id: str
    scores: Mapping[str, float]
    words: int | None = None
    time_s: float | None = None
    prediction: Mapping[str, Any] | None = None
    """The raw ``predictions.jsonl`` row (a ``Summary.to_dict()``), for the side-by-side examples."""


@dataclass(frozen=True)
class Run:
    path: Path
    method: str
    dataset: str
    settings: Mapping[str, Any]
    settings_description: str
    aggregate: Mapping[str, Mapping[str, float]]
    clusters: tuple[ClusterResult, ...]
    config: Mapping[str, Any] = field(default_factory=dict)
    overrides: tuple[str, ...] = ()
    budget: str = ""
    label: str = ""
    """Unique name of the run within its report (method, plus what tells it apart from same-method runs)."""

    @property
    def is_oracle(self) -> bool:
        return self.method.lower().startswith("oracle")

    @property
    def display(self) -> str:
        """The label as shown in tables: oracles are marked as the upper bound they are."""
        return f"{self.label} (upper bound)" if self.is_oracle else self.label

    @property
    def settings_key(self) -> str:
        return json.dumps(self.settings, sort_keys=True, default=str)

    def by_id(self) -> dict[str, ClusterResult]:
        return {c.id: c for c in self.clusters}

    def metric_keys(self) -> list[str]:
        keys: dict[str, None] = {}
        for c in self.clusters:
            keys.update(dict.fromkeys(c.scores))
        return list(keys)


def is_run_dir(path: Path) -> bool:
    return RunFolder(path).is_run()


def find_runs(paths: Sequence[str | Path]) -> list[Path]:
    """Run folders named directly or found inside sweep folders, in a stable order, without duplicates."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UserError(f"{raw}: no such file or directory")
        if is_run_dir(path):
            found.append(path)
            continue
        inner = sorted((p.parent for p in path.rglob(METRICS) if is_run_dir(p.parent)), key=_natural_key) \
            if path.is_dir() else []
        if not inner:
            raise UserError(f"{raw}: not a run or sweep folder (a run folder holds {', '.join(RUN_FILES)})")
        found.extend(inner)
    unique: dict[Path, None] = {}
    for p in found:
        unique.setdefault(p.resolve(), None)
    return list(unique)


def incomplete_runs(paths: Sequence[str | Path]) -> list[Path]:
    """Folders inside the given sweeps that a run started but did not finish (no metrics.json yet)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir() or is_run_dir(path):
            continue
        for marker in ("config.yaml", "predictions.partial.jsonl"):
            for f in path.rglob(marker):
                d = f.parent
                if d.name != ".hydra" and not is_run_dir(d) and d not in out:
                    out.append(d)
    return sorted(out, key=_natural_key)


def _natural_key(path: Path) -> list[Any]:
    """Sort ``sweep/2`` before ``sweep/10`` (Hydra numbers multirun jobs)."""
    import re

    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", str(path))]


def load_run(path: Path) -> Run:
    """One run folder as a ``Run``; a malformed file is a one-line error naming it."""
    folder = RunFolder(path)
    try:
        metrics = folder.read_metrics()
    except RunFolderError as exc:
        raise UserError(str(exc)) from None
    scores = _read_jsonl(folder.scores)
    predictions = {str(r.get("id")): r for r in _read_jsonl(folder.predictions)}
    times = _read_times(path)
    clusters = []
    for i, row in enumerate(scores):
        if "id" not in row or not isinstance(row.get("scores"), dict):
            raise UserError(f"{path / 'scores.jsonl'}: line {i + 1} lacks 'id' or 'scores'")
        cid = str(row["id"])
        pred = predictions.get(cid)
        words = len(str(pred.get("summary", "")).split()) if pred is not None else None
        t = times.get(cid)
        if t is None and pred is not None and pred.get("time_s") is not None:
            t = float(pred["time_s"])
        clusters.append(ClusterResult(cid, {k: float(v) for k, v in row["scores"].items() if _is_number(v)},
                                      words, t, pred))
    config = _read_yaml(folder.config)
    first = next(iter(predictions.values()), {})
    budget = first.get("budget") or {}
    return Run(
        path=path,
        method=metrics.method or str(first.get("method") or path.name),
        dataset=metrics.dataset or "unknown",
        settings=metrics.settings,
        settings_description=metrics.settings_description,
        aggregate={k: v.model_dump() for k, v in metrics.aggregate.items()},
        clusters=tuple(clusters),
        config=config,
        overrides=_read_overrides(path),
        budget=f"{budget['limit']} {budget['unit']}" if "limit" in budget and "unit" in budget else "",
    )


def load_runs(paths: Sequence[str | Path]) -> list[Run]:
    """Every run under ``paths``, each labelled uniquely among the runs sharing its dataset and settings."""
    runs = [load_run(p) for p in find_runs(paths)]
    groups: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(runs):  # labels need be unique only among runs shown in one table
        groups.setdefault((r.dataset, r.settings_key), []).append(i)
    out = list(runs)
    for idx in groups.values():
        for i, labelled in zip(idx, label_runs([runs[i] for i in idx])):
            out[i] = labelled
    return out


def label_runs(runs: Sequence[Run]) -> list[Run]:
    """Name runs by method; runs sharing a method are told apart by the overrides that differ, else by folder."""
    from dataclasses import replace

    out = []
    for run in runs:
        same = [r for r in runs if r.method == run.method]
        label = run.method
        if len(same) > 1:
            common = set.intersection(*(set(r.overrides) for r in same))
            own = [o for o in run.overrides if o not in common and not o.startswith(("method=", "+method="))]
            label = f"{run.method} ({', '.join(own)})" if own else f"{run.method} [{_short_path(run.path)}]"
        out.append(replace(run, label=label))
    labels = [r.label for r in out]
    return [replace(r, label=f"{r.label} [{_short_path(r.path)}]") if labels.count(r.label) > 1 else r for r in out]


def _short_path(path: Path) -> str:
    return "/".join(path.parts[-2:])


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    row = json.loads(line)
                    if not isinstance(row, dict):
                        raise ValueError(f"line {n} is not a JSON object")
                    rows.append(row)
    except (OSError, ValueError) as exc:
        raise UserError(f"{path}: cannot read JSON lines ({' '.join(str(exc).split())[:200]})") from None
    except RecursionError:
        raise UserError(f"{path}: JSON nested too deeply to read") from None
    return rows


def _read_times(path: Path) -> dict[str, float]:
    """Per-cluster seconds from ``timings.jsonl`` when the run wrote one (else predictions carry ``time_s``)."""
    file = RunFolder(path).timings
    if not file.is_file():
        return {}
    out = {}
    for row in _read_jsonl(file):
        t = row.get("time_s", row.get("seconds"))
        if "id" in row and _is_number(t):
            out[str(row["id"])] = float(t)
    return out


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    from omegaconf import OmegaConf

    try:
        data = OmegaConf.to_container(OmegaConf.load(path), resolve=False)
    except Exception as exc:  # omegaconf raises several parser errors
        raise UserError(f"{path}: cannot read YAML ({' '.join(str(exc).split())})") from exc
    return data if isinstance(data, dict) else {}


def _read_overrides(path: Path) -> tuple[str, ...]:
    """Hydra's ``.hydra/overrides.yaml`` (what a sweep changed for this job), if present."""
    file = path / ".hydra" / "overrides.yaml"
    if not file.is_file():
        return ()
    from omegaconf import OmegaConf

    try:
        items = OmegaConf.to_container(OmegaConf.load(file))
    except Exception:
        return ()
    return tuple(str(x) for x in items) if isinstance(items, list) else ()


def iter_common_ids(runs: Iterable[Run]) -> list[str]:
    """Cluster ids present in every run, in the first run's order."""
    runs = list(runs)
    if not runs:
        return []
    common = set.intersection(*(set(r.by_id()) for r in runs))
    return [c.id for c in runs[0].clusters if c.id in common]
