"""Keeping the Whoosh index in step with the store: index, heal, repair, check and rebuild.

The store is the system of record; the search index is derived from it and can always be
rebuilt from it without reading a file. Each stored article records whether it is indexed and
the key of the actor and quote fields it was indexed with, so a relink re-indexes only the
articles whose fields changed.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
import sqlite3
import struct
import zlib
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from index.errors import LibraryError, LibraryLocked
from index.faults import SearchIndexDamaged
from index.locking import WriterLock
from index.model import Actor, Article, IngestProgress, SearchHit
from index.progress import ProgressCallback, notify
from index.search import INDEX_VERSION, IndexDocument, QueryError, SearchIndex
from index.store import Store

IndexFields = tuple[str, str]  # (actor names, quote texts) of one article's index document
# Above this many articles, their fields and documents are read from whole tables, not per article.
_BULK = 256
_DOCUMENT_COLUMNS = "id, path, title, outlet, date, category, body"


def index_document(article: Article, fields: IndexFields) -> IndexDocument:
    """What the index holds of `article`, with its actor and quote fields."""
    actor_names, quotes = fields
    return IndexDocument(
        id=article.id,
        title=article.title,
        body=article.body,
        outlet=article.outlet,
        date=article.date,
        category=article.category,
        path=article.path,
        actors=actor_names,
        quotes=quotes,
    )


def actors_by_id(store: Store) -> dict[str, Actor]:
    """Every linked actor by id, loaded once: one query per actor per article made relinking slow."""
    return {actor.id: actor for actor in store.actors()}


def index_fields(store: Store, article_id: str, actors: dict[str, Actor]) -> IndexFields:
    """The actor and quote fields of an article's index document, from the store."""
    links = store.actor_links(article_id)
    names: list[str] = []
    for local in store.local_actors(article_id):
        names.append(local.name)
        names.extend(local.variants)
        names.extend(_names_of(actors.get(links.get(local.key, ""))))
    # "the prime minister said": its holder is an actor here, and so is a speaker the user corrected to
    for holder in store.given_speakers(article_id):
        names.extend(_names_of(actors.get(holder.actor_id)))
    quotes = [quote.text for quote in store.quotes(article_id=article_id)]
    return " ".join(dict.fromkeys(names)), "\n".join(quotes)


def _names_of(actor: Actor | None) -> list[str]:
    """A linked actor's name and aliases, as an article's actor field holds them (none for no actor)."""
    return [actor.name, *actor.aliases] if actor else []


def fields_key(fields: IndexFields) -> str:
    """A digest of an article's index fields: equal keys need no re-indexing."""
    actor_names, quotes = fields
    return hashlib.sha1(f"{actor_names}\x00{quotes}".encode("utf-8", "surrogatepass")).hexdigest()


def fields_of(store: Store, ids: Collection[str] | None = None) -> dict[str, IndexFields]:
    """The actor and quote fields of many articles (every article when `ids` is None).

    A few queries over whole tables instead of three per article: at 20,000 articles the
    per-article queries took seconds at every relink.
    """
    if ids is not None and len(ids) <= _BULK:
        actors = actors_by_id(store)
        return {article_id: index_fields(store, article_id, actors) for article_id in ids}
    wanted = None if ids is None else set(ids)
    actors = actors_by_id(store)
    links: dict[tuple[str, int], str] = {}
    for article_id, key, actor_id in store.db.execute("SELECT article_id, key, actor_id FROM actor_links"):
        links[(article_id, key)] = actor_id
    names: dict[str, list[str]] = {}
    rows = store.db.execute("SELECT article_id, key, name, variants FROM local_actors ORDER BY article_id, key")
    for article_id, key, name, variants in rows:
        if wanted is not None and article_id not in wanted:
            continue
        found = names.setdefault(article_id, [])
        found.append(name)
        found.extend(json.loads(variants))
        found.extend(_names_of(actors.get(links.get((article_id, key), ""))))
    for holder in store.given_speakers():
        actor = actors.get(holder.actor_id)
        if actor and (wanted is None or holder.article_id in wanted):
            names.setdefault(holder.article_id, []).extend(_names_of(actor))
    quotes: dict[str, list[str]] = {}
    for quote in store.quotes():
        if wanted is None or quote.article_id in wanted:
            quotes.setdefault(quote.article_id, []).append(quote.text)
    article_ids = store.article_ids() if wanted is None else wanted
    return {
        article_id: (" ".join(dict.fromkeys(names.get(article_id, ()))), "\n".join(quotes.get(article_id, ())))
        for article_id in article_ids
    }


def documents(store: Store, fields: dict[str, IndexFields]) -> Iterator[IndexDocument]:
    """The index documents of the stored articles in `fields`, in the order they were stored, read lazily.

    Store order, not id order: ids hash file paths, and Whoosh breaks ties in the order documents
    were written, so id order would make results depend on where the files live. Only the columns
    the index holds are read (not the original file text), one row at a time.
    """
    if len(fields) <= _BULK:
        rows = []
        for article_id in fields:
            row = store.db.execute(f"SELECT rowid, {_DOCUMENT_COLUMNS} FROM articles WHERE id = ?", (article_id,))
            rows.extend(row.fetchall())
        for row in sorted(rows, key=lambda row: row[0]):
            yield _document(row[1:], fields[row[1]])
        return
    for row in store.db.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM articles ORDER BY rowid"):
        if row[0] in fields:
            yield _document(row, fields[row[0]])


def _document(row: Sequence[str], fields: IndexFields) -> IndexDocument:
    article_id, path, title, outlet, date, category, body = row
    actor_names, quotes = fields
    return IndexDocument(
        id=article_id,
        title=title,
        body=body,
        outlet=outlet,
        date=date,
        category=category,
        path=path,
        actors=actor_names,
        quotes=quotes,
    )


def index_articles(
    store: Store,
    search_index: SearchIndex,
    ids: Sequence[str],
    delete: Sequence[str] = (),
    fields: dict[str, IndexFields] | None = None,
) -> None:
    """Index stored articles in one commit; `fields` holds actor and quote fields already worked out."""
    fields = dict(fields or {})
    missing = [article_id for article_id in ids if article_id not in fields]
    if missing:
        fields.update(fields_of(store, missing))
    wanted = {article_id: fields[article_id] for article_id in ids}
    search_index.update(documents(store, wanted), delete=delete)
    with store.transaction():
        store.set_indexed(list(wanted), {article_id: fields_key(value) for article_id, value in wanted.items()})


def sync_index(
    store: Store,
    search_index: SearchIndex,
    *,
    delete: Sequence[str] = (),
    progress: ProgressCallback | None = None,
) -> int:
    """Bring the index in step with the store in one commit; returns the documents written.

    Writes every article not indexed yet (a relink marks so, in its own commit, every article
    whose actor or quote fields it changed: `stale_fields`); deletes the documents of `delete`.
    Each document is written once, with the fields it has now.
    """
    if not search_index.exists() and not store.article_count():
        return 0
    unindexed = store.article_ids(indexed=False)
    changed = fields_of(store, unindexed) if unindexed else {}
    if not changed and not delete:
        return 0
    notify(progress, IngestProgress(0, len(changed), "", "indexing"))
    count = search_index.update(documents(store, changed), delete=delete)
    if changed:
        with store.transaction():
            store.set_indexed(list(changed), {article_id: fields_key(value) for article_id, value in changed.items()})
    return count


def stale_fields(store: Store) -> list[str]:
    """The indexed articles whose actor or quote fields are no longer what the index holds."""
    stored_keys = store.index_keys()
    fields = fields_of(store)
    return sorted(a for a, value in fields.items() if a in stored_keys and stored_keys[a] != fields_key(value))


def refresh_changed_fields(store: Store, search_index: SearchIndex, progress: ProgressCallback | None) -> None:
    """Re-index the articles whose actor or quote fields changed (after a relink: it marked them not
    indexed), and any not indexed yet."""
    if search_index.exists():
        sync_index(store, search_index, progress=progress)


def rebuild_index(store: Store, search_index: SearchIndex, progress: ProgressCallback | None = None) -> int:
    """Build the search index afresh from the store, without reading any file."""
    total = store.article_count()
    fields = fields_of(store)
    count = search_index.rebuild(
        documents(store, fields), progress=lambda n: notify(progress, IngestProgress(n, total, "", "indexing"))
    )
    with store.transaction():
        store.set_indexed(list(fields), {article_id: fields_key(value) for article_id, value in fields.items()})
        store.set_meta("index_version", INDEX_VERSION)
    return count


# What a damaged Whoosh index raises (a segment deleted or cut short): never a query's fault.
INDEX_DAMAGE: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    struct.error,
    zlib.error,
    pickle.UnpicklingError,
    ValueError,
    IndexError,
    KeyError,
)


def _is_damage(error: BaseException) -> bool:
    """An error from reading the index that means it is damaged (not a query the user typed, not a
    full disk or a read-only folder, which say so themselves)."""
    from index.faults import is_disk_full

    if isinstance(error, QueryError) or is_disk_full(error):
        return False
    return isinstance(error, INDEX_DAMAGE) or type(error).__module__.startswith("whoosh")


def index_health(search_index: SearchIndex) -> tuple[set[str] | None, str]:
    """(the ids the index holds, "") when it can be read; (None, "") when there is none; (None, why)
    when it is damaged. Opens every segment and reads every stored id: some 50 ms for the BBC corpus."""
    try:
        if not search_index.exists():
            return None, ""
        search_index.forget()
        return search_index.doc_ids(), ""
    except Exception as error:  # noqa: BLE001 - sorted by _is_damage below
        if not _is_damage(error):
            raise
        search_index.forget()
        return None, f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def heal(store: Store, search_index: SearchIndex, relink: Callable[[], None]) -> None:
    """Finish what an interrupted run left: index stored articles the index lacks, drop indexed
    articles the store no longer holds, and `relink` when the last run stored articles without
    relinking (the relink indexes them, once). A damaged or outdated index is rebuilt from the store."""
    outdated = store.get_meta("index_version") != INDEX_VERSION
    ids, damage = index_health(search_index) if not outdated else (None, "")
    if ids is None or outdated:
        if store.article_count():
            rebuild_index(store, search_index)
        else:
            if damage:
                shutil.rmtree(search_index.path, ignore_errors=True)
            search_index.open()  # an empty index, so a run killed after its first batch leaves one
            with store.transaction():
                store.set_meta("index_version", INDEX_VERSION)
    else:
        stored = set(store.article_ids())
        orphans = ids - stored  # a run killed after deleting an article from the store, before its index commit
        # Marked indexed but not in the index (the index was replaced or lost documents); articles
        # not indexed yet are written once below, by the relink or the sync.
        lost = sorted(stored - ids - set(store.article_ids(indexed=False)))
        if lost or orphans:
            index_articles(store, search_index, lost, delete=sorted(orphans))
    if store.links_dirty():
        relink()
    elif store.has_unindexed():
        sync_index(store, search_index)


def prepare_for_search(
    store: Store,
    search_index: SearchIndex,
    lock: WriterLock,
    relink: Callable[[], None],
    *,
    read_only: bool = False,
) -> bool:
    """Make the index usable before a search; False when there is nothing to search.

    The index is derived: what a killed run left out is built now, from the store. That is
    skipped while another writer is at work (its own run indexes its articles), unless there
    is no usable index at all; on a read-only library, or when the disk is full, the index is
    searched as it is.
    """
    from index.faults import is_disk_full

    missing = not search_index.exists() or store.get_meta("index_version") != INDEX_VERSION
    if missing and not store.article_count():
        return False
    if read_only:
        if missing:
            raise LibraryError(
                f"The library at {search_index.path.parent} has no up-to-date search index and is read-only, so "
                "none can be built here; run `quotedesk reindex` where it is writable."
            )
        return True
    if missing:
        _repair(store, search_index, lock, relink, required=True)
    elif store.has_unindexed():
        try:
            _repair(store, search_index, lock, relink, required=False)
        except (OSError, sqlite3.Error) as error:
            if not is_disk_full(error):
                raise
            # No room to finish what a run left: the store is whole, search the index as it is.
    return True


def _repair(
    store: Store, search_index: SearchIndex, lock: WriterLock, relink: Callable[[], None], *, required: bool
) -> None:
    try:
        with lock.hold():
            heal(store, search_index, relink)
    except LibraryLocked as error:
        if required:
            raise LibraryError(
                "The search index is being built by another quotedesk; search again when it finishes."
            ) from error


def search(
    store: Store,
    search_index: SearchIndex,
    lock: WriterLock,
    query: str,
    *,
    notices: list[str],
    read_only: bool = False,
    **options: Any,
) -> tuple[list[SearchHit], int, str]:
    """`search_index.search`, with a damaged index rebuilt from the store (once) and searched again.

    Where it cannot be rebuilt (a read-only library, another writer at work) the sentence says so.
    """
    try:
        return search_index.search(query, **options)
    except Exception as error:  # noqa: BLE001 - only damage is handled; the rest goes on
        if not _is_damage(error):
            raise
        why = f"{type(error).__name__}: {error}"
    search_index.forget()
    place = search_index.path
    if read_only:
        raise SearchIndexDamaged(
            f"The search index {place} is damaged ({why}) and the library is read-only; "
            "run `quotedesk reindex` where it is writable."
        )
    try:
        with lock.hold():
            rebuild_index(store, search_index)
    except LibraryLocked as locked:
        raise SearchIndexDamaged(
            f"The search index {place} is damaged ({why}) and another quotedesk is writing; "
            "run `quotedesk reindex` when it finishes."
        ) from locked
    notices.append(f"The search index was damaged ({why}); it was rebuilt from the library.")
    return search_index.search(query, **options)


@dataclass
class CheckReport:
    """What `check` found: problems (exit 1; `fix` names the command that mends them) and what an
    interrupted run left for the next to finish (no problem: the next run or search does it)."""

    problems: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    fix: str = ""


def check(store: Store, search_index: SearchIndex) -> CheckReport:
    """SQLite's integrity check of the store, then the store against the search index."""
    report = CheckReport()
    damage = store.integrity_problems()
    if damage:
        shown = "; ".join(damage[:3]) + (f" (and {len(damage) - 3} more)" if len(damage) > 3 else "")
        report.problems.append(f"The library database {store.path} is damaged: {shown}.")
        report.fix = "repair"
        return report
    ids, why = index_health(search_index)
    if why:
        report.problems.append(f"The search index {search_index.path} is damaged ({why}).")
        report.fix = "reindex"
        ids = None
    stored = set(store.article_ids())
    unindexed = set(store.article_ids(indexed=False))
    interrupted = bool(unindexed) or store.links_dirty()
    if ids is None and not why:
        if stored:
            report.pending.append(
                f"The search index is not built yet: the next search or `quotedesk index` builds it "
                f"from the {len(stored)} stored articles."
            )
        ids = set()
    elif ids is not None and store.get_meta("index_version") != INDEX_VERSION:
        report.pending.append("The search index is of an older version: the next search rebuilds it from the store.")
    if ids is not None and not why:
        behind = (stored - ids) & unindexed
        lost = (stored - ids) - unindexed
        orphans = ids - stored
        if behind:
            report.pending.append(
                f"{len(behind)} stored articles are not in the search index yet: "
                "the next search or `quotedesk index` adds them."
            )
        if lost:
            report.problems.append(f"{len(lost)} stored articles are missing from the search index.")
            report.fix = report.fix or "reindex"
        if orphans and interrupted:
            report.pending.append(
                f"{len(orphans)} articles removed from the store are still in the search index: "
                "the next search or `quotedesk index` removes them."
            )
        elif orphans:
            report.problems.append(f"{len(orphans)} indexed articles are no longer in the store.")
            report.fix = report.fix or "reindex"
    if store.links_dirty():
        report.pending.append(
            "Actors and statements were not relinked after the last ingest: the next `quotedesk index` "
            "relinks them (or `quotedesk reindex` now)."
        )
    return report
