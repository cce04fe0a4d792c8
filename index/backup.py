"""Backups of the store, kept in the library folder, for `quotedesk repair`.

Two things are kept in `LIBRARY/backups/`:

- `library-1.sqlite3` (the newest) and `library-2.sqlite3` (the one before): whole copies of the
  store made with SQLite's backup API after a run that changed it, at most every BACKUP_EVERY
  seconds. A copy is checked (`quick_check`) before it replaces the older one, so a damaged store
  never pushes a good backup out.
- `marks.json`: the bookmarks (with their notes) and read marks, rewritten after each change to
  them. They are the user's own work, and tiny; a backup may be older than the last bookmark.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from index.atomic import write_text_atomic
from index.model import Bookmark
from index.store import Store

BACKUP_DIR = "backups"
GENERATIONS = ("library-1.sqlite3", "library-2.sqlite3")  # newest first
MARKS_FILE = "marks.json"
BACKUP_EVERY = 10 * 60  # seconds: a run within this time of the last backup makes none


def backup_dir(root: Path) -> Path:
    return root / BACKUP_DIR


def backups(root: Path) -> list[Path]:
    """The store's backups that exist, newest first."""
    return [path for name in GENERATIONS if (path := backup_dir(root) / name).is_file()]


def backup_due(root: Path, now: float | None = None) -> bool:
    """Whether a run that changed the store should back it up now (none yet, or the newest is old)."""
    kept = backups(root)
    if not kept:
        return True
    return (now if now is not None else time.time()) - kept[0].stat().st_mtime >= BACKUP_EVERY


def make_backup(store: Store, root: Path) -> Path:
    """Copy the store into a new backup, check it, and rotate it in; returns the new backup's path.

    Raises BackupRefused when the copy fails SQLite's check (the store itself is damaged): the
    backups stay as they were. OSError and sqlite3.Error (a full disk) leave them as they were too.
    """
    folder = backup_dir(root)
    folder.mkdir(exist_ok=True)
    fresh = folder / ".library-new.sqlite3"
    _remove(fresh)
    try:
        target = sqlite3.connect(fresh)
        try:
            store.db.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            result = [row[0] for row in target.execute("PRAGMA quick_check(5)")]
        finally:
            target.close()
        if result != ["ok"]:
            raise BackupRefused("; ".join(result))
        with open(fresh, "rb") as handle:
            os.fsync(handle.fileno())
        newest, older = (folder / name for name in GENERATIONS)
        if newest.exists():
            os.replace(newest, older)
        os.replace(fresh, newest)
        _sync_folder(folder)
    finally:
        _remove(fresh)
    return newest


class BackupRefused(Exception):
    """The store's copy failed SQLite's check: it was not kept."""


def good_backup(root: Path) -> Path | None:
    """The newest backup that passes SQLite's integrity check, or None."""
    for path in backups(root):
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                if [row[0] for row in db.execute("PRAGMA integrity_check(1)")] == ["ok"]:
                    return path
            finally:
                db.close()
        except sqlite3.Error:
            continue
    return None


# --- bookmarks and read marks ------------------------------------------------------------------


# The user's own work kept in tables of their own (following.py): tags and saved searches.
FOLLOWING_TABLES = ("tags", "saved_searches")


def save_marks(store: Store, root: Path) -> None:
    """Write every bookmark, read mark, tag and saved search to marks.json (atomically)."""
    data: dict[str, Any] = {
        "bookmarks": [asdict(bookmark) for bookmark in store.bookmarks()],
        "reads": [list(read) for read in store.reads()],
    }
    present = {row[0] for row in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in FOLLOWING_TABLES:
        if table in present:
            data[table] = [list(row) for row in store.db.execute(f'SELECT * FROM "{table}"')]
    backup_dir(root).mkdir(exist_ok=True)
    write_text_atomic(backup_dir(root) / MARKS_FILE, json.dumps(data, ensure_ascii=False, indent=0))


def load_marks(root: Path) -> tuple[list[Bookmark], list[tuple[str, str]]] | None:
    """The bookmarks and read marks marks.json holds; None when it is absent or unreadable."""
    try:
        data = json.loads((backup_dir(root) / MARKS_FILE).read_text(encoding="utf-8"))
        names = {field.name for field in fields(Bookmark)}
        bookmarks = [Bookmark(**{k: v for k, v in entry.items() if k in names}) for entry in data["bookmarks"]]
        reads = [(str(article_id), str(when)) for article_id, when in data["reads"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return bookmarks, reads


def load_following(root: Path) -> dict[str, list[list[Any]]]:
    """The tags and saved searches marks.json holds, by table (a table it does not hold is absent)."""
    try:
        data = json.loads((backup_dir(root) / MARKS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        table: [row for row in data[table] if isinstance(row, list)]
        for table in FOLLOWING_TABLES
        if isinstance(data.get(table), list)
    }


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")):
        candidate.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (a folder's entries are synced through a handle on the folder)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
