"""HTML briefings: the same points and sources as Markdown, every text escaped, only http(s) links."""

import json
import re
import subprocess
import sys
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.briefing import RENDERERS, Briefing, Citation, Point, Source, build_briefing
from summarizer.briefing_html import render_html, safe_url
from summarizer.budget import Budget
from summarizer.cluster import Cluster, Document
from summarizer.methods.textrank import TextRank

EVIL = '<script>document.title="pwned"</script>'


def cluster():
    docs = (
        Document("a", f"The council approved the new harbour budget on Tuesday. {EVIL} A vote of 7 to 2 settled it. "
                      "Opponents said the plan ignored flooding risks along the quay.",
                 title="Council <b>approves</b> harbour budget", source="Daily & Co", url="https://news.example.org/a?x=1&y=2"),
        Document("b", "The harbour budget was approved by the council after a long debate. Flooding risks along the quay "
                      "worried opponents. The mayor called the vote historic.",
                 title="Harbour budget passes", url="javascript:alert(1)"),
        Document("c", "Residents near the quay fear flooding. The council vote on the harbour budget was 7 to 2. "
                      "Work starts in spring.", title=None, url=None),
    )
    return Cluster("k1", docs)


def briefing():
    c = cluster()
    return build_briefing(TextRank().summarize(c, Budget(60, "words")), c)


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.links, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_data(self, data):
        self.text.append(data)


def parse(page):
    p = Collector()
    p.feed(page)
    return p


def test_html_is_registered_and_renders_a_whole_page():
    b = briefing()
    assert RENDERERS["html"] is render_html
    page = render_html(b)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    p = parse(page)
    assert "script" not in p.tags and "link" not in p.tags and "img" not in p.tags
    # the bottom line is a paragraph; every other point is a timeline item, every source an item
    assert p.tags.count("li") == len(b.points) - len(b.bottom_line) + len(b.sources)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_every_point_and_citation_is_rendered_with_links_to_sources():
    b = briefing()
    page = render_html(b)
    p = parse(page)
    text = "".join(p.text)
    for point in b.points:
        assert " ".join(point.text.split())[:40] in " ".join(text.split())
        for c in point.citations:
            assert f'href="#source-{c.source}"' in page
    for s in b.sources:
        assert f'id="source-{s.number}"' in page


def test_article_text_is_escaped_not_markup():
    b = Briefing("k<1>", EVIL, (Point(f"Point with {EVIL} & more", 1.0, 0, 0, (Citation(1, 0, 0, 1.0),)),),
                 (Source(1, "id<1>", title=EVIL, source="A & B", url="https://x.example/?a=1&b=2"),), "textrank", "60 words")
    page = render_html(b)
    assert "<script>" not in page
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in page  # markupsafe's escapes
    assert "A &amp; B" in page and 'href="https://x.example/?a=1&amp;b=2"' in page
    text = "".join(parse(page).text)
    assert EVIL in text  # shown to the reader as written


def test_only_http_urls_become_links():
    page = render_html(briefing())
    links = [h for h in parse(page).links if not h.startswith("#")]
    assert links == ["https://news.example.org/a?x=1&y=2"]
    assert "javascript:alert(1)" in page  # shown as text, not as a link
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JAVASCRIPT:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("//evil.example/x") is None
    assert safe_url("HTTPS://ok.example/p") == "HTTPS://ok.example/p"


def test_empty_briefing():
    b = Briefing("k", "No content to brief", (), (Source(1, "a"),), "textrank", "60 words")
    page = render_html(b)
    assert "No sentences could be extracted" in page


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=80))
def test_any_text_round_trips_as_text(s):
    b = Briefing("k", s, (Point(s, 1.0, 0, 0, ()),), (Source(1, s, title=s),), "m", "1 words")
    page = render_html(b)
    body = page.split("<body>", 1)[1]
    # No text can open a tag: every '<' in the body belongs to our own markup.
    tags = set(re.findall(r"<([a-zA-Z0-9]+)", body))
    assert tags <= {"main", "h1", "p", "ul", "li", "span", "h2", "h3", "ol", "em", "a"}
    collected = parse(page)
    assert " ".join(s.split()) in " ".join("".join(collected.text).split()) or not s.strip()


def test_mds_brief_format_html(tmp_path):
    c = cluster()
    (tmp_path / "c.json").write_text(json.dumps(c.to_dict()))
    out = subprocess.run([sys.executable, "-m", "experiments.cli", "brief", str(tmp_path / "c.json"), "--format", "html",
                          "--words", "60"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("<!DOCTYPE html>")
    assert "<script>" not in out.stdout
    assert "Council &lt;b&gt;approves&lt;/b&gt; harbour budget" in out.stdout or "Harbour budget passes" in out.stdout
