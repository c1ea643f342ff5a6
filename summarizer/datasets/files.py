"""File helpers shared by the loaders: checked paths, transparent gzip, tolerant decoding."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import IO

from summarizer.datasets.quirks import DatasetError


def existing(path: str | Path, kind: str = "file") -> Path:
    """The path, expanded, if it exists as a ``kind`` ("file" or "directory"); else a one-line DatasetError."""
    p = Path(path).expanduser()
    if kind == "directory" and not p.is_dir():
        raise DatasetError(f"{p}: no such directory")
    if kind == "file" and not p.is_file():
        raise DatasetError(f"{p}: no such file")
    return p


def open_text(path: Path) -> IO[str]:
    """Open a text file for reading, un-gzipping ``*.gz`` (WCEP and Multi-News ship compressed)."""
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


def read_text(path: Path) -> str:
    """UTF-8, falling back to Latin-1: NIST's older releases (DUC 2001-2004) are not UTF-8."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")
