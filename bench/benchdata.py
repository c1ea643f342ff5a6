"""Where the benchmarks find ../shared data, and how they report the state of a shared machine."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Iterator

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
