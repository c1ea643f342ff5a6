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
- a fact stated by two points of one briefing is a repeated fact;
- facts told: the distinct facts the briefing's points state, of all the cluster's facts (a briefing
  with fewer repeats must not get there by telling less).

"every sentence" rows make every labelled sentence a point (citations only, no selection), a
larger sample than the few points of a briefing. Each cluster's ``role`` in the data file says
whether thresholds were chosen on it ("tuning") or not ("held out").
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


def roles(path: Path) -> dict[str, str]:
    """Each cluster's role in the data file: "tuning" or "held out"."""
    return {row["id"]: row.get("role", "") for row in json.loads(path.read_text(encoding="utf-8"))["clusters"]}


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
    every = set(stated_by)
    return {"citations": cited, "correct": correct, "relevant": relevant, "found": found,
            "repeated": sum(n - 1 for n in seen.values() if n > 1), "points": len(points),
            "told": f"{len(seen)}/{len(every)}"}


def briefing_for(cluster, similarity: str, semantic: float, redundancy: float | None, words: int | None = None,
                 extra: list[str] | None = None):
    from experiments import brief
    from summarizer.briefing import build_briefing
    from summarizer.budget import Budget
    from summarizer.pipeline import prepare

    overrides = list(extra or [])
    if similarity == "lexical":
        overrides.append("method.selector.semantic_redundancy=null")
    elif redundancy is not None:
        overrides.append(f"method.selector.semantic_redundancy={redundancy}")
    cfg = brief.compose_config(None, overrides)
    cluster = prepare(cluster, brief.build_pipeline(cfg))
    budget = Budget(words, "words") if words else Budget(int(cfg.budget.limit), str(cfg.budget.unit))
    summary = brief.build_method(cfg).summarize(cluster, budget)
    settings = dict(brief.briefing_settings(cfg), similarity=similarity, semantic_threshold=semantic,
                    max_citations=10_000)  # every citation counts, also those folded into "and N more"
    return build_briefing(summary, cluster, **settings), cluster


def every_sentence(cluster, similarity: str, semantic: float, pipeline=None, clause_thresholds=None):
    from summarizer.briefing import build_briefing
    from summarizer.budget import Budget
    from summarizer.summary import Summary, SummarySentence

    cluster = _clean(cluster, pipeline)
    sents = cluster.sentences
    summary = Summary(cluster.id, tuple(SummarySentence(s.text, (s,), 1.0) for s in sents), "all", Budget(1))
    return build_briefing(summary, cluster, similarity=similarity, semantic_threshold=semantic,
                          max_citations=10_000, bottom_line=0, clause_thresholds=clause_thresholds)


def row(name: str, cid: str, counts: dict[str, float]) -> str:
    p = counts["correct"] / counts["citations"] if counts["citations"] else float("nan")
    r = counts["found"] / counts["relevant"] if counts["relevant"] else float("nan")
    return (f"| {cid} | {name} | {counts['points']} | {counts['citations']} | {p:.3f} | {r:.3f} | "
            f"{counts['repeated']} | {counts['told']} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--semantic", type=float, nargs="*", default=None,
                    help="semantic thresholds to try (default: the configured one)")
    ap.add_argument("--redundancy", type=float, default=None,
                    help="selector.semantic_redundancy for the hybrid rows (default: the configured one)")
    ap.add_argument("--words", type=int, default=None, help="briefing budget in words (default: conf/brief.yaml's)")
    ap.add_argument("overrides", nargs="*", metavar="KEY=VALUE",
                    help="Hydra overrides of conf/brief.yaml for every row, as `mds brief` takes them "
                         "(e.g. method.selector.restatement=null for the selection without the restatement test)")
    args = ap.parse_args(argv)
    from experiments import brief

    cfg = brief.compose_config(None, args.overrides)
    thresholds = args.semantic or [float(cfg.semantic_threshold)]
    budget = f"{args.words} words" if args.words else f"{cfg.budget.limit} {cfg.budget.unit}"
    redundancy = cfg.method.selector.semantic_redundancy if args.redundancy is None else args.redundancy
    sel = cfg.method.selector
    print(f"budget {budget}; semantic redundancy {redundancy} (hybrid rows); restatement test "
          f"{'off' if sel.get('restatement') is None else f'z {sel.restatement}, semantic {sel.restatement_semantic}, told {sel.told}'}; "
          f"citation threshold (TF-IDF) {cfg.citation_threshold}; semantic thresholds {thresholds}; "
          f"embeddings {cfg.pipeline.get('semantic_model') or 'WordLlama'}; "
          f"data {args.data.relative_to(ROOT) if args.data.is_relative_to(ROOT) else args.data}\n")
    print("| cluster | similarity | points | citations | precision | recall | repeated facts | facts told |")
    print("|---|---|---|---|---|---|---|---|")
    role = roles(args.data)
    pipeline = brief.build_pipeline(cfg)
    for cluster, labels in load(args.data):
        name = f"{cluster.id} ({role[cluster.id]})" if role.get(cluster.id) else cluster.id
        configs = [("lexical", "lexical", 0.0)] + [(f"hybrid {t}", "hybrid", t) for t in thresholds]
        for label, sim, t in configs:
            b, cleaned = briefing_for(cluster, sim, t, args.redundancy, args.words, args.overrides)
            stated_by = _stated_by(cleaned, labels)
            print(row(f"{label}, briefing", name, score_points(b.points, labels, stated_by)))
        for label, sim, t in configs:
            cleaned = _clean(cluster, pipeline)
            b = every_sentence(cleaned, sim, t, pipeline, brief.briefing_settings(cfg)["clause_thresholds"])
            stated_by = _stated_by(cleaned, labels)
            counts = score_points(b.points, labels, stated_by)
            counts["repeated"] = counts["told"] = "-"
            print(row(f"{label}, every sentence", name, counts))
    return 0


def _clean(cluster, pipeline=None):
    from summarizer.pipeline import DEFAULT, prepare

    # the pipeline mds brief runs (cleaning included), with the command line's pipeline overrides
    return prepare(cluster, pipeline or DEFAULT)


def _stated_by(cluster, labels) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for s in cluster.sentences:
        for f in facts_of(labels, s.doc, s.text):
            out.setdefault(f, set()).add(s.doc)
    return out


if __name__ == "__main__":
    sys.exit(main())
