"""Personal names as text: folded for comparison, cleaned of honorifics, and told from other words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.addresses import looks_like_address
from index.aliases import normalise_name
from index.lexicon import (
    ADDRESS_FORMS,
    COMMON_SUBJECTS,
    DEMONYM_FORMS,
    DETERMINERS,
    HONORIFICS,
    NAME_PARTICLES,
    NATIONALITY_ADJECTIVES,
    NOT_ACTOR_HEADS,
    OFFICE_WORDS,
    ORG_CUES,
    ORG_NOUNS,
    PEOPLE_NOUNS,
    PERSON_NOUNS,
    POSSESSIVE_ENDING,
    POST_NOMINALS,
    PRONOUNS,
    TITLE_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def is_address_form(token: Token) -> bool:
    """ "Mr", "Mrs", "Ms" as written before a name: a form of address and nothing else."""
    word = token.text.rstrip(".")
    return word[:1].isupper() and word[1:].islower() and word.lower() in ADDRESS_FORMS  # (not "MS", the illness)


def fold(text: str) -> str:
    """Lowercase, accents removed, punctuation other than inner apostrophes/hyphens dropped."""
    return normalise_name(text)


def clean_name(text: str) -> str:
    """A name as written without a leading honorific or "the", a possessive or edge punctuation."""
    words = text.strip().split()
    while words and (words[0].lower().rstrip(".") in HONORIFICS or words[0].lower() == "the"):
        words.pop(0)
    while len(words) > 1 and words[-1].lower().strip(",.") in POST_NOMINALS:
        words.pop()  # "Philippe Sands QC"
    return POSSESSIVE_ENDING.sub("", " ".join(words)).strip(" ,.;:")


def looks_like_name(text: str) -> bool:
    """ "Dmitry Peskov" yes; "he", "the official", "a senior NSC official" no."""
    words = text.strip().split()
    if not words or len(words) > 4 or words[0].lower() in PRONOUNS or words[0].lower() in ("the", "a", "an"):
        return False
    name = clean_name(text).split()
    if not name:
        return False
    if looks_like_address(text):
        return False
    # A particle joins name words ("von der Leyen") but is never a name alone ("de", "ten").
    return any(w.lower() not in NAME_PARTICLES for w in name) and all(
        (w[:1].isupper() and any(c.isalpha() for c in w) and w.lower().rstrip(".") not in TITLE_WORDS)
        or w.lower() in NAME_PARTICLES
        for w in name
    )


def names_no_actor(text: str, before: str = "", body: str = "") -> bool:
    """ "Welsh", "Home", "Critics", "the Bill", "the Criminal Justice Bill": words a speaker phrase
    can be that name no person, body, place or group (`before`: the word written before the
    phrase; `body`: the article, where a common noun is also written in lower case)."""
    words = fold(clean_name(text)).split()
    if not words:
        return True
    if len(words) == 1:
        word = words[0]
        singular = word[:-1] if word.endswith("s") else word
        if (
            word in NATIONALITY_ADJECTIVES
            or word in OFFICE_WORDS
            or word in COMMON_SUBJECTS
            or word in DEMONYM_FORMS
            or word in DETERMINERS
            or {word, singular} & (PEOPLE_NOUNS | PERSON_NOUNS | ORG_NOUNS | ORG_CUES | TITLE_WORDS)
            or word.endswith("ing")
            or (body and re.search(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", body) is not None)
        ):
            return True
    opener = (text.strip().split() or [""])[0].lower()
    return words[-1] in NOT_ACTOR_HEADS and (len(words) > 1 or opener in DETERMINERS or before.lower() in DETERMINERS)
