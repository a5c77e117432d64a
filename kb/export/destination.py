"""Where an export goes: a new file or folder, stdout, or (with --force) over an earlier export.

Files are written under a temporary name beside the destination and renamed into place when
complete, so a failed or interrupted export never leaves a half-written file under the real name.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from kb.errors import ExportError


def check_folder(out: Path, *, force: bool) -> None:
    """A folder to write into: absent (created), empty, or any folder with --force."""
    if out.exists() and not out.is_dir():
        raise ExportError(f"--out {out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise ExportError(f"--out {out}: folder is not empty (use --force to write over an earlier export)")
    try:
        out.mkdir(parents=False, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"--out {out}: cannot create the folder: {exc.strerror}") from None
    if not os.access(out, os.W_OK):
        raise ExportError(f"--out {out}: folder is not writable")


def check_file(out: Path, *, force: bool) -> None:
    """A file to write: new, or an existing one with --force, in a folder that exists and is writable."""
    if out.is_dir():
        raise ExportError(f"--out {out}: is a folder; give a file name")
    if out.exists() and out.stat().st_size > 0 and not force:
        raise ExportError(f"--out {out}: file exists (use --force to replace it)")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.exists():
        raise ExportError(f"--out {out}: folder {parent} does not exist")
    if not parent.is_dir():
        raise ExportError(f"--out {out}: {parent} is not a folder")
    if not os.access(parent, os.W_OK):
        raise ExportError(f"--out {out}: folder {parent} is not writable")


@contextlib.contextmanager
def replacing(out: Path, *, binary: bool = False) -> Iterator[Path]:
    """A temporary path beside `out`, renamed to `out` when the block ends without an error."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror}") from None
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror}") from None
    finally:
        temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def text_output(out: Path | None) -> Iterator[IO[str]]:
    """A text stream to `out` (replaced when complete), or stdout when there is no --out."""
    if out is None or str(out) == "-":
        yield sys.stdout
        return
    with replacing(out) as temporary, temporary.open("w", encoding="utf-8", newline="") as stream:
        yield stream
