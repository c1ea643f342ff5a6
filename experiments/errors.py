"""One-line errors for users: bad input ends with a message and a non-zero exit, never a traceback."""

from __future__ import annotations

import sys
from functools import wraps
from typing import Callable

from experiments.files import OutputError
from summarizer.errors import InputError


class UserError(Exception):
    """A problem with the user's input or settings; its message is shown as is, on one line."""


def exit_on_user_error(func: Callable[..., int]) -> Callable[..., int]:
    """Turn UserError and the library's InputError into ``mds: message`` on stderr and exit code 2."""

    @wraps(func)
    def wrapper(*args, **kwargs) -> int:
        try:
            return func(*args, **kwargs)
        except (UserError, InputError, OutputError) as exc:
            print(f"mds: error: {_one_line(exc)}", file=sys.stderr)
            return 2
        except KeyboardInterrupt as exc:
            from summarizer.children import exit_code

            print("mds: interrupted", file=sys.stderr)
            return exit_code(exc)

    return wrapper


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
