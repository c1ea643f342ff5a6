"""Every choice that changes a ROUGE number, in one frozen value printed with every result."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from summarizer.budget import Budget

BACKENDS = ("rouge-score", "perl")
MULTIREF_POLICIES = ("average", "best", "jackknife")
SENTENCE_MODES = ("given", "split")
DEFAULT_METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")

_POLICY_TEXT = {
    "average": "average over references (pooled counts, ROUGE-1.5.5 -f A)",
    "best": "best reference (highest recall, ROUGE-1.5.5 -f B)",
    "jackknife": "jackknife (k evals against k-1 references, -f A each, averaged; NIST DUC)",
}


@dataclass(frozen=True, slots=True)
class RougeSettings:
    """How summaries are scored; ``describe()`` is the one line to print beside any number."""

    metrics: tuple[str, ...] = DEFAULT_METRICS
    stemming: bool = True
    multiref: str = "average"
    truncate: Budget | None = None
    """Cut peers *and* references before scoring, like ROUGE-1.5.5 ``-l N`` (words) / ``-b N`` (bytes)."""
    backend: str = "rouge-score"
    sentences: str = "given"
    """ROUGE-Lsum / ROUGE-1.5.5's ROUGE-L see each text's own lines ("given": a one-line summary is one
    sentence, as NIST's SPL files were), or one-line texts are first split with Punkt ("split")."""

    def __post_init__(self) -> None:
        metrics = (self.metrics,) if isinstance(self.metrics, str) else tuple(str(m) for m in self.metrics)
        object.__setattr__(self, "metrics", metrics)
        truncate = self.truncate
        if isinstance(truncate, Mapping):  # from JSON / an un-instantiated config
            truncate = Budget(int(truncate["limit"]), str(truncate.get("unit", "words")))
        object.__setattr__(self, "truncate", truncate)
        if not metrics:
            raise ValueError("RougeSettings.metrics is empty")
        if self.multiref not in MULTIREF_POLICIES:
            raise ValueError(f"multiref must be one of {', '.join(MULTIREF_POLICIES)}, not {self.multiref!r}")
        if self.sentences not in SENTENCE_MODES:
            raise ValueError(f"sentences must be one of {', '.join(SENTENCE_MODES)}, not {self.sentences!r}")
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {self.backend!r}")
        if truncate is not None and not isinstance(truncate, Budget):
            raise ValueError(f"truncate must be a Budget or null, not {truncate!r}")
        self.metric()  # validates metrics and truncation for the backend

    def metric(self, cache: str | Path | None = None):
        """The ``Metric`` implementing these settings (rouge-score or ROUGE-1.5.5).

        ``cache``: an SQLite file where rouge-score's results are kept across runs and processes
        (``rouge_cache``); it changes no number, so it is not a setting. The Perl backend ignores it.
        """
        if self.backend == "perl":
            from summarizer.evaluation.perl import Rouge155

            return Rouge155(self.metrics, self.stemming, self.truncate, "B" if self.multiref == "best" else "A")
        from summarizer.evaluation.rouge import RougeScore

        return RougeScore(self.metrics, self.stemming, self.truncate, cache)

    @property
    def score_keys(self) -> tuple[str, ...]:
        return tuple(f"{m}_{x}" for m in self.metrics for x in ("r", "p", "f"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "metrics": list(self.metrics),
            "stemming": self.stemming,
            "multiref": self.multiref,
            "truncate": None if self.truncate is None else {"limit": self.truncate.limit, "unit": self.truncate.unit},
            "backend": self.backend,
            "sentences": self.sentences,
        }

    @classmethod
    def from_dict(cls, row: Mapping[str, Any]) -> "RougeSettings":
        return cls(**{k: row[k] for k in ("metrics", "stemming", "multiref", "truncate", "backend", "sentences")
                    if k in row})

    def describe(self) -> str:
        """One line naming every setting, e.g. for the header of a results table."""
        if self.backend == "perl":
            stem = "Porter stemming + WordNet exceptions (-m)" if self.stemming else "no stemming"
        else:
            engine = f"rouge-score {_version('rouge-score')}"
            stem = "Porter stemming" if self.stemming else "no stemming"
        if self.truncate is None:
            cut = "no length cut"
        elif self.truncate.unit == "words":
            cut = f"cut to {self.truncate.limit} words (-l {self.truncate.limit})"
        elif self.truncate.unit == "bytes":
            cut = f"cut to {self.truncate.limit} bytes (-b {self.truncate.limit})"
        else:
            cut = f"cut to {self.truncate.limit} sentences"
        if self.backend == "perl":
            engine = self.metric().describe()
        lsum = ("each text's own lines (one-line texts are one sentence, not re-split)" if self.sentences == "given"
                else "each text's lines, one-line texts split into sentences (Punkt)")
        return (f"{engine}; metrics {', '.join(self.metrics)} (R/P/F, alpha 0.5); {stem}; no stopword removal; "
                f"references: {_POLICY_TEXT[self.multiref]}; a human summary is never scored against itself; {cut}; "
                f"sentences for Lsum/ROUGE-1.5.5 L: {lsum}")


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


def settings_from_args(metrics: Sequence[str] | None = None, **kwargs: Any) -> RougeSettings:
    """Convenience for CLIs: drop Nones so the dataclass defaults apply."""
    clean = {k: v for k, v in kwargs.items() if v is not None}
    if metrics:
        clean["metrics"] = tuple(metrics)
    return RougeSettings(**clean)
