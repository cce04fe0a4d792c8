"""Pages from the web into the library: fetched, read as saved pages are, kept as records ingest reads.

A fetched page goes the way of a saved `.html` file: its bytes are kept under the library's
`web/.raw/` and read by `index.sources` (trafilatura and the page's metadata). What a feed or
the user knows better (the headline, the outlet, the date, the author, the address) is laid
over it, and the result is written as a JSON record under `web/`, which `Library.add` takes in
like any other file (read → clean → analyse → store). So a page needs no second ingest path,
and a run that stops midway resumes from the records already written.

The table `web_pages` keeps, for each record, the address asked for, the address it ended at
and when it was fetched. It is created here (CREATE TABLE IF NOT EXISTS), not by a store
migration: it belongs to this module alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from index.atomic import write_text_atomic
from index.fetch import Fetched, Fetcher, FetchError
from index.model import IngestReport
from index.progress import ProgressCallback
from index.store import Store

if TYPE_CHECKING:
    from index.library import Library

WEB_FOLDER = "web"
RAW_FOLDER = ".raw"  # hidden: a folder walk (`quotedesk index LIBRARY`) never takes raw pages in
_TEXT_TYPES = {"text/plain", "text/markdown"}
_PAGE_TYPES = {"", "text/html", "application/xhtml+xml", "application/xml", "text/xml", "application/octet-stream"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS web_pages (
    file_path TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    final_url TEXT NOT NULL DEFAULT '',
    fetched TEXT NOT NULL,
    feed_id INTEGER
);
CREATE INDEX IF NOT EXISTS web_pages_url ON web_pages(url)
"""


class PageError(Exception):
    """A fetched page that holds no article; str() is one sentence."""


@dataclass(frozen=True)
class WebPage:
    """Where a library file from the web came from, and when."""

    file_path: str
    url: str
    final_url: str
    fetched: str
    feed_id: int | None


@dataclass
class UrlReport:
    """What `add_urls` did: the ingest run, and the addresses that failed with why."""

    ingest: IngestReport = field(default_factory=IngestReport)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, one sentence)
    files: list[Path] = field(default_factory=list)


def ensure(store: Store) -> None:
    """Create this module's table if the library has none yet."""
    execute_script(store, SCHEMA)


def has_tables(store: Store, script: str) -> bool:
    """Whether the library has every table a module's script creates."""
    wanted = set(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", script))
    rows = store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return wanted <= {row[0] for row in rows}


def execute_script(store: Store, script: str) -> None:
    """Run a module's CREATE … IF NOT EXISTS statements, unless all its tables are there already."""
    if has_tables(store, script):
        return
    with store.transaction():
        for statement in script.split(";"):
            if statement.strip():
                store.db.execute(statement)


def page_key(url: str) -> str:
    """A record's file name (without suffix), stable for one address."""
    return hashlib.sha1(url.strip().encode("utf-8", "surrogatepass")).hexdigest()[:16]


def web_folder(root: Path) -> Path:
    return root / WEB_FOLDER


def record_path(root: Path, url: str) -> Path:
    return web_folder(root) / f"{page_key(url)}.json"


def read_page(root: Path, key: str, content: bytes, content_type: str = "") -> tuple[str, dict[str, str]]:
    """A page's article text (paragraphs split by blank lines) and the metadata it states, read as
    a saved page of that kind is; raises PageError when there is none."""
    from index.sources import SkipFile, read_file_report

    if content_type in _TEXT_TYPES:
        suffix = ".md" if content_type == "text/markdown" else ".txt"
    elif content_type in _PAGE_TYPES or content_type.endswith("+xml") or content_type.startswith("text/"):
        suffix = ".html"
    else:
        raise PageError(f"it is not a web page but {content_type}")
    raw = web_folder(root) / RAW_FOLDER / f"{key}{suffix}"
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_bytes(content)
    try:
        documents, _ = read_file_report(raw)
    except SkipFile as reason:
        raise PageError(str(reason)) from None
    if not documents:
        raise PageError("no article text found in the page")
    document = documents[0]
    paragraphs = [line.strip() for line in document.text.split("\n") if line.strip()]
    return "\n\n".join(paragraphs), dict(document.meta)


def write_record(root: Path, url: str, text: str, meta: Mapping[str, str], overrides: Mapping[str, str]) -> Path:
    """Write a page's JSON record: its text, its metadata, and over them the `overrides` that say something."""
    record: dict[str, str] = {key: value for key, value in meta.items() if value}
    record.update({key: " ".join(value.split()) for key, value in overrides.items() if value and value.strip()})
    record["text"] = text
    path = record_path(root, url)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return path


def save_page(root: Path, fetched: Fetched, overrides: Mapping[str, str]) -> Path:
    """Read a fetched page and write its record; raises PageError."""
    text, meta = read_page(root, page_key(fetched.url), fetched.content, fetched.content_type)
    return write_record(root, fetched.url, text, meta, {"url": fetched.url, **overrides})


def record_page(store: Store, path: Path, fetched: Fetched, feed_id: int | None = None) -> None:
    """Keep where a record came from and when (inside the caller's transaction)."""
    store.db.execute(
        "INSERT OR REPLACE INTO web_pages(file_path, url, final_url, fetched, feed_id) VALUES (?, ?, ?, ?, ?)",
        (str(path.resolve()), fetched.url, fetched.final_url, fetched.fetched_at, feed_id),
    )


def page_of(library: Library, article_id: str) -> WebPage | None:
    """Where an article from the web came from and when it was fetched; None for an article from a file."""
    store = library.store
    if not has_tables(store, SCHEMA):  # a library that never fetched anything: nothing to create for a read
        return None
    row = store.db.execute(
        "SELECT w.* FROM web_pages w JOIN articles a ON a.file_path = w.file_path WHERE a.id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return None
    return WebPage(row["file_path"], row["url"], row["final_url"], row["fetched"], row["feed_id"])


def fetch_pages(
    library: Library, urls: Sequence[str], fetcher: Fetcher, on_fetch: Callable[[str, str], None] | None = None
) -> UrlReport:
    """Fetch pages and write their records (not yet ingested); each failure is one sentence and
    never stops the others. `on_fetch(url, error)` is told of each address as it is done ("" when
    it was fetched)."""
    ensure(library.store)
    report = UrlReport()
    for url in urls:
        try:
            fetched = fetcher.get(url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
            path = save_page(library.root, fetched, {})
        except (FetchError, PageError, OSError) as error:
            reason = _sentence(error)
            report.failed.append((url, reason))
            if on_fetch:
                on_fetch(url, reason)
            continue
        with library.store.transaction():
            record_page(library.store, path, fetched)
        report.files.append(path)
        if on_fetch:
            on_fetch(url, "")
    return report


def add_urls(
    library: Library,
    urls: Sequence[str],
    fetcher: Fetcher,
    progress: ProgressCallback | None = None,
    *,
    nlp: bool = True,
    jobs: int = 1,
    paths: Sequence[str | Path] = (),
    on_fetch: Callable[[str, str], None] | None = None,
) -> UrlReport:
    """Fetch pages and ingest them, with the files and folders in `paths`, in one run (holding the
    writer lock throughout: a second writer is told so before anything is fetched)."""
    with library.writing():
        report = fetch_pages(library, urls, fetcher, on_fetch)
        if report.files or paths:
            report.ingest = library.add([*paths, *report.files], progress, nlp=nlp, jobs=jobs)
    return report


def _sentence(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    if isinstance(error, OSError) and not isinstance(error, FetchError):
        text = f"cannot write to the library ({error.strerror or error})"
    return text if text.endswith(".") else f"{text[0].upper()}{text[1:]}."
