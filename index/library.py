"""The one facade over a library folder: ingest, search, actors, quotes, statements, bookmarks.

The command line and the reader both go through `Library`; nothing else touches the store or
the search index. Each method hands its work to the module that does that job (ingest,
indexing, linking, reading, bookmarks); the facade holds the store, the search index and the
writer lock they share. Reading never imports spaCy; only `add` and `reindex(nlp=True)` do.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType

from index import (
    aliases,
    backup,
    bookmarks,
    corrections,
    export,
    following,
    indexing,
    ingest,
    linking,
    paths,
    reading,
)
from index.corrections import Correction, CorrectionError, CorrectionStatus
from index.enrich import enrich
from index.errors import LibraryError, LibraryLocked
from index.export import ExportSpec
from index.faults import (
    DiskFull,
    LibraryDamaged,
    LibraryReadOnly,
    SearchIndexDamaged,
    damaged_message,
    guard_faults,
    read_only_message,
    translate,
)
from index.indexing import CheckReport
from index.ingest import BATCH_SIZE
from index.locking import WriterLock
from index.model import (
    Actor,
    Article,
    ArticleActor,
    ArticleDetail,
    ArticleSummary,
    Bookmark,
    IngestReport,
    Mention,
    Quote,
    SearchHit,
    SearchResult,
    Statement,
    now_timestamp,
)
from index.ordering import SORT_KEYS, sort_articles
from index.progress import ProgressCallback
from index.repair import RepairReport
from index.search import QueryError, SearchIndex, make_snippet
from index.store import Store, StoreDamaged, StoreError

__all__ = [
    "BATCH_SIZE",
    "DATABASE",
    "DiskFull",
    "Library",
    "LibraryDamaged",
    "LibraryError",
    "LibraryLocked",
    "LibraryReadOnly",
    "QueryError",
    "RepairReport",
    "SearchIndexDamaged",
    "enrich",
]

DATABASE = "library.sqlite3"


@guard_faults
class Library:
    """One library folder: its SQLite store (the record), its Whoosh index (derived) and its writer lock.

    A library in a folder (or with a database file) that cannot be written is opened read-only:
    everything reads, and each write raises LibraryReadOnly. Machine faults (a damaged store, a full
    disk) come out of every method as one-sentence LibraryErrors (index/faults.py).
    """

    def __init__(self, root: Path, store: Store, *, read_only: bool = False) -> None:
        self.root = root
        self.store = store
        self.read_only = read_only
        self.search_index = SearchIndex(root)
        self.lock = WriterLock(root, read_only=read_only)
        self.notices: list[str] = []  # sentences for the user about what was done on the side (backups)

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, root: str | Path | None = None, *, read_only: bool | None = None) -> Library:
        """Open (creating if needed) the library folder. Cheap: no spaCy, no index scan.

        `read_only` None opens read-only exactly when the folder or its database cannot be written.
        """
        folder = paths.library_dir(root)
        database = folder / DATABASE
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(
                f"Cannot create the library folder {folder} ({error.strerror}); choose another with --library DIR."
            ) from error
        writable = os.access(folder, os.W_OK) and (not database.exists() or os.access(database, os.W_OK))
        if read_only is None:
            read_only = not writable
        if read_only and not database.exists():
            raise LibraryError(
                f"The library folder {folder} is not writable and holds no library yet; "
                "choose another with --library DIR."
            )
        if not read_only and not writable:
            raise LibraryReadOnly(read_only_message(folder))
        if database.exists() and database.stat().st_size == 0 and backup.backups(folder):
            raise LibraryDamaged(damaged_message(folder, "it is empty, though the library has a backup"))
        try:
            store = Store(database, read_only=read_only)
        except StoreDamaged as error:
            raise LibraryDamaged(damaged_message(folder, str(error))) from error
        except StoreError as error:
            raise LibraryError(f"{str(error)[0].upper()}{str(error)[1:]}.") from error
        except (OSError, sqlite3.Error) as error:
            raise translate(error, folder) or error from error
        return cls(folder, store, read_only=read_only)

    @staticmethod
    def repair(
        root: str | Path | None = None, progress: ProgressCallback | None = None, *, nlp: bool = True, jobs: int = 1
    ) -> RepairReport:
        """Repair a damaged library without opening it: restore its newest good backup, salvage what
        the damaged file still holds (bookmarks, read marks, articles), read its files again."""
        from index import repair

        folder = paths.library_dir(root)
        if not (folder / DATABASE).exists():
            raise LibraryError(f"There is no library at {folder} to repair; `quotedesk index PATH` makes one.")
        if not os.access(folder, os.W_OK):
            raise LibraryReadOnly(read_only_message(folder, "repairing"))
        try:
            return repair.repair(folder, progress, nlp=nlp, jobs=jobs)
        except (OSError, sqlite3.Error) as error:
            raise translate(error, folder) or error from error

    def require_writable(self, doing: str = "writing") -> None:
        """LibraryReadOnly when the library was opened read-only."""
        if self.read_only:
            raise LibraryReadOnly(read_only_message(self.root, doing))

    def generation(self) -> int:
        """A number that changes whenever another run changes what the reader's list shows (cheap)."""
        return self.store.generation()

    def never_written(self) -> bool:
        """True for a library no user's run wrote to: only such a library gets the bundled articles."""
        return self.store.never_written()

    def close(self) -> None:
        self.search_index.close()
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @staticmethod
    def seeds_dir() -> Path:
        return paths.seeds_dir()

    def is_empty(self) -> bool:
        return self.store.article_count() == 0

    def count(self) -> int:
        return self.store.article_count()

    def writing(self) -> AbstractContextManager[None]:
        """Hold the writer lock (`with library.writing():`); a second writer gets LibraryLocked, not a wait."""
        return self.lock.hold()

    # --- ingest and upkeep ----------------------------------------------------------------------

    def add_seeds(self, progress: ProgressCallback | None = None, *, nlp: bool = True) -> IngestReport:
        """Add the bundled articles (they go only into a library no user's run has written to)."""
        return self._add([self.seeds_dir()], progress, ingest.IngestOptions(nlp=nlp), user=False)

    def add(
        self,
        sources: Sequence[str | Path],
        progress: ProgressCallback | None = None,
        *,
        nlp: bool = True,
        jobs: int = 1,
        outlet: str = "",
        ray: str | None = None,
    ) -> IngestReport:
        """Read, clean, analyse, store and index files and folders. Safe to interrupt.

        `outlet` names the outlet of articles whose text names none (else they keep the one
        they had, or are named by web host or file name); with it, files already in the
        library are read again so that the name reaches them. `jobs` processes analyse, or
        with `ray` the Ray cluster at that address ("" for a local one; see index/cluster.py).
        """
        options = ingest.IngestOptions(nlp=nlp, jobs=jobs, outlet=outlet, ray=ray)
        return self._add(sources, progress, options, user=True)

    def _add(
        self,
        sources: Sequence[str | Path],
        progress: ProgressCallback | None,
        options: ingest.IngestOptions,
        *,
        user: bool,
    ) -> IngestReport:
        self.require_writable("adding files")
        with self.lock.hold():
            self._refuse_damaged_store()
            if user:
                self.store.mark_written()  # before anything else: a failed first run gets no bundled articles
            report = ingest.add(self.store, self.search_index, self.lock, sources, progress, options)
            if report.added or report.updated:
                self._back_up()
        return report

    def load_archives(
        self, archives: Sequence[Path], progress: ProgressCallback | None = None, *, outlet: str = ""
    ) -> IngestReport:
        """Add the analysed articles of Parquet files made by `quotedesk analyse`, without analysing
        them again, then link. Every file is read through and checked first: a damaged one, or one of
        another format version, is refused (parquet.ArchiveError) with the library untouched. Safe to
        interrupt; loading a file again adds nothing it added before. `outlet` as for `add`."""
        from index import parquet

        self.require_writable("loading a Parquet file")
        with self.lock.hold():
            self._refuse_damaged_store()
            opened = parquet.open_archives(archives, progress)
            try:
                self.store.mark_written()
                options = ingest.IngestOptions(outlet=outlet)
                report = ingest.load(self.store, self.search_index, self.lock, opened, progress, options)
            finally:
                for archive in opened:
                    archive.close()
            if report.added or report.updated:
                self._back_up()
        return report

    def reindex(
        self, progress: ProgressCallback | None = None, *, nlp: bool = False, jobs: int = 1, ray: str | None = None
    ) -> int:
        """Rebuild the index from the store; with nlp=True re-run actor and quote finding first
        (in `jobs` processes, or on the Ray cluster at `ray`)."""
        self.require_writable("rebuilding the search index")
        with self.lock.hold():
            self._refuse_damaged_store()
            if nlp:
                ingest.reanalyse(self.store, progress, jobs=jobs, ray=ray)
            linking.relink(self.store, self.search_index, progress, refresh_index=False)
            count = indexing.rebuild_index(self.store, self.search_index, progress)
            if nlp:
                self._back_up()
            return count

    def rebuild_index(self, progress: ProgressCallback | None = None) -> int:
        """Build the search index afresh from the store, without reading any file."""
        self.require_writable("rebuilding the search index")
        with self.lock.hold():
            return indexing.rebuild_index(self.store, self.search_index, progress)

    def relink(self, progress: ProgressCallback | None = None) -> None:
        """Re-resolve actors and statements from stored analyses (after editing aliases)."""
        self.require_writable("relinking")
        with self.lock.hold():
            linking.relink(self.store, self.search_index, progress)

    def check(self) -> list[str]:
        """What `check_report` finds, as sentences (empty when the store is whole and agrees with its index)."""
        report = self.check_report()
        return [*report.problems, *report.pending]

    def check_report(self) -> CheckReport:
        """SQLite's integrity check of the store, then the store against the search index: problems
        (`quotedesk repair` or `reindex` fixes them) apart from what an interrupted run left for the
        next one to finish."""
        return indexing.check(self.store, self.search_index)

    def verify(self) -> None:
        """LibraryDamaged when SQLite's quick_check finds the store damaged (some 25 ms for the 25 MB of
        the BBC library): reading commands say so before they show a part of a damaged library."""
        self._refuse_damaged_store()

    def _refuse_damaged_store(self) -> None:
        """Writing to a damaged file makes it worse: check it first (SQLite's quick_check, some 30 ms
        for the 25 MB of the BBC library)."""
        problems = self.store.integrity_problems(quick=True)
        if problems:
            raise LibraryDamaged(damaged_message(self.root, problems[0]))

    def _back_up(self) -> None:
        """Refresh the store's backup after a run that changed it, at most every backup.BACKUP_EVERY seconds."""
        if not backup.backup_due(self.root):
            return
        try:
            backup.make_backup(self.store, self.root)
        except backup.BackupRefused as error:
            raise LibraryDamaged(damaged_message(self.root, str(error))) from error
        except (OSError, sqlite3.Error) as error:
            fault = translate(error, self.root)
            self.notices.append(f"The backup was not refreshed: {fault or error}")

    def _save_marks(self) -> None:
        """Keep the bookmarks and read marks beside the backups too (they are the user's own work)."""
        try:
            backup.save_marks(self.store, self.root)
        except OSError as error:
            fault = translate(error, self.root)
            self.notices.append(
                f"The copy of the bookmarks in {backup.backup_dir(self.root)} was not updated: {fault or error}"
            )

    # --- articles and search ----------------------------------------------------------------------

    def article(self, article_id: str) -> Article:
        return self.store.article(article_id)

    def find_article(self, prefix: str) -> Article:
        """An article by id or unique id prefix (as the command line shows them)."""
        return reading.find_article(self.store, prefix)

    def article_detail(self, article_id: str, stop: Callable[[], bool] | None = None) -> ArticleDetail | None:
        """An article with its actors, mentions, quotes and their statements (None when `stop` said stop)."""
        return reading.article_detail(self.store, article_id, stop)

    def article_summaries(self, sort: str = "date") -> list[ArticleSummary]:
        try:
            return sort_articles(self.store.summaries(), sort)
        except ValueError as error:
            raise LibraryError(f"Unknown sort “{sort}”: use one of {', '.join(SORT_KEYS)}.") from error

    def search(
        self, query: str, *, limit: int | None = 50, sort: str = "score", snippets: bool = True, scores: bool = True
    ) -> SearchResult:
        """Articles matching `query` (the query language is in search.py, with the filters `is:unread`,
        `is:read` and `tag:NAME` of following.py); the index is repaired first if needed.

        Sorted by date, outlet or title, hits carry their relevance scores only with `scores`."""
        words, filters = following.split_filters(query)
        if filters.active:
            return self._filtered_search(query, words, filters, limit=limit, sort=sort, snippets=snippets)
        return self._search(query, limit=limit, sort=sort, snippets=snippets, scores=scores)

    def _filtered_search(
        self, query: str, words: str, filters: following.Filters, *, limit: int | None, sort: str, snippets: bool
    ) -> SearchResult:
        if words:
            result = self._search(words, limit=None, sort=sort, snippets=False)
            hits, suggestion, terms = result.hits, result.suggestion, result.terms
        else:
            summaries = self.article_summaries(sort="date")
            hits = [SearchHit(s.id, s.title, s.outlet, s.date, s.path, 0.0, "") for s in summaries]
            suggestion, terms = "", []
        if filters.read is not None:
            read = self.store.read_articles()
            hits = [hit for hit in hits if (hit.article_id in read) == filters.read]
        for tag in filters.tags:
            tagged = following.tagged_articles(self.store, tag)
            hits = [hit for hit in hits if hit.article_id in tagged]
        total = len(hits)
        hits = hits if limit is None else hits[:limit]
        if snippets:
            for hit in hits:
                body = self.store.article(hit.article_id).body
                spans = self.search_index.highlight_spans(body, words) if words else []
                hit.snippet, hit.snippet_spans = make_snippet(body, spans)
        return SearchResult(hits=hits, total=total, query=query, suggestion=suggestion if not hits else "", terms=terms)

    def _search(self, query: str, *, limit: int | None, sort: str, snippets: bool, scores: bool = True) -> SearchResult:
        if not indexing.prepare_for_search(
            self.store, self.search_index, self.lock, self._relink_quietly, read_only=self.read_only
        ):
            return SearchResult(hits=[], total=0, query=query)
        body_of = (lambda article_id: self.store.article(article_id).body) if snippets else None
        hits, total, suggestion = indexing.search(
            self.store,
            self.search_index,
            self.lock,
            query,
            notices=self.notices,
            read_only=self.read_only,
            limit=limit,
            sort=sort,
            body_of=body_of,
            scores=scores,
        )
        terms = self.search_index.terms(query)
        return SearchResult(hits=hits, total=total, query=query, suggestion=suggestion, terms=terms)

    def highlight_spans(self, text: str, query: str) -> list[tuple[int, int]]:
        words, _filters = following.split_filters(query)
        return self.search_index.highlight_spans(text, words) if words else []

    def _relink_quietly(self) -> None:
        linking.relink(self.store, self.search_index, None)

    # --- actors, quotes, statements ---------------------------------------------------------------

    def actors(self) -> list[Actor]:
        return self.store.actors()

    def actor(self, actor_id: str) -> Actor:
        return self.store.actor(actor_id)

    def find_actor(self, name: str) -> Actor:
        """An actor by id, name, alias, surname or first name (case-insensitive); LibraryError when
        none, or several and none stands out."""
        return reading.find_actor(self.store, name)

    def match_actor(self, name: str) -> reading.ActorMatch:
        """As find_actor, with the other actors the name could mean."""
        return reading.match_actor(self.store, name)

    def actor_articles(self, actor_id: str) -> list[str]:
        return self.store.actor(actor_id).articles

    def article_actors(self, article_id: str) -> list[ArticleActor]:
        """The actors an article mentions: people first, then organisations, groups and places; busiest first."""
        return reading.article_actors(self.store, article_id)

    def mentions(self, article_id: str) -> list[Mention]:
        return self.store.mentions(article_id)

    def quotes(self, *, article_id: str | None = None, actor_id: str | None = None) -> list[Quote]:
        return self.store.quotes(article_id=article_id, actor_id=actor_id)

    def quote(self, value: str) -> Quote:
        return self.store.quote(value)

    def statements(self, *, actor_id: str | None = None) -> list[Statement]:
        return linking.statements(self.store, actor_id)

    def statement(self, statement_id: str) -> Statement:
        return linking.statement(self.store, statement_id)

    def actor_statements(self, actor_id: str) -> list[Statement]:
        """An actor's statements, and as one-report statements the quotes only one article carried."""
        return reading.actor_statements(self.store, actor_id)

    def edit_aliases(self, edit: aliases.AliasEdit, names: list[str]) -> Path:
        """Record an alias edit in the user's alias file and relink the library; returns the file.

        The writer lock comes first: while another quotedesk writes (or on a read-only library),
        the alias file is left as it was.
        """
        path = paths.aliases_file()
        self.require_writable("editing aliases")
        with self.lock.hold():
            aliases.edit_aliases(path, edit, names)
            linking.relink(self.store, self.search_index, None)
        return path

    # --- corrections --------------------------------------------------------------------------------

    def find_quote(self, value: str) -> Quote:
        """A quote by id ("ARTICLE:NUMBER", the article id may be a unique prefix), a "not a quote" too."""
        prefix, _, number = value.strip().rpartition(":")
        if not prefix or not number.isdigit():
            raise LibraryError(
                f"“{value}” is not a quote id: write ARTICLE:NUMBER, as `quotedesk quotes` shows them (e45b4331:3)."
            )
        article = self.find_article(prefix)
        wanted = f"{article.id}:{int(number)}"
        for quote in self.store.quotes(article_id=article.id, include_not_quotes=True):
            if quote.id == wanted:
                return quote
        raise LibraryError(
            f"The article {article.id[:8]} has no quote {int(number)}; `quotedesk quotes --article {article.id[:8]}` "
            "lists its quotes."
        )

    def correct_quote(self, quote_id: str, *, speaker: str = "", not_a_quote: bool = False) -> Correction:
        """Set a quote's speaker (a library actor's name or alias, or a new name) or mark it not a quote,
        in the user's corrections file, and relink so that quotes and statements follow."""
        if bool(speaker.strip()) == not_a_quote:
            raise LibraryError("Give either a speaker's name or “not a quote”.")
        quote = self.find_quote(quote_id)
        correction = Correction(quote.article_id, quote.text, speaker.strip(), not_a_quote, quote.start)
        self.require_writable("correcting a quote")
        with self.lock.hold():  # the writer lock first: while another quotedesk writes, nothing changes
            self._edit_corrections(lambda path: corrections.save_correction(path, correction, quote))
        return correction

    def clear_correction(self, target: str) -> list[Correction]:
        """Remove the correction of a quote (by quote id) or a correction by its key (as `corrections`
        lists it), and relink; returns what was removed."""
        path = paths.corrections_file()
        before = self._load_corrections()
        by_key = [c for c in before if c.key == target.strip()]
        quote: Quote | None = None
        if by_key:
            article_id, text = by_key[0].article_id, by_key[0].text
        else:
            quote = self.find_quote(target)
            article_id, text = quote.article_id, quote.text
        if not any(corrections.corrects_quote(c, article_id, text, quote) for c in before):
            raise LibraryError(f"That quote has no correction in {path}; `quotedesk quotes corrections` lists them.")
        self.require_writable("removing a correction")
        with self.lock.hold():
            after = self._edit_corrections(lambda path: corrections.remove_correction(path, article_id, text, quote))
        return [c for c in before if c not in after]

    def corrections(self) -> list[CorrectionStatus]:
        """Every correction in the user's file, with the quote it applies to now (or why it applies to none)."""
        found = self._load_corrections()
        article_ids = {c.article_id for c in found if self.store.has_article(c.article_id)}
        quotes = [q for a in sorted(article_ids) for q in self.store.quotes(article_id=a, include_not_quotes=True)]
        return corrections.statuses(found, quotes, article_ids)

    def corrections_file(self) -> Path:
        return paths.corrections_file()

    def _load_corrections(self) -> list[Correction]:
        try:
            return corrections.load_corrections(paths.corrections_file())
        except CorrectionError as error:
            raise LibraryError(str(error)) from error

    def _edit_corrections(self, edit: Callable[[Path], list[Correction]]) -> list[Correction]:
        """Edit the corrections file (held lock) and relink the library."""
        try:
            result = edit(paths.corrections_file())
        except CorrectionError as error:
            raise LibraryError(str(error)) from error
        except OSError as error:
            raise LibraryError(
                f"Cannot write the corrections file {paths.corrections_file()} ({error.strerror or error})."
            ) from error
        linking.relink(self.store, self.search_index, None)
        return result

    # --- exports ----------------------------------------------------------------------------------

    def export(self, spec: ExportSpec, fmt: str, path: Path) -> int:
        """Write quotes, bookmarks or search hits to `path` as md, csv or json; returns the rows written."""
        return export.export(self, spec, fmt, path)

    def export_text(self, spec: ExportSpec, fmt: str) -> tuple[str, int]:
        """What `export` would write, and its number of rows."""
        return export.export_text(self, spec, fmt)

    # --- bookmarks and read marks -------------------------------------------------------------------

    def bookmarks(self) -> list[Bookmark]:
        return self.store.bookmarks()

    def add_bookmark(self, article_id: str, quote_id: str = "", note: str = "") -> Bookmark:
        self.require_writable("bookmarking")
        bookmark = bookmarks.add_bookmark(self.store, article_id, quote_id, note)
        self._save_marks()
        return bookmark

    def bookmarked_quote(self, bookmark: Bookmark) -> Quote | None:
        """The quote a bookmark keeps, while the library has it with the same words (None otherwise)."""
        if not bookmark.quote_id:
            return None
        try:
            quote = self.store.quote(bookmark.quote_id)
        except (KeyError, ValueError):
            return None
        return quote if quote.text == bookmark.text else None

    def remove_bookmark(self, bookmark_id: int) -> None:
        self.require_writable("removing a bookmark")
        with self.store.transaction():
            self.store.remove_bookmark(bookmark_id)
        self._save_marks()

    def bookmarked_ids(self) -> tuple[set[str], set[str]]:
        """(ids of bookmarked articles, ids of bookmarked quotes), from one read of the bookmarks."""
        return bookmarks.bookmarked_ids(self.store)

    def mark_read(self, article_id: str) -> None:
        """Mark an article read; on a read-only library this is left undone, without a word."""
        if self.read_only:
            return
        self.store.mark_read(article_id, now_timestamp())
        self._save_marks()

    def read_articles(self) -> set[str]:
        return self.store.read_articles()

    def set_bookmark_note(self, bookmark_id: int, note: str) -> None:
        """A bookmark's note, edited after the fact."""
        self.require_writable("editing a bookmark's note")
        following.set_note(self.store, bookmark_id, note)
        self._save_marks()

    def mark_unread(self, article_ids: Sequence[str]) -> int:
        """Forget the read marks of `article_ids`; how many were read."""
        self.require_writable("marking articles unread")
        count = following.mark_unread(self.store, list(article_ids))
        if count:
            self._save_marks()
        return count

    def mark_all_read(self, article_ids: Sequence[str]) -> int:
        """Mark `article_ids` read in one write; how many were unread."""
        self.require_writable("marking articles read")
        count = following.mark_read(self.store, list(article_ids), now_timestamp())
        if count:
            self._save_marks()
        return count

    def unread_by_outlet(self) -> dict[str, tuple[int, int]]:
        """Outlet -> (unread articles, all articles)."""
        return following.unread_by_outlet(self.store)

    # --- tags ---

    def tags(self, article_id: str, quote_id: str = "") -> list[str]:
        return following.tags_of(self.store, article_id, quote_id)

    def set_tags(self, article_id: str, quote_id: str, tags: Sequence[str]) -> list[str]:
        """Give an article (quote_id "") or one of its quotes these tags (normalised); the tags kept."""
        self.require_writable("tagging")
        kept = following.parse_tags(" ".join(tags))
        following.set_tags(self.store, article_id, quote_id, kept)
        self._save_marks()
        return kept

    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag in use, with how many articles carry it."""
        return following.all_tags(self.store)

    def quote_tags(self, article_id: str) -> dict[str, list[str]]:
        return following.tagged_quotes(self.store, article_id)

    # --- saved searches ---

    def saved_searches(self) -> list[following.SavedSearch]:
        return following.saved_searches(self.store)

    def saved_search(self, name: str) -> following.SavedSearch:
        saved = following.saved_search(self.store, name)
        if saved is None:
            raise LibraryError(f"No saved search is named “{name}”: `quotedesk saved list` shows them.")
        return saved

    def save_search(self, name: str, query: str) -> following.SavedSearch:
        """Save `query` as `name` (replacing one of that name); what it matches now counts as seen."""
        self.require_writable("saving a search")
        name = " ".join(name.split())
        if not name:
            raise LibraryError("A saved search needs a name.")
        if not query.strip():
            raise LibraryError("There is no query to save: search for something first.")
        matched = self.matching_ids(query)
        following.save_search(self.store, name, query.strip(), now_timestamp(), matched)
        self._save_marks()
        return self.saved_search(name)

    def remove_saved_search(self, name: str) -> None:
        self.require_writable("removing a saved search")
        if not following.remove_search(self.store, name):
            raise LibraryError(f"No saved search is named “{name}”: `quotedesk saved list` shows them.")
        self._save_marks()

    def saved_search_counts(self, saved: following.SavedSearch) -> tuple[int, int]:
        """(articles the saved search matches, of them not seen when it was last viewed)."""
        matched = self.matching_ids(saved.query)
        return len(matched), len(matched - saved.seen)

    def mark_search_viewed(self, name: str) -> None:
        """What the saved search matches now counts as seen (a read-only library keeps no record)."""
        if self.read_only:
            return
        saved = self.saved_search(name)
        following.mark_viewed(self.store, saved.name, now_timestamp(), self.matching_ids(saved.query))
        self._save_marks()

    def matching_ids(self, query: str) -> set[str]:
        """Every article `query` matches."""
        return {hit.article_id for hit in self.search(query, limit=None, snippets=False).hits}
