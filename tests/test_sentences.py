"""Sentence splitting: exact spans, no line crossing, abbreviations and closing quotes kept whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synoptic.analyze.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

CASES = [
    ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
    ("The U.S. and the U.K. agreed. Talks go on.", ["The U.S. and the U.K. agreed.", "Talks go on."]),
    (
        "It was delivered on Jan. 26 in Bern. Then it ended.",
        ["It was delivered on Jan. 26 in Bern.", "Then it ended."],
    ),
    (
        "Prices rose in Feb. Nobody knew why.",
        ["Prices rose in Feb. Nobody knew why."],
    ),  # ambiguous: kept whole
    ("He said: “We are ready.” She left.", ["He said: “We are ready.”", "She left."]),
    ('"Hysteria has peaked," he said. "We are calm."', ['"Hysteria has peaked," he said.', '"We are calm."']),
    ("J. K. Rowling wrote it. It sold.", ["J. K. Rowling wrote it.", "It sold."]),
    ("Is it over? Yes! It is.", ["Is it over?", "Yes!", "It is."]),
    ("One line without a stop\nNext line. Last", ["One line without a stop", "Next line.", "Last"]),
    ("PARIS, May 3. /AGENPRESS/. The talks ended. Both left.", ["The talks ended.", "Both left."]),
    ("LONDON, May 3 (Reuters) - Shares fell. Bonds rose.", ["Shares fell.", "Bonds rose."]),
    ("  padded sentence.   \n\n", ["padded sentence."]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_cases(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text, "a1")
    assert [s.text for s in sentences] == expected
    for index, sentence in enumerate(sentences):
        assert sentence.id == f"a1:{index}"
        assert text[sentence.span.start : sentence.span.end] == sentence.text


def _check_spans(text: str, article_id: str) -> None:
    sentences = split_sentences(text, article_id)
    previous_end = 0
    for index, sentence in enumerate(sentences):
        span = sentence.span
        assert span.article_id == article_id
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end
        assert text[span.start : span.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert "\n" not in sentence.text
        assert sentence.id == f"{article_id}:{index}"
        previous_end = span.end


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_spans_inside_text_for_any_unicode(text: str) -> None:
    _check_spans(text, "x")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Mr.", "U.S.", "He", "said", ".", "?", "”", "“", "\n", " ", "A.", "26", "Jan.", "ok"]
        ),
        max_size=60,
    )
)
def test_spans_inside_text_for_punctuation_soup(tokens: list[str]) -> None:
    _check_spans(" ".join(tokens), "y")


def test_seed_texts_split_cleanly() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = "\n".join(
            line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
        )
        _check_spans(text, path.stem)
        sentences = split_sentences(text, path.stem)
        # No sentence may end inside an abbreviation or start with a lower-case continuation of one.
        assert not any(s.text.endswith(("Jan.", "Feb.", "Mr.", "U.S.")) for s in sentences)
        assert len(sentences) >= len(text.split("\n"))
