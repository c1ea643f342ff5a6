"""Fine-tuning a seq2seq summarizer on clusters, with the same input strategy it will summarize with.

Training inputs are built by the summarizer's own ``InputStrategy`` and ``InputContext``, so the model
learns from exactly the kind of input (separator, prefix, truncation, extracted sentences) it reads
at inference. Each (cluster, reference) pair is one example. transformers' Seq2SeqTrainer does the
optimisation; this module only prepares data and keeps the result loadable by ``from_pretrained``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from summarizer.cluster import Cluster


@dataclass(frozen=True)
class Example:
    cluster_id: str
    source: str
    target: str


def build_examples(summarizer: Any, clusters: Sequence[Cluster]) -> list[Example]:
    """One example per (cluster, reference); the source text is the strategy's model input."""
    clusters = [c for c in clusters if c.references]
    inputs = summarizer.input_strategy.inputs(clusters, summarizer.context())
    prefix = summarizer.task_prefix()
    return [Example(c.id, prefix + text, " ".join(ref.split()))
            for c, text in zip(clusters, inputs) for ref in c.references if ref.strip()]


class TokenizedExamples:
    """A map-style dataset of tokenized examples (a list is all Trainer needs; no `datasets` copy)."""

    def __init__(self, summarizer: Any, examples: Sequence[Example], max_target_tokens: int) -> None:
        tok = summarizer.loaded.tokenizer
        limit = summarizer.model_input_limit()
        self.rows = []
        for ex in examples:
            row = dict(tok(ex.source, truncation=True, max_length=limit))
            row["labels"] = tok(text_target=ex.target, truncation=True, max_length=max_target_tokens)["input_ids"]
            self.rows.append(row)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i: int) -> dict[str, list[int]]:
        return self.rows[i]


def mean_loss(model: Any, tokenizer: Any, dataset: TokenizedExamples, batch_size: int = 8) -> float:
    """Average token-level cross-entropy of the model on the examples (the quantity training lowers)."""
    import torch
    from transformers import DataCollatorForSeq2Seq

    collate = DataCollatorForSeq2Seq(tokenizer, model=model, padding=True)
    device = next(model.parameters()).device
    total, tokens = 0.0, 0
    was_training = model.training
    model.eval()
    with torch.inference_mode():
        for start in range(0, len(dataset), batch_size):
            batch = collate([dataset[i] for i in range(start, min(start + batch_size, len(dataset)))])
            batch = {k: v.to(device) for k, v in batch.items()}
            n = int((batch["labels"] != -100).sum())
            total += float(model(**batch).loss) * n
            tokens += n
    model.train(was_training)
    return total / max(tokens, 1)


def fine_tune(summarizer: Any, train: TokenizedExamples, training_args: dict[str, Any], seed: int = 0,
              output_dir: str | Path | None = None) -> list[dict[str, Any]]:
    """Train the summarizer's model in place with Seq2SeqTrainer; returns the trainer's log history.

    ``output_dir`` is the trainer's scratch folder (intermediate checkpoints if the arguments ask
    for them); a temporary one by default, since ``save_checkpoint`` writes the result.
    """
    if output_dir is None:
        with tempfile.TemporaryDirectory(prefix="mds-train-") as scratch:
            return fine_tune(summarizer, train, training_args, seed, scratch)
    from transformers import DataCollatorForSeq2Seq, Seq2SeqTrainer, Seq2SeqTrainingArguments, set_seed

    set_seed(seed)
    model, tok = summarizer.loaded.model, summarizer.loaded.tokenizer
    defaults = dict(report_to=[], save_strategy="no", eval_strategy="no", disable_tqdm=True, seed=seed,
                    use_cpu=summarizer.loaded.device == "cpu", remove_unused_columns=False)
    args = Seq2SeqTrainingArguments(output_dir=str(output_dir), **{**defaults, **training_args})
    trainer = Seq2SeqTrainer(model=model, args=args, train_dataset=train, processing_class=tok,
                             data_collator=DataCollatorForSeq2Seq(tok, model=model, padding=True))
    trainer.train()
    model.eval()
    return list(trainer.state.log_history)


def save_checkpoint(summarizer: Any, folder: str | Path, extra_files: dict[str, str] | None = None) -> Path:
    """Write model + tokenizer + generation config atomically: a temp folder renamed into place."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        summarizer.loaded.model.save_pretrained(tmp)
        summarizer.loaded.tokenizer.save_pretrained(tmp)
        for name, text in (extra_files or {}).items():
            (tmp / name).write_text(text, encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder
