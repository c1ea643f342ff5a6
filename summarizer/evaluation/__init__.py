"""ROUGE you can cite: every setting named, per-cluster scores kept, NIST's numbers reproduced.

``evaluate(summaries, clusters, RougeSettings(...))`` scores with rouge-score (default) or the
official ROUGE-1.5.5 Perl script (``backend="perl"``); ``Evaluation.aggregate()`` gives seeded
bootstrap CIs; ``significance`` compares methods on the same clusters. See docs/evaluation.md.
"""

from summarizer.evaluation.evaluate import Evaluation, evaluate
from summarizer.evaluation.settings import BACKENDS, DEFAULT_METRICS, MULTIREF_POLICIES, RougeSettings

__all__ = ["BACKENDS", "DEFAULT_METRICS", "MULTIREF_POLICIES", "Evaluation", "RougeSettings", "evaluate"]
