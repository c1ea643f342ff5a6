"""Seq2seq pieces that need no torch: lazy imports, settings validation, configs, budget arithmetic.

These run everywhere (no ``neural`` mark), so an install without torch still checks them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.methods.seq2seq import Seq2SeqSummarizer
from summarizer.neural.generation import GenerationSettings
from summarizer.neural.input_strategies import Concatenate, equal_shares

ROOT = Path(__file__).resolve().parents[1]


def test_extractive_use_never_imports_torch():
    """Importing the package, the seq2seq module and its configs, and running TextRank stays torch-free."""
    code = (
        "import sys\n"
        "import summarizer\n"
        "from summarizer import Budget, make_cluster\n"
        "from summarizer.methods.textrank import TextRank\n"
        "import summarizer.methods.seq2seq, summarizer.neural.input_strategies, summarizer.neural.provenance\n"
        "import summarizer.neural.loading, summarizer.neural.generation\n"
        "from summarizer.methods.seq2seq import Seq2SeqSummarizer\n"
        "Seq2SeqSummarizer(model='some/model')\n"
        "c = make_cluster(['The council met on Monday. It approved a bridge over the river.',"
        " 'A bridge over the river was approved by the council. Work starts soon.'])\n"
        "s = TextRank().summarize(c, Budget(20))\n"
        "assert s.sentences\n"
        "bad = [m for m in ('torch', 'transformers') if m in sys.modules]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@given(st.lists(st.integers(0, 500), min_size=1, max_size=12), st.integers(0, 2000))
def test_equal_shares_are_fair_and_within_total(lengths, total):
    shares = equal_shares(lengths, total)
    assert sum(shares) <= total
    assert all(0 <= s <= n for s, n in zip(shares, lengths))
    cut = [s for s, n in zip(shares, lengths) if s < n]
    if cut:  # every truncated document gets (about) the same share, at least what any other got
        assert max(cut) - min(cut) <= 1 and min(cut) >= max(shares) - 1
        assert sum(shares) >= total - len(lengths)  # nothing wasted beyond rounding
    else:
        assert shares == list(lengths)


def test_generation_settings_validate():
    with pytest.raises(ValueError, match="min_new_tokens"):
        GenerationSettings(min_new_tokens=20, max_new_tokens=10)
    with pytest.raises(ValueError, match="num_beams"):
        GenerationSettings(num_beams=0)


def test_bad_settings_are_rejected():
    with pytest.raises(ValueError):
        Seq2SeqSummarizer(model="x", batch_size=0)
    with pytest.raises(ValueError):
        Concatenate("middle")


def test_unknown_dtype_is_rejected():
    pytest.importorskip("torch")
    from summarizer.neural.loading import ModelLoadError, resolve_dtype

    with pytest.raises(ModelLoadError, match="float13"):
        resolve_dtype("float13", "cpu")


def test_hydra_configs_instantiate_without_loading_a_model():
    from hydra import compose, initialize_config_module
    from hydra.core.global_hydra import GlobalHydra
    from hydra.utils import instantiate

    from summarizer.neural.input_strategies import ExtractThenAbstract, MapReduce

    GlobalHydra.instance().clear()
    with initialize_config_module("conf", version_base="1.3"):
        for name in ("seq2seq", "bart", "pegasus", "t5", "led", "primera"):
            method = instantiate(compose("brief", overrides=[f"method={name}"]).method)
            assert isinstance(method, Seq2SeqSummarizer) and method._loaded is None
            assert method.name == name and not method.trust_remote_code
        t5 = instantiate(compose("brief", overrides=["method=t5"]).method)
        assert t5.generation.num_beams == 4 and t5.input_strategy == Concatenate("equal")
        for option, cls in (("extract_then_abstract", ExtractThenAbstract), ("map_reduce", MapReduce)):
            cfg = compose("brief", overrides=["method=bart", f"method/input_strategy={option}"])
            assert isinstance(instantiate(cfg.method).input_strategy, cls)
    GlobalHydra.instance().clear()


