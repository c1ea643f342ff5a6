"""Abstractive briefings with any Hugging Face seq2seq checkpoint (BART, PEGASUS, T5, LED, PRIMERA).

The model is loaded on first use, never at import or construction, so configs can be instantiated
and validated cheaply, and torch/transformers are only imported when a model actually runs.
Clusters are batched by input length; each generated sentence is linked to its supporting sources.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from summarizer.base import Summarizer
from summarizer.budget import Budget
from summarizer.cluster import Cluster
from summarizer.neural.generation import GenerationLength, GenerationSettings, tokens_per_word
from summarizer.neural.input_strategies import Concatenate, InputContext, InputStrategy
from summarizer.neural.provenance import Provenance
from summarizer.summary import Summary

PRIMERA_SEPARATOR = "<doc-sep>"
_PEGASUS_NEWLINE = re.compile(r"\s*<n>\s*")
_FINISHED = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
"""A generated sentence that ends like a sentence; one that does not was stopped by the token limit."""
CUTS = ("truncate", "sentences", "none")


@dataclass
class Seq2SeqSummarizer(Summarizer):
    """A seq2seq model behind the Summarizer interface.

    model: hub name (e.g. facebook/bart-large-cnn) or a local folder saved with save_pretrained.
    input_strategy: how a cluster becomes one input (see summarizer.neural.input_strategies).
    generation: decoding settings; unset fields keep the checkpoint's generation_config, except the
        lengths, which ``length`` derives from the budget (set max/min_new_tokens here to override).
    length: how the budget becomes max/min_new_tokens (see GenerationLength).
    max_input_tokens: input budget; None = the model's limit (position embeddings / tokenizer max).
    prefix: task prefix; None = "summarize: " for T5-family checkpoints, nothing otherwise.
    separator: document separator; None = "<doc-sep>" when the tokenizer knows it (PRIMERA), else a newline.
    batch_size: clusters per generate call (sorted by input length, so padding stays small).
    cut: "truncate" cuts the generated text to the budget as ROUGE-1.5.5 would (evaluation);
        "sentences" keeps whole sentences that fit and drops an unfinished last one (briefings: never a
        sentence cut mid-way; the first sentence is kept whole even when it alone is over the budget);
        "none" keeps everything. true/false mean "truncate"/"none".
    """

    model: str = "facebook/bart-large-cnn"
    input_strategy: InputStrategy = field(default_factory=Concatenate)
    generation: GenerationSettings = field(default_factory=GenerationSettings)
    length: GenerationLength = field(default_factory=GenerationLength)
    provenance: Provenance = field(default_factory=Provenance)
    max_input_tokens: int | None = None
    prefix: str | None = None
    separator: str | None = None
    batch_size: int = 8
    device: str = "auto"
    dtype: str | None = "auto"
    trust_remote_code: bool = False
    revision: str | None = None
    use_safetensors: bool | None = None
    cut: str | bool = "truncate"
    name: str = "seq2seq"

    def __post_init__(self) -> None:
        # Hydra hands nested plain mappings over as DictConfig; accept them as the dataclasses they mean.
        if isinstance(self.generation, Mapping):
            self.generation = GenerationSettings(**dict(self.generation))
        if isinstance(self.provenance, Mapping):
            self.provenance = Provenance(**dict(self.provenance))
        if isinstance(self.length, Mapping):
            self.length = GenerationLength(**dict(self.length))
        if isinstance(self.cut, bool):
            self.cut = "truncate" if self.cut else "none"
        if self.cut not in CUTS:
            raise ValueError(f"cut must be one of {', '.join(CUTS)}, not {self.cut!r}")
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {self.batch_size}")
        if self.max_input_tokens is not None and self.max_input_tokens < 8:
            raise ValueError(f"max_input_tokens must be at least 8, not {self.max_input_tokens}")
        self._loaded: Any = None

    # -- model -----------------------------------------------------------------------------------

    @property
    def loaded(self) -> Any:
        """The model and tokenizer, loaded once on first use."""
        if self._loaded is None:
            from summarizer.neural.loading import load_seq2seq

            self._loaded = load_seq2seq(self.model, device=self.device, dtype=self.dtype,
                                        trust_remote_code=self.trust_remote_code, revision=self.revision,
                                        use_safetensors=self.use_safetensors)
        return self._loaded

    @property
    def model_type(self) -> str:
        return str(getattr(self.loaded.model.config, "model_type", ""))

    def task_prefix(self) -> str:
        if self.prefix is not None:
            return self.prefix
        return "summarize: " if self.model_type in ("t5", "mt5", "umt5", "longt5") else ""

    def doc_separator(self) -> str:
        if self.separator is not None:
            return self.separator
        tok = self.loaded.tokenizer
        if PRIMERA_SEPARATOR in tok.get_vocab():
            return PRIMERA_SEPARATOR
        return "\n"

    def model_input_limit(self) -> int:
        """Total input tokens (special tokens included) the model accepts."""
        tok, config = self.loaded.tokenizer, self.loaded.model.config
        limits = [self.max_input_tokens] if self.max_input_tokens else []
        for key in ("max_encoder_position_embeddings", "max_position_embeddings", "n_positions"):
            value = getattr(config, key, None)
            if isinstance(value, int) and value > 0:
                limits.append(value)
                break
        if 0 < getattr(tok, "model_max_length", 0) < 1_000_000:
            limits.append(int(tok.model_max_length))
        return min(limits) if limits else 512

    def context(self) -> InputContext:
        """The input budget left for text once special tokens and the task prefix are counted."""
        tok = self.loaded.tokenizer
        ctx = InputContext(tokenizer=tok, max_tokens=0, separator=self.doc_separator(), generate=self.generate)
        reserved = tok.num_special_tokens_to_add(pair=False) + ctx.count(self.task_prefix())
        ctx.max_tokens = max(self.model_input_limit() - reserved, 1)
        return ctx

    # -- generation ------------------------------------------------------------------------------

    def generate(self, texts: Sequence[str]) -> list[str]:
        """Summaries of raw input texts, batched by length; output order matches input order."""
        return self.generate_timed(texts)[0]

    def generation_config(self, budget: Budget | None = None) -> Any:
        """The GenerationConfig for summaries of this budget: lengths from the budget unless set."""
        loaded = self.loaded
        defaults: dict[str, Any] = {}
        if budget is not None and self.length.from_budget:
            low, high = self.length.new_tokens(budget, tokens_per_word(loaded.tokenizer))
            defaults = {"min_new_tokens": low, "max_new_tokens": high}
        return self.generation.build(loaded.model, defaults)

    def generate_timed(self, texts: Sequence[str], config: Any = None) -> tuple[list[str], list[float]]:
        import torch

        loaded = self.loaded
        tok, model = loaded.tokenizer, loaded.model
        config = config if config is not None else self.generation.build(model)
        prefix = self.task_prefix()
        inputs = [prefix + t for t in texts]
        limit = self.model_input_limit()
        lengths = [len(tok(t, truncation=True, max_length=limit)["input_ids"]) for t in inputs]
        order = sorted(range(len(inputs)), key=lambda i: -lengths[i])
        outputs: list[str] = [""] * len(inputs)
        times: list[float] = [0.0] * len(inputs)
        global_ids = self._global_token_ids()
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                batch = order[start : start + self.batch_size]
                t0 = time.perf_counter()
                enc = tok([inputs[i] for i in batch], padding=True, truncation=True, max_length=limit,
                          return_tensors="pt").to(loaded.device)
                kwargs: dict[str, Any] = {}
                if global_ids is not None:
                    kwargs["global_attention_mask"] = self._global_attention(enc["input_ids"], global_ids)
                generated = model.generate(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"],
                                           generation_config=config, **kwargs)
                texts_out = tok.batch_decode(generated, skip_special_tokens=True)
                spent = (time.perf_counter() - t0) / len(batch)
                for i, text in zip(batch, texts_out):
                    outputs[i] = text.strip()
                    times[i] = spent
        return outputs, times

    def _global_token_ids(self) -> list[int] | None:
        """LED / PRIMERA read long inputs with local attention; the first token and document
        separators get global attention so every document can see the others."""
        if self.model_type != "led":
            return None
        tok = self.loaded.tokenizer
        ids = [tid for tid in (tok.bos_token_id, tok.cls_token_id) if tid is not None]
        sep = self.doc_separator()
        if not sep.isspace():
            sep_ids = tok(sep, add_special_tokens=False)["input_ids"]
            if len(sep_ids) == 1:
                ids.append(sep_ids[0])
        return sorted(set(ids))

    @staticmethod
    def _global_attention(input_ids: Any, token_ids: list[int]) -> Any:
        import torch

        mask = torch.isin(input_ids, torch.tensor(token_ids, device=input_ids.device)).long()
        mask[:, 0] = 1
        return mask

    # -- Summarizer interface --------------------------------------------------------------------

    def summarize(self, cluster: Cluster, budget: Budget) -> Summary:
        return self.summarize_many([cluster], budget)[0]

    def summarize_many(self, clusters: Iterable[Cluster], budget: Budget) -> list[Summary]:
        from summarizer.sentences import split_sentences

        clusters = list(clusters)
        if not clusters:
            return []
        ctx = self.context()
        t0 = time.perf_counter()
        inputs = self.input_strategy.inputs(clusters, ctx)
        prep = (time.perf_counter() - t0) / len(clusters)
        todo = [i for i, text in enumerate(inputs) if text.strip()]  # a cluster with no text gets no summary
        texts, times = [""] * len(inputs), [0.0] * len(inputs)
        config = self.generation_config(budget)
        for i, text, spent in zip(todo, *self.generate_timed([inputs[i] for i in todo], config)):
            texts[i], times[i] = text, spent
        meta_common = {"model": self.model, "input_strategy": self.input_strategy.describe(),
                       "generation": self.generation.describe(config), "max_input_tokens": ctx.max_tokens,
                       "cut": self.cut}
        out = []
        for cluster, source, text, spent in zip(clusters, inputs, texts, times):
            generated = split_sentences(_PEGASUS_NEWLINE.sub("\n", text)) if text else []
            lines = self.fit(generated, budget)
            sentences = self.provenance.link(lines, cluster.space)
            meta = dict(meta_common, input_tokens=ctx.count(source), generation_time_s=round(spent + prep, 4),
                        unsupported=sum(1 for s in sentences if not s.sources))
            if not generated:
                meta["empty_generation"] = True
            if len(lines) < len(generated) and self.cut == "sentences":
                meta["dropped_sentences"] = len(generated) - len(lines)
            out.append(Summary(cluster.id, sentences, self.name, budget, meta))
        return out

    def fit(self, sentences: list[str], budget: Budget) -> list[str]:
        """The generated sentences as ``cut`` says: ROUGE's truncation, whole sentences only, or all."""
        if self.cut == "truncate":
            return budget.cut(sentences)
        if self.cut == "none":
            return list(sentences)
        if len(sentences) > 1 and not _FINISHED.search(sentences[-1]):
            sentences = sentences[:-1]  # generation stopped at max_new_tokens mid-sentence
        kept: list[str] = []
        used = 0
        for s in sentences:
            size = budget.size(s)
            if kept and used + size > budget.limit:
                break
            kept.append(s)
            used += size
        return kept
