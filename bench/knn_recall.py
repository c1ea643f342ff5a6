"""Neighbour recall and cost of the kNN graph's candidate budget, against the exact top-k.

    python bench/knn_recall.py                                  # the table in docs/speed.md
    python bench/knn_recall.py --shared 20000 40000 --synthetic 100000 --budgets 500 1000 2000 4000

TextRank's default graph above 5,000 sentences is ``similarity.knn_graph`` with k = 20, whose
candidates are capped at ``PAIRS_PER_SENTENCE`` pairs per sentence. Each row of the table is one
cluster (the ../shared dev articles' distinct sentences, or bench/scaling.py's generated ones) and
one budget: the CPU time of the graph alone (in process, stemmed TF-IDF precomputed) and its
**neighbour recall**: of each sampled sentence's exact 20 nearest neighbours (cosine over all
terms, ties to the lower index, computed by brute force for the sample), the share the kNN graph
keeps as that sentence's own choices (before symmetrising).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Sequence

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from scaling import build_cluster  # noqa: E402

from summarizer.pipeline import prepare  # noqa: E402
from summarizer.similarity import AUTO_K, sparse_top_k  # noqa: E402


def exact_neighbours(x: sp.csr_matrix, rows: np.ndarray, k: int) -> list[np.ndarray]:
    """Each sampled row's k most similar other rows with a positive cosine (ties to the lower index)."""
    out = []
    for lo in range(0, len(rows), 256):
        part = rows[lo:lo + 256]
        sim = (x[part] @ x.T).toarray()
        sim[np.arange(len(part)), part] = 0.0
        for s in sim:
            cols = np.flatnonzero(s > 0)
            out.append(cols[np.lexsort((cols, -s[cols]))][:k])
    return out


def recall(graph: sp.csr_matrix, rows: np.ndarray, exact: list[np.ndarray]) -> float:
    found = sum(np.isin(truth, graph.indices[graph.indptr[r]:graph.indptr[r + 1]]).sum()
                for r, truth in zip(rows, exact))
    return float(found / max(1, sum(len(t) for t in exact)))


def measure(source: str, n: int, budgets: Sequence[float | None], sample: int) -> list[dict]:
    x = sp.csr_matrix(prepare(build_cluster(n, source)).space.stemmed_tfidf, dtype=np.float32)
    rows = np.sort(np.random.default_rng(0).choice(x.shape[0], min(sample, x.shape[0]), replace=False))
    exact = exact_neighbours(x, rows, AUTO_K)
    out = []
    for budget in budgets:
        start = time.process_time()
        graph = sparse_top_k(x, x, AUTO_K, pairs_per_sentence=budget, symmetric=False)
        cpu = time.process_time() - start
        out.append({"source": source, "n": x.shape[0], "budget": budget, "cpu_s": cpu,
                    "recall": recall(graph, rows, exact)})
        print(f"  {source} {x.shape[0]:,} budget {budget}: {cpu:.2f} s, recall {out[-1]['recall']:.3f}",
              file=sys.stderr)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--shared", nargs="*", type=int, default=[20000, 40000],
                   help="sizes of clusters of ../shared dev articles (at most ~41k distinct sentences)")
    p.add_argument("--synthetic", nargs="*", type=int, default=[100000], help="sizes of generated clusters")
    p.add_argument("--budgets", nargs="+", default=["500", "1000", "2000", "4000"],
                   help="candidate pairs per sentence ('none': every term links, the exact top-k)")
    p.add_argument("--sample", type=int, default=2000, help="sentences whose exact neighbours are computed")
    args = p.parse_args(argv)
    budgets = [None if b.lower() == "none" else float(b) for b in args.budgets]
    rows = [r for n in args.shared for r in measure("shared", n, budgets, args.sample)]
    rows += [r for n in args.synthetic for r in measure("synthetic", n, budgets, args.sample)]
    print("| text | sentences | pairs per sentence | graph CPU s | neighbour recall@20 |")
    print("|---|---|---|---|---|")
    for r in rows:
        budget = "every term (exact top-k)" if r["budget"] is None else f"{r['budget']:,.0f}"
        print(f"| {r['source']} | {r['n']:,} | {budget} | {r['cpu_s']:.2f} | {r['recall']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
