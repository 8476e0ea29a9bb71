"""Can a sentence stand on its own in a summary or as a headline?

A brief lifts sentences out of their articles, so a sentence that needs its neighbours (a quotation the
splitter cut in two, a clause that opens in lower case, "He said…", "But…") reads wrong or misleads once
lifted. These checks look only at the sentence's shape, never at what a story is about.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_OPENERS = re.compile(
    r"^(?:he|she|it|they|we|i|you|him|them|this|that|these|those|his|her|their|its|our|there|here|such|"
    r"but|and|or|so|also|however|meanwhile|still|yet|then|instead|thus|therefore|moreover|besides|"
    r"nevertheless|nonetheless|furthermore|indeed|otherwise|because|although|though|while|whereas|"
    r"which|who|whose|where)\b",
    re.IGNORECASE,
)
# "this somewhat surprising conclusion": a demonstrative that points back to something said before;
# time words ("this week") point at the calendar instead
_ANAPHORA = re.compile(
    r"\b(?:this|these|those|such)\s+(?!(?:week|weekend|year|month|morning|afternoon|evening|night|"
    r"season|summer|spring|autumn|fall|winter|time|past|coming|is|was|are|were|has|had|will|would|"
    r"could|may|might|can)\b)[a-z]",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|according\s+to|announced|announces|stated|states|claimed|claims|"
    r"insisted|insists|added|reported|reports|confirmed|confirms|denied|denies|argued|argues|"
    r"estimated|estimates|believes|believed|wrote|writes|testified|alleged|alleges|warned|warns|"
    r"predicted|predicts|found|finds|showed|shows|suggests|suggested)\b",
    re.IGNORECASE,
)
MIN_WORDS = 6


def plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).strip()


def balanced_quotes(text: str) -> bool:
    """An even number of double quotation marks: no quotation begun or ended in another sentence."""
    return plain(text).count('"') % 2 == 0


def opens_cleanly(text: str) -> bool:
    """Opens with a capital or a digit, possibly inside an opening quotation mark."""
    body = plain(text).lstrip("\"'")
    return bool(body) and (body[0].isupper() or body[0].isdigit())


def needs_context(text: str) -> bool:
    """Opens with a pronoun or a bare connective that refers back to a sentence before it."""
    return bool(_OPENERS.match(plain(text).lstrip("\"' ")))


def ends_as_sentence(text: str) -> bool:
    """Ends with a full stop, question or exclamation mark (inside a closing quote or bracket or not):
    a line without one is a heading, a label or a fragment ("Whether the board knew")."""
    return bool(re.search(r"[.!?…][\"')\]]*$", plain(text)))


def stands_alone(text: str) -> bool:
    """Fit to be lifted into a summary: a whole sentence with whole quotations, a clean opening, no
    dangling reference, not tiny."""
    return (
        balanced_quotes(text)
        and ends_as_sentence(text)
        and opens_cleanly(text)
        and not needs_context(text)
        and not announces_more(text)
        and len(text.split()) >= MIN_WORDS
    )


def announces_more(text: str) -> bool:
    """Ends on a colon or dash: what it announces ("…, she said:") is in the next sentence."""
    return plain(text).rstrip().endswith((":", "—", "–", "-"))


def headline_worthy(text: str) -> bool:
    """Stands alone, and no demonstrative in its first words points back at an earlier sentence."""
    if not stands_alone(text):
        return False
    head = " ".join(plain(text).split()[:10])
    return not _ANAPHORA.search(head) and len(text.split()) <= 45


def attributed(text: str) -> bool:
    """The sentence says whose claim it is ("X said", "according to Y", "a study found")."""
    return bool(_ATTRIBUTION.search(text))
