"""Every benchmark script runs, on tiny input, so none can silently break between releases.

Each script in ``bench/`` that can be run (``if __name__ == "__main__"``) must have an entry in
``SMOKE``: the arguments that make it finish in seconds. They carry the ``bench`` marker: CI runs them
in its benchmark step (``pytest -m bench``), apart from the README's test command. A new script without one fails
``test_every_bench_script_has_a_smoke_test``. Scripts that read ``../shared`` skip when it is absent.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
SHARED = Path(os.environ.get("MDS_SHARED") or ROOT.parent / "shared")

# script -> (arguments for a seconds-long run, needs ../shared, needs the neural extra)
SMOKE: dict[str, tuple[list[str], bool, bool]] = {
    "citations.py": (["--words", "60"], False, False),
    "cleaning_report.py": ([], True, False),
    "coldstart.py": (["--runs", "1"], True, False),
    "html_pages.py": (["--data", "duc2007_update", "--limit", "1"], True, False),
    "knn_recall.py": (["--shared", "--synthetic", "400", "--budgets", "20", "none", "--sample", "40"], False, False),
    "methods.py": (["--datasets", "duc2007", "--systems", "textrank", "supervised", "--max-clusters", "2",
                    "--folds", "2", "--resamples", "20", "--scaling-sizes", "200", "--backend", "rouge-score"],
                   True, False),
    "nist_duc2006.py": (["--peers", "C,24", "--metrics", "rouge2", "--n-jobs", "2"], True, False),
    "quality.py": (["--datasets", "duc2007", "--systems", "textrank", "sumy-lexrank", "--max-clusters", "2",
                    "--resamples", "20", "--no-cache"], True, False),
    "scaling.py": (["--sizes", "200", "--repeats", "1", "--source", "synthetic"], False, False),
    "seq2seq_throughput.py": (["--tiny", "--clusters", "2", "--batch-size", "2", "--new-tokens", "2",
                               "--rounds", "1"], False, True),
    "sparsify.py": (["--datasets", "duc2007_update", "--k", "5", "--budgets", "50", "--max-clusters", "2"],
                    True, False),
    "wrapped.py": (["identity", "--datasets", "duc2007_update", "--max-clusters", "1", "--widths", "70",
                    "--layouts", "indent", "--methods", "lead", "textrank"], True, False),
    "splitters.py": (["--speed-docs", "3", "--repeats", "1"], True, False),
    "speed.py": (["--quick"], True, False),
    "tune_quality.py": (["textrank", "selector.redundancy=0.3", "--datasets", "duc2007", "--max-clusters", "2"],
                        True, False),
}


def runnable_scripts() -> list[str]:
    return sorted(p.name for p in BENCH.glob("*.py") if '__name__ == "__main__"' in p.read_text(encoding="utf-8"))


def test_every_bench_script_has_a_smoke_test() -> None:
    missing = [name for name in runnable_scripts() if name not in SMOKE]
    assert not missing, f"bench scripts without a smoke test entry in tests/test_bench_smoke.py: {missing}"
    stale = [name for name in SMOKE if not (BENCH / name).exists()]
    assert not stale, f"smoke entries for scripts that no longer exist: {stale}"


@pytest.mark.bench
@pytest.mark.parametrize("script", sorted(SMOKE))
def test_bench_script_runs_on_tiny_input(script: str, tmp_path: Path) -> None:
    args, needs_shared, needs_neural = SMOKE[script]
    if needs_shared and not (SHARED / "datasets").is_dir():
        pytest.skip(f"{script} reads ../shared/datasets, which is absent")
    if needs_neural:
        pytest.importorskip("torch")
        pytest.importorskip("transformers")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "MDS_SHARED": str(SHARED), "MPLBACKEND": "Agg"}
    proc = subprocess.run([sys.executable, str(BENCH / script), *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"{script} exited {proc.returncode}:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    assert proc.stdout.strip(), f"{script} printed nothing"
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
