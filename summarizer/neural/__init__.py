"""Building blocks of the abstractive (Hugging Face seq2seq) summarizer.

Nothing here imports torch or transformers at module level: extractive users never pay for them.
``loading`` finds and loads checkpoints, ``generation`` holds decoding settings, ``input_strategies``
turns a multi-document cluster into model input, ``provenance`` links generated sentences to sources.
"""
