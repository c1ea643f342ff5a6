"""Score many summaries against their clusters' references; keep every per-cluster number.

``evaluate`` is the one entry point for both backends. Work is spread over processes (rouge-score)
or Perl processes (ROUGE-1.5.5); results come back in input order, so ``n_jobs`` never changes a
number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from summarizer.cluster import Cluster
from summarizer.evaluation.bootstrap import bootstrap_table
from summarizer.evaluation.diagnostics import NUMERIC_DIAGNOSTICS, diagnose
from summarizer.evaluation.multiref import combine
from summarizer.evaluation.settings import RougeSettings
from summarizer.summary import Summary


@dataclass(frozen=True)
class Evaluation:
    """Per-cluster scores (``{"id", "scores", "diagnostics"}`` rows) under one ``RougeSettings``."""

    settings: RougeSettings
    per_cluster: list[dict[str, Any]] = field(default_factory=list)

    @property
    def n_clusters(self) -> int:
        return len(self.per_cluster)

    def column(self, key: str) -> list[float]:
        """One score (e.g. ``rouge2_r``) for every cluster, in row order."""
        return [row["scores"][key] for row in self.per_cluster]

    def aggregate(self, confidence: float = 0.95, n_resamples: int = 1000,
                  seed: int = 0) -> dict[str, dict[str, float]]:
        """Mean of every score over clusters with its seeded percentile-bootstrap CI."""
        if not self.per_cluster:
            return {}
        keys = list(self.per_cluster[0]["scores"])
        return bootstrap_table({k: self.column(k) for k in keys}, confidence, n_resamples, seed)

    def diagnostics(self) -> dict[str, float]:
        """Mean of each numeric diagnostic over clusters."""
        rows = [r["diagnostics"] for r in self.per_cluster if r.get("diagnostics")]
        return {k: float(np.mean([d[k] for d in rows])) for k in NUMERIC_DIAGNOSTICS if rows and k in rows[0]}

    def to_dict(self, confidence: float = 0.95, n_resamples: int = 1000, seed: int = 0) -> dict[str, Any]:
        return {
            "settings": self.settings.to_dict(),
            "settings_description": self.settings.describe(),
            "n_clusters": self.n_clusters,
            "bootstrap": {"confidence": confidence, "n_resamples": n_resamples, "seed": seed},
            "aggregate": self.aggregate(confidence, n_resamples, seed),
            "diagnostics": self.diagnostics(),
            "per_cluster": self.per_cluster,
        }

    def to_json(self, indent: int | None = 2, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(**kwargs), indent=indent, ensure_ascii=False)

    def to_markdown(self, confidence: float = 0.95, n_resamples: int = 1000, seed: int = 0) -> str:
        """A results table with CIs, headed by the settings line."""
        agg = self.aggregate(confidence, n_resamples, seed)
        pct = f"{confidence:.0%}"
        lines = [f"**Settings:** {self.settings.describe()}", "",
                 f"{self.n_clusters} clusters; score = mean over clusters, [{pct} bootstrap CI, "
                 f"{n_resamples} resamples, seed {seed}]", "",
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


def _pair_up(summaries: Sequence[Summary], clusters: Sequence[Cluster] | Mapping[str, Cluster]) -> list[Cluster]:
    by_id = dict(clusters) if isinstance(clusters, Mapping) else {c.id: c for c in clusters}
    seen: set[str] = set()
    out = []
    for s in summaries:
        if s.cluster_id in seen:
            raise ValueError(f"two summaries for cluster {s.cluster_id!r}")
        seen.add(s.cluster_id)
        cluster = by_id.get(s.cluster_id)
        if cluster is None:
            raise ValueError(f"no cluster {s.cluster_id!r} in the dataset")
        if not cluster.references:
            raise ValueError(f"cluster {s.cluster_id!r} has no reference summaries")
        out.append(cluster)
    return out


def _rouge_score_row(summary: Summary, references: Sequence[str], settings: RougeSettings) -> dict[str, float]:
    from summarizer.evaluation.rouge import score_references

    scores, sizes = score_references(summary.text, references, settings.metrics, settings.stemming,
                                     settings.truncate)
    row: dict[str, float] = {}
    for m in settings.metrics:
        r, p, f = combine(settings.multiref, [s[m] for s in scores], [z[m] for z in sizes])
        row.update({f"{m}_r": r, f"{m}_p": p, f"{m}_f": f})
    return row


def _job(summary: Summary, cluster: Cluster, settings: RougeSettings, with_diagnostics: bool) -> dict[str, Any]:
    row: dict[str, Any] = {"id": summary.cluster_id, "scores": {}}
    if settings.backend == "rouge-score":
        row["scores"] = _rouge_score_row(summary, cluster.references, settings)
    row["n_references"] = len(cluster.references)
    if with_diagnostics:
        row["diagnostics"] = diagnose(summary, cluster)
    return row


def _perl_scores(summaries: Sequence[Summary], clusters: Sequence[Cluster], settings: RougeSettings,
                 n_jobs: int, progress: bool) -> list[dict[str, float]]:
    from tqdm.auto import tqdm

    from summarizer.evaluation.perl import Eval, perl_metric_names, run_rouge155, settings_options
    from summarizer.evaluation.rouge import sentence_lines

    evals, owner = [], []
    for i, (s, c) in enumerate(zip(summaries, clusters)):
        # same lines as the rouge-score backend: a one-line text is split into sentences
        peer = "\n".join(sentence_lines(s.text))
        refs = ["\n".join(sentence_lines(r)) for r in c.references]
        models = {f"M{j}": r for j, r in enumerate(refs)}
        if settings.multiref == "jackknife" and len(refs) > 1:
            for j in range(len(refs)):
                evals.append(Eval(f"{i:06d}.{j}", {"P": peer}, {k: v for k, v in models.items() if k != f"M{j}"}))
                owner.append(i)
        else:
            evals.append(Eval(f"{i:06d}", {"P": peer}, models))
            owner.append(i)
    perl_metrics = perl_metric_names(settings.metrics)
    opts = settings_options(settings)
    with tqdm(total=len(evals), disable=not progress, desc="ROUGE-1.5.5", unit="eval") as bar:
        result = run_rouge155(evals, opts, n_jobs=n_jobs, on_done=bar.update)
    lines = result.per_eval.get("P", {})
    rows: list[dict[str, float]] = []
    for i in range(len(summaries)):
        mine = [lines[e.id] for e, o in zip(evals, owner) if o == i]
        row = {}
        for m, pm in zip(settings.metrics, perl_metrics):
            for x, name in enumerate(("r", "p", "f")):
                row[f"{m}_{name}"] = float(np.mean([ev[pm][x] for ev in mine]))
        rows.append(row)
    return rows


def evaluate(summaries: Sequence[Summary], clusters: Sequence[Cluster] | Mapping[str, Cluster],
             settings: RougeSettings | None = None, n_jobs: int = 1, progress: bool = False,
             diagnostics: bool = True) -> Evaluation:
    """Score each summary against the references of its cluster (matched by id).

    Raises ValueError for a summary without a cluster, a cluster without references, or two
    summaries of one cluster. ``n_jobs=-1`` uses every core.
    """
    settings = settings or RougeSettings()
    summaries = list(summaries)
    paired = _pair_up(summaries, clusters)
    from joblib import Parallel, delayed
    from tqdm.auto import tqdm

    rouge_in_jobs = settings.backend == "rouge-score"  # the perl backend scores after, in Perl processes
    from summarizer.children import TiedToParent

    jobs = (delayed(TiedToParent(_job))(s, c, settings, diagnostics) for s, c in zip(summaries, paired))
    desc = "rouge-score" if rouge_in_jobs else "diagnostics"
    if n_jobs == 1 or len(summaries) < 2 or not (rouge_in_jobs or diagnostics):
        rows = [_job(s, c, settings, diagnostics) for s, c in
                tqdm(list(zip(summaries, paired)), disable=not progress or not (rouge_in_jobs or diagnostics),
                     desc=desc, unit="cluster")]
    else:
        gen = Parallel(n_jobs=n_jobs, return_as="generator")(jobs)
        rows = list(tqdm(gen, total=len(summaries), disable=not progress, desc=desc, unit="cluster"))
    if not rouge_in_jobs and summaries:
        for row, scores in zip(rows, _perl_scores(summaries, paired, settings, n_jobs, progress)):
            row["scores"] = scores
    return Evaluation(settings=settings, per_cluster=rows)
