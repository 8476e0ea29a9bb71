"""One article says a named person or body had no comment; another quotes their statement.

"A spokesman for the Harbour Board, Ann Lowe, declined to comment" against "Ann Lowe said in a
statement: “…”" is two accounts of one response. The actor is matched by a full name (two or more
capitalized words) written the same in both articles; a pronoun ("He declined to comment") names no
one here, and "declined to comment further" follows a statement rather than replacing it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from synoptic.model import Article, Divergence, Position, Sentence, Span

_NO_COMMENT = re.compile(
    r"\b(?:declined|refused)\s+(?:to\s+)?comment(?!\s+further)\b"
    r"|\b(?:did\s*not|didn['’]t|could\s*not|couldn['’]t)\s+(?:immediately\s+)?"
    r"(?:have\s+(?:a|any)\s+(?:immediate\s+)?comment|comment|respond\s+to\s+(?:a\s+|the\s+)?requests?\s+for\s+comment"
    r"|return\s+(?:a\s+|the\s+)?(?:\w+\s+)?(?:calls?|messages?|requests?)\s+(?:\w+\s+){0,3}?(?:seeking\s+)?comment)"
    r"(?!\s+further)[^.;]*"
    r"|\bhad\s+no\s+(?:immediate\s+)?comment\b[^.;]*",
    re.I,
)
# Two or more capitalized words in a row, through "of", "and", "the" inside ("Harbour Board of Trade").
_FULL_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:(?:of|and|the|for)\s+)*[A-Z][\w'’-]+)+")
_SPEECH = re.compile(r"\b(?:said|says|told|stated|wrote|statement|added|explained)\b")
_QUOTE = re.compile(r"[“\"](?P<q>[^”\"]{12,})[”\"]")


def _names(text: str) -> set[str]:
    """Full names in a stretch of text, each also split at "and"/"for"/"of" into its parts."""
    out: set[str] = set()
    for m in _FULL_NAME.finditer(text):
        name = re.sub(r"^(?:The|A|An)\s+", "", m.group(0))
        parts = [p for p in re.split(r"\s+(?:of|and|the|for)\s+", name) if len(p.split()) >= 2]
        out.update({name, *parts} if len(name.split()) >= 2 else ())
    return {n for n in out if n.split()[0].lower() not in ("the", "a", "an")}


def _statement(article: Article, name: str) -> tuple[str, tuple[Span, ...]] | None:
    """A quotation `article` attributes to `name`: in the sentence that names them, or the next one when
    it opens with a quote and a pronoun's "said"; the quoted words and the sentences' spans."""
    sentences = article.sentences
    for i, s in enumerate(sentences):
        if name not in s.text or _NO_COMMENT.search(s.text):
            continue
        candidates: list[Sentence] = [s]
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        if nxt is not None and re.search(r"\b(?:he|she|they)\s+(?:said|says|added|wrote)\b", nxt.text):
            candidates.append(nxt)
        for c in candidates:
            q = _QUOTE.search(c.text)
            if q and _SPEECH.search(c.text):
                words = q.group("q").rstrip(" ,.")
                quote = Span(
                    article.id, c.span.start + q.start("q"), c.span.start + q.start("q") + len(words)
                )
                return words, (quote, *(x.span for x in candidates[: candidates.index(c) + 1]))
    return None


def comment_divergences(articles: Sequence[Article]) -> list[Divergence]:
    """A "no comment" of one article against a quoted statement of the same actor in another."""
    out: list[Divergence] = []
    for article in articles:
        for s in article.sentences:
            m = _NO_COMMENT.search(s.text)
            if not m:
                continue
            for name in sorted(_names(s.text[: m.start()]), key=len, reverse=True):
                said = next(
                    ((o, x) for o in articles if o.id != article.id if (x := _statement(o, name))), None
                )
                if said is None:
                    continue
                other, (quote, spans) = said
                base = s.span.start
                cue = Span(article.id, base + m.start(), base + m.end())
                mine = Position(article.id, m.group(0).strip(), (cue, s.span))
                theirs = Position(other.id, quote, spans)
                out.append(Divergence(about=f"response of {name}", positions=(mine, theirs)))
                break
    return out
