"""Dev articles wrapped in news-site pages brief exactly like the plain text (bench/html_pages.py).

The shared test takes a few clusters of ../shared/datasets (skips when absent); the full comparison is
``python bench/html_pages.py``. The smoke test runs the bench script itself on an invented JSONL.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
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


def test_bench_script_smoke(tmp_path):
    from neural_fixtures import invented_article
    import random

    rng = random.Random(3)
    data = tmp_path / "tiny.jsonl"
    rows = [{"id": f"c{k}", "documents": [invented_article(rng, 6).replace(". ", ".\n\n", 2) for _ in range(3)]}
            for k in range(2)]
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    r = subprocess.run([sys.executable, str(BENCH), "--data", str(data)], capture_output=True, text=True,
                       env=env, timeout=180)
    assert r.returncode == 0, r.stderr
    row = [line for line in r.stdout.splitlines() if line.startswith("| tiny |")]
    assert row, r.stdout
    cells = [c.strip() for c in row[0].strip("|").split("|")]
    assert cells[1:7] == ["2", "6", "6/6", "6/6", "6/6", "2/2"], cells
