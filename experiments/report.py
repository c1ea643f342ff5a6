"""``mds report RUN_OR_SWEEP_DIRS...``: compare run folders in Markdown, HTML, CSV and JSON.

Everything is computed first (tables, significance, plots, examples); files are written only then,
each atomically, so a bad input never leaves a partial report behind.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from experiments.errors import UserError, exit_on_user_error
from experiments.files import check_output, write_atomic

if TYPE_CHECKING:
    from experiments.report_tables import Report

FORMATS = ("md", "html", "csv", "json")
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv", ".json": "json"}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mds report",
        description="Compare run folders (from `mds run`): methods x metrics with 95% CIs, best per column, "
                    "significance against a baseline, length and time, plots and side-by-side examples.",
    )
    p.add_argument("paths", nargs="+", metavar="RUN_OR_SWEEP_DIR", help="run folders, or sweep folders holding them")
    p.add_argument("--baseline", metavar="METHOD", help="run (label or method name) to test the others against "
                   "(default: lead if present, else the first run)")
    p.add_argument("--format", choices=(*FORMATS, "all"), help="output format (default: md to stdout; all with -o DIR)")
    p.add_argument("-o", "--output", metavar="OUT_DIR_OR_FILE",
                   help="a folder (gets report.md + plots/, report.html, report.csv, per_cluster.csv, report.json) "
                        "or one file whose suffix names the format")
    p.add_argument("--published", nargs="*", metavar="YAML", help="published reference rows (conf/published/*.yaml); "
                   "with no file: the files shipped with mds-brief")
    p.add_argument("--examples", type=int, default=3, metavar="N", help="clusters shown side by side (default 3; 0 = none)")
    p.add_argument("--measure", choices=("auto", "r", "p", "f"), default="auto",
                   help="ROUGE measure in the table: recall, precision, F1 (auto: recall when the evaluation "
                        "truncates summaries to a length limit, as in DUC; else F1)")
    p.add_argument("--test", choices=("bootstrap", "randomization"), default="bootstrap",
                   help="paired significance test (paired bootstrap or approximate randomization; Holm-corrected)")
    p.add_argument("--alpha", type=float, default=0.05, help="significance level after correction (default 0.05)")
    p.add_argument("--resamples", type=int, default=10000, help="bootstrap/randomization resamples (default 10000)")
    p.add_argument("--seed", type=int, default=0, help="seed of the resampling (default 0)")
    p.add_argument("--no-plots", action="store_true", help="skip the plots (faster)")
    return p


def build_report(paths: Sequence[str], *, baseline: str | None = None, published: Sequence[str] | None = None,
                 examples: int = 3, measure: str = "auto", test: str = "bootstrap", alpha: float = 0.05,
                 resamples: int = 10000, seed: int = 0, plots: bool = True) -> "Report":
    """Load runs and compute every table, plot and example of the report (no file is written)."""
    from experiments.report_examples import build_examples, load_dataset_clusters
    from experiments.report_runs import incomplete_runs, load_runs
    from experiments.report_tables import Report, build_tables, load_published, shipped_published

    runs = load_runs(paths)
    pub_files = [] if published is None else (list(published) or shipped_published())
    pub = load_published(pub_files)
    tables = build_tables(runs, baseline=baseline, measure=measure, test=test, alpha=alpha,
                          n_resamples=resamples, seed=seed, published=pub)
    notes = []
    unfinished = incomplete_runs(paths)
    if unfinished:
        notes.append(f"Left out {len(unfinished)} unfinished run folder(s) (no metrics.json): "
                     + ", ".join(str(p) for p in unfinished[:5]) + (" ..." if len(unfinished) > 5 else ""))
    if len(tables) > 1:
        notes.append(f"The runs were evaluated on {len({t.dataset for t in tables})} dataset(s) under "
                     f"{len({json.dumps(t.settings, sort_keys=True, default=str) for t in tables})} different "
                     "evaluation settings; each (dataset, settings) group has its own table and is never compared with another.")
    plot_map: dict[int, list[Any]] = {}
    example_map: dict[int, list[Any]] = {}
    for i, table in enumerate(tables, 1):
        if plots:
            from experiments.report_plots import table_plots

            plot_map[i] = table_plots(table, i)
        if examples > 0:
            clusters, why = load_dataset_clusters(table.runs)
            example_map[i] = build_examples(table.runs, table.primary, examples, clusters, why)
    created = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return Report(tuple(tables), plot_map, example_map, tuple(str(p) for p in paths), tuple(notes), created)


def per_cluster_records(report: "Report") -> list[dict[str, Any]]:
    """One row per (run, cluster): scores, length and time, for pandas."""
    out = []
    for table in report.tables:
        for run in table.runs:
            for c in run.clusters:
                row = {"table": table.title, "dataset": run.dataset, "run": run.display, "method": run.method,
                       "cluster": c.id, "words": c.words, "time_s": c.time_s}
                row.update(c.scores)
                out.append(row)
    return out


def render_csv(records: list[dict[str, Any]]) -> str:
    fields: dict[str, None] = {}
    for r in records:
        fields.update(dict.fromkeys(r))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    for r in records:
        writer.writerow({k: "" if v is None else v for k, v in r.items()})
    return buf.getvalue()


def render_json(report: "Report") -> str:
    from experiments.report_tables import TESTS, table_records

    tables = []
    for t in report.tables:
        tables.append({
            "title": t.title, "dataset": t.dataset, "settings": t.settings, "settings_description": t.settings_description,
            "columns": list(t.columns), "baseline": t.baseline,
            "test": TESTS[t.test] if t.baseline else None, "correction": "holm" if t.baseline else None,
            "alpha": t.alpha, "notes": list(t.notes) + list(t.published_notes), "rows": table_records(t),
        })
    doc = {"created": report.created, "inputs": list(report.inputs), "notes": list(report.notes), "tables": tables,
           "per_cluster": per_cluster_records(report)}
    return json.dumps(doc, ensure_ascii=False, indent=1, default=str) + "\n"


def render(report: "Report", fmt: str, plot_dir: str | None = "plots") -> str:
    """The report in ``fmt``, without control characters or terminal escapes from summaries or labels."""
    from summarizer.safe_text import printable

    return printable(_render(report, fmt, plot_dir))


def _render(report: "Report", fmt: str, plot_dir: str | None = "plots") -> str:
    from experiments.report_tables import table_records

    if fmt == "md":
        from experiments.report_markdown import render_markdown

        return render_markdown(report, plot_dir)
    if fmt == "html":
        from experiments.report_html import render_html

        return render_html(report)
    if fmt == "csv":
        return render_csv([r for t in report.tables for r in table_records(t)])
    return render_json(report)


def outputs(report: "Report", fmt: str | None, out: Path) -> dict[Path, bytes]:
    """The files to write for ``-o out``: a folder of formats, or one file named by its suffix."""
    files: dict[Path, bytes] = {}
    suffix_fmt = SUFFIXES.get(out.suffix.lower())
    if suffix_fmt and not out.is_dir():
        if fmt not in (None, suffix_fmt):
            raise UserError(f"-o {out}: the suffix says {suffix_fmt}, --format says {fmt}")
        if suffix_fmt == "md":
            plot_dir = f"{out.stem}-plots"
            files[out] = render(report, "md", plot_dir).encode()
            files.update(_plot_files(report, out.parent / plot_dir))
        else:
            files[out] = render(report, suffix_fmt).encode()
        return files
    fmts = FORMATS if fmt in (None, "all") else (fmt,)
    for f in fmts:
        files[out / f"report.{f}"] = render(report, f).encode()
        if f == "md":
            files.update(_plot_files(report, out / "plots"))
        if f == "csv":
            files[out / "per_cluster.csv"] = render_csv(per_cluster_records(report)).encode()
    return files


def _plot_files(report: "Report", folder: Path) -> dict[Path, bytes]:
    return {folder / f"{p.name}.png": p.png for plots in report.plots.values() for p in plots}


def check_report_output(out: Path, inputs: Sequence[str]) -> None:
    """``-o`` is a folder, or a file whose suffix names a format; never a run's own file, never ``r.pdf``."""
    from experiments.runfolder import FILES

    if out.exists() and not out.is_dir() and out.suffix.lower() not in SUFFIXES:
        raise UserError(f"-o {out}: exists and is not a folder")
    if out.suffix and out.suffix.lower() not in SUFFIXES and not out.is_dir():
        raise UserError(f"-o {out}: unknown report format {out.suffix!r} (a folder, or a file ending in "
                        f"{', '.join(SUFFIXES)})")
    if out.suffix.lower() in SUFFIXES and not out.is_dir():
        if out.name in FILES and out.exists():
            raise UserError(f"-o {out}: is a file of a run folder; write the report elsewhere")
        check_output(out, inputs, readable=())
    elif out.exists() and not os.access(out, os.W_OK | os.X_OK):
        raise UserError(f"-o {out}: cannot write in this folder (permission denied)")


@exit_on_user_error
def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    if args.examples < 0:
        raise UserError("--examples must be 0 or more")
    if not 0 < args.alpha < 1:
        raise UserError("--alpha must be between 0 and 1")
    if args.resamples < 1:
        raise UserError("--resamples must be positive")
    if args.output is None and args.format == "all":
        raise UserError("--format all writes several files: give a folder with -o")
    out = Path(args.output) if args.output else None
    if out is not None:
        check_report_output(out, args.paths)
    want_plots = not args.no_plots and (out is not None or args.format == "html")
    report = build_report(args.paths, baseline=args.baseline, published=args.published, examples=args.examples,
                          measure=args.measure, test=args.test, alpha=args.alpha, resamples=args.resamples,
                          seed=args.seed, plots=want_plots)
    if out is None:
        sys.stdout.write(render(report, args.format or "md", plot_dir=None))
        return 0
    files = outputs(report, args.format, out)
    for path in files:
        if path.suffix != ".png" and path.parent.is_dir():
            check_output(path, args.paths, readable=())
    try:
        for path, data in files.items():
            write_atomic(path, data, make_parents=True)
    except OSError as exc:
        raise UserError(f"-o {out}: cannot write ({exc.strerror or exc})") from None
    main_files = [p for p in files if p.suffix != ".png"]
    n_png = len(files) - len(main_files)
    print("wrote " + ", ".join(str(p) for p in main_files) + (f" and {n_png} plots" if n_png else ""), file=sys.stderr)
    return 0
