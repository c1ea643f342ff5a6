"""One text pass per cluster: each sentence tokenised once, each word type stemmed once.

Every lexical matrix of the pipeline (plain and stemmed TF-IDF for scoring, selection and
citations; term counts for the overlap and BM25 graphs) is derived from the one ``Terms`` value
of a cluster, with scipy sparse arithmetic: no second vectoriser pass over the text. The words
and the weighting are exactly those of scikit-learn's ``TfidfVectorizer`` as the project
configured it (token pattern ``\\b\\w\\w+\\b`` on lowercased text, its English stop words,
smoothed IDF, optional sublinear tf, L2-normalised rows, alphabetical columns);
``tests/test_terms.py`` checks the matrices against scikit-learn's. scikit-learn itself is not
imported here: it costs close to a second of every cold ``mds brief``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Sequence

import numpy as np
import scipy.sparse as sp

from summarizer.stopwords import ENGLISH_STOP_WORDS

TOKEN_PATTERN = r"(?u)\b\w\w+\b"
_FIND_TOKENS = re.compile(r"\w\w+").findall
"""TOKEN_PATTERN's tokens, a third faster: a greedy run of two or more word characters always starts
and ends at a word boundary, so the two ``\b`` never reject a match (``tests/test_terms.py``)."""


def stop_word_set(stop_words: str | None) -> frozenset[str]:
    """``"english"`` -> scikit-learn's English list, None -> no stop words."""
    if stop_words is None:
        return frozenset()
    if stop_words != "english":
        raise ValueError(f"stop_words must be 'english' or None, not {stop_words!r}")
    return ENGLISH_STOP_WORDS


@dataclass(frozen=True, eq=False)
class Terms:
    """Sentence x word-type counts of some texts (columns in alphabetical order) and the stems.

    ``counts`` holds float64 counts of the words left after stop-word removal; ``stemmed_counts``
    merges the columns of words with the same Snowball stem ("flooded", "floods"), each word type
    stemmed once for the whole cluster.
    """

    counts: sp.csr_matrix
    words: tuple[str, ...]

    @cached_property
    def _stems(self) -> tuple[tuple[str, ...], np.ndarray]:
        import Stemmer  # PyStemmer: C, imports in milliseconds (NLTK's stemmers take a second)

        # No cache (maxCacheSize 0): each word type comes once, and PyStemmer's cache bookkeeping
        # cost more than the stemming itself (about 2.5x on a news cluster).
        stemmed = Stemmer.Stemmer("english", 0).stemWords(list(self.words))
        stems = sorted(set(stemmed))
        column = {s: i for i, s in enumerate(stems)}
        return tuple(stems), np.fromiter((column[s] for s in stemmed), dtype=np.int32, count=len(stemmed))

    @property
    def stems(self) -> tuple[str, ...]:
        """The distinct stems, alphabetical: the columns of ``stemmed_counts``."""
        return self._stems[0]

    @cached_property
    def stemmed_counts(self) -> sp.csr_matrix:
        """Sentence x stem counts, summed over the word types of each stem."""
        if not self.words:
            return self.counts
        counts = self.counts
        merged = sp.csr_matrix((counts.data.copy(), self._stems[1][counts.indices], counts.indptr.copy()),
                               shape=(counts.shape[0], len(self.stems)))
        merged.sum_duplicates()
        return merged

    def matrix(self, stem: bool) -> sp.csr_matrix:
        """Counts over stems or over words."""
        return self.stemmed_counts if stem else self.counts


def content_words(text: str, stops: frozenset[str] = ENGLISH_STOP_WORDS) -> list[str]:
    """The words of a text that ``count_terms`` counts: lowercased, two characters or more, not in ``stops``."""
    return [w for w in _FIND_TOKENS(text.lower()) if w not in stops]


def count_terms(texts: Sequence[str], stop_words: str | None = "english") -> Terms:
    """Tokenise each text once: lowercased words of two or more characters, stop words removed.

    No word at all (only stop words or punctuation) gives one all-zero column, so downstream
    products keep their shape.
    """
    stops = stop_word_set(stop_words)
    ids: defaultdict[str, int] = defaultdict()
    ids.default_factory = ids.__len__  # a new word gets the next column: the loop stays in C
    column_of = ids.__getitem__
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        indices.extend(map(column_of, content_words(text, stops)))
        indptr.append(len(indices))
    n = len(indptr) - 1
    if not ids:
        return Terms(sp.csr_matrix((n, 1), dtype=np.float64), ())
    words = sorted(ids)
    column = np.empty(len(words), dtype=np.int32)
    column[np.fromiter((ids[w] for w in words), dtype=np.int64, count=len(words))] = np.arange(len(words))
    counts = sp.csr_matrix((np.ones(len(indices)), column[np.asarray(indices, dtype=np.int64)],
                            np.asarray(indptr, dtype=np.int64)), shape=(n, len(words)))
    counts.sum_duplicates()
    return Terms(counts, tuple(words))


def tfidf_weights(counts: sp.csr_matrix, sublinear_tf: bool = True, dtype=np.float32) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows of a count matrix, IDF over its own rows.

    scikit-learn's ``TfidfTransformer`` defaults: ``idf = ln((1 + n) / (1 + df)) + 1``;
    ``sublinear_tf`` replaces a count c by ``1 + ln c``.
    """
    counts = sp.csr_matrix(counts)
    n = counts.shape[0]
    data = counts.data.astype(dtype, copy=True)
    if sublinear_tf:
        np.log(data, out=data)
        data += 1
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(dtype)
    idf = (np.log((1 + n) / (1 + df)) + 1).astype(dtype)
    data *= idf[counts.indices]
    rows = np.repeat(np.arange(n), np.diff(counts.indptr))
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=n)).astype(dtype)
    data /= norms[rows]  # a row with entries has a positive norm
    return sp.csr_matrix((data, counts.indices.copy(), counts.indptr.copy()), shape=counts.shape)
