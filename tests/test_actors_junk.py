"""Actors that are no actors (settings, fragments, common nouns) and names of one actor written two ways.

Sentences are our own; each test stands for a pattern of English news, not one article.
"""

from __future__ import annotations

from index.actors import ORG, PERSON, PLACE, ActorEntry, resolve_actors
from index.model import LocalActor


def entry(article, name, kind=PERSON, variants=(), mentions=1, quoted=False, key=0):
    actor = LocalActor(key, name, kind, list(variants) or [name], [], [(i, i + 1) for i in range(mentions)])
    return ActorEntry(article, "Outlet", actor, quoted=quoted)


def names(resolution):
    return sorted(actor.name for actor in resolution.actors)


# --- Places that are only a setting.


def test_a_town_named_only_as_a_setting_is_no_actor():
    entries = [
        entry("a", "Gateshead", PLACE, mentions=3),
        entry("b", "Gateshead", PLACE),
        entry("a", "River Tyne", PLACE),
    ]
    resolution = resolve_actors(entries)
    assert names(resolution) == []
    assert resolution.assignment == {}


def test_a_quoted_place_a_country_or_a_capital_stays_an_actor():
    entries = [
        entry("a", "Downing Street", PLACE, quoted=True),
        entry("b", "Downing Street", PLACE),
        entry("a", "Canada", PLACE, key=1),
        entry("b", "Beijing", PLACE, key=1),
    ]
    resolution = resolve_actors(entries)
    assert names(resolution) == ["Beijing", "Canada", "Downing Street"]
    assert {actor.kind for actor in resolution.actors} == {PLACE}


def test_a_personal_name_the_tagger_took_for_a_place_is_kept():
    resolution = resolve_actors([entry("a", "Peter Monkhouse", PLACE), entry("a", "George Street", PLACE, key=1)])
    assert names(resolution) == ["Peter Monkhouse"]


def test_a_place_another_article_gives_as_a_body_is_kept():
    resolution = resolve_actors([entry("a", "Whitehall", PLACE), entry("b", "Whitehall", ORG)])
    assert names(resolution) == ["Whitehall"]
