"""The seq2seq summarizer with tiny random BART / T5 / LED checkpoints loaded like real ones."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from neural_fixtures import SUBPROCESS_ENV, invented_article, invented_clusters

from summarizer.budget import Budget  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


torch = pytest.importorskip("torch")
pytestmark = pytest.mark.neural

from summarizer.methods.seq2seq import Seq2SeqSummarizer  # noqa: E402
from summarizer.neural.generation import GenerationSettings  # noqa: E402
from summarizer.neural.loading import ModelLoadError, load_seq2seq  # noqa: E402

GREEDY = GenerationSettings(num_beams=1, min_new_tokens=4, max_new_tokens=10)


@pytest.fixture(params=["bart", "t5", "led"])
def tiny(request) -> Path:
    return request.getfixturevalue(f"tiny_{request.param}")


def summarizer_for(path: Path, **kwargs) -> Seq2SeqSummarizer:
    kwargs.setdefault("generation", GREEDY)
    return Seq2SeqSummarizer(model=str(path), device="cpu", **kwargs)


def test_summarize_many_gives_cited_summaries(tiny):
    clusters = invented_clusters(3)
    out = summarizer_for(tiny, name="tiny").summarize_many(clusters, Budget(30))
    assert [s.cluster_id for s in out] == ["c0", "c1", "c2"]
    for summary in out:
        assert summary.method == "tiny"
        assert summary.n_words <= 30
        meta = summary.metadata
        assert meta["generation"]["max_new_tokens"] == 10 and meta["generation"]["num_beams"] == 1
        assert 0 < meta["input_tokens"] <= meta["max_input_tokens"]
        assert meta["unsupported"] == sum(1 for s in summary.sentences if not s.sources)
        json.dumps(summary.to_dict())  # run folders store it


def test_cluster_without_text_gets_an_empty_summary(tiny_bart):
    from summarizer.cluster import make_cluster

    out = summarizer_for(tiny_bart).summarize_many([make_cluster(["  "], "empty"), invented_clusters(1)[0]],
                                                   Budget(20))
    assert out[0].cluster_id == "empty" and out[0].sentences == ()
    assert out[1].sentences


def test_batched_and_unbatched_greedy_decoding_agree(tiny):
    rng = __import__("random").Random(5)
    # Inputs of very different lengths, so batches carry real padding.
    texts = [invented_article(rng, n) for n in (1, 6, 2, 9, 3)]
    batched = summarizer_for(tiny, batch_size=5).generate(texts)
    single = summarizer_for(tiny, batch_size=1).generate(texts)
    assert batched == single
    assert any(batched)


def test_fixed_output_length(tiny_bart):
    s = summarizer_for(tiny_bart, generation=GenerationSettings(num_beams=1, min_new_tokens=7, max_new_tokens=7))
    ids = s.loaded.tokenizer(s.generate(["The council met."])[0], add_special_tokens=False)["input_ids"]
    assert len(ids) <= 7  # special tokens dropped in decoding; never longer than asked


def test_generation_defaults_to_checkpoint_config(tiny_bart, tmp_path):
    from transformers import AutoModelForSeq2SeqLM

    model = AutoModelForSeq2SeqLM.from_pretrained(tiny_bart)
    model.generation_config.num_beams = 3
    model.generation_config.length_penalty = 2.0
    config = GenerationSettings(length_penalty=0.5).build(model)
    assert config.num_beams == 3  # the checkpoint's own
    assert config.length_penalty == 0.5  # the user's
    assert model.generation_config.length_penalty == 2.0  # not mutated


def test_t5_gets_task_prefix_and_others_do_not(tiny_t5, tiny_bart):
    assert summarizer_for(tiny_t5).task_prefix() == "summarize: "
    assert summarizer_for(tiny_bart).task_prefix() == ""
    assert summarizer_for(tiny_bart, prefix="brief: ").task_prefix() == "brief: "


def test_led_global_attention_on_first_token_and_separators(tiny_led):
    s = summarizer_for(tiny_led)
    assert s.doc_separator() == "<doc-sep>"
    tok = s.loaded.tokenizer
    enc = tok(["one article <doc-sep> another article <doc-sep> a third"], return_tensors="pt")
    mask = s._global_attention(enc["input_ids"], s._global_token_ids())
    sep_id = tok.convert_tokens_to_ids("<doc-sep>")
    expected = (enc["input_ids"] == sep_id).long()
    expected[:, 0] = 1
    assert torch.equal(mask, expected) and int(mask.sum()) == 3


def test_no_global_attention_for_bart(tiny_bart):
    assert summarizer_for(tiny_bart)._global_token_ids() is None


def test_loading_keeps_remote_code_off_and_prefers_safetensors(tiny_bart, monkeypatch):
    import transformers

    seen = {}
    real = transformers.AutoModelForSeq2SeqLM.from_pretrained

    def spy(*args, **kwargs):
        seen.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(transformers.AutoModelForSeq2SeqLM, "from_pretrained", spy)
    loaded = load_seq2seq(str(tiny_bart), device="cpu")
    assert seen["trust_remote_code"] is False
    assert seen["use_safetensors"] is None  # transformers' default: safetensors first, .bin fallback
    assert (tiny_bart / "model.safetensors").exists()
    assert not loaded.model.training and loaded.device == "cpu"


def test_pickled_weights_load_unless_refused(tiny_bart, tmp_path):
    import shutil

    folder = tmp_path / "ckpt"
    shutil.copytree(tiny_bart, folder)
    state = load_seq2seq(str(folder), device="cpu").model.state_dict()
    (folder / "model.safetensors").unlink()
    torch.save(state, folder / "pytorch_model.bin")
    assert load_seq2seq(str(folder), device="cpu").model is not None  # fallback to .bin
    with pytest.raises(ModelLoadError, match="refuses pickled"):
        load_seq2seq(str(folder), device="cpu", use_safetensors=True)


def test_offline_hub_name_gives_one_line_error(monkeypatch):
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(ModelLoadError) as info:
        load_seq2seq("mds-test-org/no-such-model-xyz", device="cpu")
    message = str(info.value)
    assert "\n" not in message
    assert "mds-test-org/no-such-model-xyz" in message and "method.model=" in message
    assert isinstance(info.value, ValueError)


def test_missing_local_folder_is_named():
    with pytest.raises(ModelLoadError, match="no such folder"):
        load_seq2seq("./models/not-here", device="cpu")


def _mds(*args: str) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "experiments.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env={**os.environ, **SUBPROCESS_ENV})


@pytest.mark.slow
def test_mds_brief_end_to_end_with_tiny_bart(tiny_bart, tmp_path):
    rng = __import__("random").Random(9)
    folder = tmp_path / "cluster"
    folder.mkdir()
    for i in range(3):
        (folder / f"article{i}.txt").write_text(invented_article(rng, 4), encoding="utf-8")
    out = tmp_path / "brief.json"
    proc = _mds("brief", str(folder), "--method", "bart", f"method.model={tiny_bart}", "--format", "json",
                "-o", str(out), "method.generation.num_beams=1", "method.generation.max_new_tokens=12",
                "method.generation.min_new_tokens=4")
    assert proc.returncode == 0, proc.stderr
    briefing = json.loads(out.read_text())
    assert briefing["method"] == "bart" and briefing["points"]
    assert briefing["metadata"]["model"] == str(tiny_bart)


@pytest.mark.slow
def test_mds_run_end_to_end_with_tiny_t5(tiny_t5, tmp_path):
    data = tmp_path / "dev.jsonl"
    with data.open("w", encoding="utf-8") as fh:
        for c in invented_clusters(3, docs=2, sentences=2):
            fh.write(json.dumps({"id": c.id, "documents": [d.text for d in c.documents],
                                 "references": list(c.references)}) + "\n")
    proc = _mds("run", "method=t5", f"method.model={tiny_t5}", "data=jsonl", f"data.loader.path={data}",
                f"output_root={tmp_path / 'runs'}", "method.generation.num_beams=1",
                "method.generation.max_new_tokens=8", "batch_clusters=3", "progress=false")
    assert proc.returncode == 0, proc.stderr[-3000:]
    [metrics_file] = list((tmp_path / "runs").rglob("metrics.json"))
    metrics = json.loads(metrics_file.read_text())
    assert metrics["n_clusters"] == 3 and "rouge1_r" in metrics["aggregate"]
    rows = [json.loads(line) for line in (metrics_file.parent / "predictions.jsonl").read_text().splitlines()]
    assert len(rows) == 3 and all(r["metadata"]["model"] == str(tiny_t5) for r in rows)


@pytest.mark.parametrize("command", ["brief", "run"])
def test_unreachable_model_is_a_one_line_cli_error(command, tmp_path):
    """Offline, a hub name that is not cached ends in one line naming the model, never a traceback."""
    data = tmp_path / "dev.jsonl"
    data.write_text(json.dumps({"id": "c1", "documents": ["The dam held. Crews worked all night."],
                                "references": ["The dam held."]}) + "\n", encoding="utf-8")
    target = [str(ROOT / "data" / "sample")] if command == "brief" else \
        ["data=jsonl", f"data.loader.path={data}", f"output_root={tmp_path}", "progress=false"]
    proc = _mds(command, *target, *(["--method", "bart"] if command == "brief" else ["method=bart"]),
                "method.model=mds-test-org/no-such-model-xyz")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if "mds-test-org/no-such-model-xyz" in line]
    assert errors and errors[0].startswith("mds: error:"), proc.stderr[-2000:]
