"""First pass over one document: shape rules that need no other document (furniture, links, dates,
captions, copies). Lines no rule decides stay open: prose candidates for the body, or short lines whose
fate depends on position and on how related they are to the story."""

from __future__ import annotations

from dataclasses import dataclass, field

from synoptic.clean.repetition import find_duplicates
from synoptic.clean.shapes import (
    Shape,
    describe_line,
    is_byline,
    is_caption,
    match_furniture,
    match_link,
    match_source_line,
)
from synoptic.errors import problem
from synoptic.ingest.datestamps import parse_date_line
from synoptic.model import LineKind, Problem


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


def draft_lines(text: str, source: str, max_line_chars: int) -> tuple[list[LineDraft], list[Problem]]:
    """Split into non-blank lines and apply every rule that looks at one line (or at repetition)."""
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
    copies = find_duplicates([d.text for d in drafts])
    for pos, draft in enumerate(drafts):
        if pos in copies:
            kept, how = copies[pos]
            draft.decide(LineKind.DUPLICATE, f"{how} line {drafts[kept].index}")
            continue
        _apply_shape_rules(draft)
    return drafts, problems


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
    furniture = match_furniture(text, shape)
    if furniture:
        draft.decide(LineKind.BOILERPLATE, furniture)
        return
    if is_byline(text):
        draft.decide(LineKind.METADATA, "byline")
        return
    if is_caption(text, shape):
        draft.decide(LineKind.CAPTION, "photo credit at the end or a photo label")
        return
    draft.prose = shape.sentence_like
