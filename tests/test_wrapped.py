"""Hard-wrapped copies of real documents summarize exactly like the flowing originals, for every method.

A fast subset of ``bench/wrapped.py identity`` (which covers every cluster, width and layout): one
cluster of the DUC 2007 dev set in every layout at widths 60-80, and the seed cluster. Needs ../shared.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from bench.wrapped import LAYOUTS, extractive_methods, load, make_method, summaries, wrap_document, wrapped_rows
from bench.benchdata import read_rows
from summarizer.budget import Budget
from summarizer.cleaning import clean_cluster
from summarizer.readers import read_cluster

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MDS_SHARED") or ROOT.parent / "shared")
METHODS = extractive_methods()


def test_the_bench_finds_every_extractive_method():
    assert {"lead", "textrank", "lexrank", "centroid", "submodular"} <= set(METHODS)
    assert "oracle" not in METHODS and "random" not in METHODS


@pytest.mark.parametrize("layout", LAYOUTS)
def test_wrap_document_layouts(layout):
    text = "First paragraph " * 10 + "ends.\n\nSecond one."
    wrapped = wrap_document(text, 40, layout)
    lines = wrapped.replace("\r\n", "\n").split("\n")
    assert max(len(ln) for ln in lines) <= 40 and len(lines) > 3
    assert ("\r\n" in wrapped) == (layout == "crlf")
    assert ("" in lines) == (layout != "indent")


@pytest.fixture(scope="module")
def duc_rows():
    if not (SHARED / "datasets" / "duc2007_update" / "dev.jsonl").exists():
        pytest.skip(f"{SHARED}/datasets not found (set MDS_SHARED to the shared data folder)")
    os.environ.setdefault("MDS_SHARED", str(SHARED))
    return list(read_rows("duc2007_update"))[:1]


@pytest.mark.shared
@pytest.mark.parametrize("method", METHODS)
def test_wrapped_dev_clusters_summarize_like_the_originals(method, duc_rows, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        summarizer = make_method(method)
        want = summaries(summarizer, load(duc_rows, tmp_path, "flowing"), 100)
        for layout, width in zip(LAYOUTS, (60, 80, 70, 75)):
            clusters = load(wrapped_rows(duc_rows, width, layout), tmp_path, f"{layout}-{width}")
            assert summaries(summarizer, clusters, 100) == want, (layout, width)


@pytest.mark.shared
def test_wrapped_seed_articles_brief_like_the_originals(tmp_path):
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} not found (set MDS_SHARED to the shared data folder)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        original = clean_cluster(read_cluster(seeds))
        budget = Budget(120, "words")
        want = {m: make_method(m).summarize(original, budget).sentences for m in ("textrank", "lexrank", "centroid")}
        for layout in LAYOUTS:
            folder = tmp_path / layout
            folder.mkdir()
            for f in sorted(seeds.glob("*.txt")):
                (folder / f.name).write_bytes(wrap_document(f.read_text(encoding="utf-8"), 70, layout).encode())
            cluster = clean_cluster(read_cluster(folder))
            for m, sents in want.items():
                got = make_method(m).summarize(cluster, budget).sentences
                assert [s.text for s in got] == [s.text for s in sents], (layout, m)
