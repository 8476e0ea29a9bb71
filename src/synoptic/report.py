"""The end-of-run report: how many inputs were read, how many failed, and why (counts per code).

An input "failed" when it gave a problem and no article; an input that gave both (a line cut to the
length limit, damaged bytes replaced) was read with a warning. Matching is by source: a JSONL record's
article source is "path#L<n>" while its problem names the path and line n.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from synoptic.errors import CODES
from synoptic.model import Article, Problem

# Bidirectional overrides and isolates reorder what a terminal shows ("txt.exe" read as "exe.txt").
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def shown(text: str) -> str:
    """`text` safe to print on one terminal line: control characters (newline, ESC, C1), bidi controls
    and lone surrogates become visible escapes, so a file name can neither forge a report line nor
    send escape codes to the terminal. A backslash stays as it is, like `name_of_path`'s \\xNN."""
    out = []
    for char in text:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            out.append(f"\\x{code - 0xDC00:02x}" if code >= 0xDC80 else f"\\u{code:04x}")
        elif char in _BIDI or unicodedata.category(char) == "Cc":
            out.append(repr(char)[1:-1] if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


@dataclass(frozen=True)
class RunReport:
    """Counts for one run; `by_code` is sorted by code so the report is deterministic."""

    read: int  # articles produced
    failed: int  # inputs that gave a problem and no article
    warned: int  # inputs read, but with a problem (text cut or repaired)
    by_code: tuple[tuple[str, int], ...]

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.warned == 0

    def lines(self) -> list[str]:
        """The report as plain lines for a terminal."""
        head = f"read {self.read} article(s); {self.failed} input(s) failed; {self.warned} read with warnings"
        return [head] + [f"  {code:<16} {count:>5}  {CODES.get(code, '')}" for code, count in self.by_code]


def _problem_keys(p: Problem) -> tuple[str, ...]:
    return (p.source, f"{p.source}#L{p.line}") if p.line is not None else (p.source,)


def summarize_run(articles: Sequence[Article] | Sequence[str], problems: Sequence[Problem]) -> RunReport:
    """Count read, failed and warned inputs; a problem whose input still gave an article is a warning.

    `articles` may be the articles read or just their sources (a store ingest keeps only those).
    """
    sources = {a if isinstance(a, str) else a.source for a in articles}
    failed: set[tuple[str, int | None]] = set()
    warned: set[tuple[str, int | None]] = set()
    for p in problems:
        where = (p.source, p.line)
        if any(key in sources for key in _problem_keys(p)):
            warned.add(where)
        else:
            failed.add(where)
    counts = Counter(p.code for p in problems)
    return RunReport(
        read=len(articles),
        failed=len(failed),
        warned=len(warned - failed),
        by_code=tuple(sorted(counts.items())),
    )
