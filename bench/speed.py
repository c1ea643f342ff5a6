"""Per-cluster speed on DUC 2006, text in to summary out: the toolkit's TextRank next to sumy and summa.

    pip install -e '.[bench]' && python bench/speed.py            # 50 clusters of duc2006, 250 words
    python bench/speed.py --max-clusters 10 --repeats 5            # a quicker look

Every system gets the raw article texts of a cluster and returns a summary; the clock covers
everything in between (the toolkit's Punkt splitting, TF-IDF, graph, PageRank and selection; the
peers' own parsing, splitting and ranking). Systems are interleaved cluster by cluster so a change
of load on the shared machine hits them alike; each is warmed up on one cluster first so import
time is not counted (see docs/speed.md for the cold-start numbers). The toolkit is timed
``--repeats`` times per cluster (median kept); the peers, ~100x slower, once. Every summary is cut at
the word limit and scored with ROUGE-1/2 recall (rouge-score, stemmed, averaged over references).
A second table splits the toolkit's time into its phases.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from experiments.files import write_atomic  # noqa: E402
from benchdata import machine_note, read_rows  # noqa: E402
from peers import PEERS, peer_summary  # noqa: E402

from summarizer.base import build_summary  # noqa: E402
from summarizer.budget import Budget  # noqa: E402
from summarizer.cluster import Cluster  # noqa: E402
from summarizer.features import SentenceSpace  # noqa: E402
from summarizer.pipeline import prepare  # noqa: E402
from summarizer.summary import Summary, SummarySentence  # noqa: E402

LIMITS = {"duc2006": 250, "duc2007_update": 100}
TOOLKIT = {"textrank": [], "textrank-knn20": ["top_k=20"]}
PHASES = ("split", "vectors", "graph", "rank", "select")


def make_textrank(overrides: Sequence[str]):
    """The toolkit's TextRank exactly as ``conf/method/textrank.yaml`` builds it."""
    from hydra.utils import instantiate
    from omegaconf import OmegaConf

    cfg = OmegaConf.load(ROOT / "conf" / "method" / "textrank.yaml")
    cfg = OmegaConf.merge(cfg, OmegaConf.from_dotlist(list(overrides)))
    return instantiate(cfg, _convert_="all")


def clock() -> tuple[float, float]:
    """(wall, CPU) seconds: on a loaded machine the process CPU time is the better estimate of
    what the wall time would be on an idle one (all systems here run on one core)."""
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    now = clock()
    return now[0] - start[0], now[1] - start[1]


def toolkit_lines(method, row: dict[str, Any], budget: Budget) -> tuple[list[str], tuple[float, float]]:
    t = clock()
    summary = method.summarize(Cluster.from_dict(row), budget)
    return summary.lines, since(t)


def toolkit_phases(method, row: dict[str, Any], budget: Budget) -> tuple[list[str], dict[str, float], int]:
    """The same pipeline as ``ExtractiveSummarizer.summarize``, with a (CPU) clock between the phases;
    also returns the number of edges of the sentence graph."""
    t0 = time.process_time()
    cluster = prepare(Cluster.from_dict(row))
    sentences = cluster.sentences
    t1 = time.process_time()
    space = cluster.space
    space.tfidf
    t2 = time.process_time()
    graph_cpu, edges = [], []
    build_graph = method.graph

    def timed_graph(space: SentenceSpace):
        t = time.process_time()
        graph = build_graph(space)
        graph_cpu.append(time.process_time() - t)
        edges.append(graph.nnz)
        return graph

    method.graph = timed_graph  # an instance attribute: score() calls it; removed below
    try:
        scores = np.asarray(method.score(space), dtype=np.float64)  # graph, then PageRank
    finally:
        del method.graph
    t4 = time.process_time()
    t3 = t2 + sum(graph_cpu)
    sel = method.selector
    vectors = space.tfidf if sel.redundancy < 1.0 or sel.mmr is not None else None
    chosen = sel.select(sentences, scores, budget, vectors)
    ordered = sel.arrange(chosen, sentences, cluster, scores)
    summary = build_summary(cluster, ordered, scores, budget, method.name, sel.overflow == "cut")
    t5 = time.process_time()
    return summary.lines, dict(zip(PHASES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4))), sum(edges)


def rouge_recall(lines: dict[str, list[str]], rows: list[dict[str, Any]], limit: int) -> dict[str, np.ndarray]:
    """Per-cluster ROUGE-1/2 recall through the toolkit's evaluation (rouge-score backend)."""
    from summarizer.evaluation import RougeSettings, evaluate

    budget = Budget(limit, "words")
    clusters = [Cluster.from_dict(r) for r in rows]
    summaries = [Summary(c.id, tuple(SummarySentence(t) for t in lines[c.id]), "bench", budget) for c in clusters]
    settings = RougeSettings(metrics=("rouge1", "rouge2"), stemming=True, multiref="average", truncate=budget)
    ev = evaluate(summaries, clusters, settings, diagnostics=False)
    scores = {r["id"]: r["scores"] for r in ev.per_cluster}
    return {m: np.array([scores[c.id][f"{m}_r"] for c in clusters]) for m in ("rouge1", "rouge2")}


def run(dataset: str, systems: Sequence[str], max_clusters: int | None, repeats: int) -> dict[str, Any]:
    limit = LIMITS[dataset]
    budget = Budget(limit, "words")
    rows = list(read_rows(dataset))[:max_clusters]
    methods = {s: make_textrank(TOOLKIT[s]) for s in systems if s in TOOLKIT}
    # Warm-up: imports, Punkt model, sklearn, sumy's stemmer... not counted.
    for s in systems:
        if s in methods:
            toolkit_lines(methods[s], rows[0], budget)
        else:
            peer_summary(s, rows[0]["documents"][:2], limit)
    times: dict[str, list[float]] = {s: [] for s in systems}
    cpu: dict[str, list[float]] = {s: [] for s in systems}
    lines: dict[str, dict[str, list[str]]] = {s: {} for s in systems}
    phases: list[dict[str, float]] = []
    n_sentences = []
    for k, row in enumerate(rows):
        n_sentences.append(len(prepare(Cluster.from_dict(row)).sentences))
        for s in systems:
            if s in methods:
                runs = [toolkit_lines(methods[s], row, budget) for _ in range(repeats)]
                lines[s][row["id"]] = runs[0][0]
                times[s].append(statistics.median(t[0] for _, t in runs))
                cpu[s].append(statistics.median(t[1] for _, t in runs))
            else:
                t = clock()
                lines[s][row["id"]] = budget.cut(peer_summary(s, row["documents"], limit))
                wall, used = since(t)
                times[s].append(wall)
                cpu[s].append(used)
        if "textrank" in methods:
            split = [toolkit_phases(methods["textrank"], row, budget) for _ in range(repeats)]
            if split[0][0] != lines["textrank"][row["id"]]:
                raise RuntimeError(f"{row['id']}: phase-timed pipeline differs from TextRank.summarize")
            phases.append({p: statistics.median(d[p] for _, d, _ in split) for p in PHASES})
        print(f"  {k + 1}/{len(rows)} {row['id']}: " + " ".join(f"{s} {times[s][-1]:.3f}s" for s in systems),
              file=sys.stderr)
    scores = {s: rouge_recall(lines[s], rows, limit) for s in systems}
    return {"dataset": dataset, "limit": limit, "n_clusters": len(rows), "repeats": repeats,
            "sentences_mean": float(np.mean(n_sentences)), "machine": machine_note(),
            "systems": {s: {"time_s": times[s], "cpu_s": cpu[s], "rouge1_r": scores[s]["rouge1"].tolist(),
                            "rouge2_r": scores[s]["rouge2"].tolist()} for s in systems},
            "phases": phases}


def tables(result: dict[str, Any]) -> str:
    systems = result["systems"]
    ref = systems.get("sumy-textrank")
    out = [f"{result['dataset']}: {result['n_clusters']} clusters, {result['sentences_mean']:.0f} sentences "
           f"on average, {result['limit']} words; {result['machine']} at the end",
           "",
           "| system | wall s / cluster (mean) | CPU s / cluster (mean) | speed-up vs sumy TextRank (wall, CPU) "
           "| ROUGE-1 R | ROUGE-2 R |",
           "|---|---|---|---|---|---|"]
    for name, s in systems.items():
        wall, used = float(np.mean(s["time_s"])), float(np.mean(s["cpu_s"]))
        speed = (f"{np.mean(ref['time_s']) / wall:.1f}x, {np.mean(ref['cpu_s']) / used:.1f}x" if ref else "n/a")
        peer = " (peer)" if name in PEERS else ""
        out.append(f"| {name}{peer} | {wall:.3f} | {used:.3f} | {speed} "
                   f"| {100 * np.mean(s['rouge1_r']):.2f} | {100 * np.mean(s['rouge2_r']):.2f} |")
    if result["phases"]:
        med = {p: statistics.median(d[p] for d in result["phases"]) for p in PHASES}
        total = sum(med.values())
        out += ["", "toolkit TextRank, median CPU ms per cluster by phase "
                f"(median of {result['repeats']} runs per cluster):", "",
                "| " + " | ".join(PHASES) + " | total |", "|" + "---|" * (len(PHASES) + 1),
                "| " + " | ".join(f"{1000 * med[p]:.1f} ({100 * med[p] / total:.0f}%)" for p in PHASES)
                + f" | {1000 * total:.1f} |"]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dataset", default="duc2006", choices=list(LIMITS))
    p.add_argument("--systems", nargs="+", default=[*TOOLKIT, *PEERS], choices=[*TOOLKIT, *PEERS])
    p.add_argument("--max-clusters", type=int, default=None)
    p.add_argument("--repeats", type=int, default=3, help="runs per cluster for the toolkit (median kept)")
    p.add_argument("--json", type=Path, default=None, help="also write per-cluster times and scores here")
    args = p.parse_args(argv)
    result = run(args.dataset, args.systems, args.max_clusters, max(1, args.repeats))
    print(tables(result))
    if args.json:
        write_atomic(args.json, json.dumps(result), make_parents=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
