"""Feeds: subscriptions (RSS 0.9x/1.0/2.0, Atom), their refresh, and OPML import and export.

A refresh asks each feed with a conditional request (nothing is downloaded when it has not
changed), in `jobs` threads; the polite per-host delay of `index.fetch` keeps one site from
being asked twice at once. Each new entry becomes a page record (`index.web`): the entry's own
content when the feed carries the article, else its page fetched and read as a saved page is;
the feed's title (or the outlet the user gave) is the outlet, and the entry's headline, date,
author and link are laid over what the page says. Then all records go through one ingest run.

Resuming: a feed's entries are recorded in the library (with their records) in the same
transaction as its new validators, so a refresh that stops, during fetching or during ingest,
leaves entries "saved" that the next refresh ingests, and never loses one behind a 304. An
entry whose page failed is tried again on the next refresh.

Errors are per feed and per entry: one sentence each, and the others go on.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
import threading
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from index import web
from index.fetch import Fetched, Fetcher, FetchError
from index.model import IngestReport, now_timestamp
from index.progress import ProgressCallback
from index.sources import sanitize_text
from index.store import Store

if TYPE_CHECKING:
    from index.library import Library

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
MAX_OPML_BYTES = 5 * 1024 * 1024
FULL_CONTENT_CHARS = 600  # an entry whose content has at least this much text carries the article

SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '',
    site TEXT NOT NULL DEFAULT '',
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    added TEXT NOT NULL,
    refreshed TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS feed_entries (
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    file_path TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT '',
    seen TEXT NOT NULL,
    PRIMARY KEY (feed_id, key)
);
CREATE INDEX IF NOT EXISTS feed_entries_state ON feed_entries(state)
"""

# Entry states: saved (its record is written, not yet ingested), stored (ingested), failed
# (its page could not be had; tried again next time).
SAVED, STORED, FAILED = "saved", "stored", "failed"


class FeedError(Exception):
    """A feed that cannot be added, read or found; str() is one sentence."""


@dataclass
class Feed:
    id: int
    url: str
    title: str
    outlet: str  # the outlet its articles get ("" for: its title)
    site: str  # the site's own address, as the feed gives it
    etag: str
    last_modified: str
    added: str
    refreshed: str
    error: str
    stored: int = 0  # entries in the library
    pending: int = 0  # entries saved or failed, waiting for the next refresh
    unread: int = 0  # its articles in the library not yet read

    @property
    def name(self) -> str:
        return self.outlet or self.title or self.url


@dataclass
class Entry:
    """One item of a feed, as parsed."""

    key: str  # its id, else its link, else a hash of its title and date
    link: str
    title: str
    date: str  # ISO YYYY-MM-DD, "" when the feed gives none
    author: str
    content: str  # HTML of the full content, "" when the feed carries only a summary
    summary: str  # HTML


@dataclass
class ParsedFeed:
    title: str
    site: str
    entries: list[Entry]


@dataclass
class FeedOutcome:
    """What a refresh did with one feed."""

    feed: Feed
    new: int = 0  # entries added to the library this run
    not_modified: bool = False
    error: str = ""  # why the feed itself failed ("" when it did not)
    entry_errors: list[tuple[str, str]] = field(default_factory=list)  # (entry link or title, why)


@dataclass
class RefreshReport:
    feeds: list[FeedOutcome] = field(default_factory=list)
    ingest: IngestReport = field(default_factory=IngestReport)


@dataclass
class _Checked:
    """A feed's fetch, from a worker thread: its new validators and its entries' records."""

    feed: Feed
    fetched: Fetched | None = None
    parsed: ParsedFeed | None = None
    error: str = ""
    saved: list[tuple[Entry, Path, Fetched | None]] = field(default_factory=list)  # None: an existing record
    failed: list[tuple[Entry, str]] = field(default_factory=list)


# --- the tables ------------------------------------------------------------------------------------


def ensure(store: Store) -> None:
    """Create the feed tables (and the page table) if the library has none yet."""
    web.ensure(store)
    web.execute_script(store, SCHEMA)


def feeds(library: Library) -> list[Feed]:
    """The followed feeds, oldest first, with how many of their entries are in the library."""
    store = library.store
    ensure(store)
    rows = store.db.execute(
        """SELECT f.*,
               (SELECT COUNT(*) FROM feed_entries e WHERE e.feed_id = f.id AND e.state = 'stored') AS stored,
               (SELECT COUNT(*) FROM feed_entries e WHERE e.feed_id = f.id AND e.state != 'stored') AS pending,
               (SELECT COUNT(*) FROM articles a
                  WHERE a.file_path IN (SELECT e.file_path FROM feed_entries e
                                        WHERE e.feed_id = f.id AND e.state = 'stored')
                    AND a.id NOT IN (SELECT article_id FROM reads)) AS unread
           FROM feeds f ORDER BY f.id"""
    ).fetchall()
    return [_feed_from_row(row) for row in rows]


def _feed_from_row(row: Any) -> Feed:
    keys = row.keys()
    return Feed(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        outlet=row["outlet"],
        site=row["site"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        added=row["added"],
        refreshed=row["refreshed"],
        error=row["error"],
        stored=row["stored"] if "stored" in keys else 0,
        pending=row["pending"] if "pending" in keys else 0,
        unread=row["unread"] if "unread" in keys else 0,
    )


def find_feed(library: Library, value: str) -> Feed:
    """A feed by its number (as `feeds list` shows it), its address or its title."""
    value = value.strip()
    found = feeds(library)
    for feed in found:
        names = (feed.title.casefold(), feed.name.casefold())
        if value in (str(feed.id), feed.url) or value.casefold() in names:
            return feed
    raise FeedError(f"No feed “{value}”; `quotedesk feeds list` shows them with their numbers.")


def feed_record(feed: Feed) -> dict[str, object]:
    """A feed as `quotedesk feeds list --json` prints it."""
    return {
        "id": feed.id,
        "title": feed.title,
        "outlet": feed.name,
        "url": feed.url,
        "site": feed.site,
        "added": feed.added,
        "refreshed": feed.refreshed,
        "articles": feed.stored,
        "waiting": feed.pending,
        "unread": feed.unread,
        "error": feed.error,
    }


def feed_address(value: str) -> str:
    """A feed's address from what the user typed: a web address as it is, a file as a file: address."""
    value = value.strip()
    scheme = urlsplit(value).scheme.lower()
    if scheme in ("http", "https", "file"):
        return value
    path = Path(value).expanduser()
    if not path.exists():
        raise FeedError(f"“{value}” is neither a web address (http:// or https://) nor a file.")
    return path.resolve().as_uri()


def add_feed(library: Library, fetcher: Fetcher, value: str, *, outlet: str = "") -> tuple[Feed, int]:
    """Subscribe to a feed after checking that it is one; returns it and how many entries it has now.

    Its entries come in with the next refresh.
    """
    store = library.store
    ensure(store)
    url = feed_address(value)
    existing = [feed for feed in feeds(library) if feed.url == url]
    if existing:
        raise FeedError(f"Already following {url} (feed {existing[0].id}).")
    try:
        fetched = fetcher.get(url, accept=FEED_ACCEPT)
        try:
            parsed = parse_feed(fetched.content, fetched.final_url)
        except FeedError:
            found = discover_feed(fetched.content, fetched.final_url)  # a site's page that names its feed
            if not found:
                raise
            url = found
            existing = [feed for feed in feeds(library) if feed.url == url]
            if existing:
                raise FeedError(f"Already following {url} (feed {existing[0].id}).") from None
            fetched = fetcher.get(url, accept=FEED_ACCEPT)
            parsed = parse_feed(fetched.content, fetched.final_url)
    except FetchError as error:
        raise FeedError(str(error)) from None
    with store.transaction():
        cursor = store.db.execute(
            "INSERT INTO feeds(url, title, outlet, site, added) VALUES (?, ?, ?, ?, ?)",
            (url, parsed.title, _line(outlet), parsed.site, now_timestamp()),
        )
    feed_id = cursor.lastrowid
    assert feed_id is not None
    return find_feed(library, str(feed_id)), len(parsed.entries)


class _FeedLinks(HTMLParser):
    """The feeds a web page names in its head: <link rel="alternate" type="application/rss+xml" href=…>."""

    TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name.lower(): (value or "") for name, value in attrs}
        rel = values.get("rel", "").lower().split()
        if "alternate" in rel and values.get("type", "").lower() in self.TYPES and values.get("href"):
            self.found.append(values["href"].strip())


def discover_feed(content: bytes, base: str) -> str:
    """The first feed a web page links to as its alternate, as an absolute address; "" when none."""
    parser = _FeedLinks()
    try:
        parser.feed(content[: 512 * 1024].decode("utf-8", "replace"))
    except (ValueError, AssertionError):
        return ""
    for href in parser.found:
        address = urljoin(base, href)
        if urlsplit(address).scheme.lower() in ("http", "https"):
            return address
    return ""


def subscribe(library: Library, url: str, title: str = "", site: str = "") -> bool:
    """Record a feed without fetching it (OPML import); False when it is already followed."""
    store = library.store
    ensure(store)
    with store.transaction():
        cursor = store.db.execute(
            "INSERT OR IGNORE INTO feeds(url, title, site, added) VALUES (?, ?, ?, ?)",
            (url.strip(), _line(title), site.strip(), now_timestamp()),
        )
    return cursor.rowcount > 0


def remove_feed(library: Library, value: str) -> Feed:
    """Stop following a feed; the articles it brought stay in the library."""
    store = library.store
    feed = find_feed(library, value)
    with store.transaction():
        store.db.execute("DELETE FROM feed_entries WHERE feed_id = ?", (feed.id,))
        store.db.execute("DELETE FROM feeds WHERE id = ?", (feed.id,))
    return feed


# --- parsing -------------------------------------------------------------------------------------------


def parse_feed(content: bytes, url: str = "") -> ParsedFeed:
    """Parse RSS or Atom bytes (never a str: feedparser would take it for an address); raises FeedError."""
    import feedparser

    parsed = feedparser.parse(bytes(content), response_headers={"content-location": url} if url else None)
    channel = parsed.get("feed", {})
    version = parsed.get("version", "")
    if not version and not parsed.get("entries"):
        problem = parsed.get("bozo_exception")
        detail = f" ({_line(str(problem)).rstrip('.')})" if problem else ""
        raise FeedError(f"{url or 'This'} is not an RSS or Atom feed{detail}.")
    entries = [_entry(item, url) for item in parsed.get("entries", [])]
    site = str(channel.get("link", "") or "")
    return ParsedFeed(title=_line(channel.get("title", "")), site=site, entries=entries)


def _entry(item: Any, base: str) -> Entry:
    link = str(item.get("link", "") or "").strip()
    if link and base:
        link = urljoin(base, link)
    title = _line(item.get("title", ""))
    date = _entry_date(item)
    content = ""
    for part in item.get("content", []) or []:
        value = str(part.get("value", "") or "")
        if len(value) > len(content):
            content = value
    summary = str(item.get("summary", "") or "")
    if content and _text_length(content) <= _text_length(summary):
        content = ""  # a content element that only repeats the summary
    key = str(item.get("id", "") or "").strip() or link
    if not key:
        key = hashlib.sha1(f"{title}\n{date}\n{summary}".encode("utf-8", "surrogatepass")).hexdigest()
    return Entry(key, link, title, date, _line(item.get("author", "")), content, summary)


def _entry_date(item: Any) -> str:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = item.get(name)
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC).date().isoformat()
            except (OverflowError, ValueError, TypeError):
                continue
    return ""


_TAG = re.compile(r"<[^>]+>")


def _text_length(html: str) -> int:
    return len(" ".join(_TAG.sub(" ", html).split()))


def _line(value: object) -> str:
    return " ".join(sanitize_text(str(value or "")).split())


# --- refresh ---------------------------------------------------------------------------------------------


def refresh(
    library: Library,
    fetcher: Fetcher,
    *,
    jobs: int = 1,
    nlp: bool = True,
    only: Sequence[str] = (),
    progress: ProgressCallback | None = None,
    on_feed: Callable[[FeedOutcome], None] | None = None,
) -> RefreshReport:
    """Fetch every feed (or those named in `only`), record new entries and ingest them; see the module.

    `on_feed` is told of each feed as its fetching is done (before the ingest run).
    """
    with library.writing():  # a second refresh or ingest is told so before anything is fetched
        return _refresh(library, fetcher, jobs, nlp, only, progress, on_feed)


def _refresh(
    library: Library,
    fetcher: Fetcher,
    jobs: int,
    nlp: bool,
    only: Sequence[str],
    progress: ProgressCallback | None,
    on_feed: Callable[[FeedOutcome], None] | None,
) -> RefreshReport:
    store = library.store
    ensure(store)
    chosen = [find_feed(library, value) for value in only] if only else feeds(library)
    report = RefreshReport()
    outcomes: dict[int, FeedOutcome] = {}
    stop = threading.Event()
    pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="quotedesk-feed")
    try:
        futures: dict[Future[_Checked], Feed] = {
            pool.submit(
                _check_feed, library.root, fetcher, feed, _known_keys(store, feed.id), _failed(store, feed.id), stop
            ): feed
            for feed in chosen
        }
        for future in as_completed(futures):
            checked = future.result()
            outcome = _record(store, checked)
            outcomes[checked.feed.id] = outcome
            report.feeds.append(outcome)
            if on_feed:
                on_feed(outcome)
    finally:
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
    report.feeds.sort(key=lambda outcome: outcome.feed.id)
    report.ingest = _ingest_saved(library, [feed.id for feed in chosen], outcomes, progress, nlp=nlp, jobs=jobs)
    return report


def _known_keys(store: Store, feed_id: int) -> set[str]:
    """Entries of a feed that need nothing more: stored, or saved and waiting for ingest."""
    rows = store.db.execute("SELECT key FROM feed_entries WHERE feed_id = ? AND state != ?", (feed_id, FAILED))
    return {row[0] for row in rows}


def _failed(store: Store, feed_id: int) -> list[Entry]:
    """Entries of a feed whose page could not be had last time, to try again."""
    rows = store.db.execute(
        "SELECT key, link, title, date, author FROM feed_entries WHERE feed_id = ? AND state = ? AND link != ''",
        (feed_id, FAILED),
    )
    return [Entry(row["key"], row["link"], row["title"], row["date"], row["author"], "", "") for row in rows]


def _check_feed(
    root: Path, fetcher: Fetcher, feed: Feed, known: set[str], failed: list[Entry], stop: threading.Event
) -> _Checked:
    """In a worker thread: fetch a feed conditionally, and the pages of its new entries (and, when
    the feed has not changed, of the entries that failed last time). Never raises for a feed's or
    an entry's failure; touches no table (the store is the main thread's)."""
    checked = _Checked(feed)
    try:
        fetched = fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=FEED_ACCEPT)
        checked.fetched = fetched
        entries = failed
        if not fetched.not_modified:
            checked.parsed = parse_feed(fetched.content, fetched.final_url)
            entries = checked.parsed.entries
    except (FetchError, FeedError) as error:
        checked.error = _sentence(error)
        return checked
    outlet = feed.outlet or (checked.parsed.title if checked.parsed else feed.title)
    for entry in entries:
        if stop.is_set():
            break
        if entry.key in known:
            continue
        existing = web.record_path(root, _address(entry, fetched))
        if existing.exists():  # the same page in another feed, or added by address: kept as it is
            checked.saved.append((entry, existing, None))
            continue
        try:
            path, page = _save_entry(root, fetcher, entry, outlet, fetched)
        except (FetchError, web.PageError, OSError) as error:
            checked.failed.append((entry, _sentence(error)))
            continue
        checked.saved.append((entry, path, page))
    return checked


def _address(entry: Entry, feed_fetch: Fetched) -> str:
    """The address an entry's record is kept under: its link, else its place in the feed."""
    return entry.link or f"{feed_fetch.final_url}#{entry.key}"


def _save_entry(root: Path, fetcher: Fetcher, entry: Entry, outlet: str, feed_fetch: Fetched) -> tuple[Path, Fetched]:
    """Write an entry's record: from its full content, else from its page, else from its summary."""
    overrides = {"title": entry.title, "outlet": outlet, "date": entry.date, "byline": entry.author}
    address = _address(entry, feed_fetch)
    overrides["url"] = entry.link
    if entry.content or not entry.link:
        html = entry.content or entry.summary
        page = Fetched(address, address, 200, html.encode("utf-8"), "text/html", "", "", feed_fetch.fetched_at)
        text, meta = _read_fragment(root, address, html)
        return web.write_record(root, address, text, meta, overrides), page
    page = fetcher.get(entry.link, accept=PAGE_ACCEPT)
    text, meta = web.read_page(root, web.page_key(address), page.content, page.content_type)
    return web.write_record(root, address, text, meta, overrides), page


def _read_fragment(root: Path, address: str, html: str) -> tuple[str, dict[str, str]]:
    """The text of an entry's own HTML content, read as a page; paragraphs from its blocks if the
    page reader finds no article in so small a page."""
    document = f"<html><head><meta charset='utf-8'></head><body><article>{html}</article></body></html>"
    try:
        return web.read_page(root, web.page_key(address), document.encode("utf-8"), "text/html")
    except web.PageError:
        pass
    paragraphs = [sanitize_text(block) for block in _blocks(html)]
    text = "\n\n".join(paragraph for paragraph in paragraphs if paragraph.strip())
    if not text:
        raise web.PageError("the entry has no text")
    return text, {}


class _BlockText(HTMLParser):
    """The text of an HTML fragment, one string per block element (p, li, headings, …)."""

    BLOCKS = frozenset("p div li blockquote h1 h2 h3 h4 h5 h6 br tr section article".split())
    SKIPPED = frozenset("script style template".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self._skipping += 1
        elif tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def close(self) -> None:
        super().close()
        self._flush()


def _blocks(html: str) -> list[str]:
    parser = _BlockText()
    parser.feed(html)
    parser.close()
    return parser.blocks


def _record(store: Store, checked: _Checked) -> FeedOutcome:
    """Write a checked feed's state: its validators, title and error, and its entries, in one transaction."""
    feed = checked.feed
    outcome = FeedOutcome(feed, error=checked.error)
    now = now_timestamp()
    with store.transaction():
        if checked.error:
            store.db.execute("UPDATE feeds SET refreshed = ?, error = ? WHERE id = ?", (now, checked.error, feed.id))
            return outcome
        fetched = checked.fetched
        assert fetched is not None
        parsed = checked.parsed
        if parsed is None:
            outcome.not_modified = True
            store.db.execute("UPDATE feeds SET refreshed = ?, error = '' WHERE id = ?", (now, feed.id))
        else:
            store.db.execute(
                """UPDATE feeds SET title = ?, site = ?, etag = ?, last_modified = ?, refreshed = ?, error = ''
                   WHERE id = ?""",
                (
                    parsed.title or feed.title,
                    parsed.site or feed.site,
                    fetched.etag,
                    fetched.last_modified,
                    now,
                    feed.id,
                ),
            )
            if checked.failed and not checked.saved and len(checked.failed) == len(parsed.entries):
                store.db.execute("UPDATE feeds SET error = ? WHERE id = ?", (checked.failed[0][1], feed.id))
        insert = """INSERT OR REPLACE INTO feed_entries(feed_id, key, link, title, date, author, state, file_path,
                        error, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
        for entry, path, page in checked.saved:
            row = (entry.key, entry.link, entry.title, entry.date, entry.author, SAVED, str(path.resolve()), "", now)
            store.db.execute(insert, (feed.id, *row))
            if page is not None:
                web.record_page(store, path, page, feed.id)
        for entry, reason in checked.failed:
            row = (entry.key, entry.link, entry.title, entry.date, entry.author, FAILED, "", reason, now)
            store.db.execute(insert, (feed.id, *row))
            outcome.entry_errors.append((entry.link or entry.title, reason))
    return outcome


def _ingest_saved(
    library: Library,
    feed_ids: Sequence[int],
    outcomes: dict[int, FeedOutcome],
    progress: ProgressCallback | None,
    *,
    nlp: bool,
    jobs: int,
) -> IngestReport:
    """Ingest every saved entry of the feeds (this run's and any an interrupted run left), then mark them stored."""
    store = library.store
    if not feed_ids:
        return IngestReport()
    marks = ",".join("?" * len(feed_ids))
    rows = store.db.execute(
        f"SELECT feed_id, key, file_path FROM feed_entries WHERE state = ? AND feed_id IN ({marks}) ORDER BY seen",
        (SAVED, *feed_ids),
    ).fetchall()
    if not rows:
        return IngestReport()
    files = list(dict.fromkeys(row["file_path"] for row in rows))
    report = library.add([Path(path) for path in files], progress, nlp=nlp, jobs=jobs)
    skipped = dict(report.skipped)
    added = set(report.added) | set(report.updated)
    with store.transaction():
        for row in rows:
            path = row["file_path"]
            reason = skipped.get(path) or skipped.get(f"{path}#1")
            ids = store.article_ids_for_file(path)
            if reason and not ids:
                store.db.execute(
                    "UPDATE feed_entries SET state = ?, error = ? WHERE feed_id = ? AND key = ?",
                    (FAILED, _sentence(reason), row["feed_id"], row["key"]),
                )
                outcome = outcomes.get(row["feed_id"])
                if outcome:
                    outcome.entry_errors.append((row["key"], _sentence(reason)))
                continue
            store.db.execute(
                "UPDATE feed_entries SET state = ?, error = '' WHERE feed_id = ? AND key = ?",
                (STORED, row["feed_id"], row["key"]),
            )
            outcome = outcomes.get(row["feed_id"])
            if outcome and any(article_id in added for article_id in ids):
                outcome.new += 1
    return report


def _sentence(error: BaseException | str) -> str:
    text = _line(error) or (type(error).__name__ if isinstance(error, BaseException) else "failed")
    if isinstance(error, OSError):
        text = f"cannot write to the library ({error.strerror or error})"
    text = f"{text[0].upper()}{text[1:]}"
    return text if text.endswith(".") else f"{text}."


# --- OPML --------------------------------------------------------------------------------------------------


def import_opml(library: Library, path: Path) -> tuple[int, int]:
    """Follow every feed an OPML file lists (outlines with an xmlUrl, at any depth); returns
    (added, already followed). The feeds are fetched on the next refresh."""
    try:
        if path.stat().st_size > MAX_OPML_BYTES:
            raise FeedError(f"{path} is larger than the {MAX_OPML_BYTES // (1024 * 1024)} MB limit for an OPML file.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise FeedError(f"There is no file {path}.") from None
    except OSError as error:
        raise FeedError(f"{path} cannot be read ({error.strerror or error}).") from None
    if b"<!DOCTYPE" in data[:2048].upper() and b"<!ENTITY" in data.upper():
        raise FeedError(f"{path} declares entities; an OPML file has no need of them, so it is not read.")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise FeedError(f"{path} is not an OPML file ({error}).") from None
    if root.tag.lower() != "opml":
        raise FeedError(f"{path} is not an OPML file (its root is <{root.tag}>, not <opml>).")
    added = already = 0
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue
        if urlsplit(url).scheme.lower() not in ("http", "https", "file"):
            continue
        title = outline.get("title") or outline.get("text") or ""
        if subscribe(library, url, title, outline.get("htmlUrl") or ""):
            added += 1
        else:
            already += 1
    return added, already


def export_opml(library: Library) -> str:
    """The followed feeds as an OPML 2.0 document."""
    opml = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(opml, "head")
    ElementTree.SubElement(head, "title").text = "quotedesk feeds"
    ElementTree.SubElement(head, "dateCreated").text = dt.datetime.now(dt.UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    body = ElementTree.SubElement(opml, "body")
    for feed in feeds(library):
        attributes = {"type": "rss", "text": feed.name, "title": feed.title or feed.name, "xmlUrl": feed.url}
        if feed.site:
            attributes["htmlUrl"] = feed.site
        ElementTree.SubElement(body, "outline", attributes)
    ElementTree.indent(opml)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(opml, encoding="unicode") + "\n"
