"""The table a sweep ends with: ``summary.md`` and ``summary.json`` over the sweep's run folders.

Hydra calls ``SweepSummary.on_multirun_end`` once every job has returned, whatever the launcher
(basic, joblib, submitit). Runs without ``metrics.json`` are listed as failed (with the one-line error of
``error.txt``) or missing rather than left out, so a table never looks more complete than it is,
and the sweep then exits non-zero.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
from pathlib import Path
from typing import Any, Sequence

from hydra.experimental.callback import Callback
from omegaconf import DictConfig, OmegaConf

from experiments.runfolder import RunFolder, RunFolderError, write_atomic, write_json

log = logging.getLogger("mds.sweep")


def collect(sweep_dir: Path) -> list[dict[str, Any]]:
    """One row per numbered run folder of a sweep, in job order."""
    rows = []
    for run in sorted((p for p in sweep_dir.iterdir() if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name)):
        overrides_file = run / ".hydra" / "overrides.yaml"
        overrides = list(OmegaConf.load(overrides_file)) if overrides_file.exists() else []
        row: dict[str, Any] = {"run": run.name, "overrides": [str(o) for o in overrides]}
        folder = RunFolder(run)
        if folder.metrics.exists():
            try:
                m = folder.read_metrics()
            except RunFolderError as exc:
                row.update(status="failed", error=str(exc))
            else:
                row.update(status="done", method=m.method, dataset=m.dataset, n_clusters=m.n_clusters,
                           aggregate={k: v.model_dump() for k, v in m.aggregate.items()},
                           length_words=m.length_words.mean if m.length_words else None,
                           oracle=m.method.lower().startswith("oracle"))
        elif folder.error.exists():
            row.update(status="failed", error=folder.error.read_text(encoding="utf-8").strip())
        else:
            row["status"] = "missing"
        rows.append(row)
    return rows


def varying(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Per row, the overrides whose value differs between runs: what the sweep swept."""
    values: dict[str, set[str]] = {}
    for r in rows:
        for o in r["overrides"]:
            key, _, value = o.partition("=")
            values.setdefault(key, set()).add(value)
    swept = {k for k, v in values.items() if len(v) > 1 or len(rows) == 1}
    return [" ".join(o for o in r["overrides"] if o.partition("=")[0] in swept) for r in rows]


def markdown(rows: Sequence[dict[str, Any]], scores: Sequence[str]) -> str:
    """A table of mean [CI] x100 per score; the best mean per dataset and score in bold."""
    present = [s for s in scores if any(s in r.get("aggregate", {}) for r in rows)]
    best: dict[tuple[str, str], float] = {}
    for r in rows:
        if r.get("oracle"):
            continue  # an upper bound, not a contender: never marked best (as in mds report)
        for s in present:
            if s in r.get("aggregate", {}):
                key = (r["dataset"], s)
                best[key] = max(best.get(key, float("-inf")), r["aggregate"][s]["mean"])
    head = ["run", "dataset", "method", "overrides", "clusters", "words", *present]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r, label in zip(rows, varying(rows)):
        if r["status"] != "done":
            why = f"failed: {r['error']}" if r["status"] == "failed" else "missing"
            lines.append(f"| {r['run']} | | | {label} | {why} (see {r['run']}/run.log) |"
                         + " |" * (len(head) - 5))
            continue
        method = f"{r['method']} (upper bound)" if r.get("oracle") else r["method"]
        cells = [r["run"], r["dataset"], method, label, str(r["n_clusters"]),
                 f"{r['length_words']:.1f}" if r.get("length_words") is not None else ""]
        for s in present:
            a = r["aggregate"].get(s)
            if a is None:
                cells.append("")
                continue
            text = f"{100 * a['mean']:.2f} [{100 * a['ci_low']:.2f}, {100 * a['ci_high']:.2f}]"
            cells.append(f"**{text}**" if not r.get("oracle") and a["mean"] == best.get((r["dataset"], s)) else text)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write_summary(sweep_dir: Path, scores: Sequence[str]) -> list[dict[str, Any]]:
    rows = collect(sweep_dir)
    write_json(sweep_dir / "summary.json", {"runs": rows, "scores": list(scores)})
    note = ("ROUGE x100, mean [95% bootstrap CI] over clusters; best per dataset in bold. An oracle (it reads "
            "the references) is an upper bound, never marked best.\n\n")
    write_atomic(sweep_dir / "summary.md", f"# Sweep {sweep_dir.name}\n\n{note}{markdown(rows, scores)}")
    return rows


class LauncherCheck(Callback):
    """Hydra callback (``hydra.callbacks.launcher_check``) that refuses a sweep its launcher cannot start.

    Hydra creates the sweep folder (with ``multirun.yaml``) before the launcher runs, so a SLURM
    launcher on a machine without SLURM would fail only after leaving an empty sweep behind; the
    check runs first, when nothing has been written yet."""

    def on_multirun_start(self, config: DictConfig, **kwargs: Any) -> None:
        target = str(OmegaConf.select(config, "hydra.launcher._target_", default="") or "")
        if target.endswith("SlurmLauncher"):
            missing = [tool for tool in ("sbatch", "srun") if shutil.which(tool) is None]
            if missing:  # SystemExit: Hydra turns a callback's exceptions into warnings and goes on
                print(f"mds: error: hydra/launcher=submitit_slurm needs SLURM ({' and '.join(missing)} not found "
                      "on this machine); use hydra/launcher=joblib or leave hydra/launcher out here", file=sys.stderr)
                raise SystemExit(2)


class SweepSummary(Callback):
    """Hydra callback (``hydra.callbacks.sweep_summary`` in conf/config.yaml) writing the sweep table."""

    def __init__(self, scores: Sequence[str] = ("rouge1_r", "rouge2_r", "rougeL_f", "rougeLsum_f")) -> None:
        self.scores = list(scores)

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        sweep_dir = Path(config.hydra.sweep.dir).resolve()
        if not sweep_dir.is_dir():
            return
        rows = write_summary(sweep_dir, self.scores)
        failed = [r["run"] for r in rows if r["status"] != "done"]
        line = f"sweep summary: {sweep_dir / 'summary.md'} ({len(rows)} runs, {len(failed)} failed or missing)"
        log.info(line)
        print(line)
        if failed:  # a sweep with holes must not look like a success to scripts and schedulers
            print(f"mds: error: runs {', '.join(failed)} of {sweep_dir} did not finish; fix and rerun with "
                  f"mds run resume={sweep_dir}", file=sys.stderr)
            raise SystemExit(1)
