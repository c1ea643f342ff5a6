"""The shared preparation: its steps, its values, and that every path goes through it."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import Budget, Cluster, Document, make_cluster
from summarizer.methods.textrank import TextRank
from summarizer.pipeline import (PipelineConfig, PipelineWarning, cut_document, drop_duplicates, prepare,
                                 prepare_texts)

STORY = ("Heavy rain flooded the harbour town on Monday. The river rose three metres overnight. "
         "Rescue teams moved two hundred residents to the school.")


def test_duplicates_are_dropped_and_the_survivor_names_the_copies() -> None:
    docs = [Document("a", STORY, source="Wire"), Document("b", "  " + STORY.upper() + "\n", source="Courier"),
            Document("c", "Another story about the ferry strike entirely."),
            Document("d", STORY, source=None)]
    kept, dropped = drop_duplicates(docs)
    assert dropped == 2 and [d.id for d in kept] == ["a", "c"]
    assert kept[0].duplicates == ("b", "d") and kept[0].duplicate_sources == ("Courier",)


def test_copies_that_differ_only_in_page_noise_are_dropped_after_cleaning() -> None:
    noisy = STORY.replace(" The river", "\nAdvertisement\nThe river")
    cluster = Cluster("c", (Document("a", STORY.replace(". ", ".\n")), Document("b", noisy.replace(". ", ".\n"))))
    assert len(prepare(cluster).documents) == 1
    assert len(prepare(cluster, PipelineConfig(clean=False)).documents) == 2


def test_copies_are_tidied_once_but_each_with_its_own_title() -> None:
    from summarizer.pipeline import prepare_documents

    text = "Harbour floods\n" + STORY.replace(". ", ".\n")
    docs = [Document("a", text, title="Harbour floods"), Document("b", text), Document("c", text, title="Harbour floods")]
    tidied = prepare_documents(docs, PipelineConfig(dedupe=False))
    assert [d.id for d in tidied] == ["a", "b", "c"]
    assert tidied[0].text == tidied[2].text == STORY.replace(". ", ".\n")  # the title line repeated the title
    assert tidied[1].text == text


def test_duplicates_survive_a_json_round_trip() -> None:
    doc = Document("a", STORY, duplicates=("b",), duplicate_sources=("Courier",))
    assert Document.from_dict(doc.to_dict()) == doc


def test_long_documents_are_cut_at_a_line_with_a_warning() -> None:
    doc = Document("long", "First line here.\n" + "word " * 100)
    with pytest.warns(PipelineWarning, match="only the first 16"):
        assert cut_document(doc, 30).text == "First line here."
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cut_document(doc, 0) is doc


def test_a_cluster_is_a_value_and_prepare_is_idempotent() -> None:
    raw = make_cluster([STORY, "The mayor thanked the volunteers. Schools stay closed until Friday."], "x")
    assert raw.sentences is None and raw.space is None and not raw.prepared
    ready = prepare(raw)
    assert ready.prepared and prepare(ready) is ready
    assert ready == prepare(raw)  # equal values: the space is derived, not part of equality
    assert [(s.doc, s.position) for s in ready.sentences][:3] == [(0, 0), (0, 1), (0, 2)]
    assert ready.space.sentences == ready.sentences


def test_texts_only_preparation_matches_the_full_one() -> None:
    raw = Cluster("x", (Document("a", STORY), Document("b", STORY)), references=("Ref one.",))
    assert prepare_texts(raw).documents == prepare(raw).documents
    assert prepare_texts(raw).references == prepare(raw).references


def test_a_raw_and_a_prepared_cluster_give_the_same_summary() -> None:
    raw = make_cluster([STORY, "The mayor thanked the volunteers who filled sandbags. Schools stay closed until Friday."])
    budget = Budget(20, "words")
    assert TextRank().summarize(raw, budget) == TextRank().summarize(prepare(raw), budget)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from([STORY, STORY.lower(), "Short one.", "", "Other text. More."]), max_size=6))
def test_dedupe_keeps_first_copies_in_order(texts: list[str]) -> None:
    docs = [Document(str(i), t) for i, t in enumerate(texts)]
    kept, dropped = drop_duplicates(docs)
    assert len(kept) + dropped == len(docs)
    assert len({" ".join(d.text.split()).casefold() for d in kept}) == len(kept)
    assert [int(d.id) for d in kept] == sorted(int(d.id) for d in kept)


def test_cluster_module_imports_no_step() -> None:
    """Values, then steps: the data model imports neither splitting nor vectors nor selection (a type
    name under ``TYPE_CHECKING`` aside), so no cycle runs through it."""
    import ast
    from pathlib import Path

    import summarizer.cluster

    tree = ast.parse(Path(summarizer.cluster.__file__).read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and ast.unparse(node.test) == "TYPE_CHECKING" for n in ast.walk(node)}
    imported = [node.module for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and id(node) not in typing_only]
    assert not [m for m in imported if m and m.startswith("summarizer")]


def test_semantic_model_reaches_the_space_and_picks_the_encoder(monkeypatch):
    """pipeline.semantic_model: null embeds with WordLlama, a name goes to sentence-transformers."""
    import numpy as np

    import summarizer.embeddings as encoders
    import summarizer.semantic as wordllama

    calls = []
    monkeypatch.setattr(encoders, "embed", lambda texts, model: calls.append(("st", model)) or np.ones((len(texts), 3)))
    monkeypatch.setattr(wordllama, "embed", lambda texts: calls.append(("wl", None)) or np.ones((len(texts), 2)))
    docs = ["The river flooded the town on Monday. Hundreds of people left their homes."]
    default = prepare(make_cluster(docs))
    chosen = prepare(make_cluster(docs), PipelineConfig(semantic_model="some/model"))
    assert default.space.semantic_model is None and chosen.space.semantic_model == "some/model"
    assert default.space.semantic.shape == (2, 2) and chosen.space.semantic.shape == (2, 3)
    assert calls == [("wl", None), ("st", "some/model")]
