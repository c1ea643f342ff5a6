"""Lead baseline: the opening sentences of the documents, taken round-robin.

News puts the main facts first, so the first sentence of each article is a strong baseline; in a
cluster, taking first sentences of every document before any second sentence spreads the summary
over the sources.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from summarizer.base import ExtractiveSummarizer
from summarizer.features import SentenceSpace
from summarizer.selection import Selector


@dataclass
class Lead(ExtractiveSummarizer):
    """Score 1 / (1 + position): all first sentences tie, and ties go to the earlier document.

    The selector's deterministic tie-breaking (score, then document, then position) turns this into
    the round-robin: document 0's first sentence, document 1's first, ..., then second sentences.
    Redundancy control is off by default so the baseline stays the textbook one.
    """

    selector: Selector = field(default_factory=lambda: Selector(redundancy=1.0, min_words=1, max_words=10_000,
                                                              order="score"))
    name = "lead"

    def score(self, space: SentenceSpace) -> np.ndarray:
        return 1.0 / (1.0 + np.array([s.position for s in space.sentences], dtype=np.float64))
