"""The SQLite store: the library's system of record (articles, actors, quotes, statements, bookmarks)."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict
from pathlib import Path
from typing import NamedTuple

from index.model import (
    PARAGRAPH_SEPARATOR,
    Actor,
    Article,
    ArticleSummary,
    Bookmark,
    Enrichment,
    LocalActor,
    Mention,
    Quote,
    RawQuote,
    Role,
)

SCHEMA_VERSION = 10

# The rule behind a speaker (a key of index/quotes/evidence.py HOW) for quotes analysed before it was
# recorded, read back from the evidence class and confidence the rules gave at schema 10, where one
# rule gave that pair. A role resolved with 0.8 is the previous speaker's (role-continuity) or the
# body a spokesperson speaks for (role-body, never a person): a person is the first; an organisation
# may be either. Pairs two rules share ("named" 0.95 or 0.9, "unresolved" 0.9, "role" 0.8 not a
# person) stay "" (not known); `reindex --nlp` records every rule. On BBC politics (4,907 quotes)
# each of the 2,407 rules read back is the one a new analysis records; 2,500 stay "". Frozen here:
# a confidence retuned later must not change what older analyses read back.
FILL_SPEAKER_HOW = """
    UPDATE raw_quotes SET speaker_how = CASE
        WHEN speaker_evidence IN ('carried', 'label', 'document') THEN speaker_evidence
        WHEN speaker_evidence = 'role' AND speaker_confidence = 0.9 THEN 'role-known'
        WHEN speaker_evidence = 'role' AND speaker_confidence = 0.8 AND speaker_kind = 'person' THEN 'role-continuity'
        WHEN speaker_evidence = 'role' AND speaker_confidence = 0.6 THEN 'role-equated'
        WHEN speaker_evidence = 'role' AND speaker_confidence = 0.5 THEN 'role-recent'
        WHEN speaker_evidence = 'pronoun' AND speaker_confidence = 0.95 THEN 'pronoun-continuity'
        WHEN speaker_evidence = 'pronoun' AND speaker_confidence = 0.85 THEN 'pronoun-antecedent'
        WHEN speaker_evidence = 'pronoun' AND speaker_confidence = 0.55 THEN 'pronoun-ambiguous'
        WHEN speaker_evidence = 'pronoun' AND speaker_confidence = 0.6 THEN 'rules-pronoun'
        WHEN speaker_evidence = 'named' AND speaker_confidence = 0.8 THEN 'subject'
        WHEN speaker_evidence = 'named' AND speaker_confidence = 0.7 THEN 'nearby'
        WHEN speaker_evidence = 'named' AND speaker_confidence = 0.6 THEN 'next'
        WHEN speaker_evidence = 'unresolved' AND speaker_confidence = 0.3 THEN 'unresolved'
        WHEN speaker_evidence = 'unresolved' AND speaker_confidence = 0 THEN 'none'
        ELSE '' END
    WHERE speaker_how = ''
"""

# Each migration takes the schema from version N-1 to N; a new library runs them all.
MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        file_path TEXT NOT NULL,
        title TEXT NOT NULL,
        outlet TEXT NOT NULL DEFAULT '',
        byline TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL,
        original TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL,
        encoding TEXT NOT NULL DEFAULT '',
        format TEXT NOT NULL DEFAULT '',
        added TEXT NOT NULL DEFAULT '',
        indexed INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX articles_content_hash ON articles(content_hash);
    CREATE INDEX articles_file_path ON articles(file_path);
    CREATE TABLE files (
        path TEXT PRIMARY KEY,
        raw_hash TEXT NOT NULL,
        seen TEXT NOT NULL
    );
    CREATE TABLE bookmarks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        article_id TEXT NOT NULL,
        quote_id TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        speaker TEXT NOT NULL DEFAULT '',
        start INTEGER NOT NULL DEFAULT -1,
        "end" INTEGER NOT NULL DEFAULT -1,
        UNIQUE(article_id, quote_id)
    );
    CREATE TABLE reads (
        article_id TEXT PRIMARY KEY,
        read_at TEXT NOT NULL
    );
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    2: """
    ALTER TABLE articles ADD COLUMN enriched INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE articles ADD COLUMN index_key TEXT NOT NULL DEFAULT '';
    CREATE TABLE local_actors (
        article_id TEXT NOT NULL,
        key INTEGER NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        variants TEXT NOT NULL,
        roles TEXT NOT NULL,
        mentions TEXT NOT NULL,
        PRIMARY KEY (article_id, key)
    );
    CREATE TABLE raw_quotes (
        article_id TEXT NOT NULL,
        n INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        cue TEXT NOT NULL,
        speaker_text TEXT NOT NULL,
        speaker_start INTEGER NOT NULL,
        speaker_end INTEGER NOT NULL,
        speaker_key INTEGER,
        PRIMARY KEY (article_id, n)
    );
    CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        aliases TEXT NOT NULL,
        roles TEXT NOT NULL,
        articles TEXT NOT NULL,
        sources TEXT NOT NULL,
        mention_count INTEGER NOT NULL,
        quote_count INTEGER NOT NULL
    );
    CREATE TABLE actor_links (
        article_id TEXT NOT NULL,
        key INTEGER NOT NULL,
        actor_id TEXT NOT NULL,
        PRIMARY KEY (article_id, key)
    );
    CREATE INDEX actor_links_actor ON actor_links(actor_id);
    CREATE TABLE statements (
        id TEXT PRIMARY KEY,
        actor_id TEXT NOT NULL,
        quote_ids TEXT NOT NULL
    );
    CREATE TABLE quote_statements (
        quote_id TEXT PRIMARY KEY,
        statement_id TEXT NOT NULL
    );
    """,
    3: """
    CREATE INDEX articles_unindexed ON articles(id) WHERE indexed = 0;
    """,
    4: """
    ALTER TABLE raw_quotes ADD COLUMN speaker_evidence TEXT NOT NULL DEFAULT '';
    ALTER TABLE raw_quotes ADD COLUMN speaker_via TEXT NOT NULL DEFAULT '';
    ALTER TABLE raw_quotes ADD COLUMN speaker_confidence REAL NOT NULL DEFAULT -1;
    ALTER TABLE raw_quotes ADD COLUMN speaker_kind TEXT NOT NULL DEFAULT '';
    ALTER TABLE statements ADD COLUMN reasons TEXT NOT NULL DEFAULT '{}';
    """,
    5: """
    CREATE TABLE corrected_quotes (
        article_id TEXT NOT NULL,
        n INTEGER NOT NULL,
        text TEXT NOT NULL,
        speaker TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        not_quote INTEGER NOT NULL,
        PRIMARY KEY (article_id, n)
    );
    CREATE INDEX corrected_quotes_actor ON corrected_quotes(actor_id);
    """,
    # A file name is never an outlet: older versions stored it when nothing named one. Such
    # articles (and bookmarks of them) get "" (unknown outlet) and are indexed again; actors
    # drop outlets no article has any more. Data only; the tables stay as they are.
    6: """
    UPDATE bookmarks SET source = '' WHERE source <> '' AND EXISTS (
        SELECT 1 FROM articles a WHERE a.id = bookmarks.article_id AND (a.file_path = bookmarks.source
            OR (substr(a.file_path, -length(bookmarks.source)) = bookmarks.source
                AND substr(a.file_path, -length(bookmarks.source) - 1, 1) IN ('/', '\\'))));
    UPDATE articles SET outlet = '', indexed = 0 WHERE outlet <> '' AND (file_path = outlet
        OR (substr(file_path, -length(outlet)) = outlet AND substr(file_path, -length(outlet) - 1, 1) IN ('/', '\\')));
    UPDATE actors SET sources = (
        SELECT json_group_array(value) FROM json_each(actors.sources)
        WHERE value IN (SELECT outlet FROM articles WHERE outlet <> ''));
    """,
    # Schema 7 was kept for the integrity work, which needed no table change (its flags are meta keys).
    7: "",
    # A file's size and modification time beside its hash: a re-run hashes only files whose size
    # or time changed (-1: not known yet, hash it once).
    8: """
    ALTER TABLE files ADD COLUMN size INTEGER NOT NULL DEFAULT -1;
    ALTER TABLE files ADD COLUMN mtime_ns INTEGER NOT NULL DEFAULT -1;
    """,
    # A quote whose speaker is an office named alone ("the prime minister said"), given the holder
    # the library names (index/actors/offices.py): replaced at every relink, so links are redone.
    9: """
    CREATE TABLE office_speakers (
        article_id TEXT NOT NULL,
        n INTEGER NOT NULL,
        actor_id TEXT NOT NULL,
        via TEXT NOT NULL,
        confidence REAL NOT NULL,
        PRIMARY KEY (article_id, n)
    );
    CREATE INDEX office_speakers_actor ON office_speakers(actor_id);
    INSERT OR REPLACE INTO meta(key, value) SELECT 'links_dirty', '1' WHERE EXISTS (SELECT 1 FROM raw_quotes);
    """,
    # The rule that found each quote's speaker (RawQuote.speaker_how), read back for older analyses
    # (FILL_SPEAKER_HOW); and an office's holder became an actor of the article that names the office
    # alone (its actor list, the actor's articles, the search document's actor field), which the next
    # relink works out where an office was resolved.
    10: "ALTER TABLE raw_quotes ADD COLUMN speaker_how TEXT NOT NULL DEFAULT '';"
    + FILL_SPEAKER_HOW
    + ";INSERT OR REPLACE INTO meta(key, value) SELECT 'links_dirty', '1' "
    "WHERE EXISTS (SELECT 1 FROM office_speakers);",
}

# Model fields whose column has another name (the schema keeps its first names).
_BOOKMARK_COLUMNS = {"outlet": "source"}

ARTICLE_COLUMNS = (
    "id, path, file_path, title, outlet, byline, date, category, url, body, original, "
    "content_hash, encoding, format, added"
)


class FileState(NamedTuple):
    """A file as the last run that read it recorded it."""

    raw_hash: str
    size: int  # bytes; -1 when not recorded
    mtime_ns: int  # modification time in nanoseconds; -1 when not recorded
    articles: int  # articles the library holds from it


_FILE_STATE = (
    "SELECT f.path, f.raw_hash, f.size, f.mtime_ns, "
    "(SELECT COUNT(*) FROM articles a WHERE a.file_path = f.path) FROM files f"
)


class StoreError(Exception):
    """The store cannot be opened or is newer than this program."""


class StoreDamaged(StoreError):
    """The store's file is damaged: its header is not SQLite's, it is shorter than it says, or SQLite
    reported a damaged page while opening it."""


SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100

# Meta keys: the generation counts writes that change what the reader's list shows (articles, their
# marks, the actors linked); `written` says a user's run wrote to the library (the bundled articles
# go only into one that was never written).
GENERATION = "generation"
WRITTEN = "written"


def header_problem(path: Path) -> str:
    """Why the SQLite file at `path` is damaged, read from its header and size alone ("" when it looks whole).

    A file shorter than its header's page count was truncated, unless a write-ahead log still holds
    the missing pages (a checkpoint cut short): then SQLite itself decides, page by page.
    """
    try:
        size = path.stat().st_size
        if size == 0:
            return ""
        with open(path, "rb") as handle:
            header = handle.read(HEADER_SIZE)
    except FileNotFoundError:
        return ""
    except OSError as error:
        return f"it cannot be read: {error.strerror or error}"
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        return "its header is not an SQLite header"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "its header gives an impossible page size"
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the page count is only meant when these agree
    wal = path.with_name(path.name + "-wal")
    wal_pages = wal.exists() and wal.stat().st_size > 0
    if valid and pages and not wal_pages and size < pages * page_size:
        return f"it was cut short: {size} of its {pages * page_size} bytes are left"
    return ""


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A connection to the store; read-only ones never write, not even the -wal and -shm files.

    SQLite's WAL mode needs a writable folder for its -shm file: where the folder is not writable,
    the file is opened `immutable` (no one can be writing it there).
    """
    options: dict = {"timeout": 30, "isolation_level": None, "check_same_thread": False}
    if not read_only:
        return sqlite3.connect(path, **options)
    uri = path.resolve().as_uri()
    attempts = ["mode=ro"] if os.access(path.parent, os.W_OK) else ["mode=ro", "mode=ro&immutable=1"]
    for number, params in enumerate(attempts):
        db = sqlite3.connect(f"{uri}?{params}", uri=True, **options)
        try:
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            db.close()
            if number == len(attempts) - 1:
                raise
            continue
        return db
    raise AssertionError("unreachable")  # pragma: no cover


class StatementRow(NamedTuple):
    """A stored statement: its id, its actor, its reports' quote ids, and why each joined it."""

    id: str
    actor_id: str
    quote_ids: list[str]
    reasons: dict[str, tuple[str, float]]  # quote id -> (reason, score)


class GivenSpeaker(NamedTuple):
    """A quote given to an actor its article may not name: the library's holder of the office the
    article names alone, or the speaker the user corrected it to."""

    article_id: str
    n: int  # the quote's number in the article
    actor_id: str
    office: str  # as the article writes it: "the prime minister"; "" for a correction


def quote_id(article_id: str, n: int) -> str:
    return f"{article_id}:{n}"


def split_quote_id(value: str) -> tuple[str, int]:
    article_id, _, n = value.rpartition(":")
    return article_id, int(n)


class Store:
    """A thin, typed layer over one SQLite file. Every write is one transaction."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        problem = header_problem(path)
        if problem:
            raise StoreDamaged(problem)
        try:
            self.db = _connect(path, read_only=read_only)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the library database {path}: {error}") from error
        self.db.row_factory = sqlite3.Row
        try:
            if read_only:
                self.db.execute("PRAGMA query_only=ON")
                version = self._version()
                if version != SCHEMA_VERSION:
                    newer = version > SCHEMA_VERSION
                    raise StoreError(
                        f"the library at {path.parent} is read-only and was written by "
                        f"{'a newer' if newer else 'an older'} quotedesk (schema {version}, this one reads "
                        f"{SCHEMA_VERSION}); {'upgrade quotedesk' if newer else 'open it once where it is writable'}"
                    )
            else:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.execute("PRAGMA foreign_keys=ON")
                self._migrate()
        except sqlite3.DatabaseError as error:
            self.db.close()
            from index.faults import is_corruption

            if is_corruption(error):
                raise StoreDamaged(str(error)) from error
            raise
        except BaseException:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

    # --- schema ---------------------------------------------------------------------------

    def _version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the library at {self.path.parent} was written by a newer quotedesk "
                f"(schema {version}, this one reads {SCHEMA_VERSION}); upgrade quotedesk"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                for statement in MIGRATIONS[target].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {target}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error (including KeyboardInterrupt).

        A COMMIT that fails (a full disk) is rolled back too, and the error is the one raised: the
        store keeps what it held before the transaction.
        """
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        """Roll back the open transaction, if SQLite has not already (it does after some errors)."""
        if self.db.in_transaction:
            with suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    # --- the store's own health ---------------------------------------------------------------

    def integrity_problems(self, *, quick: bool = False) -> list[str]:
        """What SQLite's integrity check finds wrong with the file ([] when it is whole).

        `quick` runs `quick_check` (no index-against-table comparison: about half the time).
        """
        pragma = "quick_check" if quick else "integrity_check"
        try:
            rows = [row[0] for row in self.db.execute(f"PRAGMA {pragma}(20)")]
        except sqlite3.DatabaseError as error:
            return [str(error)]
        return [] if rows == ["ok"] else rows

    # --- small library-wide flags -------------------------------------------------------

    def get_meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def generation(self) -> int:
        """A number that grows with every write that changes what the reader's list shows; one
        indexed read, cheap enough to ask every few seconds."""
        try:
            return int(self.get_meta(GENERATION, "0"))
        except ValueError:
            return 0

    def bump_generation(self) -> None:
        """Count a write that changes the list (call inside its transaction)."""
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES (?, '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
            (GENERATION,),
        )

    def mark_written(self) -> None:
        """Record that a user's run wrote to the library (once; its own transaction)."""
        if not self.get_meta(WRITTEN):
            with self.transaction():
                self.set_meta(WRITTEN, "1")

    def never_written(self) -> bool:
        """A library no user's run has written to: no mark, no article, no file read."""
        if self.get_meta(WRITTEN) or self.article_count():
            return False
        return self.db.execute("SELECT 1 FROM files LIMIT 1").fetchone() is None

    def links_dirty(self) -> bool:
        """Whether articles were stored since actors and statements were last linked."""
        return self.get_meta("links_dirty") == "1"

    def set_links_dirty(self, dirty: bool) -> None:
        """Set inside each batch's transaction, cleared by relinking: a crash between them shows."""
        self.set_meta("links_dirty", "1" if dirty else "0")

    # --- files (incremental ingest) ---------------------------------------------------------

    def file_hash(self, path: str) -> str | None:
        row = self.db.execute("SELECT raw_hash FROM files WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def file_state(self, path: str) -> FileState | None:
        """What the last run recorded of a file (None for a file never ingested)."""
        row = self.db.execute(f"{_FILE_STATE} WHERE f.path = ?", (path,)).fetchone()
        return FileState(*row[1:]) if row else None

    def file_states(self) -> dict[str, FileState]:
        """`file_state` of every recorded file, in one query (for a run over many files)."""
        return {row[0]: FileState(*row[1:]) for row in self.db.execute(_FILE_STATE)}

    def record_file(self, path: str, raw_hash: str, seen: str, size: int = -1, mtime_ns: int = -1) -> None:
        self.db.execute(
            "INSERT INTO files(path, raw_hash, seen, size, mtime_ns) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(path) DO UPDATE SET raw_hash = excluded.raw_hash, seen = excluded.seen, "
            "size = excluded.size, mtime_ns = excluded.mtime_ns",
            (path, raw_hash, seen, size, mtime_ns),
        )

    def record_file_times(self, files: Sequence[tuple[str, int, int]]) -> None:
        """(path, size, mtime_ns) of recorded files whose contents were found unchanged."""
        self.db.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", [(s, m, p) for p, s, m in files])

    # --- articles --------------------------------------------------------------------------

    def put_article(self, article: Article, file_path: str) -> None:
        """Insert or replace an article; its old enrichment goes with the old version."""
        self.delete_enrichment(article.id)
        self.bump_generation()
        self.db.execute(
            f"INSERT OR REPLACE INTO articles({ARTICLE_COLUMNS}, indexed, enriched, index_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, '')",
            (
                article.id,
                article.path,
                file_path,
                article.title,
                article.outlet,
                article.byline,
                article.date,
                article.category,
                article.url,
                article.body,
                article.original,
                article.content_hash,
                article.encoding,
                article.format,
                article.added,
            ),
        )

    def delete_article(self, article_id: str) -> None:
        self.delete_enrichment(article_id)
        self.bump_generation()
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def article_ids_for_file(self, file_path: str) -> list[str]:
        rows = self.db.execute("SELECT id FROM articles WHERE file_path = ?", (file_path,))
        return [row[0] for row in rows]

    def find_by_content(self, content_hash: str) -> str | None:
        row = self.db.execute("SELECT id FROM articles WHERE content_hash = ? LIMIT 1", (content_hash,)).fetchone()
        return row[0] if row else None

    def has_article(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def article_outlet(self, article_id: str) -> str | None:
        """The stored article's outlet, or None when there is no such article."""
        row = self.db.execute("SELECT outlet FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row is not None else None

    def article_body(self, article_id: str) -> str | None:
        """The stored article's body alone (not its original text), or None when there is no such article."""
        row = self.db.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row is not None else None

    def article(self, article_id: str) -> Article:
        row = self.db.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return _article_from_row(row)

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is None:
            rows = self.db.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY id")
            for row in rows.fetchall():
                yield _article_from_row(row)
            return
        for article_id in ids:
            yield self.article(article_id)

    def summaries(self) -> list[ArticleSummary]:
        rows = self.db.execute("SELECT id, title, outlet, date, path, category FROM articles")
        return [ArticleSummary(*row) for row in rows]

    def article_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def article_ids(self, *, indexed: bool | None = None, enriched: bool | None = None) -> list[str]:
        clauses, params = [], []
        if indexed is not None:
            clauses.append("indexed = ?")
            params.append(int(indexed))
        if enriched is not None:
            clauses.append("enriched = ?")
            params.append(int(enriched))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return [row[0] for row in self.db.execute(f"SELECT id FROM articles {where} ORDER BY id", params)]

    def set_indexed(self, ids: Sequence[str], index_keys: dict[str, str] | None = None) -> None:
        for article_id in ids:
            key = (index_keys or {}).get(article_id)
            if key is None:
                self.db.execute("UPDATE articles SET indexed = 1 WHERE id = ?", (article_id,))
            else:
                self.db.execute("UPDATE articles SET indexed = 1, index_key = ? WHERE id = ?", (key, article_id))

    def has_unindexed(self) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE indexed = 0 LIMIT 1").fetchone() is not None

    def index_keys(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, index_key FROM articles").fetchall())

    def mark_all_unindexed(self) -> None:
        self.db.execute("UPDATE articles SET indexed = 0")

    def mark_unindexed(self, article_ids: Sequence[str]) -> None:
        self.db.executemany("UPDATE articles SET indexed = 0 WHERE id = ?", [(a,) for a in article_ids])

    # --- enrichment (what NLP found per article) -------------------------------------------

    def delete_enrichment(self, article_id: str) -> None:
        self.db.execute("DELETE FROM local_actors WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM raw_quotes WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM actor_links WHERE article_id = ?", (article_id,))
        # An office's holder is given to a quote by its number: a new analysis renumbers the quotes.
        self.db.execute("DELETE FROM office_speakers WHERE article_id = ?", (article_id,))

    def put_enrichment(self, enrichment: Enrichment) -> None:
        article_id = enrichment.article_id
        self.delete_enrichment(article_id)
        self.db.executemany(
            "INSERT INTO local_actors VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    actor.key,
                    actor.name,
                    actor.kind,
                    json.dumps(actor.variants),
                    json.dumps(actor.roles),
                    json.dumps(actor.mentions),
                )
                for actor in enrichment.actors
            ],
        )
        self.db.executemany(
            "INSERT INTO raw_quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    n,
                    quote.text,
                    quote.kind,
                    quote.start,
                    quote.end,
                    quote.paragraph,
                    quote.cue,
                    quote.speaker_text,
                    quote.speaker_start,
                    quote.speaker_end,
                    quote.speaker_key,
                    quote.speaker_evidence,
                    quote.speaker_via,
                    quote.speaker_confidence,
                    quote.speaker_kind,
                    quote.speaker_how,
                )
                for n, quote in enumerate(enrichment.quotes)
            ],
        )
        self.db.execute("UPDATE articles SET enriched = 1 WHERE id = ?", (article_id,))

    def fill_speaker_how(self) -> None:
        """Read back the rule behind each speaker analysed before it was recorded (FILL_SPEAKER_HOW):
        for analyses salvaged from an older library."""
        self.db.execute(FILL_SPEAKER_HOW)

    def enrichments(self) -> Iterator[Enrichment]:
        """Every article's stored actors and quotes, for library-wide linking."""
        by_article: dict[str, Enrichment] = {}
        for row in self.db.execute("SELECT * FROM local_actors ORDER BY article_id, key"):
            entry = by_article.setdefault(row["article_id"], Enrichment(row["article_id"]))
            entry.actors.append(
                LocalActor(
                    key=row["key"],
                    name=row["name"],
                    kind=row["kind"],
                    variants=json.loads(row["variants"]),
                    roles=json.loads(row["roles"]),
                    mentions=[tuple(span) for span in json.loads(row["mentions"])],
                )
            )
        for row in self.db.execute("SELECT * FROM raw_quotes ORDER BY article_id, n"):
            entry = by_article.setdefault(row["article_id"], Enrichment(row["article_id"]))
            entry.quotes.append(_raw_quote_from_row(row))
        yield from by_article.values()

    # --- linked actors, quotes, statements --------------------------------------------------

    def replace_links(
        self,
        actors: Sequence[Actor],
        assignment: dict[tuple[str, int], str],
        statements: Sequence[tuple[str, str, list[str]]],
        reasons: dict[str, dict[str, tuple[str, float]]] | None = None,
        offices: Sequence[tuple[str, int, str, str, float]] = (),
    ) -> None:
        """`reasons`: statement id -> quote id -> (why it joined the statement, score); `offices`: the
        quotes whose office the library resolved (article id, quote number, actor id, via, confidence)."""
        # Swap in a new library-wide linking result (actors, actor links, statements).
        self.bump_generation()
        self.db.execute("DELETE FROM actors")
        self.db.execute("DELETE FROM actor_links")
        self.db.execute("DELETE FROM statements")
        self.db.execute("DELETE FROM quote_statements")
        self.db.execute("DELETE FROM office_speakers")
        self.db.executemany("INSERT INTO office_speakers VALUES (?, ?, ?, ?, ?)", list(offices))
        self.db.executemany(
            "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    actor.id,
                    actor.name,
                    actor.kind,
                    json.dumps(actor.aliases),
                    json.dumps([asdict(role) for role in actor.roles]),
                    json.dumps(actor.articles),
                    json.dumps(actor.outlets),
                    actor.mention_count,
                    actor.quote_count,
                )
                for actor in actors
            ],
        )
        self.db.executemany(
            "INSERT INTO actor_links VALUES (?, ?, ?)",
            [(article_id, key, actor_id) for (article_id, key), actor_id in assignment.items()],
        )
        for statement_id, actor_id, quote_ids in statements:
            why = (reasons or {}).get(statement_id, {})
            self.db.execute(
                "INSERT INTO statements VALUES (?, ?, ?, ?)",
                (statement_id, actor_id, json.dumps(quote_ids), json.dumps(why)),
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO quote_statements VALUES (?, ?)",
                [(quote, statement_id) for quote in quote_ids],
            )

    def actors(self) -> list[Actor]:
        return [_actor_from_row(row) for row in self.db.execute("SELECT * FROM actors ORDER BY name")]

    def actor(self, actor_id: str) -> Actor:
        row = self.db.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
        if row is None:
            raise KeyError(actor_id)
        return _actor_from_row(row)

    def actor_links(self, article_id: str) -> dict[int, str]:
        rows = self.db.execute("SELECT key, actor_id FROM actor_links WHERE article_id = ?", (article_id,))
        return dict(rows.fetchall())

    def local_actors(self, article_id: str) -> list[LocalActor]:
        rows = self.db.execute("SELECT * FROM local_actors WHERE article_id = ? ORDER BY key", (article_id,))
        return [
            LocalActor(
                key=row["key"],
                name=row["name"],
                kind=row["kind"],
                variants=json.loads(row["variants"]),
                roles=json.loads(row["roles"]),
                mentions=[tuple(span) for span in json.loads(row["mentions"])],
            )
            for row in rows
        ]

    def mentions(self, article_id: str) -> list[Mention]:
        links = self.actor_links(article_id)
        body = None
        result: list[Mention] = []
        for actor in self.local_actors(article_id):
            actor_id = links.get(actor.key)
            if actor_id is None:
                continue
            if body is None:
                body = self.article(article_id).body
            for start, end in actor.mentions:
                result.append(Mention(article_id, actor_id, start, end, body[start:end]))
        result.sort(key=lambda mention: mention.start)
        return result

    def quotes(
        self, *, article_id: str | None = None, actor_id: str | None = None, include_not_quotes: bool = False
    ) -> list[Quote]:
        """Quotes as linking left them, the user's corrections applied (`corrected_quotes`, matched on the
        quote's words too, so a quote renumbered before the next relink is never taken for another): a
        corrected speaker is theirs, and a "not a quote" is left out unless `include_not_quotes`."""
        select = (
            "SELECT q.*, COALESCE(o.actor_id, l.actor_id) AS actor_id, a.name AS actor_name, "
            "s.statement_id AS statement_id, o.via AS office_via, o.confidence AS office_confidence, "
            "c.speaker AS corrected_speaker, c.actor_id AS corrected_actor, c.not_quote AS not_quote, "
            "art.date AS article_date, art.title AS article_title "
            "FROM raw_quotes q "
            "LEFT JOIN actor_links l ON l.article_id = q.article_id AND l.key = q.speaker_key "
            "LEFT JOIN office_speakers o ON o.article_id = q.article_id AND o.n = q.n "
            "LEFT JOIN actors a ON a.id = COALESCE(o.actor_id, l.actor_id) "
            "LEFT JOIN quote_statements s ON s.quote_id = q.article_id || ':' || q.n "
            "LEFT JOIN articles art ON art.id = q.article_id "
            "LEFT JOIN corrected_quotes c ON c.article_id = q.article_id AND c.n = q.n AND c.text = q.text "
        )
        clauses, params = [], []
        if article_id is not None:
            clauses.append("q.article_id = ?")
            params.append(article_id)
        if not include_not_quotes:
            clauses.append("COALESCE(c.not_quote, 0) = 0")
        where = "WHERE " + " AND ".join(clauses) + " " if clauses else ""
        if actor_id is not None:
            # The actor's quotes as linked and not corrected away, and those the user gave them.
            join = "AND" if where else "WHERE"
            # Three branches, each on an index (a COALESCE of two columns would scan every quote):
            # linked and not given to an office's holder, given to one, and corrected to the actor.
            sql = (
                f"SELECT * FROM ({select}{where}{join} l.actor_id = ? AND o.article_id IS NULL "
                "AND c.article_id IS NULL "
                f"UNION ALL {select}{where}{join} o.actor_id = ? AND c.article_id IS NULL "
                f"UNION ALL {select}{where}{join} c.actor_id = ?) "
            )
            params = [*params, actor_id, *params, actor_id, *params, actor_id]
        else:
            sql = f"SELECT * FROM ({select}{where}) "
        # By article date (undated last), title, then place in the text: never by id, which hashes a path.
        sql += "ORDER BY article_date = '', article_date, article_title, article_id, start"
        return [_quote_from_row(row) for row in self.db.execute(sql, params)]

    def given_speakers(self, article_id: str | None = None) -> list[GivenSpeaker]:
        """The quotes (of one article, or all) given to an actor the article's own names may not
        link to: the library's holder of an office the text names alone, where the user did not
        correct the quote, and the speaker the user corrected a quote to. Each is an actor of the
        article."""
        where, params = "", tuple[str, ...]()
        if article_id is not None:
            where, params = "AND q.article_id = ? ", (article_id,)
        sql = (
            "SELECT o.article_id, o.n, o.actor_id, COALESCE(NULLIF(q.speaker_via, ''), q.speaker_text) "
            "FROM office_speakers o JOIN raw_quotes q ON q.article_id = o.article_id AND q.n = o.n "
            "LEFT JOIN corrected_quotes c ON c.article_id = o.article_id AND c.n = o.n AND c.text = q.text "
            f"WHERE c.article_id IS NULL {where}"
            "UNION ALL "
            "SELECT c.article_id, c.n, c.actor_id, '' FROM corrected_quotes c "
            "JOIN raw_quotes q ON q.article_id = c.article_id AND q.n = c.n AND q.text = c.text "
            f"WHERE c.not_quote = 0 AND c.actor_id != '' {where}"
            "ORDER BY 1, 2"
        )
        rows = self.db.execute(sql, (*params, *params))
        return [GivenSpeaker(a, n, actor_id, office) for a, n, actor_id, office in rows]

    def replace_corrections(self, rows: Sequence[tuple[str, int, str, str, str, bool]]) -> None:
        """The user's corrections as linking applied them: (article id, quote number, its words, speaker,
        actor id, not a quote). Replaced at every relink, in its transaction."""
        self.db.execute("DELETE FROM corrected_quotes")
        self.db.executemany("INSERT INTO corrected_quotes VALUES (?, ?, ?, ?, ?, ?)", rows)

    def quote(self, value: str) -> Quote:
        article_id, n = split_quote_id(value)
        for quote in self.quotes(article_id=article_id):
            if quote.id == value:
                return quote
        raise KeyError(value)

    def statement_rows(self, actor_id: str | None = None, statement_id: str | None = None) -> list[StatementRow]:
        sql = "SELECT id, actor_id, quote_ids, reasons FROM statements"
        params: tuple[str, ...] = ()
        if statement_id is not None:
            sql, params = sql + " WHERE id = ?", (statement_id,)
        elif actor_id is not None:
            sql, params = sql + " WHERE actor_id = ?", (actor_id,)
        return [
            StatementRow(row[0], row[1], json.loads(row[2]), {k: (v[0], v[1]) for k, v in json.loads(row[3]).items()})
            for row in self.db.execute(sql, params)
        ]

    # --- bookmarks and read state ---------------------------------------------------------

    def add_bookmark(self, bookmark: Bookmark) -> Bookmark:
        existing = self.db.execute(
            "SELECT * FROM bookmarks WHERE article_id = ? AND quote_id = ?",
            (bookmark.article_id, bookmark.quote_id),
        ).fetchone()
        if existing is not None:
            if bookmark.note and bookmark.note != existing["note"]:
                self.db.execute("UPDATE bookmarks SET note = ? WHERE id = ?", (bookmark.note, existing["id"]))
                return self.bookmark(existing["id"])
            return _bookmark_from_row(existing)
        values = {_BOOKMARK_COLUMNS.get(name, name): value for name, value in asdict(bookmark).items() if name != "id"}
        columns = ", ".join(f'"{name}"' for name in values)
        marks = ", ".join("?" for _ in values)
        cursor = self.db.execute(f"INSERT INTO bookmarks({columns}) VALUES ({marks})", list(values.values()))
        assert cursor.lastrowid is not None  # set by every INSERT
        self.bump_generation()
        return self.bookmark(cursor.lastrowid)

    def bookmark(self, bookmark_id: int) -> Bookmark:
        row = self.db.execute("SELECT * FROM bookmarks WHERE id = ?", (bookmark_id,)).fetchone()
        if row is None:
            raise KeyError(bookmark_id)
        return _bookmark_from_row(row)

    def bookmarks(self) -> list[Bookmark]:
        return [_bookmark_from_row(row) for row in self.db.execute("SELECT * FROM bookmarks ORDER BY id")]

    def remove_bookmark(self, bookmark_id: int) -> None:
        if self.db.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,)).rowcount:
            self.bump_generation()

    def mark_read(self, article_id: str, when: str) -> None:
        if self.db.execute("INSERT OR IGNORE INTO reads VALUES (?, ?)", (article_id, when)).rowcount:
            self.bump_generation()

    def read_articles(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT article_id FROM reads")}

    def reads(self) -> list[tuple[str, str]]:
        """Every read mark: (article id, when it was read)."""
        rows = self.db.execute("SELECT article_id, read_at FROM reads ORDER BY article_id")
        return [(row[0], row[1]) for row in rows]


def _article_from_row(row: sqlite3.Row) -> Article:
    body = row["body"]
    return Article(
        id=row["id"],
        path=row["path"],
        title=row["title"],
        paragraphs=body.split(PARAGRAPH_SEPARATOR) if body else [],
        outlet=row["outlet"],
        byline=row["byline"],
        date=row["date"],
        category=row["category"],
        url=row["url"],
        original=row["original"],
        content_hash=row["content_hash"],
        encoding=row["encoding"],
        format=row["format"],
        added=row["added"],
    )


def _raw_quote_from_row(row: sqlite3.Row) -> RawQuote:
    return RawQuote(
        text=row["text"],
        kind=row["kind"],
        start=row["start"],
        end=row["end"],
        paragraph=row["paragraph"],
        cue=row["cue"],
        speaker_text=row["speaker_text"],
        speaker_start=row["speaker_start"],
        speaker_end=row["speaker_end"],
        speaker_key=row["speaker_key"],
        speaker_evidence=row["speaker_evidence"],
        speaker_via=row["speaker_via"],
        speaker_confidence=row["speaker_confidence"],
        speaker_kind=row["speaker_kind"],
        # (a damaged library of an older schema, salvaged by index/repair.py, has no such column)
        speaker_how=row["speaker_how"] if "speaker_how" in row.keys() else "",  # noqa: SIM118 - a Row iterates values
    )


def _quote_from_row(row: sqlite3.Row) -> Quote:
    quote = Quote(
        id=quote_id(row["article_id"], row["n"]),
        article_id=row["article_id"],
        text=row["text"],
        kind=row["kind"],
        start=row["start"],
        end=row["end"],
        paragraph=row["paragraph"],
        cue=row["cue"],
        speaker=row["actor_name"] or row["speaker_text"] or "",
        speaker_id=row["actor_id"] or "",
        statement_id=row["statement_id"] or "",
        speaker_evidence=row["speaker_evidence"],
        speaker_via=row["speaker_via"],
        speaker_confidence=row["speaker_confidence"],
        speaker_kind=row["speaker_kind"],
    )
    if row["office_via"] is not None:  # the library's holder of an office the text names alone
        quote.speaker_evidence, quote.speaker_via = "office", row["office_via"]
        quote.speaker_confidence = row["office_confidence"]
    if row["corrected_speaker"] and not row["not_quote"]:  # the user's correction: theirs, and sure
        quote.speaker, quote.speaker_id = row["corrected_speaker"], row["corrected_actor"]
        quote.speaker_evidence, quote.speaker_via, quote.speaker_confidence = "corrected", "", 1.0
    return quote


def _actor_from_row(row: sqlite3.Row) -> Actor:
    return Actor(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        aliases=json.loads(row["aliases"]),
        roles=[Role(**role) for role in json.loads(row["roles"])],
        articles=json.loads(row["articles"]),
        outlets=json.loads(row["sources"]),
        mention_count=row["mention_count"],
        quote_count=row["quote_count"],
    )


def _bookmark_from_row(row: sqlite3.Row) -> Bookmark:
    fields = {column: name for name, column in _BOOKMARK_COLUMNS.items()}
    return Bookmark(**{fields.get(column, column): row[column] for column in row.keys()})  # noqa: SIM118 - a Row iterates values
