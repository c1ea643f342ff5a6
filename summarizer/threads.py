"""One BLAS thread for the small dense products of selection and citations.

Selection's restatement test and a briefing's citations multiply a few embedding rows (a point, a
candidate) by the cluster's embeddings: a few rows by a few thousand, too small to share out.
OpenBLAS still wakes its threads for each product, and they spin waiting for the next one; on a
2-core machine that spinning was a quarter of the ``mds brief`` pipeline's CPU (docs/speed.md).
How OpenBLAS splits a product across threads changes the last bit of some elements, so with its
default (a thread per core) these products depended on the machine's core count; on one thread they
are the same everywhere (``tests/test_threads.py``). The briefings of the dev clusters and seeds
are byte-identical to the 2-thread default's (docs/speed.md).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _controller() -> Any:
    """threadpoolctl's view of the BLAS libraries loaded by numpy (found once per process)."""
    import numpy  # noqa: F401  (its BLAS must be loaded before the controller looks)
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread() -> AbstractContextManager:
    """A context in which BLAS (numpy's dense products) uses one thread; the count is restored after."""
    return _controller().limit(limits=1, user_api="blas")


__all__ = ["one_blas_thread"]
