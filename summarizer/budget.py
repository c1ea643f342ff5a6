"""Length budgets, counted and cut the way ROUGE-1.5.5 counts and cuts them.

Selection and evaluation import the same functions, so a summary built for ``-l 100`` is never
scored on words the selector did not count.
"""

from __future__ import annotations

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


def count_words(text: str) -> int:
    """Whitespace tokens: ROUGE-1.5.5's ``-l`` counts what ``split /\\s+/`` yields."""
    return len(text.split())


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
        words = s.split()
        if not words:
            continue
        if len(words) > left:
            words = words[:left]
        out.append(" ".join(words))
        left -= len(words)
    return out


def truncate_bytes(sentences: Sequence[str], limit: int) -> list[str]:
    """Keep the first ``limit`` bytes of the sentences joined by single spaces (ROUGE's ``-b``).

    Whitespace inside a sentence is normalised to single spaces first, as ROUGE does; a cut that
    would split a UTF-8 character drops that character.
    """
    out: list[str] = []
    left = limit
    for s in sentences:
        s = " ".join(s.split())
        if not s:
            continue
        sep = 1 if out else 0
        if left - sep <= 0:
            break
        left -= sep
        data = s.encode("utf-8")
        if len(data) > left:
            s = data[:left].decode("utf-8", errors="ignore").rstrip()
            if s:
                out.append(s)
            break
        out.append(s)
        left -= len(data)
    return out
