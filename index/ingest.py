"""Ingest: files read, cleaned and staged, analysed in one stream, committed in batches, then linked.

A run is safe to interrupt. Files are read and cleaned lazily while earlier articles are being
analysed, and all the run's articles go through one analysis stream (`jobs` processes, started
once). Whole files are committed to the store in batches of about BATCH_SIZE articles as their
analyses come out, each batch in one transaction. At the end the library is relinked and the
run's articles are written to the search index in one commit, each once, with the fields linking
gave them; whatever the store holds whole is made searchable, interrupted or not.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from index import indexing, linking
from index.cluster import ClusterError
from index.enrich import AnalysisFailure, chunks, enrich
from index.locking import WriterLock
from index.model import Article, Enrichment, IngestProgress, IngestReport, now_timestamp
from index.outlets import host_outlet, is_file_name
from index.progress import ProgressCallback, notify
from index.search import SearchIndex
from index.store import FileState, Store

if TYPE_CHECKING:
    from index.parquet import Archive, ArchivedFile
    from index.sources import SourceDocument

BATCH_SIZE = 32  # articles per transaction: an interrupted run loses at most one batch
# What one article may be: beyond these it is skipped with the reason (a file of 100,000 tiny
# paragraphs, a 20 MB log). Long articles within them are analysed in parts (index/enrich.py).
MAX_ARTICLE_CHARS = 5_000_000
MAX_ARTICLE_PARAGRAPHS = 10_000


@dataclass
class _FileMarker:
    """A file whose articles are all staged: record its hash, drop its vanished articles."""

    file_path: str
    raw_hash: str
    stale_ids: list[str]
    size: int = -1  # bytes, and modification time, as read before hashing (-1: not to be trusted)
    mtime_ns: int = -1


@dataclass
class _ChangedFile:
    """A new or changed file's articles to store, and its marker: committed together or not at all."""

    number: int  # its place among the run's files, for progress
    marker: _FileMarker
    articles: list[Article]
    host_outlets: dict[str, str] = field(default_factory=dict)  # article id -> its web host's outlet (analyse)


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


@dataclass(frozen=True)
class IngestOptions:
    """How a run ingests: with language analysis or not, in how many processes (or on which Ray
    cluster: "" a local one, None no Ray), and the outlet of articles whose text names none ("" for:
    the one they had, else their web host, else none)."""

    nlp: bool = True
    jobs: int = 1
    outlet: str = ""
    ray: str | None = None


def add(
    store: Store,
    search_index: SearchIndex,
    lock: WriterLock,
    sources: Sequence[str | Path],
    progress: ProgressCallback | None,
    options: IngestOptions,
) -> IngestReport:
    """Read, clean, analyse, store and index files and folders; see `Library.add`."""
    from index.sources import iter_files

    nlp = options.nlp

    def relink() -> None:
        linking.relink(store, search_index, None)

    report = IngestReport()
    with lock.hold():
        indexing.heal(store, search_index, relink)
        files = list(iter_files(sources))
        staged: dict[str, str] = {}  # content hash -> article id, staged but not yet committed
        changed = _changed_files(store, files, report, staged, None if nlp else progress, options.outlet.strip())
        stream = _analysed(changed, options.jobs, report, options.ray) if nlp else _unanalysed(changed)
        try:
            _commit_and_link(
                store, search_index, stream, staged, report, progress, len(files), phase="analysing" if nlp else ""
            )
        except ClusterError as error:
            raise ClusterError(f"{error} What was analysed is stored; the next run goes on from there.") from None
    return report


Stream = Generator[tuple["_ChangedFile", list[Enrichment]], None, None]


@dataclass
class ArchiveReport:
    """What `analyse` wrote: files and articles, and the files, records and articles it skipped (path, reason)."""

    files: int = 0
    articles: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)


def analyse(
    sources: Sequence[str | Path], out: Path, progress: ProgressCallback | None, options: IngestOptions
) -> ArchiveReport:
    """Read, clean and analyse files and folders with no library at all, into the Parquet archive `out`.

    Everything a library would store of the files is written (index/parquet.py); what only a
    library can decide is left to `load`: which articles are new, changed, unchanged or
    duplicates, and the outlet of those whose text names none. The archive appears at `out` only
    when whole: an interrupted run leaves nothing. Memory does not grow with the archive (only
    the skipped are remembered).
    """
    from index import parquet
    from index.sources import iter_files

    report = IngestReport()  # only its `skipped` is filled
    files = list(iter_files(sources))
    with parquet.ArchiveWriter(out) as writer:
        changed = _archive_files(files, report)
        stream = _analysed(changed, options.jobs, report, options.ray)  # the same analysis stream as `add`
        articles = 0
        try:
            for item, enrichments in stream:
                articles += len(enrichments)
                notify(
                    progress,
                    IngestProgress(item.number + 1, len(files), item.marker.file_path, "analysing", articles),
                )
                writer.add(_archived(item, enrichments))
        except ClusterError as error:
            raise ClusterError(f"{error} Nothing was written to {out}; run it again.") from None
        finally:
            stream.close()
        notify(progress, IngestProgress(len(files), len(files), "", "writing"))
    notify(progress, IngestProgress(len(files), len(files), "", "done"))
    return ArchiveReport(writer.files, writer.articles, report.skipped)


def _archive_files(files: Sequence[Path], report: IngestReport) -> Iterator[_ChangedFile]:
    """Each file read and cleaned for an archive, lazily; the files that cannot be are reported."""
    places = _Places()
    for number, path in enumerate(files):
        item = _guarded(report, path, functools.partial(_archive_file, number, path, report, places))
        if item is not None:
            yield item


def _archive_file(number: int, path: Path, report: IngestReport, places: _Places) -> _ChangedFile | None:
    file_path, size, mtime_ns = _place(path, places)
    raw_hash = _hash_of(path)
    read = _read_articles(path, file_path, report)
    if read is None:
        return None
    marker = _FileMarker(file_path, raw_hash, [], size, mtime_ns)
    return _ChangedFile(number, marker, [article for article, _ in read], {article.id: host for article, host in read})


def _archived(item: _ChangedFile, enrichments: Sequence[Enrichment]) -> ArchivedFile:
    from index.parquet import ArchivedArticle, ArchivedFile

    analyses = {enrichment.article_id: enrichment for enrichment in enrichments}
    articles = [
        ArchivedArticle(article, item.host_outlets.get(article.id, ""), analyses[article.id])
        for article in item.articles
    ]
    marker = item.marker
    return ArchivedFile(marker.file_path, marker.raw_hash, marker.size, marker.mtime_ns, articles)


def load(
    store: Store,
    search_index: SearchIndex,
    lock: WriterLock,
    archives: Sequence[Archive],
    progress: ProgressCallback | None,
    options: IngestOptions,
) -> IngestReport:
    """Add the analysed articles of Parquet archives (read through and checked already, see
    `parquet.open_archives`) without analysing them again, through the same batches, links and
    index as `add`. Safe to interrupt: a file's articles are committed with it, and a file the
    library holds with the same hash is unchanged, so loading again resumes, or adds nothing."""

    def relink() -> None:
        linking.relink(store, search_index, None)

    report = IngestReport()
    with lock.hold():
        indexing.heal(store, search_index, relink)
        staged: dict[str, str] = {}
        stream = _loaded(store, archives, report, staged, options.outlet.strip())
        total = sum(archive.file_count for archive in archives)
        _commit_and_link(store, search_index, stream, staged, report, progress, total, phase="loading")
    return report


def _loaded(
    store: Store, archives: Sequence[Archive], report: IngestReport, staged: dict[str, str], outlet: str
) -> Stream:
    """Each new or changed file of the archives, staged as `add` stages a file read, with its analyses."""
    touched: list[tuple[str, int, int]] = []  # (path, size, mtime_ns) of files unchanged but touched
    number = 0
    for archive in archives:
        for record in archive.files():
            loaded = _loaded_file(store, number, record, report, staged, outlet, touched)
            number += 1
            if loaded is not None:
                yield loaded
    if touched:
        with store.transaction():
            store.record_file_times(touched)


def _loaded_file(
    store: Store,
    number: int,
    record: ArchivedFile,
    report: IngestReport,
    staged: dict[str, str],
    outlet: str,
    touched: list[tuple[str, int, int]],
) -> tuple[_ChangedFile, list[Enrichment]] | None:
    state = store.file_state(record.path)
    if state is not None and not outlet and record.raw_hash and state.raw_hash == record.raw_hash:
        report.unchanged += max(1, state.articles)
        if record.size >= 0 and (state.size, state.mtime_ns) != (record.size, record.mtime_ns):
            touched.append((record.path, record.size, record.mtime_ns))
        return None
    added = now_timestamp()
    articles = []
    for archived in record.articles:
        article = _with_outlet(store, archived.article, archived.host_outlet, outlet, record.path)
        article.added = added
        articles.append(article)
    times = (record.size, record.mtime_ns)
    item = _stage_file(store, number, record.path, record.raw_hash, articles, staged, report, times)
    if not record.raw_hash:
        # Some of the file's articles failed analysis in `analyse` and are not in the archive: the
        # library's copies of them stay (as `add` keeps them), and the next run reads the file again.
        item.marker.stale_ids = []
    kept = {article.id for article in item.articles}
    return item, [archived.enrichment for archived in record.articles if archived.article.id in kept]


def _commit_and_link(
    store: Store,
    search_index: SearchIndex,
    stream: Stream,
    staged: dict[str, str],
    report: IngestReport,
    progress: ProgressCallback | None,
    file_count: int,
    *,
    phase: str,
) -> None:
    """Commit a run's files as they come, whole files in batches, then link and index: the one
    write path of every ingest (files read here, or a Parquet file's analysed articles).

    `phase` ("" for none) is posted as each file is committed, with the number of files done.
    """
    batch = _Batch()
    deleted: list[str] = []  # articles of changed files that vanished: their documents go too
    failed = False  # by an error: links wait for the next run (the store marks them dirty)
    articles = 0
    try:
        for item, enrichments in stream:
            if phase:
                # `done` counts files finished: this one is; `articles` the articles analysed so far.
                articles += len(enrichments)
                notify(progress, IngestProgress(item.number + 1, file_count, item.marker.file_path, phase, articles))
            batch.add(item, enrichments)
            if len(batch) >= BATCH_SIZE:
                deleted.extend(commit_batch(store, batch, staged))
                batch = _Batch()
        if batch.articles or batch.files:
            deleted.extend(commit_batch(store, batch, staged))
    except KeyboardInterrupt:
        report.interrupted = True
        raise
    except BaseException:
        failed = True
        raise
    finally:
        stream.close()  # stops analysis workers before the links and the index are finished
        _link_and_index(store, search_index, report, deleted, progress, file_count, linked=not failed)
    notify(progress, IngestProgress(file_count, file_count, "", "done"))


def _link_and_index(
    store: Store,
    search_index: SearchIndex,
    report: IngestReport,
    deleted: Sequence[str],
    progress: ProgressCallback | None,
    file_count: int,
    *,
    linked: bool,
) -> None:
    """Relink the library, then write the run's articles to the index in one commit, each once.

    Documents are written after linking, with the actor fields linking gives them (writing them
    before meant writing most of them again after). Whatever the store holds whole is made
    searchable, interrupted or not; after an interruption or a failure (`linked` False) the
    links wait for the next run (the store marks them dirty), and relinking would be slow and
    could hide the error itself.
    """
    try:
        if (report.added or report.updated or store.links_dirty()) and linked and not report.interrupted:
            notify(progress, IngestProgress(file_count, file_count, "", "linking"))
            linking.relink(store, search_index, progress, refresh_index=False)
    finally:
        notify(progress, IngestProgress(file_count, file_count, "", "indexing"))
        indexing.sync_index(store, search_index, delete=deleted, progress=progress)


def reanalyse(store: Store, progress: ProgressCallback | None, *, jobs: int = 1, ray: str | None = None) -> None:
    """Run actor and quote finding again on every stored article, in one analysis stream."""
    ids = store.article_ids()
    analyses = enrich(store.articles(ids), jobs=jobs, ray=ray)
    try:
        done = 0
        for batch in chunks(analyses, BATCH_SIZE):
            with store.transaction():
                for enrichment in batch:
                    if not isinstance(enrichment, AnalysisFailure):  # it keeps its earlier analysis
                        store.put_enrichment(enrichment)
                store.set_links_dirty(True)
            done += len(batch)
            notify(progress, IngestProgress(done, len(ids), "", "analysing"))
    finally:
        _close(analyses)


def _changed_files(
    store: Store,
    files: Sequence[Path],
    report: IngestReport,
    staged: dict[str, str],
    progress: ProgressCallback | None,
    outlet: str = "",
) -> Iterator[_ChangedFile]:
    """Read, clean and stage the files that are new or changed since the last run, lazily.

    Unchanged, unreadable and empty files are counted or reported here and yield nothing; so is a
    file whose reading fails in any way: it never costs the run's other files. A file whose size
    and modification time are those recorded is unchanged without being read; one whose time
    changed is hashed, and its new time recorded when its contents did not change.
    """
    known = store.file_states() if len(files) > _STATES_AT_ONCE else None
    places = _Places()
    touched: list[tuple[str, int, int]] = []  # (path, size, mtime_ns) of files unchanged but touched
    for number, path in enumerate(files):
        notify(progress, IngestProgress(number, len(files), str(path), "reading"))
        read = functools.partial(_changed_file, store, number, path, report, staged, outlet, places, known, touched)
        changed = _guarded(report, path, read)
        if changed is not None:
            yield changed
    if touched:
        with store.transaction():
            store.record_file_times(touched)


def _guarded(report: IngestReport, path: Path, read: Callable[[], _ChangedFile | None]) -> _ChangedFile | None:
    """`read()`, or None with the file reported as skipped when reading it fails in any way."""
    from index.sources import SkipFile

    try:
        return read()
    except SkipFile as reason:
        report.skipped.append((str(path), str(reason)))
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except Exception as error:  # noqa: BLE001 - one file's surprise never costs the run's other files
        report.skipped.append((str(path), f"could not be read ({type(error).__name__}: {error})"))
    return None


def _changed_file(
    store: Store,
    number: int,
    path: Path,
    report: IngestReport,
    staged: dict[str, str],
    outlet: str,
    places: _Places,
    known: dict[str, FileState] | None,
    touched: list[tuple[str, int, int]],
) -> _ChangedFile | None:
    """One file read, cleaned and staged; None when unchanged or reported here; SkipFile with the reason."""
    file_path, size, mtime_ns = _place(path, places)
    state = store.file_state(file_path) if known is None else known.get(file_path)
    if state is not None and not outlet and size >= 0 and (state.size, state.mtime_ns) == (size, mtime_ns):
        report.unchanged += max(1, state.articles)
        return None
    raw_hash = _hash_of(path)
    if state is not None and state.raw_hash == raw_hash and not outlet:
        report.unchanged += max(1, state.articles)
        if size >= 0:
            touched.append((file_path, size, mtime_ns))
        return None
    read = _read_articles(path, file_path, report)
    if read is None:
        return None
    articles = [_with_outlet(store, article, host, outlet, file_path) for article, host in read]
    return _stage_file(store, number, file_path, raw_hash, articles, staged, report, (size, mtime_ns))


def _place(path: Path, places: _Places) -> tuple[str, int, int]:
    """(path as the library records it, size, mtime_ns to record) of a file about to be read."""
    from index.sources import SkipFile

    if not _encodable(str(path)):
        raise SkipFile("its name is not valid UTF-8 text; rename the file to add it")
    file_path, status = places.locate(path)
    return (file_path, *_recordable_times(status))


def _hash_of(path: Path) -> str:
    from index.sources import SkipFile

    try:
        return _file_hash(path)
    except OSError as error:
        raise SkipFile(_os_reason(error)) from None


def _read_articles(path: Path, file_path: str, report: IngestReport) -> list[tuple[Article, str]] | None:
    """A file's cleaned articles, each with the outlet its web host names; the records and articles
    that cannot be added are reported here, and None is a file with nothing more to record."""
    from index.sources import read_file_report

    documents, bad_records = read_file_report(path)
    articles = []
    for document in documents:
        read = _article_from(document)
        problem = _too_large(read[0]) if read is not None else ""
        if problem:
            bad_records.append((document.path, problem))
        elif read is not None:
            articles.append(read)
    report.skipped.extend(bad_records)
    if not articles and not bad_records:
        report.skipped.append((str(path), "no article text found in it"))
        return None
    if not articles and len(bad_records) == 1 and bad_records[0][0] == file_path:
        return None  # its one article is reported already
    return articles


def _encodable(text: str) -> bool:
    """Whether `text` can be stored: a name with bytes that are not UTF-8 holds lone surrogates."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _too_large(article: Article) -> str:
    """Why an article is too large to add ("" when it is not): the limits keep one article's
    analysis within bounded memory and time."""
    characters = sum(len(paragraph) for paragraph in article.paragraphs)
    if characters > MAX_ARTICLE_CHARS:
        return (
            f"article too long to analyse ({characters:,} characters; the limit is {MAX_ARTICLE_CHARS:,}); "
            "split the file into smaller articles"
        )
    if len(article.paragraphs) > MAX_ARTICLE_PARAGRAPHS:
        return (
            f"article has too many paragraphs ({len(article.paragraphs):,}; the limit is "
            f"{MAX_ARTICLE_PARAGRAPHS:,}); split the file into smaller articles"
        )
    return ""


# Above this many files a run reads every recorded file's state in one query, not one per file.
_STATES_AT_ONCE = 64
# A file changed less than this long ago may change again within the same clock tick: its time is
# not recorded (the next run hashes it), so an edit in the same tick is never taken for no change.
_RECENT_NS = 2_000_000_000


def _recordable_times(status: os.stat_result | None) -> tuple[int, int]:
    """(size, mtime_ns) to record for a file, (-1, -1) when unknown or too recent to trust."""
    if status is None or time.time_ns() - status.st_mtime_ns < _RECENT_NS:
        return -1, -1
    return status.st_size, status.st_mtime_ns


class _Places:
    """Where each file of a run is, as the library records it (its resolved path), and its status.

    Resolving a path walks every folder above it; files of one folder share the folder's
    resolution, and only a file that is itself a link is resolved on its own.
    """

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def locate(self, path: Path) -> tuple[str, os.stat_result | None]:
        try:
            status = os.lstat(path)
        except OSError:
            return str(path), None  # missing or unreadable: reading it says why
        if stat.S_ISLNK(status.st_mode):
            try:
                return str(path.resolve()), os.stat(path)
            except OSError:
                return str(path), None
        folder = str(path.parent)
        resolved = self._folders.get(folder)
        if resolved is None:
            resolved = self._folders[folder] = str(path.parent.resolve())
        return os.path.join(resolved, path.name), status


def _stage_file(
    store: Store,
    number: int,
    file_path: str,
    raw_hash: str,
    articles: list[Article],
    staged: dict[str, str],
    report: IngestReport,
    times: tuple[int, int] = (-1, -1),
) -> _ChangedFile:
    """Sort a file's articles into new, updated and duplicate; remember the file's hash, size and time."""
    kept_ids = set()
    new_articles = []
    for article in articles:
        duplicate_of = store.find_by_content(article.content_hash) or staged.get(article.content_hash)
        if duplicate_of and duplicate_of != article.id:
            report.duplicates.append((article.path, duplicate_of))
            continue
        kept_ids.add(article.id)
        if duplicate_of == article.id and store.article_outlet(article.id) == article.outlet:
            report.unchanged += 1  # the file changed (or was read again), but not its article
            continue
        (report.updated if store.has_article(article.id) else report.added).append(article.id)
        if not article.outlet:
            report.no_outlet.append(article.id)
        staged[article.content_hash] = article.id
        new_articles.append(article)
    stale = [old for old in store.article_ids_for_file(file_path) if old not in kept_ids]
    return _ChangedFile(number, _FileMarker(file_path, raw_hash, stale, *times), new_articles)


def _with_outlet(store: Store, article: Article, host: str, outlet: str, file_path: str) -> Article:
    """`article` with its outlet: the one its text names, else `outlet` (given with --outlet), else
    the one it had in the library, else its web host's, else none."""
    article.outlet = article.outlet or outlet or _kept_outlet(store, article.id, file_path) or host
    return article


def _article_from(document: SourceDocument) -> tuple[Article, str] | None:
    """The cleaned article of one document read from a file, with the outlet its text names, and the
    outlet its web host names (the last resort: see `_with_outlet`); None when it holds no text."""
    from index.clean import clean_article, file_name_date

    cleaned = clean_article(document.text, fmt=document.format, meta=document.meta, path=document.path)
    if not cleaned.paragraphs:
        return None
    body = "\n\n".join(cleaned.paragraphs)
    article_id = article_id_for(document.path)
    article = Article(
        id=article_id,
        path=document.path,
        title=cleaned.title or Path(document.file_path).stem,
        paragraphs=cleaned.paragraphs,
        outlet=cleaned.outlet,
        byline=cleaned.byline,
        date=cleaned.date or file_name_date(Path(document.file_path).name),
        category=cleaned.category,
        url=cleaned.url,
        original=document.text,
        content_hash=content_hash(cleaned.title, body),
        encoding=document.encoding,
        format=document.format,
        added=now_timestamp(),
    )
    return article, host_outlet(cleaned.host)


def commit_batch(store: Store, batch: _Batch, staged: dict[str, str]) -> list[str]:
    """Store a batch and its analyses in one transaction; returns the ids of the articles it deleted.

    The batch's articles are left unindexed: the run indexes them all at its end, once.
    """
    stale_ids = [stale for marker in batch.files for stale in marker.stale_ids]
    with store.transaction():
        for article, file_path in batch.articles:
            store.put_article(article, file_path)
        for stale in stale_ids:
            store.delete_article(stale)
        for marker in batch.files:
            store.record_file(marker.file_path, marker.raw_hash, now_timestamp(), marker.size, marker.mtime_ns)
        for enrichment in batch.enrichments:
            store.put_enrichment(enrichment)
        store.set_links_dirty(True)
    for article, _ in batch.articles:  # the store finds them from now on
        staged.pop(article.content_hash, None)
    return stale_ids


def _unanalysed(changed: Iterable[_ChangedFile]) -> Generator[tuple[_ChangedFile, list[Enrichment]], None, None]:
    """Each changed file with no analyses (an ingest without language analysis)."""
    for item in changed:
        yield item, []


def _analysed(
    changed: Iterator[_ChangedFile], jobs: int, report: IngestReport | None = None, ray: str | None = None
) -> Generator[tuple[_ChangedFile, list[Enrichment]], None, None]:
    """Each changed file with its articles' analyses, in order, from one analysis stream.

    Files are pulled from `changed` only as the stream needs more articles, so reading and
    cleaning run ahead of analysis by no more than the stream's own look-ahead. An article whose
    analysis failed is left out of its file (and reported): the file's other articles are stored.
    """
    waiting: deque[_ChangedFile] = deque()  # pulled into the stream, analyses not all out yet

    def articles() -> Iterator[Article]:
        for item in changed:
            waiting.append(item)
            yield from item.articles

    analyses = enrich(articles(), jobs=jobs, ray=ray)
    collected: list[Enrichment] = []
    failed: set[str] = set()
    seen = 0
    try:
        for analysis in analyses:
            while not waiting[0].articles:  # files whose articles were all duplicates or unchanged
                yield waiting.popleft(), []
            if isinstance(analysis, AnalysisFailure):
                failed.add(analysis.article_id)
                if report is not None:
                    _unstage(report, waiting[0], analysis)
            else:
                collected.append(analysis)
            seen += 1
            if seen == len(waiting[0].articles):
                item = waiting.popleft()
                if failed:  # its file is read again next run (by hash and by time), to try those articles again
                    item.articles = [article for article in item.articles if article.id not in failed]
                    item.marker.raw_hash = ""
                    item.marker.size = item.marker.mtime_ns = -1
                yield item, collected
                collected, failed, seen = [], set(), 0
        while waiting:  # files after the last article
            yield waiting.popleft(), []
    finally:
        _close(analyses)


def _unstage(report: IngestReport, item: _ChangedFile, failure: AnalysisFailure) -> None:
    """Report an article whose analysis failed as skipped, no longer added or updated."""
    article = next(article for article in item.articles if article.id == failure.article_id)
    for counted in (report.added, report.updated, report.no_outlet):
        if article.id in counted:
            counted.remove(article.id)
    report.skipped.append((article.path, failure.reason))


def _close(stream: Iterator[object]) -> None:
    """Stop an analysis stream early, and its worker processes with it (the streams are generators)."""
    if isinstance(stream, Generator):
        stream.close()


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
    """The sha256 of a regular file's bytes; SkipFile for anything else (a pipe, a device)."""
    from index.sources import open_regular

    digest = hashlib.sha256()
    with open_regular(path) as handle:
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


def _kept_outlet(store: Store, article_id: str, file_path: str) -> str:
    """The outlet a stored article already has (a name given with --outlet on an earlier run), or "".

    A file name is not kept: older versions stored it when nothing named the outlet.
    """
    kept = store.article_outlet(article_id) or ""
    return "" if is_file_name(kept, file_path) else kept
