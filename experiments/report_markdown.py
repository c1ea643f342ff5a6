"""The Markdown form of a report: tables a paper draft can take, plots as PNG files beside it.

Text from summaries and references is escaped (HTML special characters and Markdown markup), so a
sentence holding ``<script>`` or ``|`` shows as written and cannot break the table or the page.
"""

from __future__ import annotations

import html
import re

from experiments.report_tables import (
    MEASURES, Report, Table, format_ci, format_score, format_time, metric_name, significance_mark,
)

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md_text(text: str) -> str:
    """Plain text safe inside Markdown (and inside a table cell): no HTML, no markup, one line."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def table_markdown(table: Table) -> str:
    head = ["Method", "n", "budget", *(metric_name(c) for c in table.columns), "words", "s / cluster"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * 3 + ["--:"] * (len(table.columns) + 2)) + "|"]
    for row in table.rows:
        label = md_text(row.label) + (" (baseline)" if row.is_baseline else "")
        cells = []
        for c in table.columns:
            cell = row.cells.get(c)
            if cell is None:
                cells.append("–")
                continue
            value = format_score(cell.mean)
            value = f"**{value}**" if cell.best else value
            cells.append(f"{value} {format_ci(cell)} {significance_mark(cell)}".strip())
        words = "–" if row.length_words is None else f"{row.length_words:.1f}"
        lines.append("| " + " | ".join([label, str(row.n_clusters or "–"), md_text(row.budget) or "–", *cells, words,
                                         format_time(row.time_s)]) + " |")
    for row in table.published:
        cells = []
        for c in table.columns:
            cell = row.cells.get(c)
            cells.append("–" if cell is None else f"{format_score(cell.mean)} {format_ci(cell)}".strip())
        words = "–" if row.length_words is None else f"{row.length_words:.1f}"
        lines.append("| " + " | ".join([f"*{md_text(row.label)}* (published, not re-run)", str(row.n_clusters or "–"),
                                         "–", *cells, words, "–"]) + " |")
    return "\n".join(lines)


def render_markdown(report: Report, plot_dir: str | None = "plots") -> str:
    """The whole report; plots are linked as ``plot_dir/<name>.png`` (omitted when ``plot_dir`` is None)."""
    out = ["# Method comparison", ""]
    if report.created:
        out.append(f"Generated {report.created} by `mds report` from: " + ", ".join(md_text(p) for p in report.inputs))
        out.append("")
    for note in report.notes:
        out += [f"> {md_text(note)}", ""]
    for i, table in enumerate(report.tables, 1):
        measure = MEASURES.get(table.columns[0].rpartition("_")[2], "") if table.columns else ""
        out += [f"## {md_text(table.title)}", ""]
        out.append(f"**Evaluation settings:** {md_text(table.settings_description)}")
        out.append("")
        out.append(f"Scores: mean over clusters ({measure}) with 95% bootstrap CI; **bold** = best per column "
                   "(oracle upper bounds and published rows excluded). words = mean summary length; "
                   "s / cluster = mean seconds per cluster.")
        out.append("")
        out.append(md_text(table.significance_legend()))
        out.append("")
        out.append(table_markdown(table))
        out.append("")
        for note in (*table.notes, *table.published_notes):
            out += [f"- {md_text(note)}"]
        if table.published:
            for row in table.published:
                if row.note:
                    out.append(f"- *{md_text(row.label)}*: {md_text(row.note)}")
        if table.notes or table.published_notes:
            out.append("")
        plots = report.plots.get(i, ())
        if plot_dir is not None and plots:
            out += ["### Plots", ""]
            for p in plots:
                out += [f"![{md_text(p.title)}]({plot_dir}/{p.name}.png)", ""]
        examples = report.examples.get(i, ())
        if examples:
            out += ["### Examples", "", "Each summary sentence ends with its source documents "
                    "(D1 = first document of the cluster)."]
            out.append("")
            for ex in examples:
                out += [f"#### Cluster {md_text(ex.cluster_id)}", ""]
                if ex.documents:
                    out.append("Documents: " + "; ".join(f"D{k + 1} = {md_text(d)}" for k, d in enumerate(ex.documents)))
                    out.append("")
                if ex.references:
                    for k, ref in enumerate(ex.references, 1):
                        out.append(f"- **Reference {k}:** {md_text(ref)}")
                    out.append("")
                elif ex.note:
                    out += [f"*{md_text(ex.note)}*", ""]
                for col in ex.columns:
                    score = "" if col.score is None else f" — {metric_name(ex.metric)} {col.score:.4f}"
                    words = "" if col.words is None else f", {col.words} words"
                    out.append(f"**{md_text(col.label)}**{score}{words}")
                    out.append("")
                    for k, s in enumerate(col.sentences, 1):
                        out.append(f"{k}. {md_text(s.text)} \\[{s.tag}\\]")
                    if not col.sentences:
                        out.append("*(empty summary)*")
                    out.append("")
    return "\n".join(out).rstrip() + "\n"
