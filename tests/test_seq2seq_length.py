"""Abstractive length: the budget sets max/min_new_tokens, briefings keep whole generated sentences,
and a model that generates nothing is a clear error naming it (tiny local checkpoints)."""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from neural_fixtures import SUBPROCESS_ENV, invented_article

from summarizer.budget import Budget
from summarizer.neural.generation import GenerationLength, GenerationSettings

ROOT = Path(__file__).resolve().parents[1]


def plain(**kwargs):
    from summarizer.methods.seq2seq import Seq2SeqSummarizer

    return Seq2SeqSummarizer(model="unused", **kwargs)


# --- whole sentences (no model needed) -------------------------------------------------------------

def test_sentences_mode_keeps_whole_sentences_that_fit():
    s = plain(cut="sentences")
    generated = ["One two three.", "Four five six seven.", "Eight nine ten."]
    assert s.fit(generated, Budget(7)) == generated[:2]
    assert s.fit(generated, Budget(5)) == generated[:1]
    assert s.fit(generated, Budget(100)) == generated


def test_sentences_mode_drops_an_unfinished_last_sentence_and_keeps_a_long_first_one():
    s = plain(cut="sentences")
    assert s.fit(["One two three.", "Four five six"], Budget(100)) == ["One two three."]
    assert s.fit(["\u201cWe agreed,\u201d he said.", "Then"], Budget(100)) == ["\u201cWe agreed,\u201d he said."]
    long = "a b c d e f g h i j."
    assert s.fit([long, "k l."], Budget(3)) == [long]  # never cut mid-way, never empty


def test_truncate_and_none_modes():
    generated = ["One two three.", "Four five six seven."]
    assert plain(cut="truncate").fit(generated, Budget(5)) == ["One two three.", "Four five"]
    assert plain(cut=True).cut == "truncate" and plain(cut=False).cut == "none"
    assert plain(cut="none").fit(generated, Budget(2)) == generated
    with pytest.raises(ValueError, match="cut must be one of truncate, sentences, none"):
        plain(cut="half")


def test_length_arithmetic():
    length = GenerationLength(headroom=1.5, min_share=0.5)
    assert length.new_tokens(Budget(100), 1.2) == (60, 180)
    assert length.new_tokens(Budget(2, "sentences"), 1.0) == (25, 75)  # 25 words a sentence
    assert length.new_tokens(Budget(600, "bytes"), 1.0) == (50, 150)  # 6 bytes a word
    with pytest.raises(ValueError, match="headroom"):
        GenerationLength(headroom=0.5)


# --- with a tiny checkpoint ----------------------------------------------------------------------

torch = pytest.importorskip("torch")


@pytest.mark.neural
def test_budget_sets_generation_length(tiny_bart):
    from summarizer.methods.seq2seq import Seq2SeqSummarizer
    from summarizer.neural.generation import tokens_per_word

    s = Seq2SeqSummarizer(model=str(tiny_bart), device="cpu", generation=GenerationSettings(num_beams=1))
    rate = tokens_per_word(s.loaded.tokenizer)
    assert rate > 0.5
    for words in (20, 80):
        config = s.generation_config(Budget(words))
        assert config.max_new_tokens == math.ceil(words * rate * 1.3)
        assert config.min_new_tokens == math.floor(words * rate * 0.6)
    assert s.generation_config(Budget(80)).max_new_tokens > s.generation_config(Budget(20)).max_new_tokens


@pytest.mark.neural
def test_config_overrides_the_budget(tiny_bart):
    from summarizer.methods.seq2seq import Seq2SeqSummarizer

    s = Seq2SeqSummarizer(model=str(tiny_bart), device="cpu",
                          generation=GenerationSettings(num_beams=1, max_new_tokens=7))
    config = s.generation_config(Budget(100))
    assert config.max_new_tokens == 7 and config.min_new_tokens == 7  # the budget's min never exceeds the user's max
    off = Seq2SeqSummarizer(model=str(tiny_bart), device="cpu", length=GenerationLength(from_budget=False))
    assert off.generation_config(Budget(100)).max_new_tokens is None  # the checkpoint's own


@pytest.mark.neural
def test_generated_length_follows_the_budget(tiny_bart):
    from summarizer.cluster import make_cluster
    from summarizer.methods.seq2seq import Seq2SeqSummarizer

    rng = random.Random(4)
    cluster = make_cluster([invented_article(rng, 6) for _ in range(3)], "c")
    s = Seq2SeqSummarizer(model=str(tiny_bart), device="cpu", cut="none", generation=GenerationSettings(num_beams=1))
    tok = s.loaded.tokenizer
    for words in (8, 30):
        summary = s.summarize(cluster, Budget(words))
        generated = " ".join(x.text for x in summary.sentences)
        n_tokens = len(tok(generated, add_special_tokens=False)["input_ids"])
        assert n_tokens <= summary.metadata["generation"]["max_new_tokens"] + 2  # decode/re-encode slack
        assert summary.metadata["generation"]["max_new_tokens"] == s.generation_config(Budget(words)).max_new_tokens
        assert summary.metadata["cut"] == "none"


def _mds(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "experiments.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env={**os.environ, **SUBPROCESS_ENV})


def _folder(tmp_path: Path) -> Path:
    rng = random.Random(9)
    folder = tmp_path / "cluster"
    folder.mkdir()
    for i in range(3):
        (folder / f"article{i}.txt").write_text(invented_article(rng, 4), encoding="utf-8")
    return folder


@pytest.mark.neural
@pytest.mark.slow
def test_mds_brief_abstractive_keeps_whole_sentences_within_the_budget(tiny_bart, tmp_path):
    from summarizer.methods.seq2seq import Seq2SeqSummarizer
    from summarizer.readers import read_cluster

    folder = _folder(tmp_path)
    out = tmp_path / "brief.json"
    proc = _mds("brief", str(folder), "--method", "bart", f"method.model={tiny_bart}", "--format", "json",
                "--words", "12", "-o", str(out), "method.generation.num_beams=1")
    assert proc.returncode == 0, proc.stderr
    briefing = json.loads(out.read_text())
    s = Seq2SeqSummarizer(model=str(tiny_bart), device="cpu", cut="none", generation=GenerationSettings(num_beams=1))
    assert briefing["metadata"]["generation"]["max_new_tokens"] == s.generation_config(Budget(12)).max_new_tokens
    assert briefing["metadata"]["cut"] == "sentences"  # conf/brief.yaml generated_cut, not evaluation's truncate
    # The same generation, uncut: the briefing's points are its first sentences, each whole.
    from summarizer.cleaning import clean_cluster

    full = [x.text for x in s.summarize(clean_cluster(read_cluster(folder)), Budget(12)).sentences]
    points = [p["text"] for p in briefing["points"]]
    assert points and points == full[: len(points)]
    assert len(points) == 1 or sum(len(p.split()) for p in points) <= 12
    for p in briefing["points"]:  # cited or flagged
        assert p["citations"] or p.get("supported") is False


@pytest.mark.neural
@pytest.mark.slow
def test_mds_brief_empty_generation_names_the_model(tiny_bart, tmp_path):
    folder = _folder(tmp_path)
    out = tmp_path / "brief.md"
    proc = _mds("brief", str(folder), "--method", "bart", f"method.model={tiny_bart}", "-o", str(out),
                "method.generation.num_beams=1", "method.generation.max_new_tokens=1",
                "method.generation.min_new_tokens=0")
    assert proc.returncode == 2, proc.stderr
    assert f"model {tiny_bart} generated no text" in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert not out.exists()
