"""Markdown reports: escaped text, marks for best and significance, published rows flagged."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from experiments.report_markdown import md_text, render_markdown, table_markdown
from experiments.report_runs import ClusterResult, Run, label_runs
from experiments.report_tables import Report, build_table

SETTINGS = {"metrics": ["rouge2"], "truncate": {"limit": 100, "unit": "words"}}


def run(method, scores):
    clusters = tuple(ClusterResult(f"c{i}", {"rouge2_r": s}, words=100, time_s=0.5) for i, s in enumerate(scores))
    return Run(Path(method), method, "toy", SETTINGS, "ROUGE settings line", {}, clusters, budget="100 words")


BASE = [0.05 + 0.001 * i for i in range(30)]


def test_table_marks_best_baseline_and_significance():
    t = build_table(label_runs([run("lead", BASE), run("textrank", [x + 0.02 for x in BASE])]), n_resamples=500)
    md = table_markdown(t)
    lines = md.splitlines()
    assert lines[0] == "| Method | n | budget | ROUGE-2 R | words | s / cluster |"
    assert lines[2].startswith("| lead (baseline) | 30 | 100 words | 0.0645 [")
    assert lines[3].startswith("| textrank | 30 | 100 words | **0.0845** [") and lines[3].endswith("▲ | 100.0 | 0.5 |")


def test_report_states_settings_and_test():
    t = build_table(label_runs([run("lead", BASE), run("textrank", BASE)]), n_resamples=500)
    md = render_markdown(Report((t,)))
    assert "**Evaluation settings:** ROUGE settings line" in md
    assert "paired bootstrap" in md and "Holm" in md and "(recall)" in md


@given(st.text(max_size=60))
def test_md_text_cannot_inject_markup(s):
    out = md_text(s)
    assert "<" not in out and "\n" not in out
    # every markup character is escaped
    for ch in "|*_[]`#":
        assert out.count(ch) == out.count("\\" + ch)


def test_md_text_examples():
    assert md_text("a | b <script>") == "a \\| b &lt;script&gt;"
    assert md_text("**bold** [x](y)") == "\\*\\*bold\\*\\* \\[x\\](y)"
