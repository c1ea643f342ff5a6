"""Score summaries of one or many systems against their clusters' references; keep every number.

``evaluate_systems`` is the one entry point: it lays the peers out in evals (``multiref.plan``:
policy, jackknifing, humans never against their own reference), scores every eval in one batch
call of the settings' ``Metric``, and folds each peer's evals into per-cluster scores.
``evaluate`` is the single-system case. ``n_jobs`` never changes a number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from summarizer.cluster import Cluster
from summarizer.evaluation import multiref
from summarizer.evaluation.bootstrap import bootstrap_table
from summarizer.evaluation.diagnostics import NUMERIC_DIAGNOSTICS, diagnose, source_grams
from summarizer.evaluation.metric import Metric, OfficialAverage
from summarizer.evaluation.scores import PARTS, flat
from summarizer.evaluation.settings import RougeSettings
from summarizer.summary import Summary

AVERAGES = ("mean", "rouge155")
"""How a system's score over the task is aggregated: the plain mean over clusters (with a seeded
bootstrap CI over clusters), or ROUGE-1.5.5's own ``Average`` (the mean of its 1000 bootstrap
resample means over the peer's evals, with ROUGE's CI): what NIST published."""


@dataclass(frozen=True)
class Prediction:
    """A summary and who wrote it. ``human=None``: a summary identical to a reference is that reference's."""

    summary: Summary
    system: str = "system"
    human: bool | None = None


@dataclass(frozen=True)
class Evaluation:
    """One system's per-cluster scores (``{"id", "scores", ...}`` rows) under one ``RougeSettings``."""

    settings: RougeSettings
    per_cluster: list[dict[str, Any]] = field(default_factory=list)
    official: Mapping[str, OfficialAverage] = field(default_factory=dict)
    """The metric implementation's own aggregate (ROUGE-1.5.5's Average) per metric, when it has one."""
    system: str = "system"
    human: bool = False

    @property
    def n_clusters(self) -> int:
        return len(self.per_cluster)

    @property
    def n_evals(self) -> int:
        return sum(int(r.get("n_evals", 1)) for r in self.per_cluster)

    def column(self, key: str) -> list[float]:
        """One score (e.g. ``rouge2_r``) for every cluster, in row order."""
        return [row["scores"][key] for row in self.per_cluster]

    def aggregate(self, confidence: float = 0.95, n_resamples: int = 1000,
                  seed: int = 0) -> dict[str, dict[str, float]]:
        """Plain mean of every score over clusters with its seeded percentile-bootstrap CI."""
        if not self.per_cluster:
            return {}
        keys = list(self.per_cluster[0]["scores"])
        return bootstrap_table({k: self.column(k) for k in keys}, confidence, n_resamples, seed)

    def official_aggregate(self) -> dict[str, dict[str, float]]:
        """ROUGE-1.5.5's ``Average`` and CI of every score (empty when the backend has none)."""
        out = {}
        for metric, avg in self.official.items():
            for suffix, part in PARTS:
                out[f"{metric}_{suffix}"] = avg.interval(part).to_dict()
        return out

    def summary_table(self, average: str = "mean", confidence: float = 0.95, n_resamples: int = 1000,
                      seed: int = 0) -> dict[str, dict[str, float]]:
        if average == "rouge155":
            if not self.official:
                raise ValueError("ROUGE-1.5.5's Average needs the perl backend")
            return self.official_aggregate()
        return self.aggregate(confidence, n_resamples, seed)

    def diagnostics(self) -> dict[str, float]:
        """Mean of each numeric diagnostic over clusters."""
        rows = [r["diagnostics"] for r in self.per_cluster if r.get("diagnostics")]
        return {k: float(np.mean([d[k] for d in rows])) for k in NUMERIC_DIAGNOSTICS if rows and k in rows[0]}

    def to_dict(self, confidence: float = 0.95, n_resamples: int = 1000, seed: int = 0) -> dict[str, Any]:
        out = {
            "settings": self.settings.to_dict(),
            "settings_description": self.settings.describe(),
            "n_clusters": self.n_clusters,
            "bootstrap": {"confidence": confidence, "n_resamples": n_resamples, "seed": seed},
            "aggregate": self.aggregate(confidence, n_resamples, seed),
            "diagnostics": self.diagnostics(),
            "per_cluster": self.per_cluster,
        }
        if self.official:
            out["official_average"] = self.official_aggregate()
            out["official_average_is"] = ("ROUGE-1.5.5's Average: the mean of its 1000 bootstrap resample means "
                                          f"over the {self.n_evals} evals, with its 95% CI")
        return out

    def to_json(self, indent: int | None = 2, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(**kwargs), indent=indent, ensure_ascii=False)

    def to_markdown(self, confidence: float = 0.95, n_resamples: int = 1000, seed: int = 0,
                    average: str = "mean") -> str:
        """A results table with CIs, headed by the settings line and what the score is."""
        agg = self.summary_table(average, confidence, n_resamples, seed)
        pct = f"{confidence:.0%}"
        what = (f"score = mean over clusters, [{pct} bootstrap CI, {n_resamples} resamples, seed {seed}]"
                if average == "mean" else
                f"score = ROUGE-1.5.5's Average over {self.n_evals} evals (mean of its 1000 bootstrap resample "
                "means), [its 95% CI]")
        lines = [f"**Settings:** {self.settings.describe()}", "", f"{self.n_clusters} clusters; {what}", "",
                 "| metric | recall | precision | F1 |", "|---|---|---|---|"]
        for m in self.settings.metrics:
            cells = [_cell(agg.get(f"{m}_{x}")) for x in ("r", "p", "f")]
            lines.append(f"| {m} | " + " | ".join(cells) + " |")
        diag = self.diagnostics()
        if diag:
            lines += ["", "| diagnostic | mean |", "|---|---|"]
            lines += [f"| {k} | {v:.4g} |" for k, v in diag.items()]
        return "\n".join(lines) + "\n"


def _cell(stat: Mapping[str, float] | None) -> str:
    if not stat:
        return "-"
    return f"{stat['mean']:.4f} [{stat['ci_low']:.4f}, {stat['ci_high']:.4f}]"


@dataclass(frozen=True)
class SharedTask:
    """Every system's ``Evaluation`` under the same settings, in input order, plus what was done to sentences."""

    settings: RougeSettings
    systems: dict[str, Evaluation]
    notes: tuple[str, ...] = ()

    def ranking(self, key: str, average: str = "mean", **stats: Any) -> list[tuple[str, dict[str, dict[str, float]]]]:
        """Systems with their aggregate table, best first by ``key`` (ties: input order)."""
        tables = [(name, ev.summary_table(average, **stats)) for name, ev in self.systems.items()]
        for name, table in tables:
            if key not in table:
                raise ValueError(f"no score {key!r} (have {', '.join(table)})")
        return sorted(tables, key=lambda t: -t[1][key]["mean"])


def _peer_text(text: str, split: bool) -> str:
    from summarizer.evaluation.rouge import sentence_lines

    return "\n".join(sentence_lines(text, split=split))


def evaluate_systems(predictions: Sequence[Prediction], clusters: Sequence[Cluster] | Mapping[str, Cluster],
                     settings: RougeSettings | None = None, n_jobs: int = 1, progress: bool = False,
                     diagnostics: bool = True, metric: Metric | None = None,
                     cache: str | Path | None = None) -> SharedTask:
    """Score every prediction against its cluster's references, all systems in one batch.

    ``metric`` overrides the implementation the settings name (any ``Metric``, same protocol).
    ``cache``: an SQLite file of rouge-score results shared by runs (see ``rouge_cache``).

    Raises ValueError for a prediction without a cluster, a cluster without references, two
    summaries of one system for one cluster, or a summary flagged human that matches no reference.
    """
    settings = settings or RougeSettings()
    by_id = dict(clusters) if isinstance(clusters, Mapping) else {c.id: c for c in clusters}
    split = settings.sentences == "split"
    peers: list[multiref.Peer] = []
    seen: set[tuple[str, str]] = set()
    references: dict[str, list[str]] = {}
    n_one_line = 0
    for pred in predictions:
        cid, system = pred.summary.cluster_id, pred.system
        if (system, cid) in seen:
            raise ValueError(f"two summaries of system {system!r} for cluster {cid!r}")
        seen.add((system, cid))
        cluster = by_id.get(cid)
        if cluster is None:
            raise ValueError(f"no cluster {cid!r} in the dataset")
        if not cluster.references:
            raise ValueError(f"cluster {cid!r} has no reference summaries")
        if cid not in references:
            references[cid] = [_peer_text(r, split) for r in cluster.references]
        own = multiref.own_reference(pred.summary.text, cluster.references) if pred.human is not False else None
        if pred.human and own is None:
            raise ValueError(f"the human summary of {system!r} for cluster {cid!r} matches none of its references")
        text = _peer_text(pred.summary.text, split)
        n_one_line += len(pred.summary.text.strip().splitlines()) == 1
        peers.append(multiref.Peer(system, cid, text, own))
    layout = multiref.plan(peers, references, settings.multiref)
    metric = metric or settings.metric(cache)
    from tqdm.auto import tqdm

    total = sum(len(e.peers) for e in layout.evals)
    with tqdm(total=total, disable=not progress, desc=metric.name, unit="score") as bar:
        result = metric.score_evals(layout.evals, n_jobs=n_jobs, on_done=bar.update)
    humans = {p.system for p in peers if p.own_reference is not None}
    rows: dict[str, list[dict[str, Any]]] = {}
    grams_cache: dict[str, Any] = {}
    for pred, peer in zip(predictions, peers):
        eval_ids = layout.of_peer[(peer.system, peer.cluster)]
        per_eval = [result.scores[e][peer.system] for e in eval_ids]
        combined = multiref.combine_evals(settings.multiref, per_eval)
        cluster = by_id[peer.cluster]
        row: dict[str, Any] = {"id": peer.cluster, "scores": flat(combined),
                               "n_references": len(cluster.references), "n_evals": len(eval_ids)}
        if peer.own_reference is not None:
            row["own_reference"] = peer.own_reference
        if diagnostics:
            if peer.cluster not in grams_cache:
                grams_cache[peer.cluster] = source_grams(cluster)
            row["diagnostics"] = diagnose(pred.summary, cluster, grams_cache[peer.cluster])
        rows.setdefault(peer.system, []).append(row)
    systems = {name: Evaluation(settings, rows[name], result.averages.get(name, {}), name, name in humans)
               for name in rows}
    if [m for m in metric.names] != list(settings.metrics):
        raise ValueError(f"metric {metric.name} returns {', '.join(metric.names)}, the settings ask for "
                         f"{', '.join(settings.metrics)}")
    notes = []
    if n_one_line:
        how = ("scored as one sentence (not re-split)" if not split
               else "split into sentences with Punkt before scoring")
        notes.append(f"{n_one_line} of {len(peers)} summaries are a single line: {how}")
    return SharedTask(settings, systems, tuple(notes))


def evaluate(summaries: Sequence[Summary], clusters: Sequence[Cluster] | Mapping[str, Cluster],
             settings: RougeSettings | None = None, n_jobs: int = 1, progress: bool = False,
             diagnostics: bool = True, cache: str | Path | None = None) -> Evaluation:
    """One system: score each summary against the references of its cluster (matched by id).

    Raises ValueError for a summary without a cluster, a cluster without references, or two
    summaries of one cluster. ``n_jobs=-1`` uses every core.
    """
    summaries = list(summaries)
    seen: set[str] = set()
    for s in summaries:
        if s.cluster_id in seen:
            raise ValueError(f"two summaries for cluster {s.cluster_id!r}")
        seen.add(s.cluster_id)
    task = evaluate_systems([Prediction(s, "system", False) for s in summaries], clusters, settings, n_jobs,
                            progress, diagnostics, cache=cache)
    if not task.systems:
        return Evaluation(settings or RougeSettings())
    return next(iter(task.systems.values()))
