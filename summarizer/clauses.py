"""Clauses of a point: a news sentence bundles facts, and a citation should see each one.

"Three tanker crew members died when the two ships collided on Tuesday" states the deaths and the
collision. A whole-sentence similarity may miss an article that reports only the collision, yet
that article states one of the point's facts and should be cited. Splitting the point at clause
boundaries (semicolons, dashes, a conjunction after a comma, and subordinating words such as
"when", "after", "while") gives pieces that can each match such a sentence. Clauses too short to
state a fact ("she said", "according to the coastguard") are dropped, so an attribution never
matches another attribution.

Only the points are split: a point's clauses are compared with the cluster's whole sentences
(``clause_vectors``), which costs one embedding call for the few clauses of a briefing's points,
not a second pass over the cluster. A clause's TF-IDF row is its sentence's row restricted to the
clause's words (the same vocabulary and IDF), renormalised.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

import numpy as np

from summarizer.terms import content_words  # the words TF-IDF counts

if TYPE_CHECKING:
    import scipy.sparse as sp

    from summarizer.features import SentenceSpace

MIN_CONTENT_WORDS = 3
"""A clause with fewer content words (not stop words) is no piece: attributions and fragments."""

_BOUNDARY = re.compile(
    r"(\s*(?:;|:\s|\s[-\u2013\u2014]\s"
    r"|,\s*(?:and|but|while|whereas|which|who|where|when|after|before|as|because|since|although|prompting|leaving)\b"
    r"|\s(?:and|but|while|whereas|when|after|before|because|although)\s"
    r"|(?<=[\"\u201d])\s|,\s(?=[\"\u201c]\w))\s*)",
    re.IGNORECASE)
"""Clause boundaries, captured so that a side too short to be a clause can be joined back: also
around a quotation, so that its attribution is a part of its own."""

_ATTRIBUTION = re.compile(r"\b(?:said|says|say|told|tells|added|adds|stated|declared|according to)\b", re.IGNORECASE)
_TRAILING_ATTRIBUTION = re.compile(
    r",\s*(?:according to [^,\"\u201c\u201d]+|(?:[\w'-]+\s+){0,4}(?:said|says|added|estimated?|confirmed|admitted|reported)"
    r"(?:\s+(?:on\s+)?\w+)?)\s*[.!?]?\s*$", re.IGNORECASE)
"""", officials said." or ", according to the coastguard." at the end of a sentence: who says it, no fact."""
_QUOTES = re.compile(r"[\"\u201c\u201d]")
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")



def split_clauses(text: str, min_words: int = MIN_CONTENT_WORDS) -> list[str]:
    """The clauses of a sentence, each long enough to state a fact; [] when there are fewer than
    two (the sentence is then one piece). A side too short to be a clause joins the next one (the
    subject of the next clause: "the Meridian Star and the Santa Lucia collided", "a tanker and a
    ferry collided" stay whole), or the previous one at the end of the sentence."""
    text = _TRAILING_ATTRIBUTION.sub("", text)
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    parts: list[str] = []  # clause, boundary, clause, ..., clause; a quotation is not split
    start = 0
    for m in _BOUNDARY.finditer(text):
        if not any(a < m.start() and m.end() < b for a, b in quoted):
            parts += [text[start:m.start()], m.group()]
            start = m.end()
    parts.append(text[start:])
    clauses: list[str] = []
    carry = ""
    for k in range(0, len(parts), 2):
        piece = carry + parts[k]
        carry = ""
        if len(content_words(piece)) >= min_words:
            clauses.append(piece)
        elif k + 1 < len(parts):
            carry = piece + parts[k + 1]
        elif clauses:
            clauses[-1] += parts[k - 1] + piece
    if _QUOTES.search(text):  # "...," the minister said after talks with X: who spoke, not a fact of the point
        kept, attributing = [], False
        for c in clauses:
            if _QUOTES.search(c):
                kept.append(c)
                attributing = False
            elif attributing or _ATTRIBUTION.search(c):  # the attribution runs to the next quotation
                attributing = True
            else:
                kept.append(c)
        clauses = kept
    clauses = [c.strip(" ,.;:") for c in clauses]
    return clauses if len(clauses) >= 2 else []


def clause_vectors(space: "SentenceSpace", rows: Sequence[int], semantic: bool
                   ) -> tuple[list[int], "sp.csr_matrix", np.ndarray | None]:
    """The clauses of the given sentences: which sentence each comes from, their TF-IDF rows (the
    sentence's row kept on the clause's words, renormalised) and, if ``semantic``, their embeddings
    (the space's model, one call for all of them)."""
    import scipy.sparse as sp

    texts = space.texts
    owner: list[int] = []
    clauses: list[str] = []
    for r in rows:
        parts = split_clauses(texts[r])
        clauses += parts
        owner += [r] * len(parts)
    tfidf = space.tfidf
    if not clauses:
        return [], sp.csr_matrix((0, tfidf.shape[1]), dtype=tfidf.dtype), None
    column = {w: i for i, w in enumerate(space.terms.words)}
    keep = [sorted({column[w] for w in content_words(c) if w in column}) for c in clauses]
    mask = sp.csr_matrix((np.ones(sum(map(len, keep)), dtype=tfidf.dtype), np.concatenate([np.asarray(k, dtype=np.int64) for k in keep]),
                          np.r_[0, np.cumsum([len(k) for k in keep])]), shape=(len(clauses), tfidf.shape[1]))
    lexical = sp.csr_matrix(tfidf[owner].multiply(mask))
    norms = np.sqrt(np.asarray(lexical.multiply(lexical).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    lexical = sp.csr_matrix(sp.diags((1.0 / norms).astype(tfidf.dtype)) @ lexical, dtype=tfidf.dtype)
    return owner, lexical, space.embed(clauses) if semantic else None


__all__ = ["split_clauses", "clause_vectors", "MIN_CONTENT_WORDS"]
