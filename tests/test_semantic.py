"""WordLlama sentence embeddings (summarizer.semantic): the rows the model gives, whatever the order
and repetition of the texts."""

import numpy as np
import pytest

pytest.importorskip("wordllama")

from summarizer.semantic import DIMENSIONS, embed, load_model  # noqa: E402

TEXTS = ["Three sailors lost their lives when the ferry sank.",
         "The collision killed three crew members.",
         "Rain.",
         "Three sailors lost their lives when the ferry sank.",
         "",
         "A long sentence about the harbour authority, the coast guard, the inquiry and the ferry company.",
         "Rain."]


def reference(texts):
    """One text at a time through the model (no batching, no padding), normalised."""
    model = load_model()
    rows = np.vstack([np.asarray(model.embed([t], norm=False), dtype=np.float32) for t in texts])
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)


def test_rows_equal_the_model_one_text_at_a_time():
    got = embed(TEXTS, batch_size=2)  # several padded batches, length-sorted, repeats embedded once
    assert got.shape == (len(TEXTS), DIMENSIONS) and got.dtype == np.float32
    np.testing.assert_allclose(got, reference(TEXTS), rtol=0, atol=1e-6)
    assert np.array_equal(got[0], got[3]) and np.array_equal(got[2], got[6])
    assert not np.any(got[4]) and np.isclose(np.linalg.norm(got[1]), 1.0)


def test_order_of_the_texts_does_not_change_a_row():
    shuffled = [TEXTS[i] for i in (5, 2, 0, 1)]
    np.testing.assert_array_equal(embed(shuffled), embed(TEXTS)[[5, 2, 0, 1]])


def test_no_texts():
    assert embed([]).shape == (0, DIMENSIONS)


def test_serial_tokenizer_is_a_default_the_user_can_override(monkeypatch):
    from summarizer.semantic import serial_tokenizer

    monkeypatch.delenv("TOKENIZERS_PARALLELISM", raising=False)
    serial_tokenizer()
    assert __import__("os").environ["TOKENIZERS_PARALLELISM"] == "false"
    monkeypatch.setenv("TOKENIZERS_PARALLELISM", "true")
    serial_tokenizer()
    assert __import__("os").environ["TOKENIZERS_PARALLELISM"] == "true"


def test_rows_are_the_same_with_a_parallel_tokenizer():
    """The setting is read once per process: a fresh one with the library's thread pool gives the same rows."""
    import os
    import subprocess
    import sys

    texts = [f"{text} Item {i}." for i in range(60) for text in TEXTS]  # distinct: batches of 64 texts
    code = ("import sys, numpy as np; from summarizer.semantic import embed; "
            f"sys.stdout.write(embed({texts!r}, batch_size=64).tobytes().hex())")
    env = {**os.environ, "TOKENIZERS_PARALLELISM": "true"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert bytes.fromhex(out) == embed(texts, batch_size=64).tobytes()


def test_rows_do_not_depend_on_the_batch_size():
    """Bit for bit: a batch pads its texts with zeros at the end, which pooling adds to nothing."""
    texts = [f"{text} Item {i}." for i in range(30) for text in TEXTS]
    rows = embed(texts)
    for batch_size in (1, 7, 256):
        assert np.array_equal(embed(texts, batch_size=batch_size), rows)
