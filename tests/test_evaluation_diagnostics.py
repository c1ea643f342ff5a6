"""Diagnostics beyond ROUGE, on invented texts."""

import pytest

from summarizer.budget import Budget
from summarizer.cluster import Sentence, make_cluster
from summarizer.evaluation.diagnostics import diagnose, redundancy
from summarizer.summary import Summary, SummarySentence

CLUSTER = make_cluster(["The council approved the new bridge on Monday. Work starts in May.",
                        "Residents welcomed the bridge plan. Some worried about the cost."], "c")


def summary(*lines, sources=()):
    sents = tuple(SummarySentence(t, sources=sources[i] if sources else ()) for i, t in enumerate(lines))
    return Summary("c", sents, "test", Budget(50))


def test_extractive_summary_has_no_novel_ngrams_and_counts_documents_by_overlap():
    d = diagnose(summary("The council approved the new bridge on Monday.", "Some worried about the cost."), CLUSTER)
    assert d["novel_unigrams"] == 0 and d["novel_bigrams"] == 0
    assert d["documents_used"] == 2 and d["documents_used_from"] == "overlap"
    assert d["length_words"] == 13 and d["length_sentences"] == 2
    assert d["documents_total"] == 2


def test_novel_share_by_hand():
    # 4 bigrams: "the bridge", "bridge was", "was approved", "approved quickly"; only "the bridge" is in a source
    d = diagnose(summary("The bridge was approved quickly."), CLUSTER)
    assert d["novel_bigrams"] == pytest.approx(3 / 4)
    assert d["novel_unigrams"] == pytest.approx(2 / 5)  # "was", "quickly"


def test_redundancy_counts_repeated_bigrams():
    assert redundancy(["the bridge opens", "the bridge opens"]) == pytest.approx(0.5)
    assert redundancy(["the bridge opens", "work starts soon"]) == 0.0
    assert redundancy([]) == 0.0


def test_provenance_is_preferred_when_recorded():
    src = ((Sentence(1, 0, "Residents welcomed the bridge plan."),),)
    d = diagnose(summary("Residents liked it.", sources=src), CLUSTER)
    assert d["documents_used"] == 1 and d["documents_used_from"] == "provenance"
