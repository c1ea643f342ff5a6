"""Reproducing NIST's official ROUGE evaluation of DUC 2006, to prove both backends on real data.

Input is the ``duc2006`` folder of ../shared/datasets (``dev.jsonl``, ``meta.jsonl``,
``peers.jsonl``, ``official_rouge.json``; see its README). NIST's layout: for each cluster, four
EVALs, one per left-out reference, each scoring the 35 systems and the left-out human against the
other three references (``-f A``). Nothing here copies the data; it is read at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from summarizer.evaluation.multiref import combine
from summarizer.evaluation.perl import Eval, run_rouge155

NIST_OPTIONS = ["-n", "4", "-w", "1.2", "-m", "-2", "4", "-u", "-c", "95", "-r", "1000", "-f", "A", "-p", "0.5",
                "-t", "0", "-a", "-d"]
"""NIST's command line (NISTeval README) minus the config file; no -l: peers were cut to 250 words before."""
FAST_OPTIONS = ["-n", "2", "-x", "-m", "-2", "4", "-u", "-c", "95", "-r", "1000", "-f", "A", "-p", "0.5",
                "-t", "0", "-a", "-d"]
"""The same settings restricted to ROUGE-1/2 and SU4 (no ROUGE-3/4, L, W), about 3x faster; identical values."""


@dataclass(frozen=True)
class Duc2006:
    official: dict[str, Any]
    references: dict[str, dict[str, str]]
    """``references[cluster][annotator letter]`` = reference text."""
    peers: dict[str, dict[str, str]]
    """``peers[cluster][system]`` = the summary NIST scored (NISTeval)."""
    humans: frozenset[str]

    @classmethod
    def load(cls, folder: str | Path) -> "Duc2006":
        folder = Path(folder)
        official = json.loads((folder / "official_rouge.json").read_text(encoding="utf-8"))
        references: dict[str, dict[str, str]] = {}
        with (folder / "dev.jsonl").open(encoding="utf-8") as dev, (folder / "meta.jsonl").open(encoding="utf-8") as meta:
            for line, mline in zip(dev, meta):
                row, m = json.loads(line), json.loads(mline)
                if row["id"] != m["id"]:
                    raise ValueError(f"dev.jsonl and meta.jsonl disagree on order at {row['id']}")
                letters = [rid.rsplit(".", 1)[-1] for rid in m["reference_ids"]]
                references[row["id"]] = dict(zip(letters, row["references"]))
        peers: dict[str, dict[str, str]] = {}
        humans = set()
        with (folder / "peers.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                peers.setdefault(row["id"], {})[row["system"]] = row["summary"]
                if row["human"]:
                    humans.add(row["system"])
        return cls(official, references, peers, frozenset(humans))

    @property
    def systems(self) -> list[str]:
        """The 35 automatic systems, in NIST's numeric order."""
        return sorted((s for s in self.official["systems"] if s not in self.humans), key=int)

    def jackknife(self) -> dict[str, dict[str, list[str]]]:
        return self.official["jackknife_evals"]

    def evals(self, peers: set[str] | None = None) -> list[Eval]:
        """NIST's rougejk.in layout: eval ``<cluster>.<left-out>`` = systems + left-out human vs the other 3.

        ``peers`` keeps only those peers (and the evals they are in); their Averages do not change.
        """
        out = []
        for cid, folds in self.jackknife().items():
            for left, models in folds.items():
                scored = {s: t for s, t in self.peers[cid].items() if s not in self.humans}
                scored[left] = self.peers[cid][left]
                if peers is not None:
                    scored = {p: t for p, t in scored.items() if p in peers}
                if scored:
                    out.append(Eval(f"{cid}.{left}", scored, {m: self.references[cid][m] for m in models}))
        return out


def perl_reproduction(data: Duc2006, options: list[str] | None = None, n_jobs: int = 1,
                      peers: set[str] | None = None) -> dict[str, dict]:
    """Run ROUGE-1.5.5 on NIST's layout.

    Returns ``{"averages": {peer: {"rouge2_r": Average, "rouge2_r_ci": [lo, hi], ...}}, "per_eval": ...}``.
    """
    result = run_rouge155(data.evals(peers), options or FAST_OPTIONS, n_jobs=n_jobs)
    return {"averages": result.averages, "per_eval": result.per_eval}


def compare_averages(data: Duc2006, averages: dict[str, dict], keys: list[str],
                     peers: set[str] | None = None) -> dict[str, dict[str, float]]:
    """Max |ours - NIST| over peers per key, separately for systems and humans (NaN: none of that kind)."""
    official = data.official["system_averages"]
    wanted = set(official) if peers is None else peers
    out: dict[str, dict[str, float]] = {}
    for key in keys:
        diffs = {p: abs(averages[p][key] - official[p][key]) for p in wanted}
        out[key] = {"systems": max((d for p, d in diffs.items() if p not in data.humans), default=float("nan")),
                    "humans": max((d for p, d in diffs.items() if p in data.humans), default=float("nan")),
                    "worst": max(diffs, key=diffs.__getitem__)}
    return out


def _rouge_score_cluster(cid: str, peers: dict[str, str], refs: dict[str, str], humans: frozenset[str],
                         metrics: tuple[str, ...], stemming: bool) -> dict[str, dict[str, tuple]]:
    from summarizer.evaluation.rouge import score_references

    letters = list(refs)
    out = {}
    for peer, text in peers.items():
        # split=False: NIST's SPL files are scored line by line as they are (two systems wrote one line)
        scores, sizes = score_references(text, [refs[x] for x in letters], metrics, stemming, split=False)
        keep = [i for i, x in enumerate(letters) if x != peer]  # a human is never scored against itself
        out[peer] = {m: combine("jackknife" if peer not in humans else "average",
                                [scores[i][m] for i in keep], [sizes[i][m] for i in keep]) for m in metrics}
    return out


def rouge_score_closest(data: Duc2006, metrics: tuple[str, ...] = ("rouge1", "rouge2", "rougeLsum"),
                        stemming: bool = True, n_jobs: int = 1,
                        progress: Callable | None = None) -> dict[str, dict[str, float]]:
    """rouge-score in the setting closest to NIST's: stemming, no cut, jackknifed ``-f A``, mean over evals.

    Systems: jackknife over the 4 references (the mean of 4 three-reference evals). Humans: the
    single eval against the 3 other references. Returns ``{peer: {"rouge2_r": mean, ...}}``.
    """
    from joblib import Parallel, delayed

    ids = list(data.jackknife())
    jobs = (delayed(_rouge_score_cluster)(cid, data.peers[cid], data.references[cid], data.humans, metrics, stemming)
            for cid in ids)
    results = Parallel(n_jobs=n_jobs, return_as="generator")(jobs)
    if progress:
        results = progress(results, total=len(ids))
    per_peer: dict[str, list[dict[str, tuple]]] = {}
    for res in results:
        for peer, scores in res.items():
            per_peer.setdefault(peer, []).append(scores)
    out = {}
    for peer, rows in per_peer.items():
        out[peer] = {f"{m}_{x}": float(np.mean([r[m][i] for r in rows]))
                     for m in metrics for i, x in enumerate("rpf")}
    return out


NIST_NAME = {"rouge1": "rouge1", "rouge2": "rouge2", "rougeLsum": "rougeL", "rougeL": "rougeL"}
"""The NIST metric each rouge-score metric is compared with (ROUGE-1.5.5's ROUGE-L is summary-level)."""


def rank_agreement(data: Duc2006, ours: dict[str, dict[str, float]], key: str) -> dict[str, float]:
    """Spearman rho over the 35 systems and the mean / max |offset| of ours minus NIST's Average."""
    from scipy.stats import spearmanr

    metric, which = key.rsplit("_", 1)
    nist_key = f"{NIST_NAME[metric]}_{which}"
    official = data.official["system_averages"]
    a = [ours[s][key] for s in data.systems]
    b = [official[s][nist_key] for s in data.systems]
    diff = np.asarray(a) - np.asarray(b)
    return {"nist": nist_key, "spearman": float(spearmanr(a, b).statistic), "offset_mean": float(diff.mean()),
            "offset_min": float(diff.min()), "offset_max": float(diff.max())}
