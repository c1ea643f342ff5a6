"""Length budgets, counted and cut the way ROUGE-1.5.5 counts and cuts them.

Selection and evaluation import the same functions, so a summary built for ``-l 100`` is never
scored on words the selector did not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Sequence

Unit = Literal["words", "sentences", "bytes"]
UNITS: tuple[str, ...] = ("words", "sentences", "bytes")


@dataclass(frozen=True, slots=True)
class Budget:
    """How long a summary may be: ``Budget(100, "words")`` is ROUGE's ``-l 100``, bytes its ``-b``."""

    limit: int
    unit: Unit = "words"

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"budget unit must be one of {', '.join(UNITS)}, not {self.unit!r}")
        if int(self.limit) != self.limit or self.limit < 1:
            raise ValueError(f"budget limit must be a positive integer, not {self.limit!r}")

    def size(self, text: str) -> int:
        """Size of one sentence in this budget's unit."""
        if self.unit == "words":
            return count_words(text)
        if self.unit == "bytes":
            return count_bytes(text)
        return 1

    def cut(self, sentences: Sequence[str]) -> list[str]:
        """Cut an ordered list of sentences to the budget, exactly as ROUGE-1.5.5 would."""
        if self.unit == "sentences":
            return list(sentences[: self.limit])
        if self.unit == "words":
            return truncate_words(sentences, self.limit)
        return truncate_bytes(sentences, self.limit)

    def __str__(self) -> str:
        return f"{self.limit} {self.unit}"


_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def split_words(text: str) -> list[str]:
    """What ROUGE-1.5.5's ``-l`` counts: ``split /\\s+/`` on bytes, i.e. ASCII whitespace only.

    ``str.split()`` would also split on no-break and other Unicode spaces, which Perl does not.
    """
    return [w for w in _ASCII_SPACE.split(text) if w]


def count_words(text: str) -> int:
    """Whitespace tokens: ROUGE-1.5.5's ``-l`` counts what ``split /\\s+/`` yields.

    ``bytes.split()`` splits on exactly the ASCII whitespace of ``split_words``, and no byte of a
    non-ASCII character's UTF-8 is one of them, so this is ``len(split_words(text))`` without a
    regex or a list of strings (selection sizes every candidate of a large cluster).
    """
    return len(text.encode("utf-8", "surrogatepass").split())


def count_bytes(text: str) -> int:
    """UTF-8 bytes of the text as it will be joined (ROUGE's ``-b`` counts bytes, not characters)."""
    return len(text.encode("utf-8"))


def truncate_words(sentences: Sequence[str], limit: int) -> list[str]:
    """Keep the first ``limit`` whitespace tokens over all sentences; the last one kept may be cut."""
    out: list[str] = []
    left = limit
    for s in sentences:
        if left <= 0:
            break
        words = split_words(s)
        if not words:
            continue
        if len(words) > left:
            words = words[:left]
        out.append(" ".join(words))
        left -= len(words)
    return out


def truncate_bytes(sentences: Sequence[str], limit: int) -> list[str]:
    """Keep the first ``limit`` bytes of the sentences, counted as ROUGE-1.5.5's ``-b`` counts them.

    ROUGE adds up the UTF-8 bytes of each line as it is (inner whitespace included) and does not
    count the spaces it joins lines with; the line that reaches the limit is cut to the bytes left.
    A cut that would split a UTF-8 character drops that character (ROUGE's tokenizer would turn the
    stray bytes into a word break, so the tokens are the same).
    """
    out: list[str] = []
    left = limit
    for s in sentences:
        if not s:
            continue  # ROUGE skips empty lines
        data = s.encode("utf-8")
        if len(data) < left:
            out.append(s)
            left -= len(data)
            continue
        s = data[:left].decode("utf-8", errors="ignore")
        if s.strip():
            out.append(s)
        break
    return out
