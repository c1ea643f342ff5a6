"""One pipeline for every command: ``mds brief`` on a cluster and ``mds run`` on a dataset holding it,
with the same method, budget and selector, choose the same sentences (invented text; the run is a
subprocess, each brief runs ``mds`` in this process as the hostile-input suite does)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import hostile
from experiments.configs import METHODS


EXTRACTIVE = [m for m in METHODS if m != "seq2seq"]
WORDS = 45

CLUSTER = {
    "id": "ferry",
    "documents": [
        {"id": "wire", "source": "Wire", "title": "Ferry strike halts island crossings",
         "text": "Ferry crews on the northern route walked out on Monday over a pay dispute.\n"
                 "Advertisement\n"
                 "The strike stopped all crossings to the three islands for at least two days. "
                 "Island shops said bread and fuel deliveries would run short by Wednesday. "
                 "The operator said talks with the union would resume on Tuesday morning."},
        {"id": "courier", "source": "Courier", "title": "Islands cut off as ferry crews strike",
         "text": "Islanders were cut off on Monday when ferry crews began a strike over pay. "
                 "The union said its members had not had a rise in four years. "
                 "Hospital patients with mainland appointments were moved by helicopter. "
                 "The operator called the walkout reckless and said talks would resume on Tuesday."},
        {"id": "wire-copy", "source": "Gazette",
         "text": "Ferry crews on the northern route walked out on Monday over a pay dispute.\n"
                 "The strike stopped all crossings to the three islands for at least two days. "
                 "Island shops said bread and fuel deliveries would run short by Wednesday. "
                 "The operator said talks with the union would resume on Tuesday morning."},
        {"id": "radio", "source": "Radio North",
         "text": "The island council asked the government to step in and end the ferry strike. "
                 "Councillors said fuel for the island power station would last a week. "
                 "A relief boat chartered by the council is expected to sail on Wednesday."},
    ],
    "references": ["Ferry crews on the northern route went on strike over pay, cutting off three islands. "
                   "Patients were moved by helicopter and the council asked the government to intervene."],
}


def mds(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "experiments.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def run_predictions(tmp_path_factory) -> dict[str, list[str]]:
    """One ``mds run`` sweep over every extractive method (briefing selector, same budget)."""
    root = tmp_path_factory.mktemp("pipeline")
    data = root / "cluster.jsonl"
    data.write_text(json.dumps(CLUSTER) + "\n", encoding="utf-8")
    sweep = root / "sweep"
    out = mds("run", "-m", f"method={','.join(EXTRACTIVE)}", "data=jsonl", f"data.loader.path={data}",
              "selector=briefing", f"budget.limit={WORDS}", "budget.unit=words", "progress=false",
              "evaluation.n_resamples=10", f"hydra.sweep.dir={sweep}", cwd=root)
    assert out.returncode == 0, out.stderr[-3000:]
    got = {}
    for num, method in enumerate(EXTRACTIVE):
        rows = [json.loads(line) for line in (sweep / str(num) / "predictions.jsonl").read_text().splitlines()]
        got[method] = [s["text"] for s in rows[0]["sentences"]]
    return {"root": root, **got}


@pytest.mark.parametrize("method", EXTRACTIVE)
def test_brief_and_run_choose_the_same_sentences(method: str, run_predictions) -> None:
    root = run_predictions["root"]
    path = root / "cluster.json"
    path.write_text(json.dumps(CLUSTER), encoding="utf-8")
    out = hostile.invoke(["brief", str(path), "--method", method, "--words", str(WORDS), "--format", "json"])
    assert out.rc == 0, out.err[-3000:]
    briefing = json.loads(out.out)
    points = [p["text"] for p in briefing["points"]]
    assert points and points == run_predictions[method]
    # the pipeline ran in both: page noise is gone and the copy is listed under its survivor, not briefed
    assert not any("Advertisement" in p for p in points)
    assert [s["id"] for s in briefing["sources"]] == ["wire", "courier", "radio"]
