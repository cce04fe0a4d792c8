"""Editing the user's own TOML files (aliases, corrections) in place: comments and layout kept, written atomically.

The files are the user's: quotedesk changes only the entries an edit is about, with tomlkit
(which round-trips comments, blank lines and quoting), and never rewrites the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Array, Comment, Whitespace

from index.atomic import write_text_atomic


def read_document(path: Path, template: str) -> tomlkit.TOMLDocument:
    """The file as an editable document; `template` (with its comments) when there is no file yet.

    Call it after the file was read and checked with tomllib: its errors are worded there.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        text = template
    return tomlkit.parse(text)


def write_document(path: Path, document: tomlkit.TOMLDocument) -> None:
    """Write the edited document atomically: a reader sees the old file or the new one, never half."""
    write_text_atomic(path, tomlkit.dumps(document))


def array(document: Any, key: str) -> Array:
    """The array `key` of a document or table, added (one item per line) when it is missing."""
    value = document.get(key)
    if value is None:
        value = tomlkit.array()
        value.multiline(True)
        document[key] = value
    return value


def append(items: Array, value: Any) -> None:
    """Add `value` at the end of an array, on a line of its own when the array is written one item a line."""
    if "\n" in items.as_string():
        items.add_line(value, indent="    ")
    else:
        items.append(value)


def remove_where(items: Array, unwanted: Callable[[Any], bool]) -> int:
    """Remove the items `unwanted` picks (with their own inline comments); the others keep theirs."""
    doomed = [number for number, value in enumerate(items) if unwanted(value)]
    for number in reversed(doomed):
        del items[number]
    return len(doomed)


def string_array(values: list[str]) -> Array:
    """A one-line TOML array of strings (a merge group)."""
    value = tomlkit.array()
    value.extend(values)
    return value


def append_table(tables: AoT, table: Any) -> None:
    """Add a [[table]] at the end of an array of tables, after a blank line."""
    if len(tables) and not tables[-1].as_string().endswith("\n\n"):
        tables[-1].add(tomlkit.nl())
    tables.append(table)


def remove_table(tables: AoT, number: int) -> None:
    """Remove one [[table]] with its keys and their inline comments. The lines after its keys (blank
    lines, and comments that stand above the next table) stay where they were: tomlkit counts them
    as the removed table's, so they move to the end of the table before it (or, for the first, to the
    start of the one after)."""
    body = tables[number].value.body
    trailing: list[Comment | Whitespace] = []
    for key, item in reversed(body):
        if key is not None or not isinstance(item, (Comment, Whitespace)):
            break
        trailing.insert(0, item)
    del tables[number]
    if not any(isinstance(item, Comment) for item in trailing):
        return
    if number > 0:
        for item in trailing:
            tables[number - 1].add(item)
    elif len(tables):
        following = tables[0].value.body
        following[:0] = [(None, item) for item in trailing]
