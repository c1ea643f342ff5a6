"""Where the benchmarks find ../shared data, and how they report the state of a shared machine."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``../shared`` beside the repository, or ``$MDS_SHARED``."""
    return Path(os.environ.get("MDS_SHARED") or ROOT.parent / "shared")


def dataset_path(name: str) -> Path:
    return shared_dir() / "datasets" / name / "dev.jsonl"


def read_rows(name: str) -> Iterator[dict[str, Any]]:
    """The raw JSON rows of a dev set; exits with a one-line message when the data is absent."""
    path = dataset_path(name)
    if not path.exists():
        sys.exit(f"{Path(sys.argv[0]).name}: {path} not found: put the DUC dev sets under ../shared/datasets "
                 "or set MDS_SHARED")
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def machine_note() -> str:
    """CPU count and load averages, printed with every timing (the machine is shared)."""
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "n/a"
    return f"{os.cpu_count()} CPUs, load average {load} (1/5/15 min)"


def rouge_table(rows: list[dict[str, Any]], label: Callable[[dict[str, Any]], str],
                p_values: Mapping[tuple[str, str, str], float] | None = None, note: str = "") -> str:
    """One Markdown table per dataset: ROUGE-1/2 recall with 95% CIs (and p-values when given,
    keyed by (dataset, system, metric)), seconds per cluster. Rows are the benchmarks' result dicts."""
    out = []
    for name in dict.fromkeys(r["dataset"] for r in rows):
        sub = [r for r in rows if r["dataset"] == name]
        out.append(f"\n**{name}** ({sub[0]['n']} clusters, {sub[0]['limit']} words{note})\n")
        p_col = " p |" if p_values is not None else ""
        out.append(f"| system | ROUGE-1 R | 95% CI |{p_col} ROUGE-2 R | 95% CI |{p_col} s / cluster |")
        out.append("|---|---|---|" + ("---|" if p_values is not None else "") + "---|---|"
                   + ("---|" if p_values is not None else "") + "---|")
        for r in sub:
            cells = []
            for m in ("rouge1", "rouge2"):
                s = r[m]
                cell = f"{100 * s['mean']:.2f} | {100 * s['ci_low']:.2f}–{100 * s['ci_high']:.2f}"
                if p_values is not None:
                    q = p_values.get((name, r["system"], m))
                    cell += " | " + ("–" if q is None else f"{q:.3f}")
                cells.append(cell)
            out.append(f"| {label(r)} | {cells[0]} | {cells[1]} | {r['time_s_per_cluster']:.3f} |")
    return "\n".join(out)
