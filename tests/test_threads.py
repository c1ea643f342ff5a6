"""One BLAS thread for the small dense products: the count is limited inside and restored after,
and the products no longer depend on how many threads BLAS would use by default (the core count)."""

import numpy as np
from hypothesis import example, given, settings, strategies as st
from threadpoolctl import threadpool_info, threadpool_limits

from summarizer.threads import one_blas_thread


def blas_threads() -> list[int]:
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


def test_limits_blas_to_one_thread_and_restores_it():
    before = blas_threads()
    with one_blas_thread():
        assert blas_threads() and all(n == 1 for n in blas_threads())
    assert blas_threads() == before


def test_restores_the_count_after_an_error():
    before = blas_threads()
    try:
        with one_blas_thread():
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert blas_threads() == before


@settings(max_examples=15, deadline=None)
@example(rows=8, n=780, dim=256, seed=1)  # a shape whose 2- and 4-thread products differ
@given(rows=st.integers(1, 12), n=st.integers(1, 3000), dim=st.sampled_from([16, 256]), seed=st.integers(0, 2**16))
def test_products_do_not_depend_on_the_default_thread_count(rows, n, dim, seed):
    """What the briefing and selection compute: a few embedding rows against the whole cluster. With
    2 or 4 default threads the product may differ in its last bit; inside the context it does not,
    and it stays within rounding of the threaded one."""
    rng = np.random.default_rng(seed)
    cluster = rng.standard_normal((n, dim)).astype(np.float32)
    query = cluster[rng.integers(0, n, rows)]
    products = []
    for default in (2, 4):
        with threadpool_limits(default, user_api="blas"):
            threaded = query @ cluster.T
            with one_blas_thread():
                products.append((query @ cluster.T, cluster @ cluster[0]))
        np.testing.assert_allclose(products[-1][0], threaded, rtol=1e-5, atol=1e-4)
    assert np.array_equal(products[0][0], products[1][0]) and np.array_equal(products[0][1], products[1][1])
