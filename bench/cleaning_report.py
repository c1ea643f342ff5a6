"""What cleaning removes from real scraped articles, line by line, with the rule that removed it.

    .venv/bin/python bench/cleaning_report.py                 # ../shared/seeds (or $MDS_SHARED/seeds)
    .venv/bin/python bench/cleaning_report.py DIR -o docs/cleaning-seeds.md

Prints a Markdown report: per file, the header lines the reader took as metadata (title, site,
date), then every removed line (cut to 100 characters) and its rule, and a count per rule. The
report quotes the input, so write it outside the repository when the input is ../shared data.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.cleaning import clean_lines  # noqa: E402
from summarizer.readers import ReaderError, read_cluster  # noqa: E402


def default_dir() -> Path:
    return Path(os.environ.get("MDS_SHARED", ROOT.parent / "shared")) / "seeds"


def report(directory: Path) -> str:
    cluster = read_cluster(directory)
    totals: Counter[str] = Counter()
    out = [f"# Cleaning report: {directory}", ""]
    for doc in cluster.documents:
        result = clean_lines(doc.text, doc.title)
        n_before = sum(1 for ln in doc.text.splitlines() if ln.strip())
        n_after = sum(1 for ln in result.text.splitlines() if ln.strip())
        out += [f"## {doc.id}", "",
                f"- title: {doc.title!r}; site: {doc.source!r}; date: {doc.date}",
                f"- non-blank lines: {n_before} -> {n_after}; words: {len(doc.text.split())} -> {len(result.text.split())}",
                ""]
        if result.removed:
            out += ["| rule | removed |", "|---|---|"]
            for line, rule in result.removed:
                totals[rule] += 1
                shown = line if len(line) <= 100 else line[:97] + "..."
                out.append(f"| {rule} | {shown.replace('|', '/')} |")
        else:
            out.append("_nothing removed_")
        out.append("")
    out += ["## Removed lines per rule", "", "| rule | lines |", "|---|---:|"]
    out += [f"| {rule} | {n} |" for rule, n in totals.most_common()]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=None)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    directory = args.directory or default_dir()
    if not directory.is_dir():
        print(f"cleaning_report: {directory} not found; get the shared data or set MDS_SHARED", file=sys.stderr)
        return 2
    try:
        text = report(directory)
    except ReaderError as exc:
        print(f"cleaning_report: {exc}", file=sys.stderr)
        return 2
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
