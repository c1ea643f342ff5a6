"""Hydra structured configs made from the library's own dataclasses: defaults live in Python only.

Each method class, the ``Selector`` and the ``PipelineConfig`` is turned into a config dataclass
(same fields, same defaults, a ``_target_``) and stored in Hydra's ConfigStore under ``schema/...``.
``conf/method/<name>.yaml`` extends its schema and holds only what differs, so ``TextRank()`` in
Python and ``method=textrank`` build equal objects, and a typo or a wrong type in an override is a
composition error. Every command calls ``register()`` before composing.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import lru_cache
from typing import Any, Literal, Optional, Sequence, Union

from hydra.core.config_store import ConfigStore

METHODS: dict[str, str] = {
    "lead": "summarizer.methods.lead.Lead",
    "random": "summarizer.methods.random.Random",
    "oracle": "summarizer.methods.oracle.Oracle",
    "textrank": "summarizer.methods.textrank.TextRank",
    "lexrank": "summarizer.methods.lexrank.LexRank",
    "centroid": "summarizer.methods.centroid.Centroid",
    "submodular": "summarizer.methods.submodular.Submodular",
    "ilp": "summarizer.methods.ilp.ConceptILP",
    "dpp": "summarizer.methods.dpp.DPP",
    "supervised": "summarizer.methods.supervised.SupervisedScorer",
    "seq2seq": "summarizer.methods.seq2seq.Seq2SeqSummarizer",
}
"""Schema name -> method class (``schema/method/<name>``); a new method adds its line here."""

POLYMORPHIC = {"input_strategy", "extractor"}
"""Fields whose value is chosen by a config group of its own (any class): typed Any, no default."""

_SIMPLE = (int, float, bool, str)


def _import(path: str) -> type:
    from hydra.utils import get_class

    return get_class(path)


def _config_type(hint: Any) -> Any:
    """The hint as OmegaConf can check it (2.3: no Literal, no unions beyond Optional), else Any."""
    if hint in _SIMPLE:
        return hint
    origin = typing.get_origin(hint)
    if origin is Literal:
        values = typing.get_args(hint)
        return str if all(isinstance(v, str) for v in values) else Any
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(args) < len(typing.get_args(hint)):
            inner = _config_type(args[0])
            return Optional[inner] if inner is not Any else Any
    return Any


def _value(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return config_class(type(value))(**{f.name: _value(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    if isinstance(value, tuple):
        return list(value)
    return value


@lru_cache(maxsize=None)
def config_class(cls: type) -> type:
    """A config dataclass with ``cls``'s init fields and defaults, and ``_target_`` naming ``cls``."""
    hints = typing.get_type_hints(cls)
    specs: list[tuple[str, Any, Any]] = [
        ("_target_", str, dataclasses.field(default=f"{cls.__module__}.{cls.__qualname__}"))]
    for f in dataclasses.fields(cls):
        if not f.init or f.name.startswith("_"):
            continue
        if f.name in POLYMORPHIC:
            specs.append((f.name, Any, dataclasses.field(default=None)))
            continue
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            specs.append((f.name, _config_type(hints[f.name]), dataclasses.field(default="???")))
            continue
        if dataclasses.is_dataclass(default):
            value = _value(default)
            specs.append((f.name, type(value), dataclasses.field(default_factory=lambda v=value: v)))
        elif isinstance(default, (list, tuple, dict)):
            specs.append((f.name, Any, dataclasses.field(default_factory=lambda v=_value(default): v)))
        else:
            specs.append((f.name, _config_type(hints[f.name]), dataclasses.field(default=default)))
    return dataclasses.make_dataclass(f"{cls.__name__}Config", specs)


def method_schema(name: str) -> type:
    return config_class(_import(METHODS[name]))


def compose_group(group: str, name: str) -> Any:
    """One config of a group (``conf/<group>/<name>.yaml`` over its schema), for the argparse commands."""
    from hydra import compose, initialize_config_module
    from hydra.core.global_hydra import GlobalHydra

    register()
    GlobalHydra.instance().clear()
    with initialize_config_module("conf", version_base="1.3"):
        return compose(config_name=f"{group}/{name}")[group]


def compose_command(config: str = "config", overrides: Sequence[str] = ()) -> Any:
    """A command's whole config (``conf/<config>.yaml`` with overrides), as the command composes it."""
    from hydra import compose, initialize_config_module
    from hydra.core.global_hydra import GlobalHydra

    register()
    GlobalHydra.instance().clear()
    with initialize_config_module("conf", version_base="1.3"):
        return compose(config_name=config, overrides=list(overrides))


def method_from_config(name: str, *overrides: str, config: str = "config") -> Any:
    """The summarizer ``method=<name>`` builds in ``mds run`` (``config="brief"``: in ``mds brief``),
    for benchmarks and tools that must run exactly what the commands run."""
    from hydra.utils import instantiate

    return instantiate(compose_command(config, [f"method={name}", *overrides]).method, _convert_="all")


@lru_cache(maxsize=None)
def register() -> None:
    """Store every schema in Hydra's ConfigStore, once per process: the commands call this and so does
    importing ``conf`` (Hydra does), and each store converts a dataclass (a tenth of a second in all)."""
    from summarizer.pipeline import PipelineConfig
    from summarizer.selection import Selector

    from experiments.executors import register_configs as register_executors

    register_executors()  # the executor group of mds run
    cs = ConfigStore.instance()
    cs.store(group="schema/pipeline", name="pipeline", node=config_class(PipelineConfig))
    cs.store(group="schema/selector", name="selector", node=config_class(Selector))
    for name in METHODS:
        cs.store(group="schema/method", name=name, node=method_schema(name))


__all__ = ["METHODS", "compose_command", "compose_group", "config_class", "method_from_config", "method_schema",
           "register"]
