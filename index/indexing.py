"""Keeping the Whoosh index in step with the store: index, heal, repair, check and rebuild.

The store is the system of record; the search index is derived from it and can always be
rebuilt from it without reading a file. Each stored article records whether it is indexed and
the key of the actor and quote fields it was indexed with, so a relink re-indexes only the
articles whose fields changed.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
import sqlite3
import struct
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
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
        actor = actors.get(links.get(local.key, ""))
        if actor:
            names.append(actor.name)
            names.extend(actor.aliases)
    quotes = [quote.text for quote in store.quotes(article_id=article_id)]
    return " ".join(dict.fromkeys(names)), "\n".join(quotes)


def fields_key(fields: IndexFields) -> str:
    """A digest of an article's index fields: equal keys need no re-indexing."""
    actor_names, quotes = fields
    return hashlib.sha1(f"{actor_names}\x00{quotes}".encode("utf-8", "surrogatepass")).hexdigest()


def index_articles(
    store: Store,
    search_index: SearchIndex,
    ids: Sequence[str],
    delete: Sequence[str] = (),
    fields: dict[str, IndexFields] | None = None,
) -> None:
    """Index stored articles in one commit; `fields` holds actor and quote fields already worked out."""
    fields = fields or {}
    actors = actors_by_id(store) if len(fields) < len(ids) else {}
    documents, keys = [], {}
    for article in store.articles(ids):
        article_fields = fields.get(article.id) or index_fields(store, article.id, actors)
        documents.append(index_document(article, article_fields))
        keys[article.id] = fields_key(article_fields)
    search_index.update(documents, delete=delete)
    with store.transaction():
        store.set_indexed(list(ids), keys)


def refresh_changed_fields(
    store: Store, search_index: SearchIndex, article_ids: Iterable[str], progress: ProgressCallback | None
) -> None:
    """Re-index those of `article_ids` whose actor or quote fields changed (after a relink)."""
    if not search_index.exists():
        return
    stored_keys = store.index_keys()
    actors = actors_by_id(store)
    changed: dict[str, IndexFields] = {}
    for article_id in article_ids:
        article_fields = index_fields(store, article_id, actors)
        if stored_keys.get(article_id) != fields_key(article_fields):
            changed[article_id] = article_fields
    if changed:
        notify(progress, IngestProgress(0, len(changed), "", "indexing"))
        index_articles(store, search_index, list(changed), fields=changed)


def rebuild_index(store: Store, search_index: SearchIndex, progress: ProgressCallback | None = None) -> int:
    """Build the search index afresh from the store, without reading any file."""
    total = store.article_count()
    keys: dict[str, str] = {}
    actors = actors_by_id(store)

    def documents() -> Iterator[IndexDocument]:
        for article in store.articles():
            article_fields = index_fields(store, article.id, actors)
            keys[article.id] = fields_key(article_fields)
            yield index_document(article, article_fields)

    count = search_index.rebuild(
        documents(), progress=lambda n: notify(progress, IngestProgress(n, total, "", "indexing"))
    )
    with store.transaction():
        store.set_indexed(list(keys), keys)
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
    relinking. A damaged or outdated index is rebuilt from the store."""
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
        missing = sorted((stored - ids) | set(store.article_ids(indexed=False)))
        if missing or orphans:
            index_articles(store, search_index, missing, delete=sorted(orphans))
    if store.links_dirty():
        relink()


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
