"""Second pass over one document: where the article starts and ends, and what the open lines are.

Position decides most of it: headline-like lines before the first paragraph are the title (and
maybe a standfirst, the dek), short lines between paragraphs are subheadings, and what follows the
last paragraph is furniture. Relatedness to the story decides the doubtful cases: an unrelated
headline before the article, an unrelated line inside it, an unrelated run of lines after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from synoptic.clean.drafts import LineDraft
from synoptic.clean.metadata import read_dateline
from synoptic.clean.shapes import closes_with_prompt, is_section_label, is_short_sentence
from synoptic.model import LineKind
from synoptic.settings import Settings

_HEADER_KINDS = (LineKind.METADATA, LineKind.DUPLICATE)


@dataclass(frozen=True)
class Layout:
    """Positions (in the non-blank line list) of the title, dek and the dateline-bearing line."""

    title: int | None
    dek: int | None
    dateline: int | None


def _sim(sims: dict[int, float], pos: int) -> float:
    return sims.get(pos, 0.0)


def _is_title_shape(draft: LineDraft) -> bool:
    shape = draft.shape
    if shape.words < 2 or shape.words > 30:
        return False
    return shape.headline_like or (shape.words <= 15 and draft.text.rstrip("”’\"' ").endswith(("?", "!")))


def _prune_tail(drafts: list[LineDraft], sims: dict[int, float], min_sim: float) -> None:
    """Prose after a gap at the end of the document that is unrelated to the story is not the article."""
    while True:
        prose = [p for p, d in enumerate(drafts) if d.kind is None and d.prose]
        if len(prose) < 2:
            return
        last, before = prose[-1], prose[-2]
        if last - before < 2:
            return
        run = [p for p in range(before + 1, len(drafts)) if drafts[p].kind is None]
        run_sim = sum(_sim(sims, p) for p in run) / len(run)
        if _sim(sims, last) >= min_sim and run_sim >= min_sim:
            return
        drafts[last].prose = False
        drafts[last].decide(
            LineKind.BOILERPLATE,
            f"prose after article end, in a run unrelated to story (sim {_sim(sims, last):.2f})",
        )


def _drop_closing_promo(drafts: list[LineDraft]) -> None:
    """The last paragraph is the author's or outlet's promo when it ends by addressing the reader
    ("... you can follow the trip on Twitter @desk.")."""
    prose = [d for d in drafts if d.kind is None and d.prose]
    if len(prose) >= 2 and closes_with_prompt(prose[-1].text):
        prose[-1].prose = False
        prose[-1].decide(LineKind.BOILERPLATE, "closing paragraph ends with a call to action to the reader")


def _list_items(drafts: list[LineDraft], start: int, end: int, lead_min_words: int) -> set[int]:
    """Short lines after a paragraph that ends with a colon are the list it announces, not headings.

    The list runs while short lines alternate with at most one paragraph (an item and its gloss) and
    stays inside the article: two paragraphs in a row, a decided line or the article's end close it.
    """
    items: set[int] = set()
    for pos in range(max(start, 0), end):
        draft = drafts[pos]
        lead = draft.prose or draft.shape.words >= lead_min_words
        if not (draft.kind is None and lead and draft.text.rstrip("”’\"' ").endswith(":")):
            continue
        run: list[int] = [pos]  # the announcing line is a sentence, however short
        paragraphs = 0
        for later in range(pos + 1, end):
            other = drafts[later]
            if other.kind is not None or paragraphs >= 2:
                break
            if other.prose:
                paragraphs += 1
            elif other.shape.upper_share > 0.9:
                break  # a heading in capitals starts the next section
            else:
                paragraphs = 0
                run.append(later)
        items.update(run)
    return items


def _header_before_dateline(
    drafts: list[LineDraft], dateline: int | None, title: int | None, dek: int | None, dek_min: int
) -> tuple[int | None, int | None]:
    """Prose above a wire dateline ("CITY (Agency) - ...") is the page's header: the document's first
    line the title when it is too short for a standfirst (and no title was found), a paragraph the
    standfirst (when there is none yet), the others captions. Returns the title's and dek's positions."""
    if dateline is None:
        return title, dek
    place = read_dateline(drafts[dateline].text)
    if place is None or not place.strong:
        return title, dek
    for pos in range(dateline):
        draft = drafts[pos]
        if not (draft.kind is None and draft.prose):
            continue
        draft.prose = False
        if title is None and pos == 0 and draft.shape.words < dek_min:
            title = pos
            draft.decide(LineKind.TITLE, "headline-length first line above the wire dateline")
        elif dek is None and draft.shape.words >= dek_min:
            dek = pos
            draft.decide(LineKind.DEK, "standfirst above the wire dateline that opens the body")
        else:
            draft.decide(LineKind.CAPTION, "prose above the wire dateline that opens the body (a caption)")
    return title, dek


def settle_lines(drafts: list[LineDraft], sims: dict[int, float], settings: Settings) -> Layout:
    """Decide every open line of one document in place; return where title, dek and dateline are."""
    min_sim = settings.relatedness_min
    subheading_max = settings.clean_subheading_max_words  # longer: prose without a closing stop
    too_short = settings.clean_short_line_words  # embeddings of so few words say little
    dek_min = settings.clean_dek_min_words
    _drop_closing_promo(drafts)
    _prune_tail(drafts, sims, min_sim)
    if not any(d.kind is None and d.prose for d in drafts):
        # No line reads like finished prose (a flattened or unpunctuated page): long lines related to
        # the story are its paragraphs.
        for pos, draft in enumerate(drafts):
            if draft.kind is None and draft.shape.words > subheading_max and _sim(sims, pos) >= min_sim:
                draft.prose = True
    prose = [p for p, d in enumerate(drafts) if d.kind is None and d.prose]
    opening = prose[: settings.clean_dateline_paragraphs]
    dateline = next((p for p in opening if read_dateline(drafts[p].text)), None)
    title = dek = None
    first = dateline if dateline is not None else (prose[0] if prose else len(drafts))
    for pos in range(min(first + 1, len(drafts))):
        draft = drafts[pos]
        if draft.kind is not None:
            continue
        if draft.prose:
            # A short question or exclamation opening the document is a headline, not the lede.
            if pos != dateline and _is_title_shape(draft) and len(prose) > 1:
                title = pos
                draft.prose = False
                draft.decide(LineKind.TITLE, "short question/exclamation before the first paragraph")
            break
        if is_section_label(draft.text, draft.shape):
            draft.decide(LineKind.BOILERPLATE, "section label before the article")
        elif _sim(sims, pos) < min_sim and draft.shape.words > too_short:
            sim = _sim(sims, pos)
            draft.decide(
                LineKind.BOILERPLATE, f"headline before article start, unrelated to story (sim {sim:.2f})"
            )
        elif _is_title_shape(draft):
            title = pos
            draft.decide(LineKind.TITLE, "first headline-like line before the body")
            break
    if title is not None:
        prose = [p for p in prose if drafts[p].prose]
        dek = _find_dek(drafts, title, prose, dateline, dek_min)
    title, dek = _header_before_dateline(drafts, dateline, title, dek, dek_min)
    prose = [p for p, d in enumerate(drafts) if d.kind is None and d.prose]
    start = prose[0] if prose else len(drafts)
    end = prose[-1] if prose else -1
    items = _list_items(drafts, start, end, settings.clean_list_lead_min_words)
    for pos, draft in enumerate(drafts):
        if draft.kind is not None:
            continue
        sim = _sim(sims, pos)
        if draft.prose:
            reason = "dateline opens the body" if pos == dateline else "prose paragraph"
            draft.decide(LineKind.BODY, reason)
        elif pos in items:
            draft.decide(LineKind.BODY, "list item after a paragraph ending with a colon")
        elif start < pos < end and is_short_sentence(draft.text, draft.shape):
            # headings, labels and links end without a full stop; inside the article this is a sentence
            draft.decide(LineKind.BODY, "short sentence between paragraphs")
        elif pos < start:
            if sim >= min_sim or draft.shape.words <= too_short:
                draft.decide(LineKind.SUBHEADING, f"secondary headline before the body (sim {sim:.2f})")
            else:
                draft.decide(
                    LineKind.BOILERPLATE, f"headline before article start, unrelated (sim {sim:.2f})"
                )
        elif pos > end:
            if pos == end + 1 and draft.shape.words >= dek_min and sim >= min_sim:
                draft.decide(LineKind.BODY, f"closing prose without a full stop, related (sim {sim:.2f})")
                end = pos
            else:
                related = "related" if sim >= min_sim else "unrelated to story"
                draft.decide(
                    LineKind.BOILERPLATE, f"headline-like line after article end, {related} (sim {sim:.2f})"
                )
        elif draft.shape.words > subheading_max:
            draft.decide(LineKind.BODY, "long line between paragraphs, prose without a full stop")
        elif sim >= min_sim:
            draft.decide(
                LineKind.SUBHEADING, f"short line between paragraphs, related to story (sim {sim:.2f})"
            )
        elif draft.shape.words <= too_short:
            draft.decide(
                LineKind.SUBHEADING, f"short heading between paragraphs (sim {sim:.2f}, too short to judge)"
            )
        else:
            draft.decide(
                LineKind.BOILERPLATE, f"headline between paragraphs, unrelated to story (sim {sim:.2f})"
            )
    return Layout(title=title, dek=dek, dateline=dateline)


def _find_dek(
    drafts: list[LineDraft], title: int, prose: list[int], dateline: int | None, dek_min: int
) -> int | None:
    """A standfirst right after the title: long, and either unpunctuated or set apart from the body
    by header furniture (a date or a repeated headline) or by a dateline that opens the body."""
    pos = title + 1
    if pos >= len(drafts) or drafts[pos].kind is not None or drafts[pos].shape.words < dek_min:
        return None
    draft = drafts[pos]
    later = [p for p in prose if p > pos]
    next_body = later[0] if later else len(drafts)
    # a date or a repeated headline closes the header; a caption alone may be a picture inside the body
    furniture_between = any(drafts[p].kind in _HEADER_KINDS for p in range(pos + 1, next_body))
    if not draft.prose:
        reason = "long unpunctuated standfirst after the title"
    elif furniture_between:
        reason = "standfirst after the title, set apart from the body by header lines"
    elif dateline is not None and next_body == dateline:
        reason = "standfirst after the title, before the dateline that opens the body"
    else:
        return None
    draft.prose = False
    draft.decide(LineKind.DEK, reason)
    return pos
