"""Reading run and sweep folders for ``mds report``."""

import shutil

import pytest

from _report_fixtures import make_runs
from experiments.errors import UserError
from experiments.report_runs import find_runs, iter_common_ids, load_run, load_runs
from summarizer.budget import Budget


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    root = tmp_path_factory.mktemp("runs") / "sweep"
    make_runs(root, n_clusters=4, truncate=Budget(40, "words"))
    return root


def test_sweep_folder_yields_its_runs_in_job_order(sweep):
    runs = find_runs([sweep])
    assert [p.name for p in runs] == ["0", "1", "2"]
    # naming a run twice (directly and through its sweep) loads it once
    assert len(find_runs([sweep, sweep / "1"])) == 3


def test_numeric_job_order(tmp_path, sweep):
    for n in (10, 2):
        shutil.copytree(sweep / "0", tmp_path / str(n))
    assert [p.name for p in find_runs([tmp_path])] == ["2", "10"]


def test_not_a_run_folder_is_a_one_line_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserError, match="empty: not a run or sweep folder"):
        find_runs([tmp_path / "empty"])
    with pytest.raises(UserError, match="no such file"):
        find_runs([tmp_path / "missing"])
    f = tmp_path / "file.txt"
    f.write_text("x")
    with pytest.raises(UserError, match="file.txt: not a run or sweep folder"):
        find_runs([f])


def test_run_contents(sweep):
    run = load_run(sweep / "0")
    assert run.method == "lead" and run.dataset == "invented" and run.budget == "40 words"
    assert run.settings["truncate"] == {"limit": 40, "unit": "words"}
    assert "rouge2_r" in run.aggregate and "rouge2_r" in run.metric_keys()
    assert [c.id for c in run.clusters] == ["T00", "T01", "T02", "T03"]
    c = run.clusters[0]
    assert c.words == len(c.prediction["summary"].split()) and c.time_s == pytest.approx(0.001)
    assert run.config["data"]["name"] == "invented"


def test_times_from_timings_jsonl_when_present(sweep):
    run = load_run(sweep / "1")  # textrank wrote timings.jsonl, not time_s in predictions
    assert (sweep / "1" / "timings.jsonl").is_file()
    assert [c.time_s for c in run.clusters] == pytest.approx([0.002, 0.004, 0.006, 0.008])


def test_oracle_is_an_upper_bound(sweep):
    runs = load_runs([sweep])
    assert [r.display for r in runs] == ["lead", "textrank", "oracle (upper bound)"]
    assert iter_common_ids(runs) == ["T00", "T01", "T02", "T03"]


def test_malformed_files_name_the_file(tmp_path, sweep):
    bad = tmp_path / "bad"
    shutil.copytree(sweep / "0", bad)
    (bad / "scores.jsonl").write_text('{"id": "T00", "scores": {}}\nnot json\n')
    with pytest.raises(UserError, match=r"scores.jsonl: cannot read"):
        load_run(bad)
    (bad / "scores.jsonl").write_text('{"id": "T00"}\n')
    with pytest.raises(UserError, match=r"scores.jsonl: line 1 lacks"):
        load_run(bad)
    (bad / "metrics.json").write_text("[1]")
    with pytest.raises(UserError, match=r"metrics.json: expected a JSON object"):
        load_run(bad)


def test_sweep_overrides_label_same_method_runs(tmp_path, sweep):
    for n, damping in ((0, "0.5"), (1, "0.85")):
        d = tmp_path / "s" / str(n)
        shutil.copytree(sweep / "1", d)
        (d / ".hydra").mkdir()
        (d / ".hydra" / "overrides.yaml").write_text(f"- method=textrank\n- method.damping={damping}\n")
    labels = [r.label for r in load_runs([tmp_path / "s"])]
    assert labels == ["textrank (method.damping=0.5)", "textrank (method.damping=0.85)"]
    # no overrides to tell them apart: the folder does
    shutil.rmtree(tmp_path / "s" / "0" / ".hydra")
    shutil.rmtree(tmp_path / "s" / "1" / ".hydra")
    labels = [r.label for r in load_runs([tmp_path / "s"])]
    assert labels == ["textrank [s/0]", "textrank [s/1]"]
