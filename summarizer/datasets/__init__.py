"""Dataset loaders, one module per released format; each returns a ``Dataset`` (clusters + ``LoadReport``).

=============  ==========================================================================
``jsonl``      the JSONL of ``../shared/datasets`` (``load_jsonl``)
``folders``    a directory of cluster folders of .txt articles (``load_folders``)
``multinews``  Multi-News ``.src``/``.tgt`` line files (``load_multinews``)
``wcep``       WCEP JSONL of events with articles and a summary (``load_wcep``)
``duc``        DUC 2001-2007 SGML document sets + model summaries (``load_duc``)
``hf``         Hugging Face ``datasets`` by name (``load_hf``)
=============  ==========================================================================

Configs in ``conf/data/`` name these functions as ``_target_``.
"""

from summarizer.datasets.quirks import Dataset, DatasetError, LoadReport, tidy

__all__ = ["Dataset", "DatasetError", "LoadReport", "tidy"]
