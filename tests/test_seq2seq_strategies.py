"""Input strategies: every one of them keeps the model input within its token budget."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neural_fixtures import invented_article, invented_clusters


torch = pytest.importorskip("torch")
pytestmark = pytest.mark.neural

from summarizer.pipeline import prepare
from summarizer.methods.seq2seq import Seq2SeqSummarizer  # noqa: E402
from summarizer.neural.generation import GenerationSettings  # noqa: E402
from summarizer.neural.input_strategies import (  # noqa: E402
    Concatenate,
    ExtractThenAbstract,
    InputContext,
    MapReduce,
    document_texts,
)

GREEDY = GenerationSettings(num_beams=1, min_new_tokens=3, max_new_tokens=12)


@pytest.fixture(scope="module")
def bart_tokenizer(tiny_bart):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_bart)


@settings(max_examples=40, deadline=None)
@given(text=st.text(st.sampled_from(list("abcdefgh ijklm.,\n\u00e9\u4e2d")), max_size=200), n=st.integers(0, 60))
def test_truncate_is_a_prefix_within_budget(bart_tokenizer, text, n):
    ctx = InputContext(bart_tokenizer, max_tokens=n)
    cut = ctx.truncate(text, n)
    assert text.startswith(cut)
    assert ctx.count(cut) <= n
    if ctx.count(text) <= n:
        assert cut == text


def strategies():
    from summarizer.methods.textrank import TextRank

    return [Concatenate("end"), Concatenate("equal"), ExtractThenAbstract(TextRank()),
            ExtractThenAbstract(TextRank(), order="rank"), MapReduce(max_rounds=2)]


@pytest.mark.parametrize("kind", ["bart", "t5", "led"])
@pytest.mark.parametrize("budget", [24, 80])
def test_every_strategy_respects_the_input_budget(request, kind, budget):
    path = request.getfixturevalue(f"tiny_{kind}")
    clusters = invented_clusters(2, docs=4, sentences=5, seed=budget)
    s = Seq2SeqSummarizer(model=str(path), device="cpu", generation=GREEDY, max_input_tokens=budget)
    for strategy in strategies():
        ctx = s.context()
        assert ctx.max_tokens < budget  # special tokens and the T5 prefix are set aside
        inputs = strategy.inputs(clusters, ctx)
        tok = s.loaded.tokenizer
        for text in inputs:
            assert text, strategy
            assert ctx.count(text) <= ctx.max_tokens, strategy
            full = tok(s.task_prefix() + text)["input_ids"]  # what the model will really read
            assert len(full) <= budget, strategy


def test_equal_truncation_keeps_every_document(tiny_bart):
    from summarizer.cluster import make_cluster

    rng = random.Random(3)
    clusters = [make_cluster([f"Story {name} begins here. " + invented_article(rng, 8)
                              for name in ("Alpha", "Bravo", "Charlie", "Delta")])]
    s = Seq2SeqSummarizer(model=str(tiny_bart), device="cpu", max_input_tokens=120)
    ctx = s.context()
    docs = document_texts(clusters[0])
    end = Concatenate("end").prepare(clusters[0], ctx)
    equal = Concatenate("equal").prepare(clusters[0], ctx)
    assert "Story Delta" not in end  # truncating the end loses the last article
    for name in ("Alpha", "Bravo", "Charlie", "Delta"):
        assert f"Story {name} begins here." in equal  # an equal share keeps each article's lead
    assert equal.count(s.doc_separator()) == len(docs) - 1


def test_short_clusters_are_not_truncated(tiny_bart):
    from summarizer.cluster import make_cluster

    cluster = make_cluster(["The council met.", "The bridge opened."])
    s = Seq2SeqSummarizer(model=str(tiny_bart), device="cpu")
    for strategy in (Concatenate("end"), Concatenate("equal"), MapReduce()):
        assert strategy.inputs([cluster], s.context()) == ["The council met. <doc-sep> The bridge opened."]


def test_extract_then_abstract_takes_the_extractors_best_sentences(tiny_bart):
    from summarizer.methods.lead import Lead

    rng = random.Random(2)
    from summarizer.cluster import make_cluster

    cluster = make_cluster([invented_article(rng, 6) for _ in range(3)])
    s = Seq2SeqSummarizer(model=str(tiny_bart), device="cpu", max_input_tokens=60)
    text = ExtractThenAbstract(Lead(), order="rank").prepare(cluster, s.context())
    first = prepare(cluster).sentences[0].text
    assert text.startswith(first)  # Lead ranks the first sentence first


def test_map_reduce_summarizes_parts_when_the_cluster_does_not_fit(tiny_bart):
    calls = []
    clusters = invented_clusters(2, docs=3, sentences=6)
    s = Seq2SeqSummarizer(model=str(tiny_bart), device="cpu", generation=GREEDY, max_input_tokens=64)
    ctx = s.context()
    real = ctx.generate

    def counting(texts):
        calls.append(len(texts))
        return real(texts)

    ctx.generate = counting
    inputs = MapReduce().inputs(clusters, ctx)
    assert calls and calls[0] >= len(clusters) * 3  # first map round: documents of both clusters, one batch
    assert all(ctx.count(t) <= ctx.max_tokens for t in inputs)


def test_map_reduce_needs_a_model(bart_tokenizer):
    with pytest.raises(ValueError, match="map-reduce"):
        MapReduce().inputs(invented_clusters(1), InputContext(bart_tokenizer, 10))
