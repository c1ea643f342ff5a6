"""Layout normalisation: hard-wrapped text, paragraph markup and line endings (invented text only)."""

from __future__ import annotations

import textwrap
import warnings

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from summarizer.layout import LayoutWarning, looks_fragmented, normalise_layout, wrap_width

PARAGRAPHS = [
    "MARROWBY, March 14 (Riverwire) -- The River Tane burst its banks in the town of Marrowby on "
    "Wednesday after three days of heavy rain, forcing the evacuation of about 1,200 residents from the "
    "low-lying Quayside and Millbrook districts.",
    "Mayor Elin Haskett declared a local state of emergency shortly after midnight, when water in the "
    "town centre reached 1.4 metres, the highest level since records began in 1952.",
    "\"The water came up faster than anyone expected,\" said Haskett. \"Our priority tonight is that "
    "every family has a dry place to sleep.\"",
    "Evacuated families are being housed in the sports hall and two schools, where the Red Cross is "
    "providing beds and hot meals, and a long-standing appeal for a higher flood wall was renewed.",
]
FLOWING = "\n\n".join(PARAGRAPHS)


def wrapped(paragraphs: list[str], width: int, indent: str = "", sep: str = "\n\n") -> str:
    return sep.join(textwrap.fill(p, width, initial_indent=indent) for p in paragraphs)


def quiet(text: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("error", LayoutWarning)
        return normalise_layout(text)


@pytest.mark.parametrize("width", [40, 60, 70, 72, 80])
def test_blank_separated_wrapped_paragraphs_are_rejoined(width):
    assert quiet(wrapped(PARAGRAPHS, width)) == FLOWING


@pytest.mark.parametrize("indent", ["  ", "   ", "\t"])
def test_first_line_indentation_marks_paragraphs_without_blank_lines(indent):
    assert quiet(wrapped(PARAGRAPHS, 68, indent=indent, sep="\n")) == FLOWING


def test_every_line_indented_alike_as_in_nist_sgml():
    text = "\n\n".join(textwrap.indent(textwrap.fill(p, 66), "   ") for p in PARAGRAPHS)
    assert quiet(text) == FLOWING


def test_crlf_and_lone_cr_line_endings():
    assert quiet(wrapped(PARAGRAPHS, 70).replace("\n", "\r\n")) == FLOWING
    assert quiet("One.\r\rTwo.") == "One.\n\nTwo."
    assert quiet(FLOWING.replace("\n", "\r\n")) == FLOWING


def test_flowing_text_is_unchanged():
    assert normalise_layout(FLOWING) == FLOWING
    page = "Valley Courier\n\nPublished March 14th, 2024 - 18:20 GMT\n\nPodcasts\n0:00\n18:42\n\nRead more"
    assert normalise_layout(page) == page


def test_short_title_and_dateline_lines_keep_their_break():
    body = textwrap.fill(PARAGRAPHS[1], 70)
    text = f"Flood emergency declared in Marrowby\nMarch 14, 2024\n{body}"
    assert quiet(text) == f"Flood emergency declared in Marrowby\nMarch 14, 2024\n{PARAGRAPHS[1]}"


def test_paragraph_ending_on_a_short_line_keeps_its_break_without_blank_or_indent():
    text = wrapped(PARAGRAPHS[:2], 70, sep="\n")
    assert quiet(text) == "\n".join(PARAGRAPHS[:2])


def test_end_of_line_hyphenation_is_undone_when_the_text_uses_the_word():
    text = ("The committee published its assessment of the flood defences\n"
            "along the river on Friday after a long and careful consul-\n"
            "tation, and the consultation is now closed to submissions.")
    assert "consultation, and the consultation" in quiet(text)


@pytest.mark.parametrize("width", range(50, 81))
def test_compound_hyphen_at_line_end_is_kept(width):
    para = ("Residents of the riverside districts renewed their long-standing call for a higher wall on "
            "Friday, and the council agreed to study the self-financing plan that the engineers presented.")
    text = textwrap.fill(para, width) + "\n\n" + textwrap.fill(PARAGRAPHS[1], width)
    assert quiet(text) == para + "\n\n" + PARAGRAPHS[1]


@pytest.mark.parametrize("width", range(50, 81))
def test_suspended_hyphen_keeps_its_space(width):
    para = ("After the vote the council ordered new economic- and social-impact studies of the flood "
            "defences, which residents of the town have wanted for many years.")
    text = textwrap.fill(para, width) + "\n\n" + textwrap.fill(PARAGRAPHS[1], width)
    assert quiet(text) == para + "\n\n" + PARAGRAPHS[1]


def test_url_cut_by_the_wrapper_is_rejoined():
    url = "http://www.example.org/marrowby/flood/2024/03/14/evacuation-centres-and-shelters.html"
    para = f"The council published a list of the shelters and the way to reach them at {url} on Thursday."
    text = textwrap.fill(para, 60)
    assert url in quiet(text + "\n\n" + textwrap.fill(PARAGRAPHS[1], 60))


def test_sgml_paragraph_markup_as_nist_releases_carry_it():
    text = "<TEXT>\n<P>\n" + "\n</P>\n<P>\n".join(textwrap.fill(p, 72) for p in PARAGRAPHS) + "\n</P>\n</TEXT>"
    assert quiet(text) == FLOWING


def test_html_paragraphs_breaks_and_entities():
    text = "<p>Water reached 1.4 metres.</p><p class=\"x\">Rain &amp; wind eased.<br>More on Friday.</p>"
    assert quiet(text) == "Water reached 1.4 metres.\n\nRain & wind eased.\nMore on Friday."


def test_text_without_markup_keeps_entities_and_angle_brackets():
    text = "Profits rose 5% & costs fell; x < y and <TEXT is not a tag."
    assert normalise_layout(text) == text


def test_fragments_that_cannot_be_repaired_warn():
    ragged = ("the minister said that\nthe council would\nhave to consider a new\nplan for the river\n"
              "defences before the\nnext winter storms and\nthe floods that follow them")
    assert looks_fragmented(ragged)
    with pytest.warns(LayoutWarning, match="fragments"):
        normalise_layout(ragged)


def test_short_lists_and_verse_are_not_treated_as_wrapped():
    assert wrap_width("apples and\npears and\nplums".split("\n")) is None


# Property tests. Words are plain lowercase (no hyphens: a wrapper's break at a hyphen is judged by
# the text's vocabulary, tested above); sentences start with a capital and end with punctuation.
WORDS = st.sampled_from("the council river flood water rain town said would after before residents "
                        "families shelters engineers minister wall defences record metres night morning "
                        "week year people homes streets mud damage repairs fund volunteers".split())
NAMES = st.sampled_from(["Haskett", "Marrowby", "Tane", "Vayle", "Orlik", "Corrow"])


@st.composite
def sentences(draw) -> str:
    words = draw(st.lists(st.one_of(WORDS, WORDS, WORDS, NAMES), min_size=4, max_size=25))
    first = draw(NAMES)
    end = draw(st.sampled_from([".", ".", ".", "?", "!", ".\""]))
    return " ".join([first, *words]) + end


paragraphs = st.lists(sentences(), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraphs, min_size=1, max_size=6), st.sampled_from(["\n", "\n\n"]),
       st.one_of(st.none(), st.lists(NAMES, min_size=1, max_size=6).map(" ".join)))
def test_property_flowing_text_is_unchanged(paras, sep, title):
    text = sep.join(paras)
    if title:
        text = f"{title}\n\n{text}"
    assert normalise_layout(text) == text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraphs, min_size=1, max_size=6), st.integers(50, 90),
       st.sampled_from(["blank", "indent", "indent+blank", "crlf"]))
def test_property_wrapped_text_is_rejoined_exactly(paras, width, layout):
    indent = "   " if "indent" in layout else ""
    sep = "\n" if layout == "indent" else "\n\n"
    text = wrapped(paras, width, indent=indent, sep=sep)
    if layout == "crlf":
        text = text.replace("\n", "\r\n")
    lines = text.replace("\r", "").split("\n")
    # The evidence a hard wrap leaves: some line breaks inside sentences, before a lowercase word.
    assume(sum(1 for a, b in zip(lines, lines[1:]) if a.strip() and b[:1].islower()) * 10 >= len(lines))
    assert normalise_layout(text) == "\n\n".join(paras)


def test_cli_brief_of_hard_wrapped_and_sgml_articles_equals_the_flowing_one(tmp_path):
    """End to end: `mds brief` on wrapped (CRLF) and NIST-style SGML copies gives the flowing copies' points."""
    import json
    import subprocess
    import sys

    flowing, wrapped_dir = tmp_path / "flowing", tmp_path / "wrapped"
    flowing.mkdir()
    wrapped_dir.mkdir()
    (flowing / "a.txt").write_text(FLOWING, encoding="utf-8")
    (flowing / "b.txt").write_text("\n\n".join(reversed(PARAGRAPHS)), encoding="utf-8")
    (wrapped_dir / "a.txt").write_bytes(wrapped(PARAGRAPHS, 64).replace("\n", "\r\n").encode())
    sgml = "\n</P>\n<P>\n".join(textwrap.fill(p, 72) for p in reversed(PARAGRAPHS))
    (wrapped_dir / "b.txt").write_text(f"<TEXT>\n<P>\n{sgml}\n</P>\n</TEXT>\n", encoding="utf-8")

    def points(folder):
        proc = subprocess.run([sys.executable, "-m", "experiments.cli", "brief", str(folder), "--format", "json"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr[-2000:]
        return [p["text"] for p in json.loads(proc.stdout)["points"]]

    got = points(wrapped_dir)
    assert got == points(flowing)
    assert all(t.rstrip("\"'\u201d").endswith((".", "!", "?")) for t in got), got
