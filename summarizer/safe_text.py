"""Text that is safe to print: no terminal escape sequences, no control characters.

Scraped articles can carry ANSI/VT escape sequences (``ESC [ 2 J`` clears a screen, OSC 52 writes
the clipboard, OSC 8 hides a link) and other C0/C1 control characters. A briefing on a terminal or
in a Markdown viewer must show the words, never obey them; so every text ``mds`` writes for people
goes through ``printable`` (JSON escapes C0 controls itself, but not DEL or C1).
"""

from __future__ import annotations

import re

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"                # CSI: colours, cursor moves, screen clears
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"    # OSC: titles, clipboard, hyperlinks (BEL or ST ends it)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"         # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]"                         # other two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"                 # 8-bit CSI
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 (but tab and newline), DEL, C1, and the bidirectional overrides that reorder text."""


def printable(text: str) -> str:
    """``text`` without escape sequences and control characters (tabs and line breaks stay)."""
    if text.isprintable() or not _needs_work(text):
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def _needs_work(text: str) -> bool:
    return bool(_CONTROLS.search(text))


__all__ = ["printable"]
