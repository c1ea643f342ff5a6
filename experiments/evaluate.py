"""``mds evaluate PREDICTIONS DATASET``: score any JSONL of summaries with ROUGE, settings stated.

    mds evaluate runs/duc2006/textrank/predictions.jsonl ../shared/datasets/duc2006/dev.jsonl
    mds evaluate preds.jsonl dev.jsonl --words 250 --multiref jackknife --format md -o scores.md
    mds evaluate preds.jsonl dev.jsonl --config duc2006_official          # Perl ROUGE-1.5.5, NIST's settings

PREDICTIONS: one JSON object per line with ``id`` (the cluster id) and ``summary`` (one sentence per
line), as our ``predictions.jsonl`` or any other tool writes. DATASET: JSONL of clusters with
``references`` (the ``../shared/datasets`` layout). Settings start from ``conf/eval/<config>.yaml``
(default ``rouge``); flags override single fields.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from experiments.errors import UserError, exit_on_user_error

FORMATS = ("json", "md")


def build_parser() -> argparse.ArgumentParser:
    from summarizer.evaluation import BACKENDS, MULTIREF_POLICIES

    p = argparse.ArgumentParser(prog="mds evaluate",
                                description="Score a JSONL of predictions against a dataset's references with ROUGE.")
    p.add_argument("predictions", help='JSONL, one {"id", "summary"} per line')
    p.add_argument("dataset", help='JSONL of clusters with "references"')
    p.add_argument("--config", default="rouge", metavar="NAME",
                   help="settings from conf/eval/NAME.yaml (rouge, rouge_perl, duc2006_official; default rouge)")
    p.add_argument("--multiref", choices=MULTIREF_POLICIES, help="how several references combine (default average)")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--words", type=int, metavar="N", help="cut peers and references to N words (ROUGE -l N)")
    size.add_argument("--bytes", type=int, metavar="N", help="cut peers and references to N bytes (ROUGE -b N)")
    size.add_argument("--no-truncate", action="store_true", help="score the texts as they are")
    p.add_argument("--backend", choices=BACKENDS, help="rouge-score (default) or perl (official ROUGE-1.5.5)")
    p.add_argument("--metrics", metavar="M,M", help="comma-separated, e.g. rouge1,rouge2,rougeSU4 (perl)")
    p.add_argument("--no-stemming", action="store_true", help="turn Porter stemming off")
    p.add_argument("--n-jobs", type=int, default=1, metavar="N", help="worker processes (-1 = all cores)")
    p.add_argument("--format", choices=FORMATS, default="json", help="output format (default json)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
    p.add_argument("--confidence", type=float, default=0.95, help="bootstrap CI level (default 0.95)")
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    return p


def load_settings(args: argparse.Namespace):
    """conf/eval/<config>.yaml, instantiated, with the command-line flags on top."""
    import dataclasses
    from importlib import resources

    from hydra.utils import instantiate
    from omegaconf import OmegaConf

    from summarizer.budget import Budget

    path = resources.files("conf") / "eval" / f"{args.config}.yaml"
    if not path.is_file():
        names = sorted(p.name[:-5] for p in (resources.files("conf") / "eval").iterdir() if p.name.endswith(".yaml"))
        raise UserError(f"unknown eval config {args.config!r} (available: {', '.join(names)})")
    cut = Budget(args.words, "words") if args.words else Budget(args.bytes, "bytes") if args.bytes else None
    # eval configs may say `truncate: ${budget}` (the run's budget); outside a run there is none.
    root = OmegaConf.create({"budget": None, "eval": OmegaConf.load(str(path))})
    try:
        settings = instantiate(root.eval, _convert_="all")
        changes: dict[str, Any] = {}
        if args.multiref:
            changes["multiref"] = args.multiref
        if args.backend:
            changes["backend"] = args.backend
        if args.metrics:
            changes["metrics"] = tuple(m.strip() for m in args.metrics.split(",") if m.strip())
        if args.no_stemming:
            changes["stemming"] = False
        if cut is not None or args.no_truncate:
            changes["truncate"] = cut
        return dataclasses.replace(settings, **changes)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    except Exception as exc:  # Hydra wraps constructor errors
        cause = exc.__cause__ if isinstance(exc.__cause__, ValueError) else exc
        raise UserError(f"eval config {args.config}: {str(cause).splitlines()[0]}") from None


def read_predictions(path: str | Path) -> list:
    """Summaries from any JSONL of ``{"id", "summary"}`` rows (ours carry sentences with provenance too)."""
    from summarizer.readers import iter_jsonl
    from summarizer.schema import check_prediction
    from summarizer.summary import Summary

    path = Path(path)
    out = []
    for lineno, row in iter_jsonl(path, error=UserError):
        if not isinstance(row, dict) or "id" not in row or not ("summary" in row or "sentences" in row):
            raise UserError(f'{path}:{lineno}: a prediction needs "id" and "summary"')
        try:
            check_prediction(row)
            out.append(Summary.from_dict(row))
        except (KeyError, TypeError, ValueError) as exc:
            raise UserError(f"{path}:{lineno}: wrong prediction format: {exc}") from None
    if not out:
        raise UserError(f"{path}: no predictions (the file is empty)")
    return out


def read_dataset(path: str | Path) -> dict:
    from summarizer.readers import ReaderError, read_jsonl

    try:
        return {c.id: c for c in read_jsonl(path)}
    except ReaderError as exc:
        raise UserError(str(exc)) from None


def _parse(argv: list[str]) -> argparse.Namespace | int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse printed usage and a one-line error already
        return int(exc.code or 0)
    for flag in ("words", "bytes"):
        value = getattr(args, flag)
        if value is not None and value < 1:
            raise UserError(f"--{flag} must be a positive integer, not {value}")
    if args.n_jobs == 0:
        raise UserError("--n-jobs must be a positive number of processes or -1 (all cores)")
    if not 0 < args.confidence < 1:
        raise UserError(f"--confidence must be between 0 and 1, not {args.confidence}")
    if args.resamples < 1:
        raise UserError(f"--resamples must be positive, not {args.resamples}")
    return args


@exit_on_user_error
def main(argv: list[str]) -> int:
    args = _parse(argv)
    if isinstance(args, int):
        return args
    if args.output is not None:
        from experiments.files import check_output

        check_output(args.output, inputs=(args.predictions, args.dataset))
    settings = load_settings(args)
    summaries = read_predictions(args.predictions)
    clusters = read_dataset(args.dataset)
    unknown = [s.cluster_id for s in summaries if s.cluster_id not in clusters]
    if unknown:
        raise UserError(f"{args.predictions}: {len(unknown)} prediction(s) for clusters not in {args.dataset} "
                        f"(first: {unknown[0]!r})")
    from summarizer.evaluation import evaluate
    from summarizer.evaluation.perl import Rouge155Error

    print(f"mds evaluate: {settings.describe()}", file=sys.stderr)
    if len(summaries) < len(clusters):
        print(f"mds evaluate: scoring {len(summaries)} of the dataset's {len(clusters)} clusters "
              "(those with a prediction)", file=sys.stderr)
    try:
        result = evaluate(summaries, clusters, settings, n_jobs=args.n_jobs, progress=not args.no_progress)
    except Rouge155Error as exc:
        raise UserError(str(exc)) from None
    except ValueError as exc:
        raise UserError(f"{args.predictions}: {exc}") from None
    stats = {"confidence": args.confidence, "n_resamples": args.resamples, "seed": args.seed}
    if args.format == "md":
        text = result.to_markdown(**stats)
    else:
        text = result.to_json(**stats) + "\n"
    if args.output is not None:
        from experiments.files import write_output

        write_output(args.output, text, inputs=(args.predictions, args.dataset))
    else:
        sys.stdout.write(text)
    return 0
