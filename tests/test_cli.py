"""The mds dispatcher: help, version, unknown commands (no traceback)."""

import subprocess
import sys


def run(*args):
    return subprocess.run([sys.executable, "-m", "experiments.cli", *args], capture_output=True, text=True)


def test_help_lists_every_subcommand():
    out = run("--help")
    assert out.returncode == 0
    for name in ("brief", "run", "evaluate", "report", "train"):
        assert name in out.stdout


def test_unknown_command_is_a_one_line_error():
    out = run("summarise")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_version():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("mds-brief ")
