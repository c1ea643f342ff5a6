"""Shared selection: budgets in every unit, deterministic ties, ordering, the budgeted greedy."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from summarizer.pipeline import prepare
from summarizer.budget import Budget
from summarizer.cluster import Sentence, make_cluster
from summarizer.methods.lead import Lead
from summarizer.methods.random import Random
from summarizer.methods.textrank import TextRank
from summarizer.selection import Selector, budgeted_greedy, cost, ranking
from summarizer.similarity import tfidf_vectors

WORDS = ["flood", "river", "town", "rain", "mayor", "boat", "crew", "école", "naïve", "wheat", "power", "x"]
sentence_text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map(lambda ws: " ".join(ws).capitalize() + ".")
document = st.lists(sentence_text, min_size=0, max_size=6).map(" ".join)
cluster_docs = st.lists(document, min_size=1, max_size=4)
budgets = st.builds(Budget, st.integers(1, 300), st.sampled_from(["words", "sentences", "bytes"]))


def size_of(lines, budget):
    if budget.unit == "words":
        return sum(len(t.split()) for t in lines)
    if budget.unit == "bytes":
        return sum(len(t.encode("utf-8")) for t in lines)
    return len(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=cluster_docs, budget=budgets, overflow=st.sampled_from(["cut", "skip"]),
       mmr=st.sampled_from([None, 0.7]), method=st.sampled_from(["lead", "random", "textrank"]))
def test_summaries_never_exceed_the_budget(docs, budget, overflow, mmr, method):
    selector = Selector(overflow=overflow, mmr=mmr, min_words=1)
    m = {"lead": Lead, "random": Random, "textrank": TextRank}[method](selector=selector)
    s = m.summarize(make_cluster(docs), budget)
    assert size_of(s.lines, budget) <= budget.limit
    if overflow == "skip":  # whole sentences only
        assert all(x.text == x.sources[0].text for x in s.sentences)


@settings(max_examples=30, deadline=None)
@given(docs=cluster_docs, budget=budgets)
def test_cut_fills_the_budget_when_there_is_enough_text(docs, budget):
    c = make_cluster(docs)
    s = Lead(selector=Selector(redundancy=1.0, min_words=1, max_words=10_000, order="score")).summarize(c, budget)
    total = size_of([x.text for x in prepare(c).sentences], budget)
    assert size_of(s.lines, budget) == min(budget.limit, total) or (
        budget.unit == "bytes" and size_of(s.lines, budget) >= min(budget.limit, total) - 1)  # a cut é


def test_bytes_are_counted_per_line_as_rouge_does():
    sents = [Sentence(0, i, t) for i, t in enumerate(["aaaa bb.", "ccc dé.", "e."])]  # 8, 8 (é is 2), 2 bytes
    b = Budget(16, "bytes")
    assert cost(b, sents[1].text) == 8
    sel = Selector(redundancy=1.0, min_words=1, overflow="skip")
    assert sel.select(sents, np.array([3.0, 2.0, 1.0]), b) == [0, 1]  # 16 bytes exactly; "e." no longer fits
    assert sel.select(sents, np.array([3.0, 2.0, 1.0]), Budget(15, "bytes")) == [0, 2]


def test_ties_break_by_document_then_position():
    sents = [Sentence(1, 0, "b zero"), Sentence(0, 1, "a one"), Sentence(0, 0, "a zero")]
    assert list(ranking(sents, np.array([1.0, 1.0, 1.0]))) == [2, 1, 0]
    assert list(ranking(sents, np.array([1.0, 2.0, 1.0]))) == [1, 2, 0]


def test_redundancy_threshold_skips_near_duplicates():
    texts = ["The river flooded the old town today.", "The river flooded the old town today!",
             "Crews rescued families by boat."]
    sents = [Sentence(i, 0, t) for i, t in enumerate(texts)]
    vec = tfidf_vectors(texts)
    sel = Selector(redundancy=0.5, min_words=1)
    assert sel.select(sents, np.array([3.0, 2.0, 1.0]), Budget(2, "sentences"), vec) == [0, 2]
    assert Selector(redundancy=1.0, min_words=1).select(sents, np.array([3.0, 2.0, 1.0]), Budget(2, "sentences"), vec) == [0, 1]


def test_length_filters_and_fallback():
    sents = [Sentence(0, 0, "Short."), Sentence(0, 1, "This one has exactly six words."), Sentence(0, 2, "Tiny.")]
    assert list(Selector(min_words=5, max_words=10).candidates(sents)) == [1]
    assert list(Selector(min_words=50).candidates(sents)) == [0, 1, 2]  # nothing in range: keep all


@pytest.mark.parametrize("order,expected", [("position", [(0, 1), (1, 0)]), ("score", [(1, 0), (0, 1)])])
def test_ordering_policies(order, expected):
    c = make_cluster(["First flood story sentence here. Second sentence is the key one.",
                      "Other document opening sentence wins."])
    scores = np.array([0.0, 1.0, 2.0])
    sents = prepare(c).sentences
    sel = Selector(order=order, redundancy=1.0, min_words=1)
    chosen = sel.select(sents, scores, Budget(2, "sentences"))
    assert [(sents[i].doc, sents[i].position) for i in sel.arrange(chosen, sents, c, scores)] == expected


def test_date_order_uses_document_dates():
    import datetime as dt
    from summarizer.cluster import Cluster, Document

    c = Cluster("d", (Document("a", "Later story sentence one.", date=dt.date(2020, 5, 2)),
                      Document("b", "Earlier story sentence one.", date=dt.date(2020, 5, 1))))
    sel = Selector(order="date", redundancy=1.0, min_words=1)
    assert sel.arrange([0, 1], prepare(c).sentences, c, np.zeros(2)) == [1, 0]


def test_budgeted_greedy_singleton_check():
    # one big item worth 10 (cost 10) vs small items of ratio 1.5 worth 1.5 each (cost 1): the cost-scaled
    # greedy fills up with small items (total 3 within budget 10 after the big one no longer fits?)
    values = np.array([10.0, 1.5, 1.5])
    costs = [10, 1, 1]

    def gains(chosen, which):
        return values[which]

    def value(chosen):
        return float(values[chosen].sum())

    # scale 1: ratio 1.0 for the big one, 1.5 for small ones -> small ones first, then the big one no longer fits
    assert budgeted_greedy([0, 1, 2], costs, 10, gains, value, scale=1.0) == [0]  # singleton beats {1, 2}
    assert budgeted_greedy([0, 1, 2], costs, 12, gains, value, scale=1.0) == [1, 2, 0]
    assert budgeted_greedy([], [], 5, gains, value) == []


def test_budgeted_greedy_stops_when_nothing_helps():
    def gains(chosen, which):
        return np.where(np.isin(which, chosen), -1.0, -1.0)

    assert budgeted_greedy([0, 1], [1, 1], 5, gains, lambda c: 0.0) == []


def test_undated_documents_borrow_the_date_of_their_closest_dated_document():
    import datetime as dt

    from summarizer import Budget, Cluster, Document, Selector
    from summarizer.methods.lead import Lead

    docs = (
        Document("late", "The harbour strike ended on Friday after dock workers accepted the pay offer.",
                 date=dt.date(2024, 5, 10)),
        Document("undated", "Dock workers in the harbour began a strike over pay on Monday morning."),
        Document("early", "The city council approved the new tram line budget after a long debate.",
                 date=dt.date(2024, 5, 1)),
        Document("undated-2", "Council members debated the tram line budget for six hours."),
    )
    cluster = Cluster("c", docs)
    dates = prepare(cluster).space.dates
    assert dates == [dt.date(2024, 5, 10), dt.date(2024, 5, 10), dt.date(2024, 5, 1), dt.date(2024, 5, 1)]
    summary = Lead(selector=Selector(order="date", redundancy=1.0, min_words=1)).summarize(cluster, Budget(4, "sentences"))
    assert [s.doc for s in summary.sentences] == [2, 3, 0, 1]
    # without any dated document nothing is inferred and the order is by document
    bare = Cluster("b", tuple(Document(d.id, d.text) for d in docs))
    assert prepare(bare).space.dates == [None] * 4


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=cluster_docs, budget=budgets, overflow=st.sampled_from(["cut", "skip"]),
       redundancy=st.sampled_from([0.0, 0.25, 0.5, 0.9]))
def test_redundancy_check_matches_the_pairwise_definition(docs, budget, overflow, redundancy):
    """The threshold greedy keeps a running maximum per candidate; this is the definition it must equal:
    a candidate is skipped when its cosine to any already chosen sentence exceeds ``redundancy``."""
    cluster = prepare(make_cluster(docs))
    sentences = cluster.sentences
    if not sentences:
        return
    vectors = cluster.space.tfidf
    scores = np.asarray(TextRank().score(cluster.space))
    selector = Selector(redundancy=redundancy, overflow=overflow, min_words=1)
    expected, used = [], 0
    for i in ranking(sentences, scores, selector.candidates(sentences)):
        size = cost(budget, sentences[i].text)
        if overflow == "skip" and used + size > budget.limit:
            continue
        if expected and max(float((vectors[j] @ vectors[i].T).toarray()[0, 0]) for j in expected) > redundancy:
            continue
        expected.append(int(i))
        used += size
        if used >= budget.limit:
            break
    assert selector.select(sentences, scores, budget, vectors) == expected


def test_quotes_balanced_finds_half_quotations():
    from summarizer.selection import quotes_balanced

    assert quotes_balanced('"We agreed," he said.')
    assert quotes_balanced("\u201cWe agreed,\u201d he said. It's the minister's view.")
    assert not quotes_balanced('We are ready to cooperate with the coalition."')
    assert not quotes_balanced('He added, "If our partners are not ready, we will wait.')
    assert not quotes_balanced("\u201cWe agreed on strikes, he said.")


def test_standalone_selector_skips_half_quotations():


    texts = ['We are ready to cooperate with the whole coalition now."',
             'The ministers met in Moscow on Monday to discuss joint strikes.',
             '"We will strike only the terrorists," the minister told reporters.']
    sentences = [Sentence(0, i, t) for i, t in enumerate(texts)]
    assert list(Selector(min_words=1, standalone=True).candidates(sentences)) == [1, 2]
    assert list(Selector(min_words=1).candidates(sentences)) == [0, 1, 2]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 60), st.integers(1, 80), st.floats(0.01, 0.5), st.integers(0, 2**16))
def test_a_sentence_row_of_similarities_equals_the_sparse_product(n, terms, density, seed):
    """_row multiplies a sparse matrix by a dense row: bit for bit the sparse product with matrix[i].T."""
    import scipy.sparse as sp

    from summarizer.selection import _row
    from summarizer.terms import tfidf_weights

    rng = np.random.default_rng(seed)
    counts = sp.random(n, terms, density=density, format="csr", random_state=seed,
                       data_rvs=lambda k: rng.integers(1, 4, k).astype(float))
    vectors = tfidf_weights(counts)
    for i in range(n):
        expected = np.asarray((vectors @ vectors[i].T).toarray(), dtype=np.float64).ravel()
        assert np.array_equal(_row(vectors, i), expected)
    dense = vectors.toarray()
    assert np.array_equal(_row(dense, 0), np.asarray(dense @ dense[0].T, dtype=np.float64).ravel())
