"""The plots of ``mds report``, drawn with matplotlib's Agg canvas (no display, no pyplot global state).

Each plot is returned as PNG bytes so the HTML page can embed it (base64) and the Markdown report
can link it as a file next to it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from experiments.report_tables import Table, metric_name

PALETTE = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C", "#CCB974",
           "#64B5CD"]


@dataclass(frozen=True)
class Plot:
    name: str
    """File stem, e.g. ``t1-scores``."""
    title: str
    png: bytes
    alt: str


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def _short(label: str, n: int = 28) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def score_bars(table: Table) -> Figure:
    """Mean score per metric with 95% CI whiskers, one bar per run."""
    rows = [r for r in table.rows if r.cells]
    cols = list(table.columns)
    fig = Figure(figsize=(min(9.0, max(6.5, 1.2 + 0.35 * len(cols) * max(1, len(rows)))), 3.8))
    ax = fig.add_subplot()
    width = 0.8 / max(1, len(rows))
    x = np.arange(len(cols))
    for i, row in enumerate(rows):
        means = np.array([row.cells[c].mean if c in row.cells else np.nan for c in cols])
        lo = np.array([row.cells[c].ci_low if c in row.cells and row.cells[c].ci_low is not None else np.nan for c in cols])
        hi = np.array([row.cells[c].ci_high if c in row.cells and row.cells[c].ci_high is not None else np.nan for c in cols])
        err = np.vstack([np.nan_to_num(means - lo), np.nan_to_num(hi - means)])
        ax.bar(x + (i - (len(rows) - 1) / 2) * width, means, width, yerr=err, capsize=3,
               color=PALETTE[i % len(PALETTE)], hatch="//" if row.is_oracle else None,
               edgecolor="white" if not row.is_oracle else "black", linewidth=0.5, label=_short(row.label))
    ax.set_xticks(x, [metric_name(c) for c in cols])
    ax.set_ylabel("score (mean, 95% CI)")
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=min(4, max(1, len(rows))))
    return fig


def length_scatter(table: Table) -> Figure | None:
    """Per-cluster score against summary length: does a method win by writing more?"""
    key = table.primary
    fig = Figure(figsize=(6.5, 3.6))
    ax = fig.add_subplot()
    drawn = False
    for i, run in enumerate(table.runs):
        pts = [(c.words, c.scores[key]) for c in run.clusters if c.words is not None and key in c.scores]
        if not pts:
            continue
        xs, ys = zip(*pts)
        color = PALETTE[i % len(PALETTE)]
        ax.scatter(xs, ys, s=14, alpha=0.55, color=color, label=_short(run.display))
        ax.scatter([np.mean(xs)], [np.mean(ys)], s=90, marker="X", color=color, edgecolor="black", linewidth=0.6)
        drawn = True
    if not drawn:
        return None
    ax.set_xlabel("summary length (words)")
    ax.set_ylabel(metric_name(key))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), title="X = mean", title_fontsize=8)
    return fig


def _boxes(table: Table, value: Callable[[Any], float | None]) -> tuple[Figure, Any, list[tuple[str, list[float]]]] | None:
    """A box per run of ``value`` over its clusters (clusters without a value left out); None if no run has one."""
    data = [(run.display, [v for v in map(value, run.clusters) if v is not None]) for run in table.runs]
    data = [(label, vals) for label, vals in data if vals]
    if not data:
        return None
    fig = Figure(figsize=(max(6.5, 1.0 + 1.1 * len(data)), 3.6))
    ax = fig.add_subplot()
    ax.boxplot([v for _, v in data], showmeans=True, widths=0.5)
    return fig, ax, data


def score_distribution(table: Table) -> Figure | None:
    """Per-cluster scores of each run: a box per run with the clusters as points."""
    key = table.primary
    drawn = _boxes(table, lambda c: c.scores.get(key))
    if drawn is None:
        return None
    fig, ax, data = drawn
    rng = np.random.default_rng(0)
    for i, (_, vals) in enumerate(data, 1):
        ax.scatter(i + rng.uniform(-0.12, 0.12, len(vals)), vals, s=8, alpha=0.5, color=PALETTE[(i - 1) % len(PALETTE)])
    ax.set_xticks(range(1, len(data) + 1), [_short(label, 18) for label, _ in data], rotation=20, ha="right")
    ax.set_ylabel(f"{metric_name(key)} per cluster")
    ax.grid(axis="y", alpha=0.3)
    return fig


def time_per_cluster(table: Table) -> Figure | None:
    """Seconds per cluster of each run (log scale: methods differ by orders of magnitude)."""
    drawn = _boxes(table, lambda c: c.time_s)
    if drawn is None:
        return None
    fig, ax, data = drawn
    ax.set_xticks(range(1, len(data) + 1), [_short(label, 18) for label, _ in data], rotation=20, ha="right")
    if all(v > 0 for _, vals in data for v in vals):
        ax.set_yscale("log")
    ax.set_ylabel("seconds per cluster")
    ax.grid(axis="y", alpha=0.3)
    return fig


def table_plots(table: Table, index: int) -> list[Plot]:
    """All plots of one table, named ``t<index>-<kind>``."""
    key = metric_name(table.primary) if table.primary else ""
    makers = [
        ("scores", "Scores with 95% CIs", score_bars, "bar chart of mean scores per metric with CI whiskers"),
        ("length", f"{key} against summary length", length_scatter, "scatter of per-cluster score against length"),
        ("distribution", f"{key} per cluster", score_distribution, "box plot of per-cluster scores per run"),
        ("time", "Time per cluster", time_per_cluster, "box plot of seconds per cluster per run"),
    ]
    out = []
    for kind, title, make, alt in makers:
        if not table.columns and kind != "time":
            continue
        fig = make(table)
        if fig is not None:
            out.append(Plot(f"t{index}-{kind}", title, _png(fig), alt))
    return out
