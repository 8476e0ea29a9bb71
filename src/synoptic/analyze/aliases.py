"""Other ways of naming one thing: acronyms, clipped words, stated aliases, city police, species.

Articles introduce a second name for one thing ("Widget, formerly known as Project Blue", "the Foo
Agency (FA)", "Brelin P.D." for "Brelin Police Department", "Team Brel" for "Team Brelington"),
name a city's force by the city and a lower-case noun the tagger leaves out ("Brelin police", "Brelin
cops"), and abbreviate a species' genus ("Q. robusta") where spaCy tags neither form. Each rule asks
for an explicit cue or a unique fit, so that two different things are never joined on a guess.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import Any, Protocol

from synoptic.model import Span

# words an acronym may skip: "Office of Tarrow Harbours" is OTH, "Fund for Rural Kelmshire" FRK
ACRONYM_SKIPS = frozenset({"of", "the", "and", "for", "on", "in", "at", "&", "de", "du", "la"})
# lower-case nouns after a place that name its police force: "Brelin police", "Brelin cops"
POLICE_NOUNS = {"police": "police", "cops": "police"}
_ALIAS_CUE = re.compile(
    r"\s*(?:,|\(|--|—|–)\s*(?:(?:also|formerly|formally|previously|once|now|originally|later)\s+)?"
    r"(?:known\s+as|called|dubbed|renamed|rebranded\s+as|aka|a\.k\.a\.|n[ée]e)\s+(?:the\s+)?[\"“']?"
    r"|\s+(?:aka|a\.k\.a\.|n[ée]e)\s+[\"“']?",  # without a comma only the unambiguous cues
    re.IGNORECASE,
)
_PAREN = re.compile(r"\s*\(\s*")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


class _Named(Protocol):
    name: str
    label: str

    @property
    def span(self) -> Span: ...


def acronym_fits(short: str, long: str) -> bool:
    """`short` (a key) abbreviates `long` (a key): the same leading words, then the initials of the
    rest run together ("brelin pd" / "brelin police department", "fa" / "foo agency"), with or
    without the small words ("oth" / "office of tarrow harbours")."""
    ws, wl = short.split(), long.split()
    p = 0
    while p < len(ws) - 1 and p < len(wl) and ws[p] == wl[p]:
        p += 1
    letters = "".join(ws[p:])
    rest = wl[p:]
    if rest and rest[-1] in ACRONYM_SKIPS:
        return False  # a name the tagger cut short ("Bank of"): nothing to abbreviate
    if not letters.isalpha() or len(letters) < 2 or len(rest) < 2:
        return False
    if p == 0 and len(ws) > 1 and len(ws[0]) > 1:
        return False  # two words of their own, not "p d"
    every = "".join(w[0] for w in rest)
    content = "".join(w[0] for w in rest if w not in ACRONYM_SKIPS)
    return letters in (every, content)


def clipped(a: str, b: str) -> bool:
    """Two multi-word keys that differ only in a last word clipped from the other's ("team brel" /
    "team brelington", "acme pharma" / "acme pharmaceuticals")."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2 or wa[:-1] != wb[:-1]:
        return False
    short, long = sorted((wa[-1], wb[-1]), key=len)
    if not short.isalpha() or not 4 <= len(short) <= 6 or len(long) < len(short) + 3:
        return False
    common = 0
    while common < len(short) and short[common] == long[common]:
        common += 1
    return common >= max(4, len(short) - 2)


def stated_aliases(
    mentions: Sequence[_Named], texts: Mapping[str, str], key: Callable[[str], str]
) -> list[tuple[str, str]]:
    """Pairs of keys an article says are one thing: "X, formerly known as Y", "X, nee Y", "X (also
    called Y)", and "X (XY)" where the bracket holds X's initials. `key` maps a name to its key."""
    by_article: dict[str, list[_Named]] = defaultdict(list)
    for m in mentions:
        by_article[m.span.article_id].append(m)
    pairs: list[tuple[str, str]] = []
    for aid, ms in by_article.items():
        text = texts.get(aid, "")
        ms = sorted(ms, key=lambda m: (m.span.start, m.span.end))
        for first, second in pairwise(ms):
            begin = text.find(second.name, second.span.start)
            if begin < 0 or not 0 <= begin - first.span.end <= 60:
                continue
            gap = text[first.span.end : begin]
            a, b = key(first.name), key(second.name)
            if not a or not b or a == b:
                continue
            if _ALIAS_CUE.fullmatch(gap) or (
                _PAREN.fullmatch(gap)
                and text[begin + len(second.name) :].lstrip().startswith(")")
                and second.name.isupper()
                and acronym_fits(b, a)
            ):
                pairs.append((a, b))
    return pairs


def police_forces(
    mentions: Sequence[_Named], texts: Mapping[str, str], make: Callable[[str, str, Span], Any]
) -> list[_Named]:
    """A place mention followed by a lower-case police noun becomes the force ("Brelin police"), which
    then joins "Brelin Police Department" as a generic tail would; the place mention gives way.
    `make(name, label, span)` builds a mention."""
    out: list[_Named] = []
    for m in mentions:
        if m.label not in ("GPE", "LOC"):
            out.append(m)
            continue
        text = texts.get(m.span.article_id, "")
        hit = re.match(r" (police|cops)\b", text[m.span.end : m.span.end + 12])
        if not hit:
            out.append(m)
            continue
        span = Span(m.span.article_id, m.span.start, m.span.end + hit.end())
        out.append(make(f"{m.name} {hit.group(1)}", "ORG", span))
    return out


_ABBREVIATED = re.compile(r"(?<![\w.])([A-Z])\. ([a-z]{3,})\b")
_BINOMIAL = re.compile(r"(?<![\w.])([A-Z][a-z]{2,}) ([a-z]{3,})\b")


def species(
    mentions: Sequence[_Named], texts: Mapping[str, str], make: Callable[[str, str, Span], Any]
) -> list[_Named]:
    """Species names the tagger misses, found where the story abbreviates the genus: "Quercus
    robusta" and "Q. robusta" both stand in it, and the epithet never stands without a genus before
    it (so "A. said" is no species). Mentions they overlap give way (the tagger's "Quercus" ORG)."""
    abbreviated: set[tuple[str, str]] = set()
    for text in texts.values():
        abbreviated |= {(h.group(1), h.group(2)) for h in _ABBREVIATED.finditer(text)}
    found: dict[tuple[str, str], list[tuple[str, int, int, str]]] = defaultdict(list)
    for aid, text in texts.items():
        for h in _BINOMIAL.finditer(text):
            if (h.group(1)[0], h.group(2)) in abbreviated:
                found[(h.group(1)[0], h.group(2))].append((aid, h.start(), h.end(), h.group(0)))
        for h in _ABBREVIATED.finditer(text):
            found[(h.group(1), h.group(2))].append((aid, h.start(), h.end(), h.group(0)))
    new: list[_Named] = []
    for (_, epithet), hits in sorted(found.items()):
        if not any(len(name.split()[0]) > 2 for *_, name in hits):
            continue  # only the abbreviation: nothing tells it is a genus
        total = sum(len(re.findall(rf"(?<![\w-]){epithet}\b", t)) for t in texts.values())
        if total > len(hits):
            continue  # the epithet stands alone too: an ordinary word
        new += [make(name, "TAXON", Span(aid, s, e)) for aid, s, e, name in hits]
    taken: dict[str, list[Span]] = defaultdict(list)
    for m in new:
        taken[m.span.article_id].append(m.span)
    kept = [
        m
        for m in mentions
        if m.label == "PERSON"
        or not any(s.start < m.span.end and m.span.start < s.end for s in taken[m.span.article_id])
    ]
    return [*kept, *new]


# lower-case nouns that say what kind of thing the name after them is: "the journal Vexa"
KIND_NOUNS = _wordset(
    "journal magazine newspaper tabloid website blog show series programme program film movie "
    "documentary book novel album song app game ship"
)
_KIND_BEFORE = re.compile(r"\bthe (" + "|".join(sorted(KIND_NOUNS)) + r") $")
_BASED_BEFORE = re.compile(r"(?<![\w-])([A-Z]\w*(?:[ -][A-Z]\w*)*-based) $")
# lower-case words for the grounds of a building, kept as wording: "the Town Hall steps"
PLACE_PARTS = _wordset("park lawn steps grounds plaza square")
_PART_AFTER = re.compile(r" (" + "|".join(sorted(PLACE_PARTS)) + r")\b")
_KIND_NAME = re.compile(r"\bthe (" + "|".join(sorted(KIND_NOUNS)) + r") ([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*)")


def described_forms(
    mentions: Sequence[_Named],
    texts: Mapping[str, str],
    make: Callable[[str, str, Span], Any],
    key: Callable[[str], str],
) -> list[_Named]:
    """Keep how an article words a name with what it is or where it is based ("the journal Vexa",
    "Lisbon-based Tovar") as that mention's form: the key drops the description, the entity lists
    the wording. A name the tagger missed after a kind noun is added when the story names it
    elsewhere ("published in the journal Vexa" beside a tagged "Vexa")."""
    out: list[_Named] = []
    taken: dict[str, list[Span]] = defaultdict(list)
    for m in mentions:
        taken[m.span.article_id].append(m.span)
        text = texts.get(m.span.article_id, "")
        before = text[max(0, m.span.start - 40) : m.span.start]
        hit = (_KIND_BEFORE.search(before) if m.label != "PERSON" else None) or _BASED_BEFORE.search(before)
        after = _PART_AFTER.match(text, m.span.end) if m.label == "FAC" else None
        if after and text[m.span.start : m.span.end] == m.name and not hit:
            span = Span(m.span.article_id, m.span.start, after.end())
            out.append(make(f"{m.name} {after.group(1)}", m.label, span))
            continue
        if not hit or text[m.span.start : m.span.end] != m.name:
            out.append(m)
            continue
        start = m.span.start - len(before) + hit.start(1)
        out.append(make(f"{hit.group(1)} {m.name}", m.label, Span(m.span.article_id, start, m.span.end)))
    known = {key(m.name) for m in mentions}
    for aid, text in texts.items():
        for h in _KIND_NAME.finditer(text):
            s, e = h.start(1), h.end(2)
            if key(h.group(2)) in known and not any(x.start < e and s < x.end for x in taken[aid]):
                out.append(make(f"{h.group(1)} {h.group(2)}", "ORG", Span(aid, s, e)))
    return out


_CALENDAR = _wordset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december"
)
_CODE = re.compile(r"(?<![\w'’.-])([A-Z]{1,4}\d{1,4}[A-Za-z]?)((?: [A-Z][a-z]+){0,3})(?![\w'’-])")


def code_names(
    mentions: Sequence[_Named], texts: Mapping[str, str], make: Callable[[str, str, Span], Any]
) -> list[_Named]:
    """Letter-and-digit names the small tagger leaves out ("the Q7 summit", "the Q7 Forum"): a code
    that stands twice or more in the story, with the capitalised words that run on from it (not a
    weekday or a month). Places already tagged are left to their mentions."""
    taken: dict[str, list[Span]] = defaultdict(list)
    for m in mentions:
        taken[m.span.article_id].append(m.span)
    hits: dict[str, list[tuple[str, int, int, str]]] = defaultdict(list)
    for aid, text in texts.items():
        for h in _CODE.finditer(text):
            words: list[str] = []
            for word in h.group(2).split():
                if word.lower() in _CALENDAR:
                    break
                words.append(word)
            name = " ".join([h.group(1), *words])
            s, e = h.start(1), h.start(1) + len(name)
            if not any(x.start < e and s < x.end for x in taken[aid]):
                hits[h.group(1)].append((aid, s, e, name))
    found = [m for hs in hits.values() if len(hs) >= 2 for m in hs]
    return [*mentions, *(make(name, "ORG", Span(aid, s, e)) for aid, s, e, name in found)]


_FOR_PLATFORM = re.compile(
    r"(?<![\w-])([A-Z][\w-]*(?: [A-Z][\w-]*){0,4}) for ([A-Z][\w-]*(?: [A-Z0-9][\w-]*){0,3})"
)
_THING_LABELS = frozenset({"ORG", "PRODUCT", "FAC"})


def platform_forms(
    mentions: Sequence[_Named],
    texts: Mapping[str, str],
    make: Callable[[str, str, Span], Any],
    key: Callable[[str], str],
) -> tuple[list[_Named], list[tuple[str, str]]]:
    """A product named with the platform it is made for ("Quillo for Vexa 9") is the product: both
    names are things the story names on their own elsewhere; the wording joins the product."""
    labels: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        labels[key(m.name)].add(m.label)
    things = {k for k, ls in labels.items() if k and ls <= _THING_LABELS}
    out, pairs = list(mentions), []
    for aid, text in texts.items():
        for h in _FOR_PLATFORM.finditer(text):
            if h.group(2).startswith("The "):
                continue  # "Edison Polls for The Daily": work done for someone, not a platform
            words, platform = h.group(1).split(), key(h.group(2))
            # the longest run of last words that names a thing: "Meet Quillo for ..." is Quillo's
            for i in range(len(words)):
                product = key(" ".join(words[i:]))
                if product in things and platform in things and product != platform:
                    start = h.end(1) - len(" ".join(words[i:]))
                    wording = text[start : h.end()]
                    out.append(make(wording, "PRODUCT", Span(aid, start, h.end())))
                    pairs.append((key(wording), product))
                    break
    return out, pairs


_NUMBERED = re.compile(r" (One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)\b(?![ -][A-Z\d])(?!['’]s)")


def numbered_channels(
    mentions: Sequence[_Named], texts: Mapping[str, str], make: Callable[[str, str, Span], Any]
) -> list[_Named]:
    """An organisation's initials run on by a number word the tagger leaves out ("NBC Four"): one
    name, when no capitalised word follows ("NBC's Two Fat Cats" is a title). Digits are not taken:
    "Congress 60 days" is a count."""
    out: list[_Named] = []
    for m in mentions:
        text = texts.get(m.span.article_id, "")
        hit = (
            _NUMBERED.match(text, m.span.end)
            if m.label == "ORG"
            and m.name.isalpha()
            and m.name.isupper()
            and len(m.name) <= 4
            and text[m.span.start : m.span.end] == m.name
            else None
        )
        if hit is None:
            out.append(m)
            continue
        end = hit.end()
        out.append(make(text[m.span.start : end], m.label, Span(m.span.article_id, m.span.start, end)))
    return out


def brand_models(
    mentions: Sequence[_Named],
    texts: Mapping[str, str],
    make: Callable[[str, str, Span], Any],
    key: Callable[[str], str],
) -> list[_Named]:
    """A brand and its model are one name ("Vexa Quillo": ORG "Vexa", then PRODUCT "Quillo"), and so
    is a brand the tagger ran into a person's name ("Vexa Quillo" as PERSON, where the story tags
    "Vexa" an organisation and never a person)."""
    labels: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        labels[key(m.name)].add(m.label)
    counts = Counter(key(m.name) for m in mentions)
    brands = {k for k, ls in labels.items() if ls == {"ORG"} and counts[k] >= 2}
    # words of the story's other person names: "Betty Page" is a person where "Betty Mae Page" is
    ordered = sorted(mentions, key=lambda m: (m.span.article_id, m.span.start, m.span.end))
    out: list[_Named] = []
    skip = False
    for m, nxt in zip(ordered, [*ordered[1:], None][: len(ordered)], strict=True):
        if skip:
            skip = False
            continue
        text = texts.get(m.span.article_id, "")
        words = m.name.split()
        if (
            nxt is not None
            and m.label == "ORG"
            and nxt.label == "PRODUCT"
            and nxt.span.article_id == m.span.article_id
            and text[m.span.end : nxt.span.start] == " "
        ):
            span = Span(m.span.article_id, m.span.start, nxt.span.end)
            out.append(make(f"{m.name} {nxt.name}", "PRODUCT", span))
            skip = True
        elif (
            m.label == "PERSON"
            and len(words) == 2
            and key(words[0]) in brands
            and not _other_person_has(mentions, m, key)
        ):
            out.append(make(m.name, "PRODUCT", m.span))
        else:
            out.append(m)
    return out


_QUOTED_NAME = r" [\"“]([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})[\"”]"
# a cue with a pronoun names the sentence's person; a bare cue the name right before it
_NICK_PRONOUN = re.compile(
    r"\b(?:call(?:s|ed|ing)? (?:him|her)self|identif(?:y|ies|ied|ying) (?:him|her)(?:self)? as)"
    + _QUOTED_NAME
)
_NICK_BARE = re.compile(r"\b(?:known as|goes by|go by|went by|nicknamed)" + _QUOTED_NAME)
_NICK_GAP = re.compile(r"\s*,?\s*(?:(?:who|is|was|also|better|widely|popularly|commonly|often)\s+)*")
_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+[\"“]?[A-Z]")
_RENAMED = re.compile(r" (?:became|were renamed|was renamed|changed (?:his|her|their) names? to) ")


def nicknames(
    mentions: Sequence[_Named],
    texts: Mapping[str, str],
    make: Callable[[str, str, Span], Any],
    key: Callable[[str], str],
) -> tuple[list[_Named], list[tuple[str, str]]]:
    """A quoted nickname names a person: after "identifying him as" or "calls herself", the last
    person its sentence names before it; after "known as" or "who goes by", only the name right
    before the cue ("Ann Lee, known as “Q”"), not "the man" a sentence about Ann Lee describes."""
    out, pairs = list(mentions), []
    people: dict[str, list[_Named]] = defaultdict(list)
    for m in mentions:
        if m.label == "PERSON":
            people[m.span.article_id].append(m)
    for aid, text in texts.items():
        hits = [(h, True) for h in _NICK_PRONOUN.finditer(text)] + [
            (h, False) for h in _NICK_BARE.finditer(text)
        ]
        for h, pronoun in hits:
            before = [m for m in people[aid] if m.span.end <= h.start()]
            if not before:
                continue
            person = max(before, key=lambda m: m.span.end)
            if _SENTENCE_END.search(text, person.span.end, h.start()):
                continue
            if not pronoun and not _NICK_GAP.fullmatch(text, person.span.end, h.start()):
                continue  # "Ann Lee met the man known as “Q”": the nickname is the man's
            nick = h.group(1)
            if not any(m.span.start == h.start(1) for m in mentions if m.span.article_id == aid):
                out.append(make(nick, "PERSON", Span(aid, h.start(1), h.end(1))))
            pairs.append((key(person.name), key(nick)))
    return out, pairs


def renamed(
    mentions: Sequence[_Named], texts: Mapping[str, str], key: Callable[[str], str]
) -> list[tuple[str, str]]:
    """People who took a new name ("Ana and Ilse Brask became Ana Brask Lund and Ilse Lund"): the
    names before and after the cue, paired by first name, within one sentence."""
    by_article: dict[str, list[_Named]] = defaultdict(list)
    for m in mentions:
        if m.label in ("PERSON", "ORG"):
            by_article[m.span.article_id].append(m)
    pairs: list[tuple[str, str]] = []
    for aid, text in texts.items():
        for h in _RENAMED.finditer(text):
            ms = by_article[aid]
            left = [
                m
                for m in ms
                if m.span.end <= h.start() and not _SENTENCE_END.search(text, m.span.end, h.start())
            ]
            right = [
                m
                for m in ms
                if m.span.start >= h.end() and not _SENTENCE_END.search(text, h.end(), m.span.start)
            ]
            for a in left:
                for b in right:
                    wa, wb = str(key(a.name)).split(), str(key(b.name)).split()
                    if len(wa) >= 2 and len(wb) >= 2 and wa[0] == wb[0] and wa != wb:
                        pairs.append((" ".join(wa), " ".join(wb)))
    return pairs


def _other_person_has(mentions: Sequence[_Named], person: _Named, key: Callable[[str], str]) -> bool:
    """Another person name of the story shares this one's first or last word ("Betty Mae Page",
    "Jack Page" beside "Betty Page"): it is a person's name, not a brand and model."""
    first, last = key(person.name).split()[0], key(person.name).split()[-1]
    for m in mentions:
        words = key(m.name).split()
        if (
            m.label == "PERSON"
            and len(words) >= 2
            and m.name != person.name
            and (words[0] == first or words[-1] == last)
        ):
            return True
    return False
