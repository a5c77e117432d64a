"""The exceptions a user can meet. Each carries a message fit to print as one line."""

from __future__ import annotations


class KbError(Exception):
    """Base class: something the user can fix, explained in one sentence."""


class ReadError(KbError):
    """An article file could not be read or has no usable text."""


class FactsError(KbError):
    """A facts file is malformed: the message names the file and the field."""


class DatabaseError(KbError):
    """The database cannot be opened or is at the wrong revision."""


class QueryError(KbError):
    """A query or SQL statement was refused or failed."""


class CursorError(QueryError):
    """An --after cursor is not one this listing printed (a usage error: exit status 2)."""


class CurationError(KbError):
    """A curation command names records that do not exist or cannot be combined."""


class ExportError(KbError):
    """An export cannot be written: a bad format, an unwritable or occupied destination."""
