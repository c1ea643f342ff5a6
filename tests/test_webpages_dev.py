"""Dev articles wrapped in news-site pages brief exactly like the plain text (bench/html_pages.py).

The shared test takes one cluster of ../shared/datasets (skips when absent); the full comparison is
``python bench/html_pages.py`` (smoke-tested in tests/test_bench_smoke.py).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

pytest.importorskip("trafilatura")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MDS_SHARED") or ROOT.parent / "shared")
BENCH = ROOT / "bench" / "html_pages.py"


def bench_module():
    spec = importlib.util.spec_from_file_location("html_pages", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
def test_wrapped_dev_articles_brief_like_plain_text():
    path = SHARED / "datasets" / "duc2007_update" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found (set MDS_SHARED)")
    bench = bench_module()
    method, cfg = bench.brief_method()
    from summarizer.budget import Budget

    budget = Budget(int(cfg.budget.limit), str(cfg.budget.unit))
    for row, meta in bench.load(str(path), 1):
        result = bench.compare_cluster(row, meta, method, budget)
        assert result["pages"] == len(row["documents"])
        assert result["text"] == result["title"] == result["date"] == result["pages"], row["id"]
        plain, from_pages = result["briefings"]
        assert plain and plain == from_pages
