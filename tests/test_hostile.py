"""The hostile-input suite: every command on inputs built to break it (see ``tests/hostile.py``).

Each case must end in a valid output (checked by its oracle) or a one-line error with a non-zero
exit; a traceback, a hang, a partial or lost file, a messy error or a silently wrong result fails.
Most cases run ``mds`` in this process with captured stdio; a few run it as a subprocess. Hypothesis
adds generated article texts and JSON clusters on top of the hand-written catalogue.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile

CASES = hostile.all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case, tmp_path):
    outcome, why, result = hostile.run_case(case, tmp_path / "case")
    assert outcome in hostile.PASSING, f"{case.name}: {outcome}: {why}"


def test_catalogue_covers_every_command():
    commands = {c.argv(Path("/x"))[0] for c in CASES}
    assert commands == {"brief", "run", "evaluate", "report", "train", "summarise"}
    assert len(CASES) >= 150


def test_judge_catches_each_failure_kind(tmp_path):
    """The classifier itself: an oracle that can fail, a traceback, a messy error, a refusal of good input."""
    ok = hostile.Result(0, "# Head\n\n- point [3]\n\n## Sources\n\n1. `a`\n", "", 0.1)
    case = hostile.Case("t", lambda d: [], expect="valid", oracle=hostile.brief_stdout)
    assert hostile.judge(case, tmp_path, ok, {})[0] == "wrong"  # citation [3] with one source
    assert hostile.judge(case, tmp_path, hostile.Result(1, "", "Traceback (most recent call last):\n x", 0.1), {})[0] == "traceback"
    assert hostile.judge(case, tmp_path, hostile.Result(2, "", "mds: error: x\nmore\n", 0.1), {})[0] == "messy"
    assert hostile.judge(case, tmp_path, hostile.Result(2, "", "mds: error: x\n", 0.1), {})[0] == "wrong"
    assert hostile.judge(case, tmp_path, hostile.Result(None, "", "", 30, hung=True), {})[0] == "hang"
    refuse = hostile.Case("t", lambda d: [])
    assert hostile.judge(refuse, tmp_path, hostile.Result(0, "", "", 0.1), {})[0] == "wrong"
    (tmp_path / ".out.md.123.tmp").write_text("half")
    assert hostile.judge(refuse, tmp_path, hostile.Result(2, "", "mds: error: x\n", 0.1), {})[0] == "partial"


# --- generated inputs ------------------------------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=400)
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=12)
FIELDS = st.fixed_dictionaries({}, optional={
    "id": JSON, "documents": st.lists(TEXT | JSON, max_size=4) | JSON, "references": st.lists(TEXT, max_size=2) | JSON,
    "topic": JSON | TEXT})


def _check(case: hostile.Case) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        outcome, why, _ = hostile.run_case(case, Path(tmp) / "case")
    assert outcome in hostile.PASSING, f"{outcome}: {why}"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_generated_articles(texts):
    """Any UTF-8 article text: a briefing that passes the Markdown oracle, or a one-line error."""
    _check(hostile.Case("gen-articles", lambda d: ["brief", str(d / "arts")], hostile.articles(texts), "any",
                        hostile.brief_stdout))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FIELDS)
def test_generated_clusters(row):
    """Any JSON object as a cluster: a valid briefing or a one-line error naming what is wrong."""
    _check(hostile.Case("gen-json", lambda d: ["brief", str(d / "c.json")], hostile.write("c.json", json.dumps(row)),
                        "any", hostile.brief_stdout))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries({"id": st.sampled_from(["c1", "c2"]) | JSON}, optional={"summary": TEXT | JSON}),
                min_size=1, max_size=3))
def test_generated_predictions(rows):
    """Any JSONL of predictions for ``mds evaluate``: scores or a one-line error."""
    _check(hostile.Case("gen-preds", lambda d: ["evaluate", str(d / "p.jsonl"), str(d / "d.jsonl"), "--no-progress",
                                                 "--resamples", "10"],
                        hostile.both(hostile.write_jsonl("d.jsonl", [hostile.cluster(), hostile.cluster(id="c2")]),
                                     hostile.write_jsonl("p.jsonl", rows)), "any"))
