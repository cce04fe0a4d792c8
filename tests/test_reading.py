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
