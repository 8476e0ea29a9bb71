"""Turn the bytes of a text file into str: BOM, UTF-8, UTF-16, cp1252, else charset-normalizer.

Binary files (NUL bytes that are not UTF-16, or mostly control characters) are refused, so that a
stray PDF or image in a folder becomes a coded problem rather than a page of mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}
_ASCII = bytes(range(128))
_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))


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
    high = len(data.translate(None, _ASCII))  # C-speed counts: files may be tens of megabytes
    letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    return high <= 0.25 * max(letters, 1)


@dataclass(frozen=True)
class Decoded:
    """Decoded text; `damage` says what was replaced and `line` where (1-based), when bytes were bad."""

    text: str
    damage: str | None = None
    line: int | None = None


def _damaged_utf8(data: bytes, first: int) -> Decoded | None:
    """UTF-8 with a few bad bytes (a cut multi-byte character, a stray byte): keep the good text.

    It is UTF-8 when it holds more well-formed non-ASCII characters than bad bytes; otherwise the
    high bytes are more likely a legacy 8-bit encoding, and the caller tries those instead.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if good <= bad:
        return None
    line = data.count(b"\n", 0, first) + 1
    return Decoded(text, f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD", line)


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to text with newlines normalised to "\\n"; raise NotText for binary data."""
    return decode_document(data).text


def decode_document(data: bytes) -> Decoded:
    """Like `decode_bytes`, but says when damaged UTF-8 was repaired (and on which line)."""
    text: str | None = None
    repaired: Decoded | None = None
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
        except UnicodeDecodeError as exc:
            repaired = _damaged_utf8(data, exc.start)
            text = repaired.text if repaired else None
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if repaired:
        return Decoded(text, repaired.damage, repaired.line)
    return Decoded(text)


def scrub_text(text: str) -> str:
    """Replace lone surrogates (from JSON "\\ud800" escapes or undecodable file names) with U+FFFD.

    Such strings cannot be written as UTF-8, so one of them would crash JSON output or the store.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def name_of_path(path: object) -> str:
    """A path as printable text: bytes that are not UTF-8 in a file name are shown as \\xNN escapes."""
    import os

    return os.fsencode(path).decode("utf-8", "backslashreplace")  # type: ignore[arg-type]
