"""Reading input files safely: regular files only, never more than a size limit.

A named pipe opened for reading blocks until a writer comes, a device can
stream forever, and a 50 MB "article" costs minutes downstream: so the file is
looked at (stat) before it is opened, opened without blocking, checked again
on the open descriptor (the path may have been swapped in between), and read
up to the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kb.errors import ReadError

MAX_FILE_BYTES = 10 * 1024 * 1024  # kb load's default per-file limit (--max-file-size)
# kb load's default time for one file (--file-timeout); here, not in kb.isolation, so that the CLI can show it
# without importing multiprocessing.
MAX_FILE_SECONDS = 120.0

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def refusal(path: Path) -> str | None:
    """Why `path` cannot be read as an input file (missing, broken link, pipe, device, folder), else None."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a broken symbolic link (its target does not exist)" if path.is_symlink() else "no such file"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    kind = kind_of(mode)
    return f"is {kind}, not a regular file" if kind else None


def read_regular_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at `path`; a ReadError naming the file otherwise or when over `max_bytes`."""
    problem = refusal(path)
    if problem:
        raise ReadError(f"{path}: {problem}")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ReadError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        kind = kind_of(info.st_mode)
        if kind:
            raise ReadError(f"{path}: is {kind}, not a regular file")
        if info.st_size > max_bytes:
            raise ReadError(_too_big(path, info.st_size, max_bytes))
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise ReadError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # it grew while we looked
        raise ReadError(_too_big(path, len(data), max_bytes))
    return data


def _too_big(path: Path, size: int, limit: int) -> str:
    size_said, limit_said = size_text(size), size_text(limit)
    if size_said == limit_said:  # "1.0 MB, over the limit of 1.0 MB" says nothing
        size_said, limit_said = f"{size:,} bytes", f"{limit:,} bytes"
    return f"{path}: {size_said}, over the limit of {limit_said} per file (--max-file-size)"
