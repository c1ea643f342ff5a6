"""The HTML form of a report: one self-contained page (inline CSS, plots as base64 PNG, no scripts).

Rendered with jinja2 autoescaping, so every piece of article, summary or path text is escaped; a
Content-Security-Policy that allows no script and no external resource is a second line of defence.
"""

from __future__ import annotations

import base64

from jinja2 import Environment

from experiments.report_tables import (
    MEASURES, Report, format_ci, format_score, format_time, metric_name, significance_mark,
)

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;margin:0;background:#f6f7f9}
main{max-width:1200px;margin:0 auto;padding:24px 32px 64px;background:#fff}
h1{font-size:26px;margin:0 0 4px}h2{font-size:21px;margin:36px 0 8px;border-bottom:2px solid #e3e6eb;padding-bottom:4px}
h3{font-size:17px;margin:28px 0 8px}h4{font-size:15px;margin:22px 0 6px}
.meta,.legend,.note{color:#555;font-size:13px}.settings{background:#f1f4f8;border-left:4px solid #4C72B0;padding:6px 10px;font-size:13px}
table.scores{border-collapse:collapse;margin:10px 0;font-size:13.5px;font-variant-numeric:tabular-nums}
table.scores th,table.scores td{padding:5px 9px;border-bottom:1px solid #e3e6eb;text-align:right;white-space:nowrap}
table.scores th:first-child,table.scores td:first-child{text-align:left}
table.scores thead th{background:#f1f4f8;border-bottom:2px solid #c9cfd8}
td .ci{color:#777;font-size:11.5px;margin-left:3px}td.best .mean{font-weight:700}td.best{background:#eef6ee}
.up{color:#1a7f37;font-weight:700}.down{color:#c62828;font-weight:700}
tr.published td{color:#555;font-style:italic;background:#fafafa}tr.oracle td{color:#555}
.tag{display:inline-block;font-size:11px;padding:0 5px;border-radius:8px;background:#e8ecf3;color:#334;margin-left:4px;font-style:normal}
.plots{display:flex;flex-wrap:wrap;gap:16px}.plots figure{margin:0;flex:1 1 460px;border:1px solid #e3e6eb;padding:8px}
.plots img{max-width:100%;height:auto}figcaption{font-size:13px;color:#444;margin-bottom:4px}
.example{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px}
.col{border:1px solid #e3e6eb;border-radius:6px;padding:8px 10px;font-size:13.5px}
.col h5{margin:0 0 6px;font-size:13.5px}.col.refs{background:#fbfaf4}.col ol{margin:0;padding-left:20px}
.src{display:inline-block;font-size:11px;padding:0 4px;border-radius:4px;background:#dfe9f7;color:#234;margin-left:3px}
.src.none{background:#fde2e1;color:#822}.docs{font-size:12.5px;color:#555}
"""

TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp|safe }}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title><style>{{ style|safe }}</style></head>
<body><main>
<h1>{{ title }}</h1>
{% if report.created %}<p class="meta">Generated {{ report.created }} by <code>mds report</code> from
{% for p in report.inputs %}<code>{{ p }}</code>{{ ", " if not loop.last }}{% endfor %}.</p>{% endif %}
{% for note in report.notes %}<p class="note">{{ note }}</p>{% endfor %}
{% for t in tables %}
<section id="table-{{ loop.index }}">
<h2>{{ t.table.title }}</h2>
<p class="settings"><strong>Evaluation settings:</strong> {{ t.table.settings_description }}</p>
<table class="scores"><thead><tr><th>Method</th><th>n</th><th>budget</th>
{% for c in t.columns %}<th>{{ c }}</th>{% endfor %}<th>words</th><th>s / cluster</th></tr></thead><tbody>
{% for row in t.rows %}<tr class="{{ row.cls }}"><td>{{ row.label }}{% for tag in row.tags %}<span class="tag">{{ tag }}</span>{% endfor %}</td>
<td>{{ row.n }}</td><td>{{ row.budget }}</td>
{% for c in row.cells %}<td class="{{ 'best' if c.best }}">{% if c.mean %}<span class="mean">{{ c.mean }}</span><span class="ci">{{ c.ci }}</span>
{% if c.mark %}<span class="{{ c.mark_cls }}" title="{{ c.title }}">{{ c.mark }}</span>{% endif %}{% else %}–{% endif %}</td>{% endfor %}
<td>{{ row.words }}</td><td>{{ row.time }}</td></tr>
{% endfor %}</tbody></table>
<p class="legend">Scores: mean over clusters ({{ t.measure }}) with 95% bootstrap CI; <strong>bold</strong> = best per column
(oracle upper bounds and published rows excluded); words = mean summary length; s / cluster = mean seconds per cluster.
{{ t.table.significance_legend() }}</p>
{% for note in t.notes %}<p class="note">{{ note }}</p>{% endfor %}
{% if t.plots %}<h3>Plots</h3><div class="plots">
{% for p in t.plots %}<figure><figcaption>{{ p.title }}</figcaption><img alt="{{ p.alt }}" src="data:image/png;base64,{{ p.data }}"></figure>{% endfor %}
</div>{% endif %}
{% if t.examples %}<h3>Examples</h3>
<p class="legend">Each summary sentence is tagged with its source documents (D1 = first document of the cluster).</p>
{% for ex in t.examples %}<h4>Cluster {{ ex.cluster_id }}</h4>
{% if ex.documents %}<p class="docs">{% for d in ex.documents %}<span class="src">D{{ loop.index }}</span> {{ d }}{{ "; " if not loop.last }}{% endfor %}</p>{% endif %}
<div class="example">
<div class="col refs"><h5>References</h5>{% if ex.references %}<ol>{% for r in ex.references %}<li>{{ r }}</li>{% endfor %}</ol>
{% else %}<p class="note">{{ ex.note or "No references available." }}</p>{% endif %}</div>
{% for col in ex.columns %}<div class="col"><h5>{{ col.label }}{% if col.score is not none %} <span class="tag">{{ ex.metric_name }} {{ "%.4f"|format(col.score) }}</span>{% endif %}{% if col.words is not none %} <span class="tag">{{ col.words }} words</span>{% endif %}</h5>
<ol>{% for s in col.sentences %}<li>{{ s.text }}{% if s.docs %}{% for d in s.docs %}<span class="src" title="{{ ex.documents[d] if d < ex.documents|length else '' }}">D{{ d + 1 }}</span>{% endfor %}{% else %}<span class="src none">no source</span>{% endif %}</li>{% endfor %}</ol>
{% if not col.sentences %}<p class="note">(empty summary)</p>{% endif %}</div>{% endfor %}
</div>{% endfor %}{% endif %}
</section>
{% endfor %}
</main></body></html>
"""

_ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
_TEMPLATE = _ENV.from_string(TEMPLATE)


def _row_view(row, columns) -> dict:
    tags = []
    if row.kind == "published":
        tags.append("published, not re-run")
    if row.is_baseline:
        tags.append("baseline")
    cells = []
    for c in columns:
        cell = row.cells.get(c)
        if cell is None:
            cells.append({"mean": ""})
            continue
        mark = significance_mark(cell)
        cells.append({
            "mean": format_score(cell.mean), "ci": format_ci(cell), "best": cell.best, "mark": mark,
            "mark_cls": "up" if mark == "▲" else "down",
            "title": "" if cell.p_adjusted is None else f"Holm-adjusted p = {cell.p_adjusted:.3g} (raw p = {cell.p_value:.3g})",
        })
    return {
        "label": row.label, "tags": tags, "n": row.n_clusters or "–", "budget": row.budget or "–", "cells": cells,
        "words": "–" if row.length_words is None else f"{row.length_words:.1f}", "time": format_time(row.time_s),
        "cls": "published" if row.kind == "published" else ("oracle" if row.is_oracle else ""),
    }


def render_html(report: Report, title: str = "Method comparison") -> str:
    tables = []
    for i, table in enumerate(report.tables, 1):
        measure = MEASURES.get(table.columns[0].rpartition("_")[2], "") if table.columns else ""
        rows = [_row_view(r, table.columns) for r in (*table.rows, *table.published)]
        notes = list(table.notes) + list(table.published_notes) + [f"{r.label}: {r.note}" for r in table.published if r.note]
        plots = [{"title": p.title, "alt": p.alt, "data": base64.b64encode(p.png).decode("ascii")}
                 for p in report.plots.get(i, ())]
        examples = []
        for ex in report.examples.get(i, ()):
            examples.append({"cluster_id": ex.cluster_id, "metric_name": metric_name(ex.metric), "documents": list(ex.documents),
                             "references": list(ex.references), "note": ex.note, "columns": ex.columns})
        tables.append({"table": table, "measure": measure, "columns": [metric_name(c) for c in table.columns],
                       "rows": rows, "notes": notes, "plots": plots, "examples": examples})
    return _TEMPLATE.render(report=report, tables=tables, title=title, style=STYLE, csp=CSP)
