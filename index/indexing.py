"""Keeping the Whoosh index in step with the store: index, heal, repair, check and rebuild.

The store is the system of record; the search index is derived from it and can always be
rebuilt from it without reading a file. Each stored article records whether it is indexed and
the key of the actor and quote fields it was indexed with, so a relink re-indexes only the
articles whose fields changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence

from index.errors import LibraryError, LibraryLocked
from index.locking import WriterLock
from index.model import Actor, Article, IngestProgress
from index.progress import ProgressCallback, notify
from index.search import INDEX_VERSION, IndexDocument, SearchIndex
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


def heal(store: Store, search_index: SearchIndex, relink: Callable[[], None]) -> None:
    """Finish what an interrupted run left: index stored articles the index lacks, and `relink`
    when the last run stored articles without relinking."""
    outdated = store.get_meta("index_version") != INDEX_VERSION
    if not search_index.exists() or outdated:
        if store.article_count():
            rebuild_index(store, search_index)
        else:
            search_index.open()  # an empty index, so a run killed after its first batch leaves one
            with store.transaction():
                store.set_meta("index_version", INDEX_VERSION)
    missing = store.article_ids(indexed=False)
    if missing:
        index_articles(store, search_index, missing)
    if store.links_dirty():
        relink()


def prepare_for_search(store: Store, search_index: SearchIndex, lock: WriterLock, relink: Callable[[], None]) -> bool:
    """Make the index usable before a search; False when there is nothing to search.

    The index is derived: what a killed run left out is built now, from the store. That is
    skipped while another writer is at work (its own run indexes its articles), unless there
    is no usable index at all.
    """
    if not search_index.exists() or store.get_meta("index_version") != INDEX_VERSION:
        if not store.article_count():
            return False
        _repair(store, search_index, lock, relink, required=True)
    elif store.has_unindexed():
        _repair(store, search_index, lock, relink, required=False)
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


def check(store: Store, search_index: SearchIndex) -> list[str]:
    """Differences between the store and the index, as sentences (empty when they agree)."""
    problems = []
    stored = set(store.article_ids())
    indexed = search_index.doc_ids() if search_index.exists() else set()
    if stored - indexed:
        problems.append(f"{len(stored - indexed)} stored articles are missing from the search index.")
    if indexed - stored:
        problems.append(f"{len(indexed - stored)} indexed articles are no longer in the store.")
    if store.links_dirty():
        problems.append("Actors and statements were not relinked after the last ingest.")
    return problems
