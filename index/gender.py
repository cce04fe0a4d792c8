"""What a name or an honorific says of a person's gender, as data: for pronoun agreement and merges.

He/she resolution and actor merging both need to know that "Mrs Howard" is not "Michael
Howard" and that "she said" does not point to Tony Blair. The evidence is the text's own
(an honorific, earlier pronouns) first, then a first name looked up in gender-guesser's list
of about 40,000 first names. A name the list does not know, or gives to both sexes, says
nothing: the rules then fall back to what the text says.
"""

from __future__ import annotations

import functools
from typing import Any, Literal

from index.lexicon import (
    FEMALE_HONORIFICS,
    FEMALE_ROLE_NOUNS,
    HE_PRONOUNS,
    MALE_HONORIFICS,
    MALE_ROLE_NOUNS,
    SHE_PRONOUNS,
)

Gender = Literal["male", "female", ""]


def _sex_of(key: str, male: frozenset[str], female: frozenset[str]) -> Gender:
    return "male" if key in male else "female" if key in female else ""


def honorific_gender(word: str) -> Gender:
    """The sex an honorific or rank states ("Mrs." -> female), else ""."""
    return _sex_of(word.casefold().rstrip("."), MALE_HONORIFICS, FEMALE_HONORIFICS)


def role_gender(word: str) -> Gender:
    """The sex a role noun states ("spokeswoman", "chairman"), else ""."""
    return _sex_of(word.casefold(), MALE_ROLE_NOUNS, FEMALE_ROLE_NOUNS)


def pronoun_gender(word: str) -> Gender:
    """The sex a third-person pronoun states ("her" -> female), else ""."""
    return _sex_of(word.casefold(), HE_PRONOUNS, SHE_PRONOUNS)


@functools.lru_cache(maxsize=1)
def _detector() -> Any:
    """gender-guesser's detector, loaded once (about 0.1 s); None when the package is absent."""
    try:
        import gender_guesser.detector as detector
    except ImportError:  # the lookup is a help, not a requirement: the text's evidence still counts
        return None
    return detector.Detector(case_sensitive=False)


def _listed(name: str) -> str:
    """gender-guesser's answer for a first name ("male", "andy", "unknown", …), "" when there is no
    list or the word cannot be a first name."""
    detector = _detector()
    word = name.strip().strip(".")
    if detector is None or len(word) < 2 or not word[:1].isalpha():
        return ""
    return str(detector.get_gender(word))


@functools.lru_cache(maxsize=65536)
def first_name_gender(name: str) -> Gender:
    """The sex a first name is given to in gender-guesser's list ("Hillary" -> female), "" when
    the list does not know it or gives it to both ("Kim", "Jo", "Sundar")."""
    answer = _listed(name)
    if answer == "male":
        return "male"
    if answer == "female":
        return "female"
    return ""  # mostly_male, mostly_female, andy, unknown: not evidence enough to keep people apart


@functools.lru_cache(maxsize=65536)
def is_first_name(name: str) -> bool:
    """Whether gender-guesser's list holds the word as a first name of either sex ("Lindsey",
    "Kim" too): a word that may begin a personal name."""
    return _listed(name) not in ("", "unknown")


def name_gender(name: str) -> Gender:
    """The sex a written name states: its honorific ("Mrs Howard") or else its first word's
    first-name gender ("Michael Howard"); "" for a bare surname or an unknown first name."""
    words = name.replace(".", " ").split()
    if not words:
        return ""
    by_title = honorific_gender(words[0])
    if by_title:
        return by_title
    if len(words) < 2:
        return ""  # a lone word is a surname as often as a first name
    return first_name_gender(words[0])


def conflicting(a: Gender, b: Gender) -> bool:
    """Two genders that rule out one person: both known and different."""
    return bool(a) and bool(b) and a != b
