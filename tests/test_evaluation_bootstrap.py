"""Seeded bootstrap CIs: the plain mean as the score, same seed same interval."""

import numpy as np
import pytest

from summarizer.evaluation.bootstrap import bootstrap_ci, bootstrap_table

VALUES = [0.31, 0.12, 0.45, 0.28, 0.22, 0.39, 0.18, 0.41, 0.25, 0.33]


def test_score_is_the_plain_mean_not_the_resampling_median():
    ci = bootstrap_ci(VALUES, seed=3)
    assert ci["mean"] == pytest.approx(np.mean(VALUES))
    assert ci["ci_low"] < ci["mean"] < ci["ci_high"]


def test_same_seed_same_interval_and_other_seed_other_interval():
    a = bootstrap_ci(VALUES, seed=7)
    assert bootstrap_ci(VALUES, seed=7) == a
    assert bootstrap_ci(VALUES, seed=8) != a


def test_higher_confidence_gives_a_wider_interval():
    narrow, wide = bootstrap_ci(VALUES, 0.8), bootstrap_ci(VALUES, 0.99)
    assert wide["ci_low"] <= narrow["ci_low"] and wide["ci_high"] >= narrow["ci_high"]


def test_interval_matches_a_direct_percentile_computation():
    rng = np.random.default_rng(0)
    means = np.asarray(VALUES)[rng.integers(0, len(VALUES), size=(500, len(VALUES)))].mean(axis=1)
    ci = bootstrap_ci(VALUES, 0.9, n_resamples=500, seed=0)
    assert ci["ci_low"] == pytest.approx(np.percentile(means, 5))
    assert ci["ci_high"] == pytest.approx(np.percentile(means, 95))


def test_constant_and_single_values_have_a_zero_width_interval():
    assert bootstrap_ci([0.3] * 5) == pytest.approx({"mean": 0.3, "ci_low": 0.3, "ci_high": 0.3})
    assert bootstrap_ci([0.3]) == {"mean": 0.3, "ci_low": 0.3, "ci_high": 0.3}


def test_table_uses_the_same_resamples_for_every_column():
    table = bootstrap_table({"a": VALUES, "b": VALUES}, seed=1)
    assert table["a"] == table["b"] == bootstrap_ci(VALUES, seed=1)


@pytest.mark.parametrize("bad", [[], [[0.1, 0.2]]])
def test_bad_input_is_refused(bad):
    with pytest.raises(ValueError):
        bootstrap_ci(bad)
