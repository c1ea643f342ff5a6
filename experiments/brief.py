"""``mds brief PATH``: one cluster in, a cited briefing out.

    mds brief data/sample                         # Markdown on stdout
    mds brief ../shared/seeds --words 150 -o brief.md
    mds brief cluster.json --format json --method textrank method.damping=0.9

PATH is a directory of ``.txt`` articles, a JSON cluster, or ``-`` for a JSON cluster on stdin.
Trailing ``key=value`` arguments are Hydra overrides on ``conf/brief.yaml`` (the method is its
``method`` node, built with ``hydra.utils.instantiate``). Kept light on purpose: no torch unless the
chosen method needs it, sklearn only once sentences are vectorised.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import Any

from experiments.errors import UserError, exit_on_user_error

FORMATS = ("md", "json", "html")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mds brief", description="Write a cited briefing of one cluster of news articles.",
        epilog="Trailing key=value arguments are Hydra overrides, e.g. method.damping=0.9 budget.limit=80.")
    p.add_argument("path", help="directory of .txt articles, a .json cluster, or - for a JSON cluster on stdin")
    p.add_argument("overrides", nargs="*", metavar="key=value", help="Hydra overrides on conf/brief.yaml")
    p.add_argument("--method", help="method config name in conf/method/ (default: textrank)")
    size = p.add_mutually_exclusive_group()
    size.add_argument("--words", type=int, metavar="N", help="length budget in words (default: budget in conf/brief.yaml, 160 words)")
    size.add_argument("--sentences", type=int, metavar="N", help="length budget in sentences")
    p.add_argument("--format", choices=FORMATS, default="md", help="output format (default md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
    p.add_argument("--no-clean", action="store_true", help="keep page noise (comments, teasers, credits)")
    return p


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = build_parser()
    try:
        if not any(a == "-" or not a.startswith("-") for a in argv) and not {"-h", "--help"} & set(argv):
            parser.error("missing PATH (a directory of .txt articles, a .json cluster, or - for stdin)")
        args = parser.parse_intermixed_args(argv)
    except SystemExit as exc:  # argparse already printed usage + a one-line error
        raise _Exit(int(exc.code or 0)) from None
    bad = [o for o in args.overrides if "=" not in o]
    if bad:
        raise UserError(f"unexpected argument {bad[0]!r}: overrides look like key=value (one PATH only)")
    for name in ("words", "sentences"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise UserError(f"--{name} must be a positive integer, not {value}")
    return args


class _Exit(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


def compose_config(method: str | None, overrides: list[str]) -> Any:
    """conf/brief.yaml with the method group and the user's overrides, via Hydra's compose API."""
    from hydra import compose, initialize_config_module
    from hydra.core.global_hydra import GlobalHydra

    from experiments.configs import register

    register()
    all_overrides = ([f"method={method}"] if method else []) + list(overrides)
    GlobalHydra.instance().clear()
    try:
        with initialize_config_module("conf", version_base="1.3"):
            return compose("brief", overrides=all_overrides)
    except Exception as exc:  # Hydra's own errors: unknown method, bad override syntax or key
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if method and "method" in message and ("Could not find" in message or "not found" in message):
            message = f"unknown method {method!r} (available: {', '.join(available_methods())})"
        elif message.startswith("Could not override 'selector."):  # the group is a choice, not settings
            message += " selector= only chooses briefing or evaluation: set one setting with method.selector.X=..."
        raise UserError(f"configuration: {message}") from None


def available_methods() -> list[str]:
    from importlib.resources import files

    return sorted(p.name[:-5] for p in files("conf").joinpath("method").iterdir() if p.name.endswith(".yaml"))


def build_method(cfg: Any):
    from hydra.utils import instantiate

    try:
        return instantiate(cfg.method)
    except Exception as exc:
        cause = exc.__cause__ or exc
        raise UserError(f"cannot build method {cfg.method.get('_target_', '?')}: {cause}") from None


def build_pipeline(cfg: Any):
    from hydra.utils import instantiate

    try:
        return instantiate(cfg.pipeline)
    except Exception as exc:
        raise UserError(f"pipeline: {exc.__cause__ or exc}") from None


def write_output(path: Path, text: str, source: str) -> None:
    """The briefing file, written whole or not at all, never over its own input."""
    from experiments.files import write_output as write

    write(path, text, inputs=(source,))


def briefing_settings(cfg: Any) -> dict[str, Any]:
    """``build_briefing``'s keyword arguments from conf/brief.yaml (the CLI and the benchmarks share them)."""
    from summarizer.briefing import MAX_CITATIONS
    from summarizer.selection import CITATION_THRESHOLD, SEMANTIC_THRESHOLD

    settings = dict(threshold=float(cfg.get("citation_threshold", CITATION_THRESHOLD)),
                    similarity=str(cfg.get("similarity", "lexical")),
                    semantic_threshold=float(cfg.get("semantic_threshold", SEMANTIC_THRESHOLD)),
                    max_citations=int(cfg.get("max_citations", MAX_CITATIONS)),
                    clause_thresholds=_clause_thresholds(cfg.get("clause_thresholds")))
    if settings["max_citations"] < 1:
        raise ValueError("max_citations must be at least 1")
    return settings


def _clause_thresholds(value: Any) -> tuple[float, float] | None:
    """conf/brief.yaml's ``clause_thresholds``: [TF-IDF, embedding] cosines, or null (whole sentences only)."""
    if value is None:
        return None
    try:
        lexical, semantic = (float(x) for x in value)
    except (TypeError, ValueError):
        raise ValueError(f"clause_thresholds must be two numbers [TF-IDF, embedding] or null, not {value}") from None
    return lexical, semantic


def renderer(fmt: str):
    from summarizer.briefing import RENDERERS

    if fmt not in RENDERERS and fmt == "html":
        try:
            import summarizer.briefing_html  # noqa: F401  (registers "html" in RENDERERS)
        except ImportError:
            raise UserError("--format html is not available in this installation") from None
    if fmt not in RENDERERS:
        raise UserError(f"unknown format {fmt!r} (choose from {', '.join(RENDERERS)})")
    return RENDERERS[fmt]


@exit_on_user_error
def run(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.output is not None:
        from experiments.files import check_output

        check_output(args.output, inputs=(args.path,))  # before any work: nothing to lose, no time wasted
    render = renderer(args.format)
    cfg = compose_config(args.method, args.overrides + (["pipeline.clean=false"] if args.no_clean else []))

    from summarizer.budget import Budget
    from summarizer.readers import ReaderError, read_cluster

    try:
        budget = Budget(args.words, "words") if args.words else Budget(args.sentences, "sentences") \
            if args.sentences else Budget(int(cfg.budget.limit), str(cfg.budget.unit))
    except (ValueError, TypeError) as exc:
        raise UserError(f"budget: {exc}") from None
    from summarizer.pipeline import prepare

    pipeline = build_pipeline(cfg)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            cluster = prepare(read_cluster(args.path), pipeline)
        except ReaderError as exc:
            raise UserError(str(exc)) from None
    for message in dict.fromkeys(str(w.message) for w in caught):  # each warning once
        print(f"mds: warning: {message}", file=sys.stderr)

    method = build_method(cfg)
    from summarizer.briefing import build_briefing

    try:
        summary = method.summarize(cluster, budget)
    except MemoryError:
        raise UserError("out of memory while summarizing; try a smaller input or method.top_k=20") from None
    if not summary.sentences and (summary.metadata or {}).get("empty_generation"):
        raise UserError(f"model {summary.metadata.get('model')} generated no text for this cluster; try another "
                        "checkpoint or a longer output (method.generation.min_new_tokens=...)")
    try:
        briefing = build_briefing(summary, cluster, **briefing_settings(cfg))
        if briefing.metadata.get("similarity_note"):
            print(f"mds: warning: {briefing.metadata['similarity_note']}", file=sys.stderr)
    except (ValueError, TypeError) as exc:
        raise UserError(f"briefing settings: {exc}") from None
    except ImportError as exc:
        raise UserError(f"{exc} (or set similarity=lexical)") from None
    from summarizer.safe_text import printable

    text = printable(render(briefing))  # article text must never drive the reader's terminal
    if args.output is not None:
        write_output(Path(args.output), text, args.path)
    else:
        sys.stdout.write(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(list(sys.argv[1:] if argv is None else argv))
    except _Exit as exc:
        return exc.code


if __name__ == "__main__":
    sys.exit(main())
