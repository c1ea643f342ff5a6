"""rouge-score backend: numbers checked against ROUGE computed by hand on invented sentences."""

import pytest

from summarizer.budget import Budget
from summarizer.evaluation.rouge import prepare, score_references, sentence_lines, units

METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")


def one(peer, ref, metrics=METRICS, stemming=True, truncate=None):
    scores, sizes = score_references(peer, [ref], metrics, stemming, truncate)
    return scores[0], sizes[0]


def test_hand_computed_unigrams_bigrams_and_lcs():
    # peer: the x2, cat, sat, on, mat | ref: the x2, cat, lay, on, mat -> 5 of 6 unigrams shared
    # bigrams: peer {the cat, cat sat, sat on, on the, the mat}, ref {the cat, cat lay, lay on, on the, the mat}: 3 of 5
    # LCS: the cat . on the mat = 5
    s, sizes = one("The cat sat on the mat.", "The cat lay on the mat.")
    assert s["rouge1"] == pytest.approx((5 / 6, 5 / 6, 5 / 6))
    assert s["rouge2"] == pytest.approx((3 / 5, 3 / 5, 3 / 5))
    assert s["rougeL"] == pytest.approx((5 / 6, 5 / 6, 5 / 6))
    assert sizes == {"rouge1": 6, "rouge2": 5, "rougeL": 6, "rougeLsum": 6}


def test_recall_precision_and_f_differ_when_lengths_differ():
    s, _ = one("the cat sat", "the cat sat on the mat")
    p, r, f = s["rouge1"]
    assert (r, p) == pytest.approx((3 / 6, 1.0)) and f == pytest.approx(2 * 0.5 / 1.5)
    p, r, f = s["rouge2"]  # 2 peer bigrams, 5 reference bigrams, 2 shared
    assert (r, p) == pytest.approx((2 / 5, 1.0)) and f == pytest.approx(2 * 0.4 / 1.4)


def test_stemming_is_on_by_default_and_can_be_turned_off():
    assert one("cats running", "cat runs", ("rouge1",))[0]["rouge1"].recall == pytest.approx(1.0)
    assert one("cats running", "cat runs", ("rouge1",), stemming=False)[0]["rouge1"].recall == 0.0


def test_lsum_uses_one_sentence_per_line():
    # Same words in both, sentence order swapped: whole-text LCS loses a sentence, summary-level LCS does not.
    peer = "Rain fell on the city.\nThe river rose fast."
    ref = "The river rose fast.\nRain fell on the city."
    s, _ = one(peer, ref, ("rougeL", "rougeLsum"))
    assert s["rougeLsum"].recall == pytest.approx(1.0)
    assert s["rougeL"].recall < 0.6


def test_a_one_line_text_keeps_its_line_unless_splitting_is_asked_for():
    text = "Rain fell on the city. The river rose fast."
    assert sentence_lines(text) == [text]
    assert sentence_lines(text, split=True) == ["Rain fell on the city.", "The river rose fast."]
    assert sentence_lines("First line.\nSecond line.", split=True) == ["First line.", "Second line."]
    # the sentences change ROUGE-Lsum: over two one-line texts summary-level LCS is whole-text LCS
    peer, ref = "The river rose fast. Rain fell on the city.", "Rain fell on the city. The river rose fast."
    kept, _ = one(peer, ref, ("rougeLsum",))
    split, _ = score_references(peer, [ref], ("rougeLsum",), True, split=True)
    assert kept["rougeLsum"].recall < 0.6 and split[0]["rougeLsum"].recall == pytest.approx(1.0)


def test_truncation_cuts_peer_and_references_like_rouge155():
    cut = Budget(3, "words")
    assert prepare("one two\nthree four five", cut, split=False) == "one two\nthree"
    # the reference is cut too (ROUGE-1.5.5 -l applies to models): 3 of its words remain
    s, sizes = one("alpha beta gamma delta", "alpha beta gamma omega omega", ("rouge1",), truncate=cut)
    assert sizes["rouge1"] == 3 and s["rouge1"] == pytest.approx((1.0, 1.0, 1.0))
    assert prepare("abc\ndéf\nghi", Budget(8, "bytes"), split=False) == "abc\ndéf\ng"


def test_units_count_ngrams_and_tokens():
    assert units("a b c d", "rouge1") == 4
    assert units("a b c d", "rouge2") == 3
    assert units("a", "rouge3") == 0
    assert units("a b, c", "rougeLsum") == 3


def test_remembered_pairs_give_rouge_scores_own_numbers():
    from rouge_score import rouge_scorer

    from summarizer.evaluation import rouge

    peer, ref = "Floods hit the town.\nThe river rose fast.", "The river rose.\nFlooding hit the old town."
    rouge._score_pair.cache_clear()
    first = rouge.score_pair(peer, ref, METRICS, True)
    again = rouge.score_pair(peer, ref, METRICS, True)
    assert rouge._score_pair.cache_info().hits == 1 and first == again and first is not again
    raw = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True, split_summaries=False).score(ref, peer)
    assert first == {m: tuple(raw[m]) for m in METRICS}  # rouge-score's own (P, R, F), unchanged
