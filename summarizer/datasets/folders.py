"""A directory of cluster folders: the layout for your own data.

::

    root/
      storm-2024/            one folder per cluster; its name is the cluster id
        a.txt  b.html ...    one article per .txt file or saved web page (read as summarizer.readers does)
        references/          optional: one human summary per .txt file
          r1.txt
      election/
        x.txt  y.txt
        summary.ref.txt      optional: references may also sit beside articles as *.ref.txt

Articles are the ``*.txt`` files that are not ``*.ref.txt`` and the ``*.html``/``*.htm`` pages; folders
are read in sorted name order. A page without an English article counts as an empty document (the load
report says how many were dropped), with a logged warning naming it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from summarizer.cluster import Cluster, Document
from summarizer.datasets.files import existing, read_text
from summarizer.datasets.quirks import Dataset, DatasetError, tidy

REFERENCE_DIR = "references"
REFERENCE_SUFFIX = ".ref.txt"


def load_folders(path: str | Path, *, min_documents: int = 1, dedupe: bool = True,
                 require_references: bool = False) -> Dataset:
    """One cluster per sub-folder of ``path`` (see the module docstring for the layout)."""
    root = existing(path, "directory")
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise DatasetError(f"{root}: no cluster folders (expected one sub-folder of .txt articles per cluster)")
    clusters = [_read_folder(f) for f in folders]
    return tidy(clusters, str(root), "folders", min_documents=min_documents, dedupe=dedupe,
                require_references=require_references)


def _read_folder(folder: Path) -> Cluster:
    """Articles parsed like ``summarizer.readers.read_cluster`` does (title, dateline), empty ones kept for tidy to count."""
    from summarizer.readers import ReaderError, parse_article, read_page_file
    from summarizer.webpages import is_page

    refs = [read_text(p).strip() for p in sorted(folder.glob(f"*{REFERENCE_SUFFIX}"))]
    ref_dir = folder / REFERENCE_DIR
    if ref_dir.is_dir():
        refs += [read_text(p).strip() for p in sorted(ref_dir.glob("*.txt"))]
    articles = sorted(p for p in folder.iterdir() if p.is_file() and (
        is_page(p.name) or (p.suffix.lower() == ".txt" and not p.name.endswith(REFERENCE_SUFFIX))))
    docs = []
    for p in articles:
        doc_id = f"{folder.name}/{p.stem}"
        if not is_page(p.name):
            docs.append(parse_article(read_text(p), doc_id))
            continue
        try:
            docs.append(read_page_file(p, doc_id))
        except ReaderError as exc:
            logging.getLogger("mds.data").warning("skipped %s", exc)
            docs.append(Document(id=doc_id, text=""))
    return Cluster(id=folder.name, documents=tuple(docs), references=tuple(refs))
