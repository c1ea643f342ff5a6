"""What sparsifying the TextRank graph costs in ROUGE on the dev sets (exact graph vs top-k).

    pip install -e '.[bench]' && python bench/sparsify.py
    python bench/sparsify.py --k 5 10 20 50 --budgets 100 300

Each row is TextRank (conf/method/textrank.yaml) with one graph: the exact all-pairs cosine graph,
the k-nearest-neighbour graph at several k (exact top-k: every term may link candidates), and the
kNN graph of ``top_k="auto"`` (k=20) with a *pair budget* small enough to cut the postings of frequent terms
on these ~200-1,200-sentence clusters as the default budget (2,000 pairs per sentence) prunes them
at ~100k sentences. ROUGE-1/2 recall (rouge-score, stemmed, average over references, summaries cut
at 100 / 250 words) with 95% bootstrap CIs over clusters, and the paired difference to the exact
graph.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from benchdata import read_rows  # noqa: E402
from speed import make_textrank, rouge_recall  # noqa: E402

from summarizer.budget import Budget  # noqa: E402
from summarizer.cluster import Cluster  # noqa: E402

DATASETS = {"duc2006": 250, "duc2007_update": 100}


def bootstrap(values: np.ndarray, resamples: int = 1000, seed: int = 0) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, len(values), size=(resamples, len(values)))].mean(axis=1)
    return float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))


Variant = tuple[int | None, float | None]  # (top_k, pairs per sentence)


def variants(ks: Sequence[int], budgets: Sequence[int]) -> dict[str, Variant]:
    out: dict[str, Variant] = {"exact": (None, None)}
    out.update({f"kNN k={k}": (k, None) for k in ks})
    out.update({f"kNN k=20, {b} pairs/sentence": (20, float(b)) for b in budgets})
    return out


def summarize_all(variant: Variant, rows: list[dict[str, Any]], limit: int) -> dict[str, list[str]]:
    from functools import partial
    from unittest import mock

    import summarizer.methods.textrank as textrank_module
    from summarizer.similarity import cosine_graph

    top_k, pairs = variant
    method = make_textrank([f"top_k={'null' if top_k is None else top_k}"])
    budget = Budget(limit, "words")
    # The pair budget is a graph setting, not a TextRank field: patch it into TextRank's graph builder.
    with mock.patch.object(textrank_module, "cosine_graph", partial(cosine_graph, pairs_per_sentence=pairs)):
        return {r["id"]: method.summarize(Cluster.from_dict(r), budget).lines for r in rows}


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--datasets", nargs="+", default=list(DATASETS), choices=list(DATASETS))
    p.add_argument("--k", nargs="+", type=int, default=[5, 10, 20, 50])
    p.add_argument("--budgets", nargs="+", type=int, default=[50, 100])
    p.add_argument("--max-clusters", type=int, default=None, help="first N clusters only (quick checks)")
    args = p.parse_args(argv)
    print("TextRank (conf/method/textrank.yaml) with each graph; ROUGE recall x 100 [95% bootstrap CI]; "
          "delta = paired mean difference to the exact graph")
    for name in args.datasets:
        limit = DATASETS[name]
        rows = list(read_rows(name))[: args.max_clusters]
        print(f"\n**{name}** ({len(rows)} clusters, {limit} words)\n")
        print("| graph | ROUGE-1 R | ROUGE-2 R | delta R-1 | delta R-2 |")
        print("|---|---|---|---|---|")
        exact = None
        for label, variant in variants(args.k, args.budgets).items():
            scores = rouge_recall(summarize_all(variant, rows, limit), rows, limit)
            exact = exact or scores
            cells = []
            for m in ("rouge1", "rouge2"):
                lo, hi = bootstrap(scores[m])
                cells.append(f"{100 * scores[m].mean():.2f} [{100 * lo:.2f}, {100 * hi:.2f}]")
            deltas = [f"{100 * (scores[m] - exact[m]).mean():+.2f}" for m in ("rouge1", "rouge2")]
            print(f"| {label} | " + " | ".join(cells) + " | " + " | ".join(deltas) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
