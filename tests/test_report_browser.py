"""The HTML report and briefing in a real browser (headless Chromium): text stays text, plots show.

Needs Debian's ``chromium`` (``apt-get install -y chromium``) or ``MDS_CHROMIUM=/path/to/chrome``;
skipped with a message otherwise. Run it with ``pytest tests/test_report_browser.py -v``.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from _report_fixtures import EVIL, make_runs
from summarizer.budget import Budget


def chromium() -> str | None:
    env = os.environ.get("MDS_CHROMIUM")
    if env:
        return env
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


BROWSER = chromium()
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium found: install it (Debian: apt-get install -y chromium) or set MDS_CHROMIUM")


def headless(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    cmd = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", *args]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    return res


def dump_dom(tmp_path: Path, page: Path) -> str:
    return headless(tmp_path, "--dump-dom", page.as_uri()).stdout


@pytest.fixture(scope="module")
def report_page(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    make_runs(root / "sweep", n_clusters=5, truncate=Budget(40, "words"))
    out = root / "report.html"
    res = subprocess.run([sys.executable, "-m", "experiments.cli", "report", str(root / "sweep"), "-o", str(out),
                          "--resamples", "300", "--examples", "2"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    return out


def test_scripts_do_run_in_this_browser_setup(tmp_path):
    """Control: without escaping, the fixture's script would change the title (so the next test can fail)."""
    page = tmp_path / "unsafe.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>Method comparison</title></head><body>{EVIL}</body></html>")
    assert "<title>pwned</title>" in dump_dom(tmp_path, page)


def test_report_text_stays_text_and_no_script_runs(tmp_path, report_page):
    dom = dump_dom(tmp_path, report_page)
    assert "<title>Method comparison</title>" in dom and "pwned</title>" not in dom
    assert "<script" not in dom
    assert "&lt;script&gt;document.title=\"pwned\"&lt;/script&gt;" in dom  # shown to the reader, as text
    assert dom.count('src="data:image/png;base64,') == 4


def test_report_plots_are_drawn(tmp_path, report_page):
    shot = tmp_path / "report.png"
    headless(tmp_path, "--window-size=1280,1800", "--hide-scrollbars", f"--screenshot={shot}", report_page.as_uri())
    from matplotlib.image import imread

    img = imread(shot)[..., :3]
    orange = np.array([0xDD, 0x84, 0x52]) / 255  # the second run's colour: used only inside the plots
    near = np.abs(img - orange).max(axis=-1) < 0.06
    assert near.sum() > 500, "plot colours not found in the screenshot: images did not render"


def test_briefing_html_in_the_browser(tmp_path):
    from summarizer.briefing import build_briefing
    from summarizer.briefing_html import render_html
    from summarizer.cluster import Cluster, Document
    from summarizer.methods.textrank import TextRank

    docs = (Document("a", f"The council approved the harbour budget on Tuesday. {EVIL} The vote was 7 to 2.",
                     title=f"Budget {EVIL}", url="javascript:document.title='clicked'"),
            Document("b", "The harbour budget passed the council by 7 votes to 2. Opponents fear flooding.",
                     title="Harbour budget passes", url="https://news.example.org/b"))
    c = Cluster("k", docs)
    page = tmp_path / "brief.html"
    page.write_text(render_html(build_briefing(TextRank().summarize(c, Budget(40, "words")), c)))
    dom = dump_dom(tmp_path, page)
    assert "<script" not in dom and "pwned</title>" not in dom
    assert 'href="javascript' not in dom
    assert 'href="https://news.example.org/b"' in dom
