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

_SHARE_BUTTON = (
    r"facebook|twitter|linkedin|pinterest|reddit|whatsapp|e-?mail|print|tumblr|google\+|flipboard|messenger"
    r"|tweet|pin|copy link|sms|comments?|embed|share"
)
_FURNITURE = [
    # a row of share buttons: "Facebook Twitter Email", "Tweet | Pin | Print"
    (re.compile(rf"^(?:{_SHARE_BUTTON})(?:\s*[|,/•·]?\s*(?:{_SHARE_BUTTON}))*$", re.I), "share buttons"),
    # a page template's unfilled placeholders: "{{subject}}", "{{#errors}}{{message}}{{/errors}}"
    (re.compile(r"\{\{[^{}]*\}\}"), "template residue"),
    # a widget talking to the reader: "A link has been posted to your Facebook feed."
    (
        re.compile(
            r"\b(?:has|have) been (?:posted|saved|sent|added) to your\b|^your \w+ has been (?:saved|sent)",
            re.I,
        ),
        "widget message",
    ),
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
        re.compile(
            r"^(?:no comments?|be the first to comment|view comments|show comments|comments)\b|\bcommenting\b"
            r"|\bcomments? (?:are closed|guidelines|policy)\b|\bcomments powered by\b|\benable javascript\b",
            re.I,
        ),
        "comment form",
    ),
    (re.compile(r"^(?:published|updated|posted|posted on|last updated)\s*:?$", re.I), "empty date label"),
    (re.compile(r"^(?:categori[sz]ed|filed|posted)\s+(?:as|in|under)\b", re.I), "category label"),
    (re.compile(r"^(?:tags?|topics?|keywords?|related topics)\s*:", re.I), "tag list"),
    (
        re.compile(
            r"\bshare (?:this|on|via|your|the article|article)\b|^share\b|\(opens in (?:a )?new window\)",
            re.I,
        ),
        "share furniture",
    ),
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
            r"^(?:click here|tap here|scroll to continue|continue reading|read the full story)\b"
            r"|^(?:read|see|find out) more\b(?:\s+(?:at|on|from|here)\b|\s*[»›>.…:]*$)",
            re.I,
        ),
        "navigation prompt",
    ),
    (
        re.compile(
            r"^(?:explore|more|home|menu|search|next|previous|back to top|skip to content|close|replay"
            r"|loading|up next|autoplay|more videos|must watch|just watched|video playlist"
            r"|story highlights)\W*$",
            re.I,
        ),
        "navigation label",
    ),
]
_SOURCE_LINE = re.compile(r"^\s*(?:source|sources|courtesy)\s*:\s*(?P<value>.+?)\s*$", re.I)
# "By Ann Other", "By ANN OTHER, Wire Service", "By Ann Other and Sam Doe | The Daily Planet": the lead
# words in any case, the names and outlets capitalised (a sentence "By Monday, the river ..." is not one).
_BYLINE_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4}"
_BYLINE_OUTLET = r"[A-Z][\w.'’&-]*(?:\s+(?:[A-Z][\w.'’&-]*|of|the|and|for|at|in|de|van|von))*"
_BYLINE = re.compile(
    rf"^\s*(?i:by|written by|reported by|edited by|story by|words by)\s+{_BYLINE_NAME}"
    rf"(?:\s*(?:,|\band\b|&|\||·|•|-|—|–)\s*{_BYLINE_OUTLET})*\s*$"
)
# News agencies and picture desks whose name alone, in brackets or after a slash, credits a picture.
_AGENCIES = (
    r"AP|AFP|Reuters|Getty(?: Images)?|EPA|ANI|PTI|Associated Press|Agence France-Presse|Bloomberg"
    r"|Xinhua|PA(?: Images| Wire)?|Shutterstock|Alamy|Rex Features|Corbis|WireImage|Polaris|Zuma"
)
# a credit label closing the caption: "... in 1996. Photograph: Ann Other/Agency", "(Credit: Maker)"
_CREDIT_LABEL = re.compile(
    r"\b(?:photo(?:graph)?s?|images?|pictures?|illustrations?|graphics?|credits?|courtesy)"
    r"\s*(?:credit|courtesy|by)?\s*:\s*[A-Z][\w .,&'’/-]*\)?$",
    re.I,
)
_CAPTION = [
    re.compile(r"\s/\s*[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|via|/))*\s*$"),  # "... Europe. / AP"
    re.compile(r"\((?:[A-Z][\w .'’-]*\s)?(?:photo|image|file photo|picture|video)\b[^)]*\)\s*$", re.I),
    re.compile(
        r"^(?:photo|image|picture|photograph|file photo|pictured|gallery|slideshow|video)s?"
        r"\s*(?:credit)?\s*:",
        re.I,
    ),
    _CREDIT_LABEL,
    re.compile(rf"\((?:{_AGENCIES})(?:\s*photo)?(?:\s*/[^()]*)?\)\s*$"),
    # "(Ann Other / Staff Photographer)": a name and a picture desk in brackets at the end
    re.compile(r"\([^()]*\s/\s[^()]*\)\s*$|\([^()]*\bphotographer\b[^()]*\)\s*$", re.I),
    # a caption's label run into its text, as pages flatten them: "Image caption ...", "Media copyright ..."
    re.compile(
        r"^(?:image|photo|picture|video|media)\s+(?:caption|copyright|credit)\b"
        r"|^media playback is (?:not supported|unsupported)\b",
        re.I,
    ),
    # image-viewer controls: "Enlarge this image", "toggle caption", "hide caption"
    re.compile(
        r"\b(?:enlarge|expand|view) (?:this|the) (?:image|photo|picture)\b|\b(?:toggle|hide|show) caption\b",
        re.I,
    ),
    # a gallery's position: "3 of 12. The crowd ..."
    re.compile(r"^(?:(?:photo|image|slide|picture)\s+)?\d{1,3}\s+of\s+\d{1,3}\s*(?:[.:|)]\s|$)", re.I),
    # the wire caption's opening: "In this photo taken ...", "In this Jan. 5, 2018, file photo, ..."
    re.compile(
        r"^(?:FILE\s*[-—–:]\s*)?In (?:this|an?) (?:[\w.,'’-]+ ){0,6}?"
        r"(?:photo(?:graph)?|image|picture|frame grab|screen ?grab|screenshot)s?\b"
        r"(?:,| (?:taken?|provided|released|made|from|shot|dated|obtained|posted|courtesy|by|of|distributed"
        r"|supplied))",
        re.I,
    ),
    # "Courtesy of Ann Other", "Photo courtesy Maker"
    re.compile(r"^(?:(?:photo|image|picture|video)s?\s+)?courtesy(?:\s+of)?\s+[A-Z][^.!?]*$", re.I),
]
# A picture credit standing alone: "Getty Images", "AFP/Getty Images", "Ann Other/Agency".
_CREDIT_LINE = re.compile(
    rf"^(?:(?:{_AGENCIES})(?:\s*/\s*(?:{_AGENCIES}))*"
    r"|(?:[A-Z][\w.'’&-]*\s+){0,4}(?:[A-Z][\w.'’&-]*)\s*/\s*[A-Z][\w.'’&/ -]*"
    r"|(?:[A-Z][\w.'’&-]*\s+){1,4}via\s+[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3})\.?$"
)
# A photo, video or gallery placeholder left where the media was: "Photo", "Video", "Slideshow".
_MEDIA_PLACEHOLDER = re.compile(
    r"^(?:(?:buy|view|see|more|watch|play)\s+)?(?:photos?|videos?|images?|gallery|slideshow|audio|graphic)$",
    re.I,
)
# "Credit Ann Other for The Daily Planet", "Photo credit Ann Other/Agency" (a credit without a colon)
_BARE_CREDIT = re.compile(
    r"^(?:(?:photo\s+|image\s+)?credit"
    r"|(?:photo(?:graph)?|illustration|image|video|graphic)s?\s+(?:by|courtesy of))"
    r"\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}(?:\s*(?:/|for|,)\s+.*)?$",
    re.I,
)
# A US broadcaster's call sign credits a video still: "... on the interstate. (KXYZ)", "(WABC-TV)"
_CALL_SIGN_CREDIT = re.compile(r"\((?:[KW][A-Z]{2,3}(?:-(?:TV|DT|FM|AM))?)\)\s*$")


_MONTH_NAMES = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A pasted post's signature: "— Ann Other (@handle) March 3, 2018", "A post shared by X (@x) on Mar 3, 2018".
_POST_SIGNATURE = re.compile(
    rf"(?:[—–-]|&mdash;)\s*[^—–]{{0,80}}\(@\w{{1,30}}\)\s*(?:on\s+)?{_MONTH_NAMES}\s+\d{{1,2}},?\s+\d{{4}}\s*$"
    rf"|\bA (?:post|photo|video) shared by\b.{{0,80}}\(@[\w.]{{1,30}}\)",
    re.I,
)
# A post's own links, which only an embed prints: "pic.twitter.com/…", "https://t.co/…".
_POST_LINK = re.compile(r"\bpic\.twitter\.com/\w|\bhttps?://t\.co/\w", re.I)
_HANDLE_LINE = re.compile(r"^@\w{1,30}$")

# Calls to action addressed to the reader, about the publication's own channels: "Follow us on ...",
# "For the latest news, follow @desk.", "Get our stories delivered to your inbox." The verb opens a
# clause; the object is "us"/"our", a handle, a social network, an inbox, feed, newsletter or app.
_PROMPT_VERB = (
    r"follow|like|join|subscribe|sign up|get|download|visit|add|check out|watch|listen|read|click|tap"
    r"|share|email|e-mail|send|register|bookmark|tune in|connect with|find"
)
_PROMPT_OPENING = re.compile(
    rf"(?:^|[.:;,!?]\s+|\b(?:and|or|then|please|also|now)\s+|\b(?:make sure|be sure|don'?t forget) to\s+"
    rf"|\byou can\s+)(?:{_PROMPT_VERB})\b",
    re.I,
)
_PROMPT_OBJECT = re.compile(
    r"\b(?:us|our)\b|(?<![\w.])@\w|\b(?:facebook|twitter|instagram|youtube|linkedin|tiktok|snapchat"
    r"|inbox|rss|xml feed|news ?feed|newsletters?|email alerts?|app store|google play|podcasts?)\b",
    re.I,
)
_PROMPT_REACH = 70  # characters from the verb to its object: "get ... delivered right to your inbox"
_QUOTE_MARK = re.compile(r"[\"“”]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z\"“])")

# Lines about the article rather than part of it.
_METADATA = [
    (
        re.compile(
            r"\bcontributed(?: reporting)?(?: to)? (?:this|the) (?:report|story|article)\b"
            r"|\bcontributed reporting\b"
            r"|\b(?:writers?|reporters?|correspondents?|staff)\b.{0,80}\bcontributed\.?$"
            r"|^\(?\s*(?:additional )?(?:reporting|writing|editing|compiled|produced) by\s+[A-Z]",
            re.I,
        ),
        "contributor credit",
    ),
    (
        re.compile(
            r"^(?:editor['’]?s['’]?|editors['’]?)\s+note\b|^(?:correction|clarification)s?\s*[:—–-]"
            r"|\bthis (?:story|article|report|post|piece) (?:has been|was|is being)"
            r" (?:updated|corrected|amended|revised)\b"
            r"|^(?:this (?:story|article) )?(?:was )?originally (?:published|appeared)\b",
            re.I,
        ),
        "editor's note",
    ),
]
# runs start where the previous character cannot extend them, and are matched possessively: linear
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
_PHONE = re.compile(r"\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|(?<![\d,.$])\b\d{3}-\d{4}\b")
_CONTACT_OPENING = re.compile(
    r"(?:^|[.!?]\s+)(?:to reach|to contact|reach|contact|email|e-mail|write to|call)\s+"
    r"(?:the\s+)?(?:writer|reporter|author|editor|columnist|him|her|them|me|us|[A-Z][\w.'’-]+)",
    re.I,
)
_CONTACT_ONLY = re.compile(
    r"^[\s•·|-]*+(?:(?:e-?mail|tel|phone)\s*+:?\s*+)?[^\s]*@[\w-]++(?:\.[\w-]++)+[\s•·|]*+$|"
    r"^[\s•·|-]*+(?:tel|phone)?\s*+:?\s*+\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}[\s•·|]*+$"
    r"|^[\s•·|-]*+\d{3}-\d{4}[\s•·|]*+$",
    re.I,
)

# Where a video or audio player sat: "EMBED More News Videos", "Watch below:", "Media playback is
# unsupported on your device".
_EMBED = re.compile(
    r"^EMBED\b|^Embed(?:ded)? (?:video|code|this)\b|\bmedia playback is (?:not supported|unsupported)\b"
    r"|\byour browser does not support\b"
    r"|^(?:watch|listen|see|view)\b[^.!?]{0,80}\b(?:below|above)\b[^.!?]*[:.]?$"
    r"|^(?:watch|listen to|see|view)\s+(?:the\s+)?(?:full\s+)?"
    r"(?:video|clip|interview|segment|footage|exchange)[^.!?]{0,60}:$",
    re.I,
)
# A turn of a transcript: 'Anchor: "Which polls?"' (a speaker's name, a colon, the words in quotes).
_TRANSCRIPT_TURN = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*:\s*[\"“].*[\"”]$")
# A short sentence closed by a full stop after a word ("And then it was over."), not an abbreviation.
_FULL_STOP = re.compile(r"(?<![a-z\d])[a-z\d]{2,}+[.][\"'”’)]*+$")
# Quoted words and who said them: '"Which polls?" he asked.', '"Wish me luck," she said.'
_ATTRIBUTED_QUOTE = re.compile(
    r"^[\"“‘'].+?[\"”’']\s*,?\s+(?:[A-Z][\w.'’-]*\s+){0,3}(?:[a-z][\w'’-]*\s+){0,3}[a-z]{2,}[.]$"
)
# When a page was posted or updated: "Updated 3:04 PM ET, Thu March 1, 2018", "Posted by Ann at 9:15 am".
_TIMESTAMP = re.compile(
    r"^(?:posted|published|updated|last updated|last modified|first published|modified)\b.{0,70}"
    r"(?:\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b|\b(?:a\.m\.|p\.m\.|am|pm)(?!\w)|\bago\b)"
    r"|^\d{1,2}:\d{2}\s*(?:a\.?m\.?|p\.?m\.?)?(?:\s+[A-Z]{2,4})?\.?$"
    r"|^\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)\.?(?:\s+[A-Z]{2,4})?\.?$"
    r"|^\d{1,3}\s+(?:minutes?|hours?|days?|weeks?)\s+ago$",
    re.I,
)
# Copyright and licence notices run longer than other furniture: "... This material may not be
# published, broadcast, rewritten or redistributed."
_RIGHTS = re.compile(
    r"\ball rights reserved\b|\bmay not be (?:published|reproduced|copied|redistributed)\b"
    r"|^(?:©|\(c\)|copyright\b)\s*(?:\d{4}|[A-Z])",
    re.I,
)
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|wrote|writes|told|tweeted|posted|added|urged|asked|called on|announced)\b", re.I
)


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
    if shape.words <= 45 and _RIGHTS.search(text.strip()):
        return "copyright line"
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
    """A photo caption or credit: a credit at the end ("... / AP", "(Photo: X)", "Photograph: X/Y"), a
    caption label or viewer control, a gallery position, the wire caption's "In this photo ...", or a
    credit standing alone ("Getty Images", "Ann Other/Agency", "(Credit: Maker)")."""
    stripped = text.strip()
    if shape.words <= 6 and (
        _CREDIT_LINE.match(stripped)
        or _MEDIA_PLACEHOLDER.match(stripped)
        or _CREDIT_LABEL.match(stripped.lstrip("("))
    ):
        return True
    if shape.words <= 12 and _BARE_CREDIT.match(stripped):
        return True
    if _CALL_SIGN_CREDIT.search(stripped) and shape.words <= 45:
        return True
    if shape.words < 3 or shape.words > 45:
        return False  # a long line is a paragraph, even if it starts "Photo: ..." (a flattened page)
    return any(pattern.search(text) for pattern in _CAPTION)


def is_section_label(text: str, shape: Shape) -> bool:
    """A one-to-three word label in capitals such as a section name ("WORLD", "TOP NEWS")."""
    return shape.words <= 3 and shape.upper_share > 0.9 and not shape.terminal


def match_social_post(text: str) -> str | None:
    """The reason when the line is (part of) a pasted social post: its signature, its links, a handle."""
    if _POST_SIGNATURE.search(text):
        return "pasted social post (signature with handle and date)"
    if _POST_LINK.search(text):
        return "pasted social post (embed link)"
    if _HANDLE_LINE.match(text.strip()):
        return "social handle"
    return None


def is_post_signature(reason: str) -> bool:
    return reason.startswith("pasted social post (signature")


def is_reader_prompt(text: str) -> bool:
    """A call to action addressed to the reader about the outlet's channels (follow, subscribe, like us).

    A line in quotation marks is someone's words, not the page's, and long lines are paragraphs.
    """
    if _QUOTE_MARK.search(text) or count_words(text) > 45:
        return False
    if _SPEECH_VERB.search(text):
        return False  # reported speech ("... join us, the pastor said") is the article's content
    openings = _PROMPT_OPENING.finditer(text)
    return any(_PROMPT_OBJECT.search(text[m.start() : m.end() + _PROMPT_REACH]) for m in openings)


def closes_with_prompt(text: str) -> bool:
    """A paragraph whose last sentence is a call to action to the reader (an author's closing promo)."""
    last = _SENTENCE_END.split(text.strip())[-1]
    return last != text.strip() and is_reader_prompt(last)


def match_metadata(text: str, shape: Shape) -> str | None:
    """The reason when the line is about the article, not in it: credits, contacts, editor's notes."""
    if shape.words > 60:
        return None
    stripped = text.strip(" —–-")
    if shape.words <= 20 and _TIMESTAMP.search(stripped):
        return "timestamp"
    for pattern, reason in _METADATA:
        if pattern.search(stripped):
            return reason
    if _CONTACT_ONLY.match(stripped):
        return "contact address"
    contact = _EMAIL.search(stripped) or _PHONE.search(stripped)
    if shape.words <= 40 and contact and _CONTACT_OPENING.search(stripped):
        return "reporter contact"
    return None


def match_embed(text: str, shape: Shape) -> str | None:
    """The reason when the line is a video/audio embed's label or the prompt that points at it."""
    if shape.words <= 25 and _EMBED.search(text.strip()):
        return "video embed or its prompt"
    return None


def is_transcript_turn(text: str) -> bool:
    """'Speaker: "words"': a turn of a transcript, which is the article's content however short."""
    return bool(_TRANSCRIPT_TURN.match(text.strip()))


def is_short_sentence(text: str, shape: Shape) -> bool:
    """A sentence of a few words closed by a full stop: headings, labels and links end without one.

    Some pages close their headings with a stop too, so a line in capitals or in Title Case
    ("Joining Forces With Allies.") stays a heading.
    """
    if shape.words < 3 or not _FULL_STOP.search(text.strip()):
        return False
    return not (shape.upper_share > 0.9 or is_title_case(text))


def is_title_case(text: str) -> bool:
    """Most longer words after the first start with a capital, as headings and names are written."""
    longer = [w for w in _WORD.findall(text)[1:] if len(w) >= 4 and w[0].isalpha()]
    return bool(longer) and sum(w[0].isupper() for w in longer) >= 0.75 * len(longer)


def is_separator(text: str) -> bool:
    """A rule between sections ("___", "* * *", "———"): no letter or digit at all."""
    return not any(ch.isalnum() for ch in text)


def is_attributed_quote(text: str) -> bool:
    """Quoted words followed by who said them ('"Which polls?" he asked.'): reportage however short."""
    return bool(_ATTRIBUTED_QUOTE.match(text.strip()))
