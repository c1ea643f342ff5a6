"""Running a ``@hydra.main`` app as an ``mds`` subcommand: one place for argv and exit handling."""

from __future__ import annotations

import os
import sys
from typing import Callable, Sequence


def run_hydra_app(app: Callable[[], None], prog: str, argv: Sequence[str],
                  interrupted: str = "mds: interrupted") -> int:
    """Call ``app`` as if ``prog argv...`` had been typed, and turn how it ends into an exit code.

    Hydra reads ``sys.argv`` itself (so ``-m``, ``--help``, ``--cfg job`` work as documented);
    its own flag errors (ValueError) become one ``mds: error:`` line, Ctrl-C prints ``interrupted``.
    """
    from hydra.errors import HydraException
    from omegaconf.errors import OmegaConfBaseException

    saved = sys.argv
    sys.argv = [prog, *argv]
    full_error = os.environ.get("HYDRA_FULL_ERROR")
    os.environ["HYDRA_FULL_ERROR"] = "1"  # Hydra raises its errors to us instead of printing 10-25 lines
    try:
        app()
    except HydraException as exc:  # unknown config group option, bad override, composition errors
        print(f"mds: error: {hydra_message(exc)}", file=sys.stderr)
        return 2
    except OmegaConfBaseException as exc:  # a ??? value left unset, a bad interpolation
        lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
        print(f"mds: error: configuration: {lines[0] if lines else type(exc).__name__} "
              "(set it on the command line, e.g. key=value)", file=sys.stderr)
        return 2
    except OSError as exc:  # Hydra creating the run or sweep folder, a full disk
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"mds: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt as exc:
        from summarizer.children import exit_code

        print(interrupted, file=sys.stderr)
        return exit_code(exc)
    except ValueError as exc:  # Hydra's own check of the flags (e.g. --cfg with --multirun)
        print(f"mds: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    finally:
        sys.argv = saved
        if full_error is None:
            os.environ.pop("HYDRA_FULL_ERROR", None)
        else:
            os.environ["HYDRA_FULL_ERROR"] = full_error
    return 0


def hydra_message(exc: Exception) -> str:
    """One line for a Hydra error: what is wrong and, for a missing config, the choices there are."""
    from hydra.errors import MissingConfigException, OverrideParseException

    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    first = lines[0] if lines else type(exc).__name__
    if first.startswith("In ") and ": " in first:  # "In 'config': Could not find 'method/x'"
        first = first.split(": ", 1)[1]
    if isinstance(exc, MissingConfigException) and exc.options:
        group = exc.missing_cfg_file.rsplit("/", 1)[0] if exc.missing_cfg_file else "options"
        return f"{first} (available {group}: {', '.join(sorted(exc.options))})"
    if isinstance(exc, OverrideParseException):
        return f"cannot parse override {exc.override!r}: {first}"
    cause = exc.__cause__
    if cause is not None and str(cause).strip():
        return f"{first}: {' '.join(str(cause).split())[:300]}"
    return first
