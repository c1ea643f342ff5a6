"""Writing output files whole or not at all: every file `mds` writes goes through ``write_atomic``.

A reader (or a resumed run) sees the old file or the complete new one, never a part of it, even
after kill -9 or a full disk.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | Path, data: str | bytes, *, make_parents: bool = False) -> None:
    """Write ``data`` (text as UTF-8) to a temp file beside ``path``, fsync it, then ``os.replace``.

    The new file keeps an existing file's mode, else gets the usual 0666 minus umask (``mkstemp``
    alone would leave 0600, unreadable to the colleagues a report or briefing is meant for).
    """
    path = Path(path)
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.parent.is_dir():
        raise FileNotFoundError(f"{path}: directory {path.parent} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, _file_mode(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _file_mode(path: Path) -> int:
    """The existing file's mode, else 0666 minus the umask, as ``open(path, "w")`` would give."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
