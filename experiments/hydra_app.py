"""Running a ``@hydra.main`` app as an ``mds`` subcommand: one place for argv and exit handling."""

from __future__ import annotations

import sys
from typing import Callable, Sequence


def run_hydra_app(app: Callable[[], None], prog: str, argv: Sequence[str],
                  interrupted: str = "mds: interrupted") -> int:
    """Call ``app`` as if ``prog argv...`` had been typed, and turn how it ends into an exit code.

    Hydra reads ``sys.argv`` itself (so ``-m``, ``--help``, ``--cfg job`` work as documented);
    its own flag errors (ValueError) become one ``mds: error:`` line, Ctrl-C prints ``interrupted``.
    """
    saved = sys.argv
    sys.argv = [prog, *argv]
    try:
        app()
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
    return 0
