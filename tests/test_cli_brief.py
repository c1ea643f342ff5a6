"""`mds brief` end to end, by subprocess: the sample cluster, and bad input that must fail cleanly."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SHARED = Path(os.environ.get("MDS_SHARED", ROOT.parent / "shared"))

ARTICLE = """Ferry service to Holm Island resumes after storm

The ferry between Port Selby and Holm Island resumed on Monday after a storm halted crossings for three days.
About 400 islanders had been cut off from the mainland, the ferry company said.
The company added two extra crossings on Monday evening to clear a backlog of lorries.
"""


def mds(*args: str, stdin: str | None = None, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "experiments.cli", "brief", *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd or ROOT, timeout=timeout)


def assert_one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> None:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith("mds: error:")]
    assert len(errors) == 1, proc.stderr
    for needle in needles:
        assert needle in errors[0], errors[0]


def assert_briefing(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    out = proc.stdout
    assert out.startswith("# ")
    assert "\n## Sources\n" in out
    return out


def test_sample_cluster_markdown() -> None:
    out = assert_briefing(mds(str(SAMPLE)))
    bullets = [ln for ln in out.splitlines() if ln.startswith("- ")]
    assert 3 <= len(bullets) <= 10
    assert all(re.search(r"(\[\d+\])+$", b) for b in bullets)
    assert any(re.search(r"\[\d+\]\[\d+\]", b) for b in bullets), "some point should be cited by several articles"
    # No page noise reaches the briefing.
    for noise in ("READ MORE", "Podcasts", "Dear reader", "riverwatcher", "icon", "Exit mobile", "\u00a9", "Photo by"):
        assert noise not in out
    sources = out.split("## Sources")[1]
    assert re.search(r"^1\. River Tane floods Marrowby", sources, re.M)
    assert "reference" not in sources  # reference.txt is a reference summary, not an article
    words = sum(len(b.split()) for b in bullets)
    assert words <= 160 + 6 * len(bullets)  # budget in words (+ citation markers)


def test_sample_json_has_full_provenance() -> None:
    proc = mds(str(SAMPLE), "--format", "json", "--sentences", "3")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["headline"] and len(data["points"]) == 3
    assert data["budget"] == "3 sentences"
    ids = [s["id"] for s in data["sources"]]
    for p in data["points"]:
        assert isinstance(p["doc"], int) and isinstance(p["position"], int)
        assert p["citations"], p
        own = [c for c in p["citations"] if c["doc"] == p["doc"]]
        assert own and own[0]["position"] == p["position"]
        for c in p["citations"]:
            assert 0 <= c["similarity"] <= 1.0 + 1e-6
            assert ids[c["source"] - 1] == ids[c["doc"]] == c["doc_id"]


def test_output_file_and_overrides(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    proc = mds(str(SAMPLE), "-o", str(out), "--words", "60", "method.damping=0.9")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    text = out.read_text()
    assert text.startswith("# ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]  # no temp file left


def test_stdin_json_cluster() -> None:
    cluster = {"id": "ferry", "documents": [ARTICLE, ARTICLE.replace("three", "four")]}
    out = assert_briefing(mds("-", stdin=json.dumps(cluster)))
    assert "ferry" in out.lower()


def test_no_clean_keeps_noise(tmp_path: Path) -> None:
    teaser = "READ MORE: Why lighthouse keepers still matter on remote northern coasts today."
    (tmp_path / "a.txt").write_text(ARTICLE + "\n" + teaser + "\n")
    assert "READ MORE" not in assert_briefing(mds(str(tmp_path), "--sentences", "5"))
    assert "READ MORE" in assert_briefing(mds(str(tmp_path), "--sentences", "5", "--no-clean", "method.selector.redundancy=1.0"))


@pytest.mark.parametrize("args, needles", [
    (["--method", "nosuchmethod"], ["unknown method", "textrank"]),
    (["method.nosuchkey=1"], ["configuration"]),
    (["selector.redundancy=0.9"], ["selector.redundancy", "method.selector"]),  # never silently ignored
    (["pipeline.semantic_model=/no/such/model"], ["sentence"]),  # not installed, or no such model
    (["--words", "0"], ["--words"]),
    (["stray_argument"], ["key=value"]),
])
def test_bad_options(args: list[str], needles: list[str]) -> None:
    assert_one_line_error(mds(str(SAMPLE), *args), *needles)


def test_missing_path_and_output_dir(tmp_path: Path) -> None:
    assert_one_line_error(mds(str(tmp_path / "nope")), "no such file")
    assert_one_line_error(mds(str(SAMPLE), "-o", str(tmp_path / "no" / "dir" / "b.md")), "does not exist")


def test_empty_directory(tmp_path: Path) -> None:
    out = tmp_path / "b.md"
    assert_one_line_error(mds(str(tmp_path), "-o", str(out)), str(tmp_path.name), "empty")
    assert not out.exists()


def test_empty_files(tmp_path: Path) -> None:
    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_text("")
    (d / "b.txt").write_text("  \n\n")
    assert_one_line_error(mds(str(d)), "empty")
    (d / "c.txt").write_text(ARTICLE)
    proc = mds(str(d))
    assert_briefing(proc)
    assert "a.txt" in proc.stderr and "warning" in proc.stderr


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    out = tmp_path / "out.md"
    assert_one_line_error(mds(str(tmp_path), "-o", str(out)), "b.txt", "binary")
    assert not out.exists()


def test_invalid_utf8(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode() + "Caf\u00e9 owners said.".encode("latin-1"))
    offset = len(ARTICLE.encode()) + 3
    assert_one_line_error(mds(str(tmp_path)), "a.txt", "invalid UTF-8", f"byte {offset}")


def test_invalid_json(tmp_path: Path) -> None:
    f = tmp_path / "c.json"
    f.write_text('{"documents": [\n  "a",\n  oops\n]}')
    assert_one_line_error(mds(str(f)), "c.json:3", "invalid JSON")
    f.write_text('{"documents": "not a list"}')
    assert_one_line_error(mds(str(f)), "c.json", "documents")
    assert_one_line_error(mds("-", stdin="[1, 2]"), "<stdin>")


def test_one_document(tmp_path: Path) -> None:
    (tmp_path / "only.txt").write_text(ARTICLE)
    out = assert_briefing(mds(str(tmp_path)))
    assert "[1]" in out and "[2]" not in out
    assert out.startswith("# Ferry service to Holm Island resumes after storm")


def test_document_without_sentence_punctuation(tmp_path: Path) -> None:
    rng = random.Random(1)
    words = "ferry island storm harbour crossing lorries islanders company weather captain".split()
    (tmp_path / "raw.txt").write_text(" ".join(rng.choice(words) for _ in range(500)))
    out = assert_briefing(mds(str(tmp_path), "--format", "md"))
    assert "- " in out


def test_twenty_megabyte_document(tmp_path: Path) -> None:
    rng = random.Random(0)
    words = "river flood town mayor water shelter rain bridge council street families minister fund repair".split()
    block = "\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(8, 25))).capitalize() + "."
                      for _ in range(8000))  # ~1 MB of distinct sentences, repeated to 20 MB
    lines = ["Huge flood report", ""] + [block] * (20_000_000 // len(block) + 1)
    d = tmp_path / "big"
    d.mkdir()
    (d / "huge.txt").write_text("\n".join(lines))
    (d / "other.txt").write_text(ARTICLE)
    out_file = tmp_path / "b.md"
    proc = mds(str(d), "-o", str(out_file), timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "huge" in proc.stderr and "warning" in proc.stderr  # truncation is announced
    assert out_file.read_text().startswith("# ")


@pytest.mark.shared
def test_seeds_briefing() -> None:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} not found (set MDS_SHARED to the shared data folder)")
    out = assert_briefing(mds(str(seeds)))
    body = out.split("## Sources")[0]
    for noise in ("READ MORE", "Podcasts", "Dear reader", "Vladimyrych", "icon", "Exit mobile", "\u00a9", "Photo by",
                  "KABUL", "56785aab"):
        assert noise not in body
    for name in ("Hollande", "Putin", "Le Drian", "Shoigu"):
        assert name in body
    # A dated timeline after a bottom line: Hollande-Putin in Moscow on Thursday 26 November 2015, then
    # Le Drian-Shoigu on Monday 21 December 2015, each under its own date with at least two points.
    assert body.index("**Bottom line:**") < body.index("## Timeline")
    assert body.index("### Thursday 26 November 2015") < body.index("### Monday 21 December 2015")
    proc = mds(str(seeds), "--format", "json")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    data = json.loads(proc.stdout)
    groups = {g["date"]: [data["points"][i]["text"] for i in g["points"]] for g in data["timeline"]}
    assert len(groups["2015-11-26"]) >= 2 and len(groups["2015-12-21"]) >= 2
    assert any("Hollande" in t or "Putin" in t for t in groups["2015-11-26"])
    assert any("Le Drian" in t or "Shoigu" in t for t in groups["2015-12-21"])
    texts = [" ".join(p["text"].lower().split()) for p in data["points"]]
    assert len(set(texts)) == len(texts)
    assert not any(a != b and a in b for a in texts for b in texts)  # no point repeats another
    assert all(p["dated"]["how"] in ("expression", "article", "published") for p in data["points"])


def test_briefing_settings_errors_are_one_line(tmp_path: Path) -> None:
    for bad in ("semantic_threshold=abc", "max_citations=0", "similarity=magic"):
        proc = mds(str(SAMPLE), bad)
        assert proc.returncode != 0 and "Traceback" not in proc.stderr, (bad, proc.stderr)
        assert len(proc.stderr.strip().splitlines()) == 1 and "briefing settings" in proc.stderr
