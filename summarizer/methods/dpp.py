"""Determinantal point process selection (Kulesza & Taskar 2012): quality x diversity, greedy MAP.

The kernel is ``L = diag(q) S diag(q)``: S the stemmed TF-IDF cosine between sentences (diversity:
two sentences saying the same thing make a near-singular pair), q a sentence's quality,
``exp(theta * z)`` with z the learned sentence scorer's prediction standardised within the cluster
(Kulesza & Taskar also learn a log-linear quality; here it is the supervised scorer's model, fitted
on the dev references, cross-validated in the benchmark). MAP inference is the greedy of the paper:
add the sentence with the largest gain in det(L_Y) per cost^scale, computed incrementally with a
Cholesky update (Chen et al. 2018), over the ``max_sentences`` best candidates by quality.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from summarizer.base import build_summary
from summarizer.budget import Budget
from summarizer.cluster import Cluster
from summarizer.methods.ilp import prune
from summarizer.methods.supervised import SupervisedScorer
from summarizer.selection import Selector, cost
from summarizer.sentence_model import SentenceModel
from summarizer.summary import Summary


@dataclass
class DPP(SupervisedScorer):
    """theta: quality sharpness (0 = diversity only); scale: r in gain / cost ** r;
    max_sentences: candidates by quality the kernel is built over."""

    theta: float = 0.5
    scale: float = 0.5
    max_sentences: int = 300
    selector: Selector = field(default_factory=lambda: Selector(redundancy=1.0, min_words=10, max_words=40))
    name = "dpp"

    @cached_property
    def loaded(self) -> SentenceModel:
        return SentenceModel.load(self.model)

    def select_and_order(self, cluster: Cluster, budget: Budget) -> Summary:
        space = cluster.space
        sentences = space.sentences
        scores = np.asarray(self.score(space), dtype=np.float64)
        cand = prune(self.selector.candidates(sentences), scores, sentences, self.max_sentences)
        costs = np.array([cost(budget, sentences[i].text) for i in cand], dtype=np.float64)
        z = scores[cand]
        z = (z - z.mean()) / z.std() if z.size > 1 and z.std() > 0 else np.zeros_like(z)
        quality = np.exp(self.theta * z)
        x = space.stemmed_tfidf[cand]
        sim = (x @ x.T).toarray()
        np.fill_diagonal(sim, 1.0)  # a sentence without content words is still one item
        kernel = quality[:, None] * sim * quality[None, :]
        picked = greedy_map(kernel, costs, budget.limit, self.scale, self.selector.overflow)
        chosen = [int(cand[j]) for j in picked]
        ordered = self.selector.arrange(chosen, sentences, cluster, scores, space.dates)
        return build_summary(cluster, ordered, scores, budget, self.name, self.selector.overflow == "cut")


def greedy_map(kernel: np.ndarray, costs: np.ndarray, limit: float, scale: float = 1.0,
               overflow: str = "cut") -> list[int]:
    """Greedy MAP of a DPP under a knapsack: each step the item with the best det gain / cost ** scale.

    The det gain of item i given Y is its Schur complement ``d_i^2 = L_ii - |c_i|^2`` (Cholesky rows
    ``c_i`` updated per step, O(n k) in all). With ``overflow="cut"`` an item is taken while the
    budget is not full (the last one is cut later); with "skip" only items that fit whole.
    """
    n = kernel.shape[0]
    if n == 0:
        return []
    d2 = np.diag(kernel).astype(np.float64).copy()
    rows = np.zeros((0, n))
    alive = np.ones(n, dtype=bool)
    denominators = np.power(np.maximum(costs, 1e-9), scale)
    chosen: list[int] = []
    used = 0.0
    while alive.any():
        if overflow == "cut":
            if used >= limit:
                break
        else:
            alive &= costs <= limit - used
            if not alive.any():
                break
        ratio = np.where(alive, np.maximum(d2, 0.0) / denominators, -np.inf)
        j = int(np.argmax(ratio))  # ties go to the earlier candidate (document order)
        if d2[j] <= 1e-10:  # everything left is spanned by what is chosen
            break
        e = (kernel[j] - rows.T @ rows[:, j]) / np.sqrt(d2[j])
        rows = np.vstack([rows, e])
        d2 = d2 - e ** 2
        alive[j] = False
        chosen.append(j)
        used += costs[j]
    return chosen
