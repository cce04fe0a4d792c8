"""The library's writer lock: one writing quotedesk at a time, and a clear sentence for the second."""

from __future__ import annotations

import errno
import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from index.errors import LibraryLocked
from index.faults import LibraryReadOnly, read_only_message

LOCK_FILE = "writer.lock"


class WriterLock:
    """An exclusive, non-blocking lock on a file in the library folder, re-entrant within one thread.

    A read-only library has no writer: holding its lock raises LibraryReadOnly.
    """

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self.root = root
        self.read_only = read_only
        self._handle: TextIO | None = None
        self._owner: int | None = None

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Hold the lock for the block; a second writer gets LibraryLocked, not a wait."""
        if self._handle is not None:
            if self._owner == threading.get_ident():
                yield
                return
            raise LibraryLocked(
                f"This quotedesk is already adding to the library at {self.root}; wait for it to finish."
            )
        if self.read_only:
            raise LibraryReadOnly(read_only_message(self.root))
        try:
            handle = open(self.root / LOCK_FILE, "a+")  # noqa: SIM115 - held until the block ends, closed below
        except OSError as error:
            if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise LibraryReadOnly(read_only_message(self.root)) from error
            raise
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            handle.close()
            if error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise LibraryLocked(
                    f"Another quotedesk is adding to the library at {self.root}; wait for it to finish and try again."
                ) from error
            raise
        self._handle = handle
        self._owner = threading.get_ident()
        try:
            yield
        finally:
            self._handle = None
            self._owner = None
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()
