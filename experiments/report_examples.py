"""Side-by-side examples for ``mds report``: each method's summary beside the references, sentence by sentence.

Every summary sentence carries the documents it came from (``sentences[].sources[].doc`` of the
predictions), so a reader can see which article each method drew on. References come from the dataset
the run's ``config.yaml`` names, when it can be loaded here; otherwise the example says they are missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from experiments.report_runs import Run, iter_common_ids
from summarizer.cluster import Cluster


@dataclass(frozen=True)
class ExampleSentence:
    text: str
    docs: tuple[int, ...]
    """0-based indices of the source documents; empty for a generated sentence with no support."""

    @property
    def tag(self) -> str:
        """``D1``, ``D1,D3`` (documents numbered from 1 as readers count), or ``no source``."""
        return ",".join(f"D{d + 1}" for d in self.docs) if self.docs else "no source"


@dataclass(frozen=True)
class ExampleColumn:
    label: str
    sentences: tuple[ExampleSentence, ...]
    score: float | None = None
    words: int | None = None


@dataclass(frozen=True)
class Example:
    cluster_id: str
    metric: str
    columns: tuple[ExampleColumn, ...]
    references: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    """One short description per document (``D1`` = first): title or id."""
    note: str = ""


def summary_sentences(prediction: Mapping[str, Any] | None) -> tuple[ExampleSentence, ...]:
    if not prediction:
        return ()
    rows = prediction.get("sentences") or []
    if rows:
        out = []
        for s in rows:
            docs = tuple(dict.fromkeys(int(src["doc"]) for src in s.get("sources") or [] if "doc" in src))
            out.append(ExampleSentence(str(s.get("text", "")), docs))
        return tuple(out)
    return tuple(ExampleSentence(t, ()) for t in str(prediction.get("summary", "")).splitlines() if t.strip())


def build_examples(runs: Sequence[Run], metric: str, n: int,
                   clusters: Mapping[str, Cluster] | None = None, note: str = "") -> list[Example]:
    """Examples for the first ``n`` clusters every run summarized (in the first run's order)."""
    out = []
    for cid in iter_common_ids(runs)[: max(0, n)]:
        cols = []
        for run in runs:
            c = run.by_id()[cid]
            cols.append(ExampleColumn(run.display, summary_sentences(c.prediction), c.scores.get(metric), c.words))
        cluster = (clusters or {}).get(cid)
        refs = cluster.references if cluster is not None else ()
        docs = tuple(d.title or d.id for d in cluster.documents) if cluster is not None else ()
        out.append(Example(cid, metric, tuple(cols), refs, docs,
                           note if cluster is None else ""))
    return out


def load_dataset_clusters(runs: Sequence[Run]) -> tuple[dict[str, Cluster], str]:
    """Clusters (with references) of the dataset named by the runs' ``config.yaml``; ({}, reason) when unavailable.

    ``mds run`` records the loader as ``data.loader`` (a ``_target_`` in ``summarizer.datasets``).
    """
    for run in runs:
        data = run.config.get("data") or run.config.get("dataset")
        loader = data.get("loader", data) if isinstance(data, Mapping) else None
        if not isinstance(loader, Mapping):
            continue
        try:
            clusters = _load(loader)
        except Exception as exc:  # any loader problem only costs the references, never the report
            why = " ".join(str(exc).split())[:200]
            return {}, f"references not shown: cannot load the dataset named in {run.path / 'config.yaml'} ({why})"
        if clusters:
            return {c.id: c for c in clusters}, ""
    return {}, "references not shown: the run folders do not name a dataset loader"


LOADER_PREFIX = "summarizer.datasets."


def _load(loader: Mapping[str, Any]) -> list[Cluster]:
    """Instantiate the run's dataset loader; only the toolkit's own loaders (a shared run folder is data, not code)."""
    target = str(loader.get("_target_", ""))
    if not target.startswith(LOADER_PREFIX):
        raise ValueError(f"loader {target or '(none)'} is not one of {LOADER_PREFIX}*")
    from hydra.utils import instantiate
    from omegaconf import OmegaConf

    loaded = instantiate(OmegaConf.create(dict(loader)), _convert_="all")
    clusters = getattr(loaded, "clusters", loaded)
    return [c for c in clusters if isinstance(c, Cluster)]
