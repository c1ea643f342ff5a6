"""The ``mds`` command: one entry point, one module per subcommand, imported only when used.

Subcommands that build objects from configs (``run``, ``train``, and the method of ``brief``) take
Hydra override syntax; each module exposes ``main(argv) -> int``.
"""

from __future__ import annotations

import importlib
import signal
import sys

SUBCOMMANDS = {
    "brief": ("experiments.brief", "one cluster in, a cited briefing out"),
    "run": ("experiments.run", "run a Hydra experiment (dataset x method), scored with ROUGE"),
    "evaluate": ("experiments.evaluate", "score a JSONL of predictions against a dataset"),
    "report": ("experiments.report", "compare run folders: tables with CIs, significance, plots"),
    "train": ("experiments.train", "fine-tune a seq2seq checkpoint (Hydra)"),
}

USAGE = "usage: mds {" + ",".join(SUBCOMMANDS) + "} ...\n\n" + "\n".join(
    f"  {name:<9} {help_}" for name, (_, help_) in SUBCOMMANDS.items()
) + "\n\nRun 'mds COMMAND --help' for a command's options."


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if argv else 2
    if argv[0] == "--version":
        from summarizer import __version__

        print(f"mds-brief {__version__}")
        return 0
    name, rest = argv[0], argv[1:]
    if name not in SUBCOMMANDS:
        print(f"mds: error: unknown command {name!r} (choose from {', '.join(SUBCOMMANDS)})", file=sys.stderr)
        return 2
    from summarizer.children import exit_code, on_sigterm_raise

    previous = on_sigterm_raise()  # SIGTERM unwinds like Ctrl-C: children are stopped, no temp file is left
    try:
        module = importlib.import_module(SUBCOMMANDS[name][0])
        return int(module.main(rest) or 0)
    except KeyboardInterrupt as exc:  # outside a subcommand's own handler (e.g. while importing)
        print("mds: interrupted", file=sys.stderr)
        return exit_code(exc)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
