"""The JSON Schema of the brief (`synoptic schema` prints it); tests validate every brief against it."""

from __future__ import annotations

from typing import Any

_STR = {"type": "string"}
_OPT_STR = {"type": ["string", "null"]}
_INT = {"type": "integer", "minimum": 0}
_SPAN = {
    "type": "object",
    "required": ["article_id", "start", "end"],
    "properties": {"article_id": _STR, "start": _INT, "end": _INT},
}
_SPANS = {"type": "array", "items": {"$ref": "#/$defs/span"}}
_STR_LIST = {"type": "array", "items": _STR}


def _obj(required: list[str], **properties: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties}


def _list(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


def brief_schema() -> dict[str, Any]:
    line = _obj(
        ["text", "kind", "reason"],
        index=_INT,
        text=_STR,
        kind={
            "enum": [
                "body",
                "title",
                "dek",
                "dateline",
                "subheading",
                "caption",
                "metadata",
                "boilerplate",
                "duplicate",
            ]
        },
        reason=_STR,
    )
    article = _obj(
        ["id", "source", "outlet", "published", "title", "text", "lines"],
        id=_STR,
        source=_STR,
        outlet=_OPT_STR,
        label=_STR,
        url=_OPT_STR,
        published=_OPT_STR,
        title=_OPT_STR,
        dek=_OPT_STR,
        dateline=_OPT_STR,
        off_topic=_OPT_STR,
        text=_STR,
        lines=_list(line),
        sentences=_list(_obj(["id", "start", "end"], id=_STR, start=_INT, end=_INT)),
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://synoptic.invalid/schema/brief.json",
        "title": "Synoptic brief",
        "type": "object",
        "$defs": {"span": _SPAN},
        "required": ["articles", "summary", "facts", "single_source", "headline", "story"],
        "properties": {
            "version": _STR,
            "settings_hash": _STR,
            "headline": _STR,
            "story": _obj(
                ["id", "article_ids"],
                id=_STR,
                label=_STR,
                article_ids=_STR_LIST,
                first_seen=_OPT_STR,
                last_seen=_OPT_STR,
            ),
            "articles": _list(article),
            "summary": _list(
                _obj(["text", "support"], text=_STR, fact_id=_OPT_STR, outlets=_STR_LIST, support=_SPANS)
            ),
            "facts": _list(
                _obj(
                    ["id", "statement", "support"],
                    id=_STR,
                    statement=_STR,
                    article_ids=_STR_LIST,
                    outlets=_STR_LIST,
                    n_sources=_INT,
                    support=_SPANS,
                )
            ),
            "single_source": _list(
                _obj(
                    ["article_id", "text", "support"],
                    article_id=_STR,
                    fact_id=_STR,
                    text=_STR,
                    support=_SPANS,
                )
            ),
            "quotes": _list(
                _obj(
                    ["id", "speaker", "variants"],
                    id=_STR,
                    speaker=_OPT_STR,
                    cue=_OPT_STR,
                    variants=_list(
                        _obj(
                            ["text", "kind", "article_ids", "support"],
                            text=_STR,
                            kind={"enum": ["direct", "partial", "indirect"]},
                            article_ids=_STR_LIST,
                            support=_SPANS,
                        )
                    ),
                )
            ),
            "entities": _list(
                _obj(
                    ["canonical", "type", "variants", "article_ids"],
                    id=_STR,
                    canonical=_STR,
                    type=_STR,
                    variants=_STR_LIST,
                    article_ids=_STR_LIST,
                    mentions=_SPANS,
                )
            ),
            "timeline": _list(
                _obj(
                    ["date", "text", "support"],
                    text=_STR,
                    support=_SPANS,
                    date={"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                )
            ),
            "provenance": _list(
                _obj(
                    ["article_id", "cited", "how", "support"],
                    article_id=_STR,
                    cited=_STR,
                    how=_STR,
                    support=_SPANS,
                )
            ),
            "provenance_graph": _obj(
                ["nodes", "edges"],
                nodes=_list(_obj(["id", "label", "kind"], id=_STR, label=_STR, kind=_STR)),
                edges=_list(_obj(["source", "target", "how"], source=_STR, target=_STR, how=_STR)),
            ),
            "divergences": _list(
                _obj(
                    ["about", "positions"],
                    about=_STR,
                    positions=_list(
                        _obj(["article_id", "text", "support"], article_id=_STR, text=_STR, support=_SPANS)
                    ),
                )
            ),
            "quality_flags": _list(
                _obj(["article_id", "code", "message"], article_id=_STR, code=_STR, message=_STR)
            ),
            "framing": _list(
                _obj(
                    ["article_id", "voices", "scare_quotes", "loaded_terms"],
                    article_id=_STR,
                    voices=_list(_obj(["speaker", "share"], speaker=_STR, share={"type": "number"})),
                    scare_quotes=_STR_LIST,
                    loaded_terms=_STR_LIST,
                )
            ),
            "problems": _list(
                _obj(
                    ["code", "message", "source"],
                    code=_STR,
                    message=_STR,
                    source=_STR,
                    line={"type": ["integer", "null"]},
                )
            ),
        },
    }
