"""The Parquet archive of analysed articles: written by `quotedesk analyse`, loaded by `quotedesk index FILE.parquet`.

One row per file read, in the order read: where the file is (as a library records it), its
hash, size and modification time, and its articles, each with everything ingest stores of it
and its analysis (local actors with their mentions, quotes with every field). The Arrow schema
is defined in `schema()` and nowhere else; SCHEMA_VERSION changes whenever it does, and a file
of another version is refused on load (the articles are analysed again, not guessed at).

The file's key-value metadata holds FORMAT_KEY (the marker: written by quotedesk) and
VERSION_KEY. Row groups are written as files come out of the analysis, so memory never grows
with the archive; the file is written under a temporary name beside its place and renamed there
only when whole. Pages carry checksums, and a load reads the whole file through once before it
writes anything, so a damaged file is refused with the library untouched.

pyarrow is an optional extra: nothing imports it until a Parquet command runs.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any

from index.errors import LibraryError
from index.model import Article, Enrichment, IngestProgress, LocalActor, RawQuote
from index.progress import ProgressCallback, notify

SCHEMA_VERSION = 2  # 2: quotes carry speaker_how, the rule that found the speaker
FORMAT_KEY = b"quotedesk.format"
FORMAT_VALUE = b"quotedesk article archive (written by quotedesk)"
VERSION_KEY = b"quotedesk.schema_version"
WRITER_KEY = b"quotedesk.writer"
SUFFIX = ".parquet"
# Articles per row group: a load holds one row group at a time, an analysis one group's worth.
ROW_GROUP_ARTICLES = 256
FILES_PER_READ = 16  # rows (files) decoded at a time on load
REMAKE = "make it again with `quotedesk analyse DIR --out FILE.parquet`"


class ArchiveError(LibraryError):
    """A Parquet file that cannot be written or loaded; str() is one sentence with the way out."""


@dataclass
class ArchivedArticle:
    """One article of an archive: as cleaned (its outlet the one its text names, `added` unset),
    the outlet its web host names (used when nothing else names one), and its analysis."""

    article: Article
    host_outlet: str
    enrichment: Enrichment


@dataclass
class ArchivedFile:
    """One file as read: where it is, its hash (`""` when an article's analysis failed, so that a
    library reads it again), size and time (-1: not to be trusted), and its articles."""

    path: str
    raw_hash: str
    size: int
    mtime_ns: int
    articles: list[ArchivedArticle]


def is_archive_path(path: Path) -> bool:
    """Whether `quotedesk index` takes `path` for a Parquet archive: a file whose name ends .parquet."""
    return path.name.lower().endswith(SUFFIX) and path.is_file()


def _pyarrow(doing: str) -> tuple[ModuleType, ModuleType]:
    """pyarrow and pyarrow.parquet, or one sentence saying how to install them."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ArchiveError(f"{doing} needs pyarrow: pip install 'quotedesk[parquet]'") from None
    return pyarrow, pyarrow.parquet


# --- the schema: the one place it is written down ---------------------------------------------


@cache
def schema() -> Any:
    """The archive's Arrow schema (one row per file), with the marker and version in its metadata."""
    pa, _ = _pyarrow("A Parquet file")
    text, whole = pa.string(), pa.int64()

    def required(name: str, kind: Any) -> Any:
        return pa.field(name, kind, nullable=False)

    def texts(name: str) -> Any:
        return required(name, pa.list_(required("element", text)))

    mention = pa.struct([required("start", whole), required("end", whole)])
    actor = pa.struct(
        [
            required("key", pa.int32()),
            required("name", text),
            required("kind", text),
            texts("variants"),
            texts("roles"),
            required("mentions", pa.list_(required("element", mention))),
        ]
    )
    quote = pa.struct(
        [
            required("text", text),
            required("kind", text),
            required("start", whole),
            required("end", whole),
            required("paragraph", pa.int32()),
            required("cue", text),
            required("speaker_evidence", text),
            required("speaker_via", text),
            required("speaker_confidence", pa.float64()),
            required("speaker_kind", text),
            required("speaker_text", text),
            required("speaker_start", whole),
            required("speaker_end", whole),
            pa.field("speaker_key", pa.int32(), nullable=True),  # None: not attached to a local actor
            required("speaker_how", text),
        ]
    )
    article = pa.struct(
        [
            *(required(name, text) for name in ("id", "path", "title")),
            texts("paragraphs"),
            *(required(name, text) for name in ARTICLE_TEXTS),
            required("host_outlet", text),
            required("actors", pa.list_(required("element", actor))),
            required("quotes", pa.list_(required("element", quote))),
        ]
    )
    fields = [
        required("path", text),
        required("raw_hash", text),
        required("size", whole),
        required("mtime_ns", whole),
        required("articles", pa.list_(required("element", article))),
    ]
    from importlib.metadata import PackageNotFoundError, version

    try:
        writer = f"quotedesk {version('quotedesk')}"
    except PackageNotFoundError:
        writer = "quotedesk"
    metadata = {FORMAT_KEY: FORMAT_VALUE, VERSION_KEY: str(SCHEMA_VERSION).encode(), WRITER_KEY: writer.encode()}
    return pa.schema(fields, metadata=metadata)


# Article fields kept as they are (`added` is not: an article is added when a library loads it).
ARTICLE_TEXTS = ("outlet", "byline", "date", "category", "url", "original", "content_hash", "encoding", "format")
ARTICLE_FIELDS = ("id", "path", "title", "paragraphs", *ARTICLE_TEXTS)
QUOTE_FIELDS = tuple(field.name for field in dataclasses.fields(RawQuote))
ACTOR_FIELDS = tuple(field.name for field in dataclasses.fields(LocalActor))


# --- writing --------------------------------------------------------------------------------------


def _row(record: ArchivedFile) -> dict[str, Any]:
    return {
        "path": record.path,
        "raw_hash": record.raw_hash,
        "size": record.size,
        "mtime_ns": record.mtime_ns,
        "articles": [_article_row(archived) for archived in record.articles],
    }


def _article_row(archived: ArchivedArticle) -> dict[str, Any]:
    article, enrichment = archived.article, archived.enrichment
    row: dict[str, Any] = {name: getattr(article, name) for name in ARTICLE_FIELDS}
    row["host_outlet"] = archived.host_outlet
    row["actors"] = [
        {**dataclasses.asdict(actor), "mentions": [{"start": s, "end": e} for s, e in actor.mentions]}
        for actor in enrichment.actors
    ]
    row["quotes"] = [dataclasses.asdict(quote) for quote in enrichment.quotes]
    return row


class ArchiveWriter:
    """Writes an archive to `path` row group by row group; `path` appears only when the writer is
    closed without an error (`with ArchiveWriter(path) as writer:`), whole, and holds an article:
    a run that analysed nothing never puts an empty file over one already there (`--force`)."""

    def __init__(self, path: Path) -> None:
        pa, pq = _pyarrow("Writing a Parquet file")
        self._pa = pa
        self.path = path
        self.files = self.articles = 0
        self._rows: list[dict[str, Any]] = []
        self._buffered = 0
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
        self._temporary = Path(temporary)
        try:
            # No min/max statistics: of a text column they are whole articles, in every page header
            # (where no checksum covers them) and in the footer.
            self._writer = pq.ParquetWriter(
                temporary, schema(), compression="zstd", write_page_checksum=True, write_statistics=False
            )
        except BaseException:
            self._temporary.unlink(missing_ok=True)
            raise

    def add(self, record: ArchivedFile) -> None:
        """One file and its articles; written out with the row group it completes."""
        self._rows.append(_row(record))
        self._buffered += len(record.articles)
        self.files += 1
        self.articles += len(record.articles)
        if self._buffered >= ROW_GROUP_ARTICLES:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(self._pa.Table.from_pylist(self._rows, schema=schema()))
        self._rows, self._buffered = [], 0

    def commit(self) -> None:
        """Write what is left, then put the whole file in its place."""
        self._flush()
        self._writer.close()
        with open(self._temporary, "rb") as stream:
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self._temporary, 0o666 & ~umask)
        os.replace(self._temporary, self.path)

    def abort(self) -> None:
        """Leave nothing behind: not the file, not half of it."""
        try:
            self._writer.close()
        finally:
            self._temporary.unlink(missing_ok=True)

    def __enter__(self) -> ArchiveWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if error is None and self.articles:
            try:
                self.commit()
            except BaseException:
                self.abort()
                raise
        else:
            self.abort()


# --- reading --------------------------------------------------------------------------------------


class Archive:
    """An archive opened for loading: its marker, version and schema are checked on opening (a file
    that is not one is ArchiveError); `files()` decodes and checks it row by row."""

    def __init__(self, path: Path) -> None:
        pa, pq = _pyarrow("Loading a Parquet file")
        self.path = path
        self._errors: tuple[type[BaseException], ...] = (OSError, pa.ArrowException)
        try:
            self._stream = open(path, "rb")  # noqa: SIM115 - held open: the check and the load read the same file
        except OSError as error:
            raise ArchiveError(f"Cannot read {path} ({error.strerror or error}).") from None
        try:
            self._file = pq.ParquetFile(self._stream, page_checksum_verification=True)
            self._check(self._file.metadata.metadata or {}, self._file.schema_arrow)
        except self._errors as error:
            self.close()
            raise ArchiveError(
                f"{path} is not a readable Parquet file (damaged or cut short: {_first_line(error)}); {REMAKE}."
            ) from None
        except BaseException:
            self.close()
            raise
        self.file_count: int = self._file.metadata.num_rows

    def _check(self, metadata: Mapping[bytes, bytes], arrow_schema: Any) -> None:
        if metadata.get(FORMAT_KEY) != FORMAT_VALUE:
            raise ArchiveError(f"{self.path} was not written by `quotedesk analyse`, so it cannot be loaded; {REMAKE}.")
        written = metadata.get(VERSION_KEY, b"").decode("utf-8", "replace")
        if written != str(SCHEMA_VERSION):
            newer = written.isdigit() and int(written) > SCHEMA_VERSION
            way_out = "upgrade quotedesk to load it, or analyse the articles again" if newer else REMAKE
            raise ArchiveError(
                f"{self.path} is in archive format version {written or '(none)'} and this quotedesk reads "
                f"version {SCHEMA_VERSION}; {way_out}."
            )
        if not arrow_schema.equals(schema(), check_metadata=False):
            raise ArchiveError(f"{self.path} does not have the columns of archive format {SCHEMA_VERSION}; {REMAKE}.")

    def files(self) -> Iterator[ArchivedFile]:
        """Each file of the archive in order, decoded and checked; ArchiveError at the first damage."""
        number = 0
        batches = self._file.iter_batches(batch_size=FILES_PER_READ)
        while True:
            try:
                batch = next(batches, None)
                rows = batch.to_pylist() if batch is not None else []
            except self._errors as error:
                raise ArchiveError(
                    f"{self.path} is damaged after its first {number} files ({_first_line(error)}); "
                    f"nothing from it was added; {REMAKE}."
                ) from None
            if batch is None:
                return
            for row in rows:
                number += 1
                try:
                    yield _decode_file(row)
                except _Bad as problem:
                    raise ArchiveError(
                        f"{self.path} is damaged: file {number} in it {problem}; nothing from it was added; {REMAKE}."
                    ) from None

    def verify(self, progress: ProgressCallback | None = None, done: int = 0, total: int = 0) -> None:
        """Read the whole archive through once (ArchiveError for any damage), posting "checking"."""
        total = total or self.file_count
        for number, record in enumerate(self.files(), start=done + 1):
            notify(progress, IngestProgress(number, total, record.path, "checking"))

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def open_archives(paths: Sequence[Path], progress: ProgressCallback | None = None) -> list[Archive]:
    """Open and read through every archive before anything is written; ArchiveError names the first bad one."""
    archives: list[Archive] = []
    try:
        for path in paths:
            archives.append(Archive(path))
        total = sum(archive.file_count for archive in archives)
        done = 0
        for archive in archives:
            archive.verify(progress, done, total)
            done += archive.file_count
    except BaseException:
        for archive in archives:
            archive.close()
        raise
    return archives


class _Bad(Exception):
    """What is wrong with a row (its message completes "file N in it …")."""


def _first_line(error: BaseException) -> str:
    """What pyarrow said, as a clause: its first sentence, without the full stop."""
    lines = str(error).strip().splitlines()
    first = lines[0].split(". ")[0].rstrip(".") if lines else ""
    return first[:200] or type(error).__name__


def _get(row: Mapping[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = row.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _Bad(f"has no valid {name}")
    return value


def _texts(row: Mapping[str, Any], name: str) -> list[str]:
    values = _get(row, name, list)
    if not all(isinstance(value, str) for value in values):
        raise _Bad(f"has no valid {name}")
    return values


def _decode_file(row: Mapping[str, Any]) -> ArchivedFile:
    articles = [_decode_article(article) for article in _get(row, "articles", list)]
    return ArchivedFile(
        _get(row, "path", str), _get(row, "raw_hash", str), _get(row, "size", int), _get(row, "mtime_ns", int), articles
    )


def _decode_article(row: Mapping[str, Any]) -> ArchivedArticle:
    from index.ingest import article_id_for, content_hash

    if not isinstance(row, Mapping):
        raise _Bad("has an article that is not one")
    values = {name: _get(row, name, str) for name in ("id", "path", "title", *ARTICLE_TEXTS)}
    article = Article(**values, paragraphs=_texts(row, "paragraphs"))
    if article.id != article_id_for(article.path):
        raise _Bad(f"has an article whose id {article.id[:20]!r} is not the id of its path")
    body = article.body
    if article.content_hash != content_hash(article.title, body):
        raise _Bad(f"has an article whose text does not match its hash (article {article.id[:20]!r})")
    actors = [_decode_actor(actor, len(body)) for actor in _get(row, "actors", list)]
    if [actor.key for actor in actors] != list(range(len(actors))):
        raise _Bad(f"has an article whose actors are not numbered in order (article {article.id[:20]!r})")
    quotes = [_decode_quote(quote, body, len(actors), len(article.paragraphs)) for quote in _get(row, "quotes", list)]
    return ArchivedArticle(article, _get(row, "host_outlet", str), Enrichment(article.id, actors, quotes))


def _decode_actor(row: Mapping[str, Any], length: int) -> LocalActor:
    if not isinstance(row, Mapping):
        raise _Bad("has an actor that is not one")
    mentions = []
    for mention in _get(row, "mentions", list):
        if not isinstance(mention, Mapping):
            raise _Bad("has a mention that is not one")
        start, end = _get(mention, "start", int), _get(mention, "end", int)
        _in_body(start, end, length, "a mention")
        mentions.append((start, end))
    return LocalActor(
        _get(row, "key", int),
        _get(row, "name", str),
        _get(row, "kind", str),
        _texts(row, "variants"),
        _texts(row, "roles"),
        mentions,
    )


def _decode_quote(row: Mapping[str, Any], body: str, actors: int, paragraphs: int) -> RawQuote:
    if not isinstance(row, Mapping):
        raise _Bad("has a quote that is not one")
    values: dict[str, Any] = {}
    for name in QUOTE_FIELDS:
        if name == "speaker_key":
            key = row.get(name)
            if key is not None and (not isinstance(key, int) or not 0 <= key < actors):
                raise _Bad("has a quote whose speaker is not one of its article's actors")
            values[name] = key
        elif name == "speaker_confidence":
            values[name] = float(_get(row, name, (int, float)))
        else:
            values[name] = _get(row, name, int if name in _QUOTE_NUMBERS else str)
    quote = RawQuote(**values)
    _in_body(quote.start, quote.end, len(body), "a quote")
    if body[quote.start : quote.end] != quote.text or not 0 <= quote.paragraph < max(1, paragraphs):
        raise _Bad("has a quote that is not where its article's text has it")
    if quote.speaker_start >= 0:
        _in_body(quote.speaker_start, quote.speaker_end, len(body), "a speaker")
    return quote


_QUOTE_NUMBERS = {"start", "end", "paragraph", "speaker_start", "speaker_end"}


def _in_body(start: int, end: int, length: int, what: str) -> None:
    if not 0 <= start <= end <= length:
        raise _Bad(f"has {what} outside its article's text")
