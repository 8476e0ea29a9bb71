"""Where someone died: at the scene (or in the car) in one article, at a hospital in another.

A death is a verb ("died", "was killed", "pronounced dead") and the place that follows it ("at the
scene", "in the van", "at a hospital"). Two sentences of one fact that place the death of the same
person, named by a word both clauses share ("the van's driver" / "Lowe died in the van"), on opposite
sides of the hospital doors disagree. Deaths of different people in one sentence ("the cyclist died
at the scene and the driver died later at a hospital") are told apart by those shared words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from synoptic.synthesize.slot_values import STOP, Clash, Member, Token, tokens_span, tokens_text, wordset

_DEATH = re.compile(r"^(?:died|dies|killed|dead)$")
HOSPITAL = wordset("hospital hospitals clinic infirmary")
PLACE_WORDS = wordset("scene spot site car vehicle van truck cab taxi home house street road wreckage")
MAX_SUBJECT = 5  # tokens before the death verb that name who died
MAX_PLACE = 4  # tokens after "at"/"in" that name where


def _deaths(m: Member, text: str) -> list[tuple[str, set[str], set[str], list[Token]]]:
    """Each death in a sentence: ("hospital" or "scene", words of who died, words of where, the place
    as shown)."""
    out = []
    toks = m.tokens
    for i, t in enumerate(toks):
        if not _DEATH.match(t.key):
            continue
        j = i + 1
        while j < len(toks) and toks[j].key in ("later", "shortly", "after", "arriving", "upon"):
            j += 1
        if j >= len(toks) or toks[j].key not in ("at", "in", "on"):
            continue
        place = []
        for k in range(j + 1, min(len(toks), j + 1 + MAX_PLACE)):
            if re.search(r"[,;.]", text[toks[k - 1].end : toks[k].start]):
                break
            place.append(toks[k])
            head = toks[k].capitalized or toks[k].key in PLACE_WORDS | HOSPITAL
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if head and not (nxt and (nxt.capitalized or nxt.key in HOSPITAL)):
                break  # the place ends with its noun: "in the van | after it hit the wall"
        keys = {p.key for p in place}
        if keys & HOSPITAL:
            kind = "hospital"
        elif keys & PLACE_WORDS:
            kind = "scene"
        elif any(p.capitalized for p in place):
            kind = "named"  # "in the Vauxhall", "in Dunmore": a vehicle, or a town that holds a hospital
        else:
            continue
        subject: list[Token] = []
        for k in range(i - 1, max(-1, i - 1 - MAX_SUBJECT), -1):
            if toks[k].key in ("and", "but") or re.search(r"[,;]", text[toks[k].end : toks[k + 1].start]):
                break
            subject.append(toks[k])
        out.append((kind, _words(subject), _words(place), [toks[j], *place]))
    return out


# Words that say nothing of who died: one crash has several drivers and passengers.
GENERIC = wordset("was were pronounced later driver passenger man woman person victim")


def _words(tokens: Sequence[Token]) -> set[str]:
    keys = {t.key for t in tokens if t.key not in STOP and len(t.key) > 2}
    return keys - HOSPITAL - PLACE_WORDS - GENERIC


def death_place_clashes(a: Member, b: Member, texts: dict[str, str]) -> list[Clash]:
    """The deaths two sentences place on either side of the hospital doors, for the same person."""
    ta, tb = texts[a.span.article_id], texts[b.span.article_id]
    out: list[Clash] = []
    for kind_a, who_a, where_a, wa in _deaths(a, ta):
        for kind_b, who_b, where_b, wb in _deaths(b, tb):
            # the same person: a word of who died in both, or the place of one names the other's victim
            # ("died in the van" / "the van's driver"); two places alike ("Leeds" / "a Leeds hospital")
            # are no person
            if "hospital" not in (kind_a, kind_b) or kind_a == kind_b:
                continue
            if kind_a == "named" or kind_b == "named":  # a named place must be the victim's own
                shared = (where_a & who_b) if kind_a == "named" else (who_a & where_b)
            else:
                shared = (who_a & who_b) | (where_a & who_b) | (who_a & where_b)
            if shared:
                who = next(t.text for t in (*a.tokens, *b.tokens) if t.key == min(shared))
                out.append(_clash(f"place of death ({who})", a, wa, b, wb, texts))
    return out


def _clash(
    slot: str, a: Member, wa: Sequence[Token], b: Member, wb: Sequence[Token], texts: dict[str, str]
) -> Clash:
    ta, tb = texts[a.span.article_id], texts[b.span.article_id]
    sa, sb = tokens_span(a.span.article_id, wa), tokens_span(b.span.article_id, wb)
    return Clash(slot, sa, tokens_text(ta, wa), sb, tokens_text(tb, wb), a.span, b.span)
