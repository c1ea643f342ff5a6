"""Speed at every size in one run: per cluster against sumy, summa and a numpy TextRank; whole-process
``mds brief`` at 100k and 300k sentences; the lexical and embedding graphs at scale; the share of ROUGE
scoring in an experiment loop; the cold start. Prints the table of docs/speed.md.

    pip install -e '.[bench]' && python bench/speed.py     # the full table (about 15 min on 2 cores)
    python bench/speed.py --quick                           # a seconds-long smoke run, small sizes
    python bench/speed.py --max-clusters 10 --sizes 30000 100000
    python bench/speed.py --only per-cluster scale --peers sumy-textrank --lexical-size 0   # some rows only

What each row times (CPU = user + sys of the process, the better estimate on a shared machine):

- *per cluster* (in one process, systems interleaved cluster by cluster, each warmed up once so
  imports are not counted): the raw article texts of a duc2006 cluster in, a summary out. The
  toolkit's TextRank is ``TextRank.summarize`` from ``conf/method/textrank.yaml`` (Punkt split,
  the one text pass, graph, PageRank, selection); the *mds brief pipeline* is what ``mds brief``
  does after composing its config (cleaning, the same summarize with the briefing selector, WordLlama
  embeddings, citations as conf/brief.yaml sets them, Markdown render), with ``budget.limit=250`` so
  it is comparable; peers run as their users run them (``bench/peers.py``).
  The speed-up is the median over clusters of (sumy CPU / system CPU) for the same cluster. Every
  summary is cut at 250 words and scored with ROUGE-1/2 recall (rouge-score, stemmed).
- *whole process* rows run a fresh ``python -m experiments.cli brief DIR`` (what ``mds brief``
  runs) in a wrapper process that reports its wall time, CPU time and peak RSS: interpreter
  start, imports, Hydra, reading, cleaning, summarizing, citations, rendering, writing. Large
  clusters are folders of .txt articles from the ../shared dev sets (repeated past their 41k
  sentences, as scaling.py does), cut to n sentences.
- *embedding graph* times only ``summarizer.embeddings.embedding_graph`` (top_k=auto) on random
  384-dimensional unit vectors, in a fresh process: no sentence-transformers model is needed.
- *experiment loop*: the methods of an extractive sweep summarize the per-cluster rows, then the
  run's evaluation (``conf/eval/rouge.yaml``: ROUGE-1/2/L/Lsum, ``--loop-jobs`` worker processes,
  a ``rouge_cache`` file) scores them, all in this process after a warm-up; the share is scoring
  CPU / (summarizing + scoring) CPU, the CPU of scoring's worker processes included, and the same
  for wall time. Then the loop runs again with fresh in-memory caches but the first pass's
  ``rouge_cache`` file: what a repeated or resumed sweep pays. ``--only loop`` runs just these rows.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from benchdata import machine_note, read_rows, shared_dir  # noqa: E402
from experiments.files import write_atomic  # noqa: E402
from peers import peer_summary  # noqa: E402

from summarizer.base import build_summary  # noqa: E402
from summarizer.budget import Budget  # noqa: E402
from summarizer.cluster import Cluster  # noqa: E402
from summarizer.features import SentenceSpace  # noqa: E402
from summarizer.pipeline import prepare  # noqa: E402
from summarizer.summary import Summary, SummarySentence  # noqa: E402

WORDS = 250
PEER_ROWS = ("sumy-textrank", "summa-textrank", "numpy-textrank")
LOOP_METHODS = ("lead", "textrank", "lexrank", "centroid", "submodular")
SECTIONS = ("per-cluster", "loop", "cold", "embedding", "scale")
WRAPPER = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": p.returncode, "wall": wall, "cpu": r.ru_utime + r.ru_stime, "rss_mb": r.ru_maxrss / 1024,
                  "stderr": p.stderr[-1500:], "stdout": p.stdout[-1500:]}))
"""
EMBED = r"""
import json, sys, time
import numpy as np
from summarizer.embeddings import embedding_graph
n = int(sys.argv[1])
v = np.random.default_rng(0).normal(size=(n, 384)).astype(np.float32)
v /= np.linalg.norm(v, axis=1, keepdims=True)
t, c = time.perf_counter(), time.process_time()
g = embedding_graph(v, top_k="auto")
print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c, "edges": int(g.nnz)}))
"""


# Shared with scaling.py (phase timings) and sparsify.py (ROUGE of one TextRank configuration).
PHASES = ("split", "vectors", "graph", "rank", "select")


def make_textrank(overrides: Sequence[str]):
    """The toolkit's TextRank exactly as ``mds run method=textrank`` builds it (``overrides``: its fields)."""
    from experiments.configs import method_from_config

    return method_from_config("textrank", *(f"method.{o}" for o in overrides))


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
    cluster = prepare(Cluster.from_dict(row))  # the shared pipeline: cut, clean, dedupe, split
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


def cpu_of(fn: Callable[[], Any]) -> tuple[Any, float]:
    t = time.process_time()
    out = fn()
    return out, time.process_time() - t


def brief_pipeline(overrides: Sequence[str] = ()) -> Callable[[Cluster], str]:
    """What ``mds brief`` does once its config is composed: prepare, summarize, cite, render."""
    from experiments import brief

    from summarizer.briefing import build_briefing

    overrides = [f"budget.limit={WORDS}", *overrides]
    cfg = brief.compose_config(None, overrides)
    method = brief.build_method(cfg)
    pipeline = brief.build_pipeline(cfg)
    budget = Budget(int(cfg.budget.limit), str(cfg.budget.unit))
    render = brief.renderer("md")
    settings = brief.briefing_settings(cfg)  # conf/brief.yaml's citations: hybrid (TF-IDF or WordLlama)

    def run(cluster: Cluster) -> str:
        cluster = prepare(cluster, pipeline)
        return render(build_briefing(method.summarize(cluster, budget), cluster, **settings))

    return run


def textrank():
    from experiments.configs import method_from_config

    return method_from_config("textrank")


def per_cluster(rows: list[dict[str, Any]], repeats: int, peers: Sequence[str]) -> dict[str, Any]:
    budget = Budget(WORDS, "words")
    method, pipeline = textrank(), brief_pipeline()
    systems: dict[str, Callable[[dict[str, Any]], list[str] | str]] = {
        "textrank": lambda row: method.summarize(Cluster.from_dict(row), budget).lines,
        "mds brief pipeline": lambda row: pipeline(Cluster.from_dict(row)),
    }
    for peer in peers:
        systems[peer] = lambda row, peer=peer: budget.cut(peer_summary(peer, row["documents"], WORDS))
    for fn in systems.values():  # warm-up: imports, Punkt model, stemmers; not counted
        fn({"id": "warm", "documents": rows[0]["documents"][:2]})
    cpu: dict[str, list[float]] = {s: [] for s in systems}
    lines: dict[str, dict[str, list[str]]] = {s: {} for s in systems}
    for k, row in enumerate(rows):
        for name, fn in systems.items():
            runs = [cpu_of(lambda: fn(row)) for _ in range(repeats if name in ("textrank", "mds brief pipeline") else 1)]
            cpu[name].append(statistics.median(c for _, c in runs))
            if isinstance(runs[0][0], list):
                lines[name][row["id"]] = runs[0][0]
        print(f"  cluster {k + 1}/{len(rows)} {row['id']}: " + ", ".join(f"{s} {cpu[s][-1]:.3f}s" for s in systems),
              file=sys.stderr)
    rouge = rouge_table({s: v for s, v in lines.items() if v}, rows)
    return {"cpu_s": cpu, "rouge": rouge, "n_sentences": [len(prepare(Cluster.from_dict(r)).sentences) for r in rows]}


def rouge_table(lines: dict[str, dict[str, list[str]]], rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    from summarizer.evaluation import RougeSettings, evaluate

    budget = Budget(WORDS, "words")
    clusters = [Cluster.from_dict(r) for r in rows]
    settings = RougeSettings(metrics=("rouge1", "rouge2"), stemming=True, multiref="average", truncate=budget)
    out = {}
    for system, by_id in lines.items():
        summaries = [Summary(c.id, tuple(SummarySentence(t) for t in by_id[c.id]), system, budget) for c in clusters]
        ev = evaluate(summaries, clusters, settings, diagnostics=False)
        out[system] = {m: 100 * float(np.mean(ev.column(f"{m}_r"))) for m in ("rouge1", "rouge2")}
    return out


def whole_process(argv: Sequence[str]) -> dict[str, Any]:
    """One fresh process, timed (wall, CPU, peak RSS) by a wrapper process of its own."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    out = subprocess.run([sys.executable, "-c", WRAPPER, *argv], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        sys.exit(f"speed.py: {' '.join(argv)} failed ({result['rc']}): {result['stderr']}")
    return result


def write_cluster(n: int, folder: Path, source: str) -> int:
    """A folder of .txt articles holding n sentences (scaling.py's cluster); returns n."""
    from scaling import build_cluster

    for doc in build_cluster(n, source).documents:
        (folder / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
    return n


def brief_cmd(path: Path | str, *overrides: str) -> list[str]:
    return [sys.executable, "-m", "experiments.cli", "brief", str(path), *overrides]


def scale_rows(sizes: Sequence[int], lexical_size: int, source: str) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="mds-speed-") as tmp:
        for n in sorted({*sizes, lexical_size} - {0}):
            folder = Path(tmp) / f"n{n}"
            folder.mkdir()
            write_cluster(n, folder, source)
            if n in sizes:
                rows[f"brief {n}"] = {"n": n, **whole_process(brief_cmd(folder))}
                print(f"  mds brief at {n:,} sentences: {rows[f'brief {n}']['cpu']:.1f} s CPU", file=sys.stderr)
            if n == lexical_size:
                for sim in ("overlap", "bm25"):
                    rows[f"{sim} {n}"] = {"n": n, **whole_process(brief_cmd(folder, f"method.similarity={sim}"))}
                    print(f"  mds brief similarity={sim} at {n:,}: {rows[f'{sim} {n}']['cpu']:.1f} s CPU",
                          file=sys.stderr)
    return rows


def embedding_row(n: int) -> dict[str, Any]:
    """The embedding graph alone, in a fresh process (peak RSS: that process, imports included)."""
    run = whole_process([sys.executable, "-c", EMBED, str(n)])
    return {"n": n, **json.loads(run["stdout"].strip().splitlines()[-1]), "rss_mb": run["rss_mb"]}


def cpu_wall_of(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, CPU s of this process *and its worker processes*, wall s) of ``fn()``.

    Scoring with n_jobs > 1 runs in joblib's worker processes, whose CPU this process's clock
    never sees: they are counted from psutil (live workers) and RUSAGE_CHILDREN (exited ones)."""
    before = _children_cpu()
    t, w = time.process_time(), time.perf_counter()
    out = fn()
    cpu, wall = time.process_time() - t, time.perf_counter() - w
    return out, cpu + max(0.0, _children_cpu() - before), wall


def _children_cpu() -> float:
    import resource

    import psutil

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = used.ru_utime + used.ru_stime
    for child in psutil.Process().children(recursive=True):
        try:
            t = child.cpu_times()
            total += t.user + t.system
        except psutil.Error:  # exited between the listing and the read
            pass
    return total


def _fresh_process_state() -> None:
    """Forget what earlier scoring left in memory (as a new process of a sweep would), imports kept."""
    from summarizer.evaluation import diagnostics, rouge

    for memo in (rouge._score_pair, rouge._scorer, rouge._cached_tokenizer, diagnostics._grams_of):
        memo.cache_clear()


def experiment_loop(rows: list[dict[str, Any]], n_jobs: int, methods: Sequence[str]) -> dict[str, Any]:
    """Summarize every cluster with each method, then the run's evaluation, twice: the first pass
    with empty caches (what a new sweep pays), the second a new process's memory but the first's
    ``rouge_cache`` file (what a repeated or resumed sweep pays: summaries recomputed, the
    rouge-score results read back). Imports are warmed up first and not counted."""
    from omegaconf import OmegaConf

    from experiments.configs import method_from_config

    from summarizer.evaluation import RougeSettings, evaluate

    budget = Budget(WORDS, "words")
    settings = RougeSettings(**{k: v for k, v in OmegaConf.to_container(
        OmegaConf.load(ROOT / "conf" / "eval" / "rouge.yaml")).items() if k not in ("_target_", "truncate")},
        truncate=budget)
    clusters = [Cluster.from_dict(r) for r in rows]
    warm = method_from_config(methods[0])
    evaluate([warm.summarize(clusters[0], budget)], clusters[:1], settings)  # imports, not counted
    out: dict[str, Any] = {"n_jobs": n_jobs, "metrics": list(settings.metrics), "methods": list(methods),
                           "clusters": len(rows)}
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "rouge.sqlite"
        for label in ("cold", "cached"):
            _fresh_process_state()
            t = {"summarize_s": 0.0, "summarize_wall_s": 0.0, "score_s": 0.0, "score_wall_s": 0.0}
            all_summaries: list[list[Summary]] = []
            for name in methods:
                method = method_from_config(name)
                summaries, cpu, wall = cpu_wall_of(lambda: [method.summarize(c, budget) for c in clusters])
                t["summarize_s"] += cpu
                t["summarize_wall_s"] += wall
                all_summaries.append(summaries)
                _, cpu, wall = cpu_wall_of(lambda: evaluate(summaries, clusters, settings, n_jobs=n_jobs, cache=cache))
                t["score_s"] += cpu
                t["score_wall_s"] += wall
                print(f"  loop ({label}) {name}: summarize + score so far {t['summarize_s']:.1f} + "
                      f"{t['score_s']:.1f} s CPU", file=sys.stderr)
            if label == "cold":
                t["plain_rouge_score_s"] = plain_rouge_score(all_summaries, clusters, settings)
            t["share"] = t["score_s"] / (t["summarize_s"] + t["score_s"])
            t["wall_share"] = t["score_wall_s"] / (t["summarize_wall_s"] + t["score_wall_s"])
            out[label] = t
    return {**out, **out["cold"]}  # the cold pass's numbers at the top level, as before


def cold_start(runs: int) -> dict[str, Any]:
    seeds = shared_dir() / "seeds"
    whole_process(brief_cmd(seeds))  # may compile .pyc files: not counted
    results = [whole_process(brief_cmd(seeds)) for _ in range(runs)]
    probe = ("import sys, runpy; sys.argv = ['mds', 'brief', sys.argv[1]]\n"
             "try:\n    runpy.run_module('experiments.cli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'torch', 'pandas', 'nltk'})),"
             " file=sys.stderr)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    heavy = subprocess.run([sys.executable, "-c", probe, str(seeds)], cwd=ROOT, env=env, capture_output=True,
                           text=True).stderr.strip().splitlines()
    return {"wall": statistics.median(r["wall"] for r in results), "cpu": statistics.median(r["cpu"] for r in results),
            "runs": runs, "heavy": heavy[-1] if heavy else ""}


def slope(ns: Sequence[float], ts: Sequence[float]) -> float:
    return float(np.polyfit(np.log(ns), np.log(ts), 1)[0]) if len(ns) > 1 else float("nan")


SOURCE_LABELS = {
    "shared": "dev articles, repeated past their ~41k distinct sentences (dedupe drops the copies)",
    "synthetic": "distinct generated sentences (bench/scaling.py)",
}


def scale_table_rows(scale: dict[str, Any], text: str) -> list[str]:
    """The whole-process rows of one kind of large cluster: each size, the slope, the lexical graphs."""
    sizes = sorted(v["n"] for k, v in scale.items() if k.startswith("brief "))
    big = {n: scale[f"brief {n}"] for n in sizes}
    out = []
    for n in sizes:
        target = {100_000: "< 15 s, < 1 GB", 300_000: "< 45 s"}.get(n, "")
        out.append(f"| `mds brief` on {n:,} sentences, whole process; {text} | {big[n]['wall']:.1f} s wall, "
                   f"{big[n]['cpu']:.1f} s CPU, {big[n]['rss_mb']:.0f} MB peak | {target} |")
    if len(sizes) > 1:
        out.append(f"| log-log slope of whole-process CPU time, {sizes[0]:,} to {sizes[-1]:,} sentences; {text} "
                   f"| {slope(sizes, [big[n]['cpu'] for n in sizes]):.2f} | <= 1.05 |")
    for sim, v in ((k.split()[0], v) for k, v in scale.items() if not k.startswith("brief ")):
        out.append(f"| `mds brief method.similarity={sim}` on {v['n']:,} sentences, whole process; {text} "
                   f"| {v['wall']:.1f} s wall, {v['cpu']:.1f} s CPU, {v['rss_mb']:.0f} MB peak | < 60 s, < 2 GB |")
    return out


def report(r: dict[str, Any]) -> str:
    """The table of the rows measured (``--only`` may have left some out)."""
    pc = r.get("per_cluster")
    cpu = pc["cpu_s"] if pc else {}
    ref = np.array(cpu.get("sumy-textrank", []))

    def ratio(name: str) -> float:
        return float(np.median(ref / np.array(cpu[name])))

    def med_ms(name: str) -> str:
        return f"{1000 * statistics.median(cpu[name]):.0f} ms"

    clusters = f"{len(ref)} duc2006 clusters ({statistics.mean(pc['n_sentences']):.0f} sentences on average), " if pc else ""
    out = [f"python bench/speed.py {' '.join(r['argv'])}".rstrip(), f"{machine_note()} at the end; "
           f"{clusters}{WORDS} words", "",
           "| what (how it is timed) | measured | target |", "|---|---|---|"]
    if pc:
        out += [f"| default TextRank vs sumy TextRank, CPU per cluster, in process (median of per-cluster ratios) "
                f"| {ratio('textrank'):.0f}x ({med_ms('textrank')} vs {med_ms('sumy-textrank')}) | >= 60x |",
                f"| `mds brief` pipeline after config (clean, summarize, cite, render) vs sumy TextRank, in process "
                f"| {ratio('mds brief pipeline'):.0f}x ({med_ms('mds brief pipeline')}) | >= 50x |"]
    for source, scale in r.get("scale", {}).items():
        out += scale_table_rows(scale, SOURCE_LABELS[source])
    if emb := r.get("embedding"):
        out.append(f"| embedding graph (top_k=auto) of {emb['n']:,} random 384-d vectors, graph only, fresh process "
                   f"| {emb['cpu']:.1f} s CPU, {emb['edges'] / emb['n']:.0f} edges per sentence, {emb['rss_mb']:.0f} "
                   f"MB peak | sparse, linear memory |")
    if loop := r.get("loop"):
        out += loop_rows(loop, loop["clusters"])
    if cold := r.get("cold"):
        out.append(f"| cold `mds brief ../shared/seeds`, whole process (median of {cold['runs']}) | {cold['wall']:.2f} s "
                   f"wall, {cold['cpu']:.2f} s CPU; heavy modules loaded: {cold['heavy'] or 'none'} | <= 1.0 s |")
    if pc:
        out += ["", "per cluster, all systems side by side (CPU median, speed-up = median of per-cluster ratios to sumy):",
                "", "| system | CPU ms / cluster (median) | speed-up vs sumy TextRank | ROUGE-1 R | ROUGE-2 R |",
                "|---|---|---|---|---|"]
        for name in cpu:
            scores = pc["rouge"].get(name)
            rouge = f"{scores['rouge1']:.2f} | {scores['rouge2']:.2f}" if scores else "(a briefing) | "
            out.append(f"| {name} | {1000 * statistics.median(cpu[name]):.1f} | {ratio(name):.1f}x | {rouge} |")
    return "\n".join(out)


def plain_rouge_score(runs: list[list[Summary]], clusters: list[Cluster], settings: Any) -> float:
    """CPU s of plain rouge-score (a new ``RougeScorer`` with its own tokenizer, no memo) on every
    (summary, reference) pair of the loop, texts cut as the evaluation cuts them: the anchor."""
    from rouge_score import rouge_scorer

    from summarizer.evaluation.rouge import prepare as cut

    pairs = [(cut(s.text, settings.truncate), cut(r, settings.truncate))
             for run in runs for s, c in zip(run, clusters) for r in c.references]
    scorer = rouge_scorer.RougeScorer(list(settings.metrics), use_stemmer=settings.stemming)
    _, cpu = cpu_of(lambda: [scorer.score(ref, peer) for peer, ref in pairs])
    return cpu


def loop_rows(loop: dict[str, Any], n_clusters: int) -> list[str]:
    """The experiment loop's rows: CPU share (worker processes counted), wall share, and the same
    loop again with the first pass's rouge_cache file."""
    what = (f"experiment loop ({len(loop['methods'])} methods x {n_clusters} clusters; "
            f"{', '.join(loop['metrics'])}; scoring n_jobs={loop['n_jobs']})")
    cold, cached = loop["cold"], loop["cached"]

    def cpu(t: dict[str, float]) -> str:
        return f"{100 * t['share']:.0f}% ({t['score_s']:.1f} s of {t['score_s'] + t['summarize_s']:.1f} s)"

    def wall(t: dict[str, float]) -> str:
        return f"{100 * t['wall_share']:.0f}% ({t['score_wall_s']:.1f} s of {t['score_wall_s'] + t['summarize_wall_s']:.1f} s)"

    plain = cold["plain_rouge_score_s"]
    return [f"| {what}: ROUGE scoring share of CPU, worker processes included, empty caches | {cpu(cold)} | <= 30% |",
            f"| the same: share of wall time with n_jobs={loop['n_jobs']} | {wall(cold)} | |",
            f"| the same pairs in plain rouge-score (`RougeScorer.score`, no cache): its share of CPU if scoring cost "
            f"only that | {100 * plain / (plain + cold['summarize_s']):.0f}% ({plain:.1f} s) | |",
            f"| the same loop again (summaries recomputed) sharing the first pass's `rouge_cache` file: share of CPU "
            f"| {cpu(cached)} | <= 30% |"]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true",
                   help="smoke run: one cluster of 6 articles, sumy and numpy peers, small sizes, 1 repeat")
    p.add_argument("--max-clusters", type=int, default=20, help="duc2006 clusters for the per-cluster rows")
    p.add_argument("--repeats", type=int, default=3, help="toolkit runs per cluster (median kept)")
    p.add_argument("--sizes", nargs="+", type=int, default=[100_000, 300_000], help="whole-process brief sizes")
    p.add_argument("--lexical-size", type=int, default=100_000, help="size for similarity=overlap / bm25")
    p.add_argument("--embedding-size", type=int, default=10_000)
    p.add_argument("--loop-jobs", type=int, default=1, help="n_jobs of the experiment loop's scoring")
    p.add_argument("--cold-runs", type=int, default=5)
    p.add_argument("--source", choices=("shared", "synthetic", "both"), default="both",
                   help="text of the large clusters: dev articles repeated (exact copies, which the pipeline's "
                        "dedupe drops), distinct generated sentences, or both (default)")
    p.add_argument("--json", type=Path, default=None, help="also write every raw number here")
    p.add_argument("--only", nargs="+", choices=SECTIONS, default=SECTIONS,
                   help="measure only these rows (per-cluster: the TextRank and pipeline rows; scale: whole-process "
                        "brief at --sizes and the lexical graphs at --lexical-size, 0 for none)")
    p.add_argument("--peers", nargs="+", choices=PEER_ROWS, default=None,
                   help="peers of the per-cluster rows (sumy-textrank is the anchor of every ratio)")
    args = p.parse_args(argv)
    rows = list(read_rows("duc2006"))[: args.max_clusters]
    peers, loop_methods = PEER_ROWS, LOOP_METHODS
    if args.quick:
        rows = [{**rows[0], "documents": rows[0]["documents"][:6]}]
        args.repeats, args.sizes, args.lexical_size, args.embedding_size, args.cold_runs = 1, [300, 900], 300, 300, 1
        peers, loop_methods = ("sumy-textrank", "numpy-textrank"), ("lead", "textrank")
    peers = tuple(dict.fromkeys(["sumy-textrank", *(args.peers or peers)]))
    result: dict[str, Any] = {"argv": argv}
    if "per-cluster" in args.only:
        result["per_cluster"] = per_cluster(rows, max(1, args.repeats), peers)
    if "loop" in args.only:
        result["loop"] = experiment_loop(rows, args.loop_jobs, loop_methods)
    if "cold" in args.only:
        result["cold"] = cold_start(args.cold_runs)
    if "embedding" in args.only:
        result["embedding"] = embedding_row(args.embedding_size)
    if "scale" in args.only:
        sources = ("shared", "synthetic") if args.source == "both" else (args.source,)
        result["scale"] = {src: scale_rows(args.sizes, args.lexical_size if src == "shared" else 0, src)
                           for src in sources}
    print(report(result))
    if args.json:
        write_atomic(args.json, json.dumps(result), make_parents=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
