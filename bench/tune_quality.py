"""Grid search of one method's settings on the dev sets, the way the defaults in conf/method/ were chosen.

    python bench/tune_quality.py textrank similarity=overlap,tfidf,bm25 selector.redundancy=0.3,0.5,0.7
    python bench/tune_quality.py centroid position_weight=0,0.5,1 --datasets duc2007 duc2006

Every combination is run on every dataset (toolkit methods only: seconds each); rows are printed
best first by the mean ROUGE-2 recall over the datasets (ROUGE-1 breaks ties). The dev sets are the
only data these defaults are tuned on; docs/benchmarks.md says so next to the results.

``--cv K`` also estimates how well the *tuning* generalises to unseen clusters (nested selection):
the clusters of each dataset are split into K folds; for each fold the combination with the best
mean ROUGE-2 on the other folds is chosen, and only its scores on the held-out fold count.

    python bench/tune_quality.py ilp position_weight=0,1,3 selector.min_words=5,8 --cv 5
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quality  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("config", help="config name in conf/method (textrank, lexrank, ...)")
    p.add_argument("grid", nargs="*", help="key=v1,v2,... (dotted keys as in the config)")
    p.add_argument("--datasets", nargs="+", default=["duc2007", "duc2006"], choices=list(quality.DATASETS))
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--max-clusters", type=int, default=None, help="first N clusters only (quick checks)")
    p.add_argument("--cv", type=int, default=0, help="K > 1: cross-validated estimate of the tuned setting")
    args = p.parse_args(argv)
    keys, values = [], []
    for item in args.grid:
        key, _, vals = item.partition("=")
        keys.append(key)
        values.append(vals.split(","))
    data = {name: quality.load(name, args.max_clusters) for name in args.datasets}
    results = []
    per_cluster: dict[tuple[tuple[str, ...], str], dict[str, np.ndarray]] = {}
    for combo in itertools.product(*values) if keys else [()]:
        overrides = tuple(f"{k}={v}" for k, v in zip(keys, combo))
        system = quality.System("/".join(overrides) or args.config, args.config, overrides)
        r1, r2 = [], []
        for name, (clusters, limit) in data.items():
            got = quality.summaries_for(system, name, clusters, limit, args.jobs, True)
            scores = quality.rouge_recalls({k: v[0] for k, v in got.items()}, clusters, limit, toolkit_evaluation=False)
            r1.append(scores["rouge1"].mean())
            r2.append(scores["rouge2"].mean())
            per_cluster[(overrides, name)] = scores
        results.append((float(np.mean(r2)), float(np.mean(r1)), overrides, r1, r2))
        print(f"  R2 {np.mean(r2) * 100:.2f} R1 {np.mean(r1) * 100:.2f}  {' '.join(overrides)}", file=sys.stderr)
    results.sort(key=lambda r: (-r[0], -r[1]))
    names = list(data)
    print("| settings | mean R2 | mean R1 | " + " | ".join(f"{n} R1 | {n} R2" for n in names) + " |")
    print("|---|---|---|" + "---|---|" * len(names))
    for mr2, mr1, overrides, r1, r2 in results:
        cells = " | ".join(f"{a * 100:.2f} | {b * 100:.2f}" for a, b in zip(r1, r2))
        print(f"| {' '.join(overrides) or '(defaults)'} | {mr2 * 100:.2f} | {mr1 * 100:.2f} | {cells} |")
    if args.cv > 1:
        print(nested_cv([r[2] for r in results], names, per_cluster, args.cv))
    return 0


def nested_cv(combos: list[tuple[str, ...]], names: list[str], per_cluster: dict, folds: int) -> str:
    """Held-out ROUGE of the setting chosen on the other folds (cluster i of a dataset is in fold i % K)."""
    held = {name: {"rouge1": [], "rouge2": []} for name in names}
    chosen = []
    for f in range(folds):
        def train_r2(combo: tuple[str, ...]) -> float:
            vals = []
            for name in names:
                v = per_cluster[(combo, name)]["rouge2"]
                vals.append(v[np.arange(v.size) % folds != f].mean())
            return float(np.mean(vals))
        best = max(combos, key=train_r2)  # combos arrive best-first overall: ties keep that order
        chosen.append(" ".join(best) or "(defaults)")
        for name in names:
            scores = per_cluster[(best, name)]
            mask = np.arange(scores["rouge2"].size) % folds == f
            for m in ("rouge1", "rouge2"):
                held[name][m].extend(scores[m][mask].tolist())
    out = [f"\nnested {folds}-fold CV (setting chosen on the other folds, scored on the held-out fold):"]
    for name in names:
        out.append(f"  {name}: R1 {100 * np.mean(held[name]['rouge1']):.2f} R2 {100 * np.mean(held[name]['rouge2']):.2f}")
    out.append("  chosen per fold: " + "; ".join(chosen))
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
