"""Offline Punkt splitting: abbreviations, quotations, decimals, initials; no word lost or invented."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.cluster import make_cluster
from summarizer.sentences import MAX_SENTENCE_WORDS, split_cluster, split_sentences, splitter_name


@pytest.mark.parametrize("text, expected", [
    ("The U.S. Navy sent a ship on Monday. It arrived on Friday.",
     ["The U.S. Navy sent a ship on Monday.", "It arrived on Friday."]),
    ("Mr. Smith met Gen. Harris in Washington. They talked for an hour.",
     ["Mr. Smith met Gen. Harris in Washington.", "They talked for an hour."]),
    ("The talks ended on Jan. 5 in Geneva. A new round is planned.",
     ["The talks ended on Jan. 5 in Geneva.", "A new round is planned."]),
    ("Dr. Lee and Mrs. Park left early. Nobody noticed.",
     ["Dr. Lee and Mrs. Park left early.", "Nobody noticed."]),
])
def test_abbreviations(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_decimals_and_numbers() -> None:
    text = "Inflation rose to 3.5 percent in March. The bank held rates at 4.25 percent."
    assert split_sentences(text) == ["Inflation rose to 3.5 percent in March.", "The bank held rates at 4.25 percent."]


def test_initials() -> None:
    text = "The novel by J. R. R. Tolkien sold well. Army Chief General P. de Villiers will visit Moscow."
    assert split_sentences(text) == ["The novel by J. R. R. Tolkien sold well.",
                                     "Army Chief General P. de Villiers will visit Moscow."]


def test_quotations() -> None:
    text = '"We agreed on a very important issue," he said. "We will strike the terrorists only." Then he left.'
    assert split_sentences(text) == ['"We agreed on a very important issue," he said.',
                                     '"We will strike the terrorists only."', "Then he left."]
    curly = "\u201cThis is coordinating,\u201d she said. \u201cIt is not an alliance.\u201d"
    assert split_sentences(curly) == ["\u201cThis is coordinating,\u201d she said.", "\u201cIt is not an alliance.\u201d"]


def test_lines_are_hard_boundaries_and_whitespace_is_normalised() -> None:
    text = "A heading without a stop\n\nThe  first   paragraph.\nA second one"
    assert split_sentences(text) == ["A heading without a stop", "The first paragraph.", "A second one"]


def test_unpunctuated_text_is_chunked() -> None:
    words = [f"w{i}" for i in range(MAX_SENTENCE_WORDS * 2 + 7)]
    chunks = split_sentences(" ".join(words))
    assert [len(c.split()) for c in chunks] == [MAX_SENTENCE_WORDS, MAX_SENTENCE_WORDS, 7]


def test_split_cluster_positions() -> None:
    cluster = make_cluster(["One sentence here. Two here.", "Three here."])
    assert [(s.doc, s.position) for s in split_cluster(cluster)] == [(0, 0), (0, 1), (1, 0)]


def test_splitter_name_is_recorded() -> None:
    assert "punkt" in splitter_name().lower()


WORD = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S")), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(WORD, st.sampled_from([" ", " ", "  ", "\n", "\n\n", "\t"])), min_size=1, max_size=60))
@pytest.mark.filterwarnings("ignore::summarizer.sentences.LanguageWarning")
def test_property_splitting_round_trips_words(tokens: list[tuple[str, str]]) -> None:
    text = "".join(w + sep for w, sep in tokens)
    sentences = split_sentences(text)
    # No character lost or invented; words stay whole except where 。！？ end a sentence (CJK has no spaces).
    assert "".join("".join(sentences).split()) == "".join(text.split())
    if not any(c in text for c in "\u3002\uff01\uff1f"):
        assert " ".join(sentences).split() == text.split()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Mr.", "U.S.", "Gen.", "Jan.", "3.5", "J.", "said", "the", "ship", "\u201cYes,\u201d",
                                 "left.", "Monday.", "(AFP)", "e.g.", "etc.", "No.", "1."]), min_size=1, max_size=40))
def test_property_round_trip_with_tricky_tokens(tokens: list[str]) -> None:
    text = " ".join(tokens)
    assert " ".join(split_sentences(text)).split() == text.split()


# The shortcuts of the splitting step answer exactly as the work they skip (speed, not behaviour).
PIECES = st.sampled_from(["Sen", "Gov.", "Hun", "said", "U.S.", "No.", "1", "a", "b.", ".", "!", "?", "!!", "...",
                          "\"", "''", ")", "(", "--", ".\"", "?'", " ", "  ", "\n", " \n ", "\n\n", "\t", "\r",
                          "\xa0", "\u2028", "\u3002", "Wyo.", "LARAMIE,"])
TEXTS = st.lists(PIECES, max_size=30).map(lambda xs: " ".join(xs) if len(xs) % 2 else "".join(xs))


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_punkt_is_skipped_only_where_it_could_not_split(text: str) -> None:
    from summarizer.sentences import punkt_splitter, punkt_tokenizer

    assert punkt_splitter()(text) == punkt_tokenizer()[0](text)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_paragraphs_and_bare_words_match_their_regexes(text: str) -> None:
    from summarizer.sentences import _PARAGRAPH, BareWords, _bare_words, paragraphs

    assert paragraphs(text) == [p for p in _PARAGRAPH.split(text) if p]
    bare, lazy = _bare_words(text), BareWords(text)
    for word in ("Sen", "Hun", "Gov", "Wyo", "Said", "S", "sen"):
        assert (word in lazy) == (word in bare)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_the_title_at_a_sentence_end_is_found_as_by_a_full_search(text: str) -> None:
    from summarizer.sentences import _ENDS_TITLE, _title_at_end

    for sentence in (text, text + " Gov.", text + "\tSen.\n", "Gov." + text):
        m = _ENDS_TITLE.search(sentence)
        assert _title_at_end(sentence) == (m.group(1) if m else "")


def _split_reference(text: str) -> list[str]:
    """split_sentences as written before its shortcuts: every step on every piece, unguarded regexes."""
    import re

    from summarizer.sentences import (_DATELINE_HEAD, _LIST_MARKER, _NUMBER_ABBREVIATIONS, _TITLES, BareWords,
                                      _rejoin_split_words, _split_cjk, _split_glued_names, _title_at_end,
                                      paragraphs, punkt_tokenizer)

    tokenize, bare = punkt_tokenizer()[0], BareWords(text)
    out: list[str] = []
    for paragraph in paragraphs(text):
        for piece in _split_cjk(paragraph):
            found = _rejoin_split_words(piece, [s for s in tokenize(piece) if s.strip()])
            joined: list[str] = []
            for sent in found:
                prev = joined[-1] if joined else ""
                word = _title_at_end(prev)
                if prev and ((sent[:1].isupper() and word in _TITLES and word not in bare)
                             or (sent[:1].isdigit() and word in _NUMBER_ABBREVIATIONS)
                             or _LIST_MARKER.match(prev) or _DATELINE_HEAD.match(prev) or sent[:1].islower()):
                    joined[-1] = f"{prev} {sent}"
                else:
                    joined.append(sent)
            for sent in _split_glued_names(joined, bare):
                words = re.split(r"\s+", sent.strip()) if sent.strip() else []
                out += [" ".join(words[i : i + MAX_SENTENCE_WORDS]) for i in range(0, len(words), MAX_SENTENCE_WORDS)]
    return out


MARKERS = st.sampled_from(["1.", "(2)", "a)", "(b).", "123.", "1234.", "LARAMIE, Wyo.", "ST. PAUL, Minn.", "Gov.",
                           "No.", "(AP) --", "x.", "É.", "Él dijo.", "said.", "He left.", "ok?", "5", "jr."])
SPLIT_TEXTS = st.lists(st.one_of(PIECES, MARKERS), max_size=40).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(SPLIT_TEXTS)
def test_split_sentences_answers_as_every_step_on_every_piece(text: str) -> None:
    """One-sentence pieces skip the rejoining steps, and the list-marker and dateline regexes are tried
    only where they could match: the same sentences as running everything (Punkt itself unskipped)."""
    assert split_sentences(text) == _split_reference(text)
