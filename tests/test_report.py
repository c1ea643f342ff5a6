"""``mds report`` end to end: the installed CLI on run folders written from real summaries and ROUGE."""

import csv
import json
import shutil
import subprocess
import sys

import pytest

from _report_fixtures import EVIL, invented_clusters, lead_summary, make_runs, settings, write_run
from summarizer.budget import Budget

FAST = ["--resamples", "500"]


def mds(*args):
    return subprocess.run([sys.executable, "-m", "experiments.cli", "report", *map(str, args)],
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    root = tmp_path_factory.mktemp("report") / "sweep"
    make_runs(root, n_clusters=6, truncate=Budget(40, "words"))
    return root


@pytest.fixture(scope="module")
def full(sweep, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "report"
    res = mds(sweep, "-o", out, *FAST)
    assert res.returncode == 0, res.stderr
    return out


def test_folder_output_has_every_format(full):
    names = sorted(p.name for p in full.iterdir())
    assert names == ["per_cluster.csv", "plots", "report.csv", "report.html", "report.json", "report.md"]
    assert sorted(p.name for p in (full / "plots").iterdir()) == [
        "t1-distribution.png", "t1-length.png", "t1-scores.png", "t1-time.png"]
    for p in (full / "plots").iterdir():
        assert p.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_markdown_table_states_settings_and_marks(full):
    md = (full / "report.md").read_text()
    assert "**Evaluation settings:** rouge-score" in md and "cut to 40 words" in md
    assert "| lead (baseline) |" in md and "| oracle (upper bound) |" in md
    assert "paired bootstrap" in md and "Holm" in md
    assert "**0." in md  # a best value
    assert "](plots/t1-scores.png)" in md
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "\\[D1\\]" in md  # sentence provenance
    assert "**Reference 1:**" in md


def test_csv_and_json_are_tidy_for_pandas(full):
    rows = list(csv.DictReader((full / "report.csv").open()))
    assert {r["method"] for r in rows} == {"lead", "textrank", "oracle"}
    assert {r["metric"] for r in rows} == {"rouge1_r", "rouge2_r", "rougeL_r", "rougeLsum_r"}
    assert all(r["test"] == "paired bootstrap" and r["correction"] == "holm" for r in rows)
    lead = [r for r in rows if r["method"] == "lead"]
    assert all(r["is_baseline"] == "True" and r["p_value"] == "" for r in lead)
    per = list(csv.DictReader((full / "per_cluster.csv").open()))
    assert len(per) == 18 and {"cluster", "words", "time_s", "rouge2_r"} <= set(per[0])
    doc = json.loads((full / "report.json").read_text())
    t = doc["tables"][0]
    assert t["baseline"] == "lead" and t["test"] == "paired bootstrap" and t["correction"] == "holm"
    assert t["settings"]["truncate"] == {"limit": 40, "unit": "words"}
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(full / "report.csv")
    assert frame.pivot_table(index="run", columns="metric", values="mean").shape == (3, 4)


def test_means_match_metrics_json(sweep, full):
    rows = list(csv.DictReader((full / "report.csv").open()))
    for k, name in enumerate(("lead", "textrank", "oracle")):
        agg = json.loads((sweep / str(k) / "metrics.json").read_text())["aggregate"]
        for r in rows:
            if r["method"] == name:
                assert float(r["mean"]) == pytest.approx(agg[r["metric"]]["mean"])
                assert float(r["ci_low"]) == pytest.approx(agg[r["metric"]]["ci_low"])


def test_html_is_self_contained_and_escaped(full):
    page = (full / "report.html").read_text()
    assert "<script" not in page and "&lt;script&gt;" in page
    assert 'src="data:image/png;base64,' in page and page.count("<img") == 4
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert "(upper bound)" in page and "baseline" in page


def test_markdown_to_stdout_by_default(sweep):
    res = mds(sweep, *FAST, "--examples", "0")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("# Method comparison") and "plots/" not in res.stdout
    assert "### Examples" not in res.stdout


def test_single_file_outputs(sweep, tmp_path):
    res = mds(sweep, "-o", tmp_path / "r.html", *FAST, "--examples", "1")
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    res = mds(sweep, "-o", tmp_path / "r.md", *FAST, "--examples", "0")
    assert res.returncode == 0
    assert "](r-plots/t1-scores.png)" in (tmp_path / "r.md").read_text()
    assert (tmp_path / "r-plots" / "t1-scores.png").is_file()
    res = mds(sweep, "--format", "json", *FAST, "--examples", "0")
    assert json.loads(res.stdout)["tables"][0]["dataset"] == "invented"


def test_baseline_choice_and_randomization(sweep):
    res = mds(sweep, "--baseline", "textrank", "--test", "randomization", "--format", "json", "--resamples", "200",
              "--examples", "0")
    assert res.returncode == 0, res.stderr
    t = json.loads(res.stdout)["tables"][0]
    assert t["baseline"] == "textrank" and t["test"] == "approximate randomization"


@pytest.mark.parametrize("args, message", [
    (["{sweep}", "{tmp}/nope", "-o", "{tmp}/out"], "{tmp}/nope: no such file or directory"),
    (["{sweep}", "--baseline", "bart", "-o", "{tmp}/out"], "--baseline 'bart' names no run"),
    (["{sweep}", "--format", "all"], "--format all writes several files"),
    (["{sweep}", "--published", "{tmp}/missing.yaml", "-o", "{tmp}/out"], "{tmp}/missing.yaml: no such published"),
    (["{sweep}", "--examples", "-1", "-o", "{tmp}/out"], "--examples must be 0 or more"),
])
def test_errors_are_one_line_and_write_nothing(sweep, tmp_path, args, message):
    res = mds(*(a.format(sweep=sweep, tmp=tmp_path) for a in args))
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr
    assert message.format(tmp=tmp_path) in res.stderr
    assert not (tmp_path / "out").exists()


def test_not_a_run_folder_names_it(tmp_path):
    (tmp_path / "notes").mkdir()
    res = mds(tmp_path / "notes")
    assert res.returncode == 2 and f"{tmp_path / 'notes'}: not a run or sweep folder" in res.stderr


def test_different_settings_are_split_into_tables(sweep, tmp_path):
    clusters = invented_clusters(6)
    other = write_run(tmp_path / "nocut", [lead_summary(c, Budget(40, "words")) for c in clusters], clusters,
                      settings(), "lead")
    res = mds(sweep, other, "--format", "json", *FAST, "--examples", "0")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert len(doc["tables"]) == 2
    assert [t["settings"]["truncate"] for t in doc["tables"]] == [{"limit": 40, "unit": "words"}, None]
    assert doc["tables"][0]["title"] != doc["tables"][1]["title"]
    # labels need only be unique within a table: both leads stay "lead"
    assert {r["run"] for r in doc["tables"][1]["rows"]} == {"lead"}
    assert "lead" in {r["run"] for r in doc["tables"][0]["rows"]}
    assert "never compared" in doc["notes"][0]
    # the second table (one run, F1 since nothing is cut) has no significance test
    assert doc["tables"][1]["baseline"] is None
    assert {r["metric"] for r in doc["tables"][1]["rows"]} == {"rouge1_f", "rouge2_f", "rougeL_f", "rougeLsum_f"}


def test_published_rows_are_marked(sweep, tmp_path):
    pub = tmp_path / "pub.yaml"
    pub.write_text("dataset: invented\nsource: Example paper.\nsettings: ROUGE-1.5.5 -n 2 -m\n"
                   "rows:\n  - name: Famous system\n    scores: {rouge2_r: 0.123, rouge1_r: {mean: 0.4, ci_low: 0.39, ci_high: 0.41}}\n")
    res = mds(sweep, "--published", pub, *FAST, "--examples", "0")
    assert res.returncode == 0, res.stderr
    assert "*Famous system* (published, not re-run)" in res.stdout
    assert "ROUGE-1.5.5 -n 2 -m" in res.stdout
    line = [ln for ln in res.stdout.splitlines() if "Famous system" in ln and ln.startswith("|")][0]
    assert "**" not in line.replace("*Famous system*", "")  # never marked best


def test_shipped_published_rows_apply_only_to_their_dataset(sweep):
    res = mds(sweep, "--published", *FAST, "--examples", "0")
    assert res.returncode == 0 and "DUC 2006 peer 24" not in res.stdout  # the fixture is not duc2006


def test_no_partial_file_when_a_later_run_is_bad(sweep, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(sweep / "0", bad)
    (bad / "metrics.json").write_text("{broken")
    res = mds(sweep, bad, "-o", tmp_path / "r.html", *FAST)
    assert res.returncode == 2 and "metrics.json: cannot read JSON" in res.stderr
    assert not (tmp_path / "r.html").exists()
    assert not list(tmp_path.glob(".r.html*"))


def test_escapes_script_in_summaries_and_references(full):
    page = (full / "report.html").read_text()
    assert EVIL not in page
    # once in the lead summary (cluster T00) and once in its first reference
    assert page.count("&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;") >= 2


def test_unfinished_runs_in_a_sweep_are_named(sweep, tmp_path):
    s = tmp_path / "sweep"
    shutil.copytree(sweep, s)
    (s / "3").mkdir()
    (s / "3" / "config.yaml").write_text("method_name: lexrank\n")
    (s / "3" / "predictions.partial.jsonl").write_text("")
    res = mds(s, *FAST, "--examples", "0")
    assert res.returncode == 0, res.stderr
    assert "Left out 1 unfinished run folder" in res.stdout and "/3" in res.stdout
