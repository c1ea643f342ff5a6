"""CPU generation throughput: the toolkit's batched Seq2SeqSummarizer vs one generate call per cluster.

    .venv/bin/python bench/seq2seq_throughput.py                     # 8 clusters, 32 new tokens, 2 rounds
    .venv/bin/python bench/seq2seq_throughput.py --clusters 4 --new-tokens 16 --threads 2

The model is the facebook/bart-large-cnn *architecture* (its public config, written out below) with
random weights: the hub is unreachable here and throughput does not depend on the weights, only on the
shapes, since the output length is fixed (min_new_tokens = max_new_tokens). The tokenizer is a small
byte-level BPE trained on invented text (token ids stay inside BART's vocabulary).

Baseline: transformers' ``summarization`` pipeline called once per cluster. transformers 5 removed that
pipeline (and text2text-generation), so the baseline does what it did: tokenize one input, call
``model.generate`` with the same settings under torch.inference_mode, decode with skip_special_tokens.
It gets the exact input text the toolkit builds (built outside its timing); the toolkit's timing
includes building inputs, batching, decoding, sentence splitting and provenance.
Both run in the same process on the same model object, interleaved, ``--rounds`` times each.
Peak memory: resident set size sampled every 10 ms by psutil during each method, above the level
just before it started (the model's own 1.6 GB is in the baseline level).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.data import machine_note  # noqa: E402

# facebook/bart-large-cnn config.json (public), architecture fields.
BART_LARGE_CNN = dict(
    vocab_size=50264, d_model=1024, encoder_layers=12, decoder_layers=12, encoder_attention_heads=16,
    decoder_attention_heads=16, encoder_ffn_dim=4096, decoder_ffn_dim=4096, max_position_embeddings=1024,
    activation_function="gelu", dropout=0.1, attention_dropout=0.0, activation_dropout=0.0,
    scale_embedding=False, init_std=0.02, pad_token_id=1, bos_token_id=0, eos_token_id=2,
    decoder_start_token_id=2, forced_bos_token_id=0, forced_eos_token_id=2,
)
# Its generation settings (generation_config / task_specific_params["summarization"]), length fixed here.
GENERATION = dict(num_beams=4, length_penalty=2.0, no_repeat_ngram_size=3, early_stopping=True)

WORDS = ("council harbour bridge storm ferry river mayor budget school rail station flood museum "
         "market festival hospital airport tunnel election court police park library road bus "
         "approved delayed opened closed announced rejected funded reviewed warned reported "
         "on Monday Tuesday after before despite during the a of in to and with for new old north").split()


def invented_document(rng: random.Random, n_sentences: int) -> str:
    sents = []
    for _ in range(n_sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
        sents.append(" ".join(words).capitalize() + ".")
    return " ".join(sents)


def build_tokenizer():
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    rng = random.Random(0)
    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator([invented_document(rng, 8) for _ in range(300)],
                            trainers.BpeTrainer(vocab_size=1000, special_tokens=["<s>", "<pad>", "</s>", "<unk>"],
                                                initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    tok.post_processor = processors.TemplateProcessing(single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                                   unk_token="<unk>", model_max_length=1024)


class PeakRSS:
    """Peak resident memory above the starting level, sampled by a background thread."""

    def __init__(self, interval: float = 0.01) -> None:
        import psutil

        self.process, self.interval = psutil.Process(), interval

    def __enter__(self) -> "PeakRSS":
        self.start = self.peak = self.process.memory_info().rss
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self) -> None:
        while self.running:
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(self.interval)

    def __exit__(self, *exc) -> None:
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)

    @property
    def extra_mb(self) -> float:
        return (self.peak - self.start) / 2**20


def per_cluster_generate(model, tokenizer, texts, config) -> list[str]:
    """What the summarization pipeline did for each input, one cluster at a time."""
    import torch

    out = []
    with torch.inference_mode():
        for text in texts:
            enc = tokenizer(text, return_tensors="pt", truncation=True, max_length=1024)
            ids = model.generate(**enc, generation_config=config)
            out.append(tokenizer.decode(ids[0], skip_special_tokens=True).strip())
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--clusters", type=int, default=8)
    p.add_argument("--documents", type=int, default=3, help="documents per cluster")
    p.add_argument("--input-tokens", type=int, default=256, help="model input budget per cluster")
    p.add_argument("--new-tokens", type=int, default=32, help="fixed output length (min = max new tokens)")
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--threads", type=int, default=0, help="torch threads (0 = torch's default)")
    args = p.parse_args(argv)

    import torch
    import transformers
    from transformers import BartConfig, BartForConditionalGeneration

    from summarizer.budget import Budget
    from summarizer.cluster import make_cluster
    from summarizer.methods.seq2seq import Seq2SeqSummarizer
    from summarizer.neural.generation import GenerationSettings
    from summarizer.neural.input_strategies import Concatenate
    from summarizer.neural.loading import LoadedModel

    if args.threads:
        torch.set_num_threads(args.threads)
    print(f"machine: {machine_note()}; torch {torch.__version__} threads {torch.get_num_threads()}; "
          f"transformers {transformers.__version__}")
    t0 = time.perf_counter()
    torch.manual_seed(0)
    model = BartForConditionalGeneration(BartConfig(**BART_LARGE_CNN)).eval()
    tokenizer = build_tokenizer()
    print(f"random bart-large-cnn: {sum(p.numel() for p in model.parameters()) / 1e6:.0f}M parameters, "
          f"built in {time.perf_counter() - t0:.1f} s")

    rng = random.Random(1)
    clusters = [make_cluster([invented_document(rng, rng.randint(4, 9)) for _ in range(args.documents)], f"c{k}")
                for k in range(args.clusters)]
    settings = GenerationSettings(**GENERATION, min_new_tokens=args.new_tokens, max_new_tokens=args.new_tokens)
    toolkit = Seq2SeqSummarizer(model="bart-large-cnn-random", device="cpu", batch_size=args.batch_size,
                                input_strategy=Concatenate("equal"), generation=settings,
                                max_input_tokens=args.input_tokens, cut=False)
    toolkit._loaded = LoadedModel(model=model, tokenizer=tokenizer, device="cpu", name="bart-large-cnn-random")
    config = settings.build(model)
    texts = toolkit.input_strategy.inputs(clusters, toolkit.context())
    n_in = [len(tokenizer(t)["input_ids"]) for t in texts]
    print(f"{args.clusters} clusters x {args.documents} documents, input {min(n_in)}-{max(n_in)} tokens, "
          f"output {args.new_tokens} tokens, beams {GENERATION['num_beams']}, batch {args.batch_size}")
    budget = Budget(1000, "words")

    per_cluster_generate(model, tokenizer, texts[:1], config)  # warm-up (allocator, kernels)
    times: dict[str, list[float]] = {"per-cluster generate (pipeline)": [], "toolkit Seq2SeqSummarizer": []}
    peaks: dict[str, list[float]] = {k: [] for k in times}
    outputs: dict[str, list[str]] = {}
    for _ in range(args.rounds):
        for name in times:
            with PeakRSS() as mem:
                start = time.perf_counter()
                if name.startswith("toolkit"):
                    outputs[name] = [s.metadata and " ".join(s.lines) for s in toolkit.summarize_many(clusters, budget)]
                else:
                    outputs[name] = per_cluster_generate(model, tokenizer, texts, config)
                times[name].append(time.perf_counter() - start)
            peaks[name].append(mem.extra_mb)
    base = min(times["per-cluster generate (pipeline)"])
    print()
    print("| method | best s | median s | clusters/s | new tokens/s | speed-up | peak RSS above start (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, ts in times.items():
        best = min(ts)
        print(f"| {name} | {best:.2f} | {statistics.median(ts):.2f} | {args.clusters / best:.3f} | "
              f"{args.clusters * args.new_tokens / best:.1f} | {base / best:.2f}x | {max(peaks[name]):.0f} |")
    a, b = outputs.values()
    same = sum(x.split() == y.split() for x, y in zip(a, b))
    print(f"\nsame output text (whitespace-normalised): {same}/{len(a)} clusters; after: {machine_note()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
