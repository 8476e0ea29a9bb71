"""First pass over one document: shape rules that need no other document (furniture, links, dates,
captions, copies). Lines no rule decides stay open: prose candidates for the body, or short lines whose
fate depends on position and on how related they are to the story."""

from __future__ import annotations

from dataclasses import dataclass, field

from synoptic.clean.repetition import find_duplicates
from synoptic.clean.shapes import (
    Shape,
    describe_line,
    is_attributed_quote,
    is_byline,
    is_caption,
    is_post_signature,
    is_reader_prompt,
    is_separator,
    is_transcript_turn,
    match_embed,
    match_furniture,
    match_link,
    match_metadata,
    match_social_post,
    match_source_line,
)
from synoptic.errors import problem
from synoptic.ingest.datestamps import parse_date_line
from synoptic.model import LineKind, Problem
from synoptic.settings import Settings


@dataclass
class LineDraft:
    """One non-blank line while it is being classified; `kind` None means still open."""

    index: int  # 1-based line number in the source document
    text: str
    shape: Shape
    kind: LineKind | None = None
    reason: str = ""
    prose: bool = False  # an open line that reads like a paragraph of the article
    facts: dict[str, str] = field(default_factory=dict)  # what the line told: "date", "source"

    def decide(self, kind: LineKind, reason: str) -> None:
        self.kind, self.reason = kind, reason


def draft_lines(text: str, source: str, settings: Settings) -> tuple[list[LineDraft], list[Problem]]:
    """Split into non-blank lines and apply every rule that looks at one line (or at repetition)."""
    max_line_chars = settings.max_line_chars
    drafts: list[LineDraft] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        if len(line) > max_line_chars:
            detail = f"{len(line)} characters > max_line_chars={max_line_chars}"
            problems.append(problem("E_LINE_TOO_LONG", source, detail, line=number))
            line = line[:max_line_chars].rstrip()
        drafts.append(LineDraft(index=number, text=line, shape=describe_line(line)))
    texts = [d.text for d in drafts]
    copies = find_duplicates(texts, settings.clean_repeat_min_words, settings.clean_near_copy)
    for pos, draft in enumerate(drafts):
        if pos in copies:
            kept, how = copies[pos]
            draft.decide(LineKind.DUPLICATE, f"{how} line {drafts[kept].index}")
            continue
        _apply_shape_rules(draft)
    _mark_post_text(drafts)
    return drafts, problems


_POST_CHARS = 280  # the most a short social post holds


def _mark_post_text(drafts: list[LineDraft]) -> None:
    """A pasted post's text sits on the lines just above its signature ("— Name (@handle) Date").

    Walking up from a signature, the short open lines are the post's text, up to a paragraph of the
    article (lines above which no paragraph stands are the page's header, not a post). When the walk
    reaches another post's signature within one post's length, every line in between is this post's
    text, sentences included (embeds stacked one after another).
    """
    for pos, draft in enumerate(drafts):
        if not (draft.kind is LineKind.BOILERPLATE and is_post_signature(draft.reason)):
            continue
        short: list[LineDraft] = []
        between: list[LineDraft] = []
        chars, bounded = 0, False
        for above in reversed(drafts[:pos]):
            if above.kind is LineKind.BOILERPLATE and is_post_signature(above.reason):
                if chars <= _POST_CHARS:
                    short = between
                bounded = True
                break
            if above.kind is not None and above.kind is not LineKind.DUPLICATE:
                break
            chars += len(above.text)
            if bounded and chars > _POST_CHARS:
                break
            if above.kind is not None:
                continue
            if above.prose or is_transcript_turn(above.text):
                bounded = True
            elif not bounded:
                short.append(above)
            between.append(above)
        if not bounded:
            continue
        for line in short:
            if line.kind is None:
                line.prose = False
                line.decide(LineKind.BOILERPLATE, "text of a pasted social post")


def _apply_shape_rules(draft: LineDraft) -> None:
    text, shape = draft.text, draft.shape
    source_value = match_source_line(text)
    if source_value:
        draft.facts["source"] = source_value
        draft.decide(LineKind.METADATA, "source line")
        return
    link = match_link(text, shape)
    if link:
        draft.decide(LineKind.BOILERPLATE, link)
        return
    date = parse_date_line(text)
    if date:
        draft.facts["date"] = date
        draft.decide(LineKind.METADATA, "date line")
        return
    if is_separator(text):
        draft.decide(LineKind.BOILERPLATE, "separator")
        return
    post = match_social_post(text)
    if post:
        draft.decide(LineKind.BOILERPLATE, post)
        return
    metadata = match_metadata(text, shape)
    if metadata:
        draft.decide(LineKind.METADATA, metadata)
        return
    furniture = match_furniture(text, shape) or match_embed(text, shape)
    if furniture:
        draft.decide(LineKind.BOILERPLATE, furniture)
        return
    if is_reader_prompt(text):
        draft.decide(LineKind.BOILERPLATE, "call to action addressed to the reader")
        return
    if is_byline(text):
        draft.decide(LineKind.METADATA, "byline")
        return
    if is_caption(text, shape):
        draft.decide(LineKind.CAPTION, "photo caption or credit")
        return
    # a transcript's turns and quoted words with their speaker are the article's prose, however short
    draft.prose = shape.sentence_like or is_transcript_turn(text) or is_attributed_quote(text)
