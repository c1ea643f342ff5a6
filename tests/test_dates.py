"""Event dates: temporal expressions resolved against the article's date, as news is written."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.dates import DocumentDates, EventDate, day_expressions, document_dates, event_date, format_day, \
    sentence_date

FRI = dt.date(2015, 11, 27)   # a Friday
MON = dt.date(2015, 12, 21)   # a Monday


def test_weekdays_are_the_most_recent_one_and_today_is_today() -> None:
    assert sentence_date("Hollande met Putin in Moscow on Thursday.", FRI) == ("on Thursday", dt.date(2015, 11, 26))
    assert sentence_date("Le Drian heads for Moscow this Monday.", MON)[1] == MON
    assert sentence_date("Ahead of his visit to Moscow on Monday, he spoke.", MON)[1] == MON
    assert sentence_date("On Sunday, Putin called on European states.", MON)[1] == dt.date(2015, 12, 20)
    assert sentence_date("A warplane was shot down on Tuesday.", FRI)[1] == dt.date(2015, 11, 24)
    assert sentence_date("Yesterday he met Putin.", FRI)[1] == dt.date(2015, 11, 26)


def test_explicit_days_take_the_reference_year() -> None:
    assert sentence_date("Shoigu received Le Drian\u2019s 21 December on a working visit.", FRI)[1] == MON
    assert sentence_date("The talks on Dec. 21 were friendly.", MON)[1] == MON
    assert sentence_date("They met on November 26, 2015 at the Kremlin.", MON)[1] == dt.date(2015, 11, 26)


def test_a_sentence_naming_two_days_is_dated_by_the_later() -> None:
    text = "Pursuant to the agreements reached on November 26, Shoigu received Le Drian on 21 December."
    assert sentence_date(text, MON)[1] == MON


def test_vague_or_background_times_do_not_date_an_event() -> None:
    for text in ("France started bombing in September 2014.", "Relations chilled earlier this year.",
                 "France has conducted 300 airstrikes and 224 people died.", "Last week the talks stalled.",
                 "Putin pointed to the November 13 attacks in Paris.", "No date here at all."):
        assert day_expressions(text, FRI) == [], text


def test_event_date_falls_back_from_sentence_to_lead_to_publication() -> None:
    doc = document_dates([None], [["Putin met Hollande on Thursday.", "They spoke for hours."]], [FRI], [None])[0]
    assert doc.lead == ("on Thursday", dt.date(2015, 11, 26))
    assert event_date("They spoke for hours.", doc) == EventDate(dt.date(2015, 11, 26), "article", "on Thursday", FRI)
    assert event_date("On Tuesday a jet was downed.", doc).date == dt.date(2015, 11, 24)
    plain = DocumentDates(FRI, None, None)
    assert event_date("They spoke for hours.", plain) == EventDate(FRI, "published", None, FRI)
    borrowed = DocumentDates(MON, "other-article", None)
    assert event_date("Monday's talks went well on Monday.", borrowed).inherited_from == "other-article"
    assert event_date("Anything.", DocumentDates(None, None, None)) == EventDate(None, "unknown")
    assert EventDate(MON, "published", None, MON).to_dict()["date"] == "2015-12-21"
    assert format_day(dt.date(2015, 11, 26)) == "Thursday 26 November 2015"


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=120), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_any_text_gives_day_dates_or_nothing(text: str, reference: dt.date) -> None:
    for words, day in day_expressions(text + " on Monday", reference):
        assert isinstance(day, dt.date) and words


def test_numbers_and_durations_are_not_days():
    """A figure such as "4.5 million" or a duration such as "after three days" names no day."""
    reference = dt.date(2024, 3, 14)
    text = ("Officials estimate the damage at 4.5 million euros, in a district that was under water on "
            "Wednesday, after three days of rain.")
    assert day_expressions(text, reference) == [("on Wednesday", dt.date(2024, 3, 13))]
