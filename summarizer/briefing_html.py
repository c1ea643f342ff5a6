"""HTML rendering of a ``Briefing``: one self-contained page an analyst can open or forward.

Every piece of text from the articles (headline, points, titles, outlets, ids) is escaped with
``html.escape``, so an article containing ``<script>`` shows the tag as text. Source links are made
only from ``http``/``https`` URLs (a ``javascript:`` URL in a feed would otherwise run on click), and
a Content-Security-Policy that allows no script and no external resource backs this up. Importing
this module registers the ``html`` format in ``summarizer.briefing.RENDERERS``.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from summarizer.briefing import RENDERERS, Briefing, Point, Source

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f6f7f9;margin:0}
main{max-width:760px;margin:0 auto;padding:28px 32px 48px;background:#fff}
h1{font-size:25px;line-height:1.25;margin:0 0 6px}.meta{color:#667;font-size:13px;margin:0 0 18px}
ul.points{padding-left:20px}ul.points li{margin:0 0 10px}
a.cite{font-size:12px;text-decoration:none;color:#2456a6;vertical-align:super;margin-left:1px}
.unsupported{font-size:12px;color:#a33;margin-left:4px}
h2{font-size:18px;margin:28px 0 8px;border-top:1px solid #e3e6eb;padding-top:14px}
ol.sources{font-size:14px;padding-left:24px}ol.sources li{margin:0 0 6px}ol.sources li:target{background:#fff6d6}
.id{color:#778;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}.outlet{color:#555}
"""


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) link, else None (no ``javascript:``, ``data:`` or relative links)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _point(p: Point) -> str:
    cites = "".join(
        f'<a class="cite" href="#source-{c.source}" title="source {c.source}, sentence {c.position + 1}, '
        f'similarity {c.similarity:.2f}">[{c.source}]</a>'
        for c in p.citations
    )
    if not p.citations:
        cites = '<span class="unsupported">(no source found)</span>'
    return f"<li>{escape(p.text)}{cites}</li>"


def _source(s: Source) -> str:
    title = escape(s.title) if s.title else f'<span class="id">{escape(s.id)}</span>'
    url = safe_url(s.url)
    head = f'<a href="{escape(url, quote=True)}" rel="noopener noreferrer">{title}</a>' if url else title
    extras = ", ".join(escape(x) for x in (s.source, s.date) if x)
    parts = [head]
    if extras:
        parts.append(f'<span class="outlet">({extras})</span>')
    if s.title:
        parts.append(f'<span class="id">{escape(s.id)}</span>')
    if s.url and not url:
        parts.append(f'<span class="id">{escape(s.url)}</span>')
    return f'<li id="source-{s.number}">{" ".join(parts)}</li>'


def render_html(briefing: Briefing) -> str:
    """The briefing as a complete HTML document (inline CSS, no scripts, no external resources)."""
    points = "\n".join(_point(p) for p in briefing.points) if briefing.points else ""
    body_points = (f'<ul class="points">\n{points}\n</ul>' if points
                   else "<p><em>No sentences could be extracted from these documents.</em></p>")
    sources = "\n".join(_source(s) for s in briefing.sources)
    meta = (f"Cluster {escape(briefing.cluster_id)} · {len(briefing.sources)} articles · "
            f"method {escape(briefing.method)} · budget {escape(briefing.budget)}")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(briefing.headline)}</title><style>{STYLE}</style></head>\n"
        f"<body><main>\n<h1>{escape(briefing.headline)}</h1>\n<p class=\"meta\">{meta}</p>\n"
        f"{body_points}\n<h2>Sources</h2>\n<ol class=\"sources\">\n{sources}\n</ol>\n</main></body></html>\n"
    )


RENDERERS["html"] = render_html

__all__ = ["render_html", "safe_url"]
