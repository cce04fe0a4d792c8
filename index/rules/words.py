"""How the no-model rules read one token: its shape, and whether it is a title or a reporting verb."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from index.lexicon import (
    DOUBLED_FINAL_CONSONANT,
    HONORIFICS,
    IRREGULAR_FORMS,
    REPORTING_VERBS,
    ROLE_MODIFIERS,
    TITLE_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

QUOTE_CHARS = "\"'“”‘’«»„‚‹›"
SENTENCE_ENDS = ".!?"


def _inflections(lemma: str) -> dict[str, str]:
    """Past, third-person and -ing forms of a regular English verb, with their tags."""
    forms = {lemma: "VB"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms[lemma + "es"] = "VBZ"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms[lemma[:-1] + "ies"] = "VBZ"
    else:
        forms[lemma + "s"] = "VBZ"
    stem = lemma + lemma[-1] if lemma in DOUBLED_FINAL_CONSONANT else lemma
    if lemma.endswith("e"):
        forms[lemma + "d"] = "VBD"
        forms[lemma[:-1] + "ing"] = "VBG"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms[lemma[:-1] + "ied"] = "VBD"
        forms[lemma + "ing"] = "VBG"
    else:
        forms[stem + "ed"] = "VBD"
        forms[stem + "ing"] = "VBG"
    for irregular in IRREGULAR_FORMS.get(lemma, ()):
        forms[irregular] = "VBD"
    return forms


def _reporting_forms(lemmas: Iterable[str]) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for lemma in sorted(lemmas):
        for form, tag in _inflections(lemma).items():
            table.setdefault(form, (lemma, tag))
    return table


# Inflected form -> (lemma, tag) for every reporting verb the extractor knows.
REPORTING_FORMS = _reporting_forms(REPORTING_VERBS)


def reporting_form(token: Token) -> tuple[str, str] | None:
    """(lemma, tag) when the token is a form of a reporting verb, else None."""
    return REPORTING_FORMS.get(token.lower_)


def is_capitalised(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and any(c.isalpha() for c in text)


def is_acronym(token: Token) -> bool:
    letters = token.text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() and letters.lower() not in STOP_WORDS


def word_of(token: Token) -> str:
    """The token lowercased, without a trailing full stop ("Mr." -> "mr")."""
    return token.lower_.rstrip(".")


def ends_line(token: Token) -> bool:
    return "\n" in token.whitespace_


def is_title(token: Token) -> bool:
    return word_of(token) in TITLE_WORDS or word_of(token) in HONORIFICS


def is_role_head(token: Token) -> bool:
    """A title word that alone says a person's name follows ("spokesman X", "Mr. X")."""
    return is_title(token) and word_of(token) not in ROLE_MODIFIERS
