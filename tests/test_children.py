"""Children die with their parent: SIGTERM and kill -9 of the parent leave no Perl or loky worker behind."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

psutil = pytest.importorskip("psutil")

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal: Linux")

PARENT = textwrap.dedent('''
    import os, sys, time
    sys.path.insert(0, {repo!r})
    from summarizer.children import TiedToParent, exit_code, on_sigterm_raise, run_child

    def nap(seconds):
        time.sleep(seconds)
        return os.getpid()

    on_sigterm_raise()
    try:
        if sys.argv[1] == "child":      # as the Perl backend starts ROUGE-1.5.5.pl
            run_child(["sleep", "120"])
        else:                           # as mds run n_jobs=2 starts loky workers
            from joblib import Parallel, delayed
            list(Parallel(n_jobs=2, backend="loky")(delayed(TiedToParent(nap))(120) for _ in range(4)))
    except KeyboardInterrupt as exc:
        sys.exit(exit_code(exc))
''')


def _wait_for_children(proc: subprocess.Popen, n: int, timeout: float = 60) -> list:
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kids = [k for k in parent.children(recursive=True) if _busy(k)]
        if len(kids) >= n:
            return parent.children(recursive=True)
        time.sleep(0.2)
    raise AssertionError(f"parent never started {n} children")


def _busy(kid) -> bool:
    try:
        cmd = " ".join(kid.cmdline())
    except psutil.Error:
        return False
    return "sleep" in cmd or "loky" in cmd and "resource_tracker" not in cmd


def _alive(kids: list, timeout: float) -> list:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = [k for k in kids if k.is_running() and k.status() != psutil.STATUS_ZOMBIE]
        if not alive:
            return []
        time.sleep(0.1)
    return alive


@pytest.mark.parametrize("kind,n", [("child", 1), ("workers", 2)])
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_children_die_with_parent(tmp_path, kind, n, sig):
    script = tmp_path / "parent.py"
    script.write_text(PARENT.format(repo=str(REPO)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), kind], stderr=subprocess.PIPE, text=True)
    try:
        kids = _wait_for_children(proc, n)
        proc.send_signal(sig)
        code = proc.wait(timeout=30)
        assert code == (143 if sig == signal.SIGTERM else -9), proc.stderr.read()
        if sig == signal.SIGTERM:
            assert "Traceback" not in proc.stderr.read()
        left = _alive(kids, timeout=30)  # the resource tracker exits once the workers are gone
        assert not left, [" ".join(k.cmdline()) for k in left]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
