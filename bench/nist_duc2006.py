"""Reproduce NIST's official DUC 2006 ROUGE results with both backends and print how close we are.

    .venv/bin/python bench/nist_duc2006.py                        # ROUGE-1/2/SU4 (Perl) + rouge-score ranks, ~5 min
    .venv/bin/python bench/nist_duc2006.py --full --peers 24,C    # NIST's exact command line, all 7 metrics, 2 peers
    .venv/bin/python bench/nist_duc2006.py --json out.json        # also write the numbers

Needs ../shared/datasets/duc2006 (or MDS_SHARED=/path/to/shared); the data is NIST's and is read,
never copied. Targets (issue 3): Perl backend within 0.0002 of every system's official Average
for ROUGE-2 and ROUGE-SU4; rouge-score ranks the 35 systems like NIST (Spearman >= 0.99).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def shared_dir() -> Path:
    return Path(os.environ.get("MDS_SHARED") or ROOT.parent / "shared")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--full", action="store_true", help="NIST's full command line (-n 4 -w 1.2 ..., all metrics)")
    p.add_argument("--n-jobs", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    p.add_argument("--peers", metavar="P,P", help="only these peers (e.g. 24,C); a peer's Average depends on its "
                   "own evals only, so the subset's numbers are the same as in a full run")
    p.add_argument("--skip-perl", action="store_true")
    p.add_argument("--skip-rouge-score", action="store_true")
    p.add_argument("--json", metavar="FILE", help="write all numbers here")
    args = p.parse_args(argv)

    folder = shared_dir() / "datasets" / "duc2006"
    if not (folder / "official_rouge.json").is_file():
        print(f"no DUC 2006 official results at {folder}: set MDS_SHARED to the folder holding datasets/",
              file=sys.stderr)
        return 2
    from summarizer.evaluation import duc2006 as nist

    data = nist.Duc2006.load(folder)
    out: dict = {"n_systems": len(data.systems), "n_humans": len(data.humans)}
    if not args.skip_perl:
        opts = nist.NIST_OPTIONS if args.full else nist.FAST_OPTIONS
        t0 = time.perf_counter()
        peers = set(args.peers.split(",")) if args.peers else None
        res = nist.perl_reproduction(data, opts, n_jobs=args.n_jobs, peers=peers)
        took = time.perf_counter() - t0
        metrics = ["rouge1", "rouge2", "rouge3", "rouge4", "rougeL", "rougeW", "rougeSU4"] if args.full \
            else ["rouge1", "rouge2", "rougeSU4"]
        keys = [f"{m}_{x}" for m in metrics for x in "rpf"]
        diffs = nist.compare_averages(data, res["averages"], keys, peers=peers)
        per_eval_max = max(abs(a - b) for peer, rows in res["per_eval"].items() for eid, ms in rows.items()
                           for m, v in ms.items()
                           for a, b in zip(v, data.official["per_eval"][peer][eid.split(".")[0]][eid.split(".")[1]][m]))
        out["perl"] = {"options": " ".join(opts), "seconds": took, "max_abs_diff": diffs,
                       "per_eval_max_abs_diff": per_eval_max}
        who = f"peers {args.peers}" if peers else f"{len(data.systems)} systems + {len(data.humans)} humans"
        print(f"\nPerl ROUGE-1.5.5 vs NIST (official Averages, {who}), {took:.0f} s with {args.n_jobs} process(es)")
        print(f"options: {' '.join(opts)}")
        print(f"{'score':<12} {'max|diff| systems':>18} {'max|diff| humans':>17}")
        for k, d in diffs.items():
            print(f"{k:<12} {d['systems']:>18.5f} {d['humans']:>17.5f}")
        print(f"per-eval lines: max |diff| {per_eval_max:.5f} over "
              f"{sum(len(r) for r in res['per_eval'].values())} (peer, eval) pairs")
    if not args.skip_rouge_score:
        from tqdm.auto import tqdm

        t0 = time.perf_counter()
        ours = nist.rouge_score_closest(data, n_jobs=args.n_jobs,
                                        progress=lambda it, total: tqdm(it, total=total, desc="rouge-score"))
        took = time.perf_counter() - t0
        rows = {k: nist.rank_agreement(data, ours, k)
                for k in ("rouge1_r", "rouge1_f", "rouge2_r", "rouge2_f", "rougeLsum_r", "rougeLsum_f")}
        out["rouge_score"] = {"setting": "stemming, no cut, jackknife (-f A pooled), mean over evals",
                              "seconds": took, "agreement": rows, "per_peer": ours}
        print(f"\nrouge-score (stemming, no cut, jackknifed -f A) vs NIST over the {len(data.systems)} systems, "
              f"{took:.0f} s")
        print(f"{'ours':<12} {'NIST':<9} {'Spearman':>8} {'mean offset':>12} {'min':>9} {'max':>9}")
        for k, r in rows.items():
            print(f"{k:<12} {r['nist']:<9} {r['spearman']:>8.4f} {r['offset_mean']:>+12.5f} "
                  f"{r['offset_min']:>+9.5f} {r['offset_max']:>+9.5f}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
