"""Budgeted submodular summarization (Lin & Bilmes 2011): coverage plus diversity, greedily maximised.

Selection is the method here, not a step after scoring: the objective rewards sentences that cover
what the whole cluster says (L) and spread over its sub-topics (R), and its diminishing returns
replace the redundancy threshold of the rank-then-select methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import scipy.sparse as sp

from summarizer.base import ExtractiveSummarizer, build_summary
from summarizer.budget import Budget
from summarizer.cluster import Cluster
from summarizer.features import SentenceSpace
from summarizer.lexical import bigram_concepts, sentence_tfidf
from summarizer.selection import Selector
from summarizer.selection import budgeted_greedy, cost
from summarizer.summary import Summary


@dataclass
class Submodular(ExtractiveSummarizer):
    """``F(S) = sum_i min(C_i(S), alpha C_i(V)) + diversity * sum_k sqrt(sum_{j in P_k, S} r_j)``.

    C_i(S): summed TF-IDF cosine between sentence i and the summary S (i ranges over the whole cluster).
    alpha: saturation: once a sentence is covered to this fraction of what the whole cluster
        covers it, more of the same earns nothing.
    diversity: lambda, the weight of the diversity reward R.
    partitions: number of k-means clusters P_k of the sentences, as a fraction of the sentences
        (Lin & Bilmes use 0.2 N).
    r_j: sentence j's mean similarity to the cluster (its singleton reward).
    scale: r in the greedy's ``gain / cost ** r``; 0 ignores sentence length, 1 is gain per word.
    stem: Snowball-stem words before building TF-IDF vectors.
    coverage: "similarity" is Lin & Bilmes' L above; "bigrams" replaces it with weighted concept
        coverage (Gillick & Favre 2009): the summed document frequency of the distinct word bigrams
        the summary contains, counting only bigrams found in at least ``min_df`` documents
        (``alpha`` is then unused). Weighted coverage is monotone submodular too, so the same
        cost-scaled greedy and singleton check apply.
    min_df: documents a bigram must appear in to count as a concept (all bigrams if none does).
    The selector supplies candidate length filters, the order and the overflow policy; its
    redundancy threshold and MMR are not used (the objective's diminishing returns do that job).
    """

    alpha: float = 0.1
    diversity: float = 1.0
    partitions: float = 0.2
    scale: float = 0.6
    seed: int = 0
    stem: bool = True
    coverage: Literal["similarity", "bigrams"] = "bigrams"
    min_df: int = 3
    selector: Selector = field(default_factory=lambda: Selector(redundancy=1.0, max_words=40))
    name = "submodular"

    def __post_init__(self) -> None:
        if self.coverage not in ("similarity", "bigrams"):
            raise ValueError(f"submodular coverage must be 'similarity' or 'bigrams', not {self.coverage!r}")

    def score(self, space: SentenceSpace) -> np.ndarray:
        """Singleton reward r_j, used to report a score per sentence (the selection is the greedy's)."""
        x = sp.csr_matrix(sentence_tfidf(space, self.stem), dtype=np.float64)
        return np.asarray((x @ np.asarray(x.sum(axis=0)).ravel())).ravel() / max(x.shape[0], 1)

    def select_and_order(self, cluster: Cluster, budget: Budget) -> Summary:
        space = cluster.space
        sentences = space.sentences
        n = len(sentences)
        x = sp.csr_matrix(sentence_tfidf(space, self.stem), dtype=np.float64)
        reward = np.asarray(x @ np.asarray(x.sum(axis=0)).ravel()).ravel() / max(n, 1)
        cand = self.selector.candidates(sentences)
        cand = cand[np.lexsort(([sentences[i].position for i in cand], [sentences[i].doc for i in cand]))]
        labels = self._partitions(x) if self.diversity else np.zeros(n, dtype=np.int64)
        cand_labels = labels[cand]
        position = {int(c): k for k, c in enumerate(cand)}
        mass = np.zeros(int(labels.max()) + 1)
        if self.coverage == "bigrams":
            concepts, df = bigram_concepts(space.texts, [s.doc for s in sentences], stem=self.stem)
            weight = np.where(df >= self.min_df, df, 0.0)
            if not weight.any():
                weight = df
            cand_concepts = concepts[cand].tocsr()
            covered = np.zeros(concepts.shape[1])  # 1 where a chosen sentence holds the concept
            column = lambda c: concepts[c].toarray().ravel()  # noqa: E731

            def coverage_gain(cov_now: np.ndarray, cols: np.ndarray) -> np.ndarray:
                return cand_concepts[cols] @ (weight * (cov_now == 0))

            def coverage_value(chosen: list[int]) -> float:
                hit = np.asarray(concepts[chosen].sum(axis=0)).ravel() > 0
                return float(weight[hit].sum())
        else:
            # similarity of every sentence to every candidate (self-similarity included, as C_i(V) does)
            sim = (x @ x[cand].T).tocsc()
            cap = self.alpha * np.asarray(x @ np.asarray(x.sum(axis=0)).ravel()).ravel()
            covered = np.zeros(n)
            column = lambda c: sim[:, position[c]].toarray().ravel()  # noqa: E731

            def coverage_gain(cov_now: np.ndarray, cols: np.ndarray) -> np.ndarray:
                sub = sim[:, cols].tocoo()
                before = np.minimum(cov_now[sub.row], cap[sub.row])
                after = np.minimum(cov_now[sub.row] + sub.data, cap[sub.row])
                return np.bincount(sub.col, weights=after - before, minlength=len(cols))

            def coverage_value(chosen: list[int]) -> float:
                cov = np.asarray(sim[:, [position[c] for c in chosen]].sum(axis=1)).ravel()
                return float(np.minimum(cov, cap).sum())

        def gains(chosen: list[int], which: np.ndarray) -> np.ndarray:
            cov_now, mass_now = covered, mass
            if not chosen:
                cov_now, mass_now = np.zeros_like(covered), np.zeros_like(mass)
            cols = np.array([position[int(c)] for c in which])
            k = cand_labels[cols]
            div = np.sqrt(mass_now[k] + reward[which]) - np.sqrt(mass_now[k])
            return coverage_gain(cov_now, cols) + self.diversity * div

        def value(chosen: list[int]) -> float:
            if not chosen:
                return 0.0
            m = np.bincount(labels[chosen], weights=reward[chosen], minlength=len(mass))
            return coverage_value(chosen) + self.diversity * float(np.sqrt(m).sum())

        def tracked_gains(chosen: list[int], which: np.ndarray) -> np.ndarray:
            # bring the running state up to date with what the greedy has kept so far
            while len(tracked) < len(chosen):
                c = chosen[len(tracked)]
                covered[:] += column(c)
                mass[labels[c]] += reward[c]
                tracked.append(c)
            return gains(chosen, which)

        tracked: list[int] = []
        costs = [cost(budget, sentences[i].text) for i in cand]
        chosen = budgeted_greedy(cand, costs, budget.limit, tracked_gains, value, scale=self.scale,
                                 overflow=self.selector.overflow)
        ordered = self.selector.arrange(chosen, sentences, cluster, reward, space.dates)
        summary = build_summary(cluster, ordered, reward, budget, self.name, self.selector.overflow == "cut")
        return summary

    def _partitions(self, x: sp.csr_matrix) -> np.ndarray:
        """k-means clusters of the sentences (deterministic: fixed seed, one initialisation)."""
        n = x.shape[0]
        k = int(round(self.partitions * n))
        if k <= 1 or n <= 2:
            return np.zeros(n, dtype=np.int64)
        from sklearn.cluster import KMeans

        k = min(k, n)
        return KMeans(n_clusters=k, n_init=1, random_state=self.seed).fit_predict(x).astype(np.int64)
