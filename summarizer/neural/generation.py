"""Decoding settings: what the config says, else what the checkpoint ships in its generation_config.

Fine-tuned summarizers (bart-large-cnn, pegasus-*) carry tuned beams / length penalties in their
``generation_config.json``; overriding only the fields the user set keeps those defaults honest.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class GenerationSettings:
    """Decoding options; ``None`` means "the checkpoint's own value"."""

    num_beams: int | None = None
    length_penalty: float | None = None
    no_repeat_ngram_size: int | None = None
    min_new_tokens: int | None = None
    max_new_tokens: int | None = None
    early_stopping: bool | None = None
    do_sample: bool | None = None
    repetition_penalty: float | None = None

    def __post_init__(self) -> None:
        for key in ("num_beams", "min_new_tokens", "max_new_tokens"):
            value = getattr(self, key)
            if value is not None and int(value) < (1 if key != "min_new_tokens" else 0):
                raise ValueError(f"generation {key} must be a positive integer, not {value!r}")
        if self.min_new_tokens is not None and self.max_new_tokens is not None \
                and self.min_new_tokens > self.max_new_tokens:
            raise ValueError(f"generation min_new_tokens ({self.min_new_tokens}) exceeds max_new_tokens "
                             f"({self.max_new_tokens})")

    def overrides(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def build(self, model: Any) -> Any:
        """A GenerationConfig: the model's own, with the fields set here replaced."""
        from transformers import GenerationConfig

        base = getattr(model, "generation_config", None)
        config = copy.deepcopy(base) if base is not None else GenerationConfig.from_model_config(model.config)
        set_ = self.overrides()
        if "min_new_tokens" in set_:  # a checkpoint's min_length would otherwise still apply on top
            config.min_length = None
        if set_.get("num_beams") == 1:
            config.early_stopping = False
        for key, value in set_.items():
            setattr(config, key, value)
        return config

    def describe(self, config: Any) -> dict[str, Any]:
        """The effective settings worth recording in a Summary's metadata."""
        keys = ("num_beams", "length_penalty", "no_repeat_ngram_size", "min_length", "max_length",
                "min_new_tokens", "max_new_tokens", "do_sample", "early_stopping")
        return {k: getattr(config, k, None) for k in keys if getattr(config, k, None) is not None}
