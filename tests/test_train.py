"""Fine-tuning: a few steps lower the loss; `mds train` saves a checkpoint the summarizer loads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from neural_fixtures import SUBPROCESS_ENV, invented_clusters

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.neural

from summarizer.budget import Budget  # noqa: E402
from summarizer.methods.seq2seq import Seq2SeqSummarizer  # noqa: E402
from summarizer.neural.generation import GenerationSettings  # noqa: E402
from summarizer.neural.training import (  # noqa: E402
    TokenizedExamples,
    build_examples,
    fine_tune,
    mean_loss,
    save_checkpoint,
)

ROOT = Path(__file__).resolve().parents[1]
GREEDY = GenerationSettings(num_beams=1, min_new_tokens=2, max_new_tokens=8)


def write_jsonl(path: Path, clusters) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for c in clusters:
            fh.write(json.dumps({"id": c.id, "documents": [d.text for d in c.documents],
                                 "references": list(c.references)}) + "\n")
    return path


def test_examples_use_the_strategy_input_and_every_reference(tiny_t5):
    from summarizer.cluster import make_cluster

    s = Seq2SeqSummarizer(model=str(tiny_t5), device="cpu", max_input_tokens=64)
    clusters = [make_cluster(["The pier closed.", "Storms hit."], "a", references=["Pier shut.", "Storm."]),
                make_cluster(["No summary here."], "b")]
    examples = build_examples(s, clusters)
    assert [(e.cluster_id, e.target) for e in examples] == [("a", "Pier shut."), ("a", "Storm.")]
    assert examples[0].source == "summarize: The pier closed. <doc-sep> Storms hit."


@pytest.mark.parametrize("kind", ["bart", "t5"])
def test_a_few_training_steps_lower_the_loss(request, kind, tmp_path):
    path = request.getfixturevalue(f"tiny_{kind}")
    s = Seq2SeqSummarizer(model=str(path), device="cpu", generation=GREEDY, max_input_tokens=96)
    data = TokenizedExamples(s, build_examples(s, invented_clusters(4, docs=2, sentences=2)), max_target_tokens=32)
    before = mean_loss(s.loaded.model, s.loaded.tokenizer, data)
    history = fine_tune(s, data, {"max_steps": 12, "learning_rate": 5e-3, "per_device_train_batch_size": 4,
                                  "logging_steps": 4, "warmup_steps": 0})
    after = mean_loss(s.loaded.model, s.loaded.tokenizer, data)
    assert after < before - 0.5, (before, after)
    assert any("loss" in h for h in history)
    # The fine-tuned model is saved in a folder the summarizer loads like any checkpoint.
    folder = save_checkpoint(s, tmp_path / "model")
    again = Seq2SeqSummarizer(model=str(folder), device="cpu", generation=GREEDY)
    assert mean_loss(again.loaded.model, again.loaded.tokenizer, data) == pytest.approx(after, rel=1e-4)
    assert again.summarize(invented_clusters(1)[0], Budget(20)).method == "seq2seq"


def _mds(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, **SUBPROCESS_ENV}
    return subprocess.run([sys.executable, "-m", "experiments.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout, env=env)


@pytest.mark.slow
def test_mds_train_end_to_end(tiny_bart, tmp_path):
    train = write_jsonl(tmp_path / "train.jsonl", invented_clusters(4, docs=2, sentences=2))
    dev = write_jsonl(tmp_path / "dev.jsonl", invented_clusters(2, docs=2, sentences=2, seed=7))
    out = tmp_path / "run"
    proc = _mds("train", "method=bart", f"method.model={tiny_bart}", f"train_file={train}", f"eval_file={dev}",
                f"output_dir={out}", "training.max_steps=6", "training.learning_rate=5e-3",
                "training.gradient_accumulation_steps=1", "training.per_device_train_batch_size=4",
                "method.generation.num_beams=1", "method.generation.max_new_tokens=8", "budget.limit=20")
    assert proc.returncode == 0, proc.stderr[-3000:]
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["train_loss_after"] < metrics["train_loss_before"]
    assert metrics["train_examples"] == 4 and metrics["rouge"]["n_clusters"] == 2
    assert {"rouge1_r", "rouge2_r", "rougeLsum_f"} <= set(metrics["rouge"]["aggregate"])
    assert (out / "model" / "model.safetensors").is_file()
    assert f"method.model={out / 'model'}" in proc.stdout
    # ... and `mds brief` uses the fine-tuned checkpoint.
    cluster = tmp_path / "cluster.json"
    cluster.write_text(json.dumps({"id": "x", "documents": ["The pier closed on Monday. Storms hit the town.",
                                                            "Storms closed the pier. Repairs start soon."]}))
    proc = _mds("brief", str(cluster), "--method", "bart", f"method.model={out / 'model'}",
                "method.generation.num_beams=1", "method.generation.max_new_tokens=8")
    assert proc.returncode == 0, proc.stderr[-3000:]


def test_mds_train_user_errors_are_one_line(tmp_path):
    missing = _mds("train", "method=bart", f"train_file={tmp_path / 'nope.jsonl'}", f"output_dir={tmp_path / 'o'}")
    assert missing.returncode == 2 and "nope.jsonl" in missing.stderr and "Traceback" not in missing.stderr
    extractive = _mds("train", "method=textrank", f"train_file={tmp_path / 'nope.jsonl'}",
                      f"output_dir={tmp_path / 'o'}")
    assert extractive.returncode == 2 and "cannot be trained" in extractive.stderr
