"""One root exception and the catalogue of coded problems.

Stages never raise on bad input: they return a `Problem` with one of these codes and go on.
Exceptions are for misuse of the library (bad settings, missing optional packages).
"""

from __future__ import annotations

from synoptic.model import Problem


class SynopticError(Exception):
    """Root of every exception Synoptic raises on purpose."""


class SettingsError(SynopticError):
    """A setting has a bad value or an unknown name."""


class MissingDependencyError(SynopticError):
    """An optional package is not installed; the message says how to install it."""

    def __init__(self, package: str, extra: str | None = None) -> None:
        hint = f"pip install 'synoptic[{extra}]'" if extra else f"pip install {package}"
        super().__init__(f"{package} is required for this feature: {hint}")
        self.package = package


class StoreError(SynopticError):
    """The store cannot be opened, read or written: `code` says why (STORE_CODES), `path` which file."""

    def __init__(self, message: str, code: str = "E_STORE", path: str | None = None) -> None:
        where = f" {path}" if path else ""
        super().__init__(f"{code}{where}: {message}")
        self.code = code
        self.path = path


class OutputError(SynopticError):
    """An output file could not be written; the old file, if any, is left as it was."""

    def __init__(self, message: str, code: str = "E_OUTPUT", path: str | None = None) -> None:
        where = f" {path}" if path else ""
        super().__init__(f"{code}{where}: {message}")
        self.code = code
        self.path = path


# Codes of StoreError and OutputError: the run stops (exit 2), since nothing more can be kept.
STORE_CODES: dict[str, str] = {
    "E_STORE": "the store failed",
    "E_STORE_OPEN": "the store's file or folder cannot be created or opened",
    "E_STORE_READONLY": "the store is read-only",
    "E_STORE_FULL": "the disk holding the store is full",
    "E_STORE_CORRUPT": "the store's file is damaged or is not a Synoptic store",
    "E_STORE_NEWER": "the store was written by a newer Synoptic",
    "E_STORE_MOVED": "another run changed the clustering state meanwhile",
    "E_OUTPUT": "an output file could not be written",
    "E_OUTPUT_FULL": "the disk is full: the output file was not written",
}


# Problem codes: stable strings that reports, tests and the API can match on.
CODES: dict[str, str] = {
    "E_NOT_FOUND": "the path does not exist",
    "E_UNREADABLE": "the file could not be read",
    "E_EMPTY": "the file is empty or holds no text",
    "E_BINARY": "the file is binary, not text",
    "E_ENCODING": "some bytes of the text are not valid in its encoding",
    "E_TOO_LARGE": "the file is larger than the configured maximum",
    "E_UNSUPPORTED": "the file type is not supported",
    "E_HTML_NO_TEXT": "no article text could be extracted from the HTML",
    "E_JSONL_SYNTAX": "a JSONL line is not valid JSON",
    "E_JSONL_FIELDS": "a JSONL record lacks text/html or has fields of the wrong type",
    "E_NO_BODY": "after cleaning, nothing of the article is left",
    "E_DUPLICATE": "the same article was given more than once",
    "E_TOO_MANY": "more articles than the configured maximum per brief",
    "E_LINE_TOO_LONG": "a line longer than the configured maximum was cut",
    "E_FETCH": "a URL or feed could not be fetched",
    "E_TIMEOUT": "the server did not answer within the time limit",
    "E_REDIRECT_LOOP": "the URL redirects in a loop or too many times",
    "E_FEED_XML": "the feed is not well-formed RSS/Atom XML",
    "E_INTERNAL": "an unexpected error while processing this input",
    "E_ARTICLE_TOO_LONG": "an article longer than the configured maximum was cut at a line break",
    "E_TRUNCATED": "the input ends inside a record; what was read of it is kept",
}


def problem(code: str, source: str, detail: str = "", line: int | None = None) -> Problem:
    """Build a Problem whose message starts with the catalogue text for `code`."""
    if code not in CODES:
        raise KeyError(code)
    message = CODES[code] + (f": {detail}" if detail else "")
    return Problem(code=code, message=message, source=source, line=line)
