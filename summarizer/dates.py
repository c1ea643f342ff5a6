"""When each point of a briefing happened: publication dates and the temporal expressions in the text.

News sentences date their events relative to the day the article appeared ("Hollande met Putin on
Thursday" in an article of Friday 27 November 2015 means 26 November). Expressions are found and
resolved by parsedatetime (``Calendar.nlp``), configured as news is written: a bare weekday is the
most recent one, the publication day itself included ("on Monday" in Monday's paper is that day);
a day and month without a year take the reference date's year. Only expressions precise to the day
count: "in September", "this year" or "last week" do not date an event.

dateparser was the first candidate; its ``search_dates`` drops the day in "on 21 December on a
working visit" and "Dec. 21" (returning the month alone), and its import costs about ten times
parsedatetime's, so parsedatetime finds and resolves the expressions.

Every date says how it was obtained (``EventDate.how``), so a briefing can show which dates rest on a
guess, e.g. an undated article dated like its closest neighbour (``SentenceSpace.dates``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Sequence

How = Literal["expression", "article", "published", "unknown"]

LEAD_SENTENCES = 5
"""An article's own event date is the first dated expression among its first sentences (the lead)."""

_HINT = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b|\b(?:yesterday|today|tonight|tomorrow)\b|\bago\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d|\d\s*(?:jan|feb|mar|apr|may|jun|jul|"
    r"aug|sep|sept|oct|nov|dec)|\d{4}-\d{2}-\d{2}", re.IGNORECASE)
"""Cheap pre-filter: sentences without any of these words cannot hold a day-precise expression, so
the parser (about a millisecond a sentence) runs only on the few that may."""

_BACKGROUND = re.compile(r"^(?:the|a|an)\s", re.IGNORECASE)


@dataclass(frozen=True)
class EventDate:
    """The day a point happened, and how we know."""

    date: dt.date | None
    how: How
    """``expression``: the sentence's own words ("on Thursday") resolved against the reference date;
    ``article``: the date of the article's lead event; ``published``: the article's date; ``unknown``."""
    expression: str | None = None
    """The words that gave the date (``how="expression"`` or ``"article"``)."""
    reference: dt.date | None = None
    """The date the expression was resolved against (the article's date)."""
    inherited_from: str | None = None
    """Id of the article whose date the undated source borrowed (the reference is then a guess)."""

    def to_dict(self) -> dict[str, str | None]:
        return {"date": self.date.isoformat() if self.date else None, "how": self.how,
                "expression": self.expression,
                "reference": self.reference.isoformat() if self.reference else None,
                "inherited_from": self.inherited_from}


@lru_cache(maxsize=1)
def _calendar():
    """A parsedatetime calendar set up for news: past weekdays (today included), same-year dates."""
    import parsedatetime

    constants = parsedatetime.Constants("en_US")
    constants.DOWParseStyle = -1         # "Monday" is the last Monday ...
    constants.CurrentDOWParseStyle = True  # ... or today, when today is Monday
    constants.YearParseStyle = 0         # "21 December" is in the reference date's year
    return parsedatetime.Calendar(constants, version=parsedatetime.VERSION_CONTEXT_STYLE)


def day_expressions(text: str, reference: dt.date) -> list[tuple[str, dt.date]]:
    """Expressions in ``text`` precise to the day, each resolved against ``reference``, in text order.

    An expression used as a noun modifier after an article ("the November 13 attacks") names an
    earlier event the sentence only refers to, so it is left out.
    """
    if not _HINT.search(text):
        return []
    from parsedatetime import pdtContext

    base = dt.datetime(reference.year, reference.month, reference.day, 12)
    found = _calendar().nlp(text, sourceTime=base) or ()
    out = []
    for when, context, start, _end, words in found:
        if not context.hasDate or not context.accuracy & pdtContext.ACU_DAY:
            continue
        before = text[max(0, start - 4):start].lstrip()
        if _BACKGROUND.match(before + " ") or _BACKGROUND.match(words.strip()):
            continue
        if not _HINT.search(words):  # "4.5" (million) read as 5 April, "after three days": no day is named
            continue
        out.append((words.strip(), when.date()))
    return out


def sentence_date(text: str, reference: dt.date) -> tuple[str, dt.date] | None:
    """The event date a sentence states: the latest of its day expressions (a sentence that names two
    days usually relates a newer event to an older one: "agreed on 26 November ... received on 21 December")."""
    found = day_expressions(text, reference)
    return max(found, key=lambda x: x[1]) if found else None


@dataclass(frozen=True)
class DocumentDates:
    """What is known about the time of one article."""

    published: dt.date | None
    inherited_from: str | None
    """Id of the article whose date ``published`` borrows (None when the article is dated itself)."""
    lead: tuple[str, dt.date] | None
    """The first day expression of the article's lead: the date of the event it reports."""


def document_dates(documents: Sequence, sentences_of: Sequence[Sequence[str]], published: Sequence[dt.date | None],
                   inherited_from: Sequence[str | None]) -> list[DocumentDates]:
    """Per article: its (possibly borrowed) date and its lead event date."""
    out = []
    for d, sents, pub, source in zip(documents, sentences_of, published, inherited_from):
        lead = None
        if pub is not None:
            for text in sents[:LEAD_SENTENCES]:
                lead = sentence_date(text, pub)
                if lead:
                    break
        out.append(DocumentDates(pub, source, lead))
    return out


def event_date(text: str, doc: DocumentDates) -> EventDate:
    """When the sentence ``text`` of an article happened: its own expression, else the article's lead
    event, else the article's date."""
    if doc.published is None:
        return EventDate(None, "unknown")
    own = sentence_date(text, doc.published)
    if own:
        return EventDate(own[1], "expression", own[0], doc.published, doc.inherited_from)
    if doc.lead:
        return EventDate(doc.lead[1], "article", doc.lead[0], doc.published, doc.inherited_from)
    return EventDate(doc.published, "published", None, doc.published, doc.inherited_from)


def format_day(day: dt.date) -> str:
    """``Thursday 26 November 2015``: the weekday helps a reader check a resolved "on Thursday"."""
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


__all__ = ["EventDate", "DocumentDates", "day_expressions", "sentence_date", "document_dates", "event_date",
           "format_day", "LEAD_SENTENCES"]
