"""Entry points on top of the library: the ``mds`` command, Hydra experiments, reports and training.

``summarizer`` knows nothing of Hydra or run folders; this package wires configs from ``conf/`` to it.
"""
