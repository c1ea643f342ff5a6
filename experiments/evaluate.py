"""``mds evaluate PREDICTIONS DATASET``: score a JSONL of summaries (one system or a whole shared task).

    mds evaluate runs/duc2006/textrank/predictions.jsonl ../shared/datasets/duc2006/dev.jsonl
    mds evaluate preds.jsonl dev.jsonl --words 250 --multiref jackknife --format md -o scores.md
    mds evaluate peers.jsonl dev.jsonl --config duc2006          # every DUC 2006 peer, NIST's protocol

PREDICTIONS: one JSON object per line with ``id`` (the cluster id) and ``summary`` (one sentence per
line), as our ``predictions.jsonl`` or any other tool writes; optional ``system`` (who wrote it;
default: the ``method`` field) and ``human`` (true: the summary is one of the cluster's references,
scored against the others only). DATASET: JSONL of clusters with ``references``. Settings start from
``conf/eval/<config>.yaml`` (default ``rouge``); flags override single fields. Output: a table
ranked by ``--rank-by`` (default), ``--format json`` or ``md``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from experiments.errors import UserError, exit_on_user_error

FORMATS = ("table", "json", "md")
PARTS = ("r", "p", "f")


def build_parser() -> argparse.ArgumentParser:
    from summarizer.evaluation import AVERAGES, BACKENDS, MULTIREF_POLICIES, SENTENCE_MODES
    from summarizer.evaluation.significance import TESTS

    p = argparse.ArgumentParser(prog="mds evaluate",
                                description="Score a JSONL of predictions against a dataset's references with ROUGE.")
    p.add_argument("predictions", help='JSONL, one {"id", "summary"} per line')
    p.add_argument("dataset", help='JSONL of clusters with "references"')
    p.add_argument("--config", default="rouge", metavar="NAME",
                   help="settings from conf/eval/NAME.yaml: rouge (default), rouge_perl, or a shared task's "
                   "official protocol: duc2005, duc2006, duc2007, duc2007_update, tac2008 ... tac2011")
    p.add_argument("--pipeline", default="default", metavar="NAME",
                   help="prepare documents and references as conf/pipeline/NAME.yaml does (the run's pipeline; "
                        "default: default)")
    p.add_argument("--multiref", choices=MULTIREF_POLICIES, help="how several references combine (default average)")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--words", type=int, metavar="N", help="cut peers and references to N words (ROUGE -l N)")
    size.add_argument("--bytes", type=int, metavar="N", help="cut peers and references to N bytes (ROUGE -b N)")
    size.add_argument("--no-truncate", action="store_true", help="score the texts as they are")
    p.add_argument("--backend", choices=BACKENDS, help="rouge-score (default) or perl (official ROUGE-1.5.5)")
    p.add_argument("--metrics", metavar="M,M", help="comma-separated, e.g. rouge1,rouge2,rougeSU4 (perl)")
    p.add_argument("--no-stemming", action="store_true", help="turn Porter stemming off")
    p.add_argument("--sentences", choices=SENTENCE_MODES,
                   help="sentences for ROUGE-Lsum: a text's own lines (given, default) or split one-line texts")
    p.add_argument("--average", choices=AVERAGES,
                   help="system score: rouge155 = ROUGE-1.5.5's Average, as NIST published (default with perl); "
                        "mean = plain mean over clusters (default with rouge-score)")
    p.add_argument("--rank-by", metavar="KEY", help="score that ranks systems (default rouge2_r, else the first metric's _r)")
    p.add_argument("--parts", default="r,f", metavar="r,p,f", help="which of recall/precision/F the table shows (default r,f)")
    p.add_argument("--test", choices=TESTS, default="randomization", help="paired significance test (default randomization)")
    p.add_argument("--no-diagnostics", action="store_true", help="skip length/redundancy/novelty diagnostics")
    p.add_argument("--n-jobs", type=int, default=1, metavar="N", help="worker processes (-1 = all cores)")
    p.add_argument("--cache", metavar="FILE", help="SQLite file of rouge-score results kept across invocations "
                   "(created if absent; changes no number)")
    p.add_argument("--format", choices=FORMATS, default="table",
                   help="table (default, ranked systems), json (everything, per cluster) or md")
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
        if args.sentences:
            changes["sentences"] = args.sentences
        if cut is not None or args.no_truncate:
            changes["truncate"] = cut
        return dataclasses.replace(settings, **changes)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    except Exception as exc:  # Hydra wraps constructor errors
        cause = exc.__cause__ if isinstance(exc.__cause__, ValueError) else exc
        raise UserError(f"eval config {args.config}: {str(cause).splitlines()[0]}") from None


def read_predictions(path: str | Path) -> list:
    """Predictions from any JSONL of ``{"id", "summary"}`` rows (ours carry sentences with provenance too).

    ``system`` names who wrote a row (default: its ``method``); ``human: true`` marks a reference's author.
    """
    from summarizer.evaluation import Prediction
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
            summary = Summary.from_dict(row)
            system = str(row.get("system") if row.get("system") is not None else summary.method)
            human = row.get("human", False)
            if not isinstance(human, bool):
                raise ValueError(f'"human" must be true or false, not {human!r}')
            out.append(Prediction(summary, system, human))
        except (KeyError, TypeError, ValueError) as exc:
            raise UserError(f"{path}:{lineno}: wrong prediction format: {exc}") from None
    if not out:
        raise UserError(f"{path}: no predictions (the file is empty)")
    return out


def load_pipeline(name: str):
    """conf/pipeline/<name>.yaml as a PipelineConfig: the same preparation as the run that predicted."""
    from importlib import resources

    from hydra.utils import instantiate

    from experiments.configs import compose_group

    folder = resources.files("conf") / "pipeline"
    if not (folder / f"{name}.yaml").is_file():
        names = sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))
        raise UserError(f"unknown pipeline config {name!r} (available: {', '.join(names)})")
    return instantiate(compose_group("pipeline", name))


def read_dataset(path: str | Path, pipeline=None) -> dict:
    """The dataset's clusters with documents and references prepared as the summaries' were."""
    from summarizer.pipeline import DEFAULT, prepare_texts
    from summarizer.readers import ReaderError, read_jsonl

    try:
        return {c.id: prepare_texts(c, pipeline or DEFAULT) for c in read_jsonl(path)}
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
    parts = [x.strip() for x in args.parts.split(",") if x.strip()]
    if not parts or any(x not in PARTS for x in parts):
        raise UserError(f"--parts takes a comma-separated subset of r,p,f, not {args.parts!r}")
    args.parts = parts
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
    clusters = read_dataset(args.dataset, load_pipeline(args.pipeline))
    unknown = [p.summary.cluster_id for p in summaries if p.summary.cluster_id not in clusters]
    if unknown:
        raise UserError(f"{args.predictions}: {len(unknown)} prediction(s) for clusters not in {args.dataset} "
                        f"(first: {unknown[0]!r})")
    from summarizer.evaluation import evaluate_systems
    from summarizer.evaluation import ranking
    from summarizer.evaluation.perl import Rouge155Error

    average = args.average or ("rouge155" if settings.metric().official_average else "mean")
    if average == "rouge155" and not settings.metric().official_average:
        raise UserError("--average rouge155 is ROUGE-1.5.5's own Average: it needs --backend perl")
    key = args.rank_by or (f"rouge2_r" if "rouge2" in settings.metrics else f"{settings.metrics[0]}_r")
    if key not in settings.score_keys:
        raise UserError(f"--rank-by {key}: not a score of these settings ({', '.join(settings.score_keys)})")
    print(f"mds evaluate: {settings.describe()}", file=sys.stderr)
    n_clusters = len({p.summary.cluster_id for p in summaries})
    if n_clusters < len(clusters):
        print(f"mds evaluate: scoring {n_clusters} of the dataset's {len(clusters)} clusters "
              "(those with a prediction)", file=sys.stderr)
    try:
        task = evaluate_systems(summaries, clusters, settings, n_jobs=args.n_jobs, progress=not args.no_progress,
                                diagnostics=not args.no_diagnostics, cache=args.cache)
    except Rouge155Error as exc:
        raise UserError(str(exc)) from None
    except ValueError as exc:
        raise UserError(f"{args.predictions}: {exc}") from None
    for note in task.notes:
        print(f"mds evaluate: {note}", file=sys.stderr)
    stats = {"confidence": args.confidence, "n_resamples": args.resamples, "seed": args.seed}
    single = len(task.systems) == 1
    only = next(iter(task.systems.values()))
    if single and args.format == "md":
        text = only.to_markdown(average=average, **stats)
    elif single and args.format == "json":
        text = only.to_json(**stats) + "\n"
    else:
        try:
            rows = ranking.rank(task, key, average, args.test, seed=args.seed, confidence=args.confidence,
                                bootstrap_resamples=args.resamples)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        if args.format == "json":
            import json

            text = json.dumps(ranking.to_dict(task, rows, key, average, **stats), indent=2, ensure_ascii=False) + "\n"
        else:
            text = ranking.render_table(task, rows, key, average, args.parts, args.test, markdown=args.format == "md")
    if args.output is not None:
        from experiments.files import write_output

        write_output(args.output, text, inputs=(args.predictions, args.dataset))
    else:
        sys.stdout.write(text)
    return 0
