"""Plain articles wrapped in realistic news-site pages, to check that HTML input loses nothing.

Three layouts of the kind analysts save from the web, each with the chrome that extraction must
drop: a cookie banner, scripts and styles, navigation and breadcrumbs, share buttons, a newsletter
box, an in-article "read more" teaser, related-article lists, a comment thread and a footer. The
publication date sits where real sites put it: Open Graph meta tags, JSON-LD, or a ``<time>``
element. All chrome text is invented; the article text is the caller's, HTML-escaped.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

LAYOUTS = ("opengraph", "jsonld", "blog")

_PAGE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ title }} | {{ site }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
{% if layout == "opengraph" %}<meta property="og:title" content="{{ title }}">
<meta property="og:site_name" content="{{ site }}">
<meta property="og:type" content="article">
<meta property="og:url" content="{{ url }}">
{% if date %}<meta property="article:published_time" content="{{ date }}T08:15:00+00:00">{% endif %}
{% endif %}<link rel="canonical" href="{{ url }}">
<style>body{font-family:Georgia,serif}.cookie{position:fixed;bottom:0}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());</script>
{% if layout == "jsonld" %}<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":{{ title|tojson }},{% if date %}"datePublished":"{{ date }}T08:15:00Z",{% endif %}
"publisher":{"@type":"Organization","name":{{ site|tojson }}}}</script>
{% endif %}</head>
<body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to personalise content and ads, to provide social
media features and to analyse our traffic. By continuing to browse this site you agree to our use of cookies.</p>
<button>Accept all cookies</button> <a href="/privacy">Cookie settings</a></div>
<header class="site-header"><a class="logo" href="/">{{ site }}</a>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li><li><a href="/science">Science</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/opinion">Opinion</a></li></ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"><button>Search</button></form></header>
<div class="breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/world">World</a> &rsaquo; <span>{{ section }}</span></div>
<main>
{% if layout == "blog" %}<div class="post">
<h1 class="post-title">{{ title }}</h1>
{% if date %}<p class="meta">Posted on <time datetime="{{ date }}" class="published">{{ date }}</time> by the news desk</p>{% endif %}
<div class="post-content entry-content">
{% else %}<article class="story">
<h1>{{ title }}</h1>
<div class="byline">By staff reporters</div>
<ul class="share"><li><a href="#">Share on Facebook</a></li><li><a href="#">Share on Twitter</a></li><li><a href="#">Email</a></li></ul>
<div class="story-body">
{% endif %}{% for p in paragraphs %}<p>{{ p }}</p>
{% if loop.index == teaser_after %}<div class="read-more inline-teaser"><a href="/world/other-story">Read more: Officials outline next steps in regional talks</a></div>
{% endif %}{% endfor %}</div>
{% if layout == "blog" %}</div>{% else %}</article>{% endif %}
<aside class="newsletter"><h3>Get the morning briefing</h3><p>Sign up for our daily newsletter and never miss a story.</p>
<form><input type="email" placeholder="Your email address"><button>Subscribe</button></form></aside>
<aside class="related"><h3>Related articles</h3><ul>
<li><a href="/a1">Ministers meet again as deadline approaches for a decision on funding</a></li>
<li><a href="/a2">Analysis: what the latest figures mean for households across the region</a></li>
<li><a href="/a3">Five things to know about the week ahead in politics and business</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments (3)</h3>
<div class="comment"><span class="author">reader_1972</span> <span class="time">2 hours ago</span>
<p>This is exactly what I have been saying for years and nobody in charge ever listens to ordinary people.</p><a href="#">Reply</a></div>
<div class="comment"><span class="author">M. Clarke</span> <span class="time">1 hour ago</span>
<p>Does anyone know whether the new rules will also apply to people who moved here after the deadline last year?</p><a href="#">Reply</a></div>
<div class="comment"><span class="author">skeptic</span> <span class="time">5 minutes ago</span>
<p>I will believe it when I see it, the same promises were made before the last election and nothing happened.</p></div>
</section>
</main>
<footer><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/terms">Terms of use</a></li>
<li><a href="/privacy">Privacy policy</a></li></ul><p>&copy; {{ year }} {{ site }}. All rights reserved.</p></footer>
<script src="/static/js/analytics.min.js" async></script>
<script>document.querySelectorAll('.cookie-banner button').forEach(function(b){b.onclick=function(){b.parentNode.remove()}});</script>
</body>
</html>
"""

_PARAGRAPH = re.compile(r"\n\s*\n")


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment

    return Environment(autoescape=True, trim_blocks=False).from_string(_PAGE)


def paragraphs(text: str) -> list[str]:
    """The article's paragraphs: blank-line separated blocks, inner line breaks kept as spaces."""
    return [" ".join(block.split()) for block in _PARAGRAPH.split(text) if block.strip()]


def render_page(text: str, title: str, *, date: dt.date | None = None, site: str = "The Daily Record",
                url: str = "https://news.example.org/world/story", layout: str = "opengraph") -> str:
    """A full HTML page carrying ``text`` (paragraphs split at blank lines) as its article."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    paras = paragraphs(text)
    return _template().render(
        layout=layout, title=title, site=site, url=url, section="Europe",
        date=date.isoformat() if date else None, year=(date or dt.date(2000, 1, 1)).year,
        paragraphs=paras, teaser_after=min(2, max(len(paras) - 1, 0)))
