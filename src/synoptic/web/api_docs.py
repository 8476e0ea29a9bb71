"""The OpenAPI document turned into plain data for the /docs page: one entry per operation with its
parameters, form fields and answers. Rendered by our own template, so the page needs no script, font or
style from a CDN (the CSP would refuse them, and an offline newsroom machine could not load them)."""

from __future__ import annotations

from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


def _ref(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Follow a local '$ref' (one level is all FastAPI writes for these)."""
    ref = schema.get("$ref", "")
    if ref.startswith("#/"):
        node: Any = spec
        for part in ref[2:].split("/"):
            node = node.get(part, {})
        return node
    return schema


def _type(spec: dict[str, Any], schema: dict[str, Any]) -> str:
    schema = _ref(spec, schema)
    if "anyOf" in schema:
        kinds = [_type(spec, s) for s in schema["anyOf"]]
        return " or ".join(k for k in kinds if k != "null") + (" (optional)" if "null" in kinds else "")
    if schema.get("type") == "array":
        return f"list of {_type(spec, schema.get('items', {}))}"
    return str(schema.get("type") or schema.get("title") or "object")


def _fields(spec: dict[str, Any], schema: dict[str, Any]) -> list[dict[str, str]]:
    schema = _ref(spec, schema)
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "type": _type(spec, prop),
            "required": "yes" if name in required else "",
            "about": str(_ref(spec, prop).get("description") or prop.get("description") or ""),
        }
        for name, prop in schema.get("properties", {}).items()
    ]


def api_operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Operations in path order: method, path, summary, parameters, body fields, answers."""
    out = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            params = [
                {
                    "name": p["name"],
                    "where": p.get("in", ""),
                    "type": _type(spec, p.get("schema", {})),
                    "required": "yes" if p.get("required") else "",
                    "about": str(p.get("description") or p.get("schema", {}).get("description") or ""),
                }
                for p in op.get("parameters", [])
            ]
            body = []
            for media, content in op.get("requestBody", {}).get("content", {}).items():
                body = [dict(f, media=media) for f in _fields(spec, content.get("schema", {}))]
            answers = [
                {"status": status, "about": str(answer.get("description", ""))}
                for status, answer in op.get("responses", {}).items()
            ]
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "about": (op.get("description") or "").strip(),
                    "params": params,
                    "body": body,
                    "answers": answers,
                    "anchor": method + "-" + "".join(c if c.isalnum() else "-" for c in path.strip("/")),
                }
            )
    return out
