"""Multi-News (Fabbri et al., 2019) as released: parallel line files of sources and targets.

Line ``i`` of ``<split>.src`` is one cluster: its articles joined by ``|||||``; the preprocessed,
truncated variant (``<split>.txt.src``) joins them with ``story_separator_special_tag`` instead.
Line ``i`` of the ``.tgt`` file is its summary, which starts with ``– `` (an en dash the crawl
kept from newser.com). Both encode newlines as the token ``NEWLINE_CHAR``. Either file may be
gzipped.
"""

from __future__ import annotations

import re
from itertools import zip_longest
from pathlib import Path

from summarizer.cluster import Cluster, Document
from summarizer.datasets.files import existing, open_text
from summarizer.datasets.quirks import Dataset, DatasetError, tidy

SEPARATORS = re.compile(r"\s*(?:\|\|\|\|\||story_separator_special_tag)\s*")
NEWLINE = re.compile(r"\s*NEWLINE_CHAR\s*")
TARGET_DASH = re.compile(r"^\s*[–—-]\s+")


def split_articles(line: str) -> list[str]:
    """The articles of one source line, newlines restored."""
    return [NEWLINE.sub("\n", a).strip() for a in SEPARATORS.split(line)]


def clean_target(line: str) -> str:
    """The summary of one target line: leading dash dropped, newlines restored."""
    return TARGET_DASH.sub("", NEWLINE.sub("\n", line)).strip()


def target_path_for(src: Path) -> Path:
    """``train.src`` -> ``train.tgt``, ``test.txt.src.gz`` -> ``test.txt.tgt.gz``."""
    name = src.name
    for a, b in ((".src.gz", ".tgt.gz"), (".src", ".tgt")):
        if name.endswith(a):
            return src.with_name(name[: -len(a)] + b)
    raise DatasetError(f"{src}: cannot guess the target file (name it *.src, or give tgt=...)")


def load_multinews(src: str | Path, tgt: str | Path | None = None, *, min_documents: int = 1,
                   dedupe: bool = True, require_references: bool = False) -> Dataset:
    """Clusters ``<stem>-<line number>`` from a Multi-News source file and its target file."""
    src_path = existing(src)
    tgt_path = existing(tgt) if tgt else existing(target_path_for(src_path))
    stem = src_path.name.split(".")[0]
    clusters = []
    with open_text(src_path) as s, open_text(tgt_path) as t:
        for i, (source, target) in enumerate(zip_longest(s, t)):
            if source is None or target is None:
                short = src_path if source is None else tgt_path
                raise DatasetError(f"{short}: ends at line {i} while its partner file goes on; "
                                   f"{src_path.name} and {tgt_path.name} must have one line per cluster")
            cid = f"{stem}-{i}"
            docs = tuple(Document(id=f"{cid}.{j}", text=a) for j, a in enumerate(split_articles(source)))
            summary = clean_target(target)
            clusters.append(Cluster(id=cid, documents=docs, references=(summary,) if summary else ()))
    return tidy(clusters, str(src_path), "multinews", min_documents=min_documents, dedupe=dedupe,
                require_references=require_references)
