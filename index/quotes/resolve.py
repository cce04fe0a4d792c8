"""Pronoun and nominal speakers ("he said", "the senior official added") resolved to a name.

A speaker that names no one by itself stands for the previous quote's speaker when the quotes
follow on, else the most recent named person (or organisation, for "the ministry said")
before it; "it" and "one" left unresolved name no speaker at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from index.lexicon import NON_NAMING_SUBJECTS, ORG_NOUNS, PERSON_NOUNS, PERSON_PRONOUN_FORMS
from index.quotes.context import BODY_ENTITIES
from index.quotes.span import CharSpan, QuoteSpan
from index.quotes.speakers import is_name, mention_span

if TYPE_CHECKING:
    from spacy.tokens import Token

    from index.quotes.context import QuoteContext

# A pronoun this many paragraphs after an attributed quote still points to its speaker.
SPEAKER_CONTINUITY_PARAGRAPHS = 2
# What a speaker that names no one stands for: a person, an organisation, or nothing to resolve.
Referent = Literal["person", "org", ""]


def needs_resolution(token: Token) -> Referent:
    """What a pronoun or definite role noun stands for."""
    lower = token.lower_
    if lower in PERSON_PRONOUN_FORMS:
        return "person"
    if lower == "it":
        # "…, it has been confirmed": an empty subject of a passive names no one
        passive = token.dep_ in ("nsubjpass", "expl") or any(c.dep_ == "auxpass" for c in token.head.children)
        return "" if passive else "org"
    if token.ent_type_ in ("PERSON", *BODY_ENTITIES) or is_name(token):
        return ""
    if token.pos_ not in ("NOUN", "PROPN") or token.tag_ in ("NNS", "NNPS"):
        return ""
    determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
    if not any(d in ("the", "this", "that") for d in determiners):
        return ""
    lemma = token.lemma_.lower()
    if lemma in PERSON_NOUNS:
        return "person"
    if lemma in ORG_NOUNS:
        return "org"
    return ""


def resolve(context: QuoteContext, token: Token, before: int, previous: list[QuoteSpan]) -> CharSpan | None:
    """The name mention the speaker `token` of a quote starting at `before` stands for, given
    the quotes resolved before it; None when it is a name already or stands for nobody known."""
    if token.lower_ == "one":
        return named_one(token)
    want = needs_resolution(token)
    if not want:
        return None
    # Same role noun as an earlier unresolved speaker ("a source said … the source added"):
    lemma = token.lemma_.lower()
    for quote in reversed(previous):
        if quote.speaker is None:
            continue
        head = context.token_at(quote.speaker[1] - 1)
        if head is not None and head.lemma_.lower() == lemma and quote.resolved == quote.speaker and want != "person":
            return quote.resolved
    limit_paragraph = context.paragraph_of(before) - 3
    last_speaker = None
    last_paragraph = -10
    for quote in reversed(previous):
        if quote.resolved is None or context.paragraph_of(quote.start) < limit_paragraph:
            continue
        head = context.token_at(quote.resolved[1] - 1)
        kind_ok = head is not None and (
            (
                want == "person"
                and (head.ent_type_ == "PERSON" or head.pos_ == "PROPN")
                and head.ent_type_ not in ("GPE", "NORP")
            )
            or (want == "org" and head.ent_type_ in BODY_ENTITIES)
        )
        if kind_ok:
            last_speaker = quote.resolved
            last_paragraph = context.paragraph_of(quote.start)
            break
    pool = context.persons if want == "person" else context.bodies
    candidates = [
        ent
        for ent in pool
        if ent.end_char <= before and not context.quoted[ent.start_char] and ent.start_char < token.idx
    ]
    if last_speaker is not None:
        recent = context.paragraph_of(before) - last_paragraph <= SPEAKER_CONTINUITY_PARAGRAPHS
        if recent or token.lower_ not in PERSON_PRONOUN_FORMS | {"it"}:
            return last_speaker  # quotes that follow on share their speaker
    if token.lower_ == "it":
        return None  # "it" stands for a body that just spoke, not any body named before
    if want == "person":
        # Else a person named as a sentence subject, most recent first ("Biden … He said").
        subjects = [
            e
            for e in candidates
            if e.root.dep_ in ("nsubj", "nsubjpass")
            and e.root.head.dep_ == "ROOT"
            and (last_speaker is None or e.start_char > last_speaker[1])
        ]
        if subjects:
            return subjects[-1].start_char, subjects[-1].end_char
    if candidates:
        return candidates[-1].start_char, candidates[-1].end_char
    return None


def named_one(token: Token) -> CharSpan | None:
    """ "one of the Guildford Four, Gerry Conlon - …, said": the name set beside "one"."""
    verb = token.head
    beside = [c for c in token.children if c.dep_ == "appos"] + [
        c for c in verb.children if c.dep_ in ("appos", "npadvmod") and token.i < c.i < verb.i
    ]
    for name in beside:
        if name.ent_type_ == "PERSON" or is_name(name):
            return mention_span(name)
    return None


def resolve_all(context: QuoteContext, quotes: list[QuoteSpan]) -> None:
    """Set each quote's resolved speaker, in text order; a speaker that names no one and stays
    unresolved ("it", "one") is dropped and the quote marked `unnamed`."""
    done: list[QuoteSpan] = []
    for quote in quotes:
        if quote.speaker is not None:
            token = context.token_at(quote.speaker[1] - 1)
            resolved = resolve(context, token, quote.start, done) if token is not None else None
            if resolved is None and token is not None and token.lower_ in NON_NAMING_SUBJECTS:
                quote.speaker, quote.unnamed = None, True  # "it", "one" unresolved name no speaker
                continue
            quote.resolved = resolved or quote.speaker
        done.append(quote)
