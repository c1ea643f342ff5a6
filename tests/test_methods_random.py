"""Random baseline: seeded, reproducible, and different for another seed."""

from _method_fixtures import empty_cluster, flood_cluster

from summarizer.budget import Budget
from summarizer.methods.random import Random


def test_same_seed_same_summary_other_seed_differs():
    c = flood_cluster()
    a = Random(seed=1).summarize(c, Budget(3, "sentences"))
    assert a.lines == Random(seed=1).summarize(flood_cluster(), Budget(3, "sentences")).lines
    others = {tuple(Random(seed=s).summarize(c, Budget(3, "sentences")).lines) for s in range(2, 8)}
    assert len(others | {tuple(a.lines)}) > 1


def test_draw_depends_on_cluster_id_not_on_call_order():
    from summarizer.cluster import make_cluster
    from _method_fixtures import FLOOD

    r = Random(seed=0)
    first = r.summarize(make_cluster(FLOOD, "x"), Budget(2, "sentences")).lines
    r.summarize(make_cluster(FLOOD, "y"), Budget(2, "sentences"))
    assert r.summarize(make_cluster(FLOOD, "x"), Budget(2, "sentences")).lines == first


def test_empty_cluster():
    assert Random().summarize(empty_cluster(), Budget(5)).sentences == ()
