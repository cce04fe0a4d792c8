"""Speakers: who a cue's statement comes from, and the span of the mention that names them.

The speaker is the cue's subject (climbing to the governing verb when it has none), else the
nearest name beside it; a thing that gave out a statement ("a Kremlin statement") speaks for
the person or body it names. An institution voiced by a person the same sentence names ("The
White House said …, as John Kirby put it") gives way to the person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.lexicon import (
    NOT_AGENT_NOUNS,
    ORG_NOUNS,
    ORIGIN_PREPOSITIONS,
    PEOPLE_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUN_FORMS,
)
from index.quotes.cues import is_passive_participle, is_reporting, is_speech_word
from index.quotes.span import CharSpan, QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Token

    from index.quotes.context import QuoteContext

# Entities that can be the origin of a statement; a place or a people speaks as its government.
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
# Names inside a thing's phrase that gave it out ("a Kremlin statement", "a Deloitte report");
# a demonym or a place there only describes it ("a Democratic source", "a U.S. report").
GIVER_ENTITIES = frozenset({"PERSON", "ORG", "FAC"})
# Speakers that are institutions a person can speak for ("the White House said …, as Kirby put it").
INSTITUTION_ENTITIES = frozenset({"ORG", "GPE", "NORP", "FAC"})
# Entities that name no one beside a cue.
NUMERIC_ENTITIES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT")


def is_name(token: Token) -> bool:
    """A proper noun as written: the small model tags some lowercase role nouns PROPN."""
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def is_agent_noun(lemma: str) -> bool:
    """A common noun for a person or a body ("analyst", "insider", "regulator", "resident",
    "employee", "spokesman", "the ministry"), not a thing ("a briefing", "the report")."""
    if lemma in PERSON_NOUNS or lemma in ORG_NOUNS or lemma in PEOPLE_NOUNS:
        return True
    if lemma in NOT_AGENT_NOUNS or lemma.endswith("ment"):
        return False
    return lemma.endswith(
        ("ist", "ian", "man", "men", "woman", "women", "person", "er", "or", "ee", "eer", "ant", "ent")
    )


def subject_of(verb: Token, window_start: int, window_end: int) -> Token | None:
    """The token naming who performs `verb`, climbing to the governing verb when the
    verb has no subject of its own ("…, adding that" · "went on to conclude")."""
    if verb.lower_ == "according":
        for child in verb.subtree:
            if child.dep_ == "pobj" and child.head.lower_ == "to":
                return child
        nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
        if nxt is not None and nxt.lower_ == "to" and nxt.i + 1 < len(verb.doc):
            for token in verb.doc[nxt.i + 1 : min(len(verb.doc), nxt.i + 8)]:
                if token.pos_ in ("PROPN", "NOUN", "PRON"):
                    return token
        return None
    current = verb
    for _ in range(4):
        # Paragraphs are parsed together, so a verb can be given a subject from the
        # paragraph before; only the nearest one inside the window counts.
        subjects = sorted(
            (
                c
                for c in current.children
                if c.dep_ in ("nsubj", "nsubjpass", "csubj") and window_start <= c.idx < window_end
            ),
            key=lambda c: abs(c.i - current.i),
        )
        agents = [g for c in current.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in ("who", "that", "which") and current.dep_ == "relcl":
                return current.head
            return subject
        if agents:
            return agents[0]
        if current.dep_ in ("advcl", "conj", "xcomp", "pcomp", "ccomp") and current.head is not current:
            current = current.head
            continue
        if current.dep_ == "relcl":
            return current.head
        break
    return None


def nearby_name(context: QuoteContext, verb: Token, window_start: int, window_end: int) -> Token | None:
    """Fallback when the parse gives the verb no subject: the nearest name or pronoun
    next to it, within the attribution text [window_start, window_end)."""
    best = None
    for token in context.tokens_in(window_start, window_end):
        if context.is_quoted(token) or token.i == verb.i or context.in_address(token):
            continue
        if token.ent_type_ in NUMERIC_ENTITIES:
            continue
        if token.pos_ == "PROPN" or token.lower_ in PERSON_PRONOUN_FORMS | {"they", "i", "we"}:
            distance = abs(token.i - verb.i)
            if distance <= 6 and (best is None or distance < abs(best.i - verb.i)):
                best = token
    return best


def mention_span(token: Token) -> CharSpan:
    """The char span of the name or noun phrase `token` heads."""
    doc = token.doc
    if token.ent_type_ and token.ent_iob_ in ("B", "I"):
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                # the tagger takes a title-case headline's verb into the name ("Obama Says")
                first, last = ent.start, ent.end - 1
                while first < token.i and is_speech_word(doc[first]):
                    first += 1
                while last > token.i and is_speech_word(doc[last]):
                    last -= 1
                return doc[first].idx, doc[last].idx + len(doc[last].text)
    if is_name(token):
        first = last = token.i
        # (a title-case headline tags its verb PROPN too: "Obama Says …")
        while (
            first > 0
            and doc[first - 1].pos_ == "PROPN"
            and doc[first - 1].head.i in range(first - 1, last + 2)
            and not is_speech_word(doc[first - 1])
        ):
            first -= 1
        while (
            last + 1 < len(doc)
            and doc[last + 1].pos_ == "PROPN"
            and doc[last + 1].dep_ in ("compound", "flat")
            and not is_speech_word(doc[last + 1])
        ):
            last += 1
        return doc[first].idx, doc[last].idx + len(doc[last].text)
    if token.pos_ in ("NOUN", "PROPN"):
        left = [c for c in token.lefts if c.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod")]
        first = min([token.i] + [c.left_edge.i for c in left])
        return doc[first].idx, token.idx + len(token.text)
    return token.idx, token.idx + len(token.text)


def origin_for(context: QuoteContext, verb: Token, window_start: int, window_end: int) -> Token | None:
    """The token naming where a statement comes from, as written: a person, a body, or a
    thing ("a briefing"), which `speaking_party` then reads."""
    subject = subject_of(verb, window_start, window_end)
    if subject is None or context.is_quoted(subject) or context.in_address(subject):
        subject = nearby_name(context, verb, window_start, window_end)
    return subject


def speaker_for(context: QuoteContext, verb: Token, window_start: int, window_end: int) -> Token | None:
    """The token heading the mention of who speaks through the cue `verb`, or None."""
    origin = origin_for(context, verb, window_start, window_end)
    return speaking_party(context, origin) if origin is not None else None


def speaking_party(context: QuoteContext, token: Token) -> Token | None:
    """Who speaks when `token` heads the origin: a name, a pronoun or a person or body noun
    as it is; for a thing ("a Kremlin statement", "a report by Amnesty") the person or
    organisation the phrase names; for a thing naming no one ("a briefing"), nobody."""
    if context.in_address(token):
        return None
    if (
        token.ent_type_ in SPEAKER_ENTITIES
        or is_name(token)
        or token.pos_ == "PRON"
        or token.lower_ in PERSON_PRONOUN_FORMS
    ):
        return token
    if token.pos_ != "NOUN" or is_agent_noun((token.lemma_ or token.lower_).lower()):
        return token  # a role or body noun, resolved later to the name it stands for
    named = [
        t
        for t in context.doc[token.left_edge.i : token.i]
        if t.ent_type_ in GIVER_ENTITIES and not context.in_address(t)
    ]
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ORIGIN_PREPOSITIONS:
            named += [g for g in child.children if g.dep_ == "pobj" and g.ent_type_ in GIVER_ENTITIES]
    if named:
        return named[-1] if named[-1].i < token.i else named[0]
    # "a ministry statement", "the newspaper's report": a body noun modifying the thing
    bodies = [
        c
        for c in token.lefts
        if c.dep_ in ("compound", "poss", "nmod") and c.pos_ == "NOUN" and is_agent_noun((c.lemma_ or c.lower_).lower())
    ]
    return bodies[-1] if bodies else None


def is_institution(token: Token) -> bool:
    """An organisation, government or place speaking as a body ("the White House", "the ministry")."""
    if token.ent_type_ in INSTITUTION_ENTITIES:
        return True
    return token.pos_ in ("NOUN", "PROPN") and token.tag_ not in ("NNS", "NNPS") and token.lemma_.lower() in ORG_NOUNS


def person_named_by(token: Token) -> Token | None:
    """`token` when it is a person's name, or the name in apposition to a role noun
    ("its spokesman, Ivan Petrov")."""
    if token.ent_type_ == "PERSON":
        return token
    if token.lemma_.lower() in PERSON_NOUNS:
        for child in token.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                return child
    return None


def voice_institution(context: QuoteContext, quote: QuoteSpan) -> None:
    """An institution's statement voiced by a person the same sentence names ("The White
    House said it sees 'no indication' …, as John Kirby put it" · "…, the ministry said,
    according to spokeswoman Anna Berg"): the person is the speaker."""
    if quote.speaker is None or quote.cue_at < 0:
        return
    head = context.token_at(quote.speaker[1] - 1)
    if head is None or not is_institution(head):
        return
    cue = context.doc[quote.cue_at]
    sent_start, sent_end = context.sentence_bounds(cue, *context.paragraph_around(cue.idx))
    for token in context.tokens_in(sent_start, sent_end):
        if token.i == cue.i or context.is_quoted(token) or quote.start <= token.idx < quote.end:
            continue
        if not is_reporting(token) or is_passive_participle(token):
            continue
        if token.dep_ == "relcl" or any(c.dep_ == "mark" and c.lower_ != "as" for c in token.children):
            continue  # "…, after Biden told reporters …" reports something else
        subject = subject_of(token, sent_start, sent_end)
        person = person_named_by(subject) if subject is not None and not context.is_quoted(subject) else None
        if person is not None:
            quote.speaker = mention_span(person)
            return
