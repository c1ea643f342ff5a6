"""Supervised sentence scoring (in the style of RegSum, Hong & Nenkova 2014): a learned linear model
over position, length, centrality, concept and word-importance features rates every sentence; the
shared selector then fills the budget with a redundancy check.

The model is a JSON file (``summarizer.sentence_model``); the packaged one is fitted on the DUC dev
sets; ``mds train method=supervised train_file=...`` fits one on your own clusters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from summarizer.base import ExtractiveSummarizer
from summarizer.features import SentenceSpace
from summarizer.selection import Selector
from summarizer.sentence_model import SentenceModel


@dataclass
class SupervisedScorer(ExtractiveSummarizer):
    """model: path of a sentence-scorer JSON file; None is the packaged default."""

    model: str | None = None
    selector: Selector = field(default_factory=lambda: Selector(min_words=10, max_words=40))
    name = "supervised"

    @cached_property
    def loaded(self) -> SentenceModel:
        return SentenceModel.load(self.model)

    def score(self, space: SentenceSpace) -> np.ndarray:
        return self.loaded.score(space.cluster)
