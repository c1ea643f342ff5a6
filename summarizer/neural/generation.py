"""Decoding settings: what the config says, else what the checkpoint ships in its generation_config.

Fine-tuned summarizers (bart-large-cnn, pegasus-*) carry tuned beams / length penalties in their
``generation_config.json``; overriding only the fields the user set keeps those defaults honest.
"""

from __future__ import annotations

import copy
import math
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

    def build(self, model: Any, defaults: dict[str, Any] | None = None) -> Any:
        """A GenerationConfig: the model's own, with ``defaults`` (e.g. lengths from the budget) and then
        the fields set here replacing its values."""
        from transformers import GenerationConfig

        base = getattr(model, "generation_config", None)
        config = copy.deepcopy(base) if base is not None else GenerationConfig.from_model_config(model.config)
        set_ = {**(defaults or {}), **self.overrides()}
        if "max_new_tokens" in set_ and "min_new_tokens" in set_ and set_["min_new_tokens"] > set_["max_new_tokens"]:
            set_["min_new_tokens"] = set_["max_new_tokens"]  # a user's small max_new_tokens wins over the budget's min
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


# An invented newswire paragraph: the tokenizer's tokens per word on it turn a word budget into tokens.
# Fixed text (not the cluster's) so the length a cluster gets never depends on which clusters share its batch.
_SAMPLE = (
    "The harbour authority of Varnholm approved the long-delayed flood barrier on Thursday, after a debate "
    "that lasted most of the night. The barrier will close the inner harbour during storm surges, which have "
    "flooded the old town three times in the past decade. Officials expect the work to take eighteen months "
    "and put the cost at 40 million crowns ($4.6 million). Fishermen had warned that the barrier would slow "
    "boats leaving at low tide, but the authority's chairwoman, Ilse Marten, promised a second channel. "
    "\"We cannot wait for the next flood,\" she told reporters. Shop owners welcomed the decision; insurance "
    "premiums in the old town have doubled since 2013, according to the regional chamber of commerce."
)


@dataclass(frozen=True)
class GenerationLength:
    """How a summary budget becomes generation length (used when ``generation`` leaves it unset).

    The budget is converted to tokens with the tokenizer's own tokens-per-word rate (measured on a fixed
    English news paragraph); ``max_new_tokens`` is that times ``headroom``, so the sentence that crosses
    the budget can still be finished (a briefing then drops it whole rather than cut it), and
    ``min_new_tokens`` is that times ``min_share``, so a checkpoint tuned for short outputs still fills
    the budget. Sentence budgets count ``words_per_sentence`` words a sentence, byte budgets
    ``bytes_per_word`` bytes a word.
    """

    from_budget: bool = True
    headroom: float = 1.3
    min_share: float = 0.6
    words_per_sentence: float = 25.0
    bytes_per_word: float = 6.0

    def __post_init__(self) -> None:
        if self.headroom < 1:
            raise ValueError(f"length headroom must be at least 1, not {self.headroom!r}")
        if not 0 <= self.min_share <= 1:
            raise ValueError(f"length min_share must be between 0 and 1, not {self.min_share!r}")
        if self.words_per_sentence <= 0 or self.bytes_per_word <= 0:
            raise ValueError("length words_per_sentence and bytes_per_word must be positive")

    def budget_words(self, budget: Any) -> float:
        if budget.unit == "sentences":
            return budget.limit * self.words_per_sentence
        if budget.unit == "bytes":
            return budget.limit / self.bytes_per_word
        return float(budget.limit)

    def new_tokens(self, budget: Any, tokens_per_word: float) -> tuple[int, int]:
        """``(min_new_tokens, max_new_tokens)`` for this budget at this tokens-per-word rate."""
        tokens = self.budget_words(budget) * tokens_per_word
        high = max(1, math.ceil(tokens * self.headroom))
        return min(high, math.floor(tokens * self.min_share)), high


def tokens_per_word(tokenizer: Any) -> float:
    """How many tokens this tokenizer spends on a word of English news text."""
    ids = tokenizer(_SAMPLE, add_special_tokens=False)["input_ids"]
    return max(len(ids), 1) / len(_SAMPLE.split())
