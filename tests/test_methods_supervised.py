"""The learned sentence scorer (RegSum-style) and DPP selection: JSON model, budget, determinism, training."""

import json
import subprocess
import sys

import numpy as np
import pytest
from _method_fixtures import FLOOD, REFERENCES, empty_cluster, flood_cluster, one_sentence_cluster
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.budget import Budget
from summarizer.cluster import make_cluster
from summarizer.methods.dpp import DPP, greedy_map
from summarizer.methods.supervised import SupervisedScorer
from summarizer.selection import Selector
from summarizer.sentence_features import FEATURES, sentence_features, sentence_targets
from summarizer.sentence_model import DEFAULT_MODEL, ModelFileError, SentenceModel, fit


def test_features_shape_and_position():
    c = flood_cluster()
    x = sentence_features(c.space)
    assert x.shape == (len(c.sentences), len(FEATURES)) and np.isfinite(x).all()
    first = [i for i, s in enumerate(c.sentences) if s.position == 0]
    assert (x[first, FEATURES.index("first_sentence")] == 1).all()


def test_targets_reward_sentences_the_references_repeat():
    c = flood_cluster()
    y = sentence_targets(c.space, list(REFERENCES))
    texts = [s.text for s in c.sentences]
    assert y[texts.index("Heavy rain flooded the town of Marlow Creek on Tuesday.")] > \
        y[texts.index("Insurance companies expect large claims from the flood.")]


def test_model_round_trips_as_json(tmp_path):
    model = fit([flood_cluster()], min_df=2)
    path = tmp_path / "m.json"
    path.write_text(model.to_json())
    again = SentenceModel.load(path)
    x = sentence_features(flood_cluster().space, 2)
    assert np.allclose(again.predict(x), model.predict(x))
    assert json.loads(path.read_text())["features"] == list(FEATURES)


def test_packaged_model_is_plain_json_fitted_on_current_features():
    data = json.loads(DEFAULT_MODEL.read_text())
    assert data["features"] == list(FEATURES) and len(data["coef"]) == len(FEATURES)
    SentenceModel.load()


@pytest.mark.parametrize("content, match", [("{not json", "readable JSON"), ('{"format": "x"}', "not a"),
                                            (None, "not found")])
def test_bad_model_files_are_clear_errors(tmp_path, content, match):
    path = tmp_path / "m.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ModelFileError, match=match):
        SentenceModel.load(path)


def test_stale_feature_list_is_refused(tmp_path):
    data = json.loads(DEFAULT_MODEL.read_text())
    data["features"] = data["features"][:-1]
    (tmp_path / "m.json").write_text(json.dumps(data))
    with pytest.raises(ModelFileError, match="retrain"):
        SentenceModel.load(tmp_path / "m.json")


@pytest.mark.parametrize("method", [SupervisedScorer, DPP])
def test_deterministic_and_edge_cases(method):
    a = method().summarize(flood_cluster(), Budget(40))
    assert a.lines == method().summarize(flood_cluster(), Budget(40)).lines and a.n_words == 40
    assert method().summarize(empty_cluster(), Budget(10)).sentences == ()
    assert len(method().summarize(one_sentence_cluster(), Budget(100)).sentences) == 1


@settings(max_examples=12, deadline=None)
@given(limit=st.integers(1, 120), unit=st.sampled_from(["words", "bytes", "sentences"]),
       overflow=st.sampled_from(["cut", "skip"]), theta=st.sampled_from([0.0, 1.0, 3.0]))
def test_dpp_budget_honoured_exactly(limit, unit, overflow, theta):
    budget = Budget(limit if unit != "bytes" else limit * 5, unit)
    s = DPP(theta=theta, selector=Selector(overflow=overflow, min_words=1)).summarize(flood_cluster(), budget)
    size = sum(budget.size(t) for t in s.lines) if unit != "sentences" else len(s.lines)
    assert size <= budget.limit
    if overflow == "cut" and unit == "words":
        assert size == budget.limit


def test_dpp_greedy_skips_duplicates():
    # items 0 and 1 identical (rank-1 pair): after taking 0, item 1 adds no volume
    kernel = np.array([[4.0, 4.0, 0.5], [4.0, 4.0, 0.5], [0.5, 0.5, 1.0]])
    assert greedy_map(kernel, np.ones(3), 2, overflow="skip") == [0, 2]


def test_dpp_diversity_avoids_near_duplicates():
    dup = "Heavy rain flooded the town of Marlow Creek on Tuesday night."
    c = make_cluster([f"{dup} Farmers counted the lost wheat.", f"{dup} Power lines fell in the storm.",
                      f"{dup} Schools stayed closed all week."])
    s = DPP(selector=Selector(min_words=1, overflow="skip")).summarize(c, Budget(3, "sentences"))
    assert sum(line == dup for line in s.lines) <= 1


@pytest.mark.slow
def test_mds_train_fits_a_scorer_that_the_method_loads(tmp_path):
    data = tmp_path / "train.jsonl"
    data.write_text(json.dumps({"id": "flood", "documents": FLOOD, "references": REFERENCES}) + "\n")
    out = tmp_path / "scorer"
    proc = subprocess.run([sys.executable, "-m", "experiments.cli", "train", "method=supervised",
                           f"train_file={data}", f"eval_file={data}", f"output_dir={out}", "budget.limit=30"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "sentence scorer fitted" in proc.stdout
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["rouge"]["aggregate"]["rouge1_r"]["mean"] > 0
    s = SupervisedScorer(model=str(out / "model.json")).summarize(flood_cluster(), Budget(30))
    assert s.n_words == 30


def test_mds_train_rejects_missing_references(tmp_path):
    data = tmp_path / "train.jsonl"
    data.write_text(json.dumps({"id": "x", "documents": FLOOD}) + "\n")
    proc = subprocess.run([sys.executable, "-m", "experiments.cli", "train", "method=supervised",
                           f"train_file={data}", f"output_dir={tmp_path / 'o'}"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0 and "references" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "o" / "model.json").exists()
