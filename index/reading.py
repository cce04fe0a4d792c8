"""What the screens and commands look up: articles and actors by what users type, article details, actor statements."""

from __future__ import annotations

from collections.abc import Callable

from index.errors import LibraryError
from index.linking import actor_or_none, statement, statements
from index.model import Actor, Article, ArticleActor, ArticleDetail, Report, Statement
from index.outlets import known_outlets
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


def article_detail(store: Store, article_id: str, stop: Callable[[], bool] | None = None) -> ArticleDetail | None:
    """An article with its actors, mentions and quotes, each quote's statement and where else it
    was reported (`also_in`); KeyError when there is no such article.

    `stop` is asked between quotes (a reader that moved on to another article): when it
    answers True the work stops and None comes back.
    """
    article = store.article(article_id)
    actors = article_actors(store, article_id)
    kinds = {entry.actor.id: entry.actor.kind for entry in actors}
    mentions = [(m.start, m.end, kinds.get(m.actor_id, "")) for m in store.mentions(article_id)]
    quotes = store.quotes(article_id=article_id)
    detail = ArticleDetail(article=article, actors=actors, mentions=mentions, quotes=quotes)
    for quote in quotes:
        if stop is not None and stop():
            return None
        if not quote.statement_id:
            continue
        try:
            linked = statement(store, quote.statement_id)
        except KeyError:
            continue
        detail.statements[quote.id] = linked
        elsewhere = also_in(linked, article)
        if elsewhere:
            detail.other_outlets[quote.id] = elsewhere
    return detail


def also_in(linked: Statement, article: Article) -> list[str]:
    """Where else a statement of `article` was reported, as the reader says it: the other named
    outlets, then "another article" (or "N other articles") for reports in articles of the same
    outlet or of none known: those are not other outlets."""
    others = [report for report in linked.reports if report.quote.article_id != article.id]
    named = known_outlets(r.outlet for r in others if r.outlet != article.outlet)
    rest = {r.quote.article_id for r in others if not r.outlet or r.outlet == article.outlet}
    if len(rest) == 1:
        named.append("another article")
    elif rest:
        named.append(f"{len(rest)} other articles")
    return named


def actor_statements(store: Store, actor_id: str) -> list[Statement]:
    """Everything an actor said: their statements, then the quotes one article alone carried, each as a
    statement of one report."""
    found = statements(store, actor_id)
    linked = {report.quote.id for found_statement in found for report in found_statement.reports}
    articles: dict[str, Article] = {}
    for quote in store.quotes(actor_id=actor_id):
        if quote.id in linked:
            continue
        article = articles.get(quote.article_id)
        if article is None:
            article = articles[quote.article_id] = store.article(quote.article_id)
        report = Report(quote=quote, outlet=article.outlet, date=article.date, title=article.title)
        found.append(
            Statement(
                id=quote.statement_id or quote.id,
                actor_id=actor_id,
                speaker=quote.speaker,
                text=quote.text,
                reports=[report],
            )
        )
    return found
