"""What the reader shows of an article and an actor, assembled by the Library, not by the screens."""

from __future__ import annotations

import pytest


def test_an_articles_detail_links_its_quotes_to_their_statements_and_where_else_they_were_reported(seeded_library):
    # Kirby's "no indication": seed 001 (no outlet named) and seed 000 (TURAN) report it.
    statement = next(s for s in seeded_library.statements() if len({r.quote.article_id for r in s.reports}) > 1)
    named = next(r for r in statement.reports if r.outlet)
    unnamed = next(r for r in statement.reports if not r.outlet)
    detail = seeded_library.article_detail(unnamed.quote.article_id)
    assert detail is not None and detail.article.id == unnamed.quote.article_id
    assert [q.id for q in detail.quotes] == [q.id for q in seeded_library.quotes(article_id=detail.article.id)]
    assert detail.statements[unnamed.quote.id].id == statement.id
    assert detail.other_outlets[unnamed.quote.id] == [named.outlet]
    # from the named outlet's side, an article of no known outlet is another article, not an outlet
    detail = seeded_library.article_detail(named.quote.article_id)
    assert detail is not None and detail.other_outlets[named.quote.id] == ["another article"]
    kinds = {entry.actor.id: entry.actor.kind for entry in detail.actors}
    mentions = seeded_library.mentions(detail.article.id)
    assert detail.mentions == [(m.start, m.end, kinds.get(m.actor_id, "")) for m in mentions]


def test_an_articles_detail_stops_when_asked_and_a_missing_article_is_a_key_error(seeded_library):
    article_id = next(s.id for s in seeded_library.article_summaries() if seeded_library.quotes(article_id=s.id))
    assert seeded_library.article_detail(article_id, stop=lambda: True) is None
    with pytest.raises(KeyError):
        seeded_library.article_detail("no-such-article")


def test_an_actors_statements_include_the_quotes_one_article_alone_carried(seeded_library):
    kirby = seeded_library.find_actor("Kirby")
    statements = seeded_library.actor_statements(kirby.id)
    shown = [r.quote.id for s in statements for r in s.reports]
    assert sorted(shown) == sorted(q.id for q in seeded_library.quotes(actor_id=kirby.id))
    linked = seeded_library.statements(actor_id=kirby.id)
    assert statements[: len(linked)] == linked
    single = statements[len(linked) :]
    assert single and all(len(s.reports) == 1 and s.speaker == "John Kirby" for s in single)


def test_alias_edits_go_through_the_library_and_relink_it(seeded_library, isolated_user_dirs):
    path = seeded_library.edit_aliases("rename", ["John Kirby", "Admiral John Kirby"])
    assert path == isolated_user_dirs / "config" / "aliases.toml"
    assert "Admiral John Kirby" in {actor.name for actor in seeded_library.actors()}
    assert "Kate Bedingfield" in {actor.name for actor in seeded_library.actors()}
    seeded_library.edit_aliases("hide", ["Kate Bedingfield"])
    assert "Kate Bedingfield" not in {actor.name for actor in seeded_library.actors()}


# --- Which actor a typed name means (`--actor NAME`), on actor lists built by hand.


class ActorsOnly:
    """A store that knows only its actors: all that matching a name reads."""

    def __init__(self, *actors):
        self._actors = list(actors)

    def actors(self):
        return self._actors


def person(name, mentions, actor_id=None, aliases=(), kind="person"):
    from index.model import Actor

    slug = actor_id or name.lower().replace(" ", "-")
    return Actor(id=slug, name=name, kind=kind, aliases=list(aliases), mention_count=mentions)


BLAIRS = ActorsOnly(
    person("Tony Blair", 185, aliases=["Blair", "Mr Blair"]),
    person("Cherie Blair", 4, aliases=["Mrs Blair"]),
    person("Ian Blair", 1, aliases=["Sir Ian Blair"]),
    person("Mr Blair", 2, aliases=["Blair"]),  # a leftover surname actor
    person("Tony Banks", 1),
)


def test_a_surname_means_the_full_name_named_far_more_often_and_says_who_else():
    from index.reading import match_actor

    match = match_actor(BLAIRS, "Blair")
    assert match.actor.name == "Tony Blair"
    assert [a.name for a in match.others] == ["Cherie Blair", "Mr Blair", "Ian Blair"]
    assert match_actor(BLAIRS, "mr blair").actor.name == "Mr Blair"  # the name as the actor list shows it
    assert match_actor(BLAIRS, "Mrs Blair").actor.name == "Cherie Blair"  # an honorific: no other Blair
    assert match_actor(BLAIRS, "Cherie Blair").actor.name == "Cherie Blair"
    assert match_actor(BLAIRS, "ian-blair").actor.name == "Ian Blair"  # an id


def test_a_first_name_means_its_one_bearer_else_names_the_candidates():
    from index.errors import LibraryError
    from index.reading import match_actor

    assert match_actor(BLAIRS, "cherie").actor.name == "Cherie Blair"
    with pytest.raises(LibraryError, match="Tony Blair, Tony Banks"):
        match_actor(BLAIRS, "tony")


def test_a_surname_several_people_are_named_by_names_them_all():
    from index.errors import LibraryError
    from index.reading import match_actor

    howards = ActorsOnly(person("Michael Howard", 10), person("John Howard", 8), person("Mrs Howard", 2))
    with pytest.raises(LibraryError, match="Michael Howard, John Howard, Mrs Howard"):
        match_actor(howards, "Howard")
    with pytest.raises(LibraryError, match="No actor is called"):
        match_actor(howards, "Kennedy")
    # a word that is a leftover actor's name and others' first name: all of them named
    charles = ActorsOnly(person("Prince Charles", 5, aliases=["Charles"]), person("Charles Kennedy", 19))
    with pytest.raises(LibraryError, match="Charles Kennedy, Prince Charles"):
        match_actor(charles, "Charles")
    assert match_actor(charles, "Prince Charles").actor.name == "Prince Charles"
