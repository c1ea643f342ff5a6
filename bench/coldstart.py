"""Cold start of ``mds brief`` on the seed cluster: wall and CPU time of a fresh process, and its imports.

    python bench/coldstart.py                      # ../shared/seeds, 5 runs
    python bench/coldstart.py --path data/sample --runs 10

Each run is a new ``python -m experiments.cli brief PATH`` process (what a user's ``mds brief``
does); its wall time and its CPU time (user + sys, from ``getrusage(RUSAGE_CHILDREN)``) are
recorded, median reported. A last run with ``python -X importtime`` lists the slowest imports and
checks that the extractive path loads no torch, transformers or NLTK. A second
table times the pieces in one process: interpreter start, imports, Hydra compose, reading and
cleaning, summarizing, rendering. A third table is the floor under all that: fresh processes
that only import what ``mds brief`` imports, one library more per row, then load the WordLlama
model and compose the brief config (cumulative, CPU medians, rows interleaved run by run).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from benchdata import machine_note, shared_dir  # noqa: E402

HEAVY = ("torch", "transformers", "nltk")  # none of these may load on the extractive path

PIECES = r"""
import json, sys, time
clock = lambda: (time.perf_counter(), time.process_time())
t = {"start": clock()}
import numpy, scipy.sparse
t["numpy + scipy.sparse"] = clock()
from experiments import brief
t["experiments.brief"] = clock()
cfg = brief.compose_config(None, [])
t["hydra compose"] = clock()
from summarizer.readers import read_cluster
from summarizer.pipeline import prepare
cluster = prepare(read_cluster(sys.argv[1]), brief.build_pipeline(cfg))
t["read + prepare (clean, dedupe, split)"] = clock()
method = brief.build_method(cfg)
t["build method"] = clock()
from summarizer.budget import Budget
summary = method.summarize(cluster, Budget(int(cfg.budget.limit), str(cfg.budget.unit)))
t["summarize (TF-IDF, graph, rank, select)"] = clock()
from summarizer.briefing import build_briefing
text = brief.renderer("md")(build_briefing(summary, cluster, **brief.briefing_settings(cfg)))
t["briefing + render"] = clock()
print(json.dumps(t))
"""


FLOOR = (
    ("python -c pass", "pass"),
    ("+ import numpy, scipy.sparse", "import numpy, scipy.sparse"),
    ("+ import hydra (compose, utils)", "import numpy, scipy.sparse, hydra.compose, hydra.utils"),
    ("+ import wordllama", "import numpy, scipy.sparse, hydra.compose, hydra.utils, wordllama"),
    ("+ load the WordLlama model", "import numpy, scipy.sparse, hydra.compose, hydra.utils\n"
                                   "from summarizer.semantic import load_model; load_model()"),
    ("+ compose conf/brief.yaml", "import numpy, scipy.sparse, hydra.compose, hydra.utils\n"
                                  "from summarizer.semantic import load_model; load_model()\n"
                                  "from experiments import brief; brief.compose_config(None, [])"),
)
"""Cumulative: each row's process does what the row above did, and one thing more."""


def run_once(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        sys.exit(f"coldstart.py: {' '.join(cmd)} failed:\n{out.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def imports(path: str) -> tuple[list[tuple[int, str]], list[str]]:
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "experiments.cli", "brief", path],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    rows = []
    for line in out.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit():
                rows.append((int(cumulative), name.rstrip()))
    loaded = {name.strip() for _, name in rows}
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY)
    return sorted(rows, reverse=True)[:12], heavy


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--path", default=str(shared_dir() / "seeds"))
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    if not Path(args.path).exists():
        sys.exit(f"coldstart.py: {args.path} not found (the seed articles live in ../shared/seeds; or pass --path)")
    cmd = [sys.executable, "-m", "experiments.cli", "brief", args.path]
    run_once(cmd)  # the first run may compile .pyc files: not counted
    runs = [run_once(cmd) for _ in range(args.runs)]
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    piece_runs = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", PIECES, args.path], cwd=ROOT, capture_output=True, text=True,
                             check=True)
        marks = json.loads(out.stdout)
        steps = list(marks)
        piece = {"interpreter start": (marks["start"][0] - t0, marks["start"][1])}
        piece.update({b: (marks[b][0] - marks[a][0], marks[b][1] - marks[a][1]) for a, b in zip(steps, steps[1:])})
        piece_runs.append(piece)
    floor: dict[str, list[float]] = {label: [] for label, _ in FLOOR}
    for _ in range(args.runs):
        for label, code in FLOOR:
            floor[label].append(run_once([sys.executable, "-c", code])[1])
    top, heavy = imports(args.path)
    print(f"mds brief {args.path}: {machine_note()}\n")
    print("| runs | wall s (median) | min | CPU s user+sys (median) | min |")
    print("|---|---|---|---|---|")
    print(f"| {args.runs} | {statistics.median(walls):.2f} | {min(walls):.2f} | {statistics.median(cpus):.2f} "
          f"| {min(cpus):.2f} |")
    print("\nin one process, median s per piece (imports included where first needed):\n")
    print("| piece | wall s | CPU s |\n|---|---|---|")
    for name in piece_runs[0]:
        print(f"| {name} | {statistics.median(r[name][0] for r in piece_runs):.3f} "
              f"| {statistics.median(r[name][1] for r in piece_runs):.3f} |")
    print("\nthe floor: fresh processes doing only this (cumulative), CPU s user+sys (median):\n")
    print("| process | CPU s |\n|---|---|")
    for label, cpus_ in floor.items():
        print(f"| {label} | {statistics.median(cpus_):.2f} |")
    print(f"| the whole `mds brief` above | {statistics.median(cpus):.2f} |")
    print(f"\nheavy modules imported: {', '.join(heavy) if heavy else 'none'} (checked: {', '.join(HEAVY)})")
    print("slowest imports (cumulative, python -X importtime, microseconds):")
    for us, name in top:
        print(f"  {us:>9} {name.strip()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
