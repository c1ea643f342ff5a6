"""Budgets count and cut like ROUGE-1.5.5's -l (words) and -b (bytes)."""

import pytest
from hypothesis import given, strategies as st

from summarizer.budget import Budget, split_words, truncate_bytes, truncate_words

words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=40)
sentences = st.lists(words, max_size=12)


def test_word_cut_keeps_exactly_the_first_n_tokens():
    out = truncate_words(["one two three", "four  five\tsix", "seven"], 5)
    assert out == ["one two three", "four five"]


def test_byte_cut_counts_utf8_but_not_joining_spaces():
    # ROUGE-1.5.5 -b: "abc" (3) + "déf" (4 bytes) = 7, the 8th byte is "g" (checked against the Perl script)
    assert truncate_bytes(["abc", "déf", "ghi"], 8) == ["abc", "déf", "g"]
    assert truncate_bytes(["abc", "déf"], 5) == ["abc", "d"]  # cutting inside é drops it
    assert truncate_bytes(["abc  x", "d", "ghi"], 8) == ["abc  x", "d", "g"]  # inner spaces count


def test_word_cut_splits_on_ascii_whitespace_only():
    # Perl's split /\s+/ on bytes: a no-break space does not separate words
    assert truncate_words(["one\u00a0two three", "four"], 2) == ["one\u00a0two three"]


def test_sentence_budget_takes_whole_sentences():
    assert Budget(2, "sentences").cut(["a.", "b.", "c."]) == ["a.", "b."]


@pytest.mark.parametrize("limit,unit", [(0, "words"), (-3, "bytes"), (2.5, "words"), (10, "tokens")])
def test_invalid_budgets_are_refused(limit, unit):
    with pytest.raises(ValueError):
        Budget(limit, unit)


@given(sentences, st.integers(min_value=1, max_value=60))
def test_word_cut_never_exceeds_and_is_a_prefix(sents, limit):
    out = truncate_words(sents, limit)
    tokens = split_words(" ".join(sents))
    got = split_words(" ".join(out))
    assert len(got) == min(limit, len(tokens))
    assert got == tokens[: len(got)]


@given(sentences, st.integers(min_value=1, max_value=200))
def test_byte_cut_never_exceeds(sents, limit):
    out = truncate_bytes(sents, limit)
    assert sum(len(s.encode("utf-8")) for s in out) <= limit


@given(st.text(alphabet=st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2003\u3000ab\u00e9\u4e2d\ud800")),
               max_size=30) | st.text(max_size=30))
def test_count_words_is_the_number_of_ascii_whitespace_tokens(text):
    from summarizer.budget import count_words

    assert count_words(text) == len(split_words(text))
    assert Budget(250, "words").size(text) == len(split_words(text))
