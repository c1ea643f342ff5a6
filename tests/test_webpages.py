"""Saved web pages as input: main text without the page chrome, metadata, and bad pages.

The pages in tests/pages/ are written for these tests (invented places and events): navigation,
cookie banners, scripts, teasers, related-article boxes, comment threads, footers around a short
article; an index page with no article; a French article; a page whose metadata and dateline disagree.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

pytest.importorskip("trafilatura")

from summarizer.readers import ReaderError, ReaderWarning, read_cluster  # noqa: E402
from summarizer.webpages import PageError, PageWarning, identify_language, read_page  # noqa: E402

PAGES = Path(__file__).parent / "pages"
CHROME = ("cookie", "Accept", "Home", "Related", "Comments", "Reply", "cellar", "scandal", "Read more",
          "rights reserved", "dataLayer", "analytics", "Storm warning", "newsletter", "Most read", "Sign in",
          "By Ilse Marten")


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def test_article_text_without_chrome():
    doc = read_page(page("harbour.html"), "harbour")
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("The harbour authority of Varnholm approved")
    assert paragraphs[-1].endswith("since the last flood.")
    for noise in CHROME:
        assert noise not in doc.text, noise


def test_metadata_from_open_graph():
    doc = read_page(page("harbour.html"), "harbour")
    assert doc.title == "Varnholm harbour authority approves flood barrier"
    assert doc.date == dt.date(2015, 11, 27)
    assert doc.source == "The Varnholm Herald"
    assert doc.url == "https://herald.example.org/news/flood-barrier"
    assert "approves flood barrier" not in doc.text  # the headline is the title, not a body line


def test_metadata_from_json_ld_and_div_layout():
    doc = read_page(page("ferry.htm"), "ferry")
    assert doc.title == "Keltby ferry timetable cut for winter"
    assert doc.date == dt.date(2015, 12, 21)
    assert doc.text.startswith("The transit agency of Keltby announced on Monday")
    assert "newsletter" not in doc.text and "Storm damage" not in doc.text and "Terms" not in doc.text


def test_page_without_article_is_an_error():
    with pytest.raises(PageError, match=r"index: no article text found"):
        read_page(page("index.html"), "index")


def test_page_in_another_language_is_an_error():
    with pytest.raises(PageError, match=r"another language \('fr'\)"):
        read_page(page("foreign.html"), "foreign")


def test_language_is_not_judged_on_a_few_words():
    assert identify_language("Le port") is None
    assert identify_language(" ".join(["The council approved the new bridge after a long debate."] * 3)) == "en"


def test_conflicting_dates_warn_and_keep_the_metadata_date():
    with pytest.warns(PageWarning, match=r"conflicting dates: .* 2015-11-27, its dateline 2015-12-21"):
        doc = read_page(page("conflict.html"), "conflict")
    assert doc.date == dt.date(2015, 11, 27)
    assert "21 December" not in doc.text


def test_page_encoding_comes_from_the_page():
    html = page("harbour.html").decode("utf-8").replace('charset="utf-8"', 'charset="iso-8859-1"')
    html = html.replace("forty million crowns", "forty million kronor (Öre included)")
    doc = read_page(html.encode("latin-1"), "latin")
    assert "Öre included" in doc.text


def test_directory_mixes_text_files_and_pages(tmp_path):
    shutil.copy(PAGES / "harbour.html", tmp_path / "b_harbour.html")
    shutil.copy(PAGES / "ferry.htm", tmp_path / "c_ferry.htm")
    (tmp_path / "a_plain.txt").write_text("Barrier vote delayed\n\nThe harbour authority of Varnholm delayed "
                                          "its vote on the flood barrier until Thursday.\n", encoding="utf-8")
    cluster = read_cluster(tmp_path)
    assert [d.id for d in cluster.documents] == ["a_plain", "b_harbour", "c_ferry"]
    assert cluster.documents[0].title == "Barrier vote delayed"
    assert cluster.documents[1].source == "The Varnholm Herald"


def test_directory_skips_bad_pages_with_a_warning(tmp_path):
    for name in ("harbour.html", "index.html", "foreign.html"):
        shutil.copy(PAGES / name, tmp_path / name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cluster = read_cluster(tmp_path)
    assert [d.id for d in cluster.documents] == ["harbour"]
    messages = [str(w.message) for w in caught if issubclass(w.category, ReaderWarning)]
    assert any("index.html: no article text" in m for m in messages)
    assert any("foreign.html: the article is in another language" in m for m in messages)


def test_directory_of_bad_pages_only_is_an_error(tmp_path):
    for name in ("index.html", "foreign.html"):
        shutil.copy(PAGES / name, tmp_path / name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ReaderError, match="none of the 2 files holds an article"):
            read_cluster(tmp_path)


def test_binary_page_is_an_error(tmp_path):
    bad = tmp_path / "x.html"
    bad.write_bytes(b"<html>\x00\x01\x02</html>")
    with pytest.raises(ReaderError, match=r"x.html: binary file \(NUL byte at offset 6\)"):
        read_cluster(bad)


# --- end to end through `mds brief` -------------------------------------------------------------

def mds(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).resolve().parents[1]),
                                                       os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "experiments.cli", "brief", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


def test_cli_briefs_pages_and_text_together(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(PAGES / "harbour.html", articles / "harbour.html")
    shutil.copy(PAGES / "ferry.htm", articles / "ferry.htm")
    shutil.copy(PAGES / "conflict.html", articles / "conflict.html")
    shutil.copy(PAGES / "index.html", articles / "index.html")
    (articles / "plain.txt").write_text("The harbour authority of Varnholm will meet on Thursday to vote on "
                                        "the flood barrier, officials said.\n", encoding="utf-8")
    out = tmp_path / "brief.json"
    r = mds(str(articles), "--format", "json", "--words", "60", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert "index.html: no article text found" in r.stderr
    assert "conflicting dates" in r.stderr
    import json

    briefing = json.loads(out.read_text(encoding="utf-8"))
    sources = {s["id"]: s for s in briefing["sources"]}
    assert sources["harbour"]["source"] == "The Varnholm Herald"
    assert sources["harbour"]["date"] == "2015-11-27"
    assert sources["ferry"]["title"] == "Keltby ferry timetable cut for winter"
    text = " ".join(p["text"] for p in briefing["points"])
    assert text and not any(noise in text for noise in CHROME)


def test_cli_one_bad_page_is_a_one_line_error_and_no_file(tmp_path):
    shutil.copy(PAGES / "foreign.html", tmp_path / "foreign.html")
    out = tmp_path / "brief.md"
    r = mds(str(tmp_path / "foreign.html"), "-o", str(out))
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert "foreign.html: the article is in another language ('fr')" in r.stderr
    assert not out.exists()


def test_one_page_alone_is_read(tmp_path):
    cluster = read_cluster(PAGES / "harbour.html")
    assert cluster.id == "harbour" and cluster.documents[0].date == dt.date(2015, 11, 27)
    with pytest.raises(ReaderError, match="index.html: no article text found"):
        read_cluster(PAGES / "index.html")
