"""What the reader and the command line look up: articles and actors by what a user types, an article's actors."""

from __future__ import annotations

from index.errors import LibraryError
from index.linking import actor_or_none
from index.model import Actor, Article, ArticleActor
from index.store import Store

# People first (who said what), then organisations, groups and places.
KIND_ORDER = {"person": 0, "org": 1, "group": 2, "place": 3}


def find_article(store: Store, prefix: str) -> Article:
    """An article by id or unique id prefix (as the command line shows them)."""
    if store.has_article(prefix):
        return store.article(prefix)
    matches = [i for i in store.article_ids() if i.startswith(prefix)]
    if len(matches) == 1:
        return store.article(matches[0])
    if not matches:
        raise LibraryError(f"No article has the id “{prefix}”; `quotedesk articles` lists them.")
    raise LibraryError(f"“{prefix}” starts {len(matches)} article ids; type more of it.")


def find_actor(store: Store, name: str) -> Actor:
    """An actor by id, name or alias (case-insensitive); LibraryError when none or several."""
    wanted = name.casefold().strip()
    actors = store.actors()
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


def article_actors(store: Store, article_id: str) -> list[ArticleActor]:
    """The library actors an article mentions, with how often and in which roles; people first, busiest first."""
    links = store.actor_links(article_id)
    merged: dict[str, ArticleActor] = {}
    for local in store.local_actors(article_id):
        actor_id = links.get(local.key)
        if actor_id is None:
            continue
        entry = merged.get(actor_id)
        if entry is None:
            actor = actor_or_none(store, actor_id)
            if actor is None:
                continue
            entry = merged[actor_id] = ArticleActor(actor=actor, mentions=0, roles=[])
        entry.mentions += len(local.mentions)
        entry.roles.extend(role for role in local.roles if role not in entry.roles)
    return sorted(merged.values(), key=lambda e: (KIND_ORDER.get(e.actor.kind, 4), -e.mentions, e.actor.name))
