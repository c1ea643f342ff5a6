"""rouge-score results kept on disk, so the runs of a sweep and resumed runs never score a pair twice.

ROUGE-L and ROUGE-Lsum are rouge-score's pure-Python LCS, the cost of evaluating. Runs of a sweep
(other processes under the joblib or SLURM launchers, or later invocations) score the same
references against summaries they have often already scored: every seed of a deterministic
method, settings that leave the selection alone, a rerun after a crash, ``mds evaluate`` over
finished runs. This cache is an SQLite file (safe for several processes at once) holding
rouge-score's own numbers for each (summary, reference) pair, keyed by a SHA-256 of both texts,
the metrics, stemming, and the versions of rouge-score and NLTK (whose Porter stemmer it uses):
a new version or option is a different key, so a stale number can never be read back. Floats are
stored as JSON, which round-trips every float exactly.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from summarizer.evaluation.scores import Score

FORMAT = "mds-rouge-cache/1"
"""Changes whenever what a key covers or how a value is written changes."""

_BATCH = 500  # keys per SELECT (under SQLite's bound-parameter limit)


@lru_cache(maxsize=1)
def engine_versions() -> tuple[str, str]:
    """rouge-score's and NLTK's versions: either changing may change a number."""
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for dist in ("rouge-score", "nltk"):
        try:
            out.append(version(dist))
        except PackageNotFoundError:
            out.append("?")
    return out[0], out[1]


def pair_key(peer: str, reference: str, metrics: Sequence[str], stemming: bool) -> str:
    """The cache key of one scored pair: every input of the rouge-score call, and its versions."""
    payload = [FORMAT, *engine_versions(), "DefaultTokenizer", "split_summaries=False", list(metrics),
               bool(stemming), peer, reference]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


class RougeCache:
    """An SQLite file of ``key -> {metric: (precision, recall, fmeasure)}``; a bad file is a ValueError."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=60)
            with self._db:
                self._db.execute("CREATE TABLE IF NOT EXISTS scores (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        except (OSError, sqlite3.Error) as e:
            raise ValueError(f"ROUGE cache {self.path}: {e}") from None

    def get_many(self, keys: Iterable[str]) -> dict[str, dict[str, Score]]:
        """The cached entries among ``keys`` (missing keys are absent)."""
        keys = list(dict.fromkeys(keys))
        out: dict[str, dict[str, Score]] = {}
        try:
            for i in range(0, len(keys), _BATCH):
                chunk = keys[i:i + _BATCH]
                rows = self._db.execute(f"SELECT key, value FROM scores WHERE key IN ({','.join('?' * len(chunk))})",
                                        chunk).fetchall()
                for key, value in rows:
                    out[key] = {m: Score(*v) for m, v in json.loads(value).items()}
        except (sqlite3.Error, ValueError, TypeError) as e:
            raise ValueError(f"ROUGE cache {self.path}: {e}") from None
        return out

    def put_many(self, entries: Mapping[str, Mapping[str, Score]]) -> None:
        """Store new entries in one transaction (an entry another process wrote first is kept)."""
        rows = [(k, json.dumps({m: list(s) for m, s in v.items()})) for k, v in entries.items()]
        try:
            with self._db:
                self._db.executemany("INSERT OR IGNORE INTO scores (key, value) VALUES (?, ?)", rows)
        except sqlite3.Error as e:
            raise ValueError(f"ROUGE cache {self.path}: {e}") from None

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM scores").fetchone()[0]

    def close(self) -> None:
        self._db.close()
