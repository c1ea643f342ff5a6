"""Citations for generated text: each output sentence linked to the source sentences behind it.

Abstractive models paraphrase and sometimes invent. Linking every generated sentence to its best
supporting source sentences (lexical similarity against the cluster) lets briefings cite abstractive
output like extractive output, and flag the sentences nothing in the sources supports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

import numpy as np

from summarizer.cluster import Sentence
from summarizer.features import SentenceSpace
from summarizer.summary import SummarySentence


@dataclass(frozen=True)
class Provenance:
    """How generated sentences are matched to sources.

    method: "tfidf" = cosine of TF-IDF vectors (IDF from the cluster's sentences, stop words out);
        "overlap" = share of the generated sentence's unigrams and bigrams found in the source
        sentence (ROUGE-style precision: how much of the claim the source covers).
    top_k: at most this many sources per sentence, best first.
    threshold: sources below this similarity are not support; a sentence with none is unsupported.
    """

    method: Literal["tfidf", "overlap"] = "tfidf"
    top_k: int = 2
    threshold: float = 0.2

    def __post_init__(self) -> None:
        if self.method not in ("tfidf", "overlap"):
            raise ValueError(f"provenance method must be 'tfidf' or 'overlap', not {self.method!r}")
        if self.top_k < 1:
            raise ValueError(f"provenance top_k must be at least 1, not {self.top_k}")

    def similarity(self, generated: Sequence[str], space: SentenceSpace) -> np.ndarray:
        """A (generated x source) matrix of similarities in [0, 1]."""
        sources = space.texts
        if not generated or not sources:
            return np.zeros((len(generated), len(sources)))
        if self.method == "tfidf":
            return _tfidf_similarity(generated, sources)
        return _overlap_similarity(generated, sources)

    def link(self, generated: Sequence[str], space: SentenceSpace) -> tuple[SummarySentence, ...]:
        """SummarySentences with ``sources``/``support`` filled; ``score`` is the best support."""
        sims = self.similarity(generated, space)
        sentences: tuple[Sentence, ...] = space.sentences
        out = []
        for g, text in enumerate(generated):
            row = sims[g] if sims.size else np.zeros(0)
            order = np.lexsort((np.arange(len(row)), -row))[: self.top_k] if len(row) else []
            picked = [int(j) for j in order if row[j] >= self.threshold and row[j] > 0]
            out.append(SummarySentence(text=text, sources=tuple(sentences[j] for j in picked),
                                       score=float(row.max()) if len(row) else 0.0,
                                       support=tuple(round(float(row[j]), 4) for j in picked)))
        return tuple(out)


def _tfidf_similarity(generated: Sequence[str], sources: Sequence[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from summarizer.similarity import TOKEN_PATTERN

    vectorizer = TfidfVectorizer(lowercase=True, stop_words="english", sublinear_tf=True,
                                 token_pattern=TOKEN_PATTERN, dtype=np.float64)
    try:
        src = vectorizer.fit_transform(sources)
    except ValueError:  # only stop words in the sources
        return np.zeros((len(generated), len(sources)))
    gen = vectorizer.transform(generated)
    return np.asarray((gen @ src.T).toarray())


def _overlap_similarity(generated: Sequence[str], sources: Sequence[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import CountVectorizer

    from summarizer.similarity import TOKEN_PATTERN

    vectorizer = CountVectorizer(lowercase=True, binary=True, ngram_range=(1, 2), token_pattern=TOKEN_PATTERN)
    try:
        vectorizer.fit(list(sources) + list(generated))
    except ValueError:
        return np.zeros((len(generated), len(sources)))
    gen = vectorizer.transform(generated)
    src = vectorizer.transform(sources)
    shared = np.asarray((gen @ src.T).toarray(), dtype=np.float64)
    sizes = np.asarray(gen.sum(axis=1), dtype=np.float64)
    return np.divide(shared, sizes, out=np.zeros_like(shared), where=sizes > 0)
