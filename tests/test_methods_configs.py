"""Every method config in conf/method instantiates with Hydra, equals the Python defaults, respects the budget."""

import pytest
from _method_fixtures import flood_cluster

from experiments.configs import METHODS
from summarizer.budget import Budget

EXTRACTIVE = ["lead", "random", "oracle", "textrank", "lexrank", "centroid", "submodular", "ilp", "supervised", "dpp"]


def compose_method(name: str, *overrides: str, config: str = "config"):
    from hydra import compose, initialize_config_module
    from hydra.core.global_hydra import GlobalHydra

    from experiments.configs import register

    register()
    GlobalHydra.instance().clear()
    with initialize_config_module("conf", version_base="1.3"):
        return compose(config_name=config, overrides=[f"method={name}", *overrides])


@pytest.mark.parametrize("name", EXTRACTIVE)
def test_config_instantiates_and_summarizes(name):
    from hydra.utils import instantiate

    method = instantiate(compose_method(name).method, _convert_="all")
    assert method.name == name
    for budget in (Budget(25, "words"), Budget(2, "sentences"), Budget(150, "bytes")):
        s = method.summarize(flood_cluster(), budget)
        assert s.method == name and s.sentences
        lines = s.lines
        size = {"words": sum(len(t.split()) for t in lines), "sentences": len(lines),
                "bytes": sum(len(t.encode()) for t in lines)}[budget.unit]
        assert size <= budget.limit


@pytest.mark.parametrize("name", sorted(METHODS))
def test_python_defaults_equal_the_config(name):
    """Defaults live in the dataclasses only: ``TextRank()`` is ``method=textrank`` (selector=evaluation)."""
    from hydra.utils import get_class, instantiate

    assert instantiate(compose_method(name).method, _convert_="all") == get_class(METHODS[name])()


def test_briefing_selector_is_a_named_config_and_overrides_still_win():
    from hydra.utils import instantiate

    brief = instantiate(compose_method("textrank", config="brief").method, _convert_="all")
    assert (brief.selector.overflow, brief.selector.redundancy, brief.selector.min_words) == ("skip", 0.25, 8)
    mine = instantiate(compose_method("textrank", "method.selector.redundancy=0.6", config="brief").method,
                       _convert_="all")
    assert mine.selector.redundancy == 0.6 and mine.selector.overflow == "skip"
    lead = instantiate(compose_method("lead", "selector=briefing").method, _convert_="all")
    assert lead.selector.order == "score" and lead.selector.overflow == "skip"  # the method's own choices stay


def test_a_wrong_type_is_a_composition_error():
    from hydra.errors import ConfigCompositionException

    with pytest.raises(ConfigCompositionException):
        compose_method("textrank", "method.damping=fast")


def test_schemas_are_registered_once_per_process(monkeypatch):
    """Every command calls register() and importing ``conf`` calls it again: the second call must not
    convert every dataclass again (a tenth of a second of each ``mds brief``)."""
    from hydra.core.config_store import ConfigStore

    from experiments.configs import register

    register()
    stored = []
    monkeypatch.setattr(ConfigStore, "store", lambda self, *a, **k: stored.append(k.get("name")))
    register()
    assert stored == []
    assert ConfigStore.instance().load("schema/method/textrank.yaml") is not None
