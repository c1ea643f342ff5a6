"""A shared task's results as people read them: systems ranked by one score, with CIs and
significance against the top system, as a terminal table, Markdown or JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from summarizer.evaluation.evaluate import SharedTask
from summarizer.evaluation.significance import aligned, holm, paired_test

AVERAGE_TEXT = {
    "rouge155": "ROUGE-1.5.5's Average (mean of its 1000 bootstrap resample means over each peer's evals; "
                "what NIST published) with ROUGE's 95% CI",
    "mean": "plain mean over clusters with a percentile bootstrap CI over clusters",
}


@dataclass(frozen=True)
class Row:
    rank: int
    system: str
    human: bool
    n_clusters: int
    n_evals: int
    table: dict[str, dict[str, float]]
    vs_best: dict[str, Any] | None


def rank(task: SharedTask, key: str, average: str = "mean", test: str = "randomization",
         n_resamples: int = 10000, seed: int = 0, confidence: float = 0.95, bootstrap_resamples: int = 1000
         ) -> list[Row]:
    """Systems best first by ``key``; each compared with the top system on the clusters both scored
    (paired ``test`` on per-cluster scores, Holm-corrected over the comparisons)."""
    ordered = task.ranking(key, average, confidence=confidence, n_resamples=bootstrap_resamples, seed=seed)
    if not ordered:
        return []
    best_name = ordered[0][0]
    best_rows = task.systems[best_name].per_cluster
    raw: list[tuple[str, float, float, float, int]] = []
    for name, _ in ordered[1:]:
        a, b, ids = aligned(task.systems[name].per_cluster, best_rows, key)
        if len(ids) < 2:
            raw.append((name, float("nan"), 0.0, 0.0, len(ids)))
            continue
        p = paired_test(a, b, test, n_resamples, seed)
        raw.append((name, p, sum(a) / len(a), sum(b) / len(b), len(ids)))
    finite = [r for r in raw if r[1] == r[1]]
    adjusted = dict(zip([r[0] for r in finite], holm([r[1] for r in finite]))) if finite else {}
    rows = []
    for i, (name, table) in enumerate(ordered):
        ev = task.systems[name]
        vs = None
        if i > 0:
            _, p, mean_a, mean_b, n = raw[i - 1]
            vs = {"best": best_name, "test": test, "n_clusters": n, "p_value": p,
                  "p_holm": adjusted.get(name, float("nan")), "difference": mean_a - mean_b,
                  "significant": bool(adjusted.get(name, 1.0) < 0.05)}
        rows.append(Row(i + 1, name, ev.human, ev.n_clusters, ev.n_evals, table, vs))
    return rows


def header(task: SharedTask, key: str, average: str) -> list[str]:
    lines = [f"Settings: {task.settings.describe()}",
             f"Score: {AVERAGE_TEXT[average]}; ranked by {key}; 'vs #1' = paired {{test}} test against the top "
             "system on the clusters both scored, Holm-corrected (* p < 0.05)"]
    lines += [f"Note: {n}" for n in task.notes]
    return lines


def _fmt(x: float, digits: int) -> str:
    return f"{x:.{digits}f}"


def columns(task: SharedTask, parts: Sequence[str]) -> list[str]:
    return [f"{m}_{p}" for m in task.settings.metrics for p in parts]


def render_table(task: SharedTask, rows: list[Row], key: str, average: str, parts: Sequence[str] = ("r", "f"),
                 test: str = "randomization", markdown: bool = False) -> str:
    """Fixed-width text (or Markdown): one row per system, the rank score with its CI."""
    digits = 5 if task.settings.backend == "perl" else 4
    cols = columns(task, parts)
    head = ["#", "system", "n", *cols, f"{key} CI", "vs #1 (p Holm)"]
    body = []
    for r in rows:
        ci = r.table[key]
        vs = "" if r.vs_best is None else (
            "n/a" if r.vs_best["p_holm"] != r.vs_best["p_holm"] else
            f"{r.vs_best['p_holm']:.3g}{' *' if r.vs_best['significant'] else ''}")
        name = f"{r.system} (human)" if r.human else r.system
        body.append([str(r.rank), name, str(r.n_clusters), *[_fmt(r.table[c]["mean"], digits) for c in cols],
                     f"[{_fmt(ci['ci_low'], digits)}, {_fmt(ci['ci_high'], digits)}]", vs])
    lines = [line.replace("{test}", test) for line in header(task, key, average)]
    if markdown:
        out = [f"**{lines[0]}**", "", *lines[1:], "", "| " + " | ".join(head) + " |",
               "|" + "---|" * len(head)]
        out += ["| " + " | ".join(b) + " |" for b in body]
        return "\n".join(out) + "\n"
    widths = [max(len(x) for x in col) for col in zip(head, *body)]
    fmt = "  ".join(f"{{:<{w}}}" if i == 1 else f"{{:>{w}}}" for i, w in enumerate(widths))
    out = [*lines, "", fmt.format(*head), fmt.format(*["-" * w for w in widths])]
    out += [fmt.format(*b) for b in body]
    return "\n".join(out) + "\n"


def to_dict(task: SharedTask, rows: list[Row], key: str, average: str, confidence: float = 0.95,
            n_resamples: int = 1000, seed: int = 0) -> dict[str, Any]:
    return {
        "settings": task.settings.to_dict(),
        "settings_description": task.settings.describe(),
        "average": average,
        "average_is": AVERAGE_TEXT[average],
        "rank_by": key,
        "notes": list(task.notes),
        "ranking": [{"rank": r.rank, "system": r.system, "human": r.human, "n_clusters": r.n_clusters,
                     "n_evals": r.n_evals, "aggregate": r.table, "vs_best": r.vs_best} for r in rows],
        "systems": {name: ev.to_dict(confidence, n_resamples, seed) for name, ev in task.systems.items()},
    }
