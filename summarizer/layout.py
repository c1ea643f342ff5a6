"""Layout normalisation: turn hard-wrapped lines and paragraph markup back into flowing paragraphs.

The rest of the toolkit reads a line break as a hard boundary (news text puts one paragraph per
line and headings on lines of their own). Plain-text newswire is often hard-wrapped at ~70
characters instead (NIST's raw DUC/TAC releases, wire feeds, e-mail, archives); read as it is,
every wrapped line becomes a sentence fragment. This step runs first, so that cleaning and
sentence splitting see one paragraph per line whatever the layout was.

How a break is judged. A text is taken as hard-wrapped only on evidence: lines that end
mid-sentence (no sentence punctuation) and continue in lowercase on the next line. Then a break is
a wrap when the line was *full*: the next line's first word would not have fitted within the
text's width (the longest line), which is exactly how wrappers decide where to break. A short
line is a real break (a paragraph's last line, a title, a dateline, a list item), and so is a
line followed by a more indented one (first-line paragraph indentation) or a blank line. Text
without that evidence -- one paragraph per line, however long or short -- is returned unchanged
apart from line endings and paragraph markup.
"""

from __future__ import annotations

import html
import re
import statistics
import warnings

__all__ = ["normalise_layout", "LayoutWarning", "looks_fragmented"]


class LayoutWarning(UserWarning):
    """Input that still looks like line fragments after normalisation."""


_TERMINAL = ".!?:;\"'\u201d\u2019)]\u2026\u3002\uff01\uff1f"
"""Characters that may end a paragraph line (sentence punctuation, closing quotes and brackets)."""

# Paragraph markup as NIST's SGML releases and HTML snippets carry it inside text documents.
_MARKUP = re.compile(r"</?(?:text|p|div)\b[^<>]*>|<br\s*/?>", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(?:text|p|div)\b[^<>]*>", re.IGNORECASE)
_BR_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,5});")
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")

MIN_WIDTH = 30
"""Texts whose longest line is shorter are not treated as wrapped (lists, verse, tables)."""
MAX_WIDTH = 160
"""Nor are texts whose typical line is longer: they already flow."""


def normalise_layout(text: str) -> str:
    """The text with one paragraph per line: line endings, markup and hard wraps normalised.

    Paragraphs stay separated as they were (blank lines are kept; a paragraph found by its
    indentation in wrapped text gets a blank line before it, as flowing text has). End-of-line hyphenation is undone
    when the text itself shows the unhyphenated word; otherwise the hyphen is kept, since wrappers
    break compounds ("long-\\nstanding") at their own hyphen. Warns (``LayoutWarning``) when the
    result still looks like line fragments.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _MARKUP.search(text):
        text = _read_markup(text)
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is not None:
        text = _unwrap(lines, width)
    if looks_fragmented(text):
        warnings.warn("some documents look like broken line fragments that could not be rejoined "
                      "(lines end mid-sentence at varying widths); their sentences may be cut",
                      LayoutWarning, stacklevel=2)
    return text


def _read_markup(text: str) -> str:
    """``<P>``/``<p>``/``<TEXT>``/``<div>`` become paragraph breaks, ``<br>`` a line break; entities are decoded."""
    text = _BLOCK_TAG.sub("\n\n", text)
    text = _BR_TAG.sub("\n", text)
    if _ENTITY.search(text):
        text = html.unescape(text)
    text = _BLANK_RUN.sub("\n\n", text)
    return text.strip("\n")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _first_word(line: str) -> str:
    """The first word as a wrapper sees it: up to an ASCII space (a no-break space does not break)."""
    m = re.match(r"[^ \t]+", line.lstrip(" \t"))
    return m.group(0) if m else ""


def _continues_mid_sentence(line: str, nxt: str) -> bool:
    """A break inside a sentence of prose: a line of several words without final punctuation, and the
    next line going on in lowercase (or the line ending in a comma or a hyphen).

    Flowing text never breaks a line there: its lines are paragraphs, headings, or page furniture.
    """
    end = line.rstrip()
    start = nxt.lstrip()
    if not end or not start or end[-1] in _TERMINAL or len(end.split()) < 4:
        return False
    return start[0].islower() or end[-1] in ",-"


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or None when it does not look hard-wrapped.

    Evidence needed: breaks inside sentences (``_continues_mid_sentence``), at least one in ten
    of the breaks between lines of a paragraph. The width is the longest line
    (wrappers never exceed it), ignoring a few overlong lines (URLs, tables).
    """
    lengths = [len(ln.rstrip()) for ln in lines if ln.strip()]
    if len(lengths) < 2:
        return None
    body = _body_indent(lines)
    mid = inner = 0
    for a, b in zip(lines, lines[1:]):
        if a.strip() and b.strip() and _indent(b) <= body:
            inner += 1
            mid += _continues_mid_sentence(a, b)
    if mid == 0 or mid * 10 < inner:
        return None
    typical = statistics.median(lengths)
    if typical > MAX_WIDTH:
        return None
    # The longest line that is not an outlier: wrapped lines fill to within a word of the width.
    candidates = sorted(n for n in lengths if n <= max(MAX_WIDTH, 2 * typical))
    width = candidates[-1] if candidates else max(lengths)
    return width if width >= MIN_WIDTH else None


def _unwrap(lines: list[str], width: int) -> str:
    """Rejoin the wrapped lines of each paragraph (see the module docstring for how a break is judged).

    Blank lines and kept breaks stay as they were; a paragraph that starts with deeper indentation
    gets the blank line before it that flowing text would have.
    """
    words = _word_forms("\n".join(lines))
    body = _body_indent(lines)
    out: list[str] = []
    prev = ""  # the previous line, blank at a paragraph boundary
    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            out.append("")
        elif prev and _indent(line) <= body and _is_wrap(prev, line, width):
            out[-1] = _join(out[-1], line.strip(), words, len(prev) >= width, width)
        else:
            if prev and _indent(line) > body:
                out.append("")
            out.append(line.strip())
        prev = line if line.strip() else ""
    return "\n".join(out).strip("\n")


def _body_indent(lines: list[str]) -> int:
    """The indentation of continuation lines (the least indentation of a line that follows another);
    a line indented deeper starts a paragraph."""
    indents = [_indent(b) for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    return min(indents, default=0)


def _is_wrap(line: str, nxt: str, width: int) -> bool:
    """The break after ``line`` was made by a wrapper: the next word would not have fitted.

    Titles, datelines and list items are short lines, so they keep their break; a title that fills
    a whole line with no blank line after it cannot be told from a wrapped line and is joined.
    """
    return len(line.rstrip()) + 1 + len(_first_word(nxt)) > width


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _word_forms(text: str) -> set[str]:
    """Lower-cased words of the text (hyphenated compounds whole), to judge end-of-line hyphens."""
    return {w.lower() for w in _WORD.findall(text)}


_PREFIXES = frozenset("anti co counter cross ex half multi non over post pre pro re self semi sub super "
                      "ultra un under vice well".split())
"""Prefixes written both ways ("non-stop", "nonstop"): a line-end hyphen after them is the author's."""


_SUSPENDED = frozenset({"and", "or", "nor", "to", "&"})
"""Words after a suspended hyphen, which keeps its space."""


def _join(current: str, nxt: str, words: set[str], full: bool, width: int) -> str:
    """Append a wrapped line to its paragraph.

    A trailing hyphen is dropped only when the text itself uses the joined word (and the head is
    not a prefix written both ways); a suspended hyphen ("economic- and") keeps its space; a URL
    or a rule of dashes cut on a ``full`` line (the token and the next are longer than a line
    together) is rejoined without a space.
    """
    if current.endswith("\u00ad"):  # a soft hyphen is a hyphenation point by definition
        return current[:-1] + nxt
    if current.endswith("-") and len(current) >= 2 and current[-2].isalpha() and nxt[:1].isalpha():
        if _first_word(nxt).lower() in _SUSPENDED:
            return current + " " + nxt
        heads = _WORD.findall(current)
        head = heads[-1] if heads else ""
        tail_match = _WORD.match(nxt)
        tail = tail_match.group(0) if tail_match else ""
        joined = (head + tail).lower()
        hyphenated = f"{head}-{tail}".lower()
        if joined in words and hyphenated not in words and nxt[:1].islower() and head.lower() not in _PREFIXES:
            return current[:-1] + nxt
        return current + nxt
    if full and len(current) - current.rfind(" ") - 1 + len(_first_word(nxt)) > width:
        return current + nxt  # one token longer than a line (a URL, a rule): the wrapper cut it
    return current + " " + nxt


def looks_fragmented(text: str) -> bool:
    """Many lines still end mid-sentence and continue in lowercase: fragments that were not rejoined."""
    lines = [ln for ln in text.split("\n")]
    breaks = sum(1 for a, b in zip(lines, lines[1:]) if a.strip() and b.strip() and _continues_mid_sentence(a, b))
    content = sum(1 for ln in lines if ln.strip())
    return breaks >= 3 and breaks * 4 >= content
