"""Quote speakers attached to the local actors they name; a named speaker no actor has becomes one."""

from __future__ import annotations

from index.actors.mentions import PERSON
from index.actors.names import clean_name, fold, looks_like_name, names_no_actor
from index.lexicon import ANONYMOUS_ROLES, DETERMINERS, PRONOUNS
from index.model import LocalActor, RawQuote


def attach_speakers(quotes: list[RawQuote], actors: list[LocalActor], text: str) -> None:
    """Set each quote's speaker_key to the local actor it names; add actors for unknown names."""
    for quote in quotes:
        quote.speaker_key = _find_speaker(quote, actors, text)
        if quote.speaker_key is None and _names_new_actor(quote, text):
            name = clean_name(quote.speaker_text)
            mentions = []
            if 0 <= quote.speaker_start < quote.speaker_end <= len(text):
                mentions.append((quote.speaker_start, quote.speaker_end))
            actor = LocalActor(
                key=len(actors), name=name, kind=PERSON, variants=[quote.speaker_text.strip()], mentions=mentions
            )
            actors.append(actor)
            quote.speaker_key = actor.key


def _names_new_actor(quote: RawQuote, text: str) -> bool:
    """Whether a speaker no local actor has is a name worth an actor of its own: not a common noun
    ("Critics", "the Bill"), nor a lone plural opening a sentence ("Opponents say")."""
    if not looks_like_name(quote.speaker_text):
        return False
    start = quote.speaker_start
    before = text[max(0, start - 40) : start].split() if start > 0 else []
    if names_no_actor(quote.speaker_text, before[-1] if before else "", text):
        return False
    words = quote.speaker_text.split()
    opens_sentence = start >= 0 and (not before or before[-1][-1:] in ".!?\"”'’:")
    return not (len(words) == 1 and words[0].endswith("s") and opens_sentence)


def _names_speaker(start: int, end: int, quote: RawQuote, text: str, kind: str = PERSON) -> bool:
    """Whether a mention (of an actor of `kind`) inside the speaker span is the speaker, not a modifier of it.

    "Kirby" in "John Kirby, the coordinator" is; "Kiev" in "Kiev's top negotiator" and
    "Biden" in "Biden's aides" are not: the speaker phrase must end in the mention, or open
    with it followed by an apposition. A role for a person is not the person ("a spokeswoman for
    Hillary Clinton"); a voice (ANONYMOUS_ROLES) for a body is the body ("a spokesman for the Home
    Office"), but no other role for it is ("a candidate for the Harwick Trust").
    """
    if not (start < quote.speaker_end and quote.speaker_start < end):
        return False
    before = [word.lower() for word in text[quote.speaker_start : start].split()]
    while before and before[-1] in DETERMINERS:
        before.pop()  # "a spokesman for the DCA": the preposition is before the article
    voice = kind != PERSON and before[-1:] == ["for"] and any(word in ANONYMOUS_ROLES for word in before)
    if before and before[-1] in ("for", "of", "to", "with") and not voice:
        return False  # "a spokeswoman for Hillary Clinton" is the spokeswoman, not Clinton
    if not voice and _inside_a_phrase_of(before):
        return False  # "the chairman of the Police Federation of England and Wales" is not Wales
    if (
        start <= quote.speaker_end - 1 < end
        or text[quote.speaker_start : quote.speaker_end].rstrip(" ,.") == text[start:end]
    ):
        return True
    return start <= quote.speaker_start and text[end : end + 1] == ","


# Prepositions that open a phrase of a role ("the chairman of …", "the MP for …").
ROLE_PREPOSITIONS = frozenset({"for", "of", "to", "with", "at", "in"})


def _inside_a_phrase_of(before: list[str]) -> bool:
    """Whether the words of the speaker phrase before a mention put it inside a prepositional
    phrase of the role ("the chairman of the Federation of England and …"), no comma closing that
    phrase first ("the head of the agency, John Brennan" names Brennan)."""
    inside = False
    for word in before:
        if word in ROLE_PREPOSITIONS:
            inside = True
        elif word.endswith(","):
            inside = False
    return inside


def _find_speaker(quote: RawQuote, actors: list[LocalActor], text: str) -> int | None:
    """The key of the local actor the quote's speaker span or text names, or None."""
    if quote.speaker_start >= 0 and quote.speaker_end > quote.speaker_start:
        overlapping = [
            actor
            for actor in actors
            if any(_names_speaker(start, end, quote, text, actor.kind) for start, end in actor.mentions)
        ]
        if overlapping:
            overlapping.sort(key=lambda actor: (actor.kind != PERSON, actor.key))
            return overlapping[0].key
    name = fold(clean_name(quote.speaker_text))
    if not name or name in PRONOUNS:
        return None
    for actor in actors:
        if name == fold(actor.name) or name in {fold(clean_name(v)) for v in actor.variants}:
            return actor.key
    # A nominal speaker that is exactly a person's role ("Kiev's top negotiator").
    by_role = [a for a in actors if a.kind == PERSON and name in {fold(clean_name(r)) for r in a.roles}]
    if len(by_role) == 1:
        return by_role[0].key
    if set(name.split()) & ROLE_PREPOSITIONS:
        return None  # "the Labour MP for Birkenhead": a role with a place, not someone surnamed Birkenhead
    surname = name.split()[-1]
    matches = [
        actor
        for actor in actors
        if actor.kind == PERSON
        and fold(actor.name).split()[-1] == surname
        and (
            len(name.split()) == 1
            or len(fold(actor.name).split()) == 1
            or fold(actor.name).split()[0][:1] == name.split()[0][:1]
        )
    ]
    return matches[0].key if len(matches) == 1 else None
