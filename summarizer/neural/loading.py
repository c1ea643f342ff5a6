"""Loading a seq2seq checkpoint (hub name or local folder) safely and with honest offline errors.

``trust_remote_code`` stays off unless the config turns it on (remote code runs arbitrary Python),
safetensors are preferred over pickled weights, and an unreachable hub gives one line naming the model
and how to use a local copy instead of a 50-second retry loop and a traceback.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from summarizer.errors import InputError


class ModelLoadError(InputError):
    """A checkpoint could not be loaded; the message is one line, fit for a CLI error."""


@dataclass(frozen=True)
class LoadedModel:
    """A model and tokenizer ready to generate, plus where and how they were loaded."""

    model: Any
    tokenizer: Any
    device: str
    name: str


def resolve_device(device: str = "auto") -> str:
    """'auto' picks cuda, then Apple mps, then cpu; anything else is passed to torch as is."""
    import torch

    if device != "auto":
        return device
    if torch.cuda.is_available():
        return "cuda"
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return "mps"
    return "cpu"


def resolve_dtype(dtype: str | None, device: str) -> Any:
    """'auto' is float16 on GPUs that lack bfloat16, bfloat16 where supported, float32 on cpu.

    float32 on CPU because half precision matmuls there are slower, not faster, on most machines.
    """
    import torch

    if dtype in (None, "auto"):
        if device.startswith("cuda"):
            return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        return torch.float32
    try:
        value = getattr(torch, str(dtype))
    except AttributeError:
        value = None
    if not isinstance(value, torch.dtype):
        raise ModelLoadError(f"unknown dtype {dtype!r} (use auto, float32, float16 or bfloat16)")
    return value


def _hub_reachable(timeout: float = 3.0) -> bool:
    """A cheap DNS + TCP probe of the hub, so offline machines fail in a second, not after retries."""
    from huggingface_hub import constants

    if constants.HF_HUB_OFFLINE:
        return False
    host = urlparse(constants.ENDPOINT).hostname or "huggingface.co"
    try:
        with socket.create_connection((host, 443), timeout=timeout):
            return True
    except OSError:
        return False


def _offline_message(name: str, reason: str) -> str:
    return (f"cannot load model {name!r}: {reason}; download it where the hub is reachable "
            f"(e.g. `hf download {name} --local-dir models/{name.split('/')[-1]}`) "
            f"and pass the folder instead, e.g. method.model=models/{name.split('/')[-1]}")


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:200] + "...") if len(text) > 200 else text or type(exc).__name__


def load_seq2seq(name: str, device: str = "auto", dtype: str | None = "auto", trust_remote_code: bool = False,
                 revision: str | None = None, use_safetensors: bool | None = None) -> LoadedModel:
    """AutoTokenizer + AutoModelForSeq2SeqLM for a hub name or a local folder, in eval mode on ``device``.

    use_safetensors: None prefers ``*.safetensors`` and falls back to pickled ``*.bin`` weights;
        True refuses pickles (safer for untrusted checkpoints).
    """
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    local = Path(name).expanduser()
    is_local = local.is_dir()
    if not is_local and (name.startswith((".", "/", "~")) or os.sep in name.strip("/").replace("/", "", 1)):
        raise ModelLoadError(f"cannot load model {name!r}: no such folder")
    source = str(local) if is_local else name
    device = resolve_device(device)
    kwargs: dict[str, Any] = {"trust_remote_code": bool(trust_remote_code)}
    if revision:
        kwargs["revision"] = revision

    def load(local_only: bool) -> LoadedModel:
        tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=local_only, **kwargs)
        model = AutoModelForSeq2SeqLM.from_pretrained(source, local_files_only=local_only,
                                                      use_safetensors=use_safetensors,
                                                      dtype=resolve_dtype(dtype, device), **kwargs)
        model.to(device)
        model.eval()
        return LoadedModel(model=model, tokenizer=tokenizer, device=device, name=name)

    if use_safetensors:
        load = _explain_safetensors(load)

    from transformers.utils import logging as hf_logging

    bar = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # a per-tensor "Loading weights" bar on every CLI call is noise
    try:
        return _load(name, local, is_local, load)
    finally:
        if bar:
            hf_logging.enable_progress_bar()


def _explain_safetensors(load: Any) -> Any:
    def wrapped(local_only: bool) -> LoadedModel:
        try:
            return load(local_only)
        except OSError as exc:
            if "safetensors" in str(exc):
                raise OSError(f"no *.safetensors weights and use_safetensors=true refuses pickled *.bin ({exc})") from exc
            raise
    return wrapped


def _load(name: str, local: Path, is_local: bool, load: Any) -> LoadedModel:
    try:
        if is_local:
            return load(local_only=True)
        try:  # the hub cache first: no network round trips when the model is already downloaded
            return load(local_only=True)
        except (OSError, ValueError):
            pass
        if not _hub_reachable():
            raise ModelLoadError(_offline_message(name, "it is not in the local cache and the Hugging Face hub is unreachable"))
        return load(local_only=False)
    except ModelLoadError:
        raise
    except (OSError, ValueError, ImportError) as exc:  # hub errors subclass OSError / ValueError
        if is_local:
            raise ModelLoadError(f"cannot load model from folder {str(local)!r}: {_first_line(exc)}") from exc
        raise ModelLoadError(_offline_message(name, _first_line(exc))) from exc
