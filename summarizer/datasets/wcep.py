"""WCEP (Ghalandari et al., 2020) as released: JSONL (often ``.jsonl.gz``), one event per line.

``{"id", "date", "summary", "articles": [{"id", "title", "text", "time", "url", "origin", ...}], ...}``:
the summary is the Wikipedia Current Events Portal entry, the articles those it cites plus articles
retrieved from Common Crawl. WCEP-10/-100 are the same clusters cut to 10/100 articles: pass
``max_articles``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from summarizer.cluster import Cluster, Document, parse_date
from summarizer.datasets.files import existing, open_text
from summarizer.datasets.quirks import Dataset, DatasetError, tidy
from summarizer.readers import iter_jsonl


def load_wcep(path: str | Path, *, max_articles: int | None = None, min_documents: int = 1, dedupe: bool = True,
              require_references: bool = False) -> Dataset:
    """Clusters of a WCEP JSONL file, articles in file order (cut to ``max_articles`` if given)."""
    p = existing(path)
    clusters, bad_dates = [], 0
    with open_text(p) as f:
        for n, row in iter_jsonl(p, f, error=DatasetError):
            if not isinstance(row, dict) or not isinstance(row.get("articles"), list):
                raise DatasetError(f"{p}:{n}: a WCEP cluster needs an 'articles' list")
            cid = str(row.get("id", n))
            docs = []
            for j, art in enumerate(row["articles"][:max_articles]):
                doc, ok = _document(art, f"{cid}.{j}")
                bad_dates += not ok
                docs.append(doc)
            summary = str(row.get("summary") or "").strip()
            clusters.append(Cluster(id=cid, documents=tuple(docs), references=(summary,) if summary else ()))
    notes = [f"unparsed article times: {bad_dates}"] if bad_dates else []
    return tidy(clusters, str(p), "wcep", min_documents=min_documents, dedupe=dedupe,
                require_references=require_references, notes=notes)


def _document(art: Any, default_id: str) -> tuple[Document, bool]:
    """A Document from a WCEP article; False when its time could not be read (the date is then dropped)."""
    if not isinstance(art, Mapping):
        return Document(id=default_id, text=str(art or "")), True
    when, ok = None, True
    raw = art.get("time") or art.get("date")
    try:
        when = parse_date(raw)
    except ValueError:
        ok = False
    return Document(id=str(art.get("id") or default_id), text=str(art.get("text") or ""),
                    title=art.get("title") or None, source=art.get("origin") or None,
                    url=art.get("url") or None, date=when), ok
