"""ROUGE you can cite: every setting named, per-cluster scores kept, NIST's numbers reproduced.

``evaluate(summaries, clusters, RougeSettings(...))`` scores one system; ``evaluate_systems``
scores a whole shared task (many systems, humans jackknifed as NIST does). Both run through one
``Metric`` interface (``metric.py``) with two implementations: rouge-score (default) and the
official ROUGE-1.5.5 Perl script (``backend="perl"``). Scores are ``Score(precision, recall,
fmeasure)`` values. See docs/evaluation.md.
"""

from summarizer.evaluation.evaluate import AVERAGES, Evaluation, Prediction, SharedTask, evaluate, evaluate_systems
from summarizer.evaluation.metric import Eval, EvalScores, Metric, OfficialAverage
from summarizer.evaluation.scores import Score
from summarizer.evaluation.settings import (BACKENDS, DEFAULT_METRICS, MULTIREF_POLICIES, SENTENCE_MODES,
                                            RougeSettings)

__all__ = ["AVERAGES", "BACKENDS", "DEFAULT_METRICS", "MULTIREF_POLICIES", "SENTENCE_MODES", "Eval", "EvalScores",
           "Evaluation", "Metric", "OfficialAverage", "Prediction", "RougeSettings", "Score", "SharedTask",
           "evaluate", "evaluate_systems"]
