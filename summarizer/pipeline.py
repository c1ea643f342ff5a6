"""The one preparation every command, benchmark and library call goes through.

    read -> cut -> normalise layout -> clean -> drop duplicate documents -> split -> featurise

Readers (``summarizer.readers``, ``summarizer.datasets``) give *raw* clusters; ``prepare`` returns
the *prepared* value every summarizer reads: documents tidied, ``sentences`` split and ``space``
(lazy vectors) attached. ``mds brief``, ``mds run``, ``mds evaluate``, ``mds train`` and ``bench/``
all call ``prepare`` with the same ``PipelineConfig`` (Hydra group ``pipeline``), so the ROUGE of a
run describes exactly the system whose briefings users read. A summarizer handed a raw cluster
prepares it with the default config itself, so the library and the commands agree by default.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass, replace
from typing import Iterable, Optional, Sequence

from summarizer.cluster import Cluster, Document, Sentence
from summarizer.features import SentenceSpace
from summarizer.sentences import DEFAULT_SPLITTER


class PipelineWarning(UserWarning):
    """Input that was prepared with something changed the user should know about (a cut document)."""


@dataclass(frozen=True)
class PipelineConfig:
    """Settings of the preparation steps (Hydra group ``pipeline``; ``conf/pipeline/*.yaml`` hold only changes).

    max_chars_per_document: longer documents are cut at a line (else word) boundary with a warning,
        so preparation and scoring stay linear in the input; 0 turns the cut off.
    layout: rejoin hard-wrapped lines and read paragraph markup (``summarizer.layout``), so every
        later step sees one paragraph per line; text that already flows is left unchanged.
    clean: remove web-page noise (comments, teasers, credits; ``summarizer.cleaning``).
    dedupe: drop documents whose (cleaned) text repeats an earlier one, up to case and whitespace;
        the survivor records the dropped copies' ids and sources.
    splitter: the sentence splitter (``summarizer.sentences.SPLITTERS``; chosen by measurement).
    language: the sentence splitter's language (a Punkt model name).
    semantic_model: the sentence embeddings of paraphrase-aware citations and redundancy in
        briefings: null = WordLlama, packaged, offline and without torch; otherwise a
        sentence-transformers model name or path (the ``embeddings`` extra; it loads torch), which
        tells paraphrases apart better (docs/briefings.md measures both).
    """

    max_chars_per_document: int = 200_000
    layout: bool = True
    clean: bool = True
    dedupe: bool = True
    splitter: str = DEFAULT_SPLITTER
    language: str = "english"
    semantic_model: Optional[str] = None


DEFAULT = PipelineConfig()


# --- the steps, each a function of values --------------------------------------------------------

def cut_document(doc: Document, max_chars: int) -> Document:
    """The document cut to ``max_chars`` at a line (else word) boundary; a warning says so."""
    if not max_chars or len(doc.text) <= max_chars:
        return doc
    cut = doc.text.rfind("\n", 0, max_chars)
    if cut < max_chars // 2:
        cut = doc.text.rfind(" ", 0, max_chars)
    cut = cut if cut > 0 else max_chars
    warnings.warn(f"{doc.id}: {len(doc.text)} characters, only the first {cut} are used "
                  f"(pipeline.max_chars_per_document={max_chars})", PipelineWarning, stacklevel=2)
    return replace(doc, text=doc.text[:cut])


def normalise_document(doc: Document) -> Document:
    from summarizer.layout import normalise_layout

    text = normalise_layout(doc.text)
    return doc if text == doc.text else replace(doc, text=text)


def clean_document(doc: Document) -> Document:
    """Page noise removed by the line rules (the text must already hold one paragraph per line)."""
    from summarizer.cleaning import clean_lines

    return replace(doc, text=clean_lines(doc.text, doc.title).text)


def fingerprint(text: str) -> str:
    """Texts equal up to case and whitespace count as duplicates (re-crawled copies differ in spacing)."""
    return hashlib.sha1(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()


def drop_duplicates(documents: Iterable[Document]) -> tuple[tuple[Document, ...], int]:
    """The documents without repeats of an earlier one, and how many were dropped.

    The first copy survives and lists the dropped copies (and their own earlier copies) in
    ``duplicates`` / ``duplicate_sources``, so a briefing can still name every outlet.
    """
    kept: list[Document] = []
    where: dict[str, int] = {}
    dropped = 0
    for doc in documents:
        key = fingerprint(doc.text)
        if key not in where:
            where[key] = len(kept)
            kept.append(doc)
            continue
        dropped += 1
        first = kept[where[key]]
        sources = tuple(s for s in (doc.source, *doc.duplicate_sources) if s)
        kept[where[key]] = replace(first, duplicates=first.duplicates + (doc.id, *doc.duplicates),
                                   duplicate_sources=first.duplicate_sources + sources)
    return tuple(kept), dropped


def split(documents: Sequence[Document], language: str = "english", splitter: str = DEFAULT_SPLITTER) -> tuple[Sentence, ...]:
    """Every sentence of every document, with its document index and position."""
    from summarizer.sentences import split_sentences

    return tuple(Sentence(doc=d, position=p, text=s)
                 for d, doc in enumerate(documents)
                 for p, s in enumerate(split_sentences(doc.text, language, splitter)))


def featurise(cluster: Cluster, semantic_model: str | None = None) -> Cluster:
    """The split cluster with its vector space attached (matrices computed on first use, then shared).

    The space refers back to the very cluster that holds it (``cluster.space.cluster is cluster``),
    so a method reading ``space.cluster`` sees the prepared value; the space is not part of equality.
    """
    if cluster.sentences is None:
        raise ValueError(f"cluster {cluster.id!r} must be split before it is featurised")
    ready = replace(cluster, space=None)
    object.__setattr__(ready, "space", SentenceSpace(ready, semantic_model))  # completing the value before anyone sees it
    return ready


def prepare_documents(documents: Iterable[Document], config: PipelineConfig = DEFAULT) -> tuple[Document, ...]:
    """Cut, normalise layout, clean and dedupe documents (the text steps, before splitting)."""
    docs = [cut_document(d, config.max_chars_per_document) for d in documents]
    tidied: dict[tuple[str, str | None], str] = {}  # copies of one article (wire copy) are tidied once

    def tidy(doc: Document) -> Document:
        key = (doc.text, doc.title)  # what layout and cleaning read
        if key not in tidied:
            done = normalise_document(doc) if config.layout else doc
            tidied[key] = clean_document(done).text if config.clean else done.text
        return doc if tidied[key] == doc.text else replace(doc, text=tidied[key])

    if config.layout or config.clean:
        docs = [tidy(d) for d in docs]
    if config.dedupe:
        return drop_duplicates(docs)[0]
    return tuple(docs)


def prepare_reference(text: str, config: PipelineConfig = DEFAULT) -> str:
    """A human reference summary as the evaluation reads it: its layout normalised like the documents'
    (a hard-wrapped reference would otherwise give ROUGE-Lsum line fragments); never cleaned or cut."""
    if not config.layout:
        return text
    from summarizer.layout import normalise_layout

    return normalise_layout(text)


def prepare_texts(cluster: Cluster, config: PipelineConfig = DEFAULT) -> Cluster:
    """The text steps only (documents and references), not split: what scoring a summary needs
    (``mds evaluate`` compares with the documents and references the summarizer saw)."""
    return Cluster(id=cluster.id, documents=prepare_documents(cluster.documents, config),
                   references=tuple(prepare_reference(r, config) for r in cluster.references),
                   topic=cluster.topic)


def prepare(cluster: Cluster, config: PipelineConfig = DEFAULT) -> Cluster:
    """The prepared cluster: text steps, then split and featurise. A prepared cluster is returned as is."""
    if cluster.prepared:
        return cluster
    texts = prepare_texts(cluster, config)
    return featurise(replace(texts, sentences=split(texts.documents, config.language, config.splitter)),
                     config.semantic_model)


def prepare_all(clusters: Iterable[Cluster], config: PipelineConfig = DEFAULT) -> list[Cluster]:
    return [prepare(c, config) for c in clusters]


__all__ = ["PipelineConfig", "PipelineWarning", "DEFAULT", "prepare", "prepare_all", "prepare_documents",
           "prepare_reference", "prepare_texts", "cut_document", "normalise_document", "clean_document", "drop_duplicates", "fingerprint", "split",
           "featurise"]
