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


class OutputError(ValueError):
    """An ``-o`` target that cannot be written without losing something; the message is one line."""


READABLE = (".txt", ".json", ".jsonl")
"""Files the readers would take for input if found in an input folder."""


def check_output(path: str | Path, inputs: "tuple[str | Path, ...] | list[str | Path]" = (),
                 readable: tuple[str, ...] = READABLE) -> Path:
    """The file ``-o path`` will really replace, or an ``OutputError`` before any work is done.

    A symlink is followed (the link stays, its target gets the new content), so the real target is
    what is compared with the inputs: writing a briefing over the article it summarises, or into the
    directory of articles being read, would destroy the input. A directory, a missing parent or an
    unwritable place is refused up front, not after minutes of work.
    """
    given = Path(path)
    target = Path(os.path.realpath(given))
    if str(path) in ("", "-"):
        raise OutputError("-o needs a file name (leave -o out to write to stdout)")
    if target.is_dir():
        raise OutputError(f"-o {path}: is a directory; give a file name")
    if target.exists() and not target.is_file():
        raise OutputError(f"-o {path}: not a regular file (a FIFO or device); give a file name")
    for raw in inputs:
        if str(raw) == "-":
            continue
        source = Path(os.path.realpath(raw))
        if target == source:
            raise OutputError(f"-o {path}: is the input {raw}; write the output elsewhere")
        if source.is_dir() and source in target.parents and target.suffix.lower() in readable:
            raise OutputError(f"-o {path}: inside the input directory {raw}, where it would be read as an article "
                              "next time; write it elsewhere")
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(f"-o {path}: directory {given.parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"-o {path}: cannot write in {given.parent} (permission denied)")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(f"-o {path}: not writable (permission denied)")
    return target


def write_output(path: str | Path, data: str | bytes, inputs: "tuple[str | Path, ...] | list[str | Path]" = ()) -> None:
    """``write_atomic`` to the real target of ``-o path`` after ``check_output``; OS failures as ``OutputError``."""
    target = check_output(path, inputs)
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise OutputError(f"-o {path}: cannot write ({exc.strerror or exc})") from None
