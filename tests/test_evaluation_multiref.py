"""Multi-reference policies: hand-computed values, where they must differ and where they must agree."""

import pytest
from hypothesis import given, strategies as st

from summarizer.evaluation import Score, multiref
from summarizer.evaluation.rouge import score_references

# peer "the cat sat" vs A "the cat sat on the mat" (3 of 6 unigrams) and B "a dog" (0 of 2)
A, B = Score(precision=1.0, recall=0.5, fmeasure=2 / 3), Score(0.0, 0.0, 0.0)


def test_scores_are_immutable_values_in_rouge_scores_order():
    from rouge_score.scoring import Score as RougeScoreValue

    assert Score(*RougeScoreValue(precision=1.0, recall=0.5, fmeasure=2 / 3)) == A
    assert A.keys("rouge1") == {"rouge1_r": 0.5, "rouge1_p": 1.0, "rouge1_f": 2 / 3}
    with pytest.raises(AttributeError):
        A.recall = 1.0  # type: ignore[misc]


def test_average_pools_counts_like_rouge155_f_a():
    p, r, f = multiref.average([A, B], [6, 2])
    assert r == pytest.approx(3 / 8)      # (3 + 0) hits / (6 + 2) reference unigrams, not mean(0.5, 0)
    assert p == pytest.approx(0.5)        # (3 + 0) / (3 + 3) peer unigrams
    assert f == pytest.approx(2 * r * p / (r + p))


def test_best_takes_the_reference_with_highest_recall():
    assert multiref.best([B, A], [2, 6]) == A


def test_jackknife_averages_leave_one_out_evaluations():
    # leave A out -> B alone (0); leave B out -> A alone
    assert multiref.jackknife([A, B], [6, 2]) == pytest.approx(Score(precision=0.5, recall=0.25, fmeasure=1 / 3))


def test_policies_differ_on_real_scores():
    scores, sizes = score_references("the cat sat", ["the cat sat on the mat", "a dog"], ("rouge1",), True)
    got = {p: multiref.combine(p, [s["rouge1"] for s in scores], [z["rouge1"] for z in sizes])
           for p in multiref.POLICIES}
    assert got["average"] == pytest.approx(Score(0.5, 3 / 8, 2 * 3 / 8 * 0.5 / (3 / 8 + 0.5)))
    assert got["best"] == pytest.approx(A)
    assert got["jackknife"] == pytest.approx(Score(0.5, 0.25, 1 / 3))
    assert len({tuple(round(x, 9) for x in v) for v in got.values()}) == 3


prf = st.tuples(st.floats(0, 1), st.floats(0, 1)).map(lambda t: Score(t[1], t[0], multiref.f_measure(t[0], t[1])))


@given(prf, st.integers(1, 500))
def test_one_reference_all_policies_agree(score, size):
    results = [multiref.combine(p, [score], [size]) for p in multiref.POLICIES]
    for r in results:
        assert r == pytest.approx(score)


@given(prf, st.integers(2, 6), st.integers(1, 300))
def test_identical_references_all_policies_agree(score, k, size):
    results = [multiref.combine(p, [score] * k, [size] * k) for p in multiref.POLICIES]
    for r in results:
        assert r == pytest.approx(score)


@given(st.lists(st.tuples(prf, st.integers(1, 300)), min_size=2, max_size=6))
def test_average_and_jackknife_lie_within_the_references(rows):
    scores, sizes = [r[0] for r in rows], [r[1] for r in rows]
    lo, hi = min(s.recall for s in scores), max(s.recall for s in scores)
    for policy in ("average", "jackknife", "best"):
        r = multiref.combine(policy, scores, sizes).recall
        assert lo - 1e-9 <= r <= hi + 1e-9
    assert multiref.combine("best", scores, sizes).recall == pytest.approx(hi)


def test_unknown_policy_is_refused():
    with pytest.raises(ValueError, match="unknown multi-reference policy"):
        multiref.combine("median", [A], [6])
