"""Reading clusters from disk: a directory of articles, a JSON cluster, JSONL of clusters, or stdin.

Every problem with the input is a ``ReaderError`` whose message is one line naming the file and
what is wrong with it, so the CLI can show it as is. Invalid UTF-8 is an error (with the byte
offset) rather than silently replaced: a briefing must quote its sources faithfully, and a file in
another encoding is better re-encoded once by the user (``iconv -f latin1 -t utf-8``) than garbled.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path
from typing import Any, Iterable, Iterator

from summarizer.cleaning import find_date, is_site_name, line_rule
from summarizer.cluster import Cluster, Document
from summarizer.errors import InputError
from summarizer.layout import normalise_layout
from summarizer.webpages import is_page

HEADER_LINES = 6
"""How many non-blank lines at the top of an article are searched for its title and dateline."""


class ReaderError(InputError):
    """Unreadable input; the message is one line that names the file and the problem."""


class ReaderWarning(UserWarning):
    """Input that was read, with something skipped (an empty file in a directory)."""


def read_cluster(path: str | Path) -> Cluster:
    """A cluster from a directory of articles (``.txt`` and saved ``.html`` pages), one article file,
    a ``.json`` cluster, a one-cluster ``.jsonl``, or ``-`` (stdin)."""
    if str(path) == "-":
        return _cluster_from_json_text(sys.stdin.read(), "<stdin>")
    path = Path(path)
    if not path.exists():
        raise ReaderError(f"{path}: no such file or directory")
    if path.is_dir():
        return read_directory(path)
    if not path.is_file():  # a FIFO or device would block or never end
        raise ReaderError(f"{path}: not a regular file (a FIFO, socket or device); pass a file, a directory or -")
    if path.suffix.lower() == ".jsonl":
        clusters = list(read_jsonl(path))
        if len(clusters) != 1:
            raise ReaderError(f"{path}: holds {len(clusters)} clusters; a briefing needs one "
                              "(pass a .json cluster or a directory)")
        return clusters[0]
    if path.suffix.lower() == ".json":
        return _cluster_from_json_text(_read_text(path), str(path), default_id=path.stem)
    if path.suffix.lower() == ".txt":
        return Cluster(id=path.stem, documents=(parse_article(_read_text(path), path.stem),))
    if is_page(path.name):
        return Cluster(id=path.stem, documents=(read_page_file(path),))
    raise ReaderError(f"{path}: not a directory, .txt, .html, .json or .jsonl file")


def is_reference_file(path: Path) -> bool:
    """``reference.txt``, ``reference2.txt``, ``reference_A.txt``: human summaries, not articles."""
    return path.stem.lower().startswith("reference")


def read_directory(path: Path) -> Cluster:
    """One document per ``.txt`` file or saved web page (``.html``/``.htm``), in file-name order.

    Empty files and pages without an English article are skipped with a warning. Files named
    ``reference*.txt`` hold human reference summaries and become ``Cluster.references``.
    """
    found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    references = tuple(_read_text(p).strip() for p in found if is_reference_file(p))
    pages = [p for p in path.iterdir() if p.is_file() and is_page(p.name)]
    files = sorted([p for p in found if not is_reference_file(p)] + pages)
    if not files:
        others = [p for p in path.iterdir() if not p.name.startswith(".")]
        what = "is empty" if not others else "has no .txt or .html files"
        raise ReaderError(f"{path}: directory {what} (expected one article per .txt file or saved .html page)")
    documents = []
    empty, skipped = [], []
    for f in files:
        if is_page(f.name):
            try:
                documents.append(read_page_file(f))
            except ReaderError as exc:
                skipped.append(str(exc))
            continue
        text = _read_text(f)
        if not text.strip():
            empty.append(f.name)
            continue
        documents.append(parse_article(text, f.stem))
    for reason in skipped:
        warnings.warn(f"skipped {reason}", ReaderWarning, stacklevel=2)
    if not documents and not skipped:
        raise ReaderError(f"{path}: all {len(files)} .txt files are empty")
    if not documents:
        raise ReaderError(f"{path}: none of the {len(files)} files holds an article (empty files or pages "
                          "without English article text)")
    if empty:
        warnings.warn(f"{path}: skipped empty file(s): {', '.join(empty)}", ReaderWarning, stacklevel=2)
    return Cluster(id=path.resolve().name or "cluster", documents=tuple(documents),
                   references=tuple(r for r in references if r))


def iter_jsonl(path: str | Path, stream: Iterable[bytes | str] | None = None,
               error: type[Exception] = ReaderError) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` for each non-blank line of a JSONL file (or of ``stream``, named ``path``).

    Every JSONL reader of the toolkit goes through here, so a bad line is always reported the same
    way: ``error("FILE:LINE: invalid JSON: ...")``; bytes are decoded as ``_decode`` does.
    """
    path = Path(path)
    own = stream is None
    if own:
        if not path.is_file():
            raise error(f"{path}: no such file")
        stream = path.open("rb")
    try:
        for lineno, raw in enumerate(stream, 1):
            try:
                line = _decode(raw, path, f"line {lineno}") if isinstance(raw, bytes) else raw
            except ReaderError as exc:
                raise error(str(exc)) from None
            if not line.strip():
                continue
            try:
                value = parse_json(line, f"{path}:{lineno}")
            except ReaderError as exc:
                raise error(str(exc)) from None
            yield lineno, value
    finally:
        if own:
            stream.close()


def read_jsonl(path: str | Path) -> Iterator[Cluster]:
    """Clusters from a JSONL file, one per line (the ``../shared/datasets`` layout or ours)."""
    path = Path(path)
    n = 0
    for lineno, row in iter_jsonl(path):
        n += 1
        yield _cluster_from_row(row, f"{path}:{lineno}", default_id=f"{path.stem}-{lineno}")
    if n == 0:
        raise ReaderError(f"{path}: no clusters (the file is empty)")


def parse_article(text: str, doc_id: str) -> Document:
    """A Document from a scraped article: title and dateline taken from the top when they look like them.

    The title is the first short line without final punctuation among the top lines (a 1-3 word
    site name right above a longer title is kept as ``source`` instead); a line holding only a date
    ("21 Dec, 2015 11:36", "Published November 27th, 2015") gives ``date``. Those lines leave the
    text; everything else stays for cleaning to judge. Hard-wrapped text is rejoined first
    (``summarizer.layout``), so a wrapped title or paragraph is read whole.
    """
    lines = normalise_layout(text).splitlines()
    title = source = date = None
    consumed: set[int] = set()
    seen = 0
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        seen += 1
        if seen > HEADER_LINES:
            break
        if date is None and (d := find_date(s)) is not None:
            date = d
            consumed.add(i)
        elif line_rule(s) is not None:
            continue  # page noise (icon run, "Podcasts", a credit): never a title; cleaning removes it
        elif title is None and _title_like(s):
            if source is None and is_site_name(lines, i):
                source = s
            else:
                title = s
            consumed.add(i)
        elif title is None:
            break  # the body starts: no title
        elif date is None:
            continue  # a standfirst may sit between the title and the dateline
        else:
            break
    body = "\n".join(ln for i, ln in enumerate(lines) if i not in consumed).strip("\n")
    if title is None and source is not None:  # the "site name" was the title after all
        title, source, body = source, None, body
    return Document(id=doc_id, text=body, title=title, source=source, date=date)


def read_page_file(path: Path, doc_id: str | None = None) -> Document:
    """A saved web page's article; a page without one is a ReaderError naming the file."""
    from summarizer.webpages import PageError, read_page

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(f"{path}: cannot read: {exc.strerror or exc}") from None
    nul = data.find(b"\x00")
    if nul >= 0 and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReaderError(f"{path}: binary file (NUL byte at offset {nul}); expected a saved web page")
    try:  # pages declare their own encoding (<meta charset>): the extractor decodes them by it
        return read_page(data, doc_id or path.stem, name=str(path))
    except PageError as exc:
        raise ReaderError(str(exc)) from None


def _title_like(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 20 and len(line) <= 200 and not line.rstrip().endswith((".", "!", "?", ":", ";", ","))


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return _decode(data, path)


def _decode(data: bytes, path: Path, where: str = "") -> str:
    at = f" ({where})" if where else ""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReaderError(f"{path}{at}: UTF-16 text; re-encode it as UTF-8 (e.g. iconv -f utf-16 -t utf-8)")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ReaderError(f"{path}{at}: binary file (NUL byte at offset {nul}); expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReaderError(f"{path}{at}: invalid UTF-8 at byte {exc.start}; re-encode it as UTF-8 "
                          "(e.g. iconv -f latin1 -t utf-8)") from None


def _cluster_from_json_text(text: str, name: str, default_id: str = "cluster") -> Cluster:
    if not text.strip():
        raise ReaderError(f"{name}: empty input (expected a JSON cluster)")
    return _cluster_from_row(parse_json(text, name, with_line=True), name, default_id)


def parse_json(text: str, name: str, with_line: bool = False) -> Any:
    """``json.loads`` with every way it can fail on hostile input as a one-line ``ReaderError``:
    bad syntax, nesting deeper than Python's recursion limit, numbers too long to convert, no memory."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"{name}:{exc.lineno}" if with_line else name
        raise ReaderError(f"{where}: invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise ReaderError(f"{name}: JSON nested too deeply to read (a cluster is an object holding a "
                          "'documents' list)") from None
    except ValueError as exc:  # e.g. an integer of more than sys.get_int_max_str_digits() digits
        raise ReaderError(f"{name}: unreadable JSON value: {' '.join(str(exc).split())[:200]}") from None
    except MemoryError:
        raise ReaderError(f"{name}: JSON too large to read into memory") from None


def _cluster_from_row(row: Any, name: str, default_id: str) -> Cluster:
    if not isinstance(row, dict):
        raise ReaderError(f"{name}: expected a JSON object with a 'documents' list, got {type(row).__name__}")
    from summarizer.schema import check_cluster

    try:
        json.dumps(row, ensure_ascii=False).encode("utf-8")  # a lone surrogate escape ("\ud800") is not text
    except UnicodeEncodeError as exc:
        raise ReaderError(f"{name}: invalid text: a lone surrogate escape ({exc.object[exc.start:exc.end]!r}) "
                          "in a string") from None
    try:
        check_cluster(row)
        cluster = Cluster.from_dict(row, default_id=default_id)
    except (ValueError, TypeError) as exc:
        raise ReaderError(f"{name}: wrong cluster schema: {' '.join(str(exc).split())}") from None
    if not cluster.documents:
        raise ReaderError(f"{name}: the cluster has no documents")
    if not any(d.text.strip() for d in cluster.documents):
        raise ReaderError(f"{name}: every document is empty")
    return cluster


__all__ = ["ReaderError", "ReaderWarning", "read_cluster", "read_jsonl", "read_directory", "parse_article",
           "read_page_file"]
