"""What the screens and commands look up: articles and actors by what users type, article details, actor statements."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from index.aliases import normalise_name
from index.errors import LibraryError
from index.lexicon import HONORIFICS, RANK_TITLES
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


# A name several actors answer to means the busiest of them when it has at least this many times
# the mentions of all the others together ("Blair": Tony Blair, not Cherie or Sir Ian Blair).
DOMINANT_MENTIONS = 3


@dataclass
class ActorMatch:
    """The actor a name typed by a user means, and the others it could also mean, busiest first."""

    actor: Actor
    others: list[Actor] = field(default_factory=list)


def find_actor(store: Store, name: str) -> Actor:
    """An actor by id, name, alias, surname or first name (case-insensitive); LibraryError when
    none, or when several fit and none stands out."""
    return match_actor(store, name).actor


def match_actor(store: Store, name: str) -> ActorMatch:
    """The best match for a name a user typed.

    An id or a full name picks its actor. A word that several actors answer to (an alias, a
    surname, a leftover surname-only actor) picks the full-name person who is named far more
    often than the others together, and says who the others are; a first name picks its person
    only when no one else has it. Otherwise LibraryError names the candidates.
    """
    wanted = normalise_name(name)
    typed = name.casefold().strip()
    actors = store.actors()
    if not wanted:
        raise LibraryError("Give an actor's name; `quotedesk actors` lists them.")
    exact = [a for a in actors if a.id == typed or normalise_name(a.name) == wanted]
    # a full name, or a name as the actor list shows it ("Mrs Howard"): that actor
    full = [a for a in exact if a.kind != "person" or len(_words(a.name)) > 1 or len(wanted.split()) > 1]
    if len(full) == 1:
        return ActorMatch(full[0])
    words = _words(name)
    bare = words == wanted.split() and len(words) == 1  # a word alone, no honorific: a surname or first name
    surname_like = [a for a in actors if a.kind == "person" and bare and _words(a.name)[-1:] == words]
    by_alias = [a for a in actors if wanted in {normalise_name(alias) for alias in a.aliases}]
    candidates = _unique([*full, *exact, *by_alias, *surname_like])
    first_names = [a for a in actors if a.kind == "person" and bare and _words(a.name)[:1] == words]
    if candidates:
        return _best(name, candidates, [a for a in first_names if a not in candidates])
    if len(first_names) == 1:
        return ActorMatch(first_names[0])
    if first_names:
        raise LibraryError(_ambiguous(name, first_names))
    containing = [a for a in actors if wanted in normalise_name(a.name)]
    if not containing:
        raise LibraryError(f"No actor is called “{name}”; `quotedesk actors` lists them.")
    return _best(name, containing)


def _best(name: str, candidates: list[Actor], also: Sequence[Actor] = ()) -> ActorMatch:
    """The candidate a name means, when it is the only one or a full name named far more often
    than all the others together (`also`: actors with the name as a first name, who count as
    others too)."""
    if len(candidates) == 1 and not also:
        return ActorMatch(candidates[0])
    ranked = sorted(candidates, key=lambda a: (-a.mention_count, -a.quote_count, a.name))
    best = ranked[0]
    rest = sorted([*ranked[1:], *also], key=lambda a: (-a.mention_count, -a.quote_count, a.name))
    named = best.kind != "person" or len(_words(best.name)) > 1
    if named and best.mention_count >= DOMINANT_MENTIONS * sum(a.mention_count for a in rest):
        return ActorMatch(best, rest)
    raise LibraryError(_ambiguous(name, [best, *rest]))


def _ambiguous(name: str, candidates: list[Actor]) -> str:
    ranked = sorted(candidates, key=lambda a: (-a.mention_count, -a.quote_count, a.name))
    shown = ", ".join(a.name for a in ranked[:6])
    more = f" and {len(ranked) - 6} more" if len(ranked) > 6 else ""
    return f"“{name}” could be {shown}{more}; give the full name."


def _words(name: str) -> list[str]:
    """A person's name as folded words, an honorific or rank before it left out ("Mr Blair" -> blair)."""
    words = normalise_name(name).split()
    while len(words) > 1 and (words[0] in HONORIFICS or words[0] in RANK_TITLES):
        words = words[1:]
    return words


def _unique(actors: list[Actor]) -> list[Actor]:
    return list({a.id: a for a in actors}.values())


def article_actors(store: Store, article_id: str) -> list[ArticleActor]:
    """The library actors an article mentions, with how often and in which roles; people first, busiest first.

    The holder of an office the article names alone ("the prime minister said", index/actors/offices.py)
    is one of them: each quote given to them counts as a mention, the office as written as a role. So
    is a speaker the user corrected a quote to, counted once when the article names them nowhere else."""
    links = store.actor_links(article_id)
    merged: dict[str, ArticleActor] = {}

    def entry_of(actor_id: str) -> ArticleActor | None:
        entry = merged.get(actor_id)
        if entry is None:
            actor = actor_or_none(store, actor_id)
            if actor is None:
                return None
            entry = merged[actor_id] = ArticleActor(actor=actor, mentions=0, roles=[])
        return entry

    for local in store.local_actors(article_id):
        actor_id = links.get(local.key)
        entry = entry_of(actor_id) if actor_id is not None else None
        if entry is None:
            continue
        entry.mentions += len(local.mentions)
        entry.roles.extend(role for role in local.roles if role not in entry.roles)
    for holder in store.given_speakers(article_id):
        known = holder.actor_id in merged
        entry = entry_of(holder.actor_id)
        if entry is None:
            continue
        if holder.office or not known:  # the office phrase, or the words the user corrected, name them
            entry.mentions += 1
        office = " ".join(holder.office.split()[1:])  # "the prime minister": "prime minister"
        if office and office.casefold() not in {role.casefold() for role in entry.roles}:
            entry.roles.append(office)
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
