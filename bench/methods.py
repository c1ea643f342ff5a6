"""Methods benchmark: every extractive method of the toolkit next to sumy and summa, scored by the official
ROUGE-1.5.5 at the genre's setting, fitted methods cross-validated, with time per cluster and scaling.

    python bench/methods.py --json bench/results/methods.json              # everything (about 30 min)
    python bench/methods.py --datasets duc2007 --systems textrank ilp --scaling-sizes   # a quick look
    python bench/methods.py --backend rouge-score                          # without Perl

Datasets (../shared/datasets or $MDS_SHARED/datasets): duc2007 (all 30 duc2007_update sets, 100
words) and duc2006 (50 sets, 250 words). Scores: ROUGE-1/2 recall x 100 from ROUGE-1.5.5
(``-n 4 -m -f A -l <limit>``, i.e. Porter stemming, references pooled, summaries and references
cut at the limit), through ``summarizer.evaluation`` (the toolkit's Perl backend). 95% CIs are
percentile bootstraps over clusters; p-values are paired approximate randomization tests (10,000
shuffles) against ``--baseline`` (the best method before this benchmark: submodular), Holm-corrected
per dataset and metric.

Fitted methods (the learned sentence scorer behind ``supervised`` and ``dpp``) are scored by
k-fold cross-validation over clusters: for each fold of the dataset, a model is fitted on the other
folds plus the whole other dev set, written as JSON, and scores only the held-out fold's clusters;
no cluster is ever summarized by a model that saw its references. Hyper-parameters in the configs
were chosen the same way (see docs/benchmarks.md).

Time: mean seconds of ``summarize`` per cluster (sentence splitting done once beforehand, shared by
all systems). Scaling (``--scaling-sizes``, default 10k and 100k sentences): one synthetic cluster
per size (``bench/scaling.py``'s seeded Zipf text), a fresh copy per method, raw text in to
summary out (splitting included), 100 words.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from quality import PEERS, System, load, make_method, summaries_for  # noqa: E402

from benchdata import rouge_table  # noqa: E402
from experiments.files import write_atomic  # noqa: E402
from summarizer.budget import Budget  # noqa: E402
from summarizer.cluster import Cluster  # noqa: E402
from summarizer.pipeline import prepare  # noqa: E402

DATASETS = ("duc2007", "duc2006")
OTHER = {"duc2007": "duc2006", "duc2006": "duc2007"}
TOOLKIT: dict[str, tuple[str, tuple[str, ...]]] = {
    "lead": ("lead", ()),
    "random": ("random", ()),
    "textrank": ("textrank", ()),
    "lexrank": ("lexrank", ()),
    "centroid": ("centroid", ()),
    "submodular": ("submodular", ()),
    "ilp": ("ilp", ()),
    "supervised": ("supervised", ()),
    "dpp": ("dpp", ()),
    "oracle": ("oracle", ()),
}
FITTED = {"supervised", "dpp"}  # read a sentence-scorer model: cross-validated
UPPER_BOUND = {"oracle"}


def cv_summaries(system: System, dataset: str, clusters: list[Cluster], limit: int, folds: int,
                 rows: dict[str, tuple[np.ndarray, np.ndarray]], other_rows: list[tuple[np.ndarray, np.ndarray]],
                 folder: Path) -> dict[str, tuple[list[str], float]]:
    """Each fold summarized by a model fitted without it (other folds + the other dev set)."""
    from summarizer.sentence_model import fit_rows

    out: dict[str, tuple[list[str], float]] = {}
    budget = Budget(limit, "words")
    for f in range(folds):
        test = clusters[f::folds]
        train = [rows[c.id] for i, c in enumerate(clusters) if i % folds != f and c.id in rows] + other_rows
        model = fit_rows(np.vstack([x for x, _ in train]), np.concatenate([y for _, y in train]),
                         meta={"cv": f"{dataset} fold {f} of {folds}"})
        path = folder / f"{dataset}-fold{f}.json"
        path.write_text(model.to_json(), encoding="utf-8")
        method = make_method(system.config, [*system.overrides, f"model={path}"])
        for c in test:
            t = time.perf_counter()
            lines = method.summarize(c, budget).lines
            out[c.id] = (lines, time.perf_counter() - t)
    return out


def sentence_rows(clusters: list[Cluster]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    from summarizer.sentence_features import sentence_features, sentence_targets

    from summarizer.pipeline import prepare

    clusters = [prepare(c) for c in clusters]
    return {c.id: (sentence_features(c.space), sentence_targets(c.space, list(c.references)))
            for c in clusters if c.references and c.sentences}


def score(lines_by_id: dict[str, list[str]], clusters: list[Cluster], limit: int,
          backend: str) -> dict[str, np.ndarray]:
    """Per-cluster ROUGE-1/2 recall; ROUGE-1.5.5 with -n 4 -m -f A -l limit for the perl backend."""
    from summarizer.evaluation import RougeSettings, evaluate
    from summarizer.summary import Summary, SummarySentence

    budget = Budget(limit, "words")
    metrics = ("rouge1", "rouge2", "rouge3", "rouge4") if backend == "perl" else ("rouge1", "rouge2")
    settings = RougeSettings(metrics=metrics, stemming=True, multiref="average", truncate=budget, backend=backend)
    summaries = [Summary(c.id, tuple(SummarySentence(t) for t in lines_by_id[c.id]), "x", budget) for c in clusters]
    ev = evaluate(summaries, clusters, settings, diagnostics=False)
    by_id = {row["id"]: row["scores"] for row in ev.per_cluster}
    return {m: np.array([by_id[c.id][f"{m}_r"] for c in clusters]) for m in ("rouge1", "rouge2")}


def settings_line(backend: str, limits: Sequence[int]) -> str:
    from summarizer.evaluation import RougeSettings

    metrics = ("rouge1", "rouge2", "rouge3", "rouge4") if backend == "perl" else ("rouge1", "rouge2")
    return "; ".join(RougeSettings(metrics=metrics, truncate=Budget(n, "words"), backend=backend).describe()
                     for n in sorted(set(limits)))


def benchmark(datasets: Sequence[str], systems: Sequence[System], folds: int, backend: str, jobs: int,
              max_clusters: int | None, resamples: int, use_cache: bool,
              peers_on: Sequence[str] = DATASETS) -> list[dict[str, Any]]:
    from summarizer.evaluation.bootstrap import bootstrap_ci

    rows: list[dict[str, Any]] = []
    tmp = Path(tempfile.mkdtemp(prefix="mds-methods-"))
    for name in datasets:
        clusters, limit = load(name, max_clusters)
        clusters = [prepare(c) for c in clusters]  # the shared pipeline once, shared by every system
        fitted_rows = other_rows = None
        for system in systems:
            if system.config is None and name not in peers_on:
                continue
            t = time.perf_counter()
            if system.label in FITTED:
                if fitted_rows is None:
                    print(f"  {name}: sentence features for cross-validation", file=sys.stderr)
                    fitted_rows = sentence_rows(clusters)
                    others, _ = load(OTHER[name], max_clusters)
                    other_rows = list(sentence_rows(others).values())
                got = cv_summaries(system, name, clusters, limit, min(folds, len(clusters)), fitted_rows,
                                   other_rows, tmp)
            else:
                got = summaries_for(system, name, clusters, limit, jobs, use_cache)
            wall = time.perf_counter() - t
            scores = score({k: v[0] for k, v in got.items()}, clusters, limit, backend)
            row = {"dataset": name, "limit": limit, "n": len(clusters), "system": system.label,
                   "peer": system.config is None, "fitted": system.label in FITTED,
                   "time_s_per_cluster": float(np.mean([v[1] for v in got.values()])), "wall_s": wall}
            for m, v in scores.items():
                row[m] = bootstrap_ci(v, n_resamples=resamples)
            row["per_cluster"] = {"ids": [c.id for c in clusters], **{m: v.tolist() for m, v in scores.items()}}
            rows.append(row)
            print(f"  {name:8s} {system.label:16s} R1 {100 * row['rouge1']['mean']:.2f} "
                  f"R2 {100 * row['rouge2']['mean']:.2f}  ({row['time_s_per_cluster']:.3f} s/cluster)", file=sys.stderr)
    return rows


def significance(rows: list[dict[str, Any]], baseline: str) -> dict[tuple[str, str, str], float]:
    """Holm-corrected p of each system vs the baseline, per dataset and metric (upper bound excluded)."""
    from summarizer.evaluation.significance import holm, paired_test

    out: dict[tuple[str, str, str], float] = {}
    for name in dict.fromkeys(r["dataset"] for r in rows):
        sub = [r for r in rows if r["dataset"] == name]
        base = next((r for r in sub if r["system"] == baseline), None)
        if base is None:
            continue
        others = [r for r in sub if r is not base and r["system"] not in UPPER_BOUND]
        for m in ("rouge1", "rouge2"):
            raw = [paired_test(r["per_cluster"][m], base["per_cluster"][m], "randomization", 10000, 0) for r in others]
            for r, q in zip(others, holm(raw)):
                out[(name, r["system"], m)] = q
    return out


def table(rows: list[dict[str, Any]], baseline: str) -> str:
    return rouge_table(rows, lambda r: r["system"] + (" (peer)" if r["peer"] else "") + (" (CV)" if r["fitted"] else "")
                       + (" (upper bound)" if r["system"] in UPPER_BOUND else ""),
                       significance(rows, baseline), f"; p: vs {baseline}, Holm")


def scaling(labels: Sequence[str], sizes: Sequence[int], timeout: float) -> list[dict[str, Any]]:
    """Seconds from raw text to a 100-word summary on one synthetic cluster per size, each method in
    its own subprocess (a fresh split, features and imports already warm on a tiny cluster), cut off
    after ``timeout`` seconds (reported as None)."""
    import subprocess

    results = []
    for n in sizes:
        for label in labels:
            try:
                proc = subprocess.run([sys.executable, __file__, "--scaling-child", label, str(n)],
                                      capture_output=True, text=True, timeout=timeout)
                s = json.loads(proc.stdout.strip().splitlines()[-1])["s"] if proc.returncode == 0 else None
                if proc.returncode != 0:
                    print(proc.stderr[-1000:], file=sys.stderr)
            except subprocess.TimeoutExpired:
                s = None
            results.append({"system": label, "n": n, "s": s, "timeout_s": timeout})
            shown = f"{s:.2f} s" if s is not None else f"> {timeout:.0f} s (stopped)"
            print(f"  scaling {label:12s} {n:>7,} sentences: {shown}", file=sys.stderr)
    return results


def scaling_child(label: str, n: int) -> dict[str, Any]:
    from scaling import build_cluster

    row = build_cluster(n, "synthetic").to_dict()
    config, overrides = TOOLKIT[label]
    method = make_method(config, list(overrides))
    method.summarize(Cluster.from_dict({"id": "warm", "documents": [d["text"] for d in row["documents"][:2]]}),
                     Budget(100, "words"))
    cluster = Cluster.from_dict(row)
    t = time.perf_counter()
    method.summarize(cluster, Budget(100, "words"))
    return {"system": label, "n": n, "s": time.perf_counter() - t}


def scaling_table(results: list[dict[str, Any]]) -> str:
    sizes = sorted({r["n"] for r in results})
    labels = list(dict.fromkeys(r["system"] for r in results))
    out = ["", "| system | " + " | ".join(f"{n:,} sentences (s)" for n in sizes) + " |",
           "|---|" + "---|" * len(sizes)]
    for label in labels:
        by = {r["n"]: r for r in results if r["system"] == label}
        out.append(f"| {label} | " + " | ".join(f"{by[n]['s']:.2f}" if by[n]["s"] is not None
                                                else f"> {by[n]['timeout_s']:.0f} (stopped)" for n in sizes) + " |")
    return "\n".join(out)


def parse_systems(names: Sequence[str]) -> list[System]:
    systems = []
    for n in names:
        if n in TOOLKIT:
            systems.append(System(n, TOOLKIT[n][0], TOOLKIT[n][1]))
        elif n in PEERS:
            systems.append(System(n, None))
        else:
            sys.exit(f"methods.py: unknown system {n!r}; known: {', '.join([*TOOLKIT, *PEERS])}")
    return systems


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--datasets", nargs="*", default=list(DATASETS), choices=list(DATASETS),
                   help="none: the scaling table only")
    p.add_argument("--systems", nargs="+", default=[*TOOLKIT, *PEERS])
    p.add_argument("--baseline", default="submodular", help="system the p-values compare against")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds over clusters for fitted methods")
    p.add_argument("--backend", choices=("perl", "rouge-score"), default="perl")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (the machine is shared)")
    p.add_argument("--no-cache", action="store_true", help="recompute the peers' summaries")
    p.add_argument("--max-clusters", type=int, default=None, help="first N clusters of each set (quick checks)")
    p.add_argument("--resamples", type=int, default=1000)
    p.add_argument("--peers-on", nargs="*", default=list(DATASETS), choices=list(DATASETS),
                   help="datasets the peers run on (sumy's LexRank takes ~40 s per duc2006 cluster)")
    p.add_argument("--scaling-sizes", nargs="*", type=int, default=[10_000, 100_000])
    p.add_argument("--scaling-timeout", type=float, default=300.0, help="seconds per method and size")
    p.add_argument("--json", type=Path, default=None, help="also write the rows as JSON here")
    p.add_argument("--scaling-child", nargs=2, default=None, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.scaling_child:
        print(json.dumps(scaling_child(args.scaling_child[0], int(args.scaling_child[1]))))
        return 0
    systems = parse_systems(args.systems)
    if any(s.config is None for s in systems):
        import importlib.util

        if not (importlib.util.find_spec("sumy") and importlib.util.find_spec("summa")):
            sys.exit("methods.py: the peers need sumy and summa: pip install sumy summa")
    if args.backend == "perl":
        from summarizer.evaluation.perl import Rouge155Error, rouge155_home

        try:
            rouge155_home()
        except Rouge155Error as exc:
            sys.exit(f"methods.py: {exc} (or use --backend rouge-score)")
    t = time.perf_counter()
    rows = benchmark(args.datasets, systems, args.folds, args.backend, max(1, args.jobs), args.max_clusters,
                     args.resamples, not args.no_cache, args.peers_on)
    limits = [r["limit"] for r in rows]
    if rows:
        print(f"ROUGE-1/2 recall x 100. Scorer: {settings_line(args.backend, limits)}. 95% percentile bootstrap CI "
              f"over clusters ({args.resamples} resamples); (CV): {args.folds}-fold cross-validated over clusters; "
              f"total {time.perf_counter() - t:.0f} s")
        print(table(rows, args.baseline))
    scale = []
    if args.scaling_sizes:
        labels = [s.label for s in systems if s.config is not None and s.label not in UPPER_BOUND]
        scale = scaling(labels, args.scaling_sizes, args.scaling_timeout)
        print("\nScaling: seconds from raw text to a 100-word summary, one synthetic cluster per size")
        print(scaling_table(scale))
    if args.json:
        write_atomic(args.json, json.dumps({"rows": rows, "scaling": scale}, indent=1), make_parents=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
