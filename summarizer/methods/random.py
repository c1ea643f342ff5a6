"""Random baseline: sentences in a seeded random order, the floor every method must clear."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np

from summarizer.base import ExtractiveSummarizer
from summarizer.features import SentenceSpace
from summarizer.selection import Selector


@dataclass
class Random(ExtractiveSummarizer):
    """Uniform random scores from a generator seeded by ``seed`` and the cluster id.

    Mixing in the cluster id gives each cluster its own draw while a run stays reproducible, and
    the draw for one cluster does not depend on which other clusters are summarized with it.
    """

    seed: int = 0
    selector: Selector = field(default_factory=lambda: Selector(redundancy=1.0, min_words=1, max_words=10_000,
                                                                order="position"))
    name = "random"

    def score(self, space: SentenceSpace) -> np.ndarray:
        rng = np.random.default_rng([self.seed, zlib.crc32(space.cluster.id.encode("utf-8"))])
        return rng.random(len(space.sentences))
