"""`quotedesk repair`: a damaged store restored from its backup, what can still be read salvaged from
it, and the rest read again from the original files where they still exist.

Nothing of the user's is lost on the way: the damaged file is moved aside (never deleted), the
bookmarks, their notes and the read marks come from marks.json and from the damaged file itself
(the backup only when neither can be read), and corrections and aliases are files in the config
folder that relinking applies again. Articles whose files are gone are taken from the damaged file
when their text still matches the hash it was stored with, else from the backup.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from index import backup, indexing, ingest, linking
from index.enrich import AnalysisFailure, chunks, enrich
from index.locking import WriterLock
from index.model import Article, Bookmark, Enrichment, IngestProgress, LocalActor, RawQuote
from index.progress import ProgressCallback, notify
from index.search import SearchIndex
from index.store import (
    HEADER_SIZE,
    SQLITE_MAGIC,
    Store,
    StoreError,
    _article_from_row,
    _raw_quote_from_row,
    header_problem,
)

DATABASE = "library.sqlite3"
DAMAGED_DIR = "damaged"
MISSES = 64  # damaged stretches stepped over while reading a table row by row, before giving up on it


@dataclass
class RepairReport:
    """What a repair did, for the sentences the command line prints."""

    whole: bool = False  # the store was not damaged: nothing was changed
    problem: str = ""  # what was wrong with the store
    kept_at: Path | None = None  # where the damaged file was moved
    restored_from: Path | None = None  # the backup the new store started from
    restored_time: str = ""
    readable: bool = False  # whether SQLite could read anything of the damaged file
    salvaged_articles: int = 0  # articles taken from the damaged file
    bookmarks: int = 0
    read_marks: int = 0
    files_read: int = 0  # original files read again
    articles: int = 0  # in the repaired library
    lost_files: list[str] = field(default_factory=list)  # gone, and their articles could not be read
    skipped: list[tuple[str, str]] = field(default_factory=list)


# --- reading a damaged file ----------------------------------------------------------------------


class Salvage:
    """What SQLite can still read of a damaged store file, table by table and row by row.

    The file is opened as it is; when its header is damaged, a copy gets a header rebuilt from a
    healthy store's (the page count taken from the file's size), and when even the schema on its
    first page is lost, a copy gets a healthy store's first page (its tables live where a new
    library puts them). Every row is checked before it is used.
    """

    def __init__(self, damaged: Path, template: Path, workdir: Path) -> None:
        self.db: sqlite3.Connection | None = None
        self.workdir = workdir
        self._cache: dict[str, tuple[list[sqlite3.Row], bool]] = {}
        for attempt in (self._as_is, self._with_header, self._with_schema):
            try:
                db = attempt(damaged, template)
            except (sqlite3.Error, OSError):
                continue
            if db is not None and self._has_tables(db):
                self.db = db
                return
            if db is not None:
                db.close()

    @staticmethod
    def _has_tables(db: sqlite3.Connection) -> bool:
        try:
            names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.Error:
            return False
        return {"articles", "bookmarks", "reads", "files"} <= names

    def _as_is(self, damaged: Path, template: Path) -> sqlite3.Connection | None:
        if damaged.stat().st_size < HEADER_SIZE:
            return None
        return sqlite3.connect(f"{damaged.resolve().as_uri()}?mode=ro", uri=True)

    def _copy(self, damaged: Path, name: str) -> Path:
        copy = self.workdir / name
        shutil.copyfile(damaged, copy)
        wal = damaged.with_name(damaged.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        return copy

    def _with_header(self, damaged: Path, template: Path) -> sqlite3.Connection | None:
        copy = self._copy(damaged, "header.sqlite3")
        healthy = template.read_bytes()[:HEADER_SIZE]
        page_size = _page_size(healthy)
        return self._patched(copy, bytearray(healthy), page_size)

    @staticmethod
    def _patched(copy: Path, start: bytearray, page_size: int) -> sqlite3.Connection:
        """`copy` with its first bytes replaced by `start` (a healthy header, or first page), made to fit."""
        start[28:32] = (copy.stat().st_size // page_size).to_bytes(4, "big")  # the page count, from the size
        start[32:40] = bytes(8)  # no free-page list: it is only needed for writing
        start[92:96] = start[24:28]  # the page count is meant
        wal = copy.with_name(copy.name + "-wal")
        start[18:20] = b"\x02\x02" if wal.exists() else b"\x01\x01"  # read the write-ahead log if there is one
        with open(copy, "r+b") as handle:
            handle.write(bytes(start))
        return sqlite3.connect(copy)

    def _with_schema(self, damaged: Path, template: Path) -> sqlite3.Connection | None:
        """A copy whose schema pages (where SQLite finds each table) are the healthy store's: a backup
        is a copy of this very file, page for page, and a table's first page never moves."""
        copy = self._copy(damaged, "schema.sqlite3")
        healthy = template.read_bytes()
        page_size = _page_size(healthy)
        with open(copy, "r+b") as handle:
            for page in schema_pages(healthy, page_size):
                handle.seek((page - 1) * page_size)
                handle.write(healthy[(page - 1) * page_size : page * page_size])
        if copy.stat().st_size < len(healthy):  # cut short: every table's first page must be there, if empty
            os.truncate(copy, len(healthy))
        return self._patched(copy, bytearray(healthy[:HEADER_SIZE]), page_size)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()

    def rows(self, table: str) -> tuple[list[sqlite3.Row], bool]:
        """Every row of `table` that can be read (rows on damaged pages are stepped over), and
        whether that is the whole table."""
        if table not in self._cache:
            self._cache[table] = self._read(table)
        return self._cache[table]

    def _read(self, table: str) -> tuple[list[sqlite3.Row], bool]:
        db = self.db
        if db is None:
            return [], False
        db.row_factory = sqlite3.Row
        try:
            return list(db.execute(f'SELECT rowid AS "_rowid_", * FROM "{table}" ORDER BY rowid')), True
        except sqlite3.Error:
            pass
        rows: list[sqlite3.Row] = []
        query = f'SELECT rowid AS "_rowid_", * FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT 1'
        after, step, misses = 0, 1, 0
        while misses < MISSES:
            try:
                row = db.execute(query, (after,)).fetchone()
            except sqlite3.Error:
                misses += 1
                after, step = after + step, step * 2  # over the damaged stretch, in growing strides
                continue
            if row is None:
                break
            rows.append(row)
            after, step = row["_rowid_"], 1
        return rows, False


def _page_size(header: bytes) -> int:
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def schema_pages(data: bytes, page_size: int) -> list[int]:
    """The pages of the schema table's b-tree (page 1 and, for a larger schema, its children)."""
    pages: list[int] = []
    waiting = [1]
    while waiting and len(pages) < 64:
        page = waiting.pop()
        pages.append(page)
        base = (page - 1) * page_size
        offset = base + (HEADER_SIZE if page == 1 else 0)
        if offset + 12 > len(data) or data[offset] != 0x05:  # a leaf (0x0D), or nothing readable
            continue
        cells = int.from_bytes(data[offset + 3 : offset + 5], "big")
        waiting.append(int.from_bytes(data[offset + 8 : offset + 12], "big"))  # the right-most child
        for number in range(cells):
            pointer = int.from_bytes(data[offset + 12 + 2 * number : offset + 14 + 2 * number], "big")
            waiting.append(int.from_bytes(data[base + pointer : base + pointer + 4], "big"))
    return [page for page in pages if page >= 1]


def _salvaged_articles(salvage: Salvage) -> tuple[dict[str, tuple[Article, str, bool]], bool]:
    """Article id -> (article, its file's path, whether it was analysed), for the articles whose text
    still matches its hash; and whether the whole table could be read."""
    found: dict[str, tuple[Article, str, bool]] = {}
    rows, complete = salvage.rows("articles")
    for row in rows:
        try:
            article = _article_from_row(row)
            file_path = row["file_path"]
            intact = ingest.content_hash(article.title, article.body) == article.content_hash
            analysed = bool(row["enriched"])
        except (TypeError, ValueError, IndexError, AttributeError, KeyError):
            continue
        if intact and isinstance(file_path, str):
            found[article.id] = (article, file_path, analysed)
    return found, complete


def _salvaged_enrichments(salvage: Salvage, articles: dict[str, Article]) -> dict[str, Enrichment]:
    """The analyses of salvaged articles that can be read whole and fit their text (quote words equal
    the body's words at their place, mentions inside the body). None at all when either table could
    only be read in part: an article's missing rows would not show."""
    found = {article_id: Enrichment(article_id) for article_id in articles}
    broken: set[str] = set()
    actor_rows, actors_complete = salvage.rows("local_actors")
    quote_rows, quotes_complete = salvage.rows("raw_quotes")
    if not (actors_complete and quotes_complete):
        return {}
    for row in actor_rows:
        article_id = row["article_id"]
        if article_id not in articles:
            continue
        try:
            body = articles[article_id].body
            mentions = [tuple(span) for span in json.loads(row["mentions"])]
            if not all(0 <= start < end <= len(body) for start, end in mentions):
                raise ValueError("a mention outside the body")
            actor = LocalActor(
                key=row["key"],
                name=row["name"],
                kind=row["kind"],
                variants=json.loads(row["variants"]),
                roles=json.loads(row["roles"]),
                mentions=mentions,
            )
        except (TypeError, ValueError, IndexError, KeyError):
            broken.add(article_id)
            continue
        found[article_id].actors.append(actor)
    for row in quote_rows:
        article_id = row["article_id"]
        if article_id not in articles:
            continue
        try:
            quote: RawQuote = _raw_quote_from_row(row)
            if articles[article_id].body[quote.start : quote.end] != quote.text:
                raise ValueError("a quote that is not its body's words")
        except (TypeError, ValueError, IndexError, KeyError):
            broken.add(article_id)
            continue
        found[article_id].quotes.append(quote)
    return {article_id: enrichment for article_id, enrichment in found.items() if article_id not in broken}


def _salvaged_bookmarks(salvage: Salvage) -> list[Bookmark]:
    bookmarks = []
    columns = {"source": "outlet"}
    for row in salvage.rows("bookmarks")[0]:
        try:
            values = {columns.get(key, key): row[key] for key in row.keys() if key != "_rowid_"}  # noqa: SIM118
            bookmark = Bookmark(**values)
        except TypeError:
            continue
        if bookmark.kind in ("article", "quote") and isinstance(bookmark.article_id, str) and bookmark.article_id:
            bookmarks.append(bookmark)
    return bookmarks


def _salvaged_reads(salvage: Salvage) -> list[tuple[str, str]]:
    reads = []
    for row in salvage.rows("reads")[0]:
        article_id, when = row["article_id"], row["read_at"]
        if isinstance(article_id, str) and isinstance(when, str):
            reads.append((article_id, when))
    return reads


def _salvaged_files(salvage: Salvage) -> set[str]:
    return {row["path"] for row in salvage.rows("files")[0] if isinstance(row["path"], str)}


# --- the repair ----------------------------------------------------------------------------------


def diagnose(root: Path) -> str:
    """What is wrong with the library's store ("" when SQLite's integrity check finds it whole)."""
    database = root / DATABASE
    if not database.exists():
        return ""
    problem = header_problem(database)
    if problem:
        return problem
    if database.stat().st_size == 0 and backup.backups(root):
        return "it is empty, though the library has a backup"
    try:
        store = Store(database)
    except StoreError as error:
        return str(error)
    except sqlite3.DatabaseError as error:
        return str(error)
    try:
        problems = store.integrity_problems()
    finally:
        store.close()
    return "; ".join(problems[:3])


def repair(root: Path, progress: ProgressCallback | None = None, *, nlp: bool = True, jobs: int = 1) -> RepairReport:
    """Repair the library at `root` (see the module's docstring); the writer lock is held throughout."""
    lock = WriterLock(root)
    with lock.hold():
        report = RepairReport(problem=diagnose(root))
        if not report.problem:
            report.whole = True
            return report
        database = root / DATABASE
        report.kept_at = _move_aside(root)
        workdir = root / DAMAGED_DIR / ".salvage"
        shutil.rmtree(workdir, ignore_errors=True)
        workdir.mkdir(parents=True)
        try:
            good = backup.good_backup(root)
            template = good or _fresh_template(workdir)
            if good is not None:
                _restore(good, database)
                report.restored_from = good
                report.restored_time = datetime.fromtimestamp(good.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            salvage = Salvage(report.kept_at, template, workdir)
            store = Store(database)
            try:
                report.readable = salvage.db is not None
                files, unanalysed = _merge(store, salvage, root, report)
                salvage.close()
                search_index = SearchIndex(root)
                shutil.rmtree(search_index.path, ignore_errors=True)  # derived: built again from the store
                if nlp:
                    _analyse(store, unanalysed, progress, jobs)
                existing = sorted(path for path in files if Path(path).is_file())
                if existing:
                    options = ingest.IngestOptions(nlp=nlp, jobs=jobs)
                    result = ingest.add(store, search_index, lock, existing, progress, options)
                    report.skipped = result.skipped
                    report.files_read = len(existing)
                indexing.heal(store, search_index, lambda: linking.relink(store, search_index, None))
                if store.links_dirty():
                    linking.relink(store, search_index, progress)
                store_paths = {row[0] for row in store.db.execute("SELECT file_path FROM articles")}
                report.lost_files = sorted(p for p in files if not Path(p).is_file() and p not in store_paths)
                report.articles = store.article_count()
                store.mark_written()
                backup.save_marks(store, root)
                backup.make_backup(store, root)
            finally:
                store.close()
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        notify(progress, IngestProgress(1, 1, "", "done"))
        return report


def _move_aside(root: Path) -> Path:
    """Move the damaged store (and its -wal and -shm) into LIBRARY/damaged/, named by the time."""
    folder = root / DAMAGED_DIR
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"library-{stamp}.sqlite3"
    number = 1
    while target.exists():
        number += 1
        target = folder / f"library-{stamp}-{number}.sqlite3"
    database = root / DATABASE
    for suffix in ("", "-wal", "-shm"):
        source = database.with_name(database.name + suffix)
        if source.exists():
            source.replace(target.with_name(target.name + suffix))
    return target


def _restore(source: Path, database: Path) -> None:
    """Copy a backup into place as the library's store, with SQLite's backup API."""
    origin = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(database)
    try:
        origin.backup(target)
    finally:
        target.close()
        origin.close()


def _fresh_template(workdir: Path) -> Path:
    """A new, empty store: its header and first page are what a healthy library's look like."""
    path = workdir / "template.sqlite3"
    store = Store(path)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = path.read_bytes()
    assert data.startswith(SQLITE_MAGIC)
    return path


def _merge(store: Store, salvage: Salvage, root: Path, report: RepairReport) -> tuple[set[str], list[str]]:
    """Put what was salvaged into the restored store; returns every file path the library knew, and
    the salvaged articles whose analysis could not be read (to analyse again)."""
    articles, _ = _salvaged_articles(salvage)
    analysed = {article_id: article for article_id, (article, _, done) in articles.items() if done}
    enrichments = _salvaged_enrichments(salvage, analysed)
    marks = backup.load_marks(root)
    salvaged_bookmarks = _salvaged_bookmarks(salvage)
    bookmarks_whole = salvage.rows("bookmarks")[1]
    salvaged_reads = _salvaged_reads(salvage)
    known_files = _salvaged_files(salvage) | {row[0] for row in store.db.execute("SELECT path FROM files")}
    known_files |= {row[0] for row in store.db.execute("SELECT file_path FROM articles")}
    unanalysed: list[str] = []
    with store.transaction():
        hashes = dict(store.db.execute("SELECT id, content_hash FROM articles").fetchall())
        for article_id, (article, file_path, done) in articles.items():
            known_files.add(file_path)
            if hashes.get(article_id) == article.content_hash:
                continue  # the backup has it as it was
            store.put_article(article, file_path)
            if article_id in enrichments:
                store.put_enrichment(enrichments[article_id])
            elif done:
                unanalysed.append(article_id)
            report.salvaged_articles += 1
        store.fill_speaker_how()  # analyses salvaged from a library older than the rule's column
        # Bookmarks: marks.json and the damaged file are as new as the last change; the backup may be
        # older (and hold bookmarks removed since), so it counts only when neither can be read whole.
        sources: list[Iterable[Bookmark]] = [marks[0]] if marks is not None else []
        sources.append(salvaged_bookmarks)
        if marks is None and not bookmarks_whole:
            sources.append(store.bookmarks())
        _replace_bookmarks(store, sources)
        reads = dict(store.reads())
        for article_id, when in [*(marks[1] if marks else []), *salvaged_reads]:
            reads.setdefault(article_id, when)
        store.db.execute("DELETE FROM reads")
        store.db.executemany("INSERT INTO reads VALUES (?, ?)", sorted(reads.items()))
        store.mark_all_unindexed()
        store.set_links_dirty(True)
        store.bump_generation()
    _restore_following(store, backup.load_following(root))
    report.bookmarks = len(store.bookmarks())
    report.read_marks = len(reads)
    return known_files, unanalysed


def _restore_following(store: Store, rows: dict[str, list[list[Any]]]) -> None:
    """Tags and saved searches as marks.json holds them: it is as new as their last change (the
    backup may be older), so its rows replace the tables' own."""
    if not rows:
        return
    from index import following

    if not following.ensure(store):
        return
    with store.transaction():
        for table, values in rows.items():
            width = len(store.db.execute(f'SELECT * FROM "{table}" LIMIT 0').description)
            store.db.execute(f'DELETE FROM "{table}"')
            store.db.executemany(
                f'INSERT OR IGNORE INTO "{table}" VALUES ({", ".join("?" for _ in range(width))})',
                [row for row in values if len(row) == width],
            )


def _replace_bookmarks(store: Store, sources: list[Iterable[Bookmark]]) -> None:
    """The union of `sources` (earlier sources win for the same article and quote), ids kept where free."""
    chosen: dict[tuple[str, str], Bookmark] = {}
    for source in sources:
        for bookmark in source:
            chosen.setdefault((bookmark.article_id, bookmark.quote_id), bookmark)
    store.db.execute("DELETE FROM bookmarks")
    used: set[int] = set()
    for bookmark in sorted(chosen.values(), key=lambda b: (b.created, b.id)):
        values = {
            "kind": bookmark.kind,
            "article_id": bookmark.article_id,
            "quote_id": bookmark.quote_id,
            "note": bookmark.note,
            "created": bookmark.created,
            "title": bookmark.title,
            "source": bookmark.outlet,
            "date": bookmark.date,
            "text": bookmark.text,
            "speaker": bookmark.speaker,
            "start": bookmark.start,
            "end": bookmark.end,
        }
        if isinstance(bookmark.id, int) and bookmark.id > 0 and bookmark.id not in used:
            values["id"] = bookmark.id
        columns = ", ".join(f'"{name}"' for name in values)
        cursor = store.db.execute(
            f"INSERT INTO bookmarks({columns}) VALUES ({', '.join('?' for _ in values)})", list(values.values())
        )
        used.add(cursor.lastrowid or 0)


def _analyse(store: Store, ids: list[str], progress: ProgressCallback | None, jobs: int) -> None:
    """Run actor and quote finding on salvaged articles whose analysis could not be read."""
    if not ids:
        return
    analyses = enrich(store.articles(ids), jobs=jobs)
    try:
        done = 0
        for batch in chunks(analyses, ingest.BATCH_SIZE):
            with store.transaction():
                for enrichment in batch:
                    if isinstance(enrichment, AnalysisFailure):
                        continue  # it stays unanalysed, as reindex --nlp leaves an article it cannot analyse
                    store.put_enrichment(enrichment)
                store.set_links_dirty(True)
            done += len(batch)
            notify(progress, IngestProgress(done, len(ids), "", "analysing"))
    finally:
        analyses.close()
