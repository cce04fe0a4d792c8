"""Following a story over time: read state over many articles, the query filters `is:unread`,
`is:read` and `tag:NAME`, tags on articles and quotes, and saved searches with their new matches.

Tags and saved searches live in the library in tables of their own, created here when first
needed (CREATE TABLE IF NOT EXISTS: no schema version of the store is taken).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from index import web
from index.store import Store

SCHEMA = """
CREATE TABLE IF NOT EXISTS tags (
    article_id TEXT NOT NULL,
    quote_id TEXT NOT NULL DEFAULT '',
    tag TEXT NOT NULL,
    PRIMARY KEY (article_id, quote_id, tag)
);
CREATE INDEX IF NOT EXISTS tags_tag ON tags(tag);
CREATE TABLE IF NOT EXISTS saved_searches (
    name TEXT PRIMARY KEY,
    query TEXT NOT NULL,
    created TEXT NOT NULL,
    viewed TEXT NOT NULL DEFAULT '',
    seen TEXT NOT NULL DEFAULT '[]'
)
"""

# A filter word of the query language: is:unread, is:read, tag:NAME or tag:"two words".
FILTER = re.compile(r'(?<!\S)(?:is:(?P<state>unread|read)|tag:(?:"(?P<quoted>[^"]*)"|(?P<tag>\S+)))(?!\S)', re.I)
TAG_CHARS = re.compile(r"[^\w\-./+]+")


@dataclass
class Filters:
    """What the filter words of a query ask for, beside its search words."""

    read: bool | None = None  # True: read ones only; False: unread ones only
    tags: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return self.read is not None or bool(self.tags)


def split_filters(query: str) -> tuple[str, Filters]:
    """("kirby is:unread tag:ukraine") -> ("kirby", Filters(read=False, tags=["ukraine"]))."""
    filters = Filters()

    def take(match: re.Match[str]) -> str:
        if match.group("state"):
            filters.read = match.group("state").lower() == "read"
        else:
            tag = normal_tag(match.group("quoted") if match.group("quoted") is not None else match.group("tag"))
            if tag:
                filters.tags.append(tag)
        return " "

    rest = FILTER.sub(take, query)
    return " ".join(rest.split()), filters


def normal_tag(text: str) -> str:
    """A tag as stored: lower case, runs of other characters than letters, digits, - . / + as one '-'."""
    return TAG_CHARS.sub("-", text.strip().casefold()).strip("-")


def parse_tags(text: str) -> list[str]:
    """Tags typed in one line, split at commas and spaces, each normalised, in order, once each."""
    tags: list[str] = []
    for part in re.split(r"[,\s]+", text):
        tag = normal_tag(part)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


# --- the tables --------------------------------------------------------------------------------


def ensure(store: Store) -> bool:
    """Create the tables when absent; False when they are absent and cannot be (a read-only library)."""
    if web.has_tables(store, SCHEMA):
        return True
    try:
        web.execute_script(store, SCHEMA)
    except Exception:  # noqa: BLE001 - a read-only store: nothing tagged or saved there
        return False
    return True


# --- read state --------------------------------------------------------------------------------


def mark_unread(store: Store, article_ids: list[str]) -> int:
    """Forget the read marks of `article_ids`; how many were read."""
    with store.transaction():
        count = 0
        for article_id in article_ids:
            count += store.db.execute("DELETE FROM reads WHERE article_id = ?", (article_id,)).rowcount
        if count:
            store.bump_generation()
    return count


def mark_read(store: Store, article_ids: list[str], when: str) -> int:
    """Mark `article_ids` read (one transaction); how many were unread."""
    with store.transaction():
        count = 0
        for article_id in article_ids:
            count += store.db.execute("INSERT OR IGNORE INTO reads VALUES (?, ?)", (article_id, when)).rowcount
        if count:
            store.bump_generation()
    return count


def unread_by_outlet(store: Store) -> dict[str, tuple[int, int]]:
    """Outlet -> (unread articles, all articles)."""
    rows = store.db.execute(
        """SELECT outlet, SUM(CASE WHEN r.article_id IS NULL THEN 1 ELSE 0 END), COUNT(*)
           FROM articles a LEFT JOIN reads r ON r.article_id = a.id GROUP BY outlet"""
    )
    return {row[0]: (int(row[1]), int(row[2])) for row in rows}


def set_note(store: Store, bookmark_id: int, note: str) -> None:
    with store.transaction():
        if not store.db.execute("UPDATE bookmarks SET note = ? WHERE id = ?", (note, bookmark_id)).rowcount:
            raise KeyError(bookmark_id)


# --- tags --------------------------------------------------------------------------------------


def tags_of(store: Store, article_id: str, quote_id: str = "") -> list[str]:
    if not ensure(store):
        return []
    rows = store.db.execute(
        "SELECT tag FROM tags WHERE article_id = ? AND quote_id = ? ORDER BY tag", (article_id, quote_id)
    )
    return [row[0] for row in rows]


def set_tags(store: Store, article_id: str, quote_id: str, tags: list[str]) -> None:
    """The tags of an article (quote_id "") or of one of its quotes become `tags`."""
    ensure(store)
    with store.transaction():
        store.db.execute("DELETE FROM tags WHERE article_id = ? AND quote_id = ?", (article_id, quote_id))
        store.db.executemany(
            "INSERT OR IGNORE INTO tags VALUES (?, ?, ?)", [(article_id, quote_id, tag) for tag in tags]
        )


def all_tags(store: Store) -> list[tuple[str, int]]:
    """Every tag in use with how many articles carry it (on the article or on one of its quotes), by name."""
    if not ensure(store):
        return []
    rows = store.db.execute("SELECT tag, COUNT(DISTINCT article_id) FROM tags GROUP BY tag ORDER BY tag")
    return [(row[0], int(row[1])) for row in rows]


def tagged_articles(store: Store, tag: str) -> set[str]:
    """Articles tagged `tag`, themselves or through one of their quotes."""
    if not ensure(store):
        return set()
    return {row[0] for row in store.db.execute("SELECT DISTINCT article_id FROM tags WHERE tag = ?", (tag,))}


def tagged_quotes(store: Store, article_id: str) -> dict[str, list[str]]:
    """Quote id -> its tags, for one article."""
    if not ensure(store):
        return {}
    result: dict[str, list[str]] = {}
    rows = store.db.execute(
        "SELECT quote_id, tag FROM tags WHERE article_id = ? AND quote_id <> '' ORDER BY tag", (article_id,)
    )
    for row in rows:
        result.setdefault(row[0], []).append(row[1])
    return result


# --- saved searches ----------------------------------------------------------------------------


@dataclass
class SavedSearch:
    name: str
    query: str
    created: str
    viewed: str  # when its matches were last looked at ("" never)
    seen: set[str]  # the articles it matched then


def saved_searches(store: Store) -> list[SavedSearch]:
    if not ensure(store):
        return []
    rows = store.db.execute("SELECT * FROM saved_searches ORDER BY name COLLATE NOCASE")
    return [_saved(row) for row in rows]


def saved_search(store: Store, name: str) -> SavedSearch | None:
    if not ensure(store):
        return None
    row = store.db.execute("SELECT * FROM saved_searches WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
    return _saved(row) if row is not None else None


def _saved(row: Any) -> SavedSearch:
    try:
        ids = {str(item) for item in json.loads(row["seen"])}
    except (ValueError, TypeError):
        ids = set()
    return SavedSearch(row["name"], row["query"], row["created"], row["viewed"], ids)


def save_search(store: Store, name: str, query: str, when: str, seen: set[str]) -> None:
    """Save (or replace) `name`; what it matches now counts as seen."""
    ensure(store)
    with store.transaction():
        store.db.execute("DELETE FROM saved_searches WHERE name = ? COLLATE NOCASE", (name,))
        store.db.execute(
            "INSERT INTO saved_searches VALUES (?, ?, ?, ?, ?)", (name, query, when, when, json.dumps(sorted(seen)))
        )


def mark_viewed(store: Store, name: str, when: str, seen: set[str]) -> None:
    ensure(store)
    with store.transaction():
        store.db.execute(
            "UPDATE saved_searches SET viewed = ?, seen = ? WHERE name = ? COLLATE NOCASE",
            (when, json.dumps(sorted(seen)), name),
        )


def remove_search(store: Store, name: str) -> bool:
    if not ensure(store):
        return False
    with store.transaction():
        return bool(store.db.execute("DELETE FROM saved_searches WHERE name = ? COLLATE NOCASE", (name,)).rowcount)
