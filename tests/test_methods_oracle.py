"""Oracle (upper bound): greedy ROUGE maximisation against the references."""

import pytest
from _method_fixtures import flood_cluster, one_sentence_cluster
from rouge_score.rouge_scorer import RougeScorer

from summarizer.budget import Budget
from summarizer.methods.oracle import LABEL, Oracle
from summarizer.methods.textrank import TextRank
from summarizer.methods.lead import Lead


def mean_recall(summary, cluster):
    scorer = RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    scores = [scorer.score(ref, summary.text) for ref in cluster.references]
    return sum(s["rouge1"].recall + s["rouge2"].recall for s in scores) / len(scores)


def test_oracle_beats_textrank_and_lead_on_rouge():
    c = flood_cluster()
    budget = Budget(30, "words")
    oracle = Oracle().summarize(c, budget)
    assert oracle.n_words <= 30
    for other in (TextRank(), Lead()):
        assert mean_recall(oracle, c) > mean_recall(other.summarize(c, budget), c)


def test_objective_value_is_rouge_score_of_the_summary():
    c = flood_cluster()
    s = Oracle().summarize(c, Budget(30, "words"))
    assert s.metadata["objective_value"] == pytest.approx(mean_recall(s, c))


def test_labelled_as_upper_bound():
    s = Oracle().summarize(flood_cluster(), Budget(2, "sentences"))
    assert s.method == "oracle" and s.metadata["label"] == LABEL == "oracle (upper bound)"
    assert s.metadata["upper_bound"] is True


def test_needs_references():
    with pytest.raises(ValueError, match="reference summaries"):
        Oracle().summarize(one_sentence_cluster(), Budget(10))


def test_rejects_non_rouge_n_metrics():
    with pytest.raises(ValueError):
        Oracle(metrics=("rougeL",))
