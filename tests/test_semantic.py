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
