"""Citation precision and recall, and repeated facts, of briefings on hand-labelled invented clusters.

    python bench/citations.py                                  # tests/data/paraphrase_clusters.json
    python bench/citations.py --semantic 0.5 0.55 0.6 0.65 0.7 # sweep the semantic threshold

Each cluster of the data file is a set of invented articles whose sentences list the facts they
state. A briefing is made as ``mds brief`` makes it (the same config, cleaning, method, selection
and citation code), once with lexical similarity only and once with the hybrid (lexical or
WordLlama) similarity. Then, for each point:

- a citation is correct when the cited article states at least one of the point's facts
  (precision = correct citations / citations);
- every article stating one of the point's facts should be cited (recall = cited such articles /
  such articles); all citations are counted, also those a briefing folds into "and N more";
- a fact stated by two points of one briefing is a repeated fact.

"every sentence" rows make every labelled sentence a point (citations only, no selection), a
larger sample than the few points of a briefing. The data file says which cluster the thresholds
were chosen on; the other is held out.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

DATA = ROOT / "tests" / "data" / "paraphrase_clusters.json"


def load(path: Path):
    """(cluster, facts of each (doc, text)) per labelled cluster in the file."""
    from summarizer.cluster import Cluster, Document, parse_date

    out = []
    for row in json.loads(path.read_text(encoding="utf-8"))["clusters"]:
        docs, labels = [], {}
        for i, d in enumerate(row["documents"]):
            docs.append(Document(d["id"], "\n".join(s["text"] for s in d["sentences"]), d.get("title"),
                                 d.get("source"), None, parse_date(d.get("date"))))
            for s in d["sentences"]:
                labels[(i, " ".join(s["text"].split()))] = set(s["facts"])
        out.append((Cluster(row["id"], tuple(docs)), labels))
    return out


def facts_of(labels, doc: int, text: str) -> set[str]:
    return labels.get((doc, " ".join(text.split())), set())


def score_points(points, labels, stated_by) -> dict[str, float]:
    """Citation counts and repeated facts over briefing points (``Point`` objects)."""
    cited = correct = relevant = found = 0
    seen: Counter[str] = Counter()
    for p in points:
        facts = facts_of(labels, p.doc, p.text) if p.doc is not None else set()
        seen.update(facts)
        docs = {c.doc for c in p.citations}
        gold = {d for f in facts for d in stated_by[f]}
        cited += len(docs)
        correct += len(docs & gold)
        relevant += len(gold)
        found += len(gold & docs)
    return {"citations": cited, "correct": correct, "relevant": relevant, "found": found,
            "repeated": sum(n - 1 for n in seen.values() if n > 1), "points": len(points)}


def briefing_for(cluster, similarity: str, semantic: float, redundancy: float | None, words: int | None = None):
    from experiments import brief
    from summarizer.briefing import build_briefing
    from summarizer.budget import Budget
    from summarizer.cleaning import clean_cluster

    if similarity == "lexical":
        overrides = ["selector.semantic_redundancy=null"]
    else:
        overrides = [] if redundancy is None else [f"selector.semantic_redundancy={redundancy}"]
    cfg = brief.compose_config(None, overrides)
    cluster = clean_cluster(cluster)
    brief.apply_briefing_selector(cfg, [])
    if similarity == "lexical":
        cfg.method.selector.semantic_redundancy = None
    budget = Budget(words, "words") if words else Budget(int(cfg.budget.limit), str(cfg.budget.unit))
    summary = brief.build_method(cfg).summarize(cluster, budget)
    settings = dict(brief.briefing_settings(cfg), similarity=similarity, semantic_threshold=semantic,
                    max_citations=10_000)  # every citation counts, also those folded into "and N more"
    return build_briefing(summary, cluster, **settings), cluster


def every_sentence(cluster, similarity: str, semantic: float):
    from summarizer.briefing import build_briefing
    from summarizer.budget import Budget
    from summarizer.summary import Summary, SummarySentence

    sents = cluster.sentences
    summary = Summary(cluster.id, tuple(SummarySentence(s.text, (s,), 1.0) for s in sents), "all", Budget(1))
    return build_briefing(summary, cluster, similarity=similarity, semantic_threshold=semantic,
                          max_citations=10_000, bottom_line=0)


def row(name: str, cid: str, counts: dict[str, float]) -> str:
    p = counts["correct"] / counts["citations"] if counts["citations"] else float("nan")
    r = counts["found"] / counts["relevant"] if counts["relevant"] else float("nan")
    return (f"| {cid} | {name} | {counts['points']} | {counts['citations']} | {p:.3f} | {r:.3f} | "
            f"{counts['repeated']} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--semantic", type=float, nargs="*", default=None,
                    help="semantic thresholds to try (default: the configured one)")
    ap.add_argument("--redundancy", type=float, default=None,
                    help="selector.semantic_redundancy for the hybrid rows (default: the configured one)")
    ap.add_argument("--words", type=int, default=None, help="briefing budget in words (default: conf/brief.yaml's)")
    args = ap.parse_args(argv)
    from experiments import brief

    cfg = brief.compose_config(None, [])
    thresholds = args.semantic or [float(cfg.semantic_threshold)]
    budget = f"{args.words} words" if args.words else f"{cfg.budget.limit} {cfg.budget.unit}"
    redundancy = cfg.selector.semantic_redundancy if args.redundancy is None else args.redundancy
    print(f"budget {budget}; semantic redundancy {redundancy} (hybrid rows); "
          f"citation threshold (TF-IDF) {cfg.citation_threshold}; semantic thresholds {thresholds}; "
          f"data {args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data}\n")
    print("| cluster | similarity | points | citations | precision | recall | repeated facts |")
    print("|---|---|---|---|---|---|---|")
    for cluster, labels in load(args.data):
        configs = [("lexical", "lexical", 0.0)] + [(f"hybrid {t}", "hybrid", t) for t in thresholds]
        for name, sim, t in configs:
            b, cleaned = briefing_for(cluster, sim, t, args.redundancy, args.words)
            stated_by = _stated_by(cleaned, labels)
            print(row(f"{name}, briefing", cluster.id, score_points(b.points, labels, stated_by)))
        for name, sim, t in configs:
            cleaned = _clean(cluster)
            b = every_sentence(cleaned, sim, t)
            stated_by = _stated_by(cleaned, labels)
            counts = score_points(b.points, labels, stated_by)
            counts["repeated"] = "-"
            print(row(f"{name}, every sentence", cluster.id, counts))
    return 0


def _clean(cluster):
    from summarizer.cleaning import clean_cluster

    return clean_cluster(cluster)


def _stated_by(cluster, labels) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for s in cluster.sentences:
        for f in facts_of(labels, s.doc, s.text):
            out.setdefault(f, set()).add(s.doc)
    return out


if __name__ == "__main__":
    sys.exit(main())
