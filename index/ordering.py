"""The one order of article lists, shared by the command line and the reader."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

SORT_KEYS = ("date", "outlet", "title")


class Listed(Protocol):
    """What a listed article needs for sorting (summaries, search hits, reader rows)."""

    title: str
    outlet: str
    date: str


Row = TypeVar("Row", bound=Listed)


def sort_articles(rows: Iterable[Row], sort: str) -> list[Row]:
    """`rows` in list order for `sort` (one of SORT_KEYS).

    - date: newest first; undated articles last.
    - outlet: by outlet name; articles whose outlet is unknown last, so named outlets lead.
    - title: by title.
    Ties go by title, then keep the order they came in. Case is ignored throughout.
    """
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort {sort!r}: use one of {', '.join(SORT_KEYS)}")
    ordered = sorted(rows, key=lambda row: row.title.casefold())
    if sort == "date":
        ordered.sort(key=lambda row: row.date or "", reverse=True)  # reverse keeps ties stable
    elif sort == "outlet":
        ordered.sort(key=lambda row: (not row.outlet, row.outlet.casefold()))
    return ordered
