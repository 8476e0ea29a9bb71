"""What a single line looks like: sentence or headline, and generic web-furniture shapes.

Every rule here is about the shape of a line, never about a particular site or story: related-link
prefixes ("Also read | ...", "READ MORE: ..."), counters ("0 Comments", "4 min read"), comment forms,
share/subscribe/cookie/contact furniture, photo captions ending in "/ AGENCY", "SOURCE:" lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TERMINAL = re.compile(r"[.!?…。！？][\"'”’»)\]」』）]*$|[\"'”’»」』][.!?,。！？，]?$")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
# Chinese and Japanese write no spaces between words; about two characters make a word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# "Also read | headline", "READ MORE: headline", "Related: headline", "Watch - ..."
_LINK_WORDS = (
    r"also read|read also|read more|more from|see also|also see|related(?: articles?| stories| news)?"
    r"|recommended|must read|don'?t miss|trending|watch|listen|also watch|read next|top stories"
    r"|more news|latest news|more stories|suggested|you may also like|also on"
)
_LINK_PREFIX = re.compile(rf"^\s*(?:{_LINK_WORDS})\s*(?:[|:>»»–—-]+|\s{{2,}})\s*\S", re.I)
# A short label then a pipe: "Opinion | headline" (a section or link label).
_PIPE_LABEL = re.compile(r"^\s*[A-Z][\w'’ -]{0,24}?\s*\|\s*\S")
# "WORD WORD:headline" in capitals, the rest not a sentence (datelines carry sentences and are excluded).
_CAPS_LABEL = re.compile(r"^\s*[A-Z][A-Z '’-]{2,24}:\s*\S")

_FURNITURE = [
    (
        re.compile(
            r"^\d[\d,.]*\s*[kKmM]?\s+(?:comments?|shares?|views?|likes?|replies|responses|reactions)$", re.I
        ),
        "counter",
    ),
    (re.compile(r"^(?:comments?|shares?|views?)\s*[:(]?\s*\d+\)?$", re.I), "counter"),
    (re.compile(r"^\d+\s*(?:-|–)?\s*(?:min(?:ute)?s?)\.?\s+read$", re.I), "reading-time label"),
    (
        re.compile(r"^(?:leave|post|add|write)\s+(?:a|your)\s+(?:comment|reply|response)\b", re.I),
        "comment form",
    ),
    (
        re.compile(r"\byour email address will not be published\b|\brequired fields are marked\b", re.I),
        "comment form",
    ),
    (
        re.compile(r"^(?:no comments?|be the first to comment|view comments|show comments|comments)\b", re.I),
        "comment form",
    ),
    (re.compile(r"^(?:published|updated|posted|posted on|last updated)\s*:?$", re.I), "empty date label"),
    (re.compile(r"^(?:categori[sz]ed|filed|posted)\s+(?:as|in|under)\b", re.I), "category label"),
    (re.compile(r"^tags?\s*:", re.I), "tag list"),
    (re.compile(r"\bshare (?:this|on|via|your|the article|article)\b|^share\b", re.I), "share furniture"),
    (
        re.compile(r"^(?:subscribe|sign up|follow us|download (?:the|our) app)\b|\bnewsletter\b", re.I),
        "subscription furniture",
    ),
    (
        re.compile(r"\bcookies?\b.*\b(?:accept|consent|policy|use|settings)\b|\bprivacy policy\b", re.I),
        "cookie/privacy furniture",
    ),
    (
        re.compile(
            r"^(?:contact us|about us|advertise(?: with us)?|terms of (?:use|service)|site map|sitemap)$",
            re.I,
        ),
        "site links",
    ),
    (re.compile(r"(?:©|\(c\)|copyright\b).*\d{4}|\ball rights reserved\b", re.I), "copyright line"),
    (
        re.compile(r"^(?:advertisement|sponsored|ad|story continues below(?: advertisement)?)$", re.I),
        "advertisement label",
    ),
    (
        re.compile(
            r"^(?:click here|tap here|scroll to continue|continue reading|read the full story)\b", re.I
        ),
        "navigation prompt",
    ),
    (
        re.compile(r"^(?:explore|more|home|menu|search|next|previous|back to top|skip to content)$", re.I),
        "navigation label",
    ),
]
_SOURCE_LINE = re.compile(r"^\s*(?:source|sources|courtesy)\s*:\s*(?P<value>.+?)\s*$", re.I)
_BYLINE = re.compile(
    r"^\s*(?:by|written by|reported by|edited by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’ -]+)*\s*$"
)
_CAPTION = [
    re.compile(r"\s/\s*[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|via|/))*\s*$"),  # "... Europe. / AP"
    re.compile(r"\((?:[A-Z][\w .'’-]*\s)?(?:photo|image|file photo|picture|video)\b[^)]*\)\s*$", re.I),
    re.compile(r"^(?:photo|image|picture|photograph|file photo|pictured)\s*(?:credit)?\s*:", re.I),
    re.compile(r"\b(?:photo|image)\s*(?:credit|courtesy)?\s*:\s*[A-Z][\w .,'’/-]*$", re.I),
    re.compile(r"\((?:AP|AFP|Reuters|Getty Images|EPA|ANI|PTI)\s*(?:photo)?[^)]*\)\s*$"),
]


@dataclass(frozen=True)
class Shape:
    """Shape features of one stripped line."""

    words: int
    chars: int
    terminal: bool  # ends like a sentence: ". ! ? …" maybe with a closing quote, or a closing quote
    upper_share: float  # share of letters in capitals

    @property
    def sentence_like(self) -> bool:
        """A paragraph of prose: ends like a sentence and is long enough, or is simply long."""
        return (self.terminal and self.words >= 6) or self.words >= 40

    @property
    def headline_like(self) -> bool:
        """Short and not closed like prose: a headline, label or link text."""
        return not self.sentence_like and self.words <= 30


def count_words(text: str) -> int:
    """Words of a line; runs of CJK characters count one word per two characters."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(_WORD.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + (cjk + 1) // 2


def describe_line(text: str) -> Shape:
    """Shape features of a line (whitespace-stripped)."""
    stripped = text.strip()
    letters = [ch for ch in stripped if ch.isalpha()]
    upper = sum(1 for ch in letters if ch.isupper())
    return Shape(
        words=count_words(stripped),
        chars=len(stripped),
        terminal=bool(_TERMINAL.search(stripped)),
        upper_share=upper / len(letters) if letters else 0.0,
    )


def match_link(text: str, shape: Shape) -> str | None:
    """The reason when the line is a related-article link with a label prefix, else None."""
    if _LINK_PREFIX.match(text):
        return "related-link prefix"
    if shape.words <= 30 and (_PIPE_LABEL.match(text) or _CAPS_LABEL.match(text)):
        rest = re.split(r"[|:]", text, maxsplit=1)[1]
        if not describe_line(rest).sentence_like:
            return "label-prefixed link"
    return None


def match_furniture(text: str, shape: Shape) -> str | None:
    """The reason when a short line is generic site furniture (counters, comment forms, share...)."""
    if shape.words > 16:
        return None
    for pattern, reason in _FURNITURE:
        if pattern.search(text.strip()):
            return reason
    return None


def match_source_line(text: str) -> str | None:
    """The value of a "SOURCE: X" line, else None."""
    match = _SOURCE_LINE.match(text)
    if match and len(match.group("value").split()) <= 8:
        return match.group("value")
    return None


def is_byline(text: str) -> bool:
    return bool(_BYLINE.match(text))


def is_caption(text: str, shape: Shape) -> bool:
    """A photo caption: a credit at the end ("... / AP", "(Photo: X)") or a "Photo:" prefix."""
    if shape.words < 3 or shape.words > 45:
        return False  # a long line is a paragraph, even if it starts "Photo: ..." (a flattened page)
    return any(pattern.search(text) for pattern in _CAPTION)


def is_section_label(text: str, shape: Shape) -> bool:
    """A one-to-three word label in capitals such as a section name ("WORLD", "TOP NEWS")."""
    return shape.words <= 3 and shape.upper_share > 0.9 and not shape.terminal
