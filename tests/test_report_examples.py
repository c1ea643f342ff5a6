"""Side-by-side examples: every summary sentence tagged with its source documents; references from the dataset."""

import pytest

from _report_fixtures import make_runs
from experiments.report_examples import build_examples, load_dataset_clusters, summary_sentences
from experiments.report_runs import load_runs
from summarizer.budget import Budget


def test_sentences_keep_their_sources():
    pred = {"summary": "a\nb", "sentences": [
        {"text": "a", "sources": [{"doc": 2, "position": 0}]},
        {"text": "b", "sources": [{"doc": 0, "position": 1}, {"doc": 3, "position": 4}, {"doc": 0, "position": 2}]},
        {"text": "c", "sources": []}]}
    s = summary_sentences(pred)
    assert [x.tag for x in s] == ["D3", "D1,D4", "no source"]
    # predictions from other tools: plain lines, no provenance
    assert [x.tag for x in summary_sentences({"summary": "x\ny"})] == ["no source", "no source"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("ex") / "sweep"
    make_runs(root, n_clusters=3, truncate=Budget(40, "words"))
    return load_runs([root])


def test_examples_show_references_and_each_method(runs):
    clusters, why = load_dataset_clusters(runs)
    assert why == "" and sorted(clusters) == ["T00", "T01", "T02"]
    ex = build_examples(runs, "rouge2_r", 2, clusters)
    assert [e.cluster_id for e in ex] == ["T00", "T01"]
    assert [c.label for c in ex[0].columns] == ["lead", "textrank", "oracle (upper bound)"]
    assert ex[0].references == clusters["T00"].references and len(ex[0].documents) == 3
    for col in ex[0].columns:
        assert col.sentences and all(s.docs for s in col.sentences)  # extractive: every sentence has a source
        assert col.score == runs[0].by_id()["T00"].scores["rouge2_r"] or col.label != "lead"


def test_untrusted_loader_is_not_instantiated(runs, tmp_path):
    from dataclasses import replace

    evil = [replace(runs[0], config={"data": {"loader": {"_target_": "os.system", "command": "touch x"}}})]
    clusters, why = load_dataset_clusters(evil)
    assert clusters == {} and "not one of summarizer.datasets" in why
    ex = build_examples(evil, "rouge2_r", 1, clusters, why)
    assert ex[0].references == () and "references not shown" in ex[0].note


def test_missing_dataset_costs_only_the_references(runs):
    from dataclasses import replace

    gone = [replace(runs[0], config={"data": {"loader": {"_target_": "summarizer.datasets.jsonl.load_jsonl",
                                                         "path": "/nonexistent/x.jsonl"}}})]
    clusters, why = load_dataset_clusters(gone)
    assert clusters == {} and "cannot load the dataset" in why
