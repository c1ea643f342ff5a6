"""HTML rendering of a ``Briefing``: one self-contained page an analyst can open or forward.

The page is the jinja2 template ``templates/briefing.html.j2`` with autoescaping on: every piece of
text from the articles (headline, points, titles, outlets, ids) is escaped, so an article containing ``<script>`` shows the tag as text. Source links are made
only from ``http``/``https`` URLs (a ``javascript:`` URL in a feed would otherwise run on click), and
a Content-Security-Policy that allows no script and no external resource backs this up. Importing
this module registers the ``html`` format in ``summarizer.briefing.RENDERERS``.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from urllib.parse import urlsplit

from summarizer.briefing import RENDERERS, Briefing, _heading

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
h3{font-size:15px;margin:18px 0 6px;color:#334}.bottom{background:#f1f5fb;padding:10px 14px;border-radius:6px}
.label{font-weight:600}.date,.more,.note{color:#667;font-size:13px}.inferred{color:#a60;margin-left:2px}
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


@lru_cache(maxsize=1)
def _template():
    """The page template, autoescaped: every value from the articles is HTML-escaped by jinja2."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("summarizer", "templates"),
                             autoescape=True, trim_blocks=False, undefined=jinja2.StrictUndefined)
    return env.get_template("briefing.html.j2")


def render_html(briefing: Briefing) -> str:
    """The briefing as a complete HTML document (inline CSS, no scripts, no external resources)."""
    bottom = [briefing.points[i] for i in briefing.bottom_line]
    page = _template().render(
        b=briefing, csp=CSP, style=STYLE, bottom=bottom, timeline=briefing.timeline,
        inferred=any(p.inferred_date for p in briefing.points), safe_url=safe_url,
        heading=_heading, short=lambda d: dt.date.fromisoformat(d).strftime("%-d %b %Y"))
    return page.rstrip("\n") + "\n"


RENDERERS["html"] = render_html

__all__ = ["render_html", "safe_url"]
