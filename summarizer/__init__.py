"""mds-brief: multi-document summarization, from a cluster of articles to one cited briefing.

The core types live here; methods are in ``summarizer.methods`` (one module each), evaluation in
``summarizer.evaluation``. Nothing heavy (torch, transformers, sklearn) is imported by this package.
"""

from summarizer.base import ExtractiveSummarizer, Summarizer
from summarizer.budget import Budget
from summarizer.cluster import Cluster, Document, Sentence, make_cluster
from summarizer.selection import Selector
from summarizer.summary import Summary, SummarySentence

__all__ = [
    "Budget",
    "Cluster",
    "Document",
    "ExtractiveSummarizer",
    "Selector",
    "Sentence",
    "Summarizer",
    "Summary",
    "SummarySentence",
    "make_cluster",
]
__version__ = "0.1.0"
