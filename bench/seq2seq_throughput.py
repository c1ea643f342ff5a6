"""CPU generation throughput: the toolkit's Seq2SeqSummarizer vs transformers' own batched ``generate``.

    .venv/bin/python bench/seq2seq_throughput.py                     # 8 clusters, 32 new tokens, 2 rounds
    .venv/bin/python bench/seq2seq_throughput.py --clusters 4 --new-tokens 16 --threads 2
    .venv/bin/python bench/seq2seq_throughput.py --tiny              # a tiny random BART (smoke test)

The model is the facebook/bart-large-cnn *architecture* (its public config, written out below) with
random weights: the hub is unreachable here and throughput does not depend on the weights, only on the
shapes, since the output length is fixed (min_new_tokens = max_new_tokens). The tokenizer is a small
byte-level BPE trained on invented text (token ids stay inside BART's vocabulary).

The anchor is plain transformers at the same batch size: tokenize ``--batch-size`` inputs with padding,
one ``model.generate`` call per batch with the same settings under torch.inference_mode, decode with
skip_special_tokens. It gets the exact input text the toolkit builds (built outside its timing); the
toolkit's timing includes building inputs, batching, decoding, sentence splitting and provenance, so
a ratio near 1.0 means the toolkit adds nothing but its own bookkeeping. A second reference row
generates one cluster at a time (what transformers' old ``summarization`` pipeline did per input).
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

sys.path.insert(0, str(ROOT / "bench"))

from benchdata import machine_note  # noqa: E402

# facebook/bart-large-cnn config.json (public), architecture fields.
BART_LARGE_CNN = dict(
    vocab_size=50264, d_model=1024, encoder_layers=12, decoder_layers=12, encoder_attention_heads=16,
    decoder_attention_heads=16, encoder_ffn_dim=4096, decoder_ffn_dim=4096, max_position_embeddings=1024,
    activation_function="gelu", dropout=0.1, attention_dropout=0.0, activation_dropout=0.0,
    scale_embedding=False, init_std=0.02, pad_token_id=1, bos_token_id=0, eos_token_id=2,
    decoder_start_token_id=2, forced_bos_token_id=0, forced_eos_token_id=2,
)
# A model of the same family small enough for a smoke test (seconds, not minutes).
TINY_BART = dict(BART_LARGE_CNN, d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                 decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64)
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


def batched_generate(model, tokenizer, texts, config, batch_size: int, max_length: int) -> list[str]:
    """Plain transformers: padded batches of ``batch_size`` inputs, one generate call each."""
    import torch

    out = []
    with torch.inference_mode():
        for start in range(0, len(texts), batch_size):
            enc = tokenizer(texts[start:start + batch_size], return_tensors="pt", padding=True, truncation=True,
                            max_length=max_length)
            ids = model.generate(**enc, generation_config=config)
            out.extend(t.strip() for t in tokenizer.batch_decode(ids, skip_special_tokens=True))
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
    p.add_argument("--tiny", action="store_true", help="a tiny random BART instead of bart-large-cnn's shape")
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
    model = BartForConditionalGeneration(BartConfig(**(TINY_BART if args.tiny else BART_LARGE_CNN))).eval()
    tokenizer = build_tokenizer()
    print(f"random {'tiny bart' if args.tiny else 'bart-large-cnn'}: {sum(p.numel() for p in model.parameters()) / 1e6:.0f}M parameters, "
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

    anchor = f"transformers generate, batch {args.batch_size}"
    single = "transformers generate, one cluster at a time"
    runners = {
        anchor: lambda: batched_generate(model, tokenizer, texts, config, args.batch_size, args.input_tokens + 2),
        "toolkit Seq2SeqSummarizer": lambda: [" ".join(s.lines) for s in toolkit.summarize_many(clusters, budget)],
        single: lambda: batched_generate(model, tokenizer, texts, config, 1, args.input_tokens + 2),
    }
    batched_generate(model, tokenizer, texts[:1], config, 1, args.input_tokens + 2)  # warm-up (allocator, kernels)
    times: dict[str, list[float]] = {name: [] for name in runners}
    peaks: dict[str, list[float]] = {k: [] for k in times}
    outputs: dict[str, list[str]] = {}
    for _ in range(args.rounds):
        for name in times:
            with PeakRSS() as mem:
                start = time.perf_counter()
                outputs[name] = runners[name]()
                times[name].append(time.perf_counter() - start)
            peaks[name].append(mem.extra_mb)
    base = statistics.median(times[anchor])
    print()
    print(f"| method | best s | median s | clusters/s | new tokens/s | speed vs {anchor} (medians) "
          "| peak RSS above start (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, ts in times.items():
        best = min(ts)
        print(f"| {name} | {best:.2f} | {statistics.median(ts):.2f} | {args.clusters / best:.3f} | "
              f"{args.clusters * args.new_tokens / best:.1f} | {base / statistics.median(ts):.2f}x | "
              f"{max(peaks[name]):.0f} |")
    a, b = outputs[anchor], outputs["toolkit Seq2SeqSummarizer"]
    same = sum(x.split() == y.split() for x, y in zip(a, b))
    print(f"\nsame output text as the anchor (whitespace-normalised): {same}/{len(a)} clusters; "
          f"after: {machine_note()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
