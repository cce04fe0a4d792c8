"""The one facade over a library folder: ingest, search, actors, quotes, bookmarks.

The command line and the reader both go through `Library`; nothing else touches the store or
the index. Reading never imports spaCy; only `add` and `reindex(nlp=True)` do.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import hashlib
import os
import re
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from index import paths
from index.model import (
    Actor,
    Article,
    ArticleActor,
    ArticleSummary,
    Bookmark,
    Enrichment,
    IngestProgress,
    IngestReport,
    Mention,
    Quote,
    Report,
    SearchResult,
    Statement,
)
from index.enrich import chunks, enrich
from index.ordering import SORT_KEYS, sort_articles
from index.search import INDEX_VERSION, IndexDocument, QueryError, SearchIndex
from index.store import Store, StoreError, quote_id

__all__ = ["Library", "LibraryError", "LibraryLocked", "QueryError", "enrich"]

DATABASE = "library.sqlite3"
LOCK_FILE = "writer.lock"
BATCH_SIZE = 32  # articles per transaction: an interrupted run loses at most one batch

ProgressCallback = Callable[[IngestProgress], None]


class LibraryError(Exception):
    """Something a user can fix; str() is one sentence with the way out."""


class LibraryLocked(LibraryError):
    """Another quotedesk process is writing to this library."""


@dataclass
class _FileMarker:
    """A file whose articles are all staged: record its hash, drop its vanished articles."""

    file_path: str
    raw_hash: str
    stale_ids: list[str]


@dataclass
class _ChangedFile:
    """A new or changed file's articles to store, and its marker: committed together or not at all."""

    number: int  # its place among the run's files, for progress
    marker: _FileMarker
    articles: list[Article]


@dataclass
class _Batch:
    """Articles and files waiting to be written together in one transaction."""

    articles: list[tuple[Article, str]] = field(default_factory=list)  # (article, file path)
    files: list[_FileMarker] = field(default_factory=list)
    enrichments: list[Enrichment] = field(default_factory=list)

    def add(self, changed: _ChangedFile, enrichments: Sequence[Enrichment]) -> None:
        self.articles.extend((article, changed.marker.file_path) for article in changed.articles)
        self.files.append(changed.marker)
        self.enrichments.extend(enrichments)

    def __len__(self) -> int:
        return len(self.articles)


class Library:
    def __init__(self, root: Path, store: Store):
        self.root = root
        self.store = store
        self.index = SearchIndex(root)
        self._lock_handle = None
        self._lock_owner: int | None = None

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, root: str | Path | None = None) -> "Library":
        """Open (creating if needed) the library folder. Cheap: no spaCy, no index scan."""
        folder = paths.library_dir(root)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(
                f"Cannot create the library folder {folder} ({error.strerror}); choose another with --library DIR."
            ) from error
        if not os.access(folder, os.W_OK):
            raise LibraryError(f"The library folder {folder} is not writable; choose another with --library DIR.")
        try:
            store = Store(folder / DATABASE)
        except StoreError as error:
            raise LibraryError(f"{str(error)[0].upper()}{str(error)[1:]}.") from error
        return cls(folder, store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @staticmethod
    def seeds_dir() -> Path:
        return paths.seeds_dir()

    def is_empty(self) -> bool:
        return self.store.article_count() == 0

    def count(self) -> int:
        return self.store.article_count()

    # --- writer lock ------------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the library's writer lock; a second writer gets LibraryLocked, not a wait."""
        if self._lock_handle is not None:
            if self._lock_owner == threading.get_ident():  # re-entrant within one thread
                yield
                return
            raise LibraryLocked(
                f"This quotedesk is already adding to the library at {self.root}; wait for it to finish."
            )
        handle = open(self.root / LOCK_FILE, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            handle.close()
            if error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise LibraryLocked(
                    f"Another quotedesk is adding to the library at {self.root}; wait for it to finish and try again."
                ) from error
            raise
        self._lock_handle = handle
        self._lock_owner = threading.get_ident()
        try:
            yield
        finally:
            self._lock_handle = None
            self._lock_owner = None
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

    # --- ingest -------------------------------------------------------------------------------

    def add_seeds(self, progress: ProgressCallback | None = None, *, nlp: bool = True) -> IngestReport:
        return self.add([self.seeds_dir()], progress, nlp=nlp)

    def add(
        self,
        sources: Sequence[str | Path],
        progress: ProgressCallback | None = None,
        *,
        nlp: bool = True,
        jobs: int = 1,
        outlet: str = "",
    ) -> IngestReport:
        """Read, clean, analyse, store and index files and folders. Safe to interrupt.

        `outlet` names the outlet of articles whose text names none (else they keep the one
        they had, or are named by web host or file name); with it, files already in the
        library are read again so that the name reaches them.

        Files are read and cleaned lazily while earlier articles are analysed, and all the run's
        articles go through one analysis stream (`jobs` processes, started once); whole files
        are committed in batches of about BATCH_SIZE articles as their analyses come out.
        """
        from index.sources import iter_files

        report = IngestReport()
        with self.writing():
            self._heal()
            files = list(iter_files(sources))
            staged: dict[str, str] = {}  # content hash -> article id, staged but not yet committed
            changed = self._changed_files(files, report, staged, None if nlp else progress, outlet.strip())
            stream = _analysed(changed, jobs) if nlp else ((item, []) for item in changed)
            batch = _Batch()
            session = self.index.session()
            failed = False  # by an error: links wait for the next run (the store marks them dirty)
            try:
                for item, enrichments in stream:
                    if nlp:
                        # `done` counts files finished: this one is.
                        _notify(progress, IngestProgress(item.number + 1, len(files), item.marker.file_path, "analysing"))
                    batch.add(item, enrichments)
                    if len(batch) >= BATCH_SIZE:
                        self._commit_batch(batch, session, staged)
                        batch = _Batch()
                if batch.articles or batch.files:
                    self._commit_batch(batch, session, staged)
            except KeyboardInterrupt:
                report.interrupted = True
                raise
            except BaseException:
                failed = True
                raise
            finally:
                stream.close()  # stops analysis workers before the index and links are finished
                # Whatever the store holds whole is made searchable, interrupted or not.
                _notify(progress, IngestProgress(len(files), len(files), "", "indexing"))
                indexed = session.commit()
                if indexed:
                    with self.store.transaction():
                        self.store.set_indexed(indexed)
                if report.added or report.updated or self._links_dirty():
                    _notify(progress, IngestProgress(len(files), len(files), "", "linking"))
                    # After a failure, relinking would be slow and could hide the error itself.
                    if not (report.interrupted or failed):
                        self._relink(progress)
            _notify(progress, IngestProgress(len(files), len(files), "", "done"))
        return report

    def _changed_files(
        self,
        files: Sequence[Path],
        report: IngestReport,
        staged: dict[str, str],
        progress: ProgressCallback | None,
        outlet: str = "",
    ) -> Iterator[_ChangedFile]:
        """Read, clean and stage the files that are new or changed since the last run, lazily.

        Unchanged, unreadable and empty files are counted or reported here and yield nothing.
        """
        from index.sources import SkipFile, read_file_report

        for number, path in enumerate(files):
            _notify(progress, IngestProgress(number, len(files), str(path), "reading"))
            file_path = str(path.resolve()) if path.exists() else str(path)
            try:
                raw_hash = _file_hash(path)
            except OSError as error:
                report.skipped.append((str(path), _os_reason(error)))
                continue
            if self.store.file_hash(file_path) == raw_hash and not outlet:
                report.unchanged += max(1, len(self.store.article_ids_for_file(file_path)))
                continue
            try:
                documents, bad_records = read_file_report(path)
            except SkipFile as reason:
                report.skipped.append((str(path), str(reason)))
                continue
            report.skipped.extend(bad_records)
            articles = [self._article_from(document, outlet) for document in documents]
            articles = [article for article in articles if article is not None]
            if not articles and not bad_records:
                report.skipped.append((str(path), "no article text found in it"))
                continue
            yield self._stage_file(number, file_path, raw_hash, articles, staged, report)

    def _stage_file(
        self,
        number: int,
        file_path: str,
        raw_hash: str,
        articles: list[Article],
        staged: dict[str, str],
        report: IngestReport,
    ) -> _ChangedFile:
        """Sort a file's articles into new, updated and duplicate; remember the file's hash."""
        kept_ids = set()
        new_articles = []
        for article in articles:
            duplicate_of = self.store.find_by_content(article.content_hash) or staged.get(article.content_hash)
            if duplicate_of and duplicate_of != article.id:
                report.duplicates.append((article.path, duplicate_of))
                continue
            kept_ids.add(article.id)
            if duplicate_of == article.id and self.store.article_outlet(article.id) == article.outlet:
                report.unchanged += 1  # the file changed (or was read again), but not its article
                continue
            (report.updated if self.store.has_article(article.id) else report.added).append(article.id)
            staged[article.content_hash] = article.id
            new_articles.append(article)
        stale = [old for old in self.store.article_ids_for_file(file_path) if old not in kept_ids]
        return _ChangedFile(number, _FileMarker(file_path, raw_hash, stale), new_articles)

    def _article_from(self, document, outlet: str = "") -> Article | None:
        from index.clean import clean_article

        cleaned = clean_article(document.text, fmt=document.format, meta=document.meta, path=document.path)
        if not cleaned.paragraphs:
            return None
        body = "\n\n".join(cleaned.paragraphs)
        article_id = article_id_for(document.path)
        return Article(
            id=article_id,
            path=document.path,
            title=cleaned.title or Path(document.file_path).stem,
            paragraphs=cleaned.paragraphs,
            outlet=cleaned.outlet
            or outlet
            or self.store.article_outlet(article_id)
            or _fallback_outlet(cleaned.url, document.file_path),
            byline=cleaned.byline,
            date=cleaned.date,
            category=cleaned.category,
            url=cleaned.url,
            original=document.text,
            content_hash=content_hash(cleaned.title, body),
            encoding=document.encoding,
            format=document.format,
            added=_now(),
        )

    def _commit_batch(self, batch: _Batch, session, staged: dict[str, str]) -> None:
        """Store a batch and its analyses in one transaction, and hand it to the run's index writer."""
        articles = [article for article, _ in batch.articles]
        stale_ids = [stale for marker in batch.files for stale in marker.stale_ids]
        with self.store.transaction():
            for article, file_path in batch.articles:
                self.store.put_article(article, file_path)
            for stale in stale_ids:
                self.store.delete_article(stale)
            for marker in batch.files:
                self.store.record_file(marker.file_path, marker.raw_hash, _now())
            for enrichment in batch.enrichments:
                self.store.put_enrichment(enrichment)
            self._set_links_dirty(True)
        for article in articles:  # the store finds them from now on
            staged.pop(article.content_hash, None)
        actors_by_id = self._actors_by_id()
        documents = []
        for article in articles:
            actors, quotes = self._index_fields(article.id, actors_by_id)
            documents.append(self._index_document(article, actors, quotes))
        session.add(documents, delete=stale_ids)

    # --- keeping store and index consistent --------------------------------------------------

    def _links_dirty(self) -> bool:
        return self.store.get_meta("links_dirty") == "1"

    def _set_links_dirty(self, dirty: bool) -> None:
        """Set inside the batch transaction, cleared by relinking: a crash between them shows."""
        self.store.set_meta("links_dirty", "1" if dirty else "0")

    def _heal(self) -> None:
        """Finish what an interrupted run left: index stored articles the index lacks, relink."""
        outdated = self.store.get_meta("index_version") != INDEX_VERSION
        if not self.index.exists() or outdated:
            if self.store.article_count():
                self.rebuild_index()
            else:
                self.index.open()  # an empty index, so a run killed after its first batch leaves one
                with self.store.transaction():
                    self.store.set_meta("index_version", INDEX_VERSION)
        missing = self.store.article_ids(indexed=False)
        if missing:
            self._index_articles(missing)
        if self._links_dirty():
            self._relink(None)

    def _repair_index(self, *, required: bool = True) -> None:
        """The index is derived: build what a killed run left out, now, from the store.

        Skipped while another writer is at work (its own run will index its articles),
        unless there is no usable index at all.
        """
        try:
            with self.writing():
                self._heal()
        except LibraryLocked as error:
            if required:
                raise LibraryError(
                    "The search index is being built by another quotedesk; search again when it finishes."
                ) from error

    def check(self) -> list[str]:
        """Differences between the store and the index, as sentences (empty when they agree)."""
        problems = []
        stored = set(self.store.article_ids())
        indexed = self.index.doc_ids() if self.index.exists() else set()
        if stored - indexed:
            problems.append(f"{len(stored - indexed)} stored articles are missing from the search index.")
        if indexed - stored:
            problems.append(f"{len(indexed - stored)} indexed articles are no longer in the store.")
        if self._links_dirty():
            problems.append("Actors and statements were not relinked after the last ingest.")
        return problems

    def _index_document(self, article: Article, actor_names: str, quotes: str) -> IndexDocument:
        return IndexDocument(
            id=article.id, title=article.title, body=article.body, source=article.outlet, date=article.date,
            category=article.category, path=article.path, actors=actor_names, quotes=quotes,
        )

    def _index_fields(self, article_id: str, actors: dict[str, Actor]) -> tuple[str, str]:
        """The actor and quote fields of an article's index document, from the store.

        `actors` is every linked actor by id, loaded once by the caller: one query per actor
        per article made relinking a large library slow.
        """
        links = self.store.actor_links(article_id)
        names: list[str] = []
        for local in self.store.local_actors(article_id):
            names.append(local.name)
            names.extend(local.variants)
            actor = actors.get(links.get(local.key, ""))
            if actor:
                names.append(actor.name)
                names.extend(actor.aliases)
        quotes = [quote.text for quote in self.store.quotes(article_id=article_id)]
        return " ".join(dict.fromkeys(names)), "\n".join(quotes)

    def _actors_by_id(self) -> dict[str, Actor]:
        return {actor.id: actor for actor in self.store.actors()}

    def _actor_or_none(self, actor_id: str) -> Actor | None:
        try:
            return self.store.actor(actor_id)
        except KeyError:
            return None

    def _index_articles(
        self, ids: Sequence[str], delete: Sequence[str] = (), fields: dict[str, tuple[str, str]] | None = None
    ) -> None:
        """Index stored articles in one commit; `fields` holds actor and quote fields already worked out."""
        fields = fields or {}
        actors_by_id = self._actors_by_id() if len(fields) < len(ids) else {}
        documents, keys = [], {}
        for article in self.store.articles(ids):
            actors, quotes = fields.get(article.id) or self._index_fields(article.id, actors_by_id)
            documents.append(self._index_document(article, actors, quotes))
            keys[article.id] = _key(actors, quotes)
        self.index.update(documents, delete=delete)
        with self.store.transaction():
            self.store.set_indexed(list(ids), keys)

    def rebuild_index(self, progress: ProgressCallback | None = None) -> int:
        """Build the search index afresh from the store, without reading any file."""
        total = self.store.article_count()
        keys: dict[str, str] = {}
        actors_by_id = self._actors_by_id()

        def documents() -> Iterator[IndexDocument]:
            for article in self.store.articles():
                actors, quotes = self._index_fields(article.id, actors_by_id)
                keys[article.id] = _key(actors, quotes)
                yield self._index_document(article, actors, quotes)

        count = self.index.rebuild(
            documents(), progress=lambda n: _notify(progress, IngestProgress(n, total, "", "indexing"))
        )
        with self.store.transaction():
            self.store.set_indexed(list(keys), keys)
            self.store.set_meta("index_version", INDEX_VERSION)
        return count

    def reindex(self, progress: ProgressCallback | None = None, *, nlp: bool = False, jobs: int = 1) -> int:
        """Rebuild the index from the store; with nlp=True re-run actor and quote finding first."""
        with self.writing():
            if nlp:
                ids = self.store.article_ids()
                analyses = enrich(self.store.articles(ids), jobs=jobs)  # one stream for the whole run
                try:
                    done = 0
                    for batch in chunks(analyses, BATCH_SIZE):
                        with self.store.transaction():
                            for enrichment in batch:
                                self.store.put_enrichment(enrichment)
                            self._set_links_dirty(True)
                        done += len(batch)
                        _notify(progress, IngestProgress(done, len(ids), "", "analysing"))
                finally:
                    analyses.close()
            self._relink(progress, refresh_index=False)
            return self.rebuild_index(progress)

    def relink(self, progress: ProgressCallback | None = None) -> None:
        """Re-resolve actors and statements from stored analyses (after editing aliases)."""
        with self.writing():
            self._relink(progress)

    def _relink(self, progress: ProgressCallback | None, *, refresh_index: bool = True) -> None:
        from index.aliases import load_aliases
        from index.actors import ActorEntry, resolve_actors
        from index.statements import QuoteMeta, link_statements

        summaries = {summary.id: summary for summary in self.store.summaries()}
        entries, raw_quotes = [], []
        # Content order, not id order: ids hash file paths, and an actor's sources, roles and
        # quotes must come out the same wherever the library's files live.
        ordered = sorted(
            self.store.enrichments(),
            key=lambda e: _content_order(summaries[e.article_id]) if e.article_id in summaries else (True,),
        )
        for enrichment in ordered:
            summary = summaries.get(enrichment.article_id)
            if summary is None:
                continue
            entries.extend(ActorEntry(enrichment.article_id, summary.outlet, local) for local in enrichment.actors)
            raw_quotes.extend((enrichment.article_id, n, quote) for n, quote in enumerate(enrichment.quotes))
        try:
            aliases = load_aliases(paths.aliases_file())
        except Exception as error:  # AliasError: a bad alias file must not stop ingest
            raise LibraryError(str(error)) from error
        resolution = resolve_actors(entries, aliases)
        names = {actor.id: actor.name for actor in resolution.actors}
        quotes = []
        for article_id, n, raw in raw_quotes:
            speaker_id = resolution.assignment.get((article_id, raw.speaker_key), "") if raw.speaker_key is not None else ""
            quotes.append(
                Quote(
                    id=quote_id(article_id, n), article_id=article_id, text=raw.text, kind=raw.kind,
                    start=raw.start, end=raw.end, paragraph=raw.paragraph, cue=raw.cue,
                    speaker=names.get(speaker_id, raw.speaker_text), speaker_id=speaker_id,
                )
            )
        counts: dict[str, int] = {}
        for quote in quotes:
            if quote.speaker_id:
                counts[quote.speaker_id] = counts.get(quote.speaker_id, 0) + 1
        for actor in resolution.actors:
            actor.quote_count = counts.get(actor.id, 0)
        meta = {s.id: QuoteMeta(source=s.outlet, date=s.date, title=s.title) for s in summaries.values()}
        statements = link_statements(quotes, meta)
        rows = [(s.id, s.actor_id, [report.quote.id for report in s.reports]) for s in statements]
        with self.store.transaction():
            self.store.replace_links(resolution.actors, resolution.assignment, rows)
            self._set_links_dirty(False)
        if refresh_index and self.index.exists():
            stored_keys = self.store.index_keys()
            actors_by_id = self._actors_by_id()
            changed: dict[str, tuple[str, str]] = {}
            for article_id in summaries:
                actors, quote_text = self._index_fields(article_id, actors_by_id)
                if stored_keys.get(article_id) != _key(actors, quote_text):
                    changed[article_id] = (actors, quote_text)
            if changed:
                _notify(progress, IngestProgress(0, len(changed), "", "indexing"))
                self._index_articles(list(changed), fields=changed)

    # --- reading --------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article:
        return self.store.article(article_id)

    def find_article(self, prefix: str) -> Article:
        """An article by id or unique id prefix (as the command line shows them)."""
        if self.store.has_article(prefix):
            return self.store.article(prefix)
        matches = [i for i in self.store.article_ids() if i.startswith(prefix)]
        if len(matches) == 1:
            return self.store.article(matches[0])
        if not matches:
            raise LibraryError(f"No article has the id “{prefix}”; `quotedesk articles` lists them.")
        raise LibraryError(f"“{prefix}” starts {len(matches)} article ids; type more of it.")

    def article_summaries(self, sort: str = "date") -> list[ArticleSummary]:
        try:
            return sort_articles(self.store.summaries(), sort)
        except ValueError as error:
            raise LibraryError(f"Unknown sort “{sort}”: use one of {', '.join(SORT_KEYS)}.") from error

    def search(self, query: str, *, limit: int | None = 50, sort: str = "score", snippets: bool = True) -> SearchResult:
        if not self.index.exists() or self.store.get_meta("index_version") != INDEX_VERSION:
            if not self.store.article_count():
                return SearchResult(hits=[], total=0, query=query)
            self._repair_index()
        elif self.store.has_unindexed():
            self._repair_index(required=False)  # a killed run's articles; skipped while one is writing
        body_of = (lambda article_id: self.store.article(article_id).body) if snippets else None
        hits, total, suggestion = self.index.search(query, limit=limit, sort=sort, body_of=body_of)
        return SearchResult(hits=hits, total=total, query=query, suggestion=suggestion, terms=self.index.terms(query))

    def highlight_spans(self, text: str, query: str) -> list[tuple[int, int]]:
        return self.index.highlight_spans(text, query)

    # --- actors, quotes, statements ---------------------------------------------------------------

    def actors(self) -> list[Actor]:
        return self.store.actors()

    def actor(self, actor_id: str) -> Actor:
        return self.store.actor(actor_id)

    def find_actor(self, name: str) -> Actor:
        """An actor by id, name or alias (case-insensitive); LibraryError when none or several."""
        wanted = name.casefold().strip()
        actors = self.store.actors()
        for actor in actors:
            if actor.id == wanted or actor.name.casefold() == wanted:
                return actor
        matches = [a for a in actors if wanted in (alias.casefold() for alias in a.aliases)]
        if not matches:
            matches = [a for a in actors if wanted in a.name.casefold()]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise LibraryError(f"No actor is called “{name}”; `quotedesk actors` lists them.")
        names = ", ".join(a.name for a in matches[:5])
        raise LibraryError(f"“{name}” could be {names}; give the full name.")

    def actor_articles(self, actor_id: str) -> list[str]:
        return self.store.actor(actor_id).articles

    def article_actors(self, article_id: str) -> list[ArticleActor]:
        links = self.store.actor_links(article_id)
        merged: dict[str, ArticleActor] = {}
        for local in self.store.local_actors(article_id):
            actor_id = links.get(local.key)
            if actor_id is None:
                continue
            entry = merged.get(actor_id)
            if entry is None:
                actor = self._actor_or_none(actor_id)
                if actor is None:
                    continue
                entry = merged[actor_id] = ArticleActor(actor=actor, mentions=0, roles=[])
            entry.mentions += len(local.mentions)
            entry.roles.extend(role for role in local.roles if role not in entry.roles)
        # People first (who said what), then organisations, groups and places; busiest first.
        kind_order = {"person": 0, "org": 1, "group": 2, "place": 3}
        return sorted(
            merged.values(), key=lambda e: (kind_order.get(e.actor.kind, 4), -e.mentions, e.actor.name)
        )

    def mentions(self, article_id: str) -> list[Mention]:
        return self.store.mentions(article_id)

    def quotes(self, *, article_id: str | None = None, actor_id: str | None = None) -> list[Quote]:
        return self.store.quotes(article_id=article_id, actor_id=actor_id)

    def quote(self, value: str) -> Quote:
        return self.store.quote(value)

    def statements(self, *, actor_id: str | None = None) -> list[Statement]:
        return [self._statement(row) for row in self.store.statement_rows(actor_id)]

    def statement(self, statement_id: str) -> Statement:
        rows = self.store.statement_rows(statement_id=statement_id)
        if not rows:
            raise KeyError(statement_id)
        return self._statement(rows[0])

    def _statement(self, row: tuple[str, str, list[str]]) -> Statement:
        from index.statements import word_diff

        statement_id, actor_id, quote_ids = row
        reports = []
        for value in quote_ids:
            try:
                quote = self.store.quote(value)
                article = self.store.article(quote.article_id)
            except KeyError:
                continue
            reports.append(Report(quote=quote, source=article.outlet, date=article.date, title=article.title))
        reports.sort(key=lambda r: (r.date == "", r.date, r.source.casefold()))
        if reports:
            first = reports[0].quote.text
            for report in reports:
                report.diff = word_diff(first, report.quote.text)
        actor = self._actor_or_none(actor_id)
        return Statement(
            id=statement_id, actor_id=actor_id, speaker=actor.name if actor else "",
            text=reports[0].quote.text if reports else "", reports=reports,
        )

    # --- bookmarks and read marks -------------------------------------------------------------------

    def bookmarks(self) -> list[Bookmark]:
        return self.store.bookmarks()

    def add_bookmark(self, article_id: str, quote_id: str = "", note: str = "") -> Bookmark:
        article = self.store.article(article_id)
        text, speaker, start, end = "", "", -1, -1
        if quote_id:
            quote = self.store.quote(quote_id)
            text, speaker, start, end = quote.text, quote.speaker, quote.start, quote.end
        bookmark = Bookmark(
            id=0, kind="quote" if quote_id else "article", article_id=article_id, quote_id=quote_id, note=note,
            created=_now(), title=article.title, source=article.outlet, date=article.date, text=text,
            speaker=speaker, start=start, end=end,
        )
        with self.store.transaction():
            return self.store.add_bookmark(bookmark)

    def remove_bookmark(self, bookmark_id: int) -> None:
        with self.store.transaction():
            self.store.remove_bookmark(bookmark_id)

    def bookmarked_ids(self) -> tuple[set[str], set[str]]:
        """(ids of bookmarked articles, ids of bookmarked quotes), from one read of the bookmarks."""
        articles: set[str] = set()
        quotes: set[str] = set()
        for bookmark in self.store.bookmarks():
            if bookmark.kind == "quote":
                quotes.add(bookmark.quote_id)
            else:
                articles.add(bookmark.article_id)
        return articles, quotes

    def mark_read(self, article_id: str) -> None:
        self.store.mark_read(article_id, _now())

    def read_articles(self) -> set[str]:
        return self.store.read_articles()


def _analysed(changed: Iterator[_ChangedFile], jobs: int) -> Iterator[tuple[_ChangedFile, list[Enrichment]]]:
    """Each changed file with its articles' analyses, in order, from one analysis stream.

    Files are pulled from `changed` only as the stream needs more articles, so reading and
    cleaning run ahead of analysis by no more than the stream's own look-ahead.
    """
    waiting: deque[_ChangedFile] = deque()  # pulled into the stream, analyses not all out yet

    def articles() -> Iterator[Article]:
        for item in changed:
            waiting.append(item)
            yield from item.articles

    analyses = enrich(articles(), jobs=jobs)
    collected: list[Enrichment] = []
    try:
        for enrichment in analyses:
            while not waiting[0].articles:  # files whose articles were all duplicates or unchanged
                yield waiting.popleft(), []
            collected.append(enrichment)
            if len(collected) == len(waiting[0].articles):
                yield waiting.popleft(), collected
                collected = []
        while waiting:  # files after the last article
            yield waiting.popleft(), []
    finally:
        analyses.close()


def _content_order(summary: ArticleSummary) -> tuple[str, ...]:
    """Dated articles oldest first, then undated; ties by title and outlet."""
    return (summary.date == "", summary.date, summary.title.casefold(), summary.outlet.casefold(), summary.path)


def article_id_for(source_key: str) -> str:
    """Stable id from where the article came from: edits keep the id (and its bookmarks)."""
    return hashlib.sha1(source_key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def content_hash(title: str, body: str) -> str:
    """Equal for exact duplicates: the same headline and text, paragraph for paragraph.

    Case and paragraph breaks count (BBC has stories differing only in those); spacing
    inside a line does not.
    """
    normalised = "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in f"{title}\n{body}".splitlines())
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder"
    return f"cannot be read ({error.strerror or error})"


def _fallback_outlet(url: str, file_path: str) -> str:
    """With no outlet in the text, name the source by its web host, else by its file name.

    A source needs a name even when unknown: actors list where they were quoted and
    statements which source carried them first. The file name (extension kept) says
    honestly that it is a file, not an outlet.
    """
    host = re.match(r"^[a-z]+://(?:www\.)?([^/:]+)", url or "")
    if host:
        return host.group(1)
    return Path(file_path).name


def _key(actors: str, quotes: str) -> str:
    return hashlib.sha1(f"{actors}\x00{quotes}".encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _notify(progress: ProgressCallback | None, event: IngestProgress) -> None:
    if progress is not None:
        progress(event)
