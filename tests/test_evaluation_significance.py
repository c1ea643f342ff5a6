"""Paired tests and Holm's correction on per-cluster scores."""

import numpy as np
import pytest

from summarizer.evaluation import significance as sig

rng = np.random.default_rng(42)
BASE = rng.uniform(0.05, 0.15, size=40)
BETTER = BASE + 0.02 + rng.normal(0, 0.005, size=40)   # better on (almost) every cluster
NOISE = BASE + rng.normal(0, 0.01, size=40)            # no systematic difference


@pytest.mark.parametrize("test", sig.TESTS)
def test_a_consistent_gain_is_significant_and_noise_is_not(test):
    assert sig.paired_test(BETTER, BASE, test, n_resamples=2000) < 0.01
    assert sig.paired_test(NOISE, BASE, test, n_resamples=2000) > 0.05


@pytest.mark.parametrize("test", sig.TESTS)
def test_identical_systems_get_p_one_and_runs_are_seeded(test):
    assert sig.paired_test(BASE, BASE, test, n_resamples=500) == pytest.approx(1.0)
    assert sig.paired_test(NOISE, BASE, test, 500, seed=3) == sig.paired_test(NOISE, BASE, test, 500, seed=3)


def test_randomization_is_symmetric():
    assert sig.approximate_randomization(BETTER, BASE, 1000) == pytest.approx(
        sig.approximate_randomization(BASE, BETTER, 1000))


def test_holm_by_hand():
    # sorted 0.01, 0.02, 0.04 -> 3*0.01, max(0.03, 2*0.02), max(0.04, 1*0.04)
    assert sig.holm([0.04, 0.01, 0.02]) == pytest.approx([0.04, 0.03, 0.04])
    assert sig.holm([0.5, 0.6]) == pytest.approx([1.0, 1.0])
    assert sig.holm([]) == []


def test_compare_to_baseline_corrects_for_many_methods():
    out = sig.compare_to_baseline({"base": BASE, "better": BETTER, "noise": NOISE}, "base", "rouge2_r",
                                  n_resamples=2000)
    by = {c.method: c for c in out}
    assert set(by) == {"better", "noise"}
    assert by["better"].significant and not by["noise"].significant
    assert all(c.p_holm >= c.p_value for c in out)
    assert by["better"].difference == pytest.approx(np.mean(BETTER) - np.mean(BASE))
    assert by["better"].to_dict()["metric"] == "rouge2_r"


def test_aligned_pairs_rows_by_cluster_id():
    a = [{"id": "x", "scores": {"s": 1.0}}, {"id": "y", "scores": {"s": 2.0}}]
    b = [{"id": "y", "scores": {"s": 5.0}}, {"id": "x", "scores": {"s": 4.0}}, {"id": "z", "scores": {"s": 0.0}}]
    assert sig.aligned(a, b, "s") == ([1.0, 2.0], [4.0, 5.0], ["x", "y"])


def test_misaligned_inputs_are_refused():
    with pytest.raises(ValueError):
        sig.paired_bootstrap([0.1, 0.2], [0.1])
    with pytest.raises(ValueError, match="baseline"):
        sig.compare_to_baseline({"a": [0.1]}, "b")
