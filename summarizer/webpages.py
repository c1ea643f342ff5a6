"""Saved web pages (``.html``/``.htm``) as articles: main text, title, date and source from the page.

Boilerplate removal is trafilatura's job (a maintained extractor that scores DOM blocks, reads the
page's metadata and, through htmldate, its publication date), so navigation, cookie banners, comment
threads and related-article boxes never reach the line rules of ``summarizer.cleaning``, which stay
for text files. The extracted text then goes through ``parse_article`` like any ``.txt`` article, so
a title or dateline left at the top of the body is read the same way.

Three things about a page need the user's attention rather than a silent guess, and each is a
``PageError`` (the caller decides whether it skips the page or stops) or a ``PageWarning``:
no article text at all, an article in another language than the summarizer's (its stemmer, stop
words and sentence splitter are English), and a page whose metadata and dateline disagree on the date.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import replace
from functools import lru_cache

from summarizer.cluster import Document, parse_date
from summarizer.errors import InputError

HTML_SUFFIXES = (".html", ".htm")
LANGUAGE = "en"
"""The language the toolkit summarizes (English stemmer, stop words and Punkt model)."""
MIN_LANGUAGE_WORDS = 20
"""Shorter texts are not judged: language identification is unreliable on a few words."""
MIN_LANGUAGE_CONFIDENCE = 0.95
"""A page is called foreign only when the identifier is at least this sure."""
MIN_ARTICLE_WORDS = 8
"""Less extracted text than this is a page without an article (an index page, a paywall, an error page)."""


class PageError(InputError):
    """A page that holds no usable article; the message is one line naming the page."""


class PageWarning(UserWarning):
    """A page that was read with a caveat the user should know (conflicting dates)."""


def is_page(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)


def read_page(html: str | bytes, doc_id: str, name: str | None = None) -> Document:
    """The article of a saved web page as a Document (``name`` is used in messages, default ``doc_id``).

    Raises ``PageError`` when the page has no article text or its article is not in English.
    """
    name = name or doc_id
    extracted = _extract(html)
    text = (extracted.get("text") or "").strip() if extracted else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise PageError(f"{name}: no article text found in the page "
                        f"({len(text.split())} words after removing navigation and boilerplate)")
    language = identify_language(text)
    if language is not None and language != LANGUAGE:
        raise PageError(f"{name}: the article is in another language ({language!r}); "
                        f"the summarizer reads {LANGUAGE!r} only")
    title = _clean(extracted.get("title"))
    lines = text.splitlines()
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]  # the headline, repeated as the first block of the body
    from summarizer.readers import parse_article

    body = "\n\n".join(line.strip() for line in lines if line.strip())
    doc = parse_article(body, doc_id)
    meta_date = _date(extracted.get("date"))
    if meta_date and doc.date and meta_date != doc.date:
        warnings.warn(f"{name}: conflicting dates: the page's metadata says {meta_date.isoformat()}, its "
                      f"dateline {doc.date.isoformat()}; using the metadata date", PageWarning, stacklevel=2)
    return replace(doc, title=title or doc.title, date=meta_date or doc.date,
                   source=_clean(extracted.get("sitename")) or doc.source or _clean(extracted.get("hostname")),
                   url=_clean(extracted.get("url")) or doc.url)


def _extract(html: str | bytes) -> dict | None:
    try:
        import trafilatura
    except ImportError:
        raise InputError("reading web pages needs trafilatura (pip install 'trafilatura>=2.0')") from None
    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
        favor_precision=True, deduplicate=False,
        # Markup only (meta tags, JSON-LD, <time>): a date guessed from the body text would be the
        # date of any event the article mentions. Datelines in the text are read by parse_article.
        date_extraction_params={"extensive_search": False, "original_date": True})
    if result is None:
        return None
    return result if isinstance(result, dict) else result.as_dict()


def identify_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short or the call is unsure."""
    if len(text.split()) < MIN_LANGUAGE_WORDS:
        return None
    language, confidence = _identifier().classify(text[:5000])
    return str(language) if confidence >= MIN_LANGUAGE_CONFIDENCE else None


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def _date(value: object) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        return None


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


__all__ = ["HTML_SUFFIXES", "PageError", "PageWarning", "is_page", "read_page", "identify_language"]
