"""Who is scored against which references, and how the results combine: the one place for it.

``plan`` turns the peers of a shared task (several systems, and humans whose summaries are
references) into the evals a :class:`~summarizer.evaluation.metric.Metric` scores in one batch;
``combine_evals`` folds each peer's eval scores into its per-cluster score. The rules:

- ``average`` (ROUGE-1.5.5 ``-f A``): one eval per cluster, every reference a model;
- ``best`` (``-f B``): one eval per reference; a peer keeps, per metric, its highest-recall one;
- ``jackknife`` (NIST's DUC/TAC protocol): with k references, k evals, each leaving one reference
  out; a system is the mean of its k evals.

Under every policy a human peer (a summary identical to one of the cluster's references) is
scored only against the *other* references, never its own: under ``jackknife`` that is the one
eval that leaves its reference out, exactly as NIST's ``rougejk.in`` does.

The functions on per-reference lists (``average``, ``best``, ``jackknife``) are the same rules
for a single peer whose per-reference scores are known (the rouge-score backend pools them so).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from summarizer.evaluation.metric import Eval
from summarizer.evaluation.scores import Score, f_measure, mean_score

POLICY_NAMES = ("average", "best", "jackknife")


def average(scores: Sequence[Score], weights: Sequence[float]) -> Score:
    """``-f A``: recall = sum of hits / sum of reference sizes; precision = mean over references.

    ``weights`` are the references' sizes in the metric's units (n-grams for ROUGE-N, tokens for
    ROUGE-L). Precision averages plainly because the peer's size is the same against every reference.
    """
    if not scores:
        raise ValueError("no references to average over")
    total = float(sum(weights))
    recall = sum(s.recall * w for s, w in zip(scores, weights)) / total if total > 0 else 0.0
    precision = sum(s.precision for s in scores) / len(scores)
    return Score(precision, recall, f_measure(recall, precision))


def best(scores: Sequence[Score], weights: Sequence[float] | None = None) -> Score:
    """``-f B``: the scores against the reference with the highest recall (the first on ties)."""
    if not scores:
        raise ValueError("no references to choose from")
    top = max(range(len(scores)), key=lambda i: (scores[i].recall, -i))
    return Score(*scores[top])


def jackknife(scores: Sequence[Score], weights: Sequence[float]) -> Score:
    """k evaluations, each ``average`` over the other k-1 references, then the mean (k=1: ``average``)."""
    k = len(scores)
    if k < 2:
        return average(scores, weights)
    folds = [average([s for j, s in enumerate(scores) if j != i], [w for j, w in enumerate(weights) if j != i])
             for i in range(k)]
    return mean_score(folds)


POLICIES = {"average": average, "best": best, "jackknife": jackknife}


def combine(policy: str, scores: Sequence[Score], weights: Sequence[float]) -> Score:
    try:
        return POLICIES[policy](scores, weights)
    except KeyError:
        raise ValueError(f"unknown multi-reference policy {policy!r} (choose from {', '.join(POLICIES)})") from None


# -- shared-task layout ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Peer:
    """One summary to score: which system wrote it for which cluster, and the text ROUGE sees."""

    system: str
    cluster: str
    text: str
    own_reference: int | None = None
    """Index of the cluster reference this summary *is* (a human peer), else None."""


@dataclass(frozen=True)
class Plan:
    evals: list[Eval]
    of_peer: dict[tuple[str, str], list[str]]
    """``of_peer[(system, cluster)]`` = the ids of the evals that peer is scored in, in order."""


def plan(peers: Sequence[Peer], references: Mapping[str, Sequence[str]], policy: str) -> Plan:
    """The evals of ``policy`` over every cluster (see the module docstring for the rules)."""
    if policy not in POLICIES:
        raise ValueError(f"unknown multi-reference policy {policy!r} (choose from {', '.join(POLICIES)})")
    by_cluster: dict[str, list[Peer]] = {}
    for p in peers:
        by_cluster.setdefault(p.cluster, []).append(p)
    evals: list[Eval] = []
    of_peer: dict[tuple[str, str], list[str]] = {}

    def add(eval_id: str, members: list[Peer], models: dict[str, str]) -> None:
        if not members:
            return
        evals.append(Eval(eval_id, {p.system: p.text for p in members}, models))
        for p in members:
            of_peer.setdefault((p.system, p.cluster), []).append(eval_id)

    for cid, members in by_cluster.items():
        refs = list(references[cid])
        k = len(refs)
        models = {f"R{j}": r for j, r in enumerate(refs)}
        systems = [p for p in members if p.own_reference is None]
        humans = [p for p in members if p.own_reference is not None]
        for h in humans:
            if k < 2:
                raise ValueError(f"cluster {cid!r}: the human summary of {h.system!r} is its only reference, "
                                 "so there is nothing to score it against")
        if policy == "jackknife" and k >= 2:
            for j in range(k):
                add(f"{cid}.{j}", systems + [h for h in humans if h.own_reference == j],
                    {m: t for m, t in models.items() if m != f"R{j}"})
        elif policy == "best":
            for j in range(k):
                add(f"{cid}.{j}", systems + [h for h in humans if h.own_reference != j], {f"R{j}": refs[j]})
        else:  # average (and jackknife with one reference)
            add(cid, systems, models)
            for h in humans:
                j = h.own_reference
                add(f"{cid}.{j}", [h], {m: t for m, t in models.items() if m != f"R{j}"})
    return Plan(evals, of_peer)


def combine_evals(policy: str, per_eval: Sequence[Mapping[str, Score]]) -> dict[str, Score]:
    """A peer's per-cluster score from its evals: the mean (``average``/``jackknife``) or, per
    metric, the eval with the highest recall (``best``)."""
    if not per_eval:
        raise ValueError("a peer with no evals")
    names = list(per_eval[0])
    if policy == "best":
        return {m: best([e[m] for e in per_eval]) for m in names}
    return {m: mean_score([e[m] for e in per_eval]) for m in names}


def own_reference(text: str, references: Sequence[str]) -> int | None:
    """Index of the reference ``text`` is (same words, whatever the line breaks), else None."""
    words = text.split()
    for j, ref in enumerate(references):
        if ref.split() == words:
            return j
    return None
