"""Actors: clustering names within an article, attaching quote speakers, resolving across articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.actors import (
    GROUP,
    ORG,
    PERSON,
    PLACE,
    ActorEntry,
    address_kind,
    attach_speakers,
    local_actors,
    looks_like_address,
    resolve_actors,
)
from index.aliases import Aliases
from index.model import LocalActor, RawQuote

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seed_actors(nlp):
    """Local actors of each bundled seed article, keyed by file name."""
    return {path.name: local_actors(nlp(path.read_text(encoding="utf-8"))) for path in sorted(SEEDS.glob("*.txt"))}


def by_name(actors, name):
    matches = [actor for actor in actors if actor.name == name]
    assert len(matches) == 1, f"expected one actor named {name!r}, got {[a.name for a in actors]}"
    return matches[0]


# --- Within an article.


def test_variants_of_one_person_become_one_actor_with_role_apart_from_name(nlp):
    text = (
        "Russian President Vladimir Putin said on Monday that talks had stalled. "
        "Mr. Putin added that Putin's aides would travel. Later, Putin left."
    )
    actors = local_actors(nlp(text))
    persons = [a for a in actors if a.kind == PERSON]
    assert [a.name for a in persons] == ["Vladimir Putin"]
    putin = persons[0]
    assert "Russian President" in putin.roles
    assert "Mr. Putin" in putin.variants
    assert len(putin.mentions) == 4
    # Mentions cover the name only: no title, no possessive.
    assert {text[s:e] for s, e in putin.mentions} == {"Vladimir Putin", "Putin"}


def test_appositive_role_is_kept_as_role(nlp):
    text = (
        "John Kirby, the National Security Council coordinator for strategic communications, "
        "told reporters that the talks had failed. Kirby said more aid would come."
    )
    kirby = by_name(local_actors(nlp(text)), "John Kirby")
    assert any("coordinator for strategic communications" in role for role in kirby.roles)
    assert len(kirby.mentions) == 2


def test_title_before_a_name_is_a_role(nlp):
    actors = local_actors(nlp("Pentagon press secretary John Kirby said the troops were moving back."))
    assert by_name(actors, "John Kirby").roles == ["Pentagon press secretary"]


def test_acronym_joins_its_spelled_out_organisation(nlp):
    actors = local_actors(nlp("The National Security Council (NSC) said on Monday that the NSC would meet again."))
    council = by_name(actors, "National Security Council")
    assert council.kind == ORG
    assert "NSC" in council.variants
    assert len(council.mentions) == 3


def test_known_places_are_never_persons_in_own_sentences(nlp):
    text = "Russian troops moved away from Kyiv and Chernihiv on Tuesday, officials in Kiev said."
    actors = local_actors(nlp(text))
    assert not [a for a in actors if a.kind == PERSON]
    kyiv = [a for a in actors if a.kind == PLACE and a.name in ("Kyiv", "Kiev")]
    assert len(kyiv) == 1 and set(kyiv[0].variants) == {"Kyiv", "Kiev"}


def test_a_place_name_used_as_a_surname_stays_a_person(nlp):
    actors = local_actors(nlp("Michael Jordan scored 40 points on Sunday. Jordan said he was tired."))
    jordan = by_name(actors, "Michael Jordan")
    assert jordan.kind == PERSON and "Jordan" in jordan.variants


def test_short_mention_goes_to_the_nearest_full_name_sharing_it(nlp):
    actors = local_actors(nlp("Joe Biden met Hunter Biden in Delaware. Biden said the meeting went well."))
    assert {a.name for a in actors if a.kind == PERSON} == {"Joe Biden", "Hunter Biden"}


def test_a_people_is_a_group_and_its_adjective_no_actor(nlp):
    actors = local_actors(nlp("Ukrainians protested outside the embassy. A Ukrainian official said more."))
    groups = [a for a in actors if a.kind == GROUP]
    assert len(groups) == 1 and groups[0].variants == ["Ukrainians"]
    assert not [a for a in actors if "Ukrainian" in a.variants]


def test_seeds_never_make_a_person_of_kyiv_or_kiev(seed_actors):
    seen_place = 0
    for name, actors in seed_actors.items():
        for actor in actors:
            names = {actor.name, *actor.variants}
            if names & {"Kyiv", "Kiev"}:
                assert actor.kind == PLACE, f"{name}: {actor}"
                seen_place += 1
    assert seen_place >= 4  # four of the five seeds name the city


def test_seed_roles_are_separate_from_names(seed_actors):
    actors_003 = seed_actors["003_ebbe1f418b4b8321.txt"]
    assert by_name(actors_003, "John Kirby").roles == ["Pentagon press secretary"]
    peskov = by_name(seed_actors["001_7156ec533b67d363.txt"], "Dmitry Peskov")
    assert peskov.roles == ["Kremlin spokesman"] and "Peskov" in peskov.variants
    blinken = by_name(seed_actors["004_adfc22d6dbd34d9a.txt"], "Anthony Blinken")
    assert blinken.roles == ["US Secretary of State"]
    # No actor name carries a title word.
    for actors in seed_actors.values():
        for actor in actors:
            if actor.kind == PERSON:
                assert not {"President", "Minister", "Secretary", "Mr."} & set(actor.name.split()), actor


# --- Attaching speakers.


def speaker_quote(speaker_text, start=-1, end=-1):
    return RawQuote(
        text="x",
        kind="direct",
        start=0,
        end=1,
        paragraph=0,
        speaker_text=speaker_text,
        speaker_start=start,
        speaker_end=end,
    )


def test_attach_speakers_by_span_name_and_role():
    text = "John Kirby said it. Biden's aides said it. Kiev's top negotiator David Arakhamia spoke."
    actors = [
        LocalActor(0, "John Kirby", PERSON, ["John Kirby"], [], [(0, 10)]),
        LocalActor(1, "Joe Biden", PERSON, ["Biden"], [], [(20, 25)]),
        LocalActor(2, "David Arakhamia", PERSON, ["David Arakhamia"], ["Kiev's top negotiator"], [(65, 80)]),
        LocalActor(3, "Kyiv", PLACE, ["Kiev"], [], [(43, 47)]),
    ]
    quotes = [
        speaker_quote("John Kirby", 0, 10),
        speaker_quote("Kirby"),  # no span: matched by surname
        speaker_quote("Biden's aides", 20, 33),  # Biden modifies the speaker, is not it
        speaker_quote("Kiev's top negotiator", 43, 64),
        speaker_quote("he"),
        speaker_quote("Dmitry Peskov", 100, 113),
    ]
    attach_speakers(quotes, actors, text + " " * 40)
    assert [q.speaker_key for q in quotes[:5]] == [0, 0, None, 2, None]
    assert quotes[5].speaker_key == 4
    assert actors[4].name == "Dmitry Peskov" and actors[4].kind == PERSON and actors[4].mentions == [(100, 113)]


def test_a_name_inside_a_roles_phrase_is_not_the_speaker_unless_a_comma_closes_it():
    text = (
        "the chairman of the Police Federation of England and Wales said it. the head of the agency, John Brennan,"
        " said it."
    )
    wales, brennan = text.index("Wales"), text.index("John Brennan")
    actors = [
        LocalActor(0, "Wales", PLACE, ["Wales"], [], [(wales, wales + 5)]),
        LocalActor(1, "John Brennan", PERSON, ["John Brennan"], [], [(brennan, brennan + 12)]),
    ]
    second = text.index("the head")
    quotes = [
        speaker_quote(text[: wales + 5], 0, wales + 5),
        speaker_quote(text[second : brennan + 12], second, brennan + 12),
    ]
    attach_speakers(quotes, actors, text)
    assert [q.speaker_key for q in quotes] == [None, 1]


def test_a_role_with_a_place_is_not_someone_of_that_surname():
    text = "Birkenhead said it. the Labour MP for Birkenhead asked it."
    actors = [LocalActor(0, "Birkenhead", PERSON, ["Birkenhead"], [], [(0, 10)])]  # the tagger's person
    quotes = [speaker_quote("the Labour MP for Birkenhead")]
    attach_speakers(quotes, actors, text)
    assert quotes[0].speaker_key is None


def test_a_spokesperson_for_a_body_is_the_body_and_one_for_a_person_is_not():
    text = "A spokesman for the Harwick Trust said it. A spokeswoman for Northline Rail said it."
    actors = [
        LocalActor(0, "Harwick Trust", ORG, ["Harwick Trust"], [], [(20, 33)]),
        LocalActor(1, "Northline Rail", ORG, ["Northline Rail"], [], [(61, 75)]),
    ]
    quotes = [
        speaker_quote("A spokesman for the Harwick Trust", 0, 33),
        speaker_quote("A spokeswoman for Northline Rail", 43, 75),
    ]
    attach_speakers(quotes, actors, text)
    assert [q.speaker_key for q in quotes] == [0, 1]  # with or without an article before the body
    text = "A spokeswoman for the Jane Harwick said it. A candidate for the Harwick Trust said it."
    actors = [
        LocalActor(0, "Jane Harwick", PERSON, ["Jane Harwick"], [], [(22, 34)]),
        LocalActor(1, "Harwick Trust", ORG, ["Harwick Trust"], [], [(64, 77)]),
    ]
    quotes = [
        speaker_quote("A spokeswoman for the Jane Harwick", 0, 34),
        speaker_quote("A candidate for the Harwick Trust", 44, 77),
    ]
    attach_speakers(quotes, actors, text)
    assert [q.speaker_key for q in quotes] == [None, None]  # a person's voice, a role that is no voice
    # the body speaking itself, with its article, is still the body
    quotes = [speaker_quote("the Harwick Trust", 16, 33)]
    attach_speakers(quotes, actors, text)
    assert quotes[0].speaker_key == 0


def test_nominal_speakers_do_not_become_actors():
    actors: list[LocalActor] = []
    quotes = [speaker_quote(t) for t in ("the US official", "a senior official", "November 14", "Newspaper news")]
    attach_speakers(quotes, actors, "")
    assert actors == [] and all(q.speaker_key is None for q in quotes)


# --- Across articles.


def entry(article, name, kind=PERSON, variants=(), roles=(), mentions=1, outlet="Outlet", key=0):
    actor = LocalActor(key, name, kind, list(variants) or [name], list(roles), [(i, i + 1) for i in range(mentions)])
    return ActorEntry(article, outlet, actor)


def actor_named(resolution, name):
    matches = [a for a in resolution.actors if a.name == name]
    assert len(matches) == 1, [a.name for a in resolution.actors]
    return matches[0]


def test_spelling_and_transliteration_variants_merge():
    entries = [
        entry("a", "Antony Blinken"),
        entry("b", "Antony Blinken"),
        entry("c", "Anthony Blinken"),
        entry("a", "Volodymyr Zelensky", key=1),
        entry("b", "Volodymyr Zelenskyy", key=1),
        entry("c", "Volodymyr Zelenskiy", key=1),
        entry("a", "Kiev", PLACE, key=2),
        entry("b", "Kyiv", PLACE, key=2),
        entry("c", "Kyiv", PERSON, key=2),  # the tagger's mistake in one article
    ]
    resolution = resolve_actors(entries)
    assert len(resolution.actors) == 3
    blinken = actor_named(resolution, "Antony Blinken")  # the more frequent spelling
    assert blinken.aliases == ["Anthony Blinken"] and blinken.articles == ["a", "b", "c"]
    assert actor_named(resolution, "Kyiv").kind == PLACE
    assert len({resolution.assignment[(e.article_id, e.actor.key)] for e in entries[3:6]}) == 1


def test_different_people_sharing_a_surname_or_first_name_stay_apart():
    entries = [
        entry("a", "Joe Biden", roles=["US President"]),
        entry("b", "Hunter Biden"),
        entry("c", "Alexander Grushko"),
        entry("d", "Alexander Schallenberg"),
        entry("e", "Biden"),  # surname only, two full names share it
    ]
    resolution = resolve_actors(entries)
    assert len(resolution.actors) == 5


def test_surname_only_joins_the_unique_full_name_of_a_related_article():
    # both articles name Kyiv's negotiator, whom none of the library's other articles names
    shared = [entry("a", "David Arakhamia", key=1), entry("b", "David Arakhamia", key=1)]
    resolution = resolve_actors([entry("a", "Joe Biden"), entry("b", "Biden", mentions=3), *shared, *ELSEWHERE])
    assert len(resolution.actors) == 3
    biden = actor_named(resolution, "Joe Biden")
    assert biden.mention_count == 4 and biden.id == "joe-biden"


def test_garbled_first_name_merges_only_with_a_shared_office():
    with_role = [entry("a", "Joe Biden", roles=["US President"]), entry("b", "Cho Biden", roles=["President"])]
    assert len(resolve_actors(with_role).actors) == 1
    without_role = [entry("a", "Joe Biden", roles=["US President"]), entry("b", "Cho Biden")]
    assert len(resolve_actors(without_role).actors) == 2


def test_a_shared_office_never_joins_first_names_of_the_other_sex():
    # "President Bill Clinton" and "Hillary Clinton", given "President" by a mention of him in her
    # article: two people, whatever office they share.
    entries = [
        entry("a", "Hillary Clinton", variants=["Hillary Clinton", "President Clinton"], roles=["President"]),
        entry("b", "Bill Clinton", variants=["President Bill Clinton"], roles=["President"]),
        entry("c", "Hillary Clinton"),
    ]
    resolution = resolve_actors(entries)
    assert sorted(a.name for a in resolution.actors) == ["Bill Clinton", "Hillary Clinton"]
    assert actor_named(resolution, "Hillary Clinton").articles == ["a", "c"]


def test_majority_kind_wins_but_gazetteer_places_are_never_persons():
    entries = [entry("a", "Crimea", ORG), entry("b", "Crimea", PLACE), entry("c", "Crimea", PLACE)]
    assert [a.kind for a in resolve_actors(entries).actors] == [PLACE]
    entries = [entry("a", "Kyiv", PERSON), entry("b", "Kyiv", PERSON), entry("c", "Kyiv", PLACE)]
    assert [a.kind for a in resolve_actors(entries).actors] == [PLACE]


def test_roles_sources_and_assignment_are_collected():
    entries = [
        entry("a", "John Kirby", roles=["Pentagon press secretary"], outlet="AP"),
        entry("b", "John Kirby", roles=["NSC coordinator"], outlet="RT", key=3),
    ]
    resolution = resolve_actors(entries)
    kirby = resolution.actors[0]
    assert [(r.text, r.article_id) for r in kirby.roles] == [
        ("Pentagon press secretary", "a"),
        ("NSC coordinator", "b"),
    ]
    assert kirby.outlets == ["AP", "RT"]
    assert resolution.assignment == {("a", 0): "john-kirby", ("b", 3): "john-kirby"}


def test_aliases_merge_rename_split_hide():
    entries = [
        entry("a", "Ze", variants=["Ze"]),
        entry("b", "Volodymyr Zelenskyy"),
        entry("c", "Anthony Blinken"),
        entry("d", "Antony Blinken"),
        entry("e", "Azerbaijan News", ORG),
    ]
    assert len(resolve_actors(entries).actors) == 4
    aliases = Aliases(
        merge=[["Ze", "Volodymyr Zelenskyy"]],
        rename={"Ze": "President Zelenskyy"},
        split=["Anthony Blinken"],
        hide=["azerbaijan news"],
    )
    resolution = resolve_actors(entries, aliases)
    names = sorted(a.name for a in resolution.actors)
    assert names == ["Anthony Blinken", "Antony Blinken", "President Zelenskyy"]
    assert ("e", 0) not in resolution.assignment
    zelenskyy = actor_named(resolution, "President Zelenskyy")
    assert zelenskyy.id == "president-zelenskyy" and set(zelenskyy.articles) == {"a", "b"}


def test_colliding_slugs_get_a_number():
    aliases = Aliases(rename={"Hunter Biden": "Joe Biden"})
    resolution = resolve_actors([entry("a", "Joe Biden"), entry("b", "Hunter Biden")], aliases)
    assert sorted(a.id for a in resolution.actors) == ["joe-biden", "joe-biden-2"]


def test_seed_actors_resolve_across_articles(seed_actors):
    entries = [ActorEntry(name, name[:3], actor) for name, actors in seed_actors.items() for actor in actors]
    resolution = resolve_actors(entries)
    kirby = actor_named(resolution, "John Kirby")
    assert len(kirby.articles) == 3
    blinken = actor_named(resolution, "Anthony Blinken")
    assert "Antony Blinken" in blinken.aliases and len(blinken.articles) == 2
    zelensky = actor_named(resolution, "Volodymyr Zelensky")
    assert len(zelensky.articles) == 3
    kyiv = actor_named(resolution, "Kyiv")
    assert kyiv.kind == PLACE and "Kiev" in kyiv.aliases
    biden = actor_named(resolution, "Joe Biden")  # surname-only in 003, "Cho Biden" in 002
    assert len(biden.articles) == 3
    assert not [a for a in resolution.actors if a.kind == PERSON and a.name in ("Kyiv", "Kiev", "Moscow Kyiv")]


@pytest.mark.parametrize(
    "word, kind",
    [
        ("https://example.com/a", "url"),
        ("Www.Gov.Uk/Guidance", "url"),
        ("BBC.co.uk/News", "url"),
        ("<tips@example.org>", "email"),
        ("@JaneDoe", "handle"),
        ("Report_Final.pdf", "file"),
        ("Amazon.com's", "domain"),
        ("U.S.", ""),
        ("Mr.Putin", ""),
        ("In-Stat/MDR", ""),
        ("9/11", ""),
    ],
)
def test_address_kinds(word, kind):
    assert address_kind(word) == kind


def test_addresses_never_become_actors_and_a_site_is_at_most_an_organisation(nlp):
    text = (
        "Read more at https://www.example.com/news/story.html or write to tips@example.org. "
        "Email Jane.Doe@example.com, Jane Doe said. Download Report_Final.pdf from Www.Gov.Uk/Guidance today. "
        "Example.com said the outage was over."
    )
    actors = local_actors(nlp(text))
    assert all(not looks_like_address(a.name) or (a.kind == ORG and a.name == "Example.com") for a in actors), actors
    assert not any("@" in a.name or "/" in a.name or ".pdf" in a.name for a in actors)
    quotes = [RawQuote(text="x", kind="direct", start=0, end=1, paragraph=0, speaker_text="Https://Example.com/Live")]
    attach_speakers(quotes, actors, text)
    assert quotes[0].speaker_key is None


def test_a_particle_alone_is_no_name():
    quotes = [RawQuote(text="x", kind="direct", start=0, end=1, paragraph=0, speaker_text="de")]
    attach_speakers(quotes, [], "x")
    assert quotes[0].speaker_key is None


BBC_POLITICS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc" / "politics"


@pytest.fixture(scope="module")
def politics_actors(nlp):
    """Local actors of BBC politics articles, keyed by file name (the model tags many
    "Mr Surname" and some full names there as organisations)."""
    if not BBC_POLITICS.is_dir():
        pytest.skip(f"BBC corpus not found at {BBC_POLITICS}")
    paths = sorted(BBC_POLITICS.glob("*.txt"))[:110]
    return {path.name: local_actors(nlp(path.read_text(encoding="utf-8", errors="replace"))) for path in paths}


def test_an_honorific_and_name_is_never_an_organisation(politics_actors):
    wrong = [
        (name, actor.name)
        for name, actors in politics_actors.items()
        for actor in actors
        if actor.kind == ORG and actor.name.split()[0].lower().rstrip(".") in ("mr", "mrs", "ms", "dr", "miss")
    ]
    assert not wrong


def test_a_full_name_sharing_the_surname_of_an_addressed_person_is_that_person(politics_actors):
    """ "Nicola Sturgeon" (tagged ORG) and "Ms Sturgeon" in one article are one person."""
    split = []
    for name, actors in politics_actors.items():
        addressed = {
            a.name
            for a in actors
            if a.kind == PERSON
            and len(a.name.split()) == 1
            and any(v.split()[0].lower().rstrip(".") in ("mr", "mrs", "ms") for v in a.variants)
        }
        split += [
            (name, a.name)
            for a in actors
            if a.kind == ORG and len(a.name.split()) in (2, 3) and a.name.split()[-1] in addressed
        ]
    assert not split


# --- People who share a name stay apart; one body is one actor (sentences of our own).


def persons(actors):
    return {a.name: a for a in actors if a.kind == PERSON}


def test_an_honorific_of_the_other_sex_never_joins_a_full_name(nlp):
    text = (
        "Michael Howard campaigned in Folkestone on Monday. Mr Howard said taxes would fall. "
        "Mrs Howard, a former model, said she was proud of him."
    )
    actors = local_actors(nlp(text))
    michael = by_name(actors, "Michael Howard")
    assert "Mr Howard" in michael.variants and "Mrs Howard" not in michael.variants
    assert [a.variants for a in actors if a.name == "Howard"] == [["Mrs Howard"]]


def test_a_first_name_alone_joins_no_one(nlp):
    text = (
        "Prince Charles visited a school in Wales. Charles Kennedy said the Liberal Democrats would win "
        "more seats. Mr Kennedy added that Charles was a friend."
    )
    found = persons(local_actors(nlp(text)))
    kennedy = found["Charles Kennedy"]
    assert "Charles" not in kennedy.variants and not kennedy.roles
    assert found["Charles"].variants == ["Prince Charles"]


def test_a_rank_before_a_given_name_joins_the_full_name_that_holds_it(nlp):
    actors = local_actors(nlp("Sir Alan Budd published his report. Sir Alan said the visa had been fast-tracked."))
    assert set(by_name(actors, "Alan Budd").variants) == {"Sir Alan Budd", "Sir Alan"}


def test_nationality_adjectives_laws_budgets_and_elections_are_no_actors(nlp):
    text = (
        "British troops and Welsh farmers met European officials. Mr Jones, whose father was Scottish, said "
        "the talks went well. MPs voted for the Bill on Monday. The Budget will be delivered before the "
        "General Election, the Home Secretary said."
    )
    names = {a.name for a in local_actors(nlp(text))}
    assert names == {"Jones"}


def test_a_name_glued_to_a_body_gives_the_person_and_the_body(nlp):
    cases = [
        (
            "The general secretary of the public services union Unison Dave Prentis criticised the plan.",
            "Dave Prentis",
            "Unison",
        ),
        (
            "Newspaper news reports that the head of the Foreign Intelligence Service Sergey Naryshkin is taking "
            "part in the talks.",
            "Sergey Naryshkin",
            "Foreign Intelligence Service",
        ),
        ("Lib Dem MP Lembit Opik said the party would fight on.", "Lembit Opik", "Liberal Democrats"),
    ]
    for text, person, body in cases:
        actors = local_actors(nlp(text))
        assert person in persons(actors), (text, actors)
        bodies = [a for a in actors if a.kind == ORG]
        assert any(body in (a.name, *a.variants) or body_name(a) == body for a in bodies), (text, actors)


@pytest.mark.parametrize(
    ("text", "person", "other"),
    [
        (
            "In a speech to the Centre for Policy Studies Mr Hollis said the tax was unfair.",
            "Hollis",
            "Centre for Policy Studies",
        ),
        ("Speaking in Geneva Ms Adams said the talks had stalled.", "Adams", "Geneva"),
        ('Speaking at the Harwick Trust Mr Dunmore said: "We will not close the ward."', "Dunmore", "Harwick Trust"),
    ],
)
def test_a_name_after_an_opening_phrase_is_a_person_of_its_own(nlp, text, person, other):
    # (no comma after the opening phrase: the tagger runs its last name into the person's)
    actors = local_actors(nlp(text))
    assert person in persons(actors), actors
    assert other in [a.name for a in actors if a.kind != PERSON], actors
    assert not any("Mr" in a.name.split() or "Ms" in a.name.split() for a in actors), actors


@pytest.mark.parametrize("body", ["Scottish MS Society", "UK MS Trust", "Glasgow Ms Foundation"])
def test_a_body_with_ms_in_its_name_stays_one_body(nlp, body):
    actors = local_actors(nlp(f"The {body} said the new drug should be free."))
    assert not persons(actors), actors


def body_name(actor):
    from index.actors.bodies import canonical_body

    return canonical_body(actor.name)


def test_names_the_text_equates_or_the_data_file_knows_are_one_body(nlp):
    text = (
        "The UK Independence Party (UKIP) said it would stand in every seat. UKIP leader Roger Knapman agreed. "
        "The Tories said taxes would fall, the Conservatives promised more police and the Conservative Party "
        "will publish its plans. The Liberal Democrats (Lib Dems) said so. A Lib Dem spokesman agreed."
    )
    orgs = {a.name: a for a in local_actors(nlp(text)) if a.kind == ORG}
    assert set(orgs["UK Independence Party"].variants) == {"UK Independence Party", "UKIP"}
    assert set(orgs["Conservative Party"].variants) == {"Tories", "Conservatives", "Conservative Party"}
    assert {"Lib Dems", "Lib Dem"} <= set(orgs["Liberal Democrats"].variants)
    assert "Roger Knapman" in persons(local_actors(nlp(text)))


def test_a_surname_after_an_honorific_is_a_person_whatever_the_tagger_said(nlp):
    text = "Martin Mubanga was freed in January. Mr Mubanga, 32, from Wembley, said he had been chained."
    mubanga = persons(local_actors(nlp(text)))["Martin Mubanga"]
    assert "Mr Mubanga" in mubanga.variants and len(mubanga.mentions) == 2


def test_common_nouns_as_speakers_become_no_actors():
    text = "Critics said it was wrong. The Bill proposes curfews. Opponents argue it will fail. Rory Smith said so."
    quotes = [
        speaker_quote("Critics", 0, 7),
        speaker_quote("Bill", text.index("Bill"), text.index("Bill") + 4),
        speaker_quote("Opponents", text.index("Opp"), text.index("Opp") + 9),
        speaker_quote("Rory Smith", text.index("Rory"), text.index("Rory") + 10),
    ]
    actors: list[LocalActor] = []
    attach_speakers(quotes, actors, text)
    assert [a.name for a in actors] == ["Rory Smith"]
    assert [q.speaker_key for q in quotes] == [None, None, None, 0]


# --- Across the library, with entries built by hand.


def titled(article, surname, title, key=0, roles=(), mentions=1):
    return entry(article, surname, variants=[f"{title} {surname}"], key=key, roles=roles, mentions=mentions)


# Forty more articles, about something else: against them an actor of a few articles is rare.
ELSEWHERE = [entry(f"other-{n}", "Labour Party", ORG, key=8) for n in range(40)]


def context(*articles, name="Hazel Blears"):
    """One rare actor named in each of `articles` (evidence that they are related), in a library
    of forty more articles."""
    return [entry(article, name, key=9) for article in articles] + ELSEWHERE


def test_a_surname_of_the_other_sex_or_an_unheld_rank_never_joins_a_full_name():
    entries = [
        entry("a", "Michael Howard", variants=["Michael Howard", "Mr Howard"]),
        titled("b", "Howard", "Mrs"),
        entry("c", "George Osborne", roles=["shadow chancellor"]),
        titled("d", "Osborne", "Lord"),
        entry("e", "Chris Carter", roles=["editor"]),
        titled("f", "Carter", "President", roles=["President"]),
        *context("a", "b", "c", "d", "e", "f"),
    ]
    resolution = resolve_actors(entries)
    names = {a.name for a in resolution.actors}
    assert {
        "Michael Howard",
        "Mrs Howard",
        "George Osborne",
        "Lord Osborne",
        "Chris Carter",
        "President Carter",
    } <= names
    assert "Mrs Howard" not in actor_named(resolution, "Michael Howard").aliases


def test_a_rank_the_full_name_holds_elsewhere_joins_it():
    entries = [
        entry("a", "Jimmy Carter", roles=["former US President"]),
        titled("b", "Carter", "President", roles=["President"]),
        entry("c", "Peter Goldsmith", variants=["Peter Goldsmith", "Lord Goldsmith"]),
        titled("d", "Goldsmith", "Lord"),
        titled("e", "Falconer", "Lord", key=1),
        titled("f", "Falconer", "Lord", key=1),
    ]
    resolution = resolve_actors(entries)
    assert sorted(a.name for a in resolution.actors) == ["Jimmy Carter", "Lord Falconer", "Peter Goldsmith"]
    assert actor_named(resolution, "Lord Falconer").articles == ["e", "f"]


def test_a_first_name_alone_joins_no_one_across_articles():
    entries = [entry("a", "Charles Kennedy"), entry("b", "Charles", variants=["Prince Charles"], roles=["Prince"])]
    resolution = resolve_actors(entries + context("a", "b"))
    assert {"Charles Kennedy", "Prince Charles"} <= {a.name for a in resolution.actors}


def test_a_surname_alone_never_joins_across_unrelated_articles():
    unrelated = [
        entry("a", "Bob Neill", roles=["leader of the London Assembly Conservatives"]),
        entry("a", "Ken Livingstone", key=1),
        entry("b", "Neill"),
        entry("b", "Hazards", ORG, key=1),
    ]
    assert len(resolve_actors([*unrelated, *ELSEWHERE]).actors) == 5
    related = [*unrelated, entry("b", "Ken Livingstone", key=2), *ELSEWHERE]
    resolution = resolve_actors(related)
    assert "Neill" in actor_named(resolution, "Bob Neill").aliases


def test_a_surname_beside_its_full_name_in_one_article_joins_it():
    # the article's own full name, even though another Mubanga is in the library
    entries = [
        entry("a", "Martin Mubanga"),
        entry("a", "Mubanga", key=1, mentions=5),
        entry("b", "Jane Mubanga"),
    ]
    resolution = resolve_actors(entries)
    assert actor_named(resolution, "Martin Mubanga").mention_count == 6


def test_of_several_bearers_of_a_surname_the_one_of_a_related_article_is_chosen():
    entries = [
        entry("a", "Tony Blair", variants=["Tony Blair", "Mr Blair"], roles=["Prime Minister"]),
        entry("b", "Cherie Blair", variants=["Cherie Blair", "Mrs Blair"]),
        entry("c", "Ian Blair", variants=["Sir Ian Blair"], roles=["Metropolitan Police Commissioner"]),
        titled("d", "Blair", "Mr"),
        *context("a", "d"),
    ]
    resolution = resolve_actors(entries)
    assert "d" in actor_named(resolution, "Tony Blair").articles
    assert len(resolution.actors) == 5  # the three Blairs, Hazel Blears, the Labour Party


def test_two_surnames_that_other_people_bear_are_two_surnames():
    entries = [
        entry("a", "David Davis"),
        entry("b", "David Davies"),
        entry("c", "Quentin Davies"),
        entry("d", "Evan Davis"),
    ]
    assert len(resolve_actors(entries).actors) == 4


def test_well_known_names_of_one_body_are_one_actor_shown_by_its_name():
    entries = [
        entry("a", "Tories", GROUP),
        entry("b", "Conservatives", GROUP),
        entry("c", "Conservative Party", ORG),
        entry("d", "Lib Dems", PERSON),
        entry("e", "Liberal Democrats", GROUP),
        entry("f", "UKIP", ORG),
        entry("g", "UK Independence Party", ORG),
        entry("h", "Labour", ORG),
        entry("i", "Labour Party", ORG),
    ]
    resolution = resolve_actors(entries)
    assert sorted((a.name, a.kind) for a in resolution.actors) == [
        ("Conservative Party", ORG),
        ("Labour Party", ORG),
        ("Liberal Democrats", ORG),
        ("UK Independence Party", ORG),
    ]


def test_the_kind_follows_a_persons_role_honorific_or_quote():
    entries = [
        entry("a", "Rhodri Morgan", PLACE),
        entry("b", "Rhodri Morgan", PLACE),
        entry("c", "Rhodri Morgan", roles=["First Minister"]),
        entry("a", "Thabo Mbeki", PLACE, key=1),
        entry("b", "Thabo Mbeki", PLACE, key=1),
        entry("c", "Thabo Mbeki", variants=["Mr Mbeki"], key=1),
        ActorEntry("d", "Outlet", LocalActor(0, "Margaret Hodge", ORG, ["Margaret Hodge"], [], [(0, 1)]), quoted=True),
        ActorEntry("d", "Outlet", LocalActor(1, "Morgan Stanley", ORG, ["Morgan Stanley"], [], [(2, 3)]), quoted=True),
    ]
    kinds = {a.name: a.kind for a in resolve_actors(entries).actors}
    assert kinds == {"Rhodri Morgan": PERSON, "Thabo Mbeki": PERSON, "Margaret Hodge": PERSON, "Morgan Stanley": ORG}


def test_an_honorific_goes_with_a_family_name_written_first_or_a_place_name_as_a_surname(nlp):
    text = (
        "UN Secretary General Ban Ki-moon said the war must end. Mr. Ban said more. Home Office minister "
        "Baroness Scotland said the law would change. Scotland has its own courts. Former chat show host "
        "Robert Kilroy-Silk left. Mr Kilroy-Silk said so."
    )
    actors = local_actors(nlp(text))
    assert "Mr. Ban" in persons(actors)["Ban Ki-moon"].variants
    assert "Mr Kilroy-Silk" in persons(actors)["Robert Kilroy-Silk"].variants
    scotland = {a.kind: a for a in actors if a.name == "Scotland"}
    assert set(scotland) == {PERSON, PLACE} and scotland[PERSON].variants == ["Baroness Scotland"]
    assert scotland[PERSON].roles == ["Home Office minister"]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a rank and a field in lower case belong to the title: another office than "the chancellor"
        ("Tory shadow chancellor Ivor Penn predicted taxes would rise.", "Ivor Penn", "Tory shadow chancellor"),
        ("Labour's shadow home secretary Ann Vale said the plan was wrong.", "Ann Vale", "shadow home secretary"),
        ("He met health minister Joan Burr in Leeds on Monday.", "Joan Burr", "health minister"),
        # words before the title that are no part of it
        ("In the run-up to war Foreign Secretary Ivan Hale met the envoy.", "Ivan Hale", "Foreign Secretary"),
    ],
)
def test_a_title_before_a_name_keeps_its_rank_and_field(nlp, text, name, role):
    roles = persons(local_actors(nlp(text)))[name].roles
    assert len(roles) == 1 and roles[0].endswith(role) and not roles[0].startswith("war")


def test_a_word_the_tagger_ran_into_a_name_is_cut_off_where_the_article_names_the_person(nlp):
    cases = [
        # a headline's verb after the name, the person named again in the text
        (
            "Baxter Says Regional Hospital Will Stay Open.\n\nMs. Baxter said the hospital would stay open.",
            "Baxter Says Regional Hospital Will Stay Open",
            "Baxter",
        ),
        # a headline's verb before a full name
        (
            "Voters Rip Donald Baxter Over Plan.\n\nDonald Baxter said he would not change it.",
            "Rip Donald Baxter",
            "Donald Baxter",
        ),
    ]
    for text, glued, name in cases:
        named = persons(local_actors(nlp(text)))
        assert glued not in named and name in named, (text, named)


def test_a_name_is_not_cut_where_the_word_may_be_a_name(nlp):
    # an unknown first name before a surname the text uses alone, a first name of either sex,
    # and a surname that is also an English word are all kept
    cases = [
        ("Sipho Ndlovu arrived on Monday. Ndlovu said he was glad to be back.", "Sipho Ndlovu"),
        (
            "Rail Fares Will Rise, Lindsey Graham Says.\n\nSen. Lindsey Graham told the paper. Graham said so.",
            "Lindsey Graham",
        ),
        ("Christopher Hope wrote the report. Hope said there was little hope of a deal.", "Christopher Hope"),
    ]
    for text, name in cases:
        named = persons(local_actors(nlp(text)))
        assert name in named, (text, named)


def test_a_rank_alone_does_not_join_the_one_full_name_where_the_text_also_means_someone_of_the_other_sex(nlp):
    # "President Marsh" is not the first lady Helen Marsh, whom the article names in full, when it
    # also writes "Mr. Marsh": a man of that name is meant too
    text = (
        "President Marsh told voters on Saturday it would be a personal insult if they stayed home. "
        "Mr. Marsh spoke for an hour. The campaign plans to use Mr. Marsh and the first lady, "
        "Helen Marsh, in the coming weeks."
    )
    actors = local_actors(nlp(text))
    helen = [a for a in actors if a.name == "Helen Marsh"]
    assert helen and "President Marsh" not in helen[0].variants, actors
    # in the library, the rank goes to the one who holds it elsewhere, not to her
    entries = [
        entry("a", "Helen Marsh", key=0),
        entry("a", "Marsh", variants=["President Marsh"], key=1),
        entry("a", "Marsh", variants=["Mr. Marsh"], key=2),
        entry("b", "Paul Marsh", variants=["President Paul Marsh"], roles=["President"]),
    ]
    resolution = resolve_actors(entries)
    paul = actor_named(resolution, "Paul Marsh")
    assert resolution.assignment[("a", 1)] == resolution.assignment[("b", 0)], resolution.actors
    assert "President Marsh" in paul.aliases
    assert resolution.assignment[("a", 1)] != resolution.assignment[("a", 0)]
