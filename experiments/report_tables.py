"""The comparison tables of ``mds report``: methods x metrics with CIs, best marked, significance vs a baseline.

Runs are grouped by (dataset, evaluation settings): numbers computed under different ROUGE settings or
on different datasets are never put in one table. Significance is computed on per-cluster scores
paired by cluster id (only clusters both runs scored) with ``summarizer.evaluation.significance``,
corrected for the number of comparisons in the table with Holm's method.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from experiments.errors import UserError
from experiments.report_runs import Run

TESTS = {"bootstrap": "paired bootstrap", "randomization": "approximate randomization"}
MEASURES = {"r": "recall", "p": "precision", "f": "F1"}


@dataclass(frozen=True)
class Cell:
    mean: float
    ci_low: float | None = None
    ci_high: float | None = None
    best: bool = False
    p_value: float | None = None
    p_adjusted: float | None = None
    significant: bool = False
    delta: float | None = None
    """Mean difference to the baseline on the clusters both runs scored."""
    n_paired: int | None = None


@dataclass(frozen=True)
class Row:
    label: str
    method: str
    cells: Mapping[str, Cell]
    kind: str = "run"
    """"run" (re-run here) or "published" (copied from a paper, not re-run)."""
    n_clusters: int | None = None
    length_words: float | None = None
    time_s: float | None = None
    budget: str = ""
    path: str = ""
    is_oracle: bool = False
    is_baseline: bool = False
    note: str = ""


@dataclass(frozen=True)
class Table:
    title: str
    dataset: str
    settings: Mapping[str, Any]
    settings_description: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    runs: tuple[Run, ...]
    baseline: str | None = None
    test: str = "bootstrap"
    alpha: float = 0.05
    published: tuple[Row, ...] = ()
    published_notes: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def primary(self) -> str:
        """The metric the plots show per cluster: ROUGE-2 if present (the field's headline), else the first."""
        return next((c for c in self.columns if c.startswith("rouge2_")), self.columns[0] if self.columns else "")

    def significance_legend(self) -> str:
        if not self.baseline:
            return "No significance test (no baseline run in this table)."
        return (f"▲/▼: significantly better/worse than the baseline {self.baseline!r} "
                f"({TESTS[self.test]} test on per-cluster scores paired by cluster id, "
                f"Holm correction over the {self.n_comparisons} comparisons of this table, alpha={self.alpha:g}).")

    @property
    def n_comparisons(self) -> int:
        return sum(1 for r in self.rows for c in r.cells.values() if c.p_value is not None)


def metric_name(key: str) -> str:
    """``rouge2_r`` -> ``ROUGE-2 R``, ``rougeLsum_f`` -> ``ROUGE-Lsum F``."""
    metric, _, measure = key.rpartition("_")
    if not metric:
        return key
    name = metric.replace("rouge", "ROUGE-", 1) if metric.startswith("rouge") else metric
    return f"{name} {measure.upper()}"


def choose_measure(settings: Mapping[str, Any], measure: str) -> str:
    """``auto``: recall when summaries are cut to a length limit (the DUC protocol), F1 otherwise."""
    if measure != "auto":
        return measure
    return "r" if settings.get("truncate") else "f"


def table_columns(runs: Sequence[Run], settings: Mapping[str, Any], measure: str) -> tuple[str, ...]:
    keys: dict[str, None] = {}
    for r in runs:
        keys.update(dict.fromkeys(r.metric_keys()))
        keys.update(dict.fromkeys(r.aggregate))
    metrics = list(settings.get("metrics") or [])
    if not metrics:
        metrics = list(dict.fromkeys(k.rpartition("_")[0] for k in keys if "_" in k))
    return tuple(f"{m}_{measure}" for m in metrics if f"{m}_{measure}" in keys)


def group_runs(runs: Sequence[Run]) -> list[list[Run]]:
    """Runs split by (dataset, settings), in order of first appearance."""
    groups: dict[tuple[str, str], list[Run]] = {}
    for r in runs:
        groups.setdefault((r.dataset, r.settings_key), []).append(r)
    return list(groups.values())


def pick_baseline(runs: Sequence[Run], wanted: str | None) -> Run | None:
    """The run named by ``--baseline`` (label or method), else ``lead`` when present, else the first run."""
    if wanted is None:
        leads = [r for r in runs if r.method == "lead"]
        non_oracle = [r for r in runs if not r.is_oracle]
        return (leads or non_oracle or list(runs) or [None])[0]
    exact = [r for r in runs if r.label == wanted]
    matches = exact or [r for r in runs if r.method == wanted]
    if len(matches) > 1:
        raise UserError(f"--baseline {wanted!r} matches {len(matches)} runs; name one of: "
                        + ", ".join(repr(r.label) for r in matches))
    return matches[0] if matches else None


def aggregate_cell(run: Run, key: str, confidence: float, n_resamples: int, seed: int) -> Cell | None:
    """The run's own aggregate (mean and CI from ``metrics.json``), else a bootstrap over its clusters."""
    agg = run.aggregate.get(key)
    if isinstance(agg, Mapping) and "mean" in agg:
        return Cell(float(agg["mean"]), _opt(agg.get("ci_low")), _opt(agg.get("ci_high")))
    values = np.array([c.scores[key] for c in run.clusters if key in c.scores], dtype=float)
    if values.size == 0:
        return None
    low, high = bootstrap_ci(values, confidence, n_resamples, seed)
    return Cell(float(values.mean()), low, high)


def bootstrap_ci(values: np.ndarray, confidence: float, n_resamples: int, seed: int) -> tuple[float, float]:
    """Percentile bootstrap CI of the mean, the same seeded bootstrap the evaluation uses."""
    from summarizer.evaluation.bootstrap import bootstrap_ci as _ci

    out = _ci(values, confidence=confidence, n_resamples=n_resamples, seed=seed)
    return out["ci_low"], out["ci_high"]


def _opt(v: Any) -> float | None:
    return None if v is None else float(v)


def paired_p_value(baseline: np.ndarray, other: np.ndarray, test: str, n_resamples: int, seed: int) -> float:
    """Two-sided p-value of the mean difference between paired per-cluster scores (engineer B's tests)."""
    from summarizer.evaluation.significance import paired_test

    return float(paired_test(other, baseline, test, n_resamples, seed))


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-adjusted p-values, in input order."""
    from summarizer.evaluation.significance import holm as _holm

    return [float(p) for p in _holm(list(p_values))]


def build_table(runs: Sequence[Run], *, baseline: str | None = None, measure: str = "auto",
                test: str = "bootstrap", alpha: float = 0.05, confidence: float = 0.95,
                n_resamples: int = 10000, seed: int = 0, published: Sequence[Mapping[str, Any]] = ()) -> Table:
    """One table for runs that share a dataset and evaluation settings."""
    first = runs[0]
    settings = dict(first.settings)
    m = choose_measure(settings, measure)
    columns = table_columns(runs, settings, m)
    base = pick_baseline(runs, baseline)
    notes: list[str] = []
    if baseline is not None and base is None:
        notes.append(f"The baseline {baseline!r} is not among these runs: no significance test in this table.")
    cells: dict[str, dict[str, Cell]] = {}
    for r in runs:
        cells[r.label] = {}
        for k in columns:
            cell = aggregate_cell(r, k, confidence, n_resamples, seed)
            if cell is not None:
                cells[r.label][k] = cell
    # Significance against the baseline, paired by cluster id; Holm over every comparison of the table.
    tests: list[tuple[str, str, float, float, int]] = []
    if base is not None and len(runs) > 1:
        base_ids = base.by_id()
        for r in runs:
            if r is base:
                continue
            own = r.by_id()
            ids = [i for i in own if i in base_ids]
            for k in columns:
                pairs = [(base_ids[i].scores.get(k), own[i].scores.get(k)) for i in ids]
                pairs = [(a, b) for a, b in pairs if a is not None and b is not None]
                if len(pairs) < 2:
                    continue
                a = np.array([p[0] for p in pairs])
                b = np.array([p[1] for p in pairs])
                p_value = paired_p_value(a, b, test, n_resamples, seed)
                tests.append((r.label, k, p_value, float(b.mean() - a.mean()), len(pairs)))
        if tests:
            adjusted = holm([t[2] for t in tests])
            for (label, k, p, delta, n), padj in zip(tests, adjusted):
                c = cells[label][k] if k in cells[label] else None
                if c is not None:
                    cells[label][k] = _with(c, p_value=p, p_adjusted=padj, significant=padj < alpha,
                                            delta=delta, n_paired=n)
    # Best per column among re-run, non-oracle rows (an upper bound is not a competitor).
    for k in columns:
        means = [cells[r.label][k].mean for r in runs if not r.is_oracle and k in cells[r.label]]
        if not means:
            continue
        top = max(means)
        for r in runs:
            if not r.is_oracle and k in cells[r.label] and math.isclose(cells[r.label][k].mean, top, abs_tol=1e-12):
                cells[r.label][k] = _with(cells[r.label][k], best=True)
    rows = tuple(
        Row(label=r.display, method=r.method, cells=cells[r.label], n_clusters=len(r.clusters),
            length_words=_mean([c.words for c in r.clusters]), time_s=_mean([c.time_s for c in r.clusters]),
            budget=r.budget, path=str(r.path), is_oracle=r.is_oracle, is_baseline=r is base)
        for r in runs
    )
    pub_rows, pub_notes = published_rows(published, first.dataset, columns)
    if len({frozenset(r.by_id()) for r in runs}) > 1:
        notes.append("Runs cover different clusters; significance uses only the clusters both runs scored.")
    return Table(
        title=f"{first.dataset}", dataset=first.dataset, settings=settings,
        settings_description=first.settings_description or describe_settings(settings),
        columns=columns, rows=rows, runs=tuple(runs), baseline=base.display if base is not None and len(runs) > 1 else None,
        test=test, alpha=alpha, published=pub_rows, published_notes=pub_notes, notes=tuple(notes),
    )


def build_tables(runs: Sequence[Run], **kwargs: Any) -> list[Table]:
    """One table per (dataset, settings) group; titles say what sets the groups apart."""
    if not runs:
        raise UserError("no runs to report")
    groups = group_runs(runs)
    wanted = kwargs.get("baseline")
    if wanted is not None and not any(r.label == wanted or r.method == wanted for r in runs):
        raise UserError(f"--baseline {wanted!r} names no run (runs: {', '.join(sorted({r.label for r in runs}))})")
    tables = [build_table(g, **kwargs) for g in groups]
    if len(tables) > 1:
        counts: dict[str, int] = {}
        out = []
        for t in tables:
            counts[t.dataset] = counts.get(t.dataset, 0) + 1
            n_same = sum(1 for u in tables if u.dataset == t.dataset)
            title = t.dataset if n_same == 1 else f"{t.dataset}, evaluation settings {chr(64 + counts[t.dataset])}"
            out.append(_with(t, title=title))
        tables = out
    return tables


def describe_settings(settings: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in settings.items()) or "unknown (metrics.json has no settings)"


def published_rows(entries: Sequence[Mapping[str, Any]], dataset: str,
                   columns: Sequence[str]) -> tuple[tuple[Row, ...], tuple[str, ...]]:
    """Reference rows for this dataset from ``conf/published/*.yaml``: shown, never compared or ranked."""
    rows, notes = [], []
    for entry in entries:
        if str(entry.get("dataset")) != dataset:
            continue
        note = f"{entry.get('source', '')} Settings: {entry.get('settings', 'not stated')}".strip()
        for item in entry.get("rows") or []:
            cells = {}
            for k, v in (item.get("scores") or {}).items():
                if k not in columns:
                    continue
                if isinstance(v, Mapping):
                    cells[k] = Cell(float(v["mean"]), _opt(v.get("ci_low")), _opt(v.get("ci_high")))
                else:
                    cells[k] = Cell(float(v))
            rows.append(Row(label=str(item.get("name")), method=str(item.get("name")), cells=cells,
                            kind="published", n_clusters=item.get("n_clusters"),
                            length_words=_opt(item.get("length_words")), note=str(item.get("citation", ""))))
        notes.append(note)
    return tuple(rows), tuple(notes)


def load_published(paths: Sequence[str | Path]) -> list[dict[str, Any]]:
    """Read published-row YAML files; each needs ``dataset`` and ``rows`` (see docs/reports.md)."""
    from omegaconf import OmegaConf

    out = []
    for p in paths:
        path = Path(p)
        if not path.is_file():
            raise UserError(f"{p}: no such published-results file")
        try:
            data = OmegaConf.to_container(OmegaConf.load(path))
        except Exception as exc:
            raise UserError(f"{p}: cannot read YAML ({' '.join(str(exc).split())})") from exc
        if not isinstance(data, dict) or "dataset" not in data or not isinstance(data.get("rows"), list):
            raise UserError(f"{p}: a published-results file needs 'dataset' and a 'rows' list")
        for i, row in enumerate(data["rows"]):
            if not isinstance(row, dict) or "name" not in row or not isinstance(row.get("scores"), dict):
                raise UserError(f"{p}: row {i + 1} needs 'name' and a 'scores' mapping")
        out.append(data)
    return out


def shipped_published() -> list[Path]:
    """The published-results files shipped in ``conf/published``."""
    import conf

    folder = Path(conf.__file__).parent / "published"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _mean(values: Sequence[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return float(np.mean(vals)) if vals else None


def _with(obj: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(obj, **changes)


def table_records(table: Table) -> list[dict[str, Any]]:
    """One flat record per (row, metric): the tidy layout pandas reads from CSV/JSON."""
    out = []
    for row in (*table.rows, *table.published):
        for k in table.columns:
            c = row.cells.get(k)
            if c is None:
                continue
            out.append({
                "table": table.title, "dataset": table.dataset, "settings": table.settings_description,
                "run": row.label, "method": row.method, "source": "published, not re-run" if row.kind == "published" else "run",
                "metric": k, "mean": c.mean, "ci_low": c.ci_low, "ci_high": c.ci_high, "best": c.best,
                "baseline": table.baseline or "", "is_baseline": row.is_baseline,
                "test": TESTS[table.test] if table.baseline else "", "correction": "holm" if table.baseline else "",
                "delta_vs_baseline": c.delta, "p_value": c.p_value, "p_holm": c.p_adjusted,
                "significant": c.significant, "n_paired": c.n_paired, "n_clusters": row.n_clusters,
                "length_words": row.length_words, "time_s_per_cluster": row.time_s, "budget": row.budget,
                "path": row.path,
            })
    return out


@dataclass(frozen=True)
class Report:
    """Everything one ``mds report`` shows, computed before any file is written."""

    tables: tuple[Table, ...]
    plots: Mapping[int, Sequence[Any]] = field(default_factory=dict)
    """Per table index: ``report_plots.Plot`` values."""
    examples: Mapping[int, Sequence[Any]] = field(default_factory=dict)
    """Per table index: ``report_examples.Example`` values."""
    inputs: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    created: str = ""


def format_score(v: float | None) -> str:
    return "–" if v is None else f"{v:.4f}"


def format_ci(c: Cell) -> str:
    if c.ci_low is None or c.ci_high is None:
        return ""
    return f"[{c.ci_low:.4f}, {c.ci_high:.4f}]"


def significance_mark(c: Cell) -> str:
    if not c.significant or c.delta is None:
        return ""
    return "▲" if c.delta > 0 else "▼"


def format_time(v: float | None) -> str:
    if v is None:
        return "–"
    return f"{v:.3g}"
