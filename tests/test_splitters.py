"""Sentence splitting beyond Punkt's defaults: the corrections, CJK, languages, the splitter choice,
and the default's accuracy on the labelled set (tests/data/sentences_en.txt, written for this project)."""

from __future__ import annotations

import importlib.util
import warnings

import pytest

from bench.splitters import read_gold, score
from summarizer.sentences import (DEFAULT_SPLITTER, SPLITTERS, LanguageWarning, sentence_tokenizer,
                                  split_sentences, splitter_name)


@pytest.mark.parametrize("text, expected", [
    ("The visit was requested by Hun Sen. Hun Sen complained that the talks had stalled.",
     ["The visit was requested by Hun Sen.", "Hun Sen complained that the talks had stalled."]),
    ("Florida Gov. Jeb Brandt signed the measure. Gov. Brandt called it a victory.",
     ["Florida Gov. Jeb Brandt signed the measure.", "Gov. Brandt called it a victory."]),
    ("It debuted at No. 1 in 14 countries. Sales doubled.",
     ["It debuted at No. 1 in 14 countries.", "Sales doubled."]),
    ("\"Why now?\" asked one councillor. The mayor did not answer.",
     ["\"Why now?\" asked one councillor.", "The mayor did not answer."]),
    ("LARAMIE, Wyo. (AP) -- A jury was selected on Monday. Statements begin on Wednesday.",
     ["LARAMIE, Wyo. (AP) -- A jury was selected on Monday.", "Statements begin on Wednesday."]),
    ("The council approved these measures:\n1. A new flood wall.\n2. Higher fees.",
     ["The council approved these measures:", "1. A new flood wall.", "2. Higher fees."]),
])
def test_corrections_of_the_splitter(text, expected):
    assert split_sentences(text) == expected


def test_a_title_before_a_name_is_not_cut_when_the_text_never_uses_it_bare():
    # "Sen" is also used bare here (a name), so "Sen." can end a sentence; "Gov" is not.
    text = "He met Hun Sen. Hun Sen left. Florida Gov. Jeb Brandt stayed."
    assert split_sentences(text) == ["He met Hun Sen.", "Hun Sen left.", "Florida Gov. Jeb Brandt stayed."]


def test_chinese_and_japanese_sentence_ends():
    zh = "今天上午河水漫过堤坝。约一千二百名居民被疏散！救援何时到达？“我们会重建。”市长说。"
    assert split_sentences(zh) == ["今天上午河水漫过堤坝。", "约一千二百名居民被疏散！", "救援何时到达？", "“我们会重建。”", "市长说。"]
    ja = "川が氾濫した。住民は避難した！「安全です。」と市長は述べた。"
    assert split_sentences(ja) == ["川が氾濫した。", "住民は避難した！", "「安全です。」", "と市長は述べた。"]


def test_a_long_chinese_article_gives_many_points():
    article = "河水昨天漫过了堤坝，城镇中心的水位达到一点四米。" * 40
    assert len(split_sentences(article)) == 40


def test_supported_scripts_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error", LanguageWarning)
        split_sentences("Le maire a parlé. Il est parti.")
        split_sentences("Мэр выступил. Он ушёл.")
        split_sentences("河水漫过堤坝。居民被疏散。")


@pytest.mark.parametrize("text", ["สวัสดีครับ นี่คือข่าว", "قال رئيس البلدية إن المياه ارتفعت. ثم غادر."])
def test_unsupported_scripts_warn_and_still_split(text):
    with pytest.warns(LanguageWarning, match="supports English"):
        assert split_sentences(text)


def test_unknown_splitter_and_language_are_one_line_errors():
    with pytest.raises(ValueError, match="unknown sentence splitter 'nope'"):
        split_sentences("A. B.", splitter="nope")
    with pytest.raises(ValueError, match="English only"):
        sentence_tokenizer("pysbd", "german")


@pytest.mark.parametrize("name", SPLITTERS)
def test_every_splitter_is_a_choice(name):
    if name != "punkt" and importlib.util.find_spec(name) is None:
        pytest.skip(f"{name} is not installed (pip install 'mds-brief[splitters]')")
    assert split_sentences("The river rose 1.4 metres. Residents left.\nA headline", splitter=name) == [
        "The river rose 1.4 metres.", "Residents left.", "A headline"]
    assert name.split("-")[0] in splitter_name(splitter=name) or name == "punkt"


def test_the_labelled_set_is_large_enough_and_the_default_scores_well():
    gold = read_gold()
    assert sum(len(s) - 1 for _, s in gold) >= 150
    result = score(lambda text: split_sentences(text, splitter=DEFAULT_SPLITTER), gold)
    assert result["F1"] >= 0.97, result
    # The same scoring tells a poor splitter apart: one sentence per input line.
    assert score(lambda text: text.split("\n"), gold)["R"] < 0.2
