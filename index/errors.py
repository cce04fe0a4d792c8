"""The errors a user can cause and fix, as the Library raises them: one sentence each, with the way out."""

from __future__ import annotations


class LibraryError(Exception):
    """Something a user can fix; str() is one sentence with the way out."""


class LibraryLocked(LibraryError):
    """Another quotedesk process is writing to this library."""
