"""Fixtures shared across test modules: the tiny seq2seq checkpoints (built once per session, lazily)."""

from neural_fixtures import tiny_bart, tiny_led, tiny_t5  # noqa: F401  (pytest finds fixtures by name here)
