"""Output files written whole or not at all: a temporary name in the same folder, fsync, then rename.

A full disk or a killed run must never leave a truncated brief where a reader (or the next run) takes
it for a finished one; the old file, if any, stays as it was until the new one is complete.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from synoptic.errors import OutputError

_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def write_atomic(path: str | Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    """Write `data` to `path` atomically; an OSError becomes a coded OutputError naming the path."""
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    temp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.fchmod(fd, target.stat().st_mode & 0o777 if target.exists() else 0o644)  # mkstemp gives 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        temp = None
        _sync_folder(target.parent)
    except OSError as exc:
        code = "E_OUTPUT_FULL" if exc.errno in _FULL else "E_OUTPUT"
        raise OutputError(f"{type(exc).__name__}: {exc.strerror or exc}", code, str(target)) from exc
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); folders cannot be opened this way everywhere."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
