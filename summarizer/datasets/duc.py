"""DUC 2001-2007 as NIST releases them: SGML document sets and a directory of model summaries.

Documents: one folder per document set (``D0601A``, ``d30001t``, ``D0703A-A`` for update sets), each
holding files of ``<DOC><DOCNO>...</DOCNO>...<TEXT>...</TEXT></DOC>`` (a file may hold several DOCs).
Models: files named ``<topic>.M.<length>.<selector>.<summarizer>`` (``D0601.M.250.A.A``,
``D0703-A.M.100.A.H``) in one directory. The set folder name is the topic plus an assessor letter
(``D0601`` + ``A``), so a model belongs to the set whose name, without that letter, is its topic.
Optionally a topics file (``<topic><num>D0601A</num><title>..</title><narr>..</narr></topic>``) gives
each cluster its query. Dates come from the DOCNO (``APW19990707.0181``, ``AP880911-0016``).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from summarizer.cluster import Cluster, Document
from summarizer.datasets.files import existing, read_text
from summarizer.datasets.quirks import Dataset, DatasetError, tidy

_DOC = re.compile(r"<DOC>(.*?)</DOC>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_MODEL = re.compile(r"^(?P<topic>[^.]+)\.M\.(?P<length>\d+)\.(?P<selector>[^.]+)\.(?P<summarizer>[^.]+)$", re.I)
_SET = re.compile(r"^(D\d+)[A-Z]?(-[A-Z])?$", re.I)
_TOPIC = re.compile(r"<topic>(.*?)</topic>", re.S | re.I)


def _field(block: str, tag: str) -> str | None:
    m = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S | re.I)
    return m.group(1) if m else None


def _clean(sgml: str) -> str:
    """Paragraphs on lines of their own, tags and entities gone, whitespace tidied."""
    text = re.sub(r"</?P>", "\n", sgml, flags=re.I)
    text = html.unescape(_TAG.sub(" ", text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def docno_date(docno: str) -> dt.date | None:
    """The date in a DOCNO: ``APW19990707.0181`` (YYYYMMDD), ``AP880911-0016`` / ``FT923-5089`` (YYMMDD)."""
    m = re.match(r"^[A-Z_]+(\d{8})", docno)
    fmt = "%Y%m%d"
    if not m:
        m, fmt = re.match(r"^[A-Z]+(\d{6})-", docno), "%y%m%d"
    if not m:
        return None
    try:
        return dt.datetime.strptime(m.group(1), fmt).date()
    except ValueError:
        return None


def parse_sgml(text: str, source: str = "") -> list[Document]:
    """Every ``<DOC>`` of an SGML file as a Document (headline as title, date from the DOCNO)."""
    docs = []
    for block in _DOC.findall(text):
        docno = " ".join((_field(block, "DOCNO") or "").split())
        body = _field(block, "TEXT") or ""
        headline = _field(block, "HEADLINE") or _field(block, "HEAD")
        agency = re.match(r"^[A-Z_]+?(?=\d)", docno)
        docs.append(Document(id=docno or source, text=_clean(body),
                             title=(_clean(headline) or None) if headline else None,
                             source=agency.group(0).rstrip("_") if agency else None, date=docno_date(docno)))
    return docs


def set_topic(name: str) -> str:
    """``D0601A`` -> ``D0601``, ``d30001t`` -> ``D30001``, ``D0703A-A`` -> ``D0703-A``: the key models use."""
    m = _SET.match(name)
    return (m.group(1) + (m.group(2) or "")).upper() if m else name.upper()


def read_topics(path: Path) -> dict[str, str]:
    """Topic title and narrative by set name, from a NIST topics file."""
    out = {}
    for block in _TOPIC.findall(read_text(path)):
        num = " ".join(_clean(_field(block, "num") or "").split())
        parts = [_clean(_field(block, t) or "") for t in ("title", "narr")]
        if num:
            out[num.upper()] = " ".join(" ".join(p.split()) for p in parts if p)
    return out


def load_duc(docs: str | Path, models: str | Path | None = None, *, topics: str | Path | None = None,
             length: int | None = None, min_documents: int = 1, dedupe: bool = True,
             require_references: bool = False) -> Dataset:
    """One cluster per document-set folder of ``docs``, with the model summaries of ``models`` as references.

    ``length`` keeps only models of that length (DUC 2001/2002 have 50-400-word models per set).
    """
    root = existing(docs, "directory")
    sets = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not sets:
        raise DatasetError(f"{root}: no document-set folders (expected e.g. D0601A/ holding SGML files)")
    refs: dict[str, list[tuple[str, str]]] = {}
    if models:
        model_dir = existing(models, "directory")
        for p in sorted(model_dir.iterdir()):
            m = _MODEL.match(p.name)
            if not m or not p.is_file() or (length is not None and int(m["length"]) != length):
                continue
            refs.setdefault(m["topic"].upper(), []).append((m["summarizer"], read_text(p).strip()))
    topic_text = read_topics(existing(topics)) if topics else {}
    clusters = []
    for folder in sets:
        documents: list[Document] = []
        for f in sorted(p for p in folder.iterdir() if p.is_file()):
            documents += parse_sgml(read_text(f), f.name)
        key = set_topic(folder.name)
        references = tuple(text for _, text in sorted(refs.pop(key, [])))
        topic = topic_text.get(folder.name.upper()) or topic_text.get(key)
        clusters.append(Cluster(id=folder.name, documents=tuple(documents), references=references, topic=topic))
    unmatched = sum(len(v) for v in refs.values())
    notes = [f"model summaries matching no document set: {unmatched} ({', '.join(sorted(refs))})"] if unmatched else []
    return tidy(clusters, str(root), "duc", min_documents=min_documents, dedupe=dedupe,
                require_references=require_references, notes=notes)
