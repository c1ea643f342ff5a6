"""Grid search of one method's settings on the dev sets, the way the defaults in conf/method/ were chosen.

    python bench/tune_quality.py textrank similarity=overlap,tfidf,bm25 selector.redundancy=0.3,0.5,0.7
    python bench/tune_quality.py centroid position_weight=0,0.5,1 --datasets duc2007 duc2006

Every combination is run on every dataset (toolkit methods only: seconds each); rows are printed
best first by the mean ROUGE-2 recall over the datasets (ROUGE-1 breaks ties). The dev sets are the
only data these defaults are tuned on; docs/benchmarks.md says so next to the results.
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
    args = p.parse_args(argv)
    keys, values = [], []
    for item in args.grid:
        key, _, vals = item.partition("=")
        keys.append(key)
        values.append(vals.split(","))
    data = {name: quality.load(name, args.max_clusters) for name in args.datasets}
    results = []
    for combo in itertools.product(*values) if keys else [()]:
        overrides = tuple(f"{k}={v}" for k, v in zip(keys, combo))
        system = quality.System("/".join(overrides) or args.config, args.config, overrides)
        r1, r2 = [], []
        for name, (clusters, limit) in data.items():
            got = quality.summaries_for(system, name, clusters, limit, args.jobs, True)
            scores = quality.rouge_recalls({k: v[0] for k, v in got.items()}, clusters, limit, toolkit_evaluation=False)
            r1.append(scores["rouge1"].mean())
            r2.append(scores["rouge2"].mean())
        results.append((float(np.mean(r2)), float(np.mean(r1)), overrides, r1, r2))
        print(f"  R2 {np.mean(r2) * 100:.2f} R1 {np.mean(r1) * 100:.2f}  {' '.join(overrides)}", file=sys.stderr)
    results.sort(key=lambda r: (-r[0], -r[1]))
    names = list(data)
    print("| settings | mean R2 | mean R1 | " + " | ".join(f"{n} R1 | {n} R2" for n in names) + " |")
    print("|---|---|---|" + "---|---|" * len(names))
    for mr2, mr1, overrides, r1, r2 in results:
        cells = " | ".join(f"{a * 100:.2f} | {b * 100:.2f}" for a, b in zip(r1, r2))
        print(f"| {' '.join(overrides) or '(defaults)'} | {mr2 * 100:.2f} | {mr1 * 100:.2f} | {cells} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
