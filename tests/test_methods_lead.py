"""Lead takes first sentences round-robin over the documents."""

from _method_fixtures import FLOOD, empty_cluster, flood_cluster, one_sentence_cluster

from summarizer.budget import Budget
from summarizer.methods.lead import Lead
from summarizer.sentences import split_sentences


def test_first_sentences_round_robin():
    s = Lead().summarize(flood_cluster(), Budget(4, "sentences"))
    firsts = [split_sentences(d)[0] for d in FLOOD]
    seconds = [split_sentences(d)[1] for d in FLOOD]
    assert s.lines == firsts + seconds[:1]
    assert [(x.doc, x.position) for x in s.sentences] == [(0, 0), (1, 0), (2, 0), (0, 1)]


def test_word_budget_is_cut_exactly():
    s = Lead().summarize(flood_cluster(), Budget(12, "words"))
    assert s.n_words == 12
    assert s.lines[0] == split_sentences(FLOOD[0])[0]


def test_empty_and_single_sentence():
    assert Lead().summarize(empty_cluster(), Budget(10)).sentences == ()
    s = Lead().summarize(one_sentence_cluster(), Budget(100))
    assert len(s.sentences) == 1 and s.method == "lead"
