"""Turn the bytes of a text file into str: BOM, UTF-8, UTF-16, cp1252, else charset-normalizer.

Binary files (NUL bytes that are not UTF-16, or mostly control characters) are refused, so that a
stray PDF or image in a folder becomes a coded problem rather than a page of mojibake.
"""

from __future__ import annotations

import codecs

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}


class NotText(ValueError):
    """The bytes are not text; `code` is the Problem code to report."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in _ALLOWED_CONTROLS) or ch == "\ufffd")
    return bad / len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM puts its NULs (the high bytes of ASCII) on one byte parity only."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if min(even, odd) > 0.05 * max(even, odd):
        return None  # NULs on both sides: binary
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    printable = sum(1 for ch in text if ch.isprintable() or ch in _ALLOWED_CONTROLS)
    return text if printable >= 0.95 * len(text) else None


def _looks_western(data: bytes) -> bool:
    """Few high bytes among mostly ASCII letters: cp1252 (Western), not a Cyrillic codepage."""
    high = sum(1 for b in data if b >= 0x80)
    letters = sum(1 for b in data if 65 <= b <= 90 or 97 <= b <= 122)
    return high <= 0.25 * max(letters, 1)


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to text with newlines normalised to "\\n"; raise NotText for binary data."""
    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise NotText("E_ENCODING", f"bad {codec} after byte-order mark: {exc.reason}") from exc
            break
    if text is None and b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise NotText("E_BINARY", "contains NUL bytes")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is None and _looks_western(data):
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
    if text is None:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise NotText("E_BINARY", "no text encoding fits these bytes")
        text = str(best)
    if _control_share(text) > 0.05:
        raise NotText("E_BINARY", "mostly control characters")
    return text.replace("\r\n", "\n").replace("\r", "\n")
