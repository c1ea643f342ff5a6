"""Conservative cleaning of web-scraped news articles.

Scraped pages carry navigation chrome, comment threads, teasers, photo credits and player widgets
around the article. Left in, they become "sentences" that a centrality method happily picks (a
comment thread is long and repetitive), so a briefing starts quoting readers' comments.

Every rule here matches a *whole line* (or, for tracking ids, a prefix glued to a dateline) by its
shape, never by its topic, and rules are written so that an ordinary article sentence cannot match
them: a removed line is always short UI text, a timestamp, a credit, or part of a comment thread
that starts with a user-name + timestamp header. ``clean_lines`` says what it removed and why, so
the choice can be audited (``bench/cleaning_report.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarizer.cluster import Cluster, Document

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")

# "Vladimyrych 22 December 2015 13: 09" / "1. avvg 22 December 2015 13:10": a comment header.
_COMMENT_HEADER = re.compile(
    rf"^(?:\d{{1,3}}\.\s+)?\S.{{0,60}}?\s+\d{{1,2}}\s+(?:{MONTHS})\.?,?\s+\d{{4}},?\s+\d{{1,2}}:\s?\d{{2}}$",
    re.IGNORECASE)
# Dates on a line of their own: "21 Dec, 2015 11:36", "Published November 27th, 2015 - 06:00 GMT".
_DATE = re.compile(
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTHS})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})",
    re.IGNORECASE)
_DATE_REST = re.compile(
    r"^(?:[\s,:|\-\u2013\u2014/]|published|posted|updated|last|on|at|gmt|utc|am|pm|(?-i:[A-Z]{2,4})|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|[+-]?\d{1,2}:\s?\d{2}(?::\d{2})?)*$",
    re.IGNORECASE)
_TRACKING_ID = re.compile(r"^\s*(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])([0-9a-f]{16,64})(?=[A-Z\s])")
# "KABUL: (MEP) Russia and ..." / "MOSCOW (Reuters) - The ...": a wire dateline opening the first paragraph.
_DATELINE_PREFIX = re.compile(
    r"^\s*(?-i:[A-Z][A-Z.'\-]{2,}(?: [A-Z][A-Z.'\-]{2,}){0,2})(?:,\s*(?-i:[A-Z][\w.]+(?: [A-Z][\w.]+)?))?"
    r"\s*(?::\s*\((?-i:[A-Z][\w .&-]{0,20})\)\s*(?:[:_\-\u2013\u2014]{1,2})?|\((?-i:[A-Z][\w .&-]{0,20})\)\s*[:_\-\u2013\u2014]{1,2}|"
    r"\s[_\-\u2013\u2014]{1,2}|:)\s+(?=[A-Z\u201c\"])")
_NUMBERED = re.compile(r"^\s*\d{1,3}\.\s+")
_CAPTION_MARK = re.compile(r"\((?:L|R|C|left|right|cent(?:er|re)|top|bottom|front|back|\d(?:st|nd|rd|th)? from [LR]\w*)\)")
_ICON = re.compile(r"icon", re.IGNORECASE)

# Whole-line patterns, each a kind of noise. Anchored at both ends and short by construction.
_LINE_RULE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("teaser", r"^(?:read more|read also|also read|see also|related(?: articles?| stories| news)?|more from .{1,40}|"
               r"recommended(?: for you)?|you (?:may|might) also like|most (?:read|popular)|trending(?: now)?|"
               r"watch|more on this story)\s*(?:[:\-\u2013\u2014|>\u00bb].*)?$"),
    ("photo_credit", r"^(?:photos?|images?|pictures?|video|graphics?)(?:\s+used)?\s*(?:(?:by|credit|courtesy(?: of)?|"
                     r"source)\s*:?|:)\s*[\w.&/, -]{0,40}$"),
    ("photo_credit", r"^(?:\(?(?:photo|image|picture|file photo)\)?\s*[:/|\-]\s*)?(?:AFP|AP|Reuters|Getty Images|EPA|"
                     r"dpa|Xinhua|Sputnik|TASS|RIA Novosti|Anadolu(?: Agency)?)(?:\s*/\s*[\w ]{1,30})?$"),
    ("copyright", r"^(?:copyright\s*)?(?:\u00a9|\(c\))\s*(?:\d{4}|(?-i:[A-Z])).{0,80}$|^copyright\s+\d{4}.{0,80}$|"
                  r"^.{0,80}\ball rights reserved\.?$"),
    ("author", r"^(?:authors?|written by|posted by|by)\s*:?\s*(?-i:[A-Z][a-zA-Z'\-]*\.?(?:\s+[A-Z][a-zA-Z'\-]*\.?){0,3})?$"),
    ("media_player", r"^(?:podcasts?|listen(?: to this article)?|play|pause|mute|unmute|audio|video|replay|"
                     r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?)$"),
    ("site_chrome", r"^(?:exit mobile version|skip to (?:main )?content|advertisement|advertising|sponsored(?: content)?|"
                    r"share(?: this(?: article| story)?)?|print|email|subscribe(?: now)?|newsletter|menu|search|home|"
                    r"close|back to top|cookies? (?:policy|settings)|accept(?: all)? cookies|tags?:.{0,80}|"
                    r"sign in|sign up|log ?in|log ?out|register|create (?:an )?account|"
                    r".{0,40}\?\s*sign in|i have an account\?.{0,20}|"
                    r"dear (?:reader|visitor|user)s?,?.{0,100}\b(?:comments?|register|sign (?:in|up)|log ?in)\b.{0,40}|"
                    r"(?:leave|add|post) a comment|already (?:registered|a member|have an account)\?.{0,20}|"
                    r"\d{0,6}\s*comments?|comments?\s*\(\d+\)|show comments|load more comments)\.?$"),
    ("comment_ui", r"^(?:reply|replies|like|likes|dislike|report|quote:.{0,40}|[+\-\u2212]\s?\d{1,5}|"
                   r"\d{1,5}\s+(?:likes?|replies|votes?|points?)|(?:up|down)vote)$"),
    ("source_credit", r"^(?:[\w.&'\- ]{1,40}\s+(?:and|with|&)\s+agencies|agencies|wire services|(?:source|sources)\s*:.{1,60})$"),
)
_ANY_LINE_RULE = re.compile("|".join(f"(?P<r{i}>{p})" for i, (_, p) in enumerate(_LINE_RULE_PATTERNS)), re.IGNORECASE)
"""The rules as one pattern, tried in their order (the first alternative that matches names the rule):
one regex call per line instead of one per rule."""


@dataclass(frozen=True)
class CleanResult:
    """The cleaned text and, for the audit, every removed line (or line prefix) with its rule."""

    text: str
    removed: tuple[tuple[str, str], ...]


def is_icon_run(line: str) -> bool:
    """A row of icon names from a page's sprite sheet ("icon bookmark-bicon cameraicon ...")."""
    if line.isascii() and "icon" not in line.lower():  # the common case, without the regex
        return False
    n = len(_ICON.findall(line))
    return n >= 5 and n * 3 >= len(line.split())


def is_comment_header(line: str) -> bool:
    """A comment thread header: a user name followed by a date and time, alone on a line."""
    return ":" in line and bool(_COMMENT_HEADER.match(line.strip()))  # a header ends in a time (hh:mm)


def find_date(line: str):
    """The date of a dateline ("21 Dec, 2015 11:36", "Published November 27th, 2015 - 06:00 GMT"), or None.

    Only lines that hold a date and nothing but publication words and times count, so a sentence
    that mentions a date is never taken for a dateline.
    """
    import datetime as dt

    line = line.strip()
    if len(line) > 80:
        return None
    m = _DATE.search(line)
    if not m or not _DATE_REST.match(line[: m.start()] + " " + line[m.end():]):
        return None
    g = m.groupdict()
    try:
        if g["y3"]:
            return dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        month = g["m1"] or g["m2"]
        number = _month_number(month)
        return dt.date(int(g["y1"] or g["y2"]), number, int(g["d1"] or g["d2"]))
    except ValueError:
        return None


def _month_number(name: str) -> int:
    key = name.lower()[:3]
    return ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec").index(key) + 1


def line_rule(line: str) -> str | None:
    """The noise rule a line matches on its own (no context), or None for an article line."""
    s = line.strip().strip("\u200b\ufeff")
    if not s:
        return None
    if len(s) > 200:  # every rule targets short UI text; long lines are prose (or an icon run)
        return "icon_run" if is_icon_run(s) else None
    if is_icon_run(s):
        return "icon_run"
    if find_date(s) is not None:
        return "date_line"
    m = _ANY_LINE_RULE.match(s)
    return _LINE_RULE_PATTERNS[int(m.lastgroup[1:])][0] if m else None


def strip_tracking_id(line: str) -> tuple[str, str]:
    """Split a hex tracking id glued to the start of a line: ("56785aab...", "KABUL: ...")."""
    m = _TRACKING_ID.match(line)
    if not m:
        return "", line
    return m.group(1), line[m.end():].lstrip()


def _title_like(line: str) -> bool:
    s = line.strip()
    words = s.split()
    return 0 < len(words) <= 20 and not s.endswith((".", "!", "?", ":", ";", ",")) and len(s) <= 200


def is_site_name(lines: list[str], i: int) -> bool:
    """Line ``i`` is a site name heading the page: 1-3 words, then a longer title-like line."""
    words = lines[i].split()
    if not 1 <= len(words) <= 3 or not _title_like(lines[i]) or not words[0][:1].isupper():
        return False
    nxt = _next_content(lines, i + 1)
    return _title_like(nxt) and len(nxt.split()) > len(words) + 2


def _comment_thread_start(lines: list[str]) -> int | None:
    """Index where a trailing comment thread begins, or None.

    A thread is recognised by comment headers (user name + timestamp). It needs two headers, or one
    header after comment chrome ("to leave comments ... register"), so a lone dated line is not
    mistaken for one. It runs to the end of the page: comment threads sit under the article.
    """
    headers = [i for i, ln in enumerate(lines) if is_comment_header(ln)]
    if not headers:
        return None
    first = headers[0]
    chrome = any(line_rule(ln) == "site_chrome" and "comment" in ln.lower() for ln in lines[:first])
    if len(headers) < 2 and not chrome:
        return None
    start = first
    # The user name is usually on the line above the header too ("1. Vladimyrych").
    j = start - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    if j >= 0:
        name = _NUMBERED.sub("", lines[j]).strip()
        if name and len(name.split()) <= 5 and _NUMBERED.sub("", lines[first]).strip().startswith(name + " "):
            start = j
    return start


def clean_lines(text: str, title: str | None = None) -> CleanResult:
    """Clean an article line by line; returns the text and what was removed, with the rule's name.

    ``title``, when known, lets a repeated title line be dropped from the body.
    """
    lines = text.splitlines()
    removed: list[tuple[str, str]] = []
    thread = _comment_thread_start(lines)
    title_key = " ".join(title.split()).casefold() if title else None
    kept: list[str] = []
    previous = None  # last kept non-blank line, for duplicates
    since_credit = 99  # non-blank lines since the last photo credit, for captions
    first_content = next((i for i, ln in enumerate(lines) if ln.strip() and line_rule(ln) is None), None)
    last_content = _last_content(lines)
    for i, raw in enumerate(lines):
        if thread is not None and i >= thread:
            if raw.strip():
                removed.append((raw.strip(), "comment_thread"))
            continue
        if not raw or raw.isspace():  # a paragraph break (half the lines): no rule matches it, nothing to count
            kept.append(raw)
            continue
        rule = line_rule(raw)
        line = raw
        if rule is None:
            tracking, line = strip_tracking_id(raw)
            if tracking:
                removed.append((tracking, "tracking_id"))
            if previous is None and (m := _DATELINE_PREFIX.match(line)):
                removed.append((m.group(0).strip(), "dateline_prefix"))
                line = line[m.end():]
            key = " ".join(line.split()).casefold()
            if key and title_key is not None and key == title_key:
                rule = "duplicate_title"
            elif key and key == previous:
                rule = "duplicate_line"
            elif i == first_content and is_site_name(lines, i):
                rule = "site_name"
            elif key and i == last_content and _looks_like_credit(line):
                rule = "site_name"
            elif since_credit <= 2 and _CAPTION_MARK.search(line):
                rule = "photo_caption"
            elif previous is not None and _is_subheading(lines, i):
                rule = "subheading"
        if raw.strip():
            since_credit = 0 if rule == "photo_credit" else since_credit + 1
        if rule is not None:
            if raw.strip():
                removed.append((raw.strip(), rule))
            continue
        kept.append(line)
        if key:  # the kept line, normalised as above
            previous = key
    return CleanResult(_tidy("\n".join(kept)), tuple(removed))


_TERMINAL = (".", "!", "?", ":", ";", ",", "\"", "\u201d", "\u2019", "'", ")", "\u2026")


def _is_subheading(lines: list[str], i: int) -> bool:
    """A short unpunctuated line set off by blank lines inside the body, above a paragraph.

    A heading is not a sentence (it has no verb phrase to quote, no final punctuation); left in, it
    is a central-looking fragment that a briefing would list as a point.
    """
    s = lines[i].strip()
    if s.endswith(_TERMINAL):  # most lines: prose
        return False
    words = s.split()
    if not 2 <= len(words) <= 10 or not words[0][:1].isupper():
        return False
    if i == 0 or lines[i - 1].strip() or i + 1 >= len(lines) or lines[i + 1].strip():
        return False
    nxt = _next_content(lines, i + 1)
    return len(nxt.split()) > len(words) and nxt.endswith(_TERMINAL)


def _next_content(lines: list[str], start: int) -> str:
    """The next non-blank line from ``start`` (stripped), without copying the list."""
    for j in range(start, len(lines)):
        if lines[j].strip():
            return lines[j].strip()
    return ""


def _last_content(lines: list[str]) -> int:
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].strip():
            return i
    return -1


def _looks_like_credit(line: str) -> bool:
    """A short title-case line closing the page with no sentence punctuation: a site or agency name."""
    words = line.split()
    return 1 <= len(words) <= 4 and _title_like(line) and all(w[:1].isupper() or not w[:1].isalpha() or
                                                              w.lower() in {"and", "of", "the", "&"} for w in words)


def _tidy(text: str) -> str:
    """Collapse the blank-line runs left by removed lines."""
    return re.sub(r"\n\s*\n(?:\s*\n)+", "\n\n", text).strip("\n")


def clean_text(text: str) -> str:
    """The article text without page noise (see ``clean_lines`` for the audit trail)."""
    return clean_lines(text).text


def clean_document(doc: "Document") -> "Document":
    """A copy of the document with its layout normalised (``summarizer.layout``: hard wraps, markup)
    and its text cleaned; its title, when known, also removes repeats of it. The line rules need
    one paragraph per line, hence the layout step first."""
    from summarizer.layout import normalise_layout

    return replace(doc, text=clean_lines(normalise_layout(doc.text), doc.title).text)


def clean_cluster(cluster: "Cluster") -> "Cluster":
    """A copy of the cluster with every document cleaned; references are left as written."""
    from summarizer.cluster import Cluster

    return Cluster(id=cluster.id, documents=tuple(clean_document(d) for d in cluster.documents),
                   references=cluster.references, topic=cluster.topic)


__all__ = ["CleanResult", "clean_lines", "clean_text", "clean_document", "clean_cluster", "line_rule",
           "find_date", "is_icon_run", "is_comment_header", "is_site_name", "strip_tracking_id"]
