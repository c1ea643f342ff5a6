"""HTML reports: one self-contained page, all text escaped, published and oracle rows marked."""

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from experiments.report_examples import Example, ExampleColumn, ExampleSentence
from experiments.report_html import render_html
from experiments.report_plots import Plot
from experiments.report_runs import ClusterResult, Run, label_runs
from experiments.report_tables import Report, build_table

EVIL = '<script>document.title="pwned"</script>'
SETTINGS = {"metrics": ["rouge2"], "truncate": None}


def run(method, scores):
    clusters = tuple(ClusterResult(f"c{i}", {"rouge2_f": s}, words=10) for i, s in enumerate(scores))
    return Run(Path(f"/x/{method}<b>"), method, "toy", SETTINGS, f"settings {EVIL}", {}, clusters)


def page():
    runs = label_runs([run("lead", [0.1, 0.2, 0.3]), run("oracle", [0.5, 0.6, 0.7])])
    pub = [{"dataset": "toy", "source": f"Paper {EVIL}", "settings": "s",
            "rows": [{"name": f"Sys {EVIL}", "scores": {"rouge2_f": 0.4}}]}]
    t = build_table(runs, n_resamples=100, published=pub)
    ex = Example("c0", "rouge2_f", (ExampleColumn("lead", (ExampleSentence(f"Said {EVIL} & left.", (0, 2)),
                                                           ExampleSentence("Generated.", ())), 0.1, 10),),
                 references=(f"Ref {EVIL}",), documents=(f"Title {EVIL}", "b", "c"))
    plot = Plot("t1-scores", "Scores", b"\x89PNG\r\n\x1a\nfake", "bars")
    return render_html(Report((t,), {1: [plot]}, {1: [ex]}, (f"/in/{EVIL}",), (), "now"))


def test_no_raw_markup_from_data():
    html = page()
    assert "<script" not in html
    assert html.count("&lt;script&gt;") >= 7  # settings, paths, published name/source, sentence, reference, title
    assert "Said &lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt; &amp; left." in html


def test_self_contained():
    html = page()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    assert 'src="data:image/png;base64,iVBORw0KGgpmYWtl"' in html
    assert "default-src 'none'" in html


def test_marks_rows_and_sources():
    html = page()
    assert "oracle (upper bound)" in html and "published, not re-run" in html
    assert '<span class="src" title="Title &lt;script&gt;' in html and ">D1</span>" in html and ">D3</span>" in html
    assert '<span class="src none">no source</span>' in html


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=60))
def test_any_summary_text_stays_text(s):
    t = build_table(label_runs([run("lead", [0.1, 0.2])]), n_resamples=50)
    ex = Example("c0", "rouge2_f", (ExampleColumn(s or "x", (ExampleSentence(s, (0,)),)),), references=(s,),
                 documents=(s,))
    html = render_html(Report((t,), {}, {1: [ex]}))
    body = html.split("<body>", 1)[1]
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", body))
    assert tags <= {"main", "h1", "h2", "h3", "h4", "h5", "p", "section", "table", "thead", "tbody", "tr", "th", "td",
                    "span", "strong", "div", "ol", "li", "code"}
