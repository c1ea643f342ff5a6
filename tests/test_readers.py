"""Readers: directories of articles, JSON clusters, JSONL, stdin; one-line errors naming the file."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import warnings
from pathlib import Path

import pytest

from summarizer.readers import ReaderError, ReaderWarning, parse_article, read_cluster, read_jsonl

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MDS_SHARED", ROOT.parent / "shared"))

BODY = "The ferry resumed on Monday after a storm.\n\nAbout 400 islanders had been cut off, the company said.\n"


def write(d: Path, name: str, text: str | bytes) -> Path:
    p = d / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode())
    return p


def one_line(exc: pytest.ExceptionInfo) -> str:
    msg = str(exc.value)
    assert "\n" not in msg
    return msg


def test_directory_sorted_by_name_with_titles(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "Second story title\n\n" + BODY)
    write(tmp_path, "a.txt", "First story title\n\n" + BODY)
    write(tmp_path, "notes.md", "ignored")
    cluster = read_cluster(tmp_path)
    assert [d.id for d in cluster.documents] == ["a", "b"]
    assert cluster.documents[0].title == "First story title"
    assert cluster.documents[0].text.startswith("The ferry resumed")
    assert cluster.id == tmp_path.name


def test_no_title_when_first_line_is_a_sentence(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    doc = read_cluster(tmp_path).documents[0]
    assert doc.title is None
    assert doc.text == BODY.strip("\n")


def test_header_parsing_like_scraped_pages() -> None:
    text = ("icon bookmarkicon cameraicon checkicon closeicon editicon fbicon mailicon\n"
            "21 Dec, 2015 11:36\n\nFerry back after storm\n\nFerry back after storm\n\n" + BODY)
    doc = parse_article(text, "x")
    assert doc.title == "Ferry back after storm"
    assert doc.date == dt.date(2015, 12, 21)
    assert "21 Dec" not in doc.text
    assert doc.text.count("Ferry back after storm") == 1  # the repeat is left for cleaning

    doc = parse_article("Harbour Daily\n\nFerry back on the island route\n\nPublished November 27th, 2015 - 06:00 GMT\n\n"
                        + BODY, "y")
    assert (doc.source, doc.title, doc.date) == ("Harbour Daily", "Ferry back on the island route", dt.date(2015, 11, 27))
    assert doc.text == BODY.strip("\n")


def test_noise_lines_are_never_titles() -> None:
    doc = parse_article("Podcasts\n0:00\nExit mobile version\n", "n")
    assert doc.title is None
    doc = parse_article("Photo by: AFP\n\nFerry back after storm\n\n" + BODY, "m")
    assert doc.title == "Ferry back after storm"


def test_a_date_inside_a_sentence_is_not_a_dateline() -> None:
    doc = parse_article("Ferry back\n\nOn 21 December 2015 the ferry resumed.\n", "z")
    assert doc.date is None
    assert "21 December 2015" in doc.text


def test_reference_files_become_references(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "reference.txt", "The ferry is back.\n")
    cluster = read_cluster(tmp_path)
    assert len(cluster.documents) == 1
    assert cluster.references == ("The ferry is back.",)


def test_missing_empty_and_wrong_directories(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such file") as e:
        read_cluster(tmp_path / "missing")
    assert "missing" in one_line(e)
    with pytest.raises(ReaderError, match="directory is empty"):
        read_cluster(tmp_path)
    write(tmp_path, "x.csv", "a,b")
    with pytest.raises(ReaderError, match="no .txt or .html files"):
        read_cluster(tmp_path)


def test_empty_files_are_skipped_with_a_warning_unless_all_are(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "")
    write(tmp_path, "b.txt", "\n  \n")
    with pytest.raises(ReaderError, match="all 2 .txt files are empty"):
        read_cluster(tmp_path)
    write(tmp_path, "c.txt", BODY)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cluster = read_cluster(tmp_path)
    assert [d.id for d in cluster.documents] == ["c"]
    assert any(issubclass(w.category, ReaderWarning) and "a.txt" in str(w.message) for w in caught)


def test_binary_and_encodings(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", b"GIF89a\x00\x01\x02")
    with pytest.raises(ReaderError, match=r"a\.txt: binary file \(NUL byte at offset 6\)") as e:
        read_cluster(tmp_path)
    one_line(e)
    write(tmp_path, "a.txt", "Caf\u00e9 owners reopened.".encode("latin-1"))
    with pytest.raises(ReaderError, match=r"a\.txt: invalid UTF-8 at byte 3"):
        read_cluster(tmp_path)
    write(tmp_path, "a.txt", "Caf\u00e9 owners reopened.".encode("utf-16"))
    with pytest.raises(ReaderError, match="UTF-16"):
        read_cluster(tmp_path)
    write(tmp_path, "a.txt", "\ufeffCaf\u00e9 owners reopened.".encode())  # a UTF-8 BOM is fine
    assert read_cluster(tmp_path).documents[0].text == "Caf\u00e9 owners reopened."


def test_json_cluster_both_layouts(tmp_path: Path) -> None:
    ours = {"id": "c1", "documents": [{"id": "d1", "text": BODY, "title": "T", "date": "2015-12-21"}],
            "references": ["R"]}
    theirs = {"id": "c2", "documents": [BODY, BODY], "references": ["R1", "R2"]}
    c1 = read_cluster(write(tmp_path, "c1.json", json.dumps(ours)))
    assert c1.documents[0].title == "T" and c1.documents[0].date == dt.date(2015, 12, 21)
    c2 = read_cluster(write(tmp_path, "c2.json", json.dumps(theirs)))
    assert len(c2.documents) == 2 and c2.references == ("R1", "R2")


@pytest.mark.parametrize("text, needle", [
    ("", "empty input"),
    ("{oops", "c.json:1: invalid JSON"),
    ("[1, 2]", "expected a JSON object"),
    ('{"documents": 3}', "wrong cluster schema"),
    ('{"documents": []}', "no documents"),
    ('{"documents": ["", "  "]}', "every document is empty"),
    ('{"documents": [{"text": "x", "date": "yesterday"}]}', "not an ISO date"),
])
def test_json_errors(tmp_path: Path, text: str, needle: str) -> None:
    with pytest.raises(ReaderError, match=needle) as e:
        read_cluster(write(tmp_path, "c.json", text))
    assert "c.json" in one_line(e)


def test_jsonl(tmp_path: Path) -> None:
    rows = [{"id": f"c{i}", "documents": [BODY], "references": ["R"]} for i in range(3)]
    p = write(tmp_path, "d.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n\n")
    assert [c.id for c in read_jsonl(p)] == ["c0", "c1", "c2"]
    with pytest.raises(ReaderError, match="holds 3 clusters"):
        read_cluster(p)
    one = write(tmp_path, "one.jsonl", json.dumps(rows[0]))
    assert read_cluster(one).id == "c0"
    bad = write(tmp_path, "bad.jsonl", json.dumps(rows[0]) + "\n{broken\n")
    with pytest.raises(ReaderError, match=r"bad\.jsonl:2: invalid JSON"):
        list(read_jsonl(bad))
    with pytest.raises(ReaderError, match="no clusters"):
        list(read_jsonl(write(tmp_path, "empty.jsonl", "")))


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"documents": [BODY]})))
    assert len(read_cluster("-").documents) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("not json"))
    with pytest.raises(ReaderError, match="<stdin>:1"):
        read_cluster("-")


def test_single_txt_file_and_unknown_suffix(tmp_path: Path) -> None:
    assert len(read_cluster(write(tmp_path, "one.txt", BODY)).documents) == 1
    with pytest.raises(ReaderError, match="not a directory, .txt, .html, .json or .jsonl"):
        read_cluster(write(tmp_path, "x.pdf", "%PDF"))


@pytest.mark.shared
def test_seeds_titles_and_dates() -> None:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} not found (set MDS_SHARED to the shared data folder)")
    cluster = read_cluster(seeds)
    assert len(cluster.documents) == 5
    assert all(d.title for d in cluster.documents)
    assert all(len(d.title.split()) <= 12 and "icon" not in d.title for d in cluster.documents)
    assert sum(d.date is not None for d in cluster.documents) >= 2


@pytest.mark.shared
def test_shared_jsonl_datasets_read() -> None:
    path = SHARED / "datasets" / "duc2006" / "dev.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found (set MDS_SHARED to the shared data folder)")
    first = next(iter(read_jsonl(path)))
    assert first.documents and first.references
