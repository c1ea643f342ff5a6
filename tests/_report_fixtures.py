"""Run folders for the report tests, written in the ``mds run`` layout from real summaries and real ROUGE.

The clusters are invented (no dataset text). Summaries come from TextRank and two simple selections
built with ``build_summary`` (first sentences = a lead baseline; sentences nearest the reference = an
oracle); scores come from ``summarizer.evaluation.evaluate``.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from summarizer.pipeline import prepare
from summarizer.base import build_summary
from summarizer.budget import Budget
from summarizer.cluster import Cluster, Document
from summarizer.methods.textrank import TextRank
from summarizer.summary import Summary

EVIL = '<script>document.title="pwned"</script>'
"""Article text that must render as text: if it ran, the page title would change."""

PLACES = ["Harbor City", "Northvale", "Lake Orin", "Port Selby", "Eastmoor", "Fenwick", "Gravesend Bay", "Kilnock"]
EVENTS = [("flood", "rising water", "the river"), ("fire", "the blaze", "the warehouse"),
          ("strike", "the walkout", "the rail union"), ("storm", "the gale", "the coast"),
          ("election", "the vote", "the council"), ("outage", "the blackout", "the grid")]
FACTS = [
    "Officials in {place} said {thing} forced {n} families to leave their homes on Monday.",
    "The {event} began late on Sunday after {cause} overwhelmed local crews.",
    "Emergency services reported {m} people treated for minor injuries.",
    "The mayor of {place} promised an inquiry into how {cause} was handled.",
    "Residents described hours of confusion as {thing} spread across the district.",
    "Schools in {place} will stay closed until Thursday, the education office said.",
    "Insurers estimate the damage from the {event} at {n} million dollars.",
    "Volunteers opened shelters in two churches and a sports hall.",
    "A spokesperson for {cause} declined to comment on the cause.",
    "Forecasters expect calmer conditions by the weekend.",
    "Local shops reopened slowly while crews cleared the main road.",
    "Critics said warnings about {cause} had been ignored for years.",
]


def invented_clusters(n: int = 6, seed: int = 0, script_doc: bool = True) -> list[Cluster]:
    """Small news-like clusters with two references each; one document carries a ``<script>`` tag."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        event, thing, cause = EVENTS[i % len(EVENTS)]
        fill = dict(place=place, event=event, thing=thing, cause=cause, n=rng.randint(20, 900), m=rng.randint(2, 60))
        facts = [f.format(**fill) for f in FACTS]
        docs = []
        for d in range(3):
            chosen = rng.sample(facts, 6)
            text = " ".join(chosen)
            if script_doc and i == 0 and d == 0:
                text = f"Flood officials quoted {EVIL} in a statement & a note in <b>bold</b> on Monday. " + text
            docs.append(Document(id=f"c{i}.{d}", text=text, title=f"{place} {event} report {d} <i>live</i>",
                                 url=f"https://news.example.org/{i}/{d}?a=1&b=<x>"))
        refs = (" ".join(rng.sample(facts, 3)), " ".join(rng.sample(facts, 3)))
        if script_doc and i == 0:
            refs = (f"A reference citing {EVIL} too. " + refs[0], refs[1])
        out.append(Cluster(id=f"T{i:02d}", documents=tuple(docs), references=refs))
    return out


def lead_summary(cluster: Cluster, budget: Budget) -> Summary:
    """First sentences of the first document: the classic lead baseline."""
    idx = [i for i, s in enumerate(prepare(cluster).sentences) if s.doc == 0]
    return build_summary(cluster, idx, np.zeros(len(prepare(cluster).sentences)), budget, "lead")


def oracle_summary(cluster: Cluster, budget: Budget) -> Summary:
    """Sentences by unigram overlap with the first reference: an upper-bound style selection."""
    ref = set(cluster.references[0].lower().split())
    scores = np.array([len(ref & set(s.text.lower().split())) / (1 + len(s.text.split())) for s in prepare(cluster).sentences])
    idx = list(np.argsort(-scores, kind="stable"))
    return build_summary(cluster, idx, scores, budget, "oracle")


def settings(**kw: Any):
    from summarizer.evaluation import RougeSettings

    return RougeSettings(**kw)


def write_run(folder: Path, summaries: Sequence[Summary], clusters: Sequence[Cluster], rouge_settings: Any,
              method: str, dataset: str = "invented", times: Sequence[float] | None = None,
              timings_file: bool = False, overrides: Sequence[str] = (),
              dataset_file: Path | None = None) -> Path:
    """Write a run folder in the contract layout from real summaries scored by ``evaluate``."""
    from summarizer.evaluation import evaluate

    folder.mkdir(parents=True, exist_ok=True)
    evaluation = evaluate(list(summaries), list(clusters), rouge_settings)
    times = list(times) if times is not None else [0.01 * (k + 1) for k in range(len(summaries))]
    with (folder / "predictions.jsonl").open("w") as fh:
        for s, t in zip(summaries, times):
            row = s.to_dict()
            if not timings_file:
                row["time_s"] = t
            fh.write(json.dumps(row) + "\n")
    if timings_file:
        with (folder / "timings.jsonl").open("w") as fh:
            for s, t in zip(summaries, times):
                fh.write(json.dumps({"id": s.cluster_id, "time_s": t}) + "\n")
    with (folder / "scores.jsonl").open("w") as fh:
        for row in evaluation.per_cluster:
            fh.write(json.dumps(row) + "\n")
    metrics = {
        "method": method, "dataset": dataset, "n_clusters": len(summaries),
        "settings": rouge_settings.to_dict(), "settings_description": rouge_settings.describe(),
        "aggregate": evaluation.aggregate(), "time_s": {"total": sum(times), "mean_per_cluster": float(np.mean(times))},
        "length_words": {"mean": float(np.mean([s.n_words for s in summaries]))},
    }
    (folder / "metrics.json").write_text(json.dumps(metrics, indent=1))
    data = {"name": dataset}
    if dataset_file is not None:
        data["loader"] = {"_target_": "summarizer.datasets.jsonl.load_jsonl", "path": str(dataset_file)}
    (folder / "config.yaml").write_text(json.dumps({"method_name": method, "data": data, "seed": 0}))  # JSON is YAML
    (folder / "environment.json").write_text(json.dumps({"python": "3", "seed": 0, "time": time.time()}))
    (folder / "run.log").write_text("fixture run\n")
    if overrides:
        (folder / ".hydra").mkdir(exist_ok=True)
        (folder / ".hydra" / "overrides.yaml").write_text("".join(f"- {o}\n" for o in overrides))
    return folder


def make_runs(root: Path, n_clusters: int = 6, budget: Budget = Budget(40, "words"), **settings_kw: Any) -> dict[str, Path]:
    """A sweep folder with lead, textrank and oracle runs on the invented clusters (one settings)."""
    clusters = invented_clusters(n_clusters)
    s = settings(**settings_kw)
    runs = {
        "lead": [lead_summary(c, budget) for c in clusters],
        "textrank": TextRank().summarize_many(clusters, budget),
        "oracle": [oracle_summary(c, budget) for c in clusters],
    }
    root.mkdir(parents=True, exist_ok=True)
    data = root.parent / f"{root.name}-clusters.jsonl"
    data.write_text("".join(json.dumps(c.to_dict()) + "\n" for c in clusters))
    out = {}
    for k, (name, summaries) in enumerate(runs.items()):
        out[name] = write_run(root / str(k), summaries, clusters, s, name,
                              times=[0.001 * (k + 1) * (j + 1) for j in range(len(summaries))],
                              timings_file=(name == "textrank"), dataset_file=data)
    (root / "summary.md").write_text("sweep summary\n")
    return out
