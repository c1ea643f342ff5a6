"""Hard-wrapped copies of the dev sets: are summaries the same as on the flowing originals, and what
does a version of the toolkit score on them?

Copies are made here, never stored: every line (paragraph) of every document is wrapped with
``textwrap`` at a width (60-80); paragraphs stay separated by their blank lines ("blank"), by
first-line indentation alone ("indent"), by both ("indent+blank"), or the "blank" copy gets CRLF
line endings ("crlf"). References are left as written.

    python bench/wrapped.py identity               # every method, every layout: wrapped == flowing?
    python bench/wrapped.py figures                # ROUGE and punctuation on width-70 copies, this checkout
    python bench/wrapped.py figures --code BEFORE=/tmp/base --code AFTER=.   # before/after (docs/text.md)

``identity`` summarizes in this process (the methods' own preparation, as ``mds run`` does).
``figures`` runs ``mds run`` of each checkout given (``python -m experiments.cli run`` in that folder)
on the width-70 copy, so each version prepares text its own way; the summaries are then scored
alike, with this checkout's ``summarizer.evaluation`` (rouge-score: ROUGE-1/2 recall, stemmed,
summary cut at the limit, mean over the references) as in bench/quality.py. "ends in . ! ?"
is the share of selected sentences (as split, before the budget cuts the last one) that end in
. ! ? (closing quotes or brackets allowed after it).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import time
import warnings
from pathlib import Path
from typing import Any, Iterable, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.benchdata import dataset_path, machine_note, read_rows  # noqa: E402

DATASETS = {"duc2007_update": 100, "duc2006": 250}
LAYOUTS = ("blank", "indent", "indent+blank", "crlf")
COMMON_METHODS = ("lead", "textrank", "lexrank", "centroid", "submodular")
"""Extractive methods present in every version compared (the base commit had these)."""
_ENDS_SENTENCE = re.compile(r"[.!?\u3002\uff01\uff1f][\"'\u201d\u2019)\]]*$|[.!?]''$")


def wrap_document(text: str, width: int, layout: str) -> str:
    """A document hard-wrapped at ``width`` in one of ``LAYOUTS``: each line (a paragraph of flowing
    text) is wrapped; blank lines stay, except in "indent", where indentation alone marks paragraphs."""
    indent = "   " if layout.startswith("indent") else ""
    out = [textwrap.fill(line, width, initial_indent=indent) if line.strip() else ""
           for line in text.splitlines() if line.strip() or layout != "indent"]
    joined = "\n".join(out)
    return joined.replace("\n", "\r\n") if layout == "crlf" else joined


def wrapped_rows(rows: Iterable[dict[str, Any]], width: int, layout: str) -> list[dict[str, Any]]:
    return [{**row, "documents": [wrap_document(d, width, layout) for d in row["documents"]]} for row in rows]


def write_jsonl(rows: Sequence[dict[str, Any]], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def ends_in_punctuation(sentence: str) -> bool:
    return bool(_ENDS_SENTENCE.search(sentence.strip()))


def extractive_methods() -> list[str]:
    """Every extractive method of this checkout (experiments.configs.METHODS; not oracle, random, neural)."""
    from experiments.configs import METHODS

    return sorted(name for name in METHODS if name not in ("seq2seq", "oracle", "random"))


def make_method(name: str):
    """The method as ``mds run method=<name>`` builds it."""
    from experiments.configs import method_from_config

    return method_from_config(name)


def summaries(method: Any, clusters: Sequence[Any], limit: int) -> dict[str, list[str]]:
    from summarizer.budget import Budget

    budget = Budget(limit, "words")
    return {c.id: [s.text for s in method.summarize(c, budget).sentences] for c in clusters}


def load(rows: Sequence[dict[str, Any]], folder: Path, name: str) -> list[Any]:
    """The clusters as ``mds run`` loads them (the JSONL loader and its tidy step)."""
    from summarizer.datasets.jsonl import load_jsonl

    return list(load_jsonl(write_jsonl(rows, folder / f"{name}.jsonl"), require_references=True).clusters)


def identity(args: argparse.Namespace) -> int:
    """For every method, dataset, width and layout: the share of clusters whose summary is unchanged."""
    methods = args.methods or extractive_methods()
    print(f"Summaries of hard-wrapped copies vs the flowing originals ({machine_note()}).\n")
    print("| dataset | method | layouts x widths | clusters identical |")
    print("|---|---|---|---|")
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for dataset, limit in DATASETS.items():
            if dataset not in args.datasets:
                continue
            rows = list(read_rows(dataset))[: args.max_clusters or None]
            flowing = load(rows, Path(tmp), "flowing")
            copies = {(layout, width): load(wrapped_rows(rows, width, layout), Path(tmp), f"{layout}-{width}")
                      for layout in args.layouts for width in args.widths}
            for name in methods:
                method = make_method(name)
                want = summaries(method, flowing, limit)
                same = total = 0
                for (layout, width), clusters in copies.items():
                    got = summaries(method, clusters, limit)
                    for cid, sents in want.items():
                        total += 1
                        if got.get(cid) == sents:
                            same += 1
                        elif args.show:
                            print(f"  {dataset} {name} {layout} {width} {cid}:\n    want {sents}\n    got  {got.get(cid)}",
                                  file=sys.stderr)
                failures += total - same
                print(f"| {dataset} | {name} | {len(copies)} | {same}/{total} ({same / total:.1%}) |", flush=True)
    return 0


def run_version(code: Path, method: str, dataset: str, data_file: Path, out: Path) -> Path:
    """``mds run`` of the checkout at ``code`` on ``data_file``; returns the run folder."""
    env = {**os.environ, "PYTHONPATH": str(code), "MDS_SHARED": str(dataset_path(dataset).parents[2])}
    cmd = [sys.executable, "-m", "experiments.cli", "run", f"method={method}", f"data={dataset}",
           f"data.loader.path={data_file}", f"output_root={out}", "progress=false", "evaluation.n_resamples=10"]
    proc = subprocess.run(cmd, cwd=code, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"wrapped.py: mds run failed in {code} ({method}, {dataset}): {proc.stderr.strip()[-500:]}")
    found = sorted(out.glob(f"{dataset}/{method}/**/predictions.jsonl"))
    if not found:
        raise SystemExit(f"wrapped.py: no predictions.jsonl from {code} ({method}, {dataset})")
    return found[-1]


def score(predictions: Path, rows: Sequence[dict[str, Any]], limit: int) -> dict[str, float]:
    """ROUGE-1/2 recall (this checkout's evaluation) and the share of sentences ending in punctuation."""
    from summarizer.budget import Budget
    from summarizer.cluster import Cluster
    from summarizer.evaluation import RougeSettings, evaluate
    from summarizer.summary import Summary, SummarySentence

    budget = Budget(limit, "words")
    preds = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = {p["id"]: [s["text"] for s in p.get("sentences") or []] or p["summary"].splitlines() for p in preds}
    clusters = [Cluster.from_dict({"id": r["id"], "documents": ["x"], "references": r["references"]}) for r in rows]
    clusters = [c for c in clusters if c.id in sentences]
    settings = RougeSettings(metrics=("rouge1", "rouge2"), stemming=True, multiref="average", truncate=budget)
    summs = [Summary(c.id, tuple(SummarySentence(t) for t in budget.cut(sentences[c.id])), "x", budget)
             for c in clusters]
    per = evaluate(summs, clusters, settings, diagnostics=False).per_cluster
    # The selected units as the splitter made them (an extractive sentence's source, before the budget
    # cuts the last one); the text itself where a row has no source.
    units = [(s.get("sources") or [{"text": s["text"]}])[0]["text"] for p in preds for s in p.get("sentences") or []]
    return {"rouge1": sum(r["scores"]["rouge1_r"] for r in per) / len(per),
            "rouge2": sum(r["scores"]["rouge2_r"] for r in per) / len(per),
            "punct": sum(map(ends_in_punctuation, units)) / max(1, len(units)),
            "sentences": len(units), "clusters": len(per)}


def figures(args: argparse.Namespace) -> int:
    codes = [(label, Path(path).resolve()) for label, _, path in (c.partition("=") for c in args.code)]
    print(f"Width-{args.width} copies ({args.layout}); ROUGE-1/2 recall (rouge-score, stemmed, cut at the limit, "
          f"mean over 4 references) and the share of summary sentences ending in . ! ?. {machine_note()}\n")
    print("| dataset | method | " + " | ".join(f"{label} R-1 / R-2 | {label} ends in . ! ?" for label, _ in codes) + " |")
    print("|---|---|" + "---|---|" * len(codes))
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or scratch
        Path(tmp).mkdir(parents=True, exist_ok=True)
        for dataset in args.datasets:
            limit = DATASETS[dataset]
            rows = list(read_rows(dataset))[: args.max_clusters or None]
            data_file = write_jsonl(wrapped_rows(rows, args.width, args.layout), Path(tmp) / f"{dataset}.jsonl")
            for method in args.methods or COMMON_METHODS:
                cells = []
                for label, code in codes:
                    if not (code / "conf" / "method" / f"{method}.yaml").exists():
                        cells.append("n/a | n/a")
                        continue
                    t0 = time.perf_counter()
                    pred = run_version(code, method, dataset, data_file, Path(tmp) / label)
                    s = score(pred, rows, limit)
                    print(f"  {dataset} {method} {label}: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
                    cells.append(f"{100 * s['rouge1']:.2f} / {100 * s['rouge2']:.2f} | {s['punct']:.1%}")
                print(f"| {dataset} | {method} | " + " | ".join(cells) + " |", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    a = sub.add_parser("identity", help="wrapped vs flowing summaries, every method and layout")
    a.add_argument("--datasets", nargs="+", default=list(DATASETS), choices=list(DATASETS))
    a.add_argument("--methods", nargs="+", default=None, help="default: every extractive method configured")
    a.add_argument("--widths", nargs="+", type=int, default=[60, 70, 80])
    a.add_argument("--layouts", nargs="+", default=list(LAYOUTS), choices=LAYOUTS)
    a.add_argument("--max-clusters", type=int, default=0)
    a.add_argument("--show", action="store_true", help="print every summary that differs (stderr)")
    f = sub.add_parser("figures", help="ROUGE and punctuation on hard-wrapped copies, per checkout")
    f.add_argument("--code", action="append", default=None, metavar="LABEL=DIR",
                   help="a checkout to run (repeatable); default: this one, labelled 'this'")
    f.add_argument("--datasets", nargs="+", default=list(DATASETS), choices=list(DATASETS))
    f.add_argument("--methods", nargs="+", default=None, help=f"default: {' '.join(COMMON_METHODS)}")
    f.add_argument("--width", type=int, default=70)
    f.add_argument("--layout", default="blank", choices=LAYOUTS)
    f.add_argument("--max-clusters", type=int, default=0)
    f.add_argument("--keep", metavar="DIR", help="keep the wrapped data and run folders here")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    if args.command == "identity":
        return identity(args)
    args.code = args.code or [f"this={ROOT}"]
    return figures(args)


if __name__ == "__main__":
    sys.exit(main())
