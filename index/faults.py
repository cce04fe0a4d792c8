"""Faults of the machine rather than of what the user typed: a damaged store, a read-only library, a
full disk, a damaged search index. Each becomes one sentence with the way out (a LibraryError), never
a raw `DatabaseError` or `OSError`.

`guard_faults` wraps the public methods of `Library` so that the command line and the reader get the
sentence wherever the fault shows (SQLite reports a damaged page only when a query reads it).
"""

from __future__ import annotations

import errno
import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from index.errors import LibraryError

DATABASE = "library.sqlite3"

T = TypeVar("T")


class LibraryDamaged(LibraryError):
    """The library's SQLite file is damaged (truncated, overwritten, garbage inside)."""


class LibraryReadOnly(LibraryError):
    """The library folder or its database file cannot be written: reading works, writing says so."""


class DiskFull(LibraryError):
    """No space is left on the disk that holds the library (or a file being written)."""


class SearchIndexDamaged(LibraryError):
    """The Whoosh index is damaged (a segment deleted or truncated) and was not rebuilt."""


def _sqlite_name(error: BaseException) -> str:
    return getattr(error, "sqlite_errorname", "") or ""


def is_corruption(error: BaseException) -> bool:
    """Whether SQLite said its file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB), or a text read from it
    is not UTF-8 (quotedesk writes only UTF-8: garbage in a page of text)."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    if _NOT_UTF8 in str(error):
        return True
    name = _sqlite_name(error)
    if name:
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    text = str(error)
    return "malformed" in text or "not a database" in text


_NOT_UTF8 = "Could not decode to UTF-8"


def corruption_detail(error: BaseException) -> str:
    """What SQLite said, without the garbage it may quote."""
    text = str(error)
    return "a text in it is not UTF-8" if _NOT_UTF8 in text else text


def is_disk_full(error: BaseException) -> bool:
    if isinstance(error, sqlite3.Error):
        return _sqlite_name(error) == "SQLITE_FULL" or "database or disk is full" in str(error)
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


def is_read_only(error: BaseException) -> bool:
    if isinstance(error, sqlite3.Error):
        return _sqlite_name(error).startswith("SQLITE_READONLY") or "readonly database" in str(error)
    return isinstance(error, OSError) and error.errno in (errno.EROFS, errno.EACCES, errno.EPERM)


def damaged_message(root: Path, detail: str = "") -> str:
    because = f" ({detail})" if detail else ""
    return (
        f"The library database {root / DATABASE} is damaged{because}; run `quotedesk repair --library {root}`: "
        "it restores the latest backup, keeps your bookmarks, notes and read marks, and reads your files again."
    )


def read_only_message(root: Path, doing: str = "writing") -> str:
    return (
        f"The library at {root} is read-only, so {doing} is not possible here; reading works. "
        "Open a writable copy with --library DIR to change it."
    )


def disk_full_message(root: Path, filename: str | None = None) -> str:
    where = filename or str(root)
    return (
        f"The disk is full: {where} could not be written; free some space and run it again "
        "(the library keeps everything written before)."
    )


def translate(error: BaseException, root: Path) -> LibraryError | None:
    """The LibraryError a machine fault means, or None when `error` is no such fault."""
    if isinstance(error, LibraryError):
        return None
    if is_corruption(error):
        return LibraryDamaged(damaged_message(root, corruption_detail(error)))
    if is_disk_full(error):
        filename = getattr(error, "filename", None)
        return DiskFull(disk_full_message(root, str(filename) if filename else None))
    if isinstance(error, sqlite3.Error) and is_read_only(error):
        return LibraryReadOnly(read_only_message(root))
    if isinstance(error, OSError) and is_read_only(error) and error.filename:
        try:
            inside = Path(str(error.filename)).resolve().is_relative_to(root.resolve())
        except OSError:
            inside = False
        if inside:
            return LibraryReadOnly(read_only_message(root))
    if isinstance(error, sqlite3.OperationalError) and "disk I/O error" in str(error):
        return LibraryError(
            f"The library database {root / DATABASE} cannot be read or written (disk I/O error); "
            "check the disk, then run `quotedesk check`."
        )
    return None


def guarded(method: Callable[..., T]) -> Callable[..., T]:
    """A Library method whose machine faults come out as one-sentence LibraryErrors."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.Error, OSError) as error:
            translated = translate(error, self.root)
            if translated is None:
                raise
            raise translated from error

    return wrapper


def guard_faults(cls: type[T]) -> type[T]:
    """Wrap every public instance method of `cls` with `guarded` (class and static methods stay)."""
    for name, value in list(vars(cls).items()):
        if name.startswith("_") or not callable(value) or isinstance(value, (classmethod, staticmethod)):
            continue
        setattr(cls, name, guarded(value))
    return cls
