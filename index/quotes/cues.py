"""Cues: the tokens that report speech ("said", "according to", "as X put it"), and their text.

A cue is a reporting verb used for someone's statement; a verb of addressing in the passive
("she was asked"), the writer's own frame ("…, our correspondent reports") and a passive
participle ("as reported") are not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.lexicon import ADDRESS_VERBS, JOURNALIST_NOUNS, JOURNALIST_VERBS, REDUCED_CLAUSE_OPENERS, REPORTING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from index.quotes.context import QuoteContext


def _followed_by(token: Token, word: str) -> bool:
    return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == word


def is_put_it(token: Token) -> bool:
    """The "put" of "as Kirby put it"."""
    return token.lower_ == "put" and _followed_by(token, "it")


def is_speech_word(token: Token) -> bool:
    """A reporting verb (by its lemma), or the "according" of "according to" or the "put" of
    "put it"."""
    if token.lower_ == "according":
        return _followed_by(token, "to")
    if token.lower_ == "put":  # "as Kirby put it"
        return _followed_by(token, "it")
    lemma = (token.lemma_ or token.lower_).lower()
    if lemma not in REPORTING_VERBS:
        return False
    if token.pos_ in ("VERB", "AUX"):
        return True
    # The small model tags some reporting verbs as nouns or adjectives in odd text
    # ("Biden mentioned on the White Home"); trust the word when it is inflected.
    return token.tag_ in ("VBD", "VBZ", "VBN", "VBG", "VBP") or token.lower_.endswith(("ed", "s"))


def is_addressed(verb: Token) -> bool:
    """ "Kirby was asked whether …", "she was told that …": in the passive, a verb of
    addressing has the listener as its subject; what follows is not the subject's word."""
    if (verb.lemma_ or verb.lower_).lower() not in ADDRESS_VERBS:
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    # "When asked whether …, Kirby said": a reduced clause with no subject of its own
    # (the tagger may call "asked" a past tense there, not a participle).
    return (
        verb.dep_ == "advcl"
        and not any(c.dep_ in ("nsubj", "csubj", "expl") for c in verb.children)
        and any(c.dep_ in ("advmod", "mark") and c.lower_ in REDUCED_CLAUSE_OPENERS for c in verb.children)
    )


def is_newsroom_frame(verb: Token) -> bool:
    """ "…, TURAN's Washington correspondent reports": the writer's own byline frame."""
    if (verb.lemma_ or verb.lower_).lower() not in JOURNALIST_VERBS:
        return False
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in JOURNALIST_NOUNS for c in verb.children)


def is_reporting(token: Token) -> bool:
    """A cue: a speech word that reports the statement of its subject."""
    return is_speech_word(token) and not is_newsroom_frame(token) and not is_addressed(token)


def is_passive_participle(verb: Token) -> bool:
    """ "When asked whether …", "as reported": the verb's subject is not its speaker."""
    if verb.tag_ != "VBN":
        return False
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent")]
    return not own


def find_cue(context: QuoteContext, start: int, end: int, nearest_to: int) -> Token | None:
    """The cue outside quote marks in [start, end) nearest the offset `nearest_to`, else the
    "put" of "as X put it"."""
    best = None
    for token in context.tokens_in(start, end):
        if context.is_quoted(token) or not is_reporting(token):
            continue
        if best is None or abs(token.idx - nearest_to) < abs(best.idx - nearest_to):
            best = token
    if best is None:
        # "as X put it"
        for token in context.tokens_in(start, end):
            if is_put_it(token):
                return token
    return best


def cue_text(token: Token) -> str:
    """The cue as stored: the verb with its particle ("pointed out"), "according to", "put it"."""
    if token.lower_ == "according":
        return "according to"
    if is_put_it(token):
        return "put it"
    particles = [c for c in token.children if c.dep_ == "prt" and c.i == token.i + 1]
    if particles:
        return f"{token.text} {particles[0].text}"
    return token.text
