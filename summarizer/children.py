"""Child processes that never outlive the ``mds`` process that started them.

A run starts Perl (ROUGE-1.5.5.pl) and, with ``n_jobs > 1``, joblib/loky worker processes. If the
parent is stopped (SIGTERM from a scheduler, ``kill``, Ctrl-C) or killed outright (``kill -9``, the
OOM killer), those children must not keep burning CPU for minutes with nobody to read their output:

- ``on_sigterm_raise()`` turns SIGTERM into an exception in the parent, so ``finally`` blocks run,
  temporary files go, joblib terminates its workers and ``run_child`` kills its child;
- ``run_child`` starts a command whose process gets SIGKILL from the kernel when the parent dies
  (Linux ``PR_SET_PDEATHSIG``) and that is killed when the parent is interrupted;
- ``TiedToParent`` wraps a function sent to worker processes: the worker first starts a watchdog
  thread that ends it as soon as its parent process is gone (works on every POSIX system, and does
  not depend on which thread of the parent spawned the worker, as the parent-death signal does).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import threading
from typing import Any, Callable, Sequence

PR_SET_PDEATHSIG = 1
WATCH_INTERVAL_S = 0.2


class Terminated(KeyboardInterrupt):
    """SIGTERM received: unwinds like Ctrl-C (cleanup runs), exits 143."""


def on_sigterm_raise() -> Any:
    """In the main thread of the parent: SIGTERM raises ``Terminated`` instead of dying on the spot.

    Returns the previous handler (for ``signal.signal`` to restore), None outside the main thread.
    """
    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum: int, frame: Any) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process at once
        raise Terminated()

    return signal.signal(signal.SIGTERM, handler)


def _set_parent_death_signal(sig: int = signal.SIGKILL) -> None:
    """Linux: the kernel sends ``sig`` to this process when its parent (thread) dies. No-op elsewhere."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)


def run_child(cmd: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess:
    """``subprocess.run`` for a child that dies with us: parent-death signal, killed on any exception."""
    parent = os.getpid()

    def preexec() -> None:
        _set_parent_death_signal()
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    kwargs.setdefault("capture_output", True)
    capture = kwargs.pop("capture_output")
    if capture:
        kwargs.setdefault("stdout", subprocess.PIPE)
        kwargs.setdefault("stderr", subprocess.PIPE)
    with subprocess.Popen(cmd, preexec_fn=preexec if os.name == "posix" else None, **kwargs) as proc:
        try:
            out, err = proc.communicate()
        except BaseException:  # SIGTERM (Terminated), Ctrl-C, anything: the child goes with us
            proc.kill()
            proc.wait()
            raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _watch_parent(parent: int) -> None:
    import time

    while True:
        if os.getppid() != parent:
            os._exit(1)  # orphaned: nobody will read our results
        time.sleep(WATCH_INTERVAL_S)


_watching: int | None = None


def die_with_parent(parent: int) -> None:
    """In a worker process: exit as soon as process ``parent`` is gone (idempotent, a daemon thread)."""
    global _watching
    if _watching == parent or os.getpid() == parent:
        return
    if os.getppid() != parent:
        os._exit(1)
    _watching = parent
    threading.Thread(target=_watch_parent, args=(parent,), name="mds-parent-watch", daemon=True).start()


class TiedToParent:
    """A picklable wrapper: ``TiedToParent(f)(*args)`` in a worker runs ``f`` after ``die_with_parent``."""

    def __init__(self, func: Callable[..., Any]) -> None:
        self.func = func
        self.parent = os.getpid()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        die_with_parent(self.parent)
        return self.func(*args, **kwargs)


def exit_code(exc: KeyboardInterrupt) -> int:
    """143 for SIGTERM, 130 for Ctrl-C: what a shell reports for a process ended by that signal."""
    return 143 if isinstance(exc, Terminated) else 130


__all__ = ["exit_code", "Terminated", "on_sigterm_raise", "run_child", "die_with_parent", "TiedToParent"]
