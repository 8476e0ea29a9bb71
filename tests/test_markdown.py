"""The Markdown brief: quotes under one heading per speaker, article text inert."""

from __future__ import annotations

import re
from dataclasses import replace

from synoptic.render.markdown import inert, render_markdown


def test_each_speaker_has_one_heading_with_every_statement(seed_brief):
    markdown = render_markdown(seed_brief)
    section = markdown.split("## Who said what", 1)[1].split("\n## ", 1)[0]
    headings = re.findall(r"^- \*\*(.+?)\*\*$", section, flags=re.MULTILINE)
    assert headings and len(headings) == len(set(headings))
    speakers = {q.speaker or "unknown speaker" for q in seed_brief.quotes}
    assert {inert(s) for s in speakers} == set(headings)
    statements = re.findall(r"^  - “", section, flags=re.MULTILINE)
    assert len(statements) == len(seed_brief.quotes)


def test_markup_in_text_is_escaped():
    assert (
        inert("<b onmouseover=x>[a](javascript:y) & z")
        == "&lt;b onmouseover=x&gt;\\[a\\](javascript:y) &amp; z"
    )


def test_speakers_that_differ_only_in_case_share_one_heading(seed_brief):
    first, second, *rest = seed_brief.quotes
    quotes = (replace(first, speaker="harbour police"), replace(second, speaker="Harbour Police"), *rest)
    markdown = render_markdown(replace(seed_brief, quotes=quotes))
    section = markdown.split("## Who said what", 1)[1].split("\n## ", 1)[0]
    headings = re.findall(r"^- \*\*(.+?)\*\*$", section, flags=re.MULTILINE)
    assert [h.casefold() for h in headings].count("harbour police") == 1
