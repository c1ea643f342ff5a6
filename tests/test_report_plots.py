"""Report plots: four PNG figures per table, drawn headless; missing data leaves a plot out, never fakes it."""

from pathlib import Path

from experiments.report_plots import table_plots
from experiments.report_runs import ClusterResult, Run, label_runs
from experiments.report_tables import build_table

SETTINGS = {"metrics": ["rouge1", "rouge2"], "truncate": None}


def run(method, scores, times=True):
    clusters = tuple(ClusterResult(f"c{i}", {"rouge1_f": s * 2, "rouge2_f": s}, words=50 + i,
                                   time_s=0.01 * (i + 1) if times else None) for i, s in enumerate(scores))
    return Run(Path(method), method, "toy", SETTINGS, "", {}, clusters)


def test_four_png_plots_per_table():
    t = build_table(label_runs([run("lead", [0.1, 0.2, 0.15]), run("oracle", [0.3, 0.4, 0.35])]), n_resamples=100)
    plots = table_plots(t, 1)
    assert [p.name for p in plots] == ["t1-scores", "t1-length", "t1-distribution", "t1-time"]
    for p in plots:
        assert p.png.startswith(b"\x89PNG\r\n\x1a\n") and len(p.png) > 5000
        assert p.title and p.alt
    assert "ROUGE-2 F" in plots[1].title  # per-cluster plots show ROUGE-2, the field's headline metric


def test_no_times_no_time_plot():
    t = build_table(label_runs([run("lead", [0.1, 0.2], times=False)]), n_resamples=100)
    assert [p.name for p in table_plots(t, 2)] == ["t2-scores", "t2-length", "t2-distribution"]


def test_plots_are_deterministic():
    t = build_table(label_runs([run("lead", [0.1, 0.2, 0.3])]), n_resamples=100)
    assert [p.png for p in table_plots(t, 1)] == [p.png for p in table_plots(t, 1)]
