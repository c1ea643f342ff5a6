"""Scaling: TextRank on one cluster of 1k, 10k and 100k sentences, time and peak memory per size.

    pip install -e '.[bench]' && python bench/scaling.py                 # 1k, 10k, 100k sentences
    python bench/scaling.py --sizes 1000 3000 10000 30000 100000 --repeats 3
    python bench/scaling.py --source synthetic                           # no ../shared needed

A cluster of n sentences is built from whole articles of the ../shared dev sets (duc2006 then
duc2007_update, about 41k distinct sentences; beyond that the articles repeat, which is what a
large cluster of near-duplicate wire stories looks like), or from seeded Zipf-distributed
generated text with ``--source synthetic``. Each size runs in a fresh subprocess (so peak RSS,
``ru_maxrss``, is that size's own, imports and data included), text in to summary out with the
time split into phases; the reported time is the median over ``--repeats`` subprocesses. The
log-log slope of time against n is fitted over all sizes (1.0 = linear).
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
from typing import Any, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from experiments.files import write_atomic  # noqa: E402
from benchdata import machine_note, read_rows  # noqa: E402

DATASETS = ("duc2006", "duc2007_update")
WORDS = 250


def shared_documents() -> list[str]:
    return [d for name in DATASETS for row in read_rows(name) for d in row["documents"]]


def synthetic_documents(n_docs: int, seed: int = 0, vocabulary: int = 50_000) -> list[str]:
    """Seeded news-like noise: Zipf word frequencies, 5-40 words a sentence, 30 sentences a document."""
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    words = ["".join(rng.choice(letters, size=rng.integers(3, 10))) for _ in range(vocabulary)]
    p = 1.0 / np.arange(1, vocabulary + 1) ** 1.07
    p /= p.sum()
    docs = []
    for _ in range(n_docs):
        sents = []
        for _ in range(30):
            ids = rng.choice(vocabulary, size=int(rng.integers(5, 41)), p=p)
            sents.append(" ".join(words[i] for i in ids).capitalize() + ".")
        docs.append(" ".join(sents))
    return docs


def build_cluster(n: int, source: str):
    """A cluster of at least n sentences made of whole documents (cut to exactly n sentences)."""
    from summarizer.cluster import Cluster, Document
    from summarizer.sentences import split_sentences

    pool = shared_documents() if source == "shared" else synthetic_documents(max(1, n // 30 + 1))
    docs, count, i = [], 0, 0
    while count < n:
        text = pool[i % len(pool)]
        sents = split_sentences(text)
        if count + len(sents) > n:  # cut the last article at a sentence boundary
            text = "\n".join(sents[: n - count])
            sents = sents[: n - count]
        docs.append(Document(id=f"d{i}", text=text))
        count += len(sents)
        i += 1
    return Cluster(id=f"scale-{n}", documents=tuple(docs))


def child(n: int, source: str) -> dict[str, Any]:
    """One measurement in this (fresh) process: the raw cluster in, a summary out."""
    from speed import toolkit_phases, make_textrank

    from summarizer.budget import Budget
    from summarizer.cluster import Cluster

    cluster = build_cluster(n, source)
    row = cluster.to_dict()
    method = make_textrank(["top_k=auto"])
    budget = Budget(WORDS, "words")
    # Warm imports (sklearn, Punkt) on a tiny cluster so the phases time the work, not the imports.
    method.summarize(Cluster.from_dict({"id": "w", "documents": [d["text"] for d in row["documents"][:1]]}), budget)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t, c = time.perf_counter(), time.process_time()
    lines, phases, edges = toolkit_phases(method, row, budget)
    total, cpu = time.perf_counter() - t, time.process_time() - c
    return {"n": n, "total_s": total, "cpu_s": cpu, "phases": phases, "summary_words": sum(len(x.split()) for x in lines),
            "edges": edges, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rss_before_mb": rss_before / 1024}


def measure(n: int, source: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", str(n), "--source", source],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"scaling.py: size {n} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def slope(ns: Sequence[float], ts: Sequence[float]) -> float:
    """Least-squares slope of log(time) against log(n)."""
    return float(np.polyfit(np.log(ns), np.log(ts), 1)[0]) if len(ns) > 1 else float("nan")


def table(results: list[dict[str, Any]], source: str) -> str:
    phases = list(results[0]["phases"])
    out = [f"TextRank (top_k=auto), {WORDS} words, one cluster per size from {source} text; "
           f"{machine_note()} at the end", "",
           "| sentences | graph edges / sentence | wall s | CPU s | " + " | ".join(f"{p} (CPU)" for p in phases)
           + " | peak RSS MB | runs |",
           "|---|---|---|---|" + "---|" * len(phases) + "---|---|"]
    for r in results:
        graph = f"{r['edges'] / r['n']:.0f}"
        out.append(f"| {r['n']:,} | {graph} | {r['total_s']:.2f} | {r['cpu_s']:.2f} | "
                   + " | ".join(f"{r['phases'][p]:.2f}" for p in phases)
                   + f" | {r['peak_rss_mb']:.0f} | {r['runs']} |")
    ns = [r["n"] for r in results]
    for label, key in (("wall", "total_s"), ("CPU", "cpu_s")):
        ts = [r[key] for r in results]
        out.append(f"\nlog-log slope of {label} time against sentences: {slope(ns, ts):.2f} over all sizes")
        if len(ns) > 2:
            out[-1] += f", {slope(ns[-2:], ts[-2:]):.2f} between the two largest"
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", nargs="+", type=int, default=[1000, 10_000, 100_000])
    p.add_argument("--repeats", type=int, default=3, help="subprocesses per size (median kept)")
    p.add_argument("--source", choices=("shared", "synthetic"), default="shared")
    p.add_argument("--json", type=Path, default=None)
    p.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child is not None:
        print(json.dumps(child(args.child, args.source)))
        return 0
    results = []
    for n in sorted(args.sizes):
        runs = [measure(n, args.source) for _ in range(max(1, args.repeats))]
        best = sorted(runs, key=lambda r: r["cpu_s"])[len(runs) // 2]  # the median run, phases included
        best = {**best, "runs": len(runs), "total_s": statistics.median(r["total_s"] for r in runs), "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
                "all_total_s": [r["total_s"] for r in runs]}
        results.append(best)
        print(f"  {n:,} sentences: {statistics.median(best['all_total_s']):.2f} s wall, {best['cpu_s']:.2f} s CPU, "
              f"peak {best['peak_rss_mb']:.0f} MB", file=sys.stderr)
    print(table(results, args.source))
    if args.json:
        write_atomic(args.json, json.dumps(results), make_parents=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
