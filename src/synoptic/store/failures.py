"""SQLite and file-system failures of the store as coded `StoreError`s that name the store's path.

A store that cannot be written must stop the run with a message a person can act on (exit 2), never a
traceback: the read-only file, the folder that cannot be made, the full disk, the damaged page, the
renamed table and the store from a newer schema each get their own code.
"""

from __future__ import annotations

import errno
import functools
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from synoptic.errors import StoreError

F = TypeVar("F", bound=Callable[..., Any])

_BY_MESSAGE = (
    ("readonly", "E_STORE_READONLY"),
    ("read-only", "E_STORE_READONLY"),
    ("disk is full", "E_STORE_FULL"),
    ("disk i/o error", "E_STORE_FULL"),  # a full tmpfs can surface as an I/O error on the WAL
    ("malformed", "E_STORE_CORRUPT"),
    ("not a database", "E_STORE_CORRUPT"),
    ("no such table", "E_STORE_CORRUPT"),
    ("no such column", "E_STORE_CORRUPT"),
    ("corrupt", "E_STORE_CORRUPT"),
    ("unable to open", "E_STORE_OPEN"),
)
_BY_ERRNO = {
    errno.ENOSPC: "E_STORE_FULL",
    errno.EDQUOT: "E_STORE_FULL",
    errno.EROFS: "E_STORE_READONLY",
}


def store_code(exc: BaseException) -> str:
    """The STORE_CODES code of an sqlite3 or OS error."""
    if isinstance(exc, OSError):
        return _BY_ERRNO.get(exc.errno or 0, "E_STORE_OPEN")
    text = str(exc).lower()
    return next((code for word, code in _BY_MESSAGE if word in text), "E_STORE")


def store_error(exc: BaseException, path: object) -> StoreError:
    """`exc` as a coded StoreError about the store at `path` (a StoreError keeps its code)."""
    if isinstance(exc, StoreError):
        if exc.path is not None:
            return exc
        message = str(exc).split(": ", 1)[-1]
        exc.path = str(path)  # the same exception (a subclass such as StateMoved stays catchable)
        exc.args = (f"{exc.code} {path}: {message}",)
        return exc
    code = store_code(exc)
    if code in {"E_STORE", "E_STORE_OPEN"} and _read_only(Path(str(path))):
        code = "E_STORE_READONLY"  # SQLite says only "unable to open" when it cannot make its WAL files
    return StoreError(f"{type(exc).__name__}: {exc}", code, str(path))


def _read_only(path: Path) -> bool:
    """Whether the store's file exists on a read-only file system or cannot be written by this user."""
    if not path.exists():
        return False
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        pass
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def guarded(method: F) -> F:
    """Wrap a Store method so sqlite3 failures leave it as coded StoreErrors naming the store's path."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.Error, StoreError) as exc:
            error = store_error(exc, self.path)
            if error is exc:
                raise
            raise error from exc

    return wrapper  # type: ignore[return-value]


def guard_methods(cls: type) -> type:
    """Class decorator: every public method of `cls` reports store failures by code."""
    for name, value in list(vars(cls).items()):
        if callable(value) and not name.startswith("_"):
            setattr(cls, name, guarded(value))
    return cls
