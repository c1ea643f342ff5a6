"""Concept-coverage ILP (Gillick & Favre 2009, the ICSI summarizer), solved exactly by HiGHS.

Maximise the summed weight of the distinct bigram concepts the summary contains, under the length
budget. Redundancy needs no threshold: a concept counts once however many chosen sentences repeat it.

    max  sum_i w_i c_i
    s.t. sum_j l_j s_j <= L                 (budget)
         c_i <= sum_{j holds i} s_j         (a concept counts only if a chosen sentence holds it)
         s_j, c_i in {0, 1}

(Gillick & Favre also add s_j <= c_i for every concept of sentence j; with positive weights the
optimum is the same without those rows, and the model is much smaller.)

Scale: the model is built over at most ``max_sentences`` candidates, the ones with the highest summed
concept weight (after the selector's length filter), and only over concepts of positive weight they
hold, so a 100k-sentence cluster costs one sparse pass to weigh concepts and then a small ILP.
Fallback: if HiGHS stops at ``time_limit`` seconds without any feasible solution (or fails), the
cost-scaled greedy over the same objective (``selection.budgeted_greedy``, Lin & Bilmes' guarantee)
decides instead, and a warning says so; with a feasible but unproven solution at the time limit,
that solution is kept.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from summarizer.base import ExtractiveSummarizer, build_summary
from summarizer.budget import Budget
from summarizer.cluster import Cluster
from summarizer.concepts import Concepts, cluster_concepts
from summarizer.features import SentenceSpace
from summarizer.selection import Selector, budgeted_greedy, cost
from summarizer.summary import Summary

log = logging.getLogger(__name__)


@dataclass
class ConceptILP(ExtractiveSummarizer):
    """Exact weighted concept coverage under the budget.

    min_df: documents a bigram must appear in to count as a concept (Gillick & Favre: 3 of 10).
    min_df_share: ... or this share of the cluster's documents, when higher (``concepts.cluster_concepts``).
    position_weight: up-weights concepts first seen early in a document (``concepts.cluster_concepts``).
    stem: Snowball-stem words before forming bigrams.
    max_sentences: candidates kept for the ILP, by summed concept weight (the pruning that keeps
        huge clusters feasible).
    time_limit: seconds HiGHS may spend; without a feasible solution by then, the greedy decides.
    fill: with ``selector.overflow="cut"``, words the optimum leaves unused go to the sentence with
        the most uncovered concept weight, cut at the budget as ROUGE's ``-l`` would.
    """

    min_df: int = 3
    min_df_share: float = 0.15
    position_weight: float = 1.0
    stem: bool = True
    max_sentences: int = 300
    time_limit: float = 10.0
    fill: bool = True
    selector: Selector = field(default_factory=lambda: Selector(redundancy=1.0, max_words=40))
    name = "ilp"

    def __post_init__(self) -> None:
        if self.max_sentences < 1:
            raise ValueError(f"ilp max_sentences must be >= 1, not {self.max_sentences}")
        if self.time_limit <= 0:
            raise ValueError(f"ilp time_limit must be > 0 seconds, not {self.time_limit}")

    def concepts(self, space: SentenceSpace) -> Concepts:
        return cluster_concepts(space, self.min_df, self.stem, self.position_weight, self.min_df_share)

    def score(self, space: SentenceSpace) -> np.ndarray:
        """Summed concept weight per sentence (reported as the sentences' scores)."""
        return self.concepts(space).sentence_weight()

    def select_and_order(self, cluster: Cluster, budget: Budget) -> Summary:
        space = cluster.space
        sentences = space.sentences
        concepts = self.concepts(space)
        scores = concepts.sentence_weight()
        cand = prune(self.selector.candidates(sentences), scores, sentences, self.max_sentences)
        costs = np.array([cost(budget, sentences[i].text) for i in cand], dtype=np.float64)
        chosen = solve_coverage(concepts, cand, costs, budget.limit, self.time_limit)
        ordered = self.selector.arrange(chosen, sentences, cluster, scores, space.dates)
        if self.fill and self.selector.overflow == "cut":
            ordered += fill_budget(concepts, cand, costs, budget.limit, chosen)  # last, so the cut trims it
        return build_summary(cluster, ordered, scores, budget, self.name, self.selector.overflow == "cut")


def prune(candidates: np.ndarray, scores: np.ndarray, sentences, keep: int) -> np.ndarray:
    """The ``keep`` best candidates by score (ties: document, position), returned in document order."""
    cand = np.asarray(candidates, dtype=np.int64)
    if cand.size > keep:
        docs = np.array([sentences[i].doc for i in cand])
        pos = np.array([sentences[i].position for i in cand])
        cand = cand[np.lexsort((pos, docs, -scores[cand]))][:keep]
    docs = np.array([sentences[i].doc for i in cand])
    pos = np.array([sentences[i].position for i in cand])
    return cand[np.lexsort((pos, docs))]


def solve_coverage(concepts: Concepts, cand: np.ndarray, costs: np.ndarray, limit: float,
                   time_limit: float = 10.0) -> list[int]:
    """Sentence indices (of the cluster) maximising covered concept weight with total cost <= limit."""
    from scipy import optimize  # imported here: scipy.optimize costs a cold `mds brief` ~0.3 s

    fits = costs <= limit
    cand, costs = cand[fits], costs[fits]
    if cand.size == 0:
        return []
    a = concepts.incidence[cand]
    held = np.flatnonzero((np.asarray(a.sum(axis=0)).ravel() > 0) & (concepts.weights > 0))
    if held.size == 0:  # nothing worth covering: the greedy then prefers nothing; take the first that fits
        return [int(cand[0])]
    a = sp.csr_matrix(a[:, held])
    w = concepts.weights[held]
    m, k = a.shape
    # variables: s (m sentences), then c (k concepts); minimise -w.c
    objective = np.concatenate([np.zeros(m), -w])
    budget_row = sp.hstack([sp.csr_matrix(costs[None, :]), sp.csr_matrix((1, k))])
    cover_rows = sp.hstack([-a.T, sp.identity(k, format="csr")])  # c_i - sum_j a_ji s_j <= 0
    constraints = [optimize.LinearConstraint(budget_row, -np.inf, limit),
                   optimize.LinearConstraint(cover_rows, -np.inf, 0.0)]
    try:
        res = optimize.milp(objective, integrality=np.ones(m + k), bounds=optimize.Bounds(0, 1),
                            constraints=constraints, options={"time_limit": float(time_limit), "disp": False})
    except (ValueError, RuntimeError) as exc:  # the solver could not run at all
        log.warning("ILP solver failed (%s): greedy fallback", exc)
        res = None
    if res is not None and res.x is not None:
        if res.status != 0:
            log.warning("ILP: %s; keeping the best solution found", res.message)
        picked = np.flatnonzero(res.x[:m] > 0.5)
        return [int(cand[j]) for j in picked]
    if res is not None:
        log.warning("ILP: %s without a feasible solution: greedy fallback", res.message)
    return greedy_coverage(a, w, cand, costs, limit)


def greedy_coverage(a: sp.csr_matrix, w: np.ndarray, cand: np.ndarray, costs: np.ndarray, limit: float) -> list[int]:
    """The fallback: cost-scaled greedy on the same coverage objective, whole sentences only."""
    covered = np.zeros(a.shape[1], dtype=bool)
    row = {int(c): j for j, c in enumerate(cand)}
    tracked: list[int] = []

    def gains(chosen: list[int], which: np.ndarray) -> np.ndarray:
        now = covered if chosen else np.zeros_like(covered)
        while chosen and len(tracked) < len(chosen):
            covered[a[row[chosen[len(tracked)]]].indices] = True
            tracked.append(chosen[len(tracked)])
        return a[[row[int(i)] for i in which]] @ (w * ~now)

    def value(chosen: list[int]) -> float:
        if not chosen:
            return 0.0
        hit = np.asarray(a[[row[c] for c in chosen]].sum(axis=0)).ravel() > 0
        return float(w[hit].sum())

    return budgeted_greedy(cand, costs, limit, gains, value, scale=1.0, overflow="skip")


def fill_budget(concepts: Concepts, cand: np.ndarray, costs: np.ndarray, limit: float,
                chosen: list[int]) -> list[int]:
    """Candidates to append when the chosen leave room, best uncovered concept weight first, until the
    budget is full (the last one is cut later); empty when the budget is already full."""
    cost_of = {int(c): float(x) for c, x in zip(cand, costs)}
    used = sum(cost_of[c] for c in chosen)
    taken = set(chosen)
    hit = np.asarray(concepts.incidence[chosen].sum(axis=0)).ravel() > 0 if chosen else \
        np.zeros(concepts.incidence.shape[1], dtype=bool)
    extra: list[int] = []
    while used < limit:
        rest = np.array([c for c in cand if int(c) not in taken], dtype=np.int64)
        if rest.size == 0:
            break
        gain = np.asarray(concepts.incidence[rest] @ (concepts.weights * ~hit)).ravel()
        best = int(rest[int(np.argmax(gain))])  # with no concept left to add, still fill the words
        extra.append(best)
        taken.add(best)
        used += cost_of[best]
        hit |= concepts.incidence[best].toarray().ravel() > 0
    return extra
