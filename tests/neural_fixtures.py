"""Tiny random seq2seq checkpoints (BART, T5, LED) built from scratch for the neural tests.

Each is a trained-in-the-test BPE tokenizer wrapped as a PreTrainedTokenizerFast plus a randomly
initialised model of a few thousand parameters, written with save_pretrained to a folder, so tests
load them through exactly the from_pretrained path a real checkpoint takes. All text is invented.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

PLACES = ["Varnholm", "Keltby", "Osterdale", "Mirrow", "Tansfield", "Quillon", "Brackhurst"]
BODIES = ["council", "water board", "harbour authority", "school trust", "transit agency", "weather office"]
ACTIONS = ["approved", "delayed", "rejected", "announced", "reviewed", "funded"]
OBJECTS = ["a new footbridge", "the flood barrier", "a ferry timetable", "two bus routes", "the library roof",
           "a storm warning", "repairs to the old mill", "a cycling lane"]
WHEN = ["on Tuesday", "last week", "after a long debate", "despite protests", "late on Friday", "this morning"]
EXTRA = ["Residents said they were relieved.", "Officials expect the work to take six months.",
         "The cost was put at four million crowns.", "Critics called the plan rushed.",
         "A vote is planned for the spring.", "Local shops welcomed the news."]
SPECIALS = ["<s>", "<pad>", "</s>", "<unk>", "<mask>", "<doc-sep>"]


def invented_sentence(rng: random.Random) -> str:
    return (f"The {rng.choice(BODIES)} of {rng.choice(PLACES)} {rng.choice(ACTIONS)} "
            f"{rng.choice(OBJECTS)} {rng.choice(WHEN)}.")


def invented_article(rng: random.Random, n_sentences: int = 5) -> str:
    out = []
    for _ in range(n_sentences):
        out.append(invented_sentence(rng))
        if rng.random() < 0.5:
            out.append(rng.choice(EXTRA))
    return " ".join(out)


def invented_clusters(n: int, docs: int = 3, sentences: int = 4, seed: int = 0) -> list:
    """Clusters of invented articles with a reference each (references are one invented sentence)."""
    from summarizer.cluster import make_cluster

    rng = random.Random(seed)
    return [make_cluster([invented_article(rng, sentences + (d % 3)) for d in range(docs)], f"c{k}",
                         references=[invented_sentence(rng)]) for k in range(n)]


def train_tokenizer(folder: Path, style: str = "bart", vocab_size: int = 400):
    """A byte-level BPE tokenizer trained on invented text, saved as a transformers tokenizer."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    rng = random.Random(1)
    corpus = [invented_article(rng, 6) for _ in range(200)]
    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIALS,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(corpus, trainer)
    bos, eos = tok.token_to_id("<s>"), tok.token_to_id("</s>")
    if style == "t5":  # T5 appends </s> only
        tok.post_processor = processors.TemplateProcessing(single="$A </s>", pair="$A </s> $B </s>",
                                                           special_tokens=[("</s>", eos)])
    else:  # BART / LED: <s> text </s>
        tok.post_processor = processors.TemplateProcessing(single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
                                                           special_tokens=[("<s>", bos), ("</s>", eos)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                                   unk_token="<unk>", mask_token="<mask>", model_max_length=4096)
    fast.add_special_tokens({"additional_special_tokens": ["<doc-sep>"]})
    fast.save_pretrained(folder)
    return fast


def build_tiny(folder: Path, kind: str) -> Path:
    """Save a tiny random ``kind`` ("bart", "t5", "led") checkpoint + tokenizer to ``folder``."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, BartConfig, LEDConfig, T5Config

    folder.mkdir(parents=True, exist_ok=True)
    tok = train_tokenizer(folder, "t5" if kind == "t5" else "bart")
    ids = dict(pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id, vocab_size=len(tok))
    small = dict(d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                 decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64)
    if kind == "bart":
        config = BartConfig(**ids, **small, max_position_embeddings=256, bos_token_id=tok.bos_token_id,
                            decoder_start_token_id=tok.eos_token_id, forced_eos_token_id=tok.eos_token_id)
    elif kind == "led":
        config = LEDConfig(**ids, **small, max_encoder_position_embeddings=512, max_decoder_position_embeddings=128,
                           attention_window=[16], bos_token_id=tok.bos_token_id,
                           decoder_start_token_id=tok.eos_token_id)
    elif kind == "t5":
        config = T5Config(**ids, d_model=32, d_kv=16, d_ff=64, num_layers=1, num_decoder_layers=1, num_heads=2,
                          decoder_start_token_id=tok.pad_token_id)
    else:
        raise ValueError(kind)
    one_thread()
    torch.manual_seed(0)
    model = AutoModelForSeq2SeqLM.from_config(config)
    model.save_pretrained(folder)
    return folder


def one_thread() -> None:
    """The test machine is shared: torch's OpenMP threads spin against other jobs (30x slower at 2 threads
    under load). One thread keeps the neural tests quick and their timing stable."""
    import torch

    torch.set_num_threads(1)


SUBPROCESS_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1",
                  "TOKENIZERS_PARALLELISM": "false"}


@pytest.fixture(scope="session")
def tiny_bart(tmp_path_factory) -> Path:
    pytest.importorskip("torch")
    return build_tiny(tmp_path_factory.mktemp("tiny") / "bart", "bart")


@pytest.fixture(scope="session")
def tiny_t5(tmp_path_factory) -> Path:
    pytest.importorskip("torch")
    return build_tiny(tmp_path_factory.mktemp("tiny") / "t5", "t5")


@pytest.fixture(scope="session")
def tiny_led(tmp_path_factory) -> Path:
    pytest.importorskip("torch")
    return build_tiny(tmp_path_factory.mktemp("tiny") / "led", "led")
