"""``mds train``: fine-tune a seq2seq checkpoint on a JSONL cluster dataset (Hydra app, conf/train.yaml).

Wiring only: data reading, the summarizer and its input strategy come from the library
(``summarizer.readers``, ``summarizer.methods.seq2seq``, ``summarizer.neural.training``); ROUGE from
``summarizer.evaluation``. Writes ``<output_dir>/model`` (a from_pretrained folder) and
``<output_dir>/metrics.json`` (losses and ROUGE before/after).
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import hydra
from hydra.utils import instantiate, to_absolute_path
from omegaconf import DictConfig, OmegaConf

from experiments.configs import register
from experiments.errors import UserError
from experiments.files import write_atomic
from experiments.hydra_app import run_hydra_app

log = logging.getLogger("mds.train")
register()  # the structured configs (methods, selector, pipeline) conf/train.yaml extends


def read_clusters(path: str, limit: int | None, what: str, pipeline: Any = None) -> list:
    """Clusters of a JSONL file through the shared preparation (``summarizer.pipeline``)."""
    from summarizer.pipeline import DEFAULT, prepare
    from summarizer.readers import ReaderError, read_jsonl

    try:
        clusters = []
        for cluster in read_jsonl(to_absolute_path(path)):
            clusters.append(prepare(cluster, pipeline or DEFAULT))
            if limit and len(clusters) >= limit:
                break
    except ReaderError as exc:
        raise UserError(f"{what}: {exc}") from None
    if not any(c.references for c in clusters):
        raise UserError(f"{what}: {path}: no cluster has references to train or score on")
    return clusters


def rouge(summarizer: Any, clusters: list, budget: Any, settings: Any) -> dict[str, Any]:
    from summarizer.evaluation import evaluate

    clusters = [c for c in clusters if c.references]
    start = time.perf_counter()
    summaries = summarizer.summarize_many(clusters, budget)
    spent = time.perf_counter() - start
    evaluation = evaluate(summaries, clusters, settings)
    return {"aggregate": evaluation.aggregate(), "n_clusters": len(clusters), "time_s": round(spent, 3),
            "example": summaries[0].text if summaries else ""}


def write_json(path: Path, data: Any) -> None:
    write_atomic(path, json.dumps(data, indent=2, default=str))


def train_sentence_scorer(cfg: DictConfig, summarizer: Any, budget: Any, settings: Any,
                          pipeline: Any = None) -> dict[str, Any]:
    """Fit the JSON sentence scorer of the supervised and DPP methods (ridge regression, scikit-learn).

    ``train_file`` may be one JSONL or a list of them; the model goes to ``<output_dir>/model.json``,
    which ``method.model=<output_dir>/model.json`` loads.
    """
    from summarizer.sentence_model import fit

    files = [cfg.train_file] if isinstance(cfg.train_file, str) else list(cfg.train_file)
    clusters = [c for f in files for c in read_clusters(f, cfg.max_train_clusters, "train_file", pipeline)]
    eval_clusters = read_clusters(cfg.eval_file, cfg.max_eval_clusters, "eval_file", pipeline) if cfg.eval_file else []
    start = time.perf_counter()
    try:
        model = fit(clusters, meta={"train_files": [str(f) for f in files], "n_clusters": len(clusters)})
    except ValueError as exc:
        raise UserError(f"train_file: {exc}") from None
    out = Path(to_absolute_path(cfg.output_dir))
    out.mkdir(parents=True, exist_ok=True)
    model_path = out / "model.json"
    write_atomic(model_path, model.to_json())
    result: dict[str, Any] = {"method": summarizer.name, "train_file": files, "eval_file": cfg.eval_file,
                              "train_sentences": model.meta["n_sentences"],
                              "train_time_s": round(time.perf_counter() - start, 3), "checkpoint": str(model_path)}
    if eval_clusters:
        from dataclasses import replace

        summarizer = replace(summarizer, model=str(model_path))
        result["rouge"] = rouge(summarizer, eval_clusters, budget, settings)
        result["rouge_settings"] = settings.describe()
    write_json(out / "metrics.json", result)
    return result


def train(cfg: DictConfig) -> dict[str, Any]:
    from summarizer.methods.seq2seq import Seq2SeqSummarizer
    from summarizer.methods.supervised import SupervisedScorer
    from summarizer.neural.loading import ModelLoadError
    from summarizer.neural.training import TokenizedExamples, build_examples, fine_tune, mean_loss, save_checkpoint

    if OmegaConf.is_missing(cfg, "train_file"):
        raise UserError("train_file is required (a JSONL of clusters with references): add train_file=PATH")
    try:
        summarizer = instantiate(cfg.method)
        budget = instantiate(cfg.budget)
        settings = instantiate(cfg.eval)
        pipeline = instantiate(cfg.pipeline)
    except Exception as exc:  # Hydra wraps the constructor's ValueError
        raise UserError(f"configuration: {exc.__cause__ or exc}") from None
    if isinstance(summarizer, SupervisedScorer):
        return train_sentence_scorer(cfg, summarizer, budget, settings, pipeline)
    if not isinstance(summarizer, Seq2SeqSummarizer):
        raise UserError(f"method {cfg.method_name!r} cannot be trained: only seq2seq methods and the "
                        "learned sentence scorers (supervised, dpp) can")
    train_clusters = read_clusters(cfg.train_file, cfg.max_train_clusters, "train_file", pipeline)
    eval_clusters = read_clusters(cfg.eval_file, cfg.max_eval_clusters, "eval_file", pipeline) if cfg.eval_file else []
    out = Path(to_absolute_path(cfg.output_dir))
    out.mkdir(parents=True, exist_ok=True)
    try:
        summarizer.loaded
    except ModelLoadError as exc:
        raise UserError(str(exc)) from None

    result: dict[str, Any] = {"method": summarizer.name, "base_model": summarizer.model,
                              "train_file": cfg.train_file, "eval_file": cfg.eval_file,
                              "input_strategy": summarizer.input_strategy.describe()}
    if cfg.eval_before and eval_clusters:
        log.info("scoring the base checkpoint on %d clusters", len(eval_clusters))
        result["rouge_before"] = rouge(summarizer, eval_clusters, budget, settings)
    log.info("building inputs for %d training clusters (%s)", len(train_clusters), summarizer.input_strategy.name)
    data = TokenizedExamples(summarizer, build_examples(summarizer, train_clusters), int(cfg.max_target_tokens))
    if not len(data):
        raise UserError(f"train_file: {cfg.train_file}: no (cluster, reference) pairs to train on")
    tok = summarizer.loaded.tokenizer
    result["train_examples"] = len(data)
    result["train_loss_before"] = mean_loss(summarizer.loaded.model, tok, data)
    start = time.perf_counter()
    args = OmegaConf.to_container(cfg.training, resolve=True)
    history = fine_tune(summarizer, data, args, seed=int(cfg.seed))
    result["train_time_s"] = round(time.perf_counter() - start, 3)
    result["train_loss_after"] = mean_loss(summarizer.loaded.model, tok, data)
    result["log_history"] = history
    if eval_clusters:
        log.info("scoring the fine-tuned checkpoint on %d clusters", len(eval_clusters))
        result["rouge"] = rouge(summarizer, eval_clusters, budget, settings)
        result["rouge_settings"] = settings.describe()
    model_dir = save_checkpoint(summarizer, out / "model")
    result["checkpoint"] = str(model_dir)
    write_json(out / "metrics.json", result)
    return result


def task(cfg: DictConfig) -> None:
    try:
        result = train(cfg)
    except UserError as exc:
        message = " ".join(str(exc).split())
        log.error(message)
        print(f"mds: error: {message}", file=sys.stderr)
        raise SystemExit(2) from None
    if "train_sentences" in result:
        print(f"sentence scorer fitted on {result['train_sentences']} sentences ({result['train_time_s']:.1f} s)")
    else:
        print(f"train loss {result['train_loss_before']:.4f} -> {result['train_loss_after']:.4f} "
              f"on {result['train_examples']} examples ({result['train_time_s']:.1f} s)")
    for key in ("rouge_before", "rouge"):
        if key in result:
            agg = result[key]["aggregate"]
            cells = ", ".join(f"{m} {agg[m]['mean']:.4f}" for m in ("rouge1_r", "rouge2_r", "rougeLsum_f") if m in agg)
            print(f"{'before' if key == 'rouge_before' else 'after'}: {cells}")
    print(f"{'model' if 'train_sentences' in result else 'checkpoint'}: {result['checkpoint']}  "
          f"(use it with method.model={result['checkpoint']})")


_app = hydra.main(config_path="pkg://conf", config_name="train", version_base="1.3")(task)


def main(argv: Sequence[str] | None = None) -> int:
    """``mds train [overrides]``: Hydra with these arguments (``--help``, ``--cfg job`` work)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    return run_hydra_app(_app, "mds train", argv)


if __name__ == "__main__":
    sys.exit(main())
