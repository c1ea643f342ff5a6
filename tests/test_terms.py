"""The one text pass (summarizer.terms) against scikit-learn's vectorisers, which it must equal."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.pipeline import prepare
from summarizer.cluster import make_cluster
from summarizer.stopwords import ENGLISH_STOP_WORDS
from summarizer.terms import TOKEN_PATTERN, count_terms, tfidf_weights

TEXTS = [
    "The river flooded the old mill town after three days of rain.",
    "Rain kept falling on the mill town as the river rose; floods followed.",
    "Engineers opened the dam gates upstream of the town.",
    "",
    "the of and !!",
    "Élan vital: naïve café owners said 2024 was a flooding year, 2024!",
]

sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")


def sklearn_tfidf(texts, stem: bool, sublinear: bool = True):
    from summarizer.lexical import stemming_analyzer

    if stem:
        v = sklearn_text.TfidfVectorizer(analyzer=stemming_analyzer("english"), sublinear_tf=sublinear,
                                         dtype=np.float32)
    else:
        v = sklearn_text.TfidfVectorizer(lowercase=True, stop_words="english", token_pattern=TOKEN_PATTERN,
                                         sublinear_tf=sublinear, dtype=np.float32)
    return v.fit_transform(texts).tocsr(), v.get_feature_names_out().tolist()


def test_stop_words_are_scikit_learns():
    assert ENGLISH_STOP_WORDS == sklearn_text.ENGLISH_STOP_WORDS


@pytest.mark.parametrize("stem", [False, True])
@pytest.mark.parametrize("sublinear", [False, True])
def test_tfidf_equals_scikit_learn(stem, sublinear):
    terms = count_terms(TEXTS)
    ours = tfidf_weights(terms.matrix(stem), sublinear_tf=sublinear)
    theirs, names = sklearn_tfidf(TEXTS, stem, sublinear)
    assert list(terms.stems if stem else terms.words) == names
    assert ours.shape == theirs.shape and ours.dtype == np.float32
    np.testing.assert_allclose(ours.toarray(), theirs.toarray(), rtol=1e-6, atol=1e-7)


def test_counts_equal_count_vectorizer_and_stems_merge_word_columns():
    terms = count_terms(TEXTS)
    terms.stemmed_counts  # derived from the word counts, which it must leave intact
    cv = sklearn_text.CountVectorizer(lowercase=True, stop_words="english", token_pattern=TOKEN_PATTERN)
    np.testing.assert_array_equal(terms.counts.toarray(), cv.fit_transform(TEXTS).toarray())
    # stems are sums of word columns: "flooded", "floods", "flooding" -> "flood"
    col = terms.stems.index("flood")
    words = [terms.words.index(w) for w in ("flooded", "floods", "flooding")]
    np.testing.assert_array_equal(terms.stemmed_counts[:, col].toarray().ravel(),
                                  terms.counts[:, words].sum(axis=1).A.ravel())


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="ab cdeé.!THE the of", max_size=40), min_size=1, max_size=8))
def test_property_matches_scikit_learn_or_is_empty(texts):
    ours = tfidf_weights(count_terms(texts).counts)
    try:
        theirs, _ = sklearn_tfidf(texts, stem=False)
    except ValueError:  # scikit-learn refuses an empty vocabulary; we give one zero column
        assert ours.shape == (len(texts), 1) and ours.nnz == 0
        return
    np.testing.assert_allclose(ours.toarray(), theirs.toarray(), rtol=1e-6, atol=1e-7)


def test_empty_vocabulary_and_no_texts():
    assert count_terms([]).counts.shape == (0, 1)
    terms = count_terms(["the of", "!!"])
    assert terms.counts.shape == (2, 1) and terms.stemmed_counts.nnz == 0
    assert tfidf_weights(terms.counts).nnz == 0


def test_space_derives_every_matrix_from_one_pass(monkeypatch):
    cluster = prepare(make_cluster(["The river flooded the town. Floods closed the road.", "The dam held."]))
    space = cluster.space
    calls = []
    import summarizer.terms as terms_module

    real = terms_module.count_terms
    monkeypatch.setattr(terms_module, "count_terms", lambda *a, **k: calls.append(1) or real(*a, **k))
    plain, stemmed, counts = space.tfidf, space.stemmed_tfidf, space.counts(stem=True)
    assert len(calls) == 1
    assert sp.issparse(plain) and stemmed.shape[1] < plain.shape[1] and counts.shape == stemmed.shape


def test_extractive_path_imports_no_scikit_learn(tmp_path):
    code = ("import sys\nfrom summarizer.cluster import make_cluster\nfrom summarizer.budget import Budget\n"
            "from summarizer.methods.textrank import TextRank\n"
            "c = make_cluster(['The river flooded the town. Floods closed the road.', 'The dam held. It rained.'])\n"
            "from summarizer.pipeline import prepare\n"
            "TextRank().summarize(c, Budget(20, 'words'))\nprepare(c).space.tfidf\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z9_-'.\u00e9\u0301\u03a3\u4e2d\u0660\u00a0\n\u200b")), max_size=40))
def test_the_token_finder_gives_the_token_pattern_s_tokens(text: str) -> None:
    import re

    from summarizer.terms import _FIND_TOKENS

    assert _FIND_TOKENS(text) == re.findall(TOKEN_PATTERN, text)
