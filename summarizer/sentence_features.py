"""Per-sentence features for learned sentence scoring (in the style of RegSum, Hong & Nenkova 2014).

What makes a news sentence summary-worthy, as the genre's literature measures it: where it sits in
its article (leads state the event), its length, how central it is to the cluster, how much of the
cluster's repeated content (bigram concepts, Gillick & Favre) it holds, and how important its words
are (document frequency across the articles, cluster probability as in SumBasic). Every feature is
a vectorised pass over sparse matrices, so 100k sentences cost seconds. ``FEATURES`` names the
columns in order; a trained model stores that list and is refused if it does not match.
"""

from __future__ import annotations

import re

import numpy as np
import scipy.sparse as sp

from summarizer.concepts import cluster_concepts
from summarizer.features import SentenceSpace

FEATURES: tuple[str, ...] = (
    "inverse_position",      # 1 / (1 + position in document)
    "relative_position",     # position / sentences in document
    "first_sentence",        # 1 for a document's first sentence
    "log_length",            # log(1 + words)
    "centroid_cosine",       # stemmed TF-IDF cosine to the cluster centroid
    "concept_weight",        # log(1 + summed weight of the sentence's bigram concepts / documents)
    "concept_density",       # summed concept weight per word / documents
    "word_df_mean",          # mean share of documents containing each content word
    "word_df_max",           # highest such share
    "word_prob_mean",        # mean cluster probability of the content words (SumBasic)
    "quote",                 # holds a quotation mark: quotes make poor summary sentences
    "pronoun_start",         # starts with a pronoun: needs context it will not have
)
FEATURES_VERSION = 1

_PRONOUN = re.compile(r"^\W*(he|she|it|they|this|that|these|those|his|her|its|their|we|i)\b", re.IGNORECASE)


def sentence_features(space: SentenceSpace, min_df: int = 3) -> np.ndarray:
    """An (n sentences x len(FEATURES)) float matrix, columns in ``FEATURES`` order."""

    sentences = space.sentences
    n = len(sentences)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    docs = np.fromiter((s.doc for s in sentences), dtype=np.int64, count=n)
    pos = np.fromiter((s.position for s in sentences), dtype=np.float64, count=n)
    words = np.fromiter((s.n_words for s in sentences), dtype=np.float64, count=n)
    n_docs = int(docs.max()) + 1
    doc_len = np.bincount(docs, minlength=n_docs).astype(np.float64)

    x = sp.csr_matrix(space.stemmed_tfidf, dtype=np.float64)
    centroid = np.asarray(x.sum(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    centrality = np.asarray(x @ (centroid / norm)).ravel() if norm > 0 else np.zeros(n)

    concepts = cluster_concepts(space, min_df=min_df)
    weight = concepts.sentence_weight() / n_docs  # document frequencies grow with the cluster

    counts = sp.csr_matrix(space.counts(stem=True))
    membership = sp.csr_matrix((np.ones(n), (docs, np.arange(n))), shape=(n_docs, n))
    df_share = np.asarray(((membership @ counts) > 0).sum(axis=0)).ravel() / n_docs
    total = counts.sum()
    prob = np.asarray(counts.sum(axis=0)).ravel() / total if total > 0 else np.zeros(counts.shape[1])
    binary = counts.copy()
    binary.data[:] = 1.0
    n_terms = np.maximum(np.asarray(binary.sum(axis=1)).ravel(), 1.0)
    df_mean = np.asarray(binary @ df_share).ravel() / n_terms
    prob_mean = np.asarray(binary @ prob).ravel() / n_terms
    df_max = np.asarray(binary.multiply(df_share[None, :]).max(axis=1).todense()).ravel()

    texts = space.texts
    quote = np.fromiter(('"' in t or "``" in t or "''" in t or "\u201c" in t for t in texts), dtype=np.float64, count=n)
    pronoun = np.fromiter((bool(_PRONOUN.match(t)) for t in texts), dtype=np.float64, count=n)
    columns = [
        1.0 / (1.0 + pos),
        pos / doc_len[docs],
        (pos == 0).astype(np.float64),
        np.log1p(words),
        centrality,
        np.log1p(weight),
        weight / np.maximum(words, 1.0),
        df_mean,
        df_max,
        prob_mean * 100.0,
        quote,
        pronoun,
    ]
    return np.column_stack(columns)


def sentence_targets(space: SentenceSpace, references: list[str]) -> np.ndarray:
    """What the scorer learns to predict: how much of a sentence the references say too.

    The mean over references of the share of the sentence's stemmed content words, and of its
    stemmed bigrams, that the reference contains (ROUGE-1/2 precision of the sentence alone,
    averaged): length-neutral, so length stays a feature, not a bias of the target.
    """
    from summarizer.lexical import stemming_analyzer

    analyze = stemming_analyzer()
    n = len(space.sentences)
    if n == 0 or not references:
        return np.zeros(n)
    sent_words = [analyze(t) for t in space.texts]
    ref_words = [analyze(r) for r in references]
    ref_uni = [set(w) for w in ref_words]
    ref_bi = [set(zip(w, w[1:])) for w in ref_words]
    out = np.zeros(n)
    for i, w in enumerate(sent_words):
        uni, bi = set(w), set(zip(w, w[1:]))
        shares = []
        for ru, rb in zip(ref_uni, ref_bi):
            u = len(uni & ru) / len(uni) if uni else 0.0
            b = len(bi & rb) / len(bi) if bi else 0.0
            shares.append(0.5 * (u + b))
        out[i] = float(np.mean(shares))
    return out
