"""Issue 3's acceptance on the bundled seeds, through the Library as the reader and CLI see it.

The expected passages were read off the seed texts by hand: each is a quoted statement the
article attributes to the speaker (by name, "he", or "the US official").
"""

from __future__ import annotations

import pytest

KIRBY_PASSAGES = {
    "000": [
        "Everything we see out of the Kremlin tells us",
        "which is why we’re going to do what we can",
        "We’re going to continue to do that going forward",
        "hardly blamed",
        "We understand that, and that’s why we’re in constant communication",
        "identified that they need to get better at something called combined arms maneuver",
        "And that’s why the Department of Defense is doing battalion-level training",
        "every nation has to decide for itself what it’s willing to provide Ukraine",
        "in fact, quite the opposite",
    ],
    "001": [
        "time for the US to continue to support Ukraine",
        "We do not want to see Ukraine defeated by Russia",
        "will tell you that the time is not now for those discussions",
        "has shown no indication that he is interested in negotiated talks",
    ],
    "003": [
        "We consider that this can be a repositioning, not an actual withdrawal",
        "No person needs to be fooling ourselves by the Kremlin",
        "not wherever close to the vast majority of what they’ve arrayed",
        "It doesn’t imply that the menace to Kyiv is over",
    ],
}

BLINKEN_PASSAGES = {
    "003": ["they one way or the other consider that an effort to subjugate"],
    "004": [
        "We have clearly stated that we will continue to support Ukraine",
        "There is a path of dialogue and diplomacy",
        "It is very difficult to see that this will happen when there is an escalation",
    ],
}


def seed_of(library, article_id: str) -> str:
    return library.article(article_id).path.rsplit("/", 1)[-1][:3]


def outlets_by_seed(library) -> dict[str, str]:
    return {s.path.rsplit("/", 1)[-1][:3]: s.outlet for s in library.article_summaries()}


def assert_passages_attributed(library, actor, expected: dict[str, list[str]]) -> None:
    quotes = library.quotes(actor_id=actor.id)
    by_seed: dict[str, list[str]] = {}
    for quote in quotes:
        by_seed.setdefault(seed_of(library, quote.article_id), []).append(quote.text)
    missing = [
        (seed, passage)
        for seed, passages in expected.items()
        for passage in passages
        if not any(passage in text for text in by_seed.get(seed, []))
    ]
    assert missing == [], f"not attributed to {actor.name}: {missing}"


def test_every_kirby_statement_is_found_and_kirby_is_one_actor_across_three_articles(seeded_library):
    kirby = seeded_library.find_actor("Kirby")
    assert kirby.name == "John Kirby" and kirby.kind == "person"
    assert sorted(seed_of(seeded_library, article_id) for article_id in kirby.articles) == ["000", "001", "003"]
    # 000 names its outlet (a TURAN correspondent credit); 001 and 003 name none, and no file name stands in
    outlets = outlets_by_seed(seeded_library)
    assert (outlets["000"], outlets["001"], outlets["003"]) == ("TURAN", "", "")
    assert kirby.outlets == ["TURAN"]
    assert_passages_attributed(seeded_library, kirby, KIRBY_PASSAGES)


def test_blinken_is_one_actor_despite_the_anthony_spelling(seeded_library):
    blinkens = [a for a in seeded_library.actors() if "blinken" in a.name.casefold()]
    assert len(blinkens) == 1
    blinken = blinkens[0]
    assert {"Anthony Blinken", "Antony Blinken"} <= {blinken.name, *blinken.aliases}
    assert {seed_of(seeded_library, a) for a in blinken.articles} >= {"003", "004"}
    assert_passages_attributed(seeded_library, blinken, BLINKEN_PASSAGES)


def test_no_place_is_an_actor_of_kind_person(seeded_library):
    from index.actors import is_known_place

    persons = [a for a in seeded_library.actors() if a.kind == "person"]
    assert persons
    misfiled = [a.name for a in persons if is_known_place(a.name) or any(is_known_place(x) for x in a.aliases)]
    assert misfiled == []
    kyiv = seeded_library.find_actor("Kyiv")
    assert kyiv.kind == "place" and "Kiev" in kyiv.aliases


def test_kirbys_no_indication_from_two_outlets_is_one_statement(seeded_library):
    kirby = seeded_library.find_actor("John Kirby")
    statements = [
        s
        for s in seeded_library.statements(actor_id=kirby.id)
        if any("no indication" in r.quote.text for r in s.reports)
    ]
    assert len(statements) == 1
    statement = statements[0]
    assert {seed_of(seeded_library, r.quote.article_id) for r in statement.reports} == {"000", "001"}
    assert statement.first_outlet == statement.reports[0].outlet
    later = statement.reports[1]
    assert any(op in "+-" for op, _ in later.diff)
    quotes = {q.id: q for q in seeded_library.quotes(actor_id=kirby.id)}
    assert all(quotes[r.quote.id].statement_id == statement.id for r in statement.reports)


@pytest.mark.parametrize("kind", ["direct", "partial", "indirect"])
def test_each_quote_kind_occurs_and_offsets_slice_the_body(seeded_library, kind):
    quotes = [q for q in seeded_library.quotes() if q.kind == kind]
    assert quotes
    for quote in quotes:
        assert seeded_library.article(quote.article_id).body[quote.start : quote.end] == quote.text


def test_the_article_actors_list_people_first(seeded_library):
    article_id = next(s.id for s in seeded_library.article_summaries() if s.path.endswith("001_7156ec533b67d363.txt"))
    kinds = [entry.actor.kind for entry in seeded_library.article_actors(article_id)]
    order = {"person": 0, "org": 1, "group": 2, "place": 3}
    assert kinds[0] == "person"
    assert [order[k] for k in kinds] == sorted(order[k] for k in kinds)


def test_the_interviewers_question_is_not_kirbys_statement(seeded_library):
    """001: 'When asked whether US President Joe Biden should "push" …, Kirby said …'."""
    kirby = seeded_library.find_actor("Kirby")
    texts = [q.text for q in seeded_library.quotes(actor_id=kirby.id)]
    assert not [t for t in texts if '"push"' in t]
    assert [t for t in texts if "time for the US to continue to support Ukraine" in t]
