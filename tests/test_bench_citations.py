"""bench/citations.py runs end to end on a tiny labelled cluster and prints its table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_citation_bench_smoke(tmp_path: Path) -> None:
    pytest.importorskip("wordllama")
    data = json.loads((ROOT / "tests" / "data" / "paraphrase_clusters.json").read_text())
    tiny = data["clusters"][1]
    tiny["documents"] = tiny["documents"][:3]
    (tmp_path / "tiny.json").write_text(json.dumps({"clusters": [tiny]}))
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "citations.py"), "--data", str(tmp_path / "tiny.json")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| lindmark |")]
    assert len(rows) == 4  # lexical and hybrid, briefing and every sentence
    for row in rows:
        precision = float(row.split("|")[5])
        assert 0.0 <= precision <= 1.0
