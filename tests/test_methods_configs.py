"""Every extractive method config in conf/method instantiates with Hydra and respects the budget."""

import pytest
from _method_fixtures import flood_cluster

from summarizer.budget import Budget

EXTRACTIVE = ["lead", "random", "oracle", "textrank", "lexrank", "centroid", "submodular", "ilp", "supervised", "dpp"]


@pytest.mark.parametrize("name", EXTRACTIVE)
def test_config_instantiates_and_summarizes(name):
    from hydra import compose, initialize_config_module
    from hydra.utils import instantiate

    with initialize_config_module("conf", version_base="1.3"):
        cfg = compose(config_name=f"method/{name}")
    method = instantiate(cfg.method, _convert_="all")
    assert method.name == name
    for budget in (Budget(25, "words"), Budget(2, "sentences"), Budget(150, "bytes")):
        s = method.summarize(flood_cluster(), budget)
        assert s.method == name and s.sentences
        lines = s.lines
        size = {"words": sum(len(t.split()) for t in lines), "sentences": len(lines),
                "bytes": sum(len(t.encode()) for t in lines)}[budget.unit]
        assert size <= budget.limit
