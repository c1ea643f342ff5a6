"""What makes evaluation fast changes no number: every path is checked against a fresh rouge-score.

The paths: the in-process memo and caching tokenizer, the SQLite cache shared by runs (cold and
warm), worker processes (``n_jobs``), and the diagnostics' remembered source n-grams.
"""

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer

from summarizer.budget import Budget
from summarizer.cluster import make_cluster
from summarizer.evaluation import RougeSettings, evaluate
from summarizer.evaluation import rouge as rouge_module
from summarizer.evaluation import rouge_cache
from summarizer.evaluation.metric import Eval
from summarizer.evaluation.rouge import RougeScore, score_pair
from summarizer.summary import Summary, SummarySentence

METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")
WORDS = ["the", "The", "cat", "cats", "running", "ran", "runs", "mat", "on", "a", "U.S.", "don't", "42", "4.2",
         "café", "naïve", "—", "...", "x", "river", "rivers", "rose", "Rain", "fell", "said", "city"]
line = st.lists(st.sampled_from(WORDS), min_size=0, max_size=14).map(" ".join)
text = st.lists(line, min_size=0, max_size=5).map("\n".join)


def fresh(reference: str, peer: str, stemming: bool) -> dict:
    """Plain rouge-score, built anew: the anchor every number must equal exactly."""
    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=stemming).score(reference, peer)


@settings(max_examples=60, deadline=None)
@given(peer=text, reference=text, stemming=st.booleans())
def test_a_pair_scores_exactly_what_a_fresh_rouge_scorer_scores(peer, reference, stemming):
    ours = score_pair(peer, reference, METRICS, stemming)
    again = score_pair(peer, reference, METRICS, stemming)  # the memo's answer
    want = fresh(reference, peer, stemming)
    for m in METRICS:
        assert tuple(ours[m]) == tuple(want[m]) == tuple(again[m])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(peers=st.lists(text, min_size=1, max_size=3), refs=st.lists(text, min_size=1, max_size=3),
       stemming=st.booleans())
def test_cached_runs_score_exactly_what_a_fresh_rouge_scorer_scores(tmp_path_factory, peers, refs, stemming):
    path = tmp_path_factory.mktemp("cache") / "rouge.sqlite"
    evals = [Eval("e", {f"p{i}": p for i, p in enumerate(peers)}, {f"r{j}": r for j, r in enumerate(refs)})]
    rouge_module._score_pair.cache_clear()  # the file, not the in-process memo, must answer the second time
    cold = RougeScore(METRICS, stemming, cache=path)._score_unique([(p, r) for p in peers for r in refs], 1)
    rouge_module._score_pair.cache_clear()
    warm = RougeScore(METRICS, stemming, cache=path)._score_unique([(p, r) for p in peers for r in refs], 1)
    pairs = [(p, r) for p in peers for r in refs]
    for (p, r), c, w in zip(pairs, cold, warm):
        want = fresh(r, p, stemming)
        assert all(tuple(c[m]) == tuple(w[m]) == tuple(want[m]) for m in METRICS)
    assert RougeScore(METRICS, stemming, cache=path).score_evals(evals).scores == \
        RougeScore(METRICS, stemming).score_evals(evals).scores


def _run(cid: str, lines: list[str]) -> tuple:
    refs = ["\n".join(lines[i::2]) for i in range(2)]
    cluster = make_cluster(["\n".join(lines)], cid, references=refs)
    summary = Summary(cid, tuple(SummarySentence(t) for t in lines[:3]), "test", Budget(30, "words"))
    return cluster, summary


CLUSTERS = [_run(f"c{i}", [f"Storm {i} hit the coast on day {d}." for d in range(i, i + 6)]) for i in range(40)]


def test_a_warm_cache_answers_without_rouge_score_and_gives_the_same_numbers(tmp_path, monkeypatch):
    clusters, summaries = [c for c, _ in CLUSTERS[:5]], [s for _, s in CLUSTERS[:5]]
    s = RougeSettings(truncate=Budget(12, "words"))
    plain = evaluate(summaries, clusters, s)
    path = tmp_path / "sub" / "rouge.sqlite"
    cold = evaluate(summaries, clusters, s, cache=path)
    assert path.exists() and len(rouge_cache.RougeCache(path)) == 10  # 5 summaries x 2 references
    rouge_module._score_pair.cache_clear()
    calls = []
    real = rouge_module._score_in_jobs
    monkeypatch.setattr(rouge_module, "_score_in_jobs", lambda pairs, *a: calls.append(len(pairs)) or real(pairs, *a))
    warm = evaluate(summaries, clusters, s, cache=path)
    assert calls == [0]  # nothing left for rouge-score
    assert plain.per_cluster == cold.per_cluster == warm.per_cluster


def test_an_engine_version_change_is_a_cache_miss(tmp_path, monkeypatch):
    path = tmp_path / "rouge.sqlite"
    pairs = [("The cat sat.", "The cat lay.")]
    RougeScore(METRICS, cache=path)._score_unique(pairs, 1)
    key = rouge_cache.pair_key(*pairs[0], METRICS, True)
    assert rouge_cache.RougeCache(path).get_many([key])
    assert rouge_cache.pair_key(*pairs[0], METRICS, False) != key
    assert rouge_cache.pair_key(*pairs[0], METRICS[:2], True) != key
    monkeypatch.setattr(rouge_cache, "engine_versions", lambda: ("9.9.9", "3.10.4"))
    assert rouge_cache.pair_key(*pairs[0], METRICS, True) != key


def test_a_file_that_is_not_a_cache_is_a_one_line_error(tmp_path):
    bad = tmp_path / "rouge.sqlite"
    bad.write_bytes(b"not a database at all, just bytes" * 100)
    with pytest.raises(ValueError, match=r"^ROUGE cache .*rouge\.sqlite: ") as err:
        RougeScore(METRICS, cache=bad)._score_unique([("a b", "a c")], 1)
    assert "\n" not in str(err.value)
    with sqlite3.connect(tmp_path / "other.sqlite") as db:
        db.execute("CREATE TABLE scores (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO scores VALUES (?, ?)", (rouge_cache.pair_key("a b", "a c", METRICS, True), "{oops"))
    with pytest.raises(ValueError, match=r"^ROUGE cache "):
        RougeScore(METRICS, cache=tmp_path / "other.sqlite")._score_unique([("a b", "a c")], 1)


@pytest.mark.slow  # starting the worker processes takes seconds
def test_worker_processes_and_the_cache_give_the_numbers_of_one_process(tmp_path):
    clusters, summaries = [c for c, _ in CLUSTERS], [s for _, s in CLUSTERS]  # 80 pairs: enough for workers
    s = RougeSettings()
    one = evaluate(summaries, clusters, s, n_jobs=1)
    rouge_module._score_pair.cache_clear()
    two = evaluate(summaries, clusters, s, n_jobs=2, cache=tmp_path / "rouge.sqlite")
    assert one.per_cluster == two.per_cluster
    for (cluster, summary), row in zip(CLUSTERS[:3], one.per_cluster):
        want = [fresh(r, summary.text, True) for r in cluster.references]
        assert row["scores"]["rougeLsum_p"] == pytest.approx(sum(w["rougeLsum"].precision for w in want) / 2, abs=0)


def test_remembered_source_ngrams_follow_the_documents():
    from summarizer.evaluation.diagnostics import source_grams

    a = make_cluster(["Rain fell on the city."], "a")
    b = make_cluster(["Snow fell on the hills."], "a")
    assert source_grams(a)[0] != source_grams(b)[0]
    assert source_grams(a) is source_grams(make_cluster(["Rain fell on the city."], "other id"))
