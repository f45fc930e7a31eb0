"""The model writes prose only: its tables, source lists, links, images and HTML are taken out or
escaped, with a warning each, also while the text streams."""

from __future__ import annotations

import re

import pytest

from assistant.model_text import WARN_HTML, WARN_LINKS, WARN_SOURCES, WARN_TABLE, ModelProse, clean_prose

from .fake_openai import tokens


def test_plain_prose_is_untouched():
    text = "Jamming is rising [1]. Drones probe airspace [1, 2]; *more* is **likely**."
    assert clean_prose(text) == (text, [])


def test_a_markdown_table_is_removed():
    text = "Intro [1].\n\n| Name | Source |\n|---|---|\n| Jamming | [1] |\n| Drones | [2] |\n\nAfter."
    assert clean_prose(text) == ("Intro [1].\n\nAfter.", [WARN_TABLE])


def test_a_table_without_outer_pipes_is_removed():
    assert clean_prose("A.\n\nName | Source\n--- | ---\nx | [1]\n\nB.")[0] == "A.\n\nB."


def test_a_sources_heading_and_its_list_are_removed():
    text = "Claim [1].\n\n**Sources**\n- [1] Some title, https://evil.example/x\n- [2] Other\n\nClosing line."
    assert clean_prose(text) == ("Claim [1].\n\nClosing line.", [WARN_SOURCES])


@pytest.mark.parametrize("heading", ["## Sources", "Sources:", "**References**", "### Sources:", "References"])
def test_source_headings_of_every_spelling(heading):
    assert clean_prose(f"Claim [1].\n\n{heading}\n1. one\n2. two")[0] == "Claim [1]."


def test_an_inline_sources_line_is_removed():
    assert clean_prose("Claim [1].\nSources: [1] Foo; [2] Bar")[0] == "Claim [1]."


def test_links_become_their_text():
    text, warnings = clean_prose("See [this report](http://evil.example/x) and [that][ref].\n[ref]: http://evil.example/y")
    assert text == "See this report and that." and warnings == [WARN_LINKS]


def test_a_linked_citation_stays_a_marker():
    assert clean_prose("Claim [1](http://evil.example).")[0] == "Claim [1]."


def test_images_become_their_alt_text():
    assert clean_prose("A ![chart](http://evil.example/p.png) here.") == ("A chart here.", [WARN_LINKS])


def test_bare_web_addresses_and_emails_stop_being_links():
    text, warnings = clean_prose("Visit http://evil.example/x or www.evil.example, mail me@evil.example.")
    assert text == "Visit http\\://evil.example/x or www\\.evil.example, mail me\\@evil.example."
    assert warnings == [WARN_LINKS]


def test_html_is_escaped_as_an_entity():
    text, warnings = clean_prose('Look <img src="http://evil.example/x"> and \\<b>bold</b>.')
    assert "<" not in text and text.startswith("Look &lt;img") and WARN_HTML in warnings


def test_a_comparison_sign_is_text_without_a_warning():
    assert clean_prose("Costs fell < 5% [1].") == ("Costs fell &lt; 5% [1].", [])


HOSTILE = [
    "Jamming rises [1].\n\n| A | B |\n|--|--|\n| x | y |\n\nDrones too [2].",
    "Claim [1]. See [the site](http://evil.example/a(b)) now.\n\n## Sources\n- [1] x\n- [2] y",
    "Look ![i](http://evil.example/i.png) at http://evil.example/z and www.evil.example or a@b.example [2].",
    "HTML <img src=http://evil.example/x> and <a href='http://evil.example'>x</a> [1].",
    "Sources of concern are many [1]. Reports differ [2].",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_streamed_text_is_clean_at_every_step_and_adds_up_to_the_final_text(text):
    prose = ModelProse({1, 2})
    shown = ""
    for token in tokens(text):
        shown += prose.feed(token)
        assert not re.search(r"<[a-zA-Z/]|\]\(|https?://|www\.\w", shown), shown
    shown += prose.flush()
    final, _ = prose.cleaned()
    assert shown == final
