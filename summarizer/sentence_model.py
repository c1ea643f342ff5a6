"""A learned sentence scorer as plain JSON: standardisation and linear coefficients, nothing executable.

Fitted with scikit-learn (``StandardScaler`` + ``Ridge``) on sentences of clusters with references,
then stored as numbers, with the feature list, its version and the feature settings, so a model
file can be read safely (no pickle), diffed, and refused when the features it was fitted on are
not the ones this code computes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from summarizer.cluster import Cluster
from summarizer.sentence_features import FEATURES, FEATURES_VERSION, sentence_features, sentence_targets

DEFAULT_MODEL = Path(__file__).parent / "models" / "sentence_scorer.json"
FORMAT = "mds-brief/sentence-scorer"


class ModelFileError(ValueError):
    """A sentence-scorer file that is missing, unreadable or fitted on other features."""


@dataclass(frozen=True)
class SentenceModel:
    """``score = intercept + coef . (features - mean) / scale``."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    min_df: int = 3
    features: tuple[str, ...] = FEATURES
    features_version: int = FEATURES_VERSION
    meta: dict[str, Any] = field(default_factory=dict)

    def features_of(self, cluster: Cluster) -> np.ndarray:
        return sentence_features(cluster.space, self.min_df)

    def predict(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        if x.shape[0] == 0:
            return np.zeros(0)
        return self.intercept + ((x - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.coef)

    def score(self, cluster: Cluster) -> np.ndarray:
        return self.predict(self.features_of(cluster))

    def to_json(self) -> str:
        data = asdict(self)
        data = {"format": FORMAT, **data, "features": list(self.features)}
        return json.dumps(data, indent=1)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "SentenceModel":
        """The model at ``path`` (the packaged default when None)."""
        path = Path(path) if path is not None else DEFAULT_MODEL
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ModelFileError(f"sentence scorer {path} not found; train one with "
                                 "`mds train method=supervised train_file=DATA.jsonl`") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelFileError(f"sentence scorer {path} is not a readable JSON file ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelFileError(f"{path} is not a {FORMAT} file")
        if tuple(data.get("features", ())) != FEATURES or data.get("features_version") != FEATURES_VERSION:
            raise ModelFileError(f"{path} was fitted on features v{data.get('features_version')} "
                                 f"{data.get('features')}; this version computes v{FEATURES_VERSION}: retrain it")
        try:
            model = cls(mean=tuple(map(float, data["mean"])), scale=tuple(map(float, data["scale"])),
                        coef=tuple(map(float, data["coef"])), intercept=float(data["intercept"]),
                        min_df=int(data.get("min_df", 3)), meta=dict(data.get("meta", {})))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelFileError(f"{path}: malformed coefficients ({exc})") from None
        if not (len(model.mean) == len(model.scale) == len(model.coef) == len(FEATURES)):
            raise ModelFileError(f"{path}: expected {len(FEATURES)} coefficients")
        return model


def training_rows(clusters: Iterable[Cluster], min_df: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, targets and the cluster index of every sentence of the clusters that have references."""
    xs, ys, groups = [], [], []
    for k, cluster in enumerate(clusters):
        if not cluster.references or not cluster.sentences:
            continue
        xs.append(sentence_features(cluster.space, min_df))
        ys.append(sentence_targets(cluster.space, list(cluster.references)))
        groups.append(np.full(len(cluster.sentences), k))
    if not xs:
        raise ValueError("no cluster with both sentences and references to learn from")
    return np.vstack(xs), np.concatenate(ys), np.concatenate(groups)


def fit(clusters: Sequence[Cluster], min_df: int = 3, alpha: float = 1.0,
        meta: dict[str, Any] | None = None) -> SentenceModel:
    """Ridge regression of the sentence targets on the standardised features (scikit-learn)."""
    x, y, _ = training_rows(clusters, min_df)
    return fit_rows(x, y, min_df, alpha, meta)


def fit_rows(x: np.ndarray, y: np.ndarray, min_df: int = 3, alpha: float = 1.0,
             meta: dict[str, Any] | None = None) -> SentenceModel:
    """``fit`` on precomputed ``training_rows`` (cross-validation reuses them across folds)."""
    from sklearn.linear_model import Ridge
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    ridge = Ridge(alpha=alpha).fit((x - scaler.mean_) / scale, y)
    info = {"n_sentences": int(len(y)), "alpha": alpha, "target": "mean over references of "
            "(content-word precision + bigram precision) / 2", **(meta or {})}
    return SentenceModel(mean=tuple(map(float, scaler.mean_)), scale=tuple(map(float, scale)),
                         coef=tuple(map(float, ridge.coef_)), intercept=float(ridge.intercept_),
                         min_df=min_df, meta=info)
