"""Frozen dataclasses that cross module boundaries.

Every output that quotes source text carries `Span`s: half-open character offsets into an article's
cleaned `text`. That is what makes a brief checkable. No logic lives here beyond validation.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, order=True)
class Span:
    """Half-open [start, end) character range in the cleaned text of one article."""

    article_id: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")


class LineKind(StrEnum):
    BODY = "body"
    TITLE = "title"
    DEK = "dek"
    DATELINE = "dateline"
    SUBHEADING = "subheading"
    CAPTION = "caption"
    METADATA = "metadata"
    BOILERPLATE = "boilerplate"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class Line:
    """One input line and what the cleaner decided it is; `reason` names the deciding rule or signal."""

    index: int
    text: str
    kind: LineKind
    reason: str


@dataclass(frozen=True)
class Problem:
    """A coded record of bad input: the run goes on, the report lists it."""

    code: str
    message: str
    source: str
    line: int | None = None


@dataclass(frozen=True)
class RawDocument:
    """What ingest read from one source, before cleaning: plain text lines plus whatever metadata the
    container (HTML meta, JSONL fields) gave."""

    source: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    line_number: int | None = None  # for JSONL: the line the document came from


@dataclass(frozen=True)
class Sentence:
    id: str
    span: Span
    text: str


@dataclass(frozen=True)
class Article:
    """A cleaned article. `id` is a content hash of its body, so re-ingesting the same text is a no-op."""

    id: str
    source: str
    outlet: str | None
    url: str | None
    published: str | None  # ISO date "YYYY-MM-DD" when known
    title: str | None
    dek: str | None
    lines: tuple[Line, ...]
    text: str
    sentences: tuple[Sentence, ...] = ()
    dateline: str | None = None
    # why the brief set this article aside as not about the story (synthesize/off_topic.py); None if it is
    off_topic: str | None = None

    @property
    def label(self) -> str:
        """A short human name for the article: its outlet, else its file name without the extension."""
        if self.outlet:
            return self.outlet
        name = self.source.replace("\\", "/").rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name[1:] else name


@dataclass(frozen=True)
class FactUnit:
    """One thing reported, with every sentence (span) that reports it."""

    id: str
    statement: str
    support: tuple[Span, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(sorted({s.article_id for s in self.support}))

    @property
    def single_source(self) -> bool:
        return len(self.article_ids) == 1


@dataclass(frozen=True)
class SummarySentence:
    text: str
    support: tuple[Span, ...]
    fact_id: str | None = None


@dataclass(frozen=True)
class Entity:
    id: str
    canonical: str
    type: str
    variants: tuple[str, ...]
    mentions: tuple[Span, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(sorted({m.article_id for m in self.mentions}))


@dataclass(frozen=True)
class QuoteVariant:
    text: str
    kind: str  # direct | partial | indirect
    article_ids: tuple[str, ...]
    support: tuple[Span, ...]


@dataclass(frozen=True)
class Quote:
    id: str
    speaker: str | None
    variants: tuple[QuoteVariant, ...]
    cue: str | None = None


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class TimelineEvent:
    date: PartialDate
    text: str
    support: tuple[Span, ...]


@dataclass(frozen=True)
class Citation:
    article_id: str
    cited: str
    how: str
    support: tuple[Span, ...]


@dataclass(frozen=True)
class Position:
    article_id: str
    text: str
    support: tuple[Span, ...]


@dataclass(frozen=True)
class Divergence:
    about: str
    positions: tuple[Position, ...]


@dataclass(frozen=True)
class QualityFlag:
    article_id: str
    code: str
    message: str


@dataclass(frozen=True)
class Voice:
    speaker: str
    share: float


@dataclass(frozen=True)
class Framing:
    article_id: str
    voices: tuple[Voice, ...]
    scare_quotes: tuple[str, ...]
    loaded_terms: tuple[str, ...]


@dataclass(frozen=True)
class Story:
    id: str
    article_ids: tuple[str, ...]
    label: str
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True)
class Brief:
    """Everything Synoptic says about one story; every piece points back to source spans."""

    story: Story
    headline: str
    articles: tuple[Article, ...]
    summary: tuple[SummarySentence, ...]
    facts: tuple[FactUnit, ...]
    single_source: tuple[FactUnit, ...]
    problems: tuple[Problem, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    provenance: tuple[Citation, ...] = ()
    divergences: tuple[Divergence, ...] = ()
    quality_flags: tuple[QualityFlag, ...] = ()
    framing: tuple[Framing, ...] = ()
    settings_hash: str = ""
    version: str = ""
