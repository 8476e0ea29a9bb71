"""Can a sentence stand on its own in a summary or as a headline?

A brief lifts sentences out of their articles, so a sentence that needs its neighbours (a quotation the
splitter cut in two, a clause that opens in lower case, "He said…", "But…") reads wrong or misleads once
lifted. These checks look only at the sentence's shape, never at what a story is about.
"""

from __future__ import annotations

import re
import unicodedata

from synoptic.light_imports import sklearn_stop_words

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_OPENERS = re.compile(
    r"^(?:he|she|it|they|we|i|you|him|them|this|that|these|those|his|her|their|its|our|there|here|such|"
    r"but|and|or|so|also|however|meanwhile|still|yet|then|instead|thus|therefore|moreover|besides|"
    r"nevertheless|nonetheless|furthermore|indeed|otherwise|because|although|though|while|whereas|"
    r"which|who|whose|where|"
    # phrases that tie the sentence to the one before: its result, an example of it, its moment
    r"sure\s+enough|as\s+a\s+result|in\s+turn|for\s+example|for\s+instance|in\s+fact|after\s+all|"
    r"even\s+so|by\s+then|at\s+the\s+time|at\s+that\s+point|not\s+surprisingly|in\s+addition|"
    r"on\s+the\s+other\s+hand|in\s+other\s+words|at\s+the\s+same\s+time|that\s+said|again|"
    r"conversely|likewise|similarly|consequently|hence|accordingly|by\s+contrast|in\s+contrast|"
    r"on\s+the\s+contrary)\b",
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
# "Some of these boats", "Asked about those plans": a demonstrative in the first words names
# something the sentence before introduced ("those who" and "those that" point forward instead)
_OPENING_ANAPHORA = re.compile(
    r"^(?:\S+\s+){0,2}(?:this|these|those)\s+(?!(?:who|that|which|week|weekend|year|month|morning|"
    r"afternoon|evening|night|time|is|was|are|were)\b)[a-z]",
    re.IGNORECASE,
)
# "didn't immediately have a comment", "declined to comment": a report that nobody said anything
_NO_STATEMENT = re.compile(
    r"\b(?:did\s+not|didn't|does\s+not|doesn't|could\s+not|couldn't|would\s+not|wouldn't)\s+"
    r"(?:immediately\s+)?(?:have\s+(?:a|any)\s+comment|comment|respond|return\s+(?:a|calls|messages|"
    r"requests)|reply)\b|\bdeclined\s+(?:to\s+comment|comment)\b|\bcould\s+not\s+(?:immediately\s+)?be\s+"
    r"reached\b|\bhad\s+no\s+(?:immediate\s+)?comment\b",
    re.IGNORECASE,
)
# "as I noted above", "as we wrote earlier": the sentence points into its own article
_SELF_REFERENCE = re.compile(
    r"\bas\s+(?:i|we)\s+(?:alluded\s+to|mentioned|noted|said|wrote|reported|explained)\s+"
    r"(?:above|below|earlier|before|previously)\b|\b(?:see|mentioned|noted|shown|described)\s+(?:above|below)\b",
    re.IGNORECASE,
)
# '"...," she said.': a quotation whose only speaker is a pronoun does not say whose words they are
# and "..., the sergeant said." points back at a person the article named before
_PRONOUN_SPEAKER = re.compile(
    r"[,.?!]['\"]\s*(?:he|she|they)\s+(?:said|says|wrote|writes|added|adds|recalled|recalls|continued)\b"
    r"|,['\"]?\s*the\s+(?:sergeant|spokesman|spokeswoman|spokesperson|officer|detective|lieutenant|captain|"
    r"woman|man)\s+(?:said|says|added)\b",
    re.IGNORECASE,
)
# a word that can carry a clause: an auxiliary, a common reporting verb, or a past form
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|will|would|can|could|may|might|must|"
    r"should|said|says|say|\w+ed)\b",
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


# "One grabbed the bag", "Both were hurt", "Two of them fled": a number or quantifier standing for
# people the sentence before named ("One bullet hit the door" names its own noun and is fine)
_QUANTIFIER_SUBJECT = re.compile(
    r"^(?:one|another|both|each|either|neither|the\s+other|the\s+others|others|two|three|four)\s+"
    r"(?:of\s+(?:them|those|these|whom|us)\b"
    r"|(?:said|says|was|were|is|are|has|had|have|will|would|could|did|got|took|told|ran|fled|shot|came|"
    r"left|went|made|saw|gave|held|hit|stole|threw|fell|died)\b"
    # a past form is a verb when a function word follows ("One grabbed the bag"), an adjective when a
    # noun does ("Two masked men")
    r"|(?!hundred\b)[a-z]{3,}ed\s+(?:the|a|an|his|her|their|its|him|them|it|to|in|on|at|from|with|"
    r"into|out|up|off|away|after|before|when|as|and)\b"
    r"|[a-z]{3,}ed[,.])",
    re.IGNORECASE,
)


def needs_context(text: str) -> bool:
    """Opens with a pronoun or a bare connective that refers back to a sentence before it."""
    return bool(_OPENERS.match(plain(text).lstrip("\"' ")))


def quantifier_subject(text: str) -> bool:
    """Opens with a number standing for people named before ("One grabbed the bag"). Prose only:
    headlines drop their nouns by habit ("Three killed in crash")."""
    return bool(_QUANTIFIER_SUBJECT.match(plain(text).lstrip("\"' ")))


def ends_as_sentence(text: str) -> bool:
    """Ends with a full stop, question or exclamation mark (inside a closing quote or bracket or not):
    a line without one is a heading, a label or a fragment ("Whether the board knew")."""
    return bool(re.search(r"[.!?…][\"')\]]*$", plain(text)))


def stands_alone(text: str) -> bool:
    """Fit to be lifted into a summary: a whole sentence with whole quotations, a clean opening, no
    dangling reference (pronoun, linking phrase, opening demonstrative, a speaker known only as "she"
    or "the sergeant", "as I said above"), not tiny, and reporting something: not a list of items, a
    title joined on with a bar, or a note that someone declined to comment."""
    return (
        balanced_quotes(text)
        and ends_as_sentence(text)
        and opens_cleanly(text)
        and not needs_context(text)
        and not quantifier_subject(text)
        and not announces_more(text)
        and len(text.split()) >= MIN_WORDS
        and not _OPENING_ANAPHORA.match(plain(text).lstrip("\"' "))
        and not joined_parts(text)
        and not enumeration(text)
        and not no_statement(text)
        and not _SELF_REFERENCE.search(plain(text))
        and not _PRONOUN_SPEAKER.search(plain(text))
    )


def joined_parts(text: str) -> bool:
    """A " | " inside the text: a page joined a title, a caption or a credit onto the line, and prose
    never uses the bar as punctuation."""
    return " | " in text


def enumeration(text: str) -> bool:
    """A list of short items with nothing that could be a verb ("Boxing, bowling, soccer and tennis."):
    it names things, it does not report anything."""
    body = plain(text).rstrip(".!?…")
    items = [x.strip() for x in re.split(r",|;|\band\b|\bor\b", body) if x.strip()]
    return len(items) >= 4 and all(len(x.split()) <= 3 for x in items) and not _VERBISH.search(body)


def no_statement(text: str) -> bool:
    """Reports that someone did not comment or could not be reached: no fact of the story."""
    return bool(_NO_STATEMENT.search(plain(text)))


def announces_more(text: str) -> bool:
    """Ends on a colon or dash: what it announces ("…, she said:") is in the next sentence."""
    return plain(text).rstrip().endswith((":", "—", "–", "-"))


_PERSONAL = frozenset(["he", "she", "they", "him", "her", "them", "his", "hers", "their", "theirs"])


def _is_name(number: int, core: str, stop: frozenset[str]) -> bool:
    """A capitalised word is a name; the sentence's first word only when it is no common word (a capital
    opens every sentence)."""
    return core[:1].isupper() and core != "I" and (number > 0 or core.lower() not in stop)


def pronoun_before_name(text: str) -> bool:
    """A personal pronoun comes before any name ("One bullet hit his arm", "When they arrived"): the
    person it stands for was named in a sentence the reader of a headline has not seen."""
    stop = sklearn_stop_words()
    for number, word in enumerate(plain(text).split()):
        core = word.strip("\"'()[],.;:!?")
        if _is_name(number, core, stop):
            return False
        if core.lower() in _PERSONAL:
            return True
    return False


def names_something(text: str) -> bool:
    """The sentence names a person, place or body (a capitalised word that is a name)."""
    stop = sklearn_stop_words()
    words = plain(text).split()
    return any(_is_name(n, w.strip("\"'()[],.;:!?").split("'")[0], stop) for n, w in enumerate(words))


def headline_worthy(text: str) -> bool:
    """Stands alone, no demonstrative in its first words points back at an earlier sentence, and no
    pronoun stands for someone not yet named."""
    if not stands_alone(text) or pronoun_before_name(text):
        return False
    head = " ".join(plain(text).split()[:10])
    return not _ANAPHORA.search(head) and len(text.split()) <= 45


def attributed(text: str) -> bool:
    """The sentence says whose claim it is ("X said", "according to Y", "a study found")."""
    return bool(_ATTRIBUTION.search(text))
