"""Choosing sentences under a budget: the one place every extractive scorer goes through.

Scorers only rate sentences (as in sumy); this module turns ratings into a summary: length filters,
redundancy control (a threshold or MMR), the budget, the order of the points and the final cut.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Literal, Sequence

import numpy as np
import scipy.sparse as sp

from summarizer.budget import Budget
from summarizer.cluster import Cluster, Sentence

Order = Literal["date", "position", "score"]
Overflow = Literal["cut", "skip"]


CITATION_THRESHOLD = 0.3
"""TF-IDF cosine at which another article's sentence counts as stating the same point. On news
clusters, paraphrases of one fact by two outlets score about 0.3-0.6 and sentences that merely share
names (Putin, Hollande, Syria) about 0.1-0.25; 0.3 keeps the first and drops the second."""

SEMANTIC_THRESHOLD = 0.4
"""WordLlama cosine at which a sentence counts as stating the same point (briefings' ``similarity="hybrid"``).
Chosen on the invented 'ostrano' cluster of tests/data/paraphrase_clusters.json and checked on the
held-out clusters (bench/citations.py, docs/briefings.md)."""

STANDOUT_Z = 1.5
"""A match must also stand out from the point's similarities to the rest of the cluster by this many
standard deviations (``stands_out``): in 1,000 one-line articles built from one template, every
sentence shares words with every other, and a fixed threshold alone cites hundreds."""


def quotes_balanced(text: str) -> bool:
    """True unless the text holds half a quotation: an odd number of straight double quotes, or
    unequal numbers of opening and closing curly ones (single quotes double as apostrophes: ignored)."""
    return text.count('"') % 2 == 0 and text.count("\u201c") == text.count("\u201d")


@dataclass(frozen=True)
class Selector:
    """Shared selection settings; every extractive method's config has one.

    redundancy: a candidate whose cosine similarity to an already chosen sentence exceeds this is
        skipped (1.0 turns the check off). News clusters repeat facts across articles, so this matters.
    mmr: if set, Maximal Marginal Relevance with this lambda replaces the plain threshold greedy:
        each step takes argmax lambda * score - (1 - lambda) * max similarity to the chosen.
    min_words / max_words: candidate sentence length in words (fragments and run-ons are skipped).
    order: "date" (document date when known, then document and position), "position" (document,
        then position) or "score" (most important first).
    overflow: "cut" fills the budget and cuts the last sentence exactly as ROUGE-1.5.5's -l/-b would
        (for evaluation); "skip" only takes sentences that fit whole (for readable briefings).
    semantic_redundancy: if set, a candidate whose embedding cosine (``SentenceSpace.semantic``) to a
        chosen sentence exceeds this is skipped too: a paraphrase shares too few words for ``redundancy``.
    restatement: if set, the stand-out level (in standard deviations) of the restatement test, the
        evidence briefings cite with (``restates``; the defaults are the citation settings of
        ``summarizer.briefing``): a sentence restates another when their TF-IDF
        cosine is over ``restatement_lexical`` or their embedding cosine over ``restatement_semantic``, and
        that similarity stands out from the other sentence's similarities to the whole cluster. A
        candidate is then skipped when a chosen sentence restates it, or when at least ``told`` of
        the sentences restating it also restate chosen ones: what it says, the cluster says in the
        words of points already chosen (two sentences that paraphrase one fact seldom look alike,
        but both look like the other outlets' versions of it). A selection may then end under the
        budget: a briefing does not pad itself with repeats.
    standalone: if true, a sentence that opens a quotation it does not close, or closes one it did
        not open, is no candidate: split from its other half it has no speaker (`We are ready to
        cooperate."`), which a reader cannot place. Briefings set it; evaluation does not.
    """

    redundancy: float = 0.3
    mmr: float | None = None
    min_words: int = 5
    max_words: int = 80
    order: Order = "date"
    overflow: Overflow = "cut"
    semantic_redundancy: float | None = None
    restatement: float | None = None
    restatement_lexical: float = CITATION_THRESHOLD
    restatement_semantic: float = SEMANTIC_THRESHOLD
    told: float = 0.7
    standalone: bool = False

    def candidates(self, sentences: Sequence[Sentence]) -> np.ndarray:
        """Indices of sentences whose length is within bounds (all of them if none is)."""
        lengths = np.fromiter((s.n_words for s in sentences), dtype=np.int64, count=len(sentences))
        fits = (lengths >= self.min_words) & (lengths <= self.max_words)
        if self.standalone:
            fits &= np.fromiter((quotes_balanced(s.text) for s in sentences), dtype=bool, count=len(sentences))
        ok = np.flatnonzero(fits)
        if ok.size == 0:  # e.g. a cluster of headlines: better short points than no briefing
            ok = np.flatnonzero(lengths > 0)
        return ok

    def select(self, sentences: Sequence[Sentence], scores: np.ndarray, budget: Budget,
               vectors: sp.csr_matrix | None = None, semantic: np.ndarray | None = None,
               report: dict | None = None) -> list[int]:
        """Indices of the chosen sentences, in the order they were chosen (best first).

        ``report``, if given, receives how much of the budget was used and how many candidates were
        skipped as restatements (``restated``), so a caller can say why a selection ended early.
        With embeddings, their products (one candidate against the cluster) run on one BLAS thread
        (``summarizer.threads``).
        """
        if semantic is None:
            return self._select(sentences, scores, budget, vectors, semantic, report)
        from summarizer.threads import one_blas_thread

        with one_blas_thread():
            return self._select(sentences, scores, budget, vectors, semantic, report)

    def _select(self, sentences: Sequence[Sentence], scores: np.ndarray, budget: Budget,
                vectors: sp.csr_matrix | None, semantic: np.ndarray | None, report: dict | None) -> list[int]:
        cand = self.candidates(sentences)
        if cand.size == 0:
            return []
        scores = np.asarray(scores, dtype=np.float64)
        ranked = ranking(sentences, scores, cand)
        check = vectors is not None and self.redundancy < 1.0
        if self.mmr is not None and vectors is not None:
            return self._mmr(sentences, scores, ranked, budget, vectors)
        chosen: list[int] = []
        used = 0
        restate = self.restatement is not None and (vectors is not None or semantic is not None)
        told = np.zeros(len(sentences), dtype=bool)  # sentences that restate a chosen one
        skipped = in_a_row = 0
        if check:  # each candidate's largest cosine to a chosen sentence: one product per chosen sentence
            pool = vectors[ranked]
            closest = np.zeros(len(ranked))
        for k, i in enumerate(ranked):
            size = cost(budget, sentences[i].text)
            if self.overflow == "skip" and used + size > budget.limit:
                continue
            if restate and told[i]:
                skipped += 1
                continue
            if check and chosen and closest[k] > self.redundancy:
                continue
            if semantic is not None and self.semantic_redundancy is not None and chosen \
                    and float((semantic[chosen] @ semantic[i]).max()) > self.semantic_redundancy:
                continue
            lexical_row = None
            if restate:
                lexical_row = _row(vectors, i) if vectors is not None else None
                support = restates(i, vectors, semantic, self.restatement_lexical, self.restatement_semantic,
                                   float(self.restatement), lexical_row)
                support[i] = False
                if support.any() and told[support].mean() >= self.told:
                    skipped += 1
                    in_a_row += 1
                    if in_a_row >= PATIENCE:  # each test costs a pass over the cluster: bound them
                        break
                    continue
                in_a_row = 0
                told |= support
            chosen.append(int(i))
            used += size
            if used >= budget.limit:
                break
            if check:  # the restatement test's product already holds this row
                row = lexical_row[ranked] if lexical_row is not None else (pool @ vectors[i].T).toarray().ravel()
                np.maximum(closest, row, out=closest)
        if report is not None:
            report.update(used=used, limit=budget.limit, unit=budget.unit, restated=skipped)
        return chosen

    def _mmr(self, sentences: Sequence[Sentence], scores: np.ndarray, ranked: np.ndarray, budget: Budget,
             vectors: sp.csr_matrix) -> list[int]:
        lam = float(self.mmr)
        s = scores[ranked]
        span = s.max() - s.min()
        rel = (s - s.min()) / span if span > 0 else np.ones_like(s)
        sim_to_chosen = np.zeros(len(ranked))
        alive = np.ones(len(ranked), dtype=bool)
        chosen: list[int] = []
        used = 0
        sub = vectors[ranked]
        while alive.any() and used < budget.limit:
            gain = np.where(alive, lam * rel - (1 - lam) * sim_to_chosen, -np.inf)
            j = int(np.argmax(gain))  # argmax takes the first maximum: ties go to the better-ranked
            alive[j] = False
            i = int(ranked[j])
            size = cost(budget, sentences[i].text)
            if self.overflow == "skip" and used + size > budget.limit:
                continue
            if sim_to_chosen[j] > self.redundancy:
                continue
            chosen.append(i)
            used += size
            sim_to_chosen = np.maximum(sim_to_chosen, (sub @ vectors[i].T).toarray().ravel())
        return chosen

    def arrange(self, chosen: Sequence[int], sentences: Sequence[Sentence], cluster: Cluster,
                scores: np.ndarray, dates: Sequence[dt.date | None] | None = None) -> list[int]:
        """Put the chosen sentences in reading order.

        ``order="date"`` sorts by ``dates`` (one per document; ``SentenceSpace.dates`` lets undated
        documents borrow the date of their closest dated one), else by the documents' own dates;
        undated documents come last, then document and position.
        """
        if self.order == "score":
            return list(chosen)
        if self.order == "date":
            far = dt.date.max
            dates = [d.date for d in cluster.documents] if dates is None else dates
            return sorted(chosen, key=lambda i: (dates[sentences[i].doc] or far, sentences[i].doc,
                                                 sentences[i].position))
        return sorted(chosen, key=lambda i: (sentences[i].doc, sentences[i].position))


def inherit_dates(cluster: Cluster, sentences: Sequence[Sentence],
                  vectors: sp.csr_matrix | None) -> list[dt.date | None]:
    """Each document's date; an undated one borrows the date of the dated document closest to it
    (see ``closest_dated``). A scraped article that lost its dateline is then not pushed after every
    dated one."""
    dates = [d.date for d in cluster.documents]
    return [dates[j] if j is not None else None for j in closest_dated(cluster, sentences, vectors)]



def document_vectors(sentences, vectors, n_docs: int):
    """One L2-normalised row per document: the sum of its sentences' rows (zero rows stay zero)."""
    rows = np.fromiter((s.doc for s in sentences), dtype=np.int64, count=len(sentences))
    member = sp.csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(n_docs, len(rows)))
    docs = member @ vectors
    norms = np.sqrt(np.asarray(docs.multiply(docs).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms) @ docs

def closest_dated(cluster: Cluster, sentences: Sequence[Sentence],
                  vectors: sp.csr_matrix | None) -> list[int | None]:
    """For each document, the dated document its date comes from: itself when dated, else the dated
    document closest to it (cosine of the documents' summed sentence vectors) when they share any
    term at all, else None."""
    dates = [d.date for d in cluster.documents]
    known = [i for i, d in enumerate(dates) if d is not None]
    out: list[int | None] = [i if d is not None else None for i, d in enumerate(dates)]
    if vectors is None or not known or len(known) == len(dates):
        return out
    docs = document_vectors(sentences, vectors, len(dates))
    sims = (docs @ docs[known].T).toarray()
    for i, date in enumerate(dates):
        if date is None and sims[i].max() > 0:
            out[i] = known[int(np.argmax(sims[i]))]
    return out


def cost(budget: Budget, text: str) -> int:
    """What a sentence costs in the budget's unit, counted as ``Budget.cut`` (ROUGE-1.5.5) counts it:
    whitespace words for ``-l``, the line's UTF-8 bytes for ``-b`` (join spaces are not counted)."""
    return budget.size(text)


def ranking(sentences: Sequence[Sentence], scores: np.ndarray, candidates: np.ndarray | None = None) -> np.ndarray:
    """Candidates best first, ties broken by document then position, so equal scores never depend
    on sort stability or on the platform."""
    cand = np.arange(len(sentences)) if candidates is None else np.asarray(candidates)
    if cand.size == 0:
        return cand.astype(np.int64)
    scores = np.asarray(scores, dtype=np.float64)
    docs = np.array([sentences[i].doc for i in cand])
    pos = np.array([sentences[i].position for i in cand])
    return cand[np.lexsort((pos, docs, -scores[cand]))]


def budgeted_greedy(candidates: Sequence[int], costs: Sequence[float], limit: float,
                    gains: Callable[[list[int], np.ndarray], np.ndarray],
                    value: Callable[[list[int]], float], scale: float = 1.0,
                    overflow: Overflow = "skip") -> list[int]:
    """Cost-scaled greedy maximisation of a monotone set function under a knapsack budget.

    Lin & Bilmes (2010, 2011): at each step take the candidate with the best marginal gain per
    ``cost ** scale`` (``gains(chosen, candidates)``), keep it if it fits, drop it otherwise; at the
    end compare with the best single candidate that fits (``value([]) + gains([], [v])``), which is what gives the
    greedy its constant-factor guarantee. With ``overflow="cut"`` a candidate is also kept when the
    budget is not yet full, as the final ROUGE-style cut will trim it. Ties go to the earlier
    candidate, so pass candidates in a deterministic order. Returns indices in the order chosen.
    """
    cand = np.asarray(candidates, dtype=np.int64)
    costs_arr = np.asarray(costs, dtype=np.float64)
    if cand.size == 0:
        return []
    alive = np.ones(cand.size, dtype=bool)
    denominators = np.power(np.maximum(costs_arr, 1e-9), scale)
    chosen: list[int] = []
    used = 0.0
    while alive.any():
        left = limit - used
        if overflow == "cut":
            if left <= 0:
                break
        else:
            alive &= costs_arr <= left
            if not alive.any():
                break
        idx = np.flatnonzero(alive)
        g = np.asarray(gains(chosen, cand[idx]), dtype=np.float64)
        ratio = g / denominators[idx]
        best = int(np.argmax(ratio))
        if g[best] < 0:  # for a submodular F gains only shrink: nothing left can ever help
            break
        j = int(idx[best])
        alive[j] = False
        chosen.append(int(cand[j]))
        used += costs_arr[j]
    fits = np.flatnonzero(costs_arr <= limit)
    if fits.size and chosen:
        singles = np.asarray(gains([], cand[fits]), dtype=np.float64) + value([])
        best = int(fits[int(np.argmax(singles))])
        if singles.max() > value(chosen) + 1e-12:
            return [int(cand[best])]
    return chosen


PATIENCE = 50
"""A selection ends after this many candidates in a row were skipped as restatements (each costs a
pass over the cluster's vectors): the rest rank lower still, and the selection stays linear."""

SURE_LEXICAL = 0.7
SURE_SEMANTIC = 0.8
"""Similarities at which one sentence restates another whether or not it stands out (near copies)."""


def stands_out(sims: np.ndarray, own: Sequence[int] | np.ndarray, z: float, sure: float) -> np.ndarray:
    """Whether each similarity (of one sentence, or of a point's sentences ``own``, to every sentence)
    is at least ``z`` standard deviations above the mean of the similarities to the other sentences,
    or at least ``sure``. In a cluster about one story every sentence is somewhat close to every
    other; only the outliers state the same fact. The sentence's own similarities (1.0) are left out
    of both statistics, which they would inflate."""
    if sims.size <= len(own) + 1:
        return sims >= sure
    others = np.delete(sims, own)
    return (sims >= others.mean() + z * others.std()) | (sims >= sure)


def restates(i: int, vectors: sp.csr_matrix | None, semantic: np.ndarray | None, lexical: float,
             semantic_threshold: float, z: float, lexical_row: np.ndarray | None = None) -> np.ndarray:
    """Which sentences restate sentence ``i``: TF-IDF cosine over ``lexical`` or embedding cosine over
    ``semantic_threshold``, standing out (``stands_out``) from ``i``'s similarities to the cluster.
    The citation test of ``summarizer.briefing`` (same defaults), for one sentence; one product per matrix
    (``lexical_row``, if given, is ``i``'s TF-IDF row of similarities, already computed)."""
    n = vectors.shape[0] if vectors is not None else semantic.shape[0]
    out = np.zeros(n, dtype=bool)
    for matrix, threshold, sure in ((vectors, lexical, SURE_LEXICAL), (semantic, semantic_threshold, SURE_SEMANTIC)):
        if matrix is None:
            continue
        sims = lexical_row if matrix is vectors and lexical_row is not None else _row(matrix, i)
        out |= (sims > threshold) & stands_out(sims, [i], z, sure)
    return out


def _row(matrix, i: int) -> np.ndarray:
    """Sentence ``i``'s similarities to every sentence (rows are L2-normalised): one product.

    A sparse matrix multiplies row ``i`` as a dense vector: the same sums in the same order as the
    sparse product with ``matrix[i].T``, without building (and transposing) a one-column matrix."""
    if sp.issparse(matrix):
        product = matrix @ matrix[i].toarray().ravel()
    else:
        product = matrix @ matrix[i].T
    return np.asarray(product, dtype=np.float64).ravel()

