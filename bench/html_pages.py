"""Does a saved web page brief like the plain article? The dev sets, each article wrapped in a news page.

Every document of ../shared/datasets is put in a realistic page (bench/webpage.py: cookie banner,
navigation, scripts, teaser, related articles, comments, footer; the date in Open Graph tags, JSON-LD
or a <time> element, the headline as title), read back with the toolkit's HTML reader, and briefed
with `mds brief`'s own configuration; the plain-text cluster with the same title, date and source is
briefed beside it. Prints, per dataset: pages whose extracted text / title / date equal the plain
article's, clusters whose briefing is identical, and the reader's time per page.

    python bench/html_pages.py                        # both dev sets
    python bench/html_pages.py --data duc2007_update --limit 5
    python bench/html_pages.py --data my.jsonl        # any JSONL of clusters (documents as strings)

The article text and headline are HTML-unescaped first (the NYT files carry SGML entities such as ``&AMP;``, which a
web page would show as ``&``), on both sides.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchdata import dataset_path, machine_note  # noqa: E402
from webpage import LAYOUTS, paragraphs, render_page  # noqa: E402

SITES = {"APW": "Associated Press", "NYT": "The New York Times", "XIE": "Xinhua News Agency"}
_DOC_ID = re.compile(r"^(?P<src>[A-Z]{3})(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")


def load(name: str, limit: int | None) -> list[tuple[dict, dict]]:
    """(row, meta) pairs of a dev set name or a JSONL path; meta is {} when there is no meta.jsonl."""
    path = Path(name) if name.endswith(".jsonl") else dataset_path(name)
    if not path.exists():
        sys.exit(f"html_pages.py: {path} not found: put the DUC dev sets under ../shared/datasets or set MDS_SHARED")
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    meta_path = path.with_name("meta.jsonl")
    metas = [json.loads(line) for line in meta_path.open(encoding="utf-8") if line.strip()] \
        if meta_path.exists() else [{} for _ in rows]
    return list(zip(rows, metas))[:limit]


def article(row: dict, meta: dict, i: int) -> dict:
    """Text, title, date and source of one document, from the row and its meta line."""
    text = html.unescape(row["documents"][i])
    doc_ids, heads = meta.get("doc_ids") or [], meta.get("headlines") or []
    doc_id = doc_ids[i] if i < len(doc_ids) else f"{row['id']}.{i}"
    title = html.unescape(heads[i] if i < len(heads) else "") or "Untitled"
    m = _DOC_ID.match(doc_id)
    date = dt.date(int(m["y"]), int(m["m"]), int(m["d"])) if m else None
    site = SITES.get(m["src"], "The Daily Record") if m else "The Daily Record"
    return {"id": doc_id, "text": text, "title": title, "date": date, "source": site}


def brief_method():
    """The method exactly as `mds brief` builds it (conf/brief.yaml, briefing selector settings)."""
    from experiments.brief import apply_briefing_selector, build_method, compose_config

    cfg = compose_config(None, [])
    apply_briefing_selector(cfg, [])
    return build_method(cfg), cfg


def compare_cluster(row: dict, meta: dict, method, budget) -> dict:
    """Read every document of one cluster as a page and as text; counts of equal fields, and briefings."""
    from summarizer.cleaning import clean_cluster
    from summarizer.cluster import Cluster
    from summarizer.readers import parse_article
    from summarizer.webpages import read_page

    out = {"pages": 0, "text": 0, "title": 0, "date": 0, "times": []}
    plain, read = [], []
    for i in range(len(row["documents"])):
        a = article(row, meta, i)
        page = render_page(a["text"], a["title"], date=a["date"], site=a["source"], layout=LAYOUTS[i % len(LAYOUTS)])
        t0 = time.perf_counter()
        doc = read_page(page, a["id"])
        out["times"].append(time.perf_counter() - t0)
        # The plain side as `mds brief` reads a .txt article, with the page's metadata.
        want = replace(parse_article("\n\n".join(paragraphs(a["text"])), a["id"]), title=a["title"],
                       source=a["source"], date=a["date"])
        plain.append(want)
        read.append(doc)
        out["pages"] += 1
        out["text"] += doc.text == want.text
        out["title"] += doc.title == want.title
        out["date"] += doc.date == want.date
    out["briefings"] = [[s.text for s in method.summarize(clean_cluster(Cluster(id=row["id"], documents=tuple(docs))),
                                                           budget).sentences] for docs in (plain, read)]
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", nargs="+", default=["duc2007_update", "duc2006"], help="dev set names or JSONL paths")
    p.add_argument("--limit", type=int, default=None, help="first N clusters of each")
    args = p.parse_args(argv)

    from summarizer.budget import Budget

    method, cfg = brief_method()
    budget = Budget(int(cfg.budget.limit), str(cfg.budget.unit))
    print(f"# HTML pages vs plain text ({machine_note()})\n")
    print("| data | clusters | pages | text equal | title equal | date equal | briefing equal | read ms/page (median) |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.data:
        pairs = load(name, args.limit)
        totals = {"pages": 0, "text": 0, "title": 0, "date": 0, "briefing": 0}
        times: list[float] = []
        for row, meta in pairs:
            result = compare_cluster(row, meta, method, budget)
            for key in ("pages", "text", "title", "date"):
                totals[key] += result[key]
            totals["briefing"] += result["briefings"][0] == result["briefings"][1]
            times += result["times"]
        n, pages = len(pairs), totals["pages"]
        print(f"| {Path(name).stem if name.endswith('.jsonl') else name} | {n} | {pages} | {totals['text']}/{pages} | "
              f"{totals['title']}/{pages} | {totals['date']}/{pages} | {totals['briefing']}/{n} | "
              f"{1000 * statistics.median(times):.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
