"""An office named without its holder ("the prime minister said") resolved from the library."""

from __future__ import annotations

import pytest

from index.actors.offices import CONFIDENCE, GUESSES, office_of, resolve_offices
from index.citation import evidence_text
from index.model import DOUBTFUL_CONFIDENCE, Actor, ArticleSummary, LocalActor, RawQuote
from index.quotes.evidence import HOW


@pytest.mark.parametrize(
    ("via", "office"),
    [
        ("The prime minister", "prime minister"),
        ("the chancellor", "chancellor"),
        ("the Tory leader", "tory leader"),
        ("the home secretary", "home secretary"),
        ("the shadow chancellor", "shadow chancellor"),
        ("the minister", None),  # many ministers
        ("the leader", None),
        ("the former prime minister", None),
        ("the prime minister's official spokesman", None),
        ("a spokesman", None),
        ("the governor", None),  # every state has one
        ("the mayor", None),
        ("Tony Blair", None),
    ],
)
def test_only_a_bare_office_with_one_holder_is_looked_up(via, office):
    assert office_of(via) == office


def person(key: int, name: str, *roles: str) -> LocalActor:
    return LocalActor(key=key, name=name, kind="person", roles=list(roles))


def office_quote(via: str = "the prime minister") -> RawQuote:
    how = HOW["role-alone"]
    return RawQuote(
        speaker_how="role-alone",
        text="it was time to say sorry",
        kind="indirect",
        start=0,
        end=10,
        paragraph=0,
        cue="said",
        speaker_text=via,
        speaker_via=via,
        speaker_evidence=how[0],
        speaker_confidence=how[1],
        speaker_kind="person",
    )


def guessed_quote(key: int, via: str = "The prime minister") -> RawQuote:
    quote = office_quote(via)
    quote.speaker_key = key
    quote.speaker_how = "role-continuity"
    quote.speaker_evidence, quote.speaker_confidence = HOW["role-continuity"]
    return quote


class World:
    """A library of articles: each names people with roles; actor ids are the slugged names."""

    def __init__(self) -> None:
        self.articles: list[tuple[str, list[LocalActor], list[RawQuote]]] = []
        self.assignment: dict[tuple[str, int], str] = {}
        self.actors: dict[str, Actor] = {}
        self.summaries: dict[str, ArticleSummary] = {}

    def article(self, article_id: str, people: list[LocalActor], quotes=(), date: str = "") -> None:
        self.articles.append((article_id, people, list(quotes)))
        self.summaries[article_id] = ArticleSummary(article_id, article_id, "", date, article_id + ".txt")
        for local in people:
            actor_id = local.name.casefold().replace(" ", "-")
            self.actors.setdefault(actor_id, Actor(id=actor_id, name=local.name, kind="person"))
            self.assignment[(article_id, local.key)] = actor_id

    def resolve(self):
        return resolve_offices(self.articles, self.assignment, list(self.actors.values()), self.summaries)


def test_the_one_holder_the_library_names_is_the_speaker_marked_as_such():
    world = World()
    for n in range(3):
        world.article(f"e{n}", [person(0, "Tony Blair", "Prime Minister")])
    world.article("q", [person(0, "Ken Livingstone", "London mayor")], [office_quote()])
    found = world.resolve()[("q", 0)]
    assert found.actor_id == "tony-blair"
    assert found.via == "3 articles name Tony Blair the prime minister"
    assert found.confidence == CONFIDENCE < DOUBTFUL_CONFIDENCE < HOW["subject"][1]


def test_an_office_that_changed_hands_or_is_another_countrys_stays_unresolved():
    world = World()
    for n in range(3):
        world.article(f"c{n}", [person(0, "Charles Clarke", "Home Secretary")])
    for n in range(2):
        world.article(f"b{n}", [person(0, "David Blunkett", "Home Secretary")])
    # only qualified evidence for the prime minister: another country's office
    world.article("i", [person(0, "Bertie Ahern", "Irish prime minister")])
    world.article("q", [], [office_quote("the home secretary"), office_quote("the prime minister")])
    assert world.resolve() == {}  # Clarke holds 3 of 5 articles' home secretary: under four in five


def test_a_great_majority_is_enough_and_a_tie_is_not():
    world = World()
    for n in range(4):
        world.article(f"g{n}", [person(0, "Gordon Brown", "chancellor")])
    world.article("l", [person(0, "Oliver Letwin", "chancellor")])
    world.article("q", [], [office_quote("the chancellor")])
    assert world.resolve()[("q", 0)].actor_id == "gordon-brown"  # 4 of 5
    tie = World()
    tie.article("m", [person(0, "Jack McConnell", "First Minister")])
    tie.article("r", [person(0, "Rhodri Morgan", "First Minister")])
    tie.article("q", [], [office_quote("the first minister")])
    assert tie.resolve() == {}


def test_an_article_naming_an_earlier_holder_and_not_the_librarys_keeps_the_office_as_written():
    world = World()
    for n in range(5):
        world.article(f"c{n}", [person(0, "Charles Clarke", "Home Secretary")])
    world.article("b", [person(0, "David Blunkett", "Home Secretary")])
    # Clarke holds 5 of 6: resolved where no holder is named, not where Mr Blunkett is
    world.article("q", [], [office_quote("the home secretary")])
    world.article("p", [person(0, "David Blunkett")], [office_quote("the home secretary")])
    found = world.resolve()
    assert found[("q", 0)].actor_id == "charles-clarke" and ("p", 0) not in found


def test_dated_evidence_counts_only_within_the_window():
    world = World()
    world.article("old", [person(0, "John Major", "Prime Minister")], date="1995-01-10")
    world.article("new", [person(0, "Tony Blair", "Prime Minister")], date="2005-01-12")
    world.article("q", [], [office_quote()], date="2005-02-01")
    assert world.resolve()[("q", 0)].actor_id == "tony-blair"
    world.summaries["q"].date = "1995-03-01"
    assert world.resolve()[("q", 0)].actor_id == "john-major"


def test_never_a_person_the_article_calls_something_else_nor_against_its_own_holder():
    world = World()
    for n in range(3):
        world.article(f"e{n}", [person(0, "Gordon Brown", "Chancellor")])
    # the article itself calls Brown prime minister: he is not "the chancellor" there
    world.article("q", [person(0, "Gordon Brown", "Prime Minister")], [office_quote("the chancellor")])
    # the article gives the office, qualified, to someone else
    world.article("g", [person(0, "Gerhard Schroeder", "German chancellor")], [office_quote("the chancellor")])
    assert world.resolve() == {}


def test_a_deputy_or_a_former_holder_in_the_article_is_another_office_and_does_not_block_it():
    world = World()
    for n in range(3):
        world.article(f"e{n}", [person(0, "Tony Blair", "Prime Minister")])
    deputy = person(1, "John Prescott", "Deputy Prime Minister")
    former = person(2, "John Major", "former prime minister")
    world.article("q", [deputy, former], [office_quote("the prime minister")])
    found = world.resolve()
    assert found[("q", 0)].actor_id == "tony-blair"


def test_a_partys_shadow_office_in_the_article_is_another_office_and_does_not_block_it():
    world = World()
    for n in range(3):
        world.article(f"e{n}", [person(0, "Gordon Brown", "Chancellor")])
    world.article("q", [person(0, "Ivor Penn", "Tory shadow chancellor")], [office_quote("the chancellor")])
    assert world.resolve()[("q", 0)].actor_id == "gordon-brown"


def test_the_articles_guess_gives_way_only_to_a_clear_library_and_never_for_a_holder():
    world = World()
    for n in range(3):
        world.article(f"e{n}", [person(0, "Tony Blair", "Prime Minister")])
    world.article("d", [person(0, "David Blunkett", "Prime Minister")])  # a stray: 3 of 4 is under 4 in 5
    # the previous speaker, Charles Clarke, never named prime minister: the library's holder wins
    world.article("q", [person(0, "Charles Clarke"), person(1, "Tony Blair")], [guessed_quote(0)])
    assert world.resolve() == {}  # Blair holds 3 of 4: no great majority
    world.articles = [a for a in world.articles if a[0] != "d"]
    assert world.resolve()[("q", 0)].actor_id == "tony-blair"
    # a guess the library itself names prime minister is kept
    named = World()
    for n in range(3):
        named.article(f"e{n}", [person(0, "Tony Blair", "Prime Minister")])
    named.article("j", [person(0, "John Major", "Prime Minister")])
    named.article("q", [person(0, "John Major")], [guessed_quote(0)])
    assert named.resolve() == {}
    # a name in the sentence, or a person the article gives the role, is never touched
    sure = World()
    for n in range(3):
        sure.article(f"e{n}", [person(0, "Tony Blair", "Prime Minister")])
    known = guessed_quote(0)
    known.speaker_how = "role-known"
    known.speaker_evidence, known.speaker_confidence = HOW["role-known"]
    sure.article("q", [person(0, "Charles Clarke")], [known])
    assert sure.resolve() == {}


def test_a_guess_is_known_by_its_rule_not_by_a_confidence_another_rule_may_share():
    world = World()
    for n in range(3):
        world.article(f"e{n}", [person(0, "Tony Blair", "Prime Minister")])
    retuned = guessed_quote(0)
    retuned.speaker_confidence = 0.77  # the previous speaker's rule, its confidence calibrated anew
    world.article("q", [person(0, "Charles Clarke")], [retuned])
    # a rule that is no guess, with the very confidence of one ("role-body" and "role-continuity" share 0.8)
    sure = guessed_quote(0)
    sure.speaker_how, (sure.speaker_evidence, sure.speaker_confidence) = "role-known", HOW["role-continuity"]
    world.article("k", [person(0, "Charles Clarke")], [sure])
    found = world.resolve()
    assert found[("q", 0)].actor_id == "tony-blair"
    assert ("k", 0) not in found
    assert set(GUESSES) - set(HOW) == set(), (
        "a guessing rule of offices.py is no longer a rule of index/quotes/evidence.py"
    )


def test_a_ledes_office_given_to_the_next_person_named_gives_way_to_the_librarys_holder():
    world = World()
    for n in range(3):
        world.article(f"e{n}", [person(0, "Tony Blair", "Prime Minister")])
    lede = guessed_quote(0)
    lede.speaker_how, (lede.speaker_evidence, lede.speaker_confidence) = "role-lede", HOW["role-lede"]
    world.article("q", [person(0, "Michael Howard")], [lede])
    assert world.resolve()[("q", 0)].actor_id == "tony-blair"


def test_one_article_overrules_no_guess_but_resolves_a_bare_office():
    world = World()
    world.article("e", [person(0, "Patricia Hewitt", "Trade and Industry Secretary")])
    world.article("q", [], [office_quote("the trade and industry secretary")])
    world.article("g", [person(0, "Alan Johnson")], [guessed_quote(0, "the trade and industry secretary")])
    found = world.resolve()
    assert found[("q", 0)].via == "1 article names Patricia Hewitt the trade and industry secretary"
    assert ("g", 0) not in found


def test_the_evidence_line_says_where_the_speaker_came_from():
    quote = office_quote()
    quote.speaker_evidence, quote.speaker_via = "office", "10 articles name Tony Blair the prime minister"
    quote.speaker_confidence = CONFIDENCE
    assert evidence_text(quote, "Tony Blair") == (
        "speaker: office resolved from the library: 10 articles name Tony Blair the prime minister, confidence 0.55"
    )


def _office_library(tmp_path):
    """Three articles name Tony Blair the prime minister; office.txt quotes "the prime minister" alone."""
    folder = tmp_path / "news"
    folder.mkdir()
    for n, topic in enumerate(["schools", "hospitals", "transport"]):
        (folder / f"evidence{n}.txt").write_text(
            f"Blair sets out {topic} plan\n\nPrime Minister Tony Blair said on Monday that the {topic} plan would "
            f'be published next month. Mr Blair said: "We will deliver on {topic}."\n',
            encoding="utf-8",
        )
    (folder / "office.txt").write_text(
        "Apology over jailings\n\nThe prime minister said he was very sorry for the wrongful jailings.\n",
        encoding="utf-8",
    )
    return folder


def test_a_library_resolves_the_office_keeps_it_through_reindex_and_a_correction_wins(tmp_path, nlp):
    from index.library import Library

    folder = _office_library(tmp_path)
    with Library.open(tmp_path / "lib") as library:
        library.add([folder])
        office = next(s.id for s in library.article_summaries() if s.path.endswith("office.txt"))

        def the_quote():
            (quote,) = library.quotes(article_id=office)
            return quote

        quote = the_quote()
        assert quote.speaker == "Tony Blair"
        assert (quote.speaker_evidence, quote.speaker_confidence) == ("office", CONFIDENCE)
        assert quote.speaker_via == "3 articles name Tony Blair the prime minister"
        assert any(q.id == quote.id for q in library.quotes(actor_id=quote.speaker_id))
        library.reindex(nlp=True)
        assert the_quote().speaker_evidence == "office"
        library.correct_quote(quote.id, speaker="Gordon Brown")
        assert (the_quote().speaker, the_quote().speaker_evidence) == ("Gordon Brown", "corrected")


def test_the_holder_of_an_office_named_alone_is_an_actor_of_that_article_until_the_resolution_goes(tmp_path, nlp):
    """The article's actor list, the actor's articles and outlets, and the search index's actor field
    all count the holder, through a re-ingest and `reindex --nlp`; a correction or a new analysis
    that no longer names the office alone takes them away again."""
    from index.library import Library

    evidence = _office_library(tmp_path)
    wire = tmp_path / "wire"
    wire.mkdir()
    (evidence / "office.txt").rename(wire / "office.txt")
    with Library.open(tmp_path / "lib") as library:
        library.add([evidence], outlet="Daily Post")
        library.add([wire], outlet="Harbour Wire")
        office = next(s.id for s in library.article_summaries() if s.path.endswith("office.txt"))
        named = [s.id for s in sorted(library.article_summaries(), key=lambda s: s.title) if s.id != office]
        blair = library.find_actor("Tony Blair")

        def counted() -> tuple[bool, bool, bool]:
            """The holder is in the article's actors, the article in the holder's, a search finds it."""
            actors = {entry.actor.id for entry in library.article_actors(office)}
            searched = {hit.article_id for hit in library.search("actor:blair", limit=None).hits}
            return blair.id in actors, office in library.actor_articles(blair.id), office in searched

        assert counted() == (True, True, True)
        (entry,) = [e for e in library.article_actors(office) if e.actor.id == blair.id]
        assert (entry.mentions, entry.roles) == (1, ["prime minister"])  # the office phrase, as written
        holder = library.actor(blair.id)
        assert (holder.articles, holder.outlets) == ([office, *named], ["Daily Post", "Harbour Wire"])  # content order
        assert {q.id for q in library.quotes(article_id=office)} <= {q.id for q in library.quotes(actor_id=blair.id)}
        library.reindex(nlp=True)
        assert counted() == (True, True, True)
        (wire / "office.txt").write_text(  # edited: ingested and analysed again, still the office alone
            "Apology over jailings\n\nThe prime minister said he was deeply sorry for the wrongful jailings.\n",
            encoding="utf-8",
        )
        library.add([wire], outlet="Harbour Wire")
        assert counted() == (True, True, True)
        (quote,) = library.quotes(article_id=office)
        library.correct_quote(quote.id, speaker="Gordon Brown")
        assert counted() == (False, False, False)
        library.clear_correction(quote.id)
        assert counted() == (True, True, True)
        refused = library.correct_quote(quote.id, not_a_quote=True)
        assert counted() == (False, False, False)
        library.clear_correction(refused.key)
        assert counted() == (True, True, True)
        (wire / "office.txt").write_text(  # a new analysis: the quote is no one's office any more
            "Apology over jailings\n\nThe council said it was deeply sorry for the wrongful jailings.\n",
            encoding="utf-8",
        )
        library.add([wire], outlet="Harbour Wire")
        assert counted() == (False, False, False)
        holder = library.actor(blair.id)
        assert (holder.articles, holder.outlets) == (named, ["Daily Post"])
