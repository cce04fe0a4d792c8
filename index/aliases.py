"""The user's actor alias file: which names are one actor, display names, splits and hidden names.

The library keeps it as ``aliases.toml`` in the config folder and applies it whenever it
resolves actors, so editing it never needs a re-parse. The file format::

    # Names that are one actor (any spelling seen in the articles).
    merge = [
        ["Zelensky", "Volodymyr Zelenskyy"],
        ["Cho Biden", "Joe Biden"],
    ]
    # Names that must stay their own actor, never merged with a similar name.
    split = ["Hunter Biden"]
    # Names not shown as actors (page furniture the tagger took for a name).
    hide = ["Azerbaijan News"]

    # Display names: any name or variant of an actor -> the name to show.
    [rename]
    "Anthony Blinken" = "Antony Blinken"

Every key is optional; a missing file means no aliases. The `actors` edits change the file in
place: your comments, order and layout stay as you wrote them. Names match case-insensitively and
ignore accents and punctuation ("Zelenskyy" matches "zelenskyy", "Mr. Putin" does not match
"Putin" — write the name as articles give it).
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import tomlkit

from index import tomledit
from index.atomic import write_text_atomic

AliasEdit = Literal["merge", "rename", "split", "hide"]
# How many names each edit takes: merge A B, rename A NAME, split A, hide A.
NAMES_PER_EDIT: dict[str, int] = {"merge": 2, "rename": 2, "split": 1, "hide": 1}


class AliasError(ValueError):
    """The alias file cannot be read; the message is one sentence naming the file."""


@dataclass
class Aliases:
    merge: list[list[str]] = field(default_factory=list)  # groups of names that are one actor
    rename: dict[str, str] = field(default_factory=dict)  # any name of an actor -> display name
    split: list[str] = field(default_factory=list)  # names that never merge with others
    hide: list[str] = field(default_factory=list)  # names not shown as actors

    def is_empty(self) -> bool:
        return not (self.merge or self.rename or self.split or self.hide)


def normalise_name(name: str) -> str:
    """The form names are compared in: lowercase, no accents, no punctuation, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^\w\s'’-]", " ", without_accents.casefold()).replace("’", "'")
    words = re.sub(r"(?<!\w)['-]|['-](?!\w)", " ", words)
    return " ".join(words.split())


_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def load_aliases(path: Path) -> Aliases:
    """Read the alias file; a missing file gives empty aliases."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Aliases()
    except OSError as error:
        raise AliasError(f"Cannot read the alias file {path}: {error.strerror or error}.") from error
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise AliasError(f"The alias file {path} is not UTF-8 text; save it as UTF-8 and try again.") from error
    except tomllib.TOMLDecodeError as error:
        match = _LINE.search(str(error))
        where = f" at line {match.group(1)}, column {match.group(2)}" if match else ""
        reason = _LINE.sub("", str(error)).strip().lower()
        raise AliasError(f"The alias file {path} is not valid TOML{where} ({reason}); fix or delete it.") from error
    return _from_table(data, path)


def _from_table(data: dict, path: Path) -> Aliases:
    def fail(key: str, expected: str) -> AliasError:
        return AliasError(f"In the alias file {path}, `{key}` must be {expected}.")

    unknown = sorted(set(data) - {"merge", "rename", "split", "hide"})
    if unknown:
        raise AliasError(
            f"The alias file {path} has an unknown key `{unknown[0]}`; the keys are merge, rename, split and hide."
        )
    merge = data.get("merge", [])
    if not isinstance(merge, list) or not all(
        isinstance(group, list) and all(isinstance(name, str) for name in group) for group in merge
    ):
        raise fail("merge", 'a list of lists of names, like [["Zelensky", "Zelenskyy"]]')
    rename = data.get("rename", {})
    if not isinstance(rename, dict) or not all(isinstance(value, str) for value in rename.values()):
        raise fail("rename", 'a table of name = "display name"')
    lists = {}
    for key in ("split", "hide"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
            raise fail(key, 'a list of names, like ["Hunter Biden"]')
        lists[key] = value
    groups = [list(group) for group in merge]
    return Aliases(merge=groups, rename=dict(rename), split=lists["split"], hide=lists["hide"])


def _toml_string(text: str) -> str:
    # A JSON string is a valid TOML basic string, except that TOML also requires DEL escaped.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def dumps_aliases(aliases: Aliases) -> str:
    """The alias file text; loading it gives the same aliases back."""
    lines = ["# quotedesk actor aliases: see `quotedesk actors --help` for what each key does.", ""]
    lines.append("# Names that are one actor.")
    lines.append("merge = [")
    lines.extend(f"    [{', '.join(_toml_string(n) for n in group)}]," for group in aliases.merge)
    lines.append("]")
    lines.append("# Names that stay their own actor.")
    lines.append(f"split = [{', '.join(_toml_string(n) for n in aliases.split)}]")
    lines.append("# Names not shown as actors.")
    lines.append(f"hide = [{', '.join(_toml_string(n) for n in aliases.hide)}]")
    lines.append("")
    lines.append("# Display names: any name of an actor = the name to show.")
    lines.append("[rename]")
    lines.extend(f"{_toml_string(old)} = {_toml_string(new)}" for old, new in aliases.rename.items())
    return "\n".join(lines) + "\n"


def save_aliases(aliases: Aliases, path: Path) -> None:
    """Write the alias file atomically: a reader sees the old file or the new one, never half."""
    write_text_atomic(path, dumps_aliases(aliases))


def _edit(path: Path, change: Callable[[tomlkit.TOMLDocument], None]) -> Aliases:
    """Apply `change` to the alias file in place: the user's comments, order and layout stay as
    they were, and only the entries the edit is about change. Written atomically."""
    path = Path(path)
    load_aliases(path)  # a file that cannot be read is an AliasError before anything is changed
    document = tomledit.read_document(path, dumps_aliases(Aliases()))
    change(document)
    aliases = _from_table(document.unwrap(), path)
    tomledit.write_document(path, document)
    return aliases


def add_merge(path: Path, a: str, b: str) -> Aliases:
    """Record that `a` and `b` are one actor, joining any groups either is already in."""
    wanted = {normalise_name(a), normalise_name(b)}

    def change(document: tomlkit.TOMLDocument) -> None:
        groups = tomledit.array(document, "merge")
        touching = [list(group) for group in groups if wanted & {normalise_name(n) for n in group}]
        joined: list[str] = []
        for name in [n for group in touching for n in group] + [a, b]:
            if normalise_name(name) not in {normalise_name(n) for n in joined}:
                joined.append(name)
        tomledit.remove_where(groups, lambda group: bool(wanted & {normalise_name(n) for n in group}))
        tomledit.append(groups, tomledit.string_array(joined))
        # A name the user now merges can no longer be one they asked to keep apart.
        if "split" in document:
            tomledit.remove_where(tomledit.array(document, "split"), lambda name: normalise_name(name) in wanted)

    return _edit(path, change)


def add_rename(path: Path, old: str, new: str) -> Aliases:
    """Show the actor known as `old` (any of its names) as `new`."""

    def change(document: tomlkit.TOMLDocument) -> None:
        table = document.get("rename")
        if table is None:
            table = document["rename"] = tomlkit.table()
        for key in [key for key in table if normalise_name(key) == normalise_name(old) and key != old]:
            del table[key]
        table[old] = new

    return _edit(path, change)


def _add_name(path: Path, list_name: str, name: str) -> Aliases:
    """Append `name` to the alias list `list_name` ("split" or "hide") unless it is there."""

    def change(document: tomlkit.TOMLDocument) -> None:
        names = tomledit.array(document, list_name)
        if normalise_name(name) not in {normalise_name(n) for n in names}:
            tomledit.append(names, name)

    return _edit(path, change)


def add_split(path: Path, name: str) -> Aliases:
    """Keep `name` its own actor."""
    return _add_name(path, "split", name)


def add_hide(path: Path, name: str) -> Aliases:
    """Stop showing `name` as an actor."""
    return _add_name(path, "hide", name)


def edit_aliases(path: Path, edit: AliasEdit, names: list[str]) -> Aliases:
    """Apply one edit (`actors merge A B`, `rename A NAME`, `split A`, `hide A`) to the alias file."""
    if len(names) != NAMES_PER_EDIT[edit]:
        raise ValueError(f"{edit} takes {NAMES_PER_EDIT[edit]} name(s), not {len(names)}")
    if edit == "merge":
        return add_merge(path, names[0], names[1])
    if edit == "rename":
        return add_rename(path, names[0], names[1])
    if edit == "split":
        return add_split(path, names[0])
    return add_hide(path, names[0])
